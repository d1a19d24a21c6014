//! `parameterized-endpoint.json`: the whole endpoint is a host-template variable.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_parameterized_endpoint::ParmaterizedEndpointClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = Client::builder()
        .server_variable("endpoint", url())
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let mut c = Checks::new();
    c.check(&["GetParameterizedHostWithNameEndpoint"], async {
        done(client.get().await)
    })
    .await;
    c.finish()
}
