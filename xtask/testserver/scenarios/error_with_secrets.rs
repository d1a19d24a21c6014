//! `error-with-secrets.json`: an error response whose body carries secrets, and a request that
//! sends them (an API key in `Authorization`, a query key, a body).

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::{Json, Method};
use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_error_with_secrets::models::SecretResponse;
use ts_error_with_secrets::{Authentication, ErrorWithSecretsClient as Client};
use vanilla::{status, value};

const KEY: &str = "1c88a67921784300a462b2cb61da2339";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(
        Client::builder();
        shared_key(format!("SharedKey {KEY}"))
    );
    let mut c = Checks::new();
    c.check(&["ErrorWithSecrets"], async {
        status(403, client.get_error_with_secrets().await)
    })
    .await;
    // The swagger declares neither the query key nor the body the server wants: the caller
    // adds them through the runtime's request, with the operation's security requirement.
    c.check(&["RequestWithSecrets"], async {
        let call = client
            .runtime()
            .request(Method::POST, "/secrets/:create", &[])
            .security(&[&["SharedKey"]])
            .query("key", KEY)
            .json(&json!({ "key": KEY }))
            .call::<SecretResponse, Json>();
        value(
            "secret",
            call.await,
            SecretResponse {
                key: KEY.into(),
                value: "secret".into(),
            },
        )
    })
    .await;
    c.finish()
}
