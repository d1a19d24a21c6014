use apigen_runtime::Model;

// All fields optional: the derive reads from `Default`, which this struct lacks.
#[derive(Model)]
pub struct Widget {
    pub name: Option<String>,
}

fn main() {}
