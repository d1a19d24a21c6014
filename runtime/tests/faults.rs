//! Fault injection: a hostile or broken server on loopback, and what the runtime does about it.
//! Every scenario is bounded (each test runs under `bounded`, a hang guard, not a speed
//! assertion), asserts the error kind, and checks that no credential reached a foreign host and
//! no secret reached an error message.

mod common;

use std::future::{Future, IntoFuture};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use apigen_runtime::credentials::{
    AccessToken, BoxFuture, ClientSecretCredential, StaticTokenCredential, TokenCredential,
};
use apigen_runtime::{
    CallOptions, Client, Error, FinalState, Json, Limit, Method, NoBody, Poller, TimeoutKind,
};
use common::*;
use futures::TryStreamExt;
use serde_json::{json, Value};

const TOKEN: &str = "bearer-token-3f9a7c1e";

/// Fails the test instead of hanging if the scenario is not bounded.
async fn bounded<T>(f: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), f.into_future())
        .await
        .expect("the scenario did not finish: a wait is unbounded")
}

/// `GET /x` that must fail.
async fn get_x_err(c: &Client) -> Error {
    bounded(c.request(Method::GET, "/x", &[]).call::<Value, Json>())
        .await
        .unwrap_err()
}

/// Starts `PUT /r` as a long-running operation.
async fn begin_put(c: &Client) -> Poller<Value> {
    c.request(Method::PUT, "/r", &[])
        .lro(FinalState::Default)
        .begin()
        .await
        .unwrap()
}

fn assert_timeout(e: &Error, expected: TimeoutKind) {
    assert!(
        matches!(e, Error::Timeout { kind, .. } if *kind == expected),
        "expected a {expected} error, got {e:?}"
    );
}

fn authed(url: &str) -> apigen_runtime::ClientBuilder<Client> {
    builder(url).credential(StaticTokenCredential::new(TOKEN))
}

fn assert_no_secret(e: &Error, secrets: &[&str]) {
    let shown = format!("{e} {e:?}");
    for s in secrets {
        assert!(!shown.contains(s), "secret `{s}` leaked into: {shown}");
    }
}

fn no_credential_reached(srv: &TestServer) {
    assert!(srv.hits() > 0, "the foreign server was never asked");
    for r in srv.requests() {
        assert_eq!(
            r.header("authorization"),
            None,
            "credential sent to a foreign host: {} {}",
            r.method,
            r.uri
        );
    }
}

fn credential_reached_all(srv: &TestServer) {
    for r in srv.requests() {
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str()),
            "{} {}",
            r.method,
            r.uri
        );
    }
}

// ---- the connection and the body -----------------------------------------------------------

#[tokio::test]
async fn resets_are_retried_then_a_transport_error() {
    let srv = raw_server(vec![Raw::Reset]).await;
    let c = builder(&srv.url).max_retries(2).build().unwrap();
    let e = get_x_err(&c).await;
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert_eq!(srv.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let srv = raw_server(vec![Raw::Truncate("{\"a\":")]).await;
    let c = builder(&srv.url).max_retries(1).build().unwrap();
    let e = get_x_err(&c).await;
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
}

#[tokio::test]
async fn short_and_malformed_bodies_are_deserialize_errors_with_a_snippet() {
    let srv = serve(|r| async move {
        match r.path() {
            "/short" => reply(200, &[("content-type", "application/json")], "{"),
            _ => reply(
                200,
                &[("content-type", "application/json")],
                "{\"id\": \"not a number\"}",
            ),
        }
    })
    .await;
    let c = client(&srv.url);
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        id: u32,
    }
    let e = bounded(c.request(Method::GET, "/short", &[]).call::<Item, Json>())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Deserialize { .. }), "{e:?}");
    let e = bounded(c.request(Method::GET, "/bad", &[]).call::<Item, Json>())
        .await
        .unwrap_err();
    match &e {
        Error::Deserialize { path, snippet, .. } => {
            assert_eq!(path, "id");
            assert!(snippet.contains("not a number"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn html_500s_are_retried_then_reported_with_the_text() {
    let srv = serve(|_| async {
        reply(
            500,
            &[("content-type", "text/html")],
            "<html><body>Internal oops</body></html>",
        )
    })
    .await;
    let c = builder(&srv.url).max_retries(2).build().unwrap();
    let e = get_x_err(&c).await;
    assert_eq!(e.status(), Some(500));
    assert!(e.to_string().contains("Internal oops"), "{e}");
    assert_eq!(srv.hits(), 3);
}

#[tokio::test]
async fn a_429_storm_gives_up_after_the_retries() {
    let srv = serve(|_| async { reply(429, &[("retry-after-ms", "5")], "") }).await;
    let c = builder(&srv.url).max_retries(4).build().unwrap();
    let e = get_x_err(&c).await;
    assert_eq!(e.status(), Some(429));
    assert_eq!(srv.hits(), 5);
}

#[tokio::test]
async fn a_huge_retry_after_fails_at_once_naming_the_limit() {
    for retry_after in ["100000", "Wed, 01 Jan 2200 00:00:00 GMT"] {
        let srv = serve(move |_| async move {
            let mut r = json(
                429,
                json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
            );
            r.headers_mut()
                .insert("retry-after", retry_after.parse().unwrap());
            r
        })
        .await;
        let c = client(&srv.url);
        let start = Instant::now();
        let e = get_x_err(&c).await;
        assert!(start.elapsed() < Duration::from_secs(5), "it waited");
        let l = e.as_limit().unwrap_or_else(|| panic!("{e:?}"));
        assert_eq!(l.limit, Limit::RetryAfter);
        assert_eq!(l.response.as_ref().unwrap().status, 429);
        let text = e.to_string();
        assert!(
            text.contains("max_retry_after")
                && text.contains("60s")
                && text.contains("TooManyRequests"),
            "{text}"
        );
        assert_eq!(srv.hits(), 1);
    }
    // Raising the cap makes the same answer a wait.
    let srv = serve(|r| async move {
        if r.header("x-n") == Some("2") {
            json(200, json!({}))
        } else {
            reply(429, &[("retry-after", "1")], "")
        }
    })
    .await;
    let c = builder(&srv.url)
        .max_retry_after(Duration::from_millis(500))
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_eq!(e.as_limit().map(|l| l.limit), Some(Limit::RetryAfter));
}

#[tokio::test]
async fn no_answer_hits_the_per_try_then_the_overall_timeout() {
    let srv = raw_server(vec![Raw::Silent]).await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_millis(150))
        .max_retries(1)
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_timeout(&e, TimeoutKind::PerTry);
    assert!(e.to_string().contains("per_try_timeout"), "{e}");
    assert_eq!(srv.connections.load(Ordering::SeqCst), 2);

    let c = builder(&srv.url)
        .per_try_timeout(None)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_timeout(&e, TimeoutKind::Overall);
    assert!(e.to_string().contains("ClientBuilder::timeout"), "{e}");

    // Per call: a shorter timeout, and an absolute deadline.
    let c = builder(&srv.url).per_try_timeout(None).build().unwrap();
    let e = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Value, Json>()
            .options(CallOptions::new().timeout(Duration::from_millis(200))),
    )
    .await
    .unwrap_err();
    assert_timeout(&e, TimeoutKind::Overall);
    let e = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Value, Json>()
            .options(CallOptions::new().deadline(Instant::now() + Duration::from_millis(200))),
    )
    .await
    .unwrap_err();
    assert_timeout(&e, TimeoutKind::Deadline);
}

#[tokio::test]
async fn the_per_try_timer_also_ends_an_attempt_at_the_overall_timeout() {
    // One timer per attempt: the overall timeout comes first, so the attempt ends with it,
    // as the overall timeout (final, not retried), not as a per-try timeout.
    let srv = raw_server(vec![Raw::Silent]).await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_secs(60))
        .timeout(Duration::from_millis(300))
        .max_retries(3)
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_timeout(&e, TimeoutKind::Overall);
    assert_eq!(srv.connections.load(Ordering::SeqCst), 1, "not retried");
    // A per-try timeout shorter than what is left is still retried, and the retries end at
    // the overall timeout.
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_millis(100))
        .timeout(Duration::from_millis(1000))
        .max_retries(50)
        .retry_delays(Duration::from_millis(1), Duration::from_millis(1))
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(srv.connections.load(Ordering::SeqCst) >= 3, "retried");
}

/// A per-try policy that waits before every attempt.
#[derive(Debug)]
struct Stall(Duration);

impl apigen_runtime::Policy for Stall {
    fn send<'a>(
        &'a self,
        ctx: &'a apigen_runtime::Context,
        req: &'a mut apigen_runtime::HttpRequest,
        next: apigen_runtime::Next<'a>,
    ) -> BoxFuture<'a, apigen_runtime::Result<apigen_runtime::RawResponse>> {
        Box::pin(async move {
            tokio::time::sleep(self.0).await;
            next.send(ctx, req).await
        })
    }
}

#[tokio::test]
async fn a_per_try_policy_that_stalls_is_bounded_by_the_overall_timeout() {
    let srv = serve(|_| async { json(200, json!({})) }).await;
    let c = builder(&srv.url)
        .per_try_policy(Stall(Duration::from_secs(60)))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_timeout(&e, TimeoutKind::Overall);
    assert_eq!(srv.hits(), 0);
}

#[test]
fn every_wait_has_a_default_bound() {
    let l = apigen_runtime::Limits::default();
    assert_eq!(l.timeout, Some(Duration::from_secs(300)));
    assert_eq!(l.per_try_timeout, Some(Duration::from_secs(100)));
    assert_eq!(l.lro_deadline, Duration::from_secs(3 * 3600));
    assert_eq!(l.min_polling_interval, Duration::from_secs(1));
    assert_eq!(l.max_body_size, 64 << 20);
    assert_eq!(l.max_redirects, 10);
    assert_eq!(
        apigen_runtime::RetryOptions::default().max_retry_after,
        Duration::from_secs(60)
    );
}

#[tokio::test]
async fn a_slow_loris_body_is_cut_by_the_per_try_timeout() {
    let srv = raw_server(vec![Raw::Trickle(Duration::from_millis(20))]).await;
    let c = builder(&srv.url)
        .per_try_timeout(Duration::from_millis(200))
        .max_retries(1)
        .build()
        .unwrap();
    let e = get_x_err(&c).await;
    assert_timeout(&e, TimeoutKind::PerTry);
}

#[tokio::test]
async fn huge_bodies_are_refused_unread_and_can_be_streamed() {
    // Announced 2 GiB: refused from the header, nothing buffered.
    let srv = raw_server(vec![Raw::HugeLength]).await;
    let c = client(&srv.url);
    let e = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Vec<u8>, apigen_runtime::Binary>(),
    )
    .await
    .unwrap_err();
    let l = e.as_limit().unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(l.limit, Limit::BodySize);
    assert!(
        e.to_string().contains("max_body_size") && e.to_string().contains("send_stream"),
        "{e}"
    );
    assert_eq!(
        srv.connections.load(Ordering::SeqCst),
        1,
        "a limit is not retried"
    );

    // Chunked, no length: cut when it passes the limit.
    let srv = raw_server(vec![Raw::Chunked(3 << 20)]).await;
    let c = builder(&srv.url).max_body_size(1 << 20).build().unwrap();
    let e = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Vec<u8>, apigen_runtime::Binary>(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        e.as_limit().map(|l| l.limit),
        Some(Limit::BodySize),
        "{e:?}"
    );
    // The same body streamed: every byte, whatever the limit.
    let mut body = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Vec<u8>, apigen_runtime::Binary>()
            .send_stream(),
    )
    .await
    .unwrap()
    .into_body();
    let mut n = 0;
    while let Some(chunk) = bounded(body.try_next()).await.unwrap() {
        n += chunk.len();
    }
    assert_eq!(n, 3 << 20);
    // Per call: a larger limit buffers it.
    let v = bounded(
        c.request(Method::GET, "/x", &[])
            .call::<Vec<u8>, apigen_runtime::Binary>()
            .options(CallOptions::new().max_body_size(4 << 20)),
    )
    .await
    .unwrap();
    assert_eq!(v.len(), 3 << 20);
}

#[tokio::test]
async fn a_redirect_loop_is_a_limit_not_retried() {
    let srv = serve(|_| async { reply(302, &[("location", "/loop")], "") }).await;
    let c = builder(&srv.url).max_redirects(3).build().unwrap();
    let e = bounded(c.request(Method::GET, "/loop", &[]).call::<Value, Json>())
        .await
        .unwrap_err();
    assert_eq!(
        e.as_limit().map(|l| l.limit),
        Some(Limit::Redirects),
        "{e:?}"
    );
    assert!(e.to_string().contains("max_redirects"), "{e}");
    assert_eq!(srv.hits(), 4, "3 redirects followed, then stop; no retries");
}

#[tokio::test]
async fn a_paging_loop_stops() {
    let srv = serve(|r| async move {
        let next = format!("http://{}/items?page=2", r.header("host").unwrap());
        json(200, json!({"value": [1], "nextLink": next}))
    })
    .await;
    let c = client(&srv.url);
    let e = bounded(
        c.request(Method::GET, "/items", &[])
            .paged::<u32>("value", Some("nextLink")),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Paging { .. }), "{e:?}");
    assert_eq!(srv.hits(), 2);
}

// ---- long-running operations ---------------------------------------------------------------

#[tokio::test]
async fn an_endless_lro_ends_at_its_deadline() {
    let srv = serve(|r| async move {
        let op = format!("http://{}/op", r.header("host").unwrap());
        match r.path() {
            "/op" => json(200, json!({"status": "InProgress"})),
            _ => reply(201, &[("azure-asyncoperation", &op)], "{}"),
        }
    })
    .await;
    let c = builder(&srv.url)
        .lro_deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let poller: Poller<Value> = begin_put(&c).await;
    let token = poller.continuation_token();
    let e = bounded(poller.wait()).await.unwrap_err();
    let l = e.as_limit().unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(l.limit, Limit::LroDeadline);
    assert!(
        e.to_string().contains("InProgress") && e.to_string().contains("lro_deadline"),
        "{e}"
    );
    // Per call: a resumed poller with its own deadline.
    let p: Poller<Value> = c
        .resume_poller_with(
            &token,
            CallOptions::new().lro_deadline(Duration::from_millis(100)),
        )
        .unwrap();
    let e = bounded(p.wait()).await.unwrap_err();
    assert_eq!(e.as_limit().map(|l| l.limit), Some(Limit::LroDeadline));
}

#[tokio::test]
async fn retry_after_zero_on_polls_is_not_a_busy_loop() {
    let srv = serve(|r| async move {
        let op = format!("http://{}/op", r.header("host").unwrap());
        match r.path() {
            "/op" => {
                let mut resp = json(200, json!({"status": "InProgress"}));
                resp.headers_mut()
                    .insert("retry-after", "0".parse().unwrap());
                resp
            }
            _ => reply(
                201,
                &[("azure-asyncoperation", &op), ("retry-after", "0")],
                "{}",
            ),
        }
    })
    .await;
    // Default limits: the minimum interval (1 s) wins over `Retry-After: 0`.
    let c = ClientBuilderExt::plain(&srv.url);
    let p: Poller<Value> = begin_put(&c).await;
    assert_eq!(p.next_poll_delay(), Duration::from_secs(1));
    // A smaller minimum, over 500 ms: at most ~500/50 polls, not thousands.
    let c = builder(&srv.url)
        .min_polling_interval(Duration::from_millis(50))
        .lro_deadline(Duration::from_millis(500))
        .build()
        .unwrap();
    let p: Poller<Value> = begin_put(&c).await;
    let before = srv.hits();
    let e = bounded(p.wait()).await.unwrap_err();
    assert_eq!(e.as_limit().map(|l| l.limit), Some(Limit::LroDeadline));
    let polls = srv.hits() - before;
    assert!((3..=12).contains(&polls), "{polls} polls in 500 ms");
}

/// A client with the runtime's default limits (the test builder shortens polling).
struct ClientBuilderExt;
impl ClientBuilderExt {
    fn plain(url: &str) -> Client {
        apigen_runtime::ClientBuilder::new(SPEC, |c| c)
            .endpoint(url)
            .unwrap()
            .build()
            .unwrap()
    }
}

// ---- credentials go only to the service ----------------------------------------------------

/// The home server and a foreign one: another loopback address, or the same address on
/// another port.
async fn home_and_foreign<F, Fut>(foreign_ip: &str, home: F) -> (TestServer, TestServer)
where
    F: Fn(Recorded, String) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = axum::response::Response> + Send + 'static,
{
    let foreign = serve_at(foreign_ip, |r| async move {
        match r.path() {
            "/page2" => json(200, json!({"value": [2]})),
            "/op" => json(200, json!({"status": "Succeeded"})),
            "/loc" => json(200, json!({"result": "from-foreign"})),
            "/denied" => json(
                401,
                json!({"error": {"code": "Unauthorized", "message": "no token"}}),
            ),
            _ => json(200, json!({})),
        }
    })
    .await;
    let f = foreign.url.clone();
    let home = serve(move |r| {
        let home = home.clone();
        let f = f.clone();
        async move { home(r, f).await }
    })
    .await;
    (home, foreign)
}

#[tokio::test]
async fn no_credential_reaches_a_foreign_host_from_any_url_a_response_names() {
    for foreign_ip in ["127.0.0.2", "127.0.0.1"] {
        let (home, foreign) = home_and_foreign(foreign_ip, |r, f| async move {
            match (r.method.as_str(), r.path()) {
                ("GET", "/items") => {
                    json(200, json!({"value": [1], "nextLink": format!("{f}/page2")}))
                }
                ("PUT", "/async") => {
                    reply(201, &[("azure-asyncoperation", &format!("{f}/op"))], "{}")
                }
                ("PUT", "/oploc") => {
                    reply(201, &[("operation-location", &format!("{f}/op"))], "{}")
                }
                ("DELETE", "/loc") => reply(202, &[("location", &format!("{f}/loc"))], ""),
                ("POST", "/final") => reply(
                    202,
                    &[
                        ("azure-asyncoperation", &format!("{f}/op")),
                        ("location", &format!("{f}/loc")),
                    ],
                    "",
                ),
                _ => json(200, json!({"id": "home"})),
            }
        })
        .await;
        let c = authed(&home.url).build().unwrap();

        // Pager nextLink.
        let items: Vec<u32> = bounded(
            c.request(Method::GET, "/items", &[])
                .paged("value", Some("nextLink")),
        )
        .await
        .unwrap();
        assert_eq!(items, vec![1, 2]);
        // Azure-AsyncOperation and Operation-Location status URLs.
        for path in ["/async", "/oploc"] {
            let v: Value = bounded(
                c.request(Method::PUT, path, &[])
                    .lro::<Value, Json>(FinalState::Default),
            )
            .await
            .unwrap();
            assert_eq!(
                v["id"], "home",
                "final GET of the original URI on the home host"
            );
        }
        // Location poll, whose answer is the result.
        let v: Value = bounded(
            c.request(Method::DELETE, "/loc", &[])
                .lro::<Value, Json>(FinalState::Location),
        )
        .await
        .unwrap();
        assert_eq!(v["result"], "from-foreign");
        // The final-result GET from a foreign Location.
        let v: Value = bounded(
            c.request(Method::POST, "/final", &[])
                .lro::<Value, Json>(FinalState::Location),
        )
        .await
        .unwrap();
        assert_eq!(v["result"], "from-foreign");
        // A poller resumed from its continuation token, and a token edited to point elsewhere.
        let p: Poller<Value> = c
            .request(Method::PUT, "/async", &[])
            .lro(FinalState::Default)
            .begin()
            .await
            .unwrap();
        let token = p.continuation_token();
        let _: Value = bounded(c.resume_poller::<Value, Json>(&token).unwrap())
            .await
            .unwrap();
        let edited = token.replace(&home.url, &foreign.url);
        assert_ne!(edited, token);
        let _ = bounded(c.resume_poller::<Value, Json>(&edited).unwrap()).await;

        no_credential_reached(&foreign);
        credential_reached_all(&home);
    }
}

#[tokio::test]
async fn an_allowed_origin_gets_the_credential() {
    let (home, foreign) = home_and_foreign("127.0.0.2", |_, f| async move {
        json(200, json!({"value": [1], "nextLink": format!("{f}/page2")}))
    })
    .await;
    let c = authed(&home.url)
        .allow_credential_origin(&foreign.url)
        .build()
        .unwrap();
    let items: Vec<u32> = bounded(
        c.request(Method::GET, "/items", &[])
            .paged("value", Some("nextLink")),
    )
    .await
    .unwrap();
    assert_eq!(items, vec![1, 2]);
    credential_reached_all(&foreign);
    assert!(authed(&home.url)
        .allow_credential_origin("not a url")
        .build()
        .is_err());
}

/// Counts token requests.
#[derive(Debug, Default, Clone)]
struct Counting(Arc<AtomicUsize>);
impl TokenCredential for Counting {
    fn get_token<'a>(
        &'a self,
        _: &'a [&'a str],
    ) -> BoxFuture<'a, apigen_runtime::Result<AccessToken>> {
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move {
            Ok(AccessToken::new(
                format!("{TOKEN}-{n}"),
                time::OffsetDateTime::now_utc() + time::Duration::hours(1),
            ))
        })
    }
}

#[tokio::test]
async fn a_401_from_a_foreign_host_is_not_a_reason_to_send_the_token_there() {
    let (home, foreign) = home_and_foreign("127.0.0.2", |r, f| async move {
        match r.path() {
            "/items" => json(
                200,
                json!({"value": [1], "nextLink": format!("{f}/denied")}),
            ),
            // The home host's own 401 refreshes once, to the home host.
            _ if r.header("authorization") == Some(&format!("Bearer {TOKEN}-0")) => {
                json(401, json!({}))
            }
            _ => json(200, json!({"ok": true})),
        }
    })
    .await;
    let counting = Counting::default();
    let c = builder(&home.url)
        .credential(counting.clone())
        .build()
        .unwrap();
    let e = bounded(
        c.request(Method::GET, "/items", &[])
            .paged::<u32>("value", Some("nextLink")),
    )
    .await
    .unwrap_err();
    assert_eq!(e.status(), Some(401));
    assert!(e.to_string().contains("allow_credential_origin"), "{e}");
    assert_eq!(
        counting.0.load(Ordering::SeqCst),
        1,
        "no refresh for a foreign 401"
    );
    no_credential_reached(&foreign);

    let v: Value = bounded(
        c.request(Method::GET, "/refresh", &[])
            .call::<Value, Json>(),
    )
    .await
    .unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(
        counting.0.load(Ordering::SeqCst),
        2,
        "the home 401 refreshed once"
    );
    let last = home.last();
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {TOKEN}-1").as_str())
    );
}

// ---- secrets never in errors or logs -------------------------------------------------------

#[tokio::test]
async fn an_error_body_echoing_the_token_is_redacted() {
    let srv = serve(|r| async move {
        let auth = r.header("authorization").unwrap_or("").to_string();
        let mut resp = match r.path() {
            "/ok" => json(200, json!({"id": auth})),
            _ => json(400, json!({"error": {"code": "BadToken", "message": format!("you sent {auth}")}, "echo": auth})),
        };
        resp.headers_mut().insert("x-echo", auth.parse().unwrap());
        resp
    })
    .await;
    let c = authed(&srv.url).build().unwrap();
    let logs = capture_logs(async {
        let e = bounded(c.request(Method::GET, "/bad", &[]).call::<Value, Json>())
            .await
            .unwrap_err();
        assert_eq!(e.code(), Some("BadToken"));
        assert!(e.to_string().contains("you sent Bearer ***"), "{e}");
        assert_no_secret(&e, &[TOKEN]);
        // A success body that does not decode: the snippet is redacted too.
        let e = bounded(c.request(Method::GET, "/ok", &[]).call::<u32, Json>())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Deserialize { .. }));
        assert_no_secret(&e, &[TOKEN]);
    })
    .await;
    assert!(!logs.contains(TOKEN), "token in logs: {logs}");
    assert!(
        logs.contains("apigen.request"),
        "the logs were captured: {logs}"
    );
}

#[tokio::test]
async fn bad_token_endpoints_give_clear_secret_free_errors() {
    const SECRET: &str = "client-s3cret-value-77";
    let tokens = serve(|r| async move {
        let body = r.body_text();
        match r.path() {
            p if p.starts_with("/echo") => json(
                400,
                json!({"error": "invalid_client", "error_description": format!("bad request body: {body}")}),
            ),
            p if p.starts_with("/html") => reply(500, &[("content-type", "text/html")], "<html>down</html>"),
            p if p.starts_with("/huge") => reply(200, &[], "x".repeat(2 << 20)),
            p if p.starts_with("/slow") => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                json(200, json!({}))
            }
            _ => json(200, json!({"token_type": "Bearer"})),
        }
    })
    .await;
    let api = serve(|_| async { json(200, json!({})) }).await;
    let logs = capture_logs(async {
        for (tenant, expect) in [
            ("echo", "invalid_client"),
            ("html", "not JSON"),
            ("huge", "larger than"),
            ("none", "no access_token"),
        ] {
            let cred = ClientSecretCredential::new(tenant, "client-id", SECRET)
                .with_authority_host(&tokens.url)
                .unwrap();
            let c = builder(&api.url).credential(cred).build().unwrap();
            let e = get_x_err(&c).await;
            assert!(matches!(e, Error::Credential { .. }), "{e:?}");
            assert!(e.to_string().contains(expect), "{tenant}: {e}");
            assert_no_secret(&e, &[SECRET, &SECRET.replace('-', "%2D")]);
        }
        // A token endpoint that never answers is bounded by the call's timeout.
        let cred = ClientSecretCredential::new("slow", "client-id", SECRET)
            .with_authority_host(&tokens.url)
            .unwrap();
        let c = builder(&api.url)
            .credential(cred)
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let e = get_x_err(&c).await;
        assert_timeout(&e, TimeoutKind::Overall);
    })
    .await;
    assert!(!logs.contains(SECRET), "secret in logs: {logs}");
    assert_eq!(api.hits(), 0, "no request went out without its token");
}

#[tokio::test]
async fn an_lro_failure_echoing_the_token_is_redacted() {
    let srv = serve(|r| async move {
        let auth = r.header("authorization").unwrap_or("").to_string();
        let op = format!("http://{}/op", r.header("host").unwrap());
        match r.path() {
            "/op" => json(
                200,
                json!({"status": "Failed", "error": {"code": "Boom", "message": auth}}),
            ),
            _ => reply(202, &[("azure-asyncoperation", &op)], ""),
        }
    })
    .await;
    let c = authed(&srv.url).build().unwrap();
    let e = bounded(
        c.request(Method::DELETE, "/r", &[])
            .lro::<(), NoBody>(FinalState::Default),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::Lro(_)), "{e:?}");
    assert_eq!(e.code(), Some("Boom"));
    assert_no_secret(&e, &[TOKEN]);
}
