//! `body-boolean.json`: `true`/`false` bodies both ways, a null and an invalid body.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_boolean::AutoRestBoolTestServiceClient as Client;
use vanilla::{done, null, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let b = client.bool_operations();
    let mut c = Checks::new();
    c.check(&["getBoolTrue"], async {
        value("true", b.bool_get_true().await, true)
    })
    .await;
    c.check(&["putBoolTrue"], async {
        done(b.bool_put_true(true).await)
    })
    .await;
    c.check(&["getBoolFalse"], async {
        value("false", b.bool_get_false().await, false)
    })
    .await;
    c.check(&["putBoolFalse"], async {
        done(b.bool_put_false(false).await)
    })
    .await;
    c.check(&["getBoolNull"], async { null!(b.bool_get_null().await) })
        .await;
    c.check(&["getBoolInvalid"], async {
        rejects(b.bool_get_invalid().await)
    })
    .await;
    c.finish()
}
