use apigen_runtime::{Model, Union};

#[derive(Model)]
pub struct Cat {
    pub name: String,
}

#[derive(Union)]
#[wire(tag = "kind")]
pub enum Pet {
    Cat(Cat),
    Dog,
}

fn main() {}
