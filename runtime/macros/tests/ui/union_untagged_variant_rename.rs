use apigen_runtime::Union;

#[derive(Union)]
#[wire(untagged)]
pub enum Amount {
    #[wire(rename = "int")]
    Integer(i64),
    Text(String),
}

fn main() {}
