use apigen_runtime::Union;

#[derive(Union)]
#[wire(tag = "kind")]
pub struct Pet {
    pub kind: String,
}

fn main() {}
