//! `any-type.json`: bodies of any JSON type (a schema without `type`), both ways.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_any_type::AnythingClient as Client;
use vanilla::{done, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["GetObjectAsAnything"], async {
        value(
            "object",
            k.get_object().await,
            json!({"message": "An object was successfully returned"}),
        )
    })
    .await;
    c.check(&["PutObjectAsAnything"], async {
        done(k.put_object(json!({"foo": "bar"})).await)
    })
    .await;
    c.check(&["GetStringAsAnything"], async {
        value("string", k.get_string().await, json!("anything"))
    })
    .await;
    c.check(&["PutStringAsAnything"], async {
        done(k.put_string(json!("anything")).await)
    })
    .await;
    c.check(&["GetArrayAsAnything"], async {
        value("array", k.get_array().await, json!(["foo", "bar"]))
    })
    .await;
    c.check(&["PutArrayAsAnything"], async {
        done(k.put_array(json!(["foo", "bar"])).await)
    })
    .await;
    c.finish()
}
