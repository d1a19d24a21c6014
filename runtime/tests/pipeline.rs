//! Pipeline behaviour against loopback servers: URL building, headers, retries, timeouts,
//! errors, decoding, faults.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use apigen_runtime::credentials::StaticTokenCredential;
use apigen_runtime::{Error, ErrorBody, Json, Method, NoBody, Text, TimeoutKind};
use common::*;
use serde_json::json;

#[tokio::test]
async fn api_version_request_id_user_agent_and_path_encoding() {
    let srv = serve(|_| async { json(200, json!({"name": "x"})) }).await;
    let c = client(&srv.url);
    let v: serde_json::Value = c
        .request(
            Method::GET,
            "/subscriptions/{subscriptionId}/resourceGroups/{rg}/items/{name}",
            &["sub-1", "my rg/with?odd#chars%", "ünï~._-"],
        )
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v["name"], "x");
    let r = srv.last();
    assert_eq!(
        r.path(),
        "/subscriptions/sub-1/resourceGroups/my%20rg%2Fwith%3Fodd%23chars%25/items/%C3%BCn%C3%AF~._-"
    );
    assert_eq!(r.query_value("api-version").as_deref(), Some("2024-05-01"));
    let id = r.header("x-ms-client-request-id").unwrap();
    let uuid = uuid::Uuid::parse_str(id).unwrap();
    assert_eq!(uuid.get_version_num(), 4);
    let ua = r.header("user-agent").unwrap();
    assert!(ua.starts_with("test-client/9.8.7 apigen-runtime/"), "{ua}");
    assert!(ua.contains(" rust/"), "{ua}");
    assert_eq!(r.header("accept"), Some("application/json"));
    assert!(r.header("authorization").is_none());
}

#[tokio::test]
async fn endpoint_with_base_path_and_template_query() {
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = client(&format!("{}/base/", srv.url));
    let _: serde_json::Value = c
        .request(Method::POST, "/items/{id}?op=run", &["1"])
        .call::<_, Json>()
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(r.path(), "/base/items/1");
    assert_eq!(r.query_value("op").as_deref(), Some("run"));
    assert_eq!(r.query_value("api-version").as_deref(), Some("2024-05-01"));
}

#[derive(serde::Serialize)]
enum Kind {
    #[serde(rename = "oauth2")]
    OAuth2,
}

#[tokio::test]
async fn query_and_header_serialisation() {
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = client(&srv.url);
    let _: serde_json::Value = c
        .request(Method::GET, "/q", &[])
        .query("$filter", "name eq 'a&b'")
        .query("$top", 10)
        .query("flag", true)
        .query("kind", Kind::OAuth2)
        .query("list", vec!["a", "b", "c"])
        .query("absent", None::<String>)
        .query("present", Some(1.5))
        .header("If-Match", "*")
        .header("x-count", 3)
        .header("x-none", None::<i32>)
        .call::<_, Json>()
        .await
        .unwrap();
    let r = srv.last();
    assert!(
        r.query().contains("%24filter=name%20eq%20%27a%26b%27"),
        "{}",
        r.query()
    );
    assert_eq!(r.query_value("$filter").as_deref(), Some("name eq 'a&b'"));
    assert_eq!(r.query_value("$top").as_deref(), Some("10"));
    assert_eq!(r.query_value("flag").as_deref(), Some("true"));
    assert_eq!(r.query_value("kind").as_deref(), Some("oauth2"));
    assert_eq!(r.query_value("list").as_deref(), Some("a,b,c"));
    assert_eq!(r.query_value("present").as_deref(), Some("1.5"));
    assert!(r.query_value("absent").is_none());
    assert_eq!(r.header("if-match"), Some("*"));
    assert_eq!(r.header("x-count"), Some("3"));
    assert!(r.header("x-none").is_none());
}

/// What generated code sends for parameters whose wire form the type alone does not give:
/// date-times (RFC 3339, or RFC 1123 for `date-time-rfc1123`), dates, and arrays with a
/// `collectionFormat` (`ssv`, `pipes`: one delimited value; `multi`: one pair per item).
#[tokio::test]
async fn dates_and_collection_formats_on_the_wire() {
    use apigen_runtime::wire::{Date, DateTime, Delimited, Rfc1123};
    use time::macros::{date, datetime};
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = client(&srv.url);
    let since = datetime!(2024-05-01 12:30:00.25 +02:00);
    let _: serde_json::Value = c
        .request(Method::GET, "/q", &[])
        .query("start", DateTime(since))
        .query("day", Date(date!(2024 - 02 - 29)))
        .query("words", Delimited(vec!["a b", "c"], " "))
        .query("levels", Delimited(vec![Kind::OAuth2, Kind::OAuth2], "|"))
        .query_each("none", Vec::<String>::new())
        .header("If-Modified-Since", Rfc1123(since))
        .call::<_, Json>()
        .query_each("tag", vec!["x", "y&z"])
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(
        r.query_value("start").as_deref(),
        Some("2024-05-01T10:30:00.25Z")
    );
    assert_eq!(r.query_value("day").as_deref(), Some("2024-02-29"));
    assert_eq!(r.query_value("words").as_deref(), Some("a b c"));
    assert!(r.query().contains("words=a%20b%20c"), "{}", r.query());
    assert_eq!(r.query_value("levels").as_deref(), Some("oauth2|oauth2"));
    let tags: Vec<(String, String)> = r
        .query_pairs()
        .into_iter()
        .filter(|(k, _)| k == "tag")
        .collect();
    assert_eq!(
        tags,
        [("tag".into(), "x".into()), ("tag".into(), "y&z".into())]
    );
    assert!(
        r.query_value("none").is_none(),
        "an empty list sends nothing"
    );
    assert_eq!(
        r.header("if-modified-since"),
        Some("Wed, 01 May 2024 10:30:00 GMT")
    );
}

#[tokio::test]
async fn json_and_text_bodies() {
    let srv = serve(|r: Recorded| async move {
        reply(
            200,
            &[("content-type", "text/plain")],
            format!(
                "{}|{}",
                r.header("content-type").unwrap_or(""),
                r.body_text()
            ),
        )
    })
    .await;
    let c = client(&srv.url);
    let echoed: String = c
        .request(Method::PUT, "/p", &[])
        .json(&json!({"a": 1}))
        .call::<String, Text>()
        .await
        .unwrap();
    assert_eq!(echoed, r#"application/json|{"a":1}"#);
    let echoed: String = c
        .request(Method::PUT, "/p", &[])
        .text("application/xml", "<policies/>".into())
        .call::<String, Text>()
        .await
        .unwrap();
    assert_eq!(echoed, "application/xml|<policies/>");
}

#[tokio::test]
async fn placeholder_count_mismatch_is_an_error_not_a_panic() {
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = client(&srv.url);
    let e = c
        .request(Method::GET, "/a/{x}/b/{y}", &["1"])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidRequest(_)), "{e}");
    assert!(e.to_string().contains("placeholders"), "{e}");
    let e = c
        .request(Method::GET, "/a/{x}", &["1", "2"])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("1 placeholder(s) but 2 argument(s)"),
        "{e}"
    );
    let e = c
        .request(Method::GET, "/a", &[])
        .header("bad header", "x")
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidRequest(_)));
    assert_eq!(srv.hits(), 0);
}

#[tokio::test]
async fn empty_body_decodes_as_null_and_nobody_ignores_body() {
    let srv = serve(|r: Recorded| async move {
        if r.path() == "/empty" {
            reply(204, &[], "")
        } else {
            reply(200, &[], "not json at all")
        }
    })
    .await;
    let c = client(&srv.url);
    let v: Option<serde_json::Value> = c
        .request(Method::GET, "/empty", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert!(v.is_none());
    c.request(Method::DELETE, "/text", &[])
        .call::<(), NoBody>()
        .await
        .unwrap();
}

#[tokio::test]
async fn response_exposes_status_headers_and_throttling() {
    let srv = serve(|_| async {
        reply(
            201,
            &[
                ("etag", "\"abc\""),
                ("x-ms-request-id", "req-1"),
                ("x-ms-correlation-request-id", "corr-1"),
                ("x-ms-ratelimit-remaining-subscription-reads", "11999"),
                ("x-ms-ratelimit-remaining-subscription-writes", "1198"),
            ],
            "{\"ok\":true}",
        )
    })
    .await;
    let c = client(&srv.url);
    let r = c
        .request(Method::PUT, "/x", &[])
        .call::<serde_json::Value, Json>()
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(r.etag(), Some("\"abc\""));
    assert_eq!(r.request_id(), Some("req-1"));
    assert_eq!(r.correlation_request_id(), Some("corr-1"));
    assert_eq!(r.ratelimit_remaining_reads(), Some(11999));
    assert_eq!(r.ratelimit_remaining_writes(), Some(1198));
    assert_eq!(r.body()["ok"], true);
    assert_eq!(r.header("x-ms-request-id"), Some("req-1"));
}

#[tokio::test]
async fn arm_error_is_decoded_with_ids() {
    let srv = serve(|_| async {
        reply(
            404,
            &[
                ("content-type", "application/json"),
                ("x-ms-request-id", "rid-404"),
                ("x-ms-correlation-request-id", "cid-404"),
            ],
            json!({"error": {"code": "ResourceNotFound", "message": "The service 'x' was not found.", "target": "x",
                "details": [{"code": "Inner", "message": "inner msg"}],
                "additionalInfo": [{"type": "PolicyViolation", "info": {"policy": "p"}}]}})
            .to_string(),
        )
    })
    .await;
    let c = client(&srv.url);
    let e = c
        .request(Method::GET, "/x", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(404));
    assert_eq!(e.code(), Some("ResourceNotFound"));
    assert_eq!(e.request_id(), Some("rid-404"));
    assert_eq!(e.correlation_request_id(), Some("cid-404"));
    let sent_id = srv
        .last()
        .header("x-ms-client-request-id")
        .unwrap()
        .to_string();
    assert_eq!(e.client_request_id(), Some(sent_id.as_str()));
    let d = e.error_detail().unwrap();
    assert_eq!(d.target.as_deref(), Some("x"));
    assert_eq!(d.details[0].code.as_deref(), Some("Inner"));
    assert_eq!(
        d.additional_info[0].kind.as_deref(),
        Some("PolicyViolation")
    );
    let s = e.to_string();
    for part in ["404", "ResourceNotFound", "was not found", "rid-404"] {
        assert!(s.contains(part), "{s} lacks {part}");
    }
}

#[tokio::test]
async fn unwrapped_and_service_specific_error_bodies() {
    let srv = serve(|r: Recorded| async move {
        match r.path() {
            "/unwrapped" => json(409, json!({"code": "Conflict", "message": "busy"})),
            "/custom" => json(400, json!({"Message": "odd shape", "errors": [1, 2]})),
            _ => reply(
                502,
                &[("content-type", "text/html")],
                "<html>bad gateway</html>",
            ),
        }
    })
    .await;
    let c = builder(&srv.url).max_retries(0).build().unwrap();
    let e = c
        .request(Method::GET, "/unwrapped", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("Conflict"));
    assert!(e.to_string().contains("busy"));

    let e = c
        .request(Method::GET, "/custom", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    let h = e.as_http().unwrap();
    assert!(h.detail.is_none());
    assert!(matches!(&h.body, ErrorBody::Json(v) if v["Message"] == "odd shape"));
    assert!(e.to_string().contains("odd shape"), "{e}");

    let e = c
        .request(Method::GET, "/html", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    let h = e.as_http().unwrap();
    assert!(matches!(&h.body, ErrorBody::Text(t) if t.contains("bad gateway")));
    assert!(e.to_string().contains("HTTP 502 Bad Gateway"), "{e}");
    // No service request id: the client request id is reported.
    assert_eq!(e.request_id(), e.client_request_id());
    assert!(e.to_string().contains(e.client_request_id().unwrap()));
}

#[tokio::test]
async fn malformed_body_gives_deserialize_error_with_path_and_snippet() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Model {
        properties: Props,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Props {
        count: u32,
    }
    let srv = serve(|r: Recorded| async move {
        match r.path() {
            "/wrongtype" => json(200, json!({"properties": {"count": "many"}})),
            _ => reply(
                200,
                &[("x-ms-request-id", "rid-bad")],
                "{\"properties\": {\"count\": 1",
            ),
        }
    })
    .await;
    let c = client(&srv.url);
    let e = c
        .request(Method::GET, "/wrongtype", &[])
        .call::<Model, Json>()
        .await
        .unwrap_err();
    match &e {
        Error::Deserialize {
            path,
            snippet,
            status,
            ..
        } => {
            assert_eq!(path, "properties.count");
            assert!(snippet.contains("many"));
            assert_eq!(*status, 200);
        }
        other => panic!("unexpected {other:?}"),
    }
    let e = c
        .request(Method::GET, "/truncatedjson", &[])
        .call::<Model, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Deserialize { .. }), "{e}");
    assert_eq!(e.request_id(), Some("rid-bad"));
    assert!(e.to_string().contains("\"count\": 1"), "{e}");
}

#[tokio::test]
async fn retries_429_honouring_retry_after_variants() {
    for (name, value) in [
        ("retry-after", "0"),
        ("retry-after-ms", "20"),
        ("x-ms-retry-after-ms", "20"),
        ("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT"),
    ] {
        let n = Arc::new(AtomicUsize::new(0));
        let srv = serve(move |_| {
            let n = n.clone();
            async move {
                if n.fetch_add(1, Ordering::SeqCst) < 2 {
                    reply(
                        429,
                        &[(name, value)],
                        "{\"error\":{\"code\":\"TooManyRequests\"}}",
                    )
                } else {
                    json(200, json!({"ok": 1}))
                }
            }
        })
        .await;
        // Huge backoff: only the header's short delay lets this finish quickly.
        let c = builder(&srv.url)
            .retry_delays(Duration::from_secs(600), Duration::from_secs(600))
            .build()
            .unwrap();
        let v: serde_json::Value = tokio::time::timeout(
            Duration::from_secs(30),
            c.request(Method::GET, "/t", &[]).call::<_, Json>(),
        )
        .await
        .expect("Retry-After was not honoured")
        .unwrap();
        assert_eq!(v["ok"], 1, "{name}");
        assert_eq!(srv.hits(), 3, "{name}");
        // Same client request id on every attempt.
        let ids: Vec<_> = srv
            .requests()
            .iter()
            .map(|r| r.header("x-ms-client-request-id").unwrap().to_string())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]));
    }
}

#[tokio::test]
async fn retry_after_seconds_is_waited() {
    let n = Arc::new(AtomicUsize::new(0));
    let srv = serve(move |_| {
        let n = n.clone();
        async move {
            if n.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(503, &[("retry-after", "1")], "")
            } else {
                json(200, json!({}))
            }
        }
    })
    .await;
    let c = client(&srv.url);
    let start = Instant::now();
    let _: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn retryable_statuses_are_retried_and_others_not() {
    for status in [408u16, 429, 500, 502, 503, 504] {
        let n = Arc::new(AtomicUsize::new(0));
        let srv = serve(move |_| {
            let n = n.clone();
            async move {
                if n.fetch_add(1, Ordering::SeqCst) == 0 {
                    reply(status, &[], "")
                } else {
                    json(200, json!({}))
                }
            }
        })
        .await;
        let c = client(&srv.url);
        let _: serde_json::Value = c
            .request(Method::GET, "/", &[])
            .call::<_, Json>()
            .await
            .unwrap();
        assert_eq!(srv.hits(), 2, "status {status}");
    }
    for status in [400u16, 401, 403, 404, 409, 501] {
        let srv = serve(move |_| async move { reply(status, &[], "") }).await;
        let c = client(&srv.url);
        let e = c
            .request(Method::GET, "/", &[])
            .call::<serde_json::Value, Json>()
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(status));
        assert_eq!(srv.hits(), 1, "status {status} must not be retried");
    }
}

#[tokio::test]
async fn error_storm_gives_up_after_max_retries() {
    let srv = serve(|_| async {
        json(
            500,
            json!({"error": {"code": "InternalError", "message": "storm"}}),
        )
    })
    .await;
    let c = builder(&srv.url).max_retries(4).build().unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(srv.hits(), 5);
    assert_eq!(e.status(), Some(500));
    assert_eq!(e.code(), Some("InternalError"));

    let c = builder(&srv.url).max_retries(0).build().unwrap();
    let _ = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(srv.hits(), 6);
}

#[tokio::test]
async fn many_concurrent_requests_through_a_storm() {
    let n = Arc::new(AtomicUsize::new(0));
    let srv = serve(move |_| {
        let n = n.clone();
        async move {
            // Every other request fails.
            if n.fetch_add(1, Ordering::SeqCst) % 2 == 0 {
                reply(503, &[], "")
            } else {
                json(200, json!({"ok": true}))
            }
        }
    })
    .await;
    let c = builder(&srv.url).max_retries(10).build().unwrap();
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                c.request(Method::GET, "/", &[])
                    .call::<serde_json::Value, Json>()
                    .await
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap()["ok"], true);
    }
}

#[tokio::test]
async fn connection_reset_is_retried() {
    let srv = raw_server(vec![
        Raw::Reset,
        Raw::Reset,
        Raw::Respond(Duration::ZERO, http_ok("{\"v\":7}")),
    ])
    .await;
    let c = client(&srv.url);
    let v: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v["v"], 7);
    assert_eq!(srv.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn persistent_resets_become_transport_error() {
    let srv = raw_server(vec![Raw::Reset]).await;
    let c = builder(&srv.url).max_retries(2).build().unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(e.client_request_id().is_some());
    assert_eq!(srv.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn truncated_body_is_retried_then_reported() {
    let srv = raw_server(vec![
        Raw::Truncate("{\"v\":"),
        Raw::Respond(Duration::ZERO, http_ok("{\"v\":1}")),
    ])
    .await;
    let c = client(&srv.url);
    let v: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v["v"], 1);

    let srv = raw_server(vec![Raw::Truncate("{\"v\":")]).await;
    let c = builder(&srv.url).max_retries(1).build().unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert_eq!(srv.connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn per_try_timeout_retries_a_slow_response() {
    let srv = raw_server(vec![
        Raw::Respond(Duration::from_secs(10), http_ok("{}")),
        Raw::Respond(Duration::ZERO, http_ok("{\"fast\":true}")),
    ])
    .await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let v: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v["fast"], true);

    let srv = raw_server(vec![Raw::Respond(Duration::from_secs(10), http_ok("{}"))]).await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_millis(200))
        .max_retries(1)
        .build()
        .unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                kind: TimeoutKind::PerTry,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("per-try timeout"), "{e}");
}

#[tokio::test]
async fn overall_timeout_bounds_retries() {
    let srv = raw_server(vec![Raw::Respond(Duration::from_secs(10), http_ok("{}"))]).await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_secs(5))
        .timeout(Duration::from_millis(400))
        .max_retries(10)
        .build()
        .unwrap();
    let start = Instant::now();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                kind: TimeoutKind::Overall,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn bearer_token_is_sent_and_refused_over_plain_http_to_non_loopback() {
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = builder(&srv.url)
        .credential(StaticTokenCredential::new("tok-123"))
        .build()
        .unwrap();
    let _: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(srv.last().header("authorization"), Some("Bearer tok-123"));

    let localhost = srv.url.replace("127.0.0.1", "localhost");
    let c = builder(&localhost)
        .credential(StaticTokenCredential::new("tok-123"))
        .build()
        .unwrap();
    let _: serde_json::Value = c
        .request(Method::GET, "/", &[])
        .call::<_, Json>()
        .await
        .unwrap();

    // Never sent: the check happens before any connection.
    let c = builder("http://example.invalid")
        .credential(StaticTokenCredential::new("tok-123"))
        .build()
        .unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Credential { .. }), "{e:?}");
    assert!(e.to_string().contains("refusing"), "{e}");
    assert!(!e.to_string().contains("tok-123"));

    // Without a credential, plain http anywhere is fine (no secret to leak).
    let c = builder("http://127.0.0.2:1")
        .max_retries(0)
        .build()
        .unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
}

#[tokio::test]
async fn cloud_presets_set_endpoint_and_scope() {
    let c = apigen_runtime::ClientBuilder::new(SPEC, |c| c)
        .build()
        .unwrap();
    assert_eq!(c.endpoint().as_str(), "https://management.azure.com/");
    assert_eq!(c.scopes(), ["https://management.azure.com/.default"]);
    let c = apigen_runtime::ClientBuilder::new(SPEC, |c| c)
        .azure_china()
        .build()
        .unwrap();
    assert_eq!(
        c.endpoint().as_str(),
        "https://management.chinacloudapi.cn/"
    );
    assert_eq!(c.scopes(), ["https://management.chinacloudapi.cn/.default"]);
    let c = apigen_runtime::ClientBuilder::new(SPEC, |c| c)
        .azure_us_government()
        .build()
        .unwrap();
    assert_eq!(
        c.endpoint().as_str(),
        "https://management.usgovcloudapi.net/"
    );
    assert_eq!(
        c.scopes(),
        ["https://management.usgovcloudapi.net/.default"]
    );
    // An explicit endpoint wins over the preset's, the scope stays the cloud's.
    let c = apigen_runtime::ClientBuilder::new(SPEC, |c| c)
        .azure_china()
        .endpoint("http://127.0.0.1:1")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(c.endpoint().as_str(), "http://127.0.0.1:1/");
    assert_eq!(c.scopes(), ["https://management.chinacloudapi.cn/.default"]);
    assert!(apigen_runtime::ClientBuilder::new(SPEC, |c| c)
        .endpoint("not a url")
        .is_err());
}

#[test]
fn tracing_has_spans_and_never_secrets() {
    let cap = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(cap.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || {
        rt.block_on(async {
            let n = Arc::new(AtomicUsize::new(0));
            let srv = serve(move |_| {
                let n = n.clone();
                async move {
                    if n.fetch_add(1, Ordering::SeqCst) == 0 {
                        reply(500, &[], "")
                    } else {
                        json(200, json!({}))
                    }
                }
            })
            .await;
            let c = builder(&srv.url)
                .credential(StaticTokenCredential::new("super-secret-token"))
                .build()
                .unwrap();
            assert!(!format!("{c:?}").contains("super-secret-token"));
            let _: serde_json::Value = c
                .request(Method::GET, "/items/{id}", &["42"])
                .query("sig", "sas-signature-value")
                .call::<_, Json>()
                .await
                .unwrap();
        })
    });
    let out = cap.text();
    assert!(out.contains("apigen.request"), "{out}");
    assert!(out.contains("http.method=GET"), "{out}");
    assert!(out.contains("/items/42"), "{out}");
    assert!(out.contains("attempt=2"), "{out}");
    assert!(out.contains("http.status=200"), "{out}");
    assert!(out.contains("duration_ms"), "{out}");
    assert!(out.contains("sig=REDACTED"), "{out}");
    assert!(!out.contains("super-secret-token"), "{out}");
    assert!(!out.contains("sas-signature-value"), "{out}");
}
