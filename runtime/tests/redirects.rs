//! Redirects against loopback servers: the runtime follows them by method (RFC 9110 §15.4),
//! returns a 301/302 of an unsafe method to the caller, and keeps credentials on the
//! endpoint's origin.

mod common;

use apigen_runtime::credentials::StaticTokenCredential;
use apigen_runtime::{Json, Method, NoBody};
use common::*;
use serde_json::{json, Value};

/// `/r/<status>` redirects to `/target` with that status; `/target` echoes what it received.
async fn redirecting() -> TestServer {
    serve(|r: Recorded| async move {
        match r.path().strip_prefix("/r/") {
            Some(status) => reply(status.parse().unwrap(), &[("location", "/target")], ""),
            None => json(
                200,
                json!({"method": r.method.as_str(), "body": r.body_text(), "type": r.header("content-type")}),
            ),
        }
    })
    .await
}

#[tokio::test]
async fn a_301_or_302_of_an_unsafe_method_is_returned_not_followed() {
    let srv = redirecting().await;
    let c = client(&srv.url);
    for (method, status) in [
        (Method::PUT, "301"),
        (Method::PATCH, "302"),
        (Method::POST, "302"),
    ] {
        // Declared by the spec: the 3xx is the call's answer.
        let r = c
            .request(method.clone(), "/r/{s}", &[status])
            .statuses(&[200, 301, 302])
            .json(&true)
            .call::<(), NoBody>()
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().to_string(), status);
        // Not declared: an HTTP error with that status.
        let e = c
            .request(method.clone(), "/r/{s}", &[status])
            .json(&true)
            .call::<(), NoBody>()
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.to_string()), Some(status.to_string()));
    }
    assert!(
        srv.requests().iter().all(|r| r.path() != "/target"),
        "never followed"
    );
}

#[tokio::test]
async fn get_and_head_follow_301_and_302_with_the_same_method() {
    let srv = redirecting().await;
    let c = client(&srv.url);
    for status in ["301", "302", "307", "308"] {
        let v: Value = c
            .request(Method::GET, "/r/{s}", &[status])
            .call::<Value, Json>()
            .await
            .unwrap();
        assert_eq!(v["method"], "GET");
    }
    c.request(Method::HEAD, "/r/{s}", &["301"])
        .call::<(), NoBody>()
        .await
        .unwrap();
    assert_eq!(srv.last().method, Method::HEAD);
}

#[tokio::test]
async fn a_303_becomes_a_get_without_a_body_and_307_keeps_method_and_body() {
    let srv = redirecting().await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::POST, "/r/{s}", &["303"])
        .json(&json!({"a": 1}))
        .call::<Value, Json>()
        .await
        .unwrap();
    assert_eq!(v, json!({"method": "GET", "body": "", "type": null}));
    let v: Value = c
        .request(Method::PUT, "/r/{s}", &["307"])
        .json(&json!({"a": 1}))
        .call::<Value, Json>()
        .await
        .unwrap();
    assert_eq!(
        v,
        json!({"method": "PUT", "body": "{\"a\":1}", "type": "application/json"})
    );
}

#[tokio::test]
async fn a_redirect_to_another_origin_carries_no_credential() {
    let foreign = serve_at("127.0.0.2", |_| async { reply(200, &[], "") }).await;
    let f = foreign.url.clone();
    let home = serve(move |r: Recorded| {
        let f = f.clone();
        async move {
            match r.path() {
                "/away" => reply(307, &[("location", &format!("{f}/there"))], ""),
                "/near" => reply(302, &[("location", "/here")], ""),
                _ => reply(200, &[], ""),
            }
        }
    })
    .await;
    let c = builder(&home.url)
        .credential(StaticTokenCredential::new("secret-token"))
        .build()
        .unwrap();
    let call = |path: &'static str| {
        c.request(Method::GET, path, &[])
            .header("cookie", "session=1")
            .call::<(), NoBody>()
    };
    call("/away").await.unwrap();
    let there = foreign.last();
    assert_eq!(there.path(), "/there");
    assert_eq!(there.header("authorization"), None);
    assert_eq!(there.header("cookie"), None);
    call("/near").await.unwrap();
    let here = home.last();
    assert_eq!(here.path(), "/here");
    assert_eq!(here.header("authorization"), Some("Bearer secret-token"));
    assert_eq!(here.header("cookie"), Some("session=1"));
}
