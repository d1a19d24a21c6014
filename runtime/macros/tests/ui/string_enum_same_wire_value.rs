use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State {
    On,
    #[wire(rename = "On")]
    Enabled,
}

fn main() {}
