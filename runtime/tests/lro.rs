//! Long-running operations against a scripted loopback server: every header style,
//! provisioningState, final-state-via, failure, cancellation, Retry-After, resume.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use apigen_runtime::{Error, FinalState, Json, LroStatus, Method, NoBody, Poller};
use common::*;
use serde_json::{json, Value};

/// (status, headers, body); `{base}` in headers is replaced by the server URL.
type Step = (u16, Vec<(&'static str, &'static str)>, Value);
type Script = Arc<Mutex<HashMap<String, (usize, Vec<Step>)>>>;

/// Serve per "METHOD /path" a sequence of responses; the last one repeats.
async fn scripted(script: Vec<(&'static str, Vec<Step>)>) -> TestServer {
    let base = Arc::new(OnceLock::<String>::new());
    let b2 = base.clone();
    let script: Script = Arc::new(Mutex::new(
        script
            .into_iter()
            .map(|(k, v)| (k.to_string(), (0, v)))
            .collect(),
    ));
    let srv = serve(move |r: Recorded| {
        let script = script.clone();
        let base = b2.clone();
        async move {
            let key = format!("{} {}", r.method, r.path());
            let step = {
                let mut s = script.lock().unwrap();
                match s.get_mut(&key) {
                    Some((i, steps)) => {
                        let st = steps[(*i).min(steps.len() - 1)].clone();
                        *i += 1;
                        Some(st)
                    }
                    None => None,
                }
            };
            let Some((status, headers, body)) = step else {
                return json(
                    599,
                    json!({"error": {"code": "Unscripted", "message": key}}),
                );
            };
            let base = base.get().unwrap();
            let headers: Vec<(String, String)> = headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.replace("{base}", base)))
                .collect();
            let hdrs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let body = if body.is_null() {
                String::new()
            } else {
                body.to_string()
            };
            reply(status, &hdrs, body)
        }
    })
    .await;
    base.set(srv.url.clone()).unwrap();
    srv
}

fn calls(srv: &TestServer) -> Vec<String> {
    srv.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path()))
        .collect()
}

#[tokio::test]
async fn put_with_azure_async_operation_gets_original_uri() {
    let srv = scripted(vec![
        (
            "PUT /things/a",
            vec![(
                201,
                vec![(
                    "Azure-AsyncOperation",
                    "{base}/ops/1?api-version=2024-05-01",
                )],
                json!({"properties": {"provisioningState": "Creating"}}),
            )],
        ),
        (
            "GET /ops/1",
            vec![
                (200, vec![], json!({"status": "InProgress"})),
                (200, vec![], json!({"status": "succeeded"})),
            ],
        ),
        (
            "GET /things/a",
            vec![(
                200,
                vec![],
                json!({"name": "a", "properties": {"provisioningState": "Succeeded"}}),
            )],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PUT, "/things/{name}", &["a"])
        .json(&json!({"location": "x"}))
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["name"], "a");
    assert_eq!(
        calls(&srv),
        ["PUT /things/a", "GET /ops/1", "GET /ops/1", "GET /things/a"]
    );
    // Polls carry auth-free pipeline headers and keep the link's api-version.
    assert_eq!(
        srv.requests()[1].query_value("api-version").as_deref(),
        Some("2024-05-01")
    );
}

#[tokio::test]
async fn post_with_operation_location_final_state_variants() {
    let script = || {
        vec![
            (
                "POST /things/a/run",
                vec![(
                    202,
                    vec![
                        ("Operation-Location", "{base}/ops/2"),
                        ("Location", "{base}/results/2"),
                    ],
                    Value::Null,
                )],
            ),
            (
                "GET /ops/2",
                vec![
                    (200, vec![], json!({"status": "Running"})),
                    (
                        200,
                        vec![],
                        json!({"status": "Succeeded", "result": "from-status"}),
                    ),
                ],
            ),
            (
                "GET /results/2",
                vec![(200, vec![], json!({"result": "from-location"}))],
            ),
        ]
    };
    for (fs, expected, last_call) in [
        (FinalState::OperationLocation, "from-status", "GET /ops/2"),
        (FinalState::AzureAsyncOperation, "from-status", "GET /ops/2"),
        (FinalState::Location, "from-location", "GET /results/2"),
        (FinalState::Default, "from-location", "GET /results/2"),
    ] {
        let srv = scripted(script()).await;
        let c = client(&srv.url);
        let v: Value = c
            .request(Method::POST, "/things/{name}/run", &["a"])
            .lro::<Value, Json>(fs)
            .await
            .unwrap();
        assert_eq!(v["result"], expected, "{fs:?}");
        assert_eq!(calls(&srv).last().unwrap(), last_call, "{fs:?}");
    }
}

#[tokio::test]
async fn post_default_follows_resource_location_without_location_header() {
    let srv = scripted(vec![
        (
            "POST /run",
            vec![(
                202,
                vec![("Operation-Location", "{base}/ops/3")],
                Value::Null,
            )],
        ),
        (
            "GET /ops/3",
            vec![(
                200,
                vec![],
                json!({"status": "Succeeded", "resourceLocation": "/made/3"}),
            )],
        ),
        ("GET /made/3", vec![(200, vec![], json!({"made": 3}))]),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::POST, "/run", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["made"], 3);
    assert_eq!(calls(&srv), ["POST /run", "GET /ops/3", "GET /made/3"]);
}

#[tokio::test]
async fn delete_with_location_polls_until_204() {
    let srv = scripted(vec![
        (
            "DELETE /things/a",
            vec![(
                202,
                vec![("Location", "{base}/ops/del"), ("Retry-After", "0")],
                Value::Null,
            )],
        ),
        (
            "GET /ops/del",
            vec![
                (202, vec![("Location", "{base}/ops/del")], Value::Null),
                (202, vec![], Value::Null),
                (204, vec![], Value::Null),
            ],
        ),
    ])
    .await;
    let c = client(&srv.url);
    c.request(Method::DELETE, "/things/{name}", &["a"])
        .lro::<(), NoBody>(FinalState::Location)
        .await
        .unwrap();
    assert_eq!(
        calls(&srv),
        [
            "DELETE /things/a",
            "GET /ops/del",
            "GET /ops/del",
            "GET /ops/del"
        ]
    );
}

#[tokio::test]
async fn post_with_location_returns_the_final_body() {
    let srv = scripted(vec![
        (
            "POST /export",
            vec![(202, vec![("Location", "/ops/exp")], Value::Null)],
        ),
        (
            "GET /ops/exp",
            vec![
                (202, vec![], Value::Null),
                (200, vec![], json!({"value": "exported"})),
            ],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::POST, "/export", &[])
        .lro::<Value, Json>(FinalState::Location)
        .await
        .unwrap();
    assert_eq!(v["value"], "exported");
    assert_eq!(
        calls(&srv).len(),
        3,
        "relative Location resolved and polled"
    );
}

#[tokio::test]
async fn put_with_provisioning_state_only() {
    let srv = scripted(vec![
        (
            "PUT /things/b",
            vec![(
                201,
                vec![],
                json!({"name": "b", "properties": {"provisioningState": "Creating"}}),
            )],
        ),
        (
            "GET /things/b",
            vec![
                (
                    200,
                    vec![],
                    json!({"name": "b", "properties": {"provisioningState": "Updating"}}),
                ),
                (
                    200,
                    vec![],
                    json!({"name": "b", "properties": {"provisioningState": "SUCCEEDED"}, "v": 2}),
                ),
            ],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PUT, "/things/{name}", &["b"])
        .json(&json!({}))
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["v"], 2);
    assert_eq!(
        calls(&srv),
        ["PUT /things/b", "GET /things/b", "GET /things/b"]
    );
}

#[tokio::test]
async fn already_finished_operations_need_no_polling() {
    let srv = scripted(vec![
        (
            "PUT /done",
            vec![(
                200,
                vec![],
                json!({"properties": {"provisioningState": "Succeeded"}, "n": 1}),
            )],
        ),
        ("PATCH /nostate", vec![(200, vec![], json!({"n": 2}))]),
        ("POST /sync", vec![(200, vec![], json!({"n": 3}))]),
        ("DELETE /gone", vec![(204, vec![], Value::Null)]),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PUT, "/done", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["n"], 1);
    let v: Value = c
        .request(Method::PATCH, "/nostate", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["n"], 2);
    let v: Value = c
        .request(Method::POST, "/sync", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["n"], 3);
    c.request(Method::DELETE, "/gone", &[])
        .lro::<(), NoBody>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(srv.hits(), 4);
}

#[tokio::test]
async fn failed_operation_carries_the_service_error() {
    let srv = scripted(vec![
        ("PUT /things/f", vec![(201, vec![("Azure-AsyncOperation", "{base}/ops/f")], json!({}))]),
        ("GET /ops/f", vec![(200, vec![("x-ms-request-id", "poll-rid")], json!({"status": "Failed", "error": {"code": "QuotaExceeded", "message": "No capacity", "details": [{"code": "Sub"}]}}))]),
    ])
    .await;
    let c = client(&srv.url);
    let e = c
        .request(Method::PUT, "/things/{name}", &["f"])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap_err();
    let l = e.as_lro().expect("an LRO error");
    assert_eq!(l.status, "Failed");
    assert_eq!(e.code(), Some("QuotaExceeded"));
    assert_eq!(
        l.detail.as_ref().unwrap().details[0].code.as_deref(),
        Some("Sub")
    );
    assert_eq!(e.request_id(), Some("poll-rid"));
    let s = e.to_string();
    assert!(
        s.contains("Failed") && s.contains("QuotaExceeded") && s.contains("No capacity"),
        "{s}"
    );
}

#[tokio::test]
async fn canceled_and_provisioning_failed_are_errors() {
    let srv = scripted(vec![
        ("POST /c", vec![(202, vec![("Operation-Location", "{base}/ops/c")], Value::Null)]),
        ("GET /ops/c", vec![(200, vec![], json!({"status": "Cancelled"}))]),
        ("PUT /p", vec![(201, vec![], json!({"properties": {"provisioningState": "Provisioning"}}))]),
        ("GET /p", vec![(200, vec![], json!({"properties": {"provisioningState": "failed", "error": {"code": "Boom", "message": "broke"}}}))]),
    ])
    .await;
    let c = client(&srv.url);
    let e = c
        .request(Method::POST, "/c", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Lro(l) if l.status == "Canceled"), "{e}");
    let e = c
        .request(Method::PUT, "/p", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap_err();
    assert!(matches!(&e, Error::Lro(l) if l.status == "Failed"), "{e}");
    assert_eq!(e.code(), Some("Boom"));
}

#[tokio::test]
async fn initial_and_polling_http_errors() {
    let srv = scripted(vec![
        (
            "PUT /bad",
            vec![(
                400,
                vec![],
                json!({"error": {"code": "InvalidParameter", "message": "nope"}}),
            )],
        ),
        (
            "PUT /pollfail",
            vec![(
                202,
                vec![("Azure-AsyncOperation", "{base}/ops/missing")],
                Value::Null,
            )],
        ),
        (
            "GET /ops/missing",
            vec![(
                404,
                vec![],
                json!({"error": {"code": "NotFound", "message": "no op"}}),
            )],
        ),
        (
            "PUT /nostatus",
            vec![(
                202,
                vec![("Azure-AsyncOperation", "{base}/ops/nostatus")],
                Value::Null,
            )],
        ),
        (
            "GET /ops/nostatus",
            vec![(200, vec![], json!({"percent": 5}))],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let e = c
        .request(Method::PUT, "/bad", &[])
        .lro::<Value, Json>(FinalState::Default)
        .begin()
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("InvalidParameter"));
    let e = c
        .request(Method::PUT, "/pollfail", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404));
    let e = c
        .request(Method::PUT, "/nostatus", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Deserialize { .. }), "{e}");
    assert!(e.to_string().contains("no `status`"), "{e}");
}

#[tokio::test]
async fn poller_can_be_stepped_and_inspected() {
    let srv = scripted(vec![
        (
            "PUT /s",
            vec![(
                201,
                vec![
                    ("Azure-AsyncOperation", "{base}/ops/s"),
                    ("Retry-After", "7"),
                ],
                json!({}),
            )],
        ),
        (
            "GET /ops/s",
            vec![
                (200, vec![], json!({"status": "Accepted"})),
                (200, vec![], json!({"status": "Succeeded"})),
            ],
        ),
        ("GET /s", vec![(200, vec![], json!({"ok": true}))]),
    ])
    .await;
    let c = client(&srv.url);
    let mut p: Poller<Value> = c
        .request(Method::PUT, "/s", &[])
        .lro::<Value, Json>(FinalState::Default)
        .begin()
        .await
        .unwrap();
    assert!(!p.is_done());
    assert_eq!(p.next_poll_delay(), Duration::from_secs(7));
    assert_eq!(
        p.poll().await.unwrap(),
        LroStatus::InProgress("Accepted".into())
    );
    // No Retry-After on the poll: the builder's default interval.
    assert_eq!(p.next_poll_delay(), Duration::from_millis(10));
    assert!(p.result().await.is_err(), "not finished yet");
    assert_eq!(p.poll().await.unwrap(), LroStatus::Succeeded);
    assert!(p.is_done());
    assert_eq!(
        p.poll().await.unwrap(),
        LroStatus::Succeeded,
        "no-op once done"
    );
    assert_eq!(srv.hits(), 3);
    let v = p.wait().await.unwrap();
    assert_eq!(v["ok"], true);
}

#[tokio::test]
async fn continuation_token_resumes_in_a_fresh_client() {
    let srv = scripted(vec![
        (
            "PUT /r",
            vec![(
                201,
                vec![("Azure-AsyncOperation", "{base}/ops/r")],
                json!({}),
            )],
        ),
        (
            "GET /ops/r",
            vec![
                (200, vec![], json!({"status": "InProgress"})),
                (200, vec![], json!({"status": "Succeeded"})),
            ],
        ),
        ("GET /r", vec![(200, vec![], json!({"resumed": true}))]),
    ])
    .await;
    let token = {
        let c = client(&srv.url);
        let mut p: Poller<Value> = c
            .request(Method::PUT, "/r", &[])
            .lro::<Value, Json>(FinalState::Default)
            .begin()
            .await
            .unwrap();
        p.poll().await.unwrap();
        p.continuation_token()
    };
    // The token is plain serialisable text.
    let _: Value = serde_json::from_str(&token).unwrap();
    let c2 = client(&srv.url);
    let p: Poller<Value> = c2.resume_poller(&token).unwrap();
    assert_eq!(p.status(), LroStatus::InProgress("InProgress".into()));
    let v = p.await.unwrap();
    assert_eq!(v["resumed"], true);
    assert_eq!(
        calls(&srv),
        ["PUT /r", "GET /ops/r", "GET /ops/r", "GET /r"]
    );

    // A finished poller's token still yields the result.
    let srv = scripted(vec![("POST /x", vec![(200, vec![], json!({"n": 9}))])]).await;
    let c = client(&srv.url);
    let p: Poller<Value> = c
        .request(Method::POST, "/x", &[])
        .lro::<Value, Json>(FinalState::Default)
        .begin()
        .await
        .unwrap();
    let p2: Poller<Value> = c.resume_poller(&p.continuation_token()).unwrap();
    assert_eq!(p2.await.unwrap()["n"], 9);

    for bad in ["", "{}", "not json", r#"{"v":99}"#] {
        let e = c.resume_poller::<Value, Json>(bad).unwrap_err();
        assert!(matches!(e, Error::ContinuationToken(_)), "{bad}: {e}");
    }
}

#[tokio::test]
async fn retry_after_drives_polling_unless_forced() {
    let script = || {
        vec![
            (
                "POST /slow",
                vec![(
                    202,
                    vec![("Location", "{base}/ops/slow"), ("Retry-After", "1")],
                    Value::Null,
                )],
            ),
            (
                "GET /ops/slow",
                vec![
                    (202, vec![("Retry-After", "1")], Value::Null),
                    (200, vec![], json!({"done": 1})),
                ],
            ),
        ]
    };
    let srv = scripted(script()).await;
    let c = client(&srv.url);
    let start = Instant::now();
    let _: Value = c
        .request(Method::POST, "/slow", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(1900),
        "{:?}",
        start.elapsed()
    );

    // Retry-After of an hour, but a forced interval wins.
    let srv = scripted(vec![
        (
            "POST /slow",
            vec![(
                202,
                vec![("Location", "{base}/ops/slow"), ("Retry-After", "3600")],
                Value::Null,
            )],
        ),
        (
            "GET /ops/slow",
            vec![
                (202, vec![("Retry-After", "3600")], Value::Null),
                (200, vec![], json!({"done": 1})),
            ],
        ),
    ])
    .await;
    let c = builder(&srv.url)
        .force_polling_interval(Duration::from_millis(5))
        .build()
        .unwrap();
    let v: Value = tokio::time::timeout(
        Duration::from_secs(30),
        c.request(Method::POST, "/slow", &[])
            .lro::<Value, Json>(FinalState::Default),
    )
    .await
    .expect("forced interval ignored")
    .unwrap();
    assert_eq!(v["done"], 1);
}

#[tokio::test]
async fn polling_survives_transient_errors() {
    let srv = scripted(vec![
        (
            "PUT /t",
            vec![(
                201,
                vec![("Azure-AsyncOperation", "{base}/ops/t")],
                json!({}),
            )],
        ),
        (
            "GET /ops/t",
            vec![
                (503, vec![], Value::Null),
                (429, vec![("Retry-After", "0")], Value::Null),
                (200, vec![], json!({"status": "Succeeded"})),
            ],
        ),
        (
            "GET /t",
            vec![(500, vec![], Value::Null), (200, vec![], json!({"ok": 1}))],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PUT, "/t", &[])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["ok"], 1);
}

/// The AutoRest test server's `LROPut202Retry200`: a PUT polled through `Location` only ends
/// with the last poll's body, not a GET of the original URI (which 404s there).
#[tokio::test]
async fn put_polled_through_location_only_returns_the_last_poll() {
    let srv = scripted(vec![
        (
            "PUT /things/a",
            vec![(202, vec![("Location", "{base}/ops/put")], Value::Null)],
        ),
        (
            "GET /ops/put",
            vec![(
                200,
                vec![],
                json!({"properties": {"provisioningState": "Succeeded"}, "id": "100"}),
            )],
        ),
    ])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PUT, "/things/{name}", &["a"])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["id"], "100");
    assert_eq!(calls(&srv), ["PUT /things/a", "GET /ops/put"]);
}

/// `LRODeleteAsyncNoHeaderInRetry`: a DELETE polled through `Azure-AsyncOperation` does not
/// fetch its `Location` at the end.
#[tokio::test]
async fn delete_with_async_operation_does_not_fetch_location() {
    let srv = scripted(vec![
        (
            "DELETE /things/a",
            vec![(
                202,
                vec![
                    ("Azure-AsyncOperation", "{base}/ops/del"),
                    ("Location", "{base}/somethingBadWhichShouldNotBeUsed"),
                ],
                Value::Null,
            )],
        ),
        (
            "GET /ops/del",
            vec![(200, vec![], json!({"status": "Succeeded"}))],
        ),
    ])
    .await;
    let c = client(&srv.url);
    c.request(Method::DELETE, "/things/{name}", &["a"])
        .lro::<(), NoBody>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(calls(&srv), ["DELETE /things/a", "GET /ops/del"]);
}

/// `LROPatchInlineCompleteIgnoreHeaders`: a PATCH answering 200 Succeeded is done; its
/// `Azure-AsyncOperation` (here unreachable) is not polled.
#[tokio::test]
async fn patch_complete_inline_is_not_polled() {
    let srv = scripted(vec![(
        "PATCH /things/a",
        vec![(
            200,
            vec![("Azure-AsyncOperation", "http://127.0.0.1:1/unreachable")],
            json!({"properties": {"provisioningState": "Succeeded"}, "name": "a"}),
        )],
    )])
    .await;
    let c = client(&srv.url);
    let v: Value = c
        .request(Method::PATCH, "/things/{name}", &["a"])
        .lro::<Value, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v["name"], "a");
    assert_eq!(calls(&srv), ["PATCH /things/a"]);
}

/// `LROPostSuccededNoBody`: a POST whose final `Location` GET answers 204 decodes to `None`.
#[tokio::test]
async fn post_ending_in_204_is_none() {
    let srv = scripted(vec![
        (
            "POST /run",
            vec![(202, vec![("Location", "{base}/ops/run")], Value::Null)],
        ),
        ("GET /ops/run", vec![(204, vec![], Value::Null)]),
    ])
    .await;
    let c = client(&srv.url);
    let v: Option<Value> = c
        .request(Method::POST, "/run", &[])
        .lro::<Option<Value>, Json>(FinalState::Default)
        .await
        .unwrap();
    assert_eq!(v, None);
}
