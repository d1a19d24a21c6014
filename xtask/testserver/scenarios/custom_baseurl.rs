//! `custom-baseUrl.json`: a host template (`{accountName}{host}`) with the scheme prefixed.
//! The swagger has no `schemes`, so the template's scheme is `https`; the test server speaks
//! plain HTTP, which the client is told with `server_scheme`.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_custom_baseurl::AutoRestParameterizedHostTestClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // `http://127.0.0.1:<port>` as the account `127.0.0.1` on the host `:<port>`.
    let base = url();
    let authority = base.split_once("://").expect("a URL").1;
    let (account, port) = authority.rsplit_once(':').expect("a URL with a port");
    let mut c = Checks::new();
    c.check(&["CustomBaseUri"], async {
        let client = Client::builder()
            .server_variable("accountName", account)
            .server_variable("host", format!(":{port}"))
            .server_scheme("http")
            .http_client(testserver_scenarios::http())
            .build()?;
        testserver_scenarios::eq(
            "endpoint",
            client.runtime().endpoint().as_str(),
            &format!("{base}/"),
        )?;
        done(client.path_operations().paths_get_empty().await)
    })
    .await;
    c.finish()
}
