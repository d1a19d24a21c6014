use apigen_runtime::Model;
use std::collections::BTreeMap;

#[derive(Model)]
pub struct Widget {
    #[wire(flatten)]
    pub a: BTreeMap<String, serde_json::Value>,
    #[wire(flatten)]
    pub b: BTreeMap<String, serde_json::Value>,
}

fn main() {}
