use apigen_runtime::Union;

#[derive(Union)]
#[wire(tag = "kind")]
pub enum Pet {
    #[wire(other)]
    Unknown(serde_json::Value),
    #[wire(other)]
    Other(serde_json::Value),
}

fn main() {}
