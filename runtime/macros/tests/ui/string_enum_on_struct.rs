use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub struct State {
    pub value: String,
}

fn main() {}
