//! `custom-baseUrl-more-options.json`: a host template of three variables without a scheme
//! prefix (`{vault}{secret}{dnsSuffix}`), a client-wide path parameter and a query.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::{url, Checks};
use ts_custom_baseurl_more_options::AutoRestParameterizedCustomHostTestClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // The server's URL split over the three variables: `http://127.0` + `.0.1` + `:<port>`.
    let base = url();
    let (host, port) = base.rsplit_once(':').expect("a URL with a port");
    let (vault, secret) = host.split_at(host.len() - 4);
    let client = Client::builder("test12")
        .server_variable("vault", vault)
        .server_variable("secret", secret)
        .server_variable("dnsSuffix", format!(":{port}"))
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let mut c = Checks::new();
    c.check(&["CustomBaseUriMoreOptions"], async {
        done(
            client
                .path_operations()
                .paths_get_empty("key1")
                .key_version("v1")
                .await,
        )
    })
    .await;
    c.finish()
}
