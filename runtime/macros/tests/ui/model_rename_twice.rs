use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    #[wire(rename = "a")]
    #[wire(rename = "b")]
    pub name: String,
}

fn main() {}
