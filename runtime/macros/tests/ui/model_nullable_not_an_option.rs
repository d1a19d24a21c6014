use apigen_runtime::Model;

#[derive(Model)]
pub struct Record {
    #[wire(nullable)]
    pub note: String,
}

fn main() {}
