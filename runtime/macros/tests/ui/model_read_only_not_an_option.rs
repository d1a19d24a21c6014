use apigen_runtime::Model;

#[derive(Model)]
pub struct Record {
    #[wire(read_only)]
    pub id: String,
}

fn main() {}
