use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State {
    On,
    Dimmed { level: u8 },
}

fn main() {}
