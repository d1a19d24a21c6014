//! Existence checks (HEAD with a documented 404) against a loopback server: 2xx is `true`, 404
//! `false`, anything else an error with its status.

mod common;

use apigen_runtime::Method;
use common::*;

#[tokio::test]
async fn a_head_answers_true_for_2xx_false_for_404_and_fails_otherwise() {
    let srv = serve(|r: Recorded| async move {
        let status = r.path().trim_start_matches('/').parse().unwrap_or(400);
        reply(status, &[("etag", "\"v1\"")], "")
    })
    .await;
    let c = client(&srv.url);
    let head = |status: &str| c.request(Method::HEAD, "/{status}", &[status]).exists();
    assert!(head("200").await.unwrap());
    assert!(head("204").await.unwrap());
    assert!(!head("404").await.unwrap());
    let e = head("500").await.unwrap_err();
    assert_eq!(e.status(), Some(500));
    let e = head("400").await.unwrap_err();
    assert_eq!(e.status(), Some(400));
    let sent = head("204").send().await.unwrap();
    assert!(sent.into_body());
    assert!(srv.requests().iter().all(|r| r.method == Method::HEAD));
}
