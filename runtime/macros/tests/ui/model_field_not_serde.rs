use apigen_runtime::Model;

pub struct Handle;

#[derive(Model)]
pub struct Widget {
    pub name: String,
    pub handle: Handle,
}

fn main() {}
