use apigen_runtime::Union;

#[derive(Union)]
#[wire(tag)]
pub enum Pet {
    #[wire(other)]
    Other(serde_json::Value),
}

fn main() {}
