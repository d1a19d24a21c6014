use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State {
    #[wire(date_time)]
    On,
}

fn main() {}
