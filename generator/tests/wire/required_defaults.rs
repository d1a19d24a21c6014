//! The `required_defaults` fixture's client against a loopback server: a required parameter
//! with a spec `default` is sent with it when the caller gives none, and the caller's value
//! replaces it (sent once). Runs inside the generated crate (see `fixtures_wire.rs`).

mod common;

use common::*;
use fixture_required_defaults::DefaultsClient;

fn client(url: &str) -> DefaultsClient {
    DefaultsClient::builder()
        .endpoint(url)
        .unwrap()
        .build()
        .unwrap()
}

#[tokio::test]
async fn defaults_are_sent_unless_the_caller_sets_a_value() {
    let srv = serve(|_| async { reply(200, &[], "") }).await;
    client(&srv.url)
        .reports()
        .get("r1", "ann")
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(r.path(), "/reports/r1");
    assert_eq!(
        r.query_pairs(),
        [
            ("format".to_string(), "pdf".to_string()),
            ("pageSize".to_string(), "30".to_string()),
            ("owner".to_string(), "ann".to_string()),
        ]
    );
    assert_eq!(r.header("x-region"), Some("west"));

    client(&srv.url)
        .reports()
        .get("r1", "ann")
        .format("csv")
        .page_size(5)
        .x_region("east")
        .await
        .unwrap();
    let r = srv.last();
    let mut pairs = r.query_pairs();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("format".to_string(), "csv".to_string()),
            ("owner".to_string(), "ann".to_string()),
            ("pageSize".to_string(), "5".to_string()),
        ]
    );
    let regions: Vec<_> = r.headers.get_all("x-region").iter().collect();
    assert_eq!(regions, ["east"]);
}
