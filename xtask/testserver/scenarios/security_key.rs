//! `security-key.json`: an API key in a header, from the spec's security scheme.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_security_key::{Authentication as _, AutorestSecurityKeyClient as Client};
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = Client::builder()
        .endpoint(&url())
        .expect("endpoint")
        .azure_key("123456789")
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let mut c = Checks::new();
    c.check(&["SecurityKey"], async { done(client.head().await) })
        .await;
    c.finish()
}
