use apigen_runtime::Model;

#[derive(Model)]
#[wire(rename = "widget")]
pub struct Widget {
    pub name: String,
}

fn main() {}
