use apigen_runtime::{Model, Union};

#[derive(Model)]
pub struct Salmon {
    pub length: f64,
}

#[derive(Union)]
#[wire(tag = "fishtype")]
pub enum AnySalmon {
    #[wire(base)]
    Salmon(Salmon),
    #[wire(base)]
    Wild(Salmon),
    #[wire(other)]
    Unknown(serde_json::Value),
}

fn main() {}
