use apigen_runtime::Model;

#[derive(Model)]
pub struct Page<T> {
    pub value: Vec<T>,
}

fn main() {}
