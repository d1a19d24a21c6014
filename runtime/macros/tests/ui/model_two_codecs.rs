use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    #[wire(date_time, date)]
    pub created: Option<time::OffsetDateTime>,
}

fn main() {}
