//! `validation.json`: constants in a path and in a body, sent by the client without the
//! caller naming them.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_validation::models::{
    ChildProduct, ChildProductConstProperty, ConstantProduct, ConstantProductConstProperty2,
    Product,
};
use ts_validation::AutoRestValidationTestClient as Client;
use vanilla::{done, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = Client::builder("abc123", "12-34-5678")
        .endpoint(&url())
        .expect("endpoint")
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let mut c = Checks::new();
    c.check(&["ConstantsInPath"], async {
        done(client.get_with_constant_in_path().await)
    })
    .await;
    c.check(&["ConstantsInBody"], async {
        let product = Product {
            display_names: None,
            capacity: None,
            image: None,
            child: ChildProduct {
                const_property: ChildProductConstProperty::Constant,
                count: None,
            },
            const_child: ConstantProduct {
                const_property: ChildProductConstProperty::Constant,
                const_property2: ConstantProductConstProperty2::Constant2,
            },
            const_int: 0,
            const_string: ChildProductConstProperty::Constant,
            const_string_as_enum: None,
        };
        value(
            "echo",
            client
                .post_with_constant_in_body(Some(product.clone()))
                .await,
            product,
        )
    })
    .await;
    c.finish()
}
