//! The statuses a plain call succeeds with, against a loopback server: any 2xx by default;
//! with `Request::statuses` (an operation whose spec lists its responses) exactly those, so a
//! declared 404 with its own model decodes and an undeclared 2xx is an HTTP error.

mod common;

use apigen_runtime::{Error, Json, Method};
use common::*;
use serde_json::{json, Value};

/// `/<status>` answers that status with `{"status": <status>}`.
async fn echo_status() -> TestServer {
    serve(|r: Recorded| async move {
        let status: u16 = r.path().trim_start_matches('/').parse().unwrap();
        json(status, json!({ "status": status }))
    })
    .await
}

#[tokio::test]
async fn without_a_list_any_2xx_succeeds() {
    let srv = echo_status().await;
    let c = client(&srv.url);
    for status in ["200", "201", "202"] {
        let v: Value = c
            .request(Method::GET, "/{s}", &[status])
            .call::<Value, Json>()
            .await
            .unwrap();
        assert_eq!(v["status"].to_string(), status);
    }
    let e = c
        .request(Method::GET, "/{s}", &["404"])
        .call::<Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404));
}

#[tokio::test]
async fn a_listed_status_succeeds_and_any_other_fails() {
    let srv = echo_status().await;
    let c = client(&srv.url);
    let call = |status: &str| {
        c.request(Method::GET, "/{s}", &[status])
            .statuses(&[200, 300, 404])
            .call::<Value, Json>()
    };
    for status in [200, 300, 404] {
        let r = call(&status.to_string()).send().await.unwrap();
        assert_eq!(r.status(), status);
        assert_eq!(r.into_body(), json!({ "status": status }));
    }
    for status in [201, 202, 400, 500] {
        match call(&status.to_string()).await {
            Err(Error::Http(e)) => {
                assert_eq!(e.status, status);
                assert_eq!(e.decode::<Value>(), Some(json!({ "status": status })));
            }
            other => panic!("{status}: want an HTTP error, got {other:?}"),
        }
    }
}
