//! `body-binary.json`: a binary-format body sent as JSON and as an octet stream, and an error
//! answered to a binary download.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_body_binary::BinaryWithContentTypeApplicationJsonClient as Client;
use vanilla::{done, status};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["BodyBinaryFile"], async {
        done(client.upload().file(json!({"more": "cowbell"})).await)
    })
    .await;
    c.check(&["BodyBinaryOctet"], async {
        done(client.upload().binary(b"\x00\x01binary".to_vec()).await)
    })
    .await;
    c.check(&["BodyBinaryError"], async {
        status(400, client.download().error_stream().await)
    })
    .await;
    c.finish()
}
