use apigen_runtime::Model;

#[derive(Model)]
pub enum State {
    On,
    Off,
}

fn main() {}
