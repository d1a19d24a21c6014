use apigen_runtime::Union;

#[derive(Union)]
#[wire(tag = "kind")]
pub enum Pet<T> {
    Cat(T),
}

fn main() {}
