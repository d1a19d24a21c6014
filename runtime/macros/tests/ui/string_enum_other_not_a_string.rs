use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State {
    On,
    Other(u32),
}

fn main() {}
