use apigen_runtime::Model;

#[derive(Model)]
pub struct Widget {
    pub display_name: Option<String>,
    #[wire(rename = "displayName")]
    pub name: Option<String>,
}

impl Default for Widget {
    fn default() -> Self {
        Widget { display_name: None, name: None }
    }
}

fn main() {}
