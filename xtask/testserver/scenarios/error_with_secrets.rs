//! `error-with-secrets.json`: an error response whose body carries secrets.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_error_with_secrets::ErrorWithSecretsClient as Client;
use vanilla::status;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["ErrorWithSecrets"], async {
        status(403, client.get_error_with_secrets().await)
    })
    .await;
    c.finish()
}
