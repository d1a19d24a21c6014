use apigen_runtime::Model;

// All fields optional: read through the shared driver, one arm per field.
#[derive(Model, Default)]
pub struct Widget {
    #[wire(date)]
    pub created: Option<String>,
}

fn main() {}
