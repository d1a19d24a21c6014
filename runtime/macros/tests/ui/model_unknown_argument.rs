use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    #[wire(renam = "x")]
    pub name: String,
}

fn main() {}
