use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State {
    On,
    Other(String),
    Unknown(String),
}

fn main() {}
