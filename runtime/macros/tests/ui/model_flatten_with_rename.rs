use apigen_runtime::Model;
use std::collections::BTreeMap;

#[derive(Model)]
pub struct Widget {
    pub name: String,
    #[wire(flatten, rename = "rest")]
    pub rest: BTreeMap<String, serde_json::Value>,
}

fn main() {}
