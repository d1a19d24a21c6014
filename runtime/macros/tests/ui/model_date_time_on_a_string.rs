use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    #[wire(date_time)]
    pub created: String,
}

fn main() {}
