use apigen_runtime::StringEnum;

#[derive(StringEnum)]
pub enum State<T> {
    On,
    Other(T),
}

fn main() {}
