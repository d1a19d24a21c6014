//! `object-type.json`: a free-form `type: object` body both ways, and the error the server
//! answers for an object it does not expect.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_object_type::ObjectTypeClient as Client;
use vanilla::{done, status, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["ObjectTypeResponse"], async {
        value(
            "object",
            k.get().await,
            json!({"message": "An object was successfully returned"}),
        )
    })
    .await;
    c.check(&["ObjectTypePut"], async {
        done(k.put(json!({"foo": "bar"})).await)
    })
    .await;
    c.check(&["ObjectTypeErrorResponse"], async {
        status(400, k.put(json!({"should": "fail"})).await)
    })
    .await;
    c.finish()
}
