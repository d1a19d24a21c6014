//! `head.json`: HEAD operations that document a 404 are existence checks, `true` for a 2xx
//! and `false` for the 404.

use testserver_scenarios::{eq, Checks};
use ts_head::AutoRestHeadTestServiceClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let h = client.http_success_operations();
    let mut c = Checks::new();
    c.check(&["HttpSuccess200Head"], async {
        eq("exists", h.http_success_head200().await?, true)
    })
    .await;
    c.check(&["HttpSuccess204Head"], async {
        eq("exists", h.http_success_head204().await?, true)
    })
    .await;
    c.check(&["HttpSuccess404Head"], async {
        eq("exists", h.http_success_head404().await?, false)
    })
    .await;
    c.finish()
}
