use apigen_runtime::Union;

#[derive(Union)]
#[wire(untagged, keep_tag)]
pub enum Amount {
    Integer(i64),
    Text(String),
}

fn main() {}
