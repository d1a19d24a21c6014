use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    #[wire(rename = 5)]
    pub name: String,
}

fn main() {}
