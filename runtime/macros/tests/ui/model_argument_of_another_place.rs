use apigen_runtime::Model;

// `tag` belongs on a Union; on a field it would be silently meaningless.
#[derive(Model)]
pub struct Widget {
    #[wire(tag = "kind")]
    pub kind: String,
}

fn main() {}
