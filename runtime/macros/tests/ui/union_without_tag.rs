use apigen_runtime::{Model, Union};

#[derive(Model)]
pub struct Cat {
    pub name: String,
}

#[derive(Union)]
pub enum Pet {
    Cat(Cat),
}

fn main() {}
