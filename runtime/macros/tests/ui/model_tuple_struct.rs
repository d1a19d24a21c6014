use apigen_runtime::Model;

#[derive(Model)]
pub struct Id(String);

fn main() {}
