use apigen_runtime::Model;
use std::collections::BTreeMap;

#[derive(Model)]
pub struct Widget {
    pub name: String,
    #[wire(flatten)]
    pub rest: Option<BTreeMap<String, serde_json::Value>>,
}

fn main() {}
