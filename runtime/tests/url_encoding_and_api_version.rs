//! What the generated code asks of a request beyond plain parameters, against a loopback
//! server: `{+name}` path placeholders and `query_raw` send `x-ms-skip-url-encoding` values as
//! given; `own_api_version` keeps the client's api-version off an operation that sends its own
//! or deliberately none (the test server's `AzureApiVersionMethodLocalNull`).

mod common;

use apigen_runtime::{Method, NoBody};
use common::*;
use serde_json::json;

async fn recorder() -> TestServer {
    serve(|_r: Recorded| async { json(200, json!({})) }).await
}

#[tokio::test]
async fn unencoded_path_and_query_are_sent_as_given() {
    let srv = recorder().await;
    let c = client(&srv.url);
    c.request(
        Method::GET,
        "/skip/{+path}/{name}",
        &["path1/path2", "a b/c"],
    )
    .query_raw("q1", "value1&q2=value2")
    .query("plain", "x&y")
    .call::<(), NoBody>()
    .await
    .unwrap();
    let r = &srv.requests()[0];
    assert_eq!(r.path(), "/skip/path1/path2/a%20b%2Fc");
    assert_eq!(
        r.query(),
        "plain=x%26y&q1=value1&q2=value2&api-version=2024-05-01"
    );
}

#[tokio::test]
async fn own_api_version_replaces_the_clients_or_sends_none() {
    let srv = recorder().await;
    let c = client(&srv.url);
    c.request(Method::GET, "/local", &[])
        .own_api_version()
        .query("api-version", "2.0")
        .call::<(), NoBody>()
        .await
        .unwrap();
    c.request(Method::GET, "/local/null", &[])
        .own_api_version()
        .query("api-version", None::<&str>)
        .call::<(), NoBody>()
        .await
        .unwrap();
    c.request(Method::GET, "/global", &[])
        .call::<(), NoBody>()
        .await
        .unwrap();
    let queries: Vec<String> = srv
        .requests()
        .iter()
        .map(|r| r.query().to_string())
        .collect();
    assert_eq!(queries, ["api-version=2.0", "", "api-version=2024-05-01"]);
}
