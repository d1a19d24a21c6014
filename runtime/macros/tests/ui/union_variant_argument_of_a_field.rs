use apigen_runtime::Union;

#[derive(Union)]
#[wire(tag = "kind")]
pub enum Pet {
    #[wire(flatten)]
    Other(serde_json::Value),
}

fn main() {}
