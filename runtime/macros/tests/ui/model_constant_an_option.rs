use apigen_runtime::Model;

#[derive(Model)]
pub struct Record {
    #[wire(constant)]
    pub kind: Option<String>,
}

fn main() {}
