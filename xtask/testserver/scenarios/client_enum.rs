//! `client-enum.json`: a client-wide header whose enum has one value, sent on every call.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_client_enum::ClientWithEnumClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["ClientWithEnumParam"], async {
        done(client.head().await)
    })
    .await;
    c.finish()
}
