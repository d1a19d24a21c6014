//! The spec's security schemes on the wire, against loopback servers: exactly the header,
//! query parameter or cookie each scheme sends, per-operation requirements (AND, OR,
//! anonymous), OAuth2 client credentials against a token endpoint (cached), secrets kept out
//! of Debug and errors, and nothing sent to a foreign origin.

mod common;

use std::future::IntoFuture;
use std::time::Duration;

use apigen_runtime::credentials::{
    ApiKeyLocation, ClientAuthentication, OAuth2ClientCredential, SchemeCredential,
    StaticTokenCredential, TokenCredential,
};
use apigen_runtime::{Client, ClientBuilder, Error, Json, Method, NoBody};
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};

const KEY: &str = "k3y-0123456789";
const QUERY_KEY: &str = "q-k3y-987654321";
const SESSION: &str = "s3ssion-abcdef";
const PASSWORD: &str = "pa55word-xyz";
const CLIENT_SECRET: &str = "cl13nt-s3cret-value";

async fn bounded<T>(f: impl IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), f.into_future())
        .await
        .expect("the scenario did not finish")
}

fn keys(url: &str) -> ClientBuilder<Client> {
    builder(url)
        .security_scheme(
            "header_key",
            SchemeCredential::api_key(ApiKeyLocation::Header, "X-API-Key", KEY),
        )
        .security_scheme(
            "query_key",
            SchemeCredential::api_key(ApiKeyLocation::Query, "code", QUERY_KEY),
        )
        .security_scheme(
            "session",
            SchemeCredential::api_key(ApiKeyLocation::Cookie, "sid", SESSION),
        )
}

async fn get(c: &Client, security: Option<&'static [&'static [&'static str]]>) {
    let mut r = c.request(Method::GET, "/x", &[]).query("a", "1");
    if let Some(s) = security {
        r = r.security(s);
    }
    bounded(r.call::<(), NoBody>()).await.unwrap();
}

fn ok() -> axum::response::Response {
    reply(204, &[], "")
}

#[tokio::test]
async fn api_keys_go_in_the_header_query_and_cookie_the_requirement_names() {
    let srv = serve(|_| async { ok() }).await;
    let c = keys(&srv.url).build().unwrap();

    // One scheme.
    get(&c, Some(&[&["header_key"]])).await;
    let r = srv.last();
    assert_eq!(r.header("x-api-key"), Some(KEY));
    assert_eq!(r.query_value("a").as_deref(), Some("1"));
    assert_eq!(r.query_value("code"), None);
    assert_eq!(r.header("cookie"), None);

    // AND: header and query key together.
    get(&c, Some(&[&["header_key", "query_key"]])).await;
    let r = srv.last();
    assert_eq!(r.header("x-api-key"), Some(KEY));
    assert_eq!(r.query_value("code").as_deref(), Some(QUERY_KEY));

    // OR: the first alternative whose schemes are all configured.
    get(&c, Some(&[&["not_configured"], &["session"]])).await;
    let r = srv.last();
    assert_eq!(r.header("cookie"), Some(format!("sid={SESSION}").as_str()));
    assert_eq!(r.header("x-api-key"), None);
    assert_eq!(r.query_value("code"), None);

    // Anonymous: nothing at all, not even the client's bearer credential.
    let c2 = keys(&srv.url)
        .credential(StaticTokenCredential::new("bearer-token-123"))
        .build()
        .unwrap();
    get(&c2, Some(&[])).await;
    let r = srv.last();
    assert_eq!(
        (
            r.header("x-api-key"),
            r.header("cookie"),
            r.header("authorization")
        ),
        (None, None, None)
    );
    assert_eq!(r.query_value("code"), None);

    // No requirement (a hand-built request): every configured credential.
    get(&c, None).await;
    let r = srv.last();
    assert_eq!(r.header("x-api-key"), Some(KEY));
    assert_eq!(r.query_value("code").as_deref(), Some(QUERY_KEY));
    assert_eq!(r.header("cookie"), Some(format!("sid={SESSION}").as_str()));
}

#[tokio::test]
async fn a_cookie_key_joins_the_callers_cookies_and_retries_send_each_key_once() {
    let srv = serve(|r| async move {
        // The first try fails with a retryable status.
        if r.header("x-try") == Some("1") {
            return ok();
        }
        reply(503, &[], "")
    })
    .await;
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    #[derive(Debug)]
    struct CountTries(std::sync::Arc<std::sync::atomic::AtomicUsize>);
    impl apigen_runtime::Policy for CountTries {
        fn send<'a>(
            &'a self,
            ctx: &'a apigen_runtime::Context,
            req: &'a mut apigen_runtime::HttpRequest,
            next: apigen_runtime::Next<'a>,
        ) -> apigen_runtime::credentials::BoxFuture<
            'a,
            apigen_runtime::Result<apigen_runtime::RawResponse>,
        > {
            let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            req.headers.insert("x-try", n.to_string().parse().unwrap());
            next.send(ctx, req)
        }
    }
    let c = ClientBuilder::new(SPEC, |c| c)
        .endpoint(&srv.url)
        .unwrap()
        .retry_delays(Duration::from_millis(1), Duration::from_millis(5))
        .per_try_policy(CountTries(attempts.clone()))
        .security_scheme(
            "query_key",
            SchemeCredential::api_key(ApiKeyLocation::Query, "code", QUERY_KEY),
        )
        .security_scheme(
            "session",
            SchemeCredential::api_key(ApiKeyLocation::Cookie, "sid", SESSION),
        )
        .build()
        .unwrap();
    bounded(
        c.request(Method::GET, "/x", &[])
            .header("cookie", "theme=dark")
            .security(&[&["query_key", "session"]])
            .call::<(), NoBody>(),
    )
    .await
    .unwrap();
    let requests = srv.requests();
    assert_eq!(requests.len(), 2, "one retry");
    for r in &requests {
        let codes: Vec<_> = r
            .query_pairs()
            .into_iter()
            .filter(|(k, _)| k == "code")
            .collect();
        assert_eq!(codes.len(), 1, "{:?}", r.uri);
        assert_eq!(
            r.header("cookie"),
            Some(format!("theme=dark; sid={SESSION}").as_str())
        );
    }
}

#[tokio::test]
async fn basic_and_bearer_send_the_authorization_header() {
    let srv = serve(|_| async { ok() }).await;
    let c = builder(&srv.url)
        .security_scheme("basic", SchemeCredential::basic("alice", PASSWORD))
        .security_scheme("bearer", SchemeCredential::bearer_token("st4tic-token"))
        .build()
        .unwrap();
    get(&c, Some(&[&["basic"]])).await;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("alice:{PASSWORD}"))
    );
    assert_eq!(srv.last().header("authorization"), Some(expected.as_str()));
    get(&c, Some(&[&["bearer"]])).await;
    assert_eq!(
        srv.last().header("authorization"),
        Some("Bearer st4tic-token")
    );
}

/// A token endpoint that grants `token-<n>` for an hour and records the requests.
async fn token_server() -> TestServer {
    let n = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    serve(move |_| {
        let n = n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        async move {
            json(
                200,
                json!({"access_token": format!("token-{n}"), "token_type": "Bearer", "expires_in": 3600}),
            )
        }
    })
    .await
}

#[tokio::test]
async fn oauth2_client_credentials_asks_the_token_url_once_and_caches_the_token() {
    let tokens = token_server().await;
    let srv = serve(|_| async { ok() }).await;
    let c = builder(&srv.url)
        .security_scheme(
            "oauth2",
            SchemeCredential::oauth2_client_credentials(
                &format!("{}/oauth/token", tokens.url),
                &["things.read", "things.write"],
                "my-app",
                CLIENT_SECRET,
            ),
        )
        .build()
        .unwrap();
    get(&c, Some(&[&["oauth2"]])).await;
    get(&c, Some(&[&["oauth2"]])).await;
    assert_eq!(tokens.hits(), 1, "the token is cached until it expires");
    let t = tokens.last();
    assert_eq!((t.method.as_str(), t.path()), ("POST", "/oauth/token"));
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("my-app:{CLIENT_SECRET}"))
    );
    assert_eq!(t.header("authorization"), Some(basic.as_str()));
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&t.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        form,
        [
            ("grant_type".to_string(), "client_credentials".to_string()),
            ("scope".to_string(), "things.read things.write".to_string()),
        ]
    );
    for r in srv.requests() {
        assert_eq!(r.header("authorization"), Some("Bearer token-1"));
    }
}

#[tokio::test]
async fn oauth2_client_credentials_in_the_body_and_refusals_without_the_secret() {
    let tokens = token_server().await;
    let c = OAuth2ClientCredential::new(format!("{}/t", tokens.url), "my-app", CLIENT_SECRET)
        .with_authentication(ClientAuthentication::RequestBody);
    let t = c.get_token(&["a"]).await.unwrap();
    assert_eq!(t.token.expose(), "token-1");
    let r = tokens.last();
    assert_eq!(r.header("authorization"), None);
    let body = r.body_text();
    assert!(body.contains("client_id=my-app"), "{body}");
    assert!(
        body.contains(&format!("client_secret={CLIENT_SECRET}")),
        "{body}"
    );

    // A refusal that echoes the secret.
    let refusing = serve(|r| async move {
        json(
            401,
            json!({"error": "invalid_client", "error_description": format!("bad secret in {}", r.body_text())}),
        )
    })
    .await;
    let c = OAuth2ClientCredential::new(format!("{}/t", refusing.url), "my-app", CLIENT_SECRET)
        .with_authentication(ClientAuthentication::RequestBody);
    let e = c.get_token(&["a"]).await.unwrap_err();
    let shown = format!("{e} {e:?} {c:?}");
    assert!(shown.contains("invalid_client"), "{shown}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");

    // Plain http to a host that is not loopback is refused before anything is sent.
    let c = OAuth2ClientCredential::new("http://auth.example.com/t", "my-app", CLIENT_SECRET);
    let e = c.get_token(&[]).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("refusing to send client credentials over http"),
        "{e}"
    );
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors_even_when_the_server_echoes_them() {
    let srv = serve(|r| async move {
        let echo = format!(
            "{} {} {} {}",
            r.header("x-api-key").unwrap_or(""),
            r.query(),
            r.header("cookie").unwrap_or(""),
            r.header("authorization").unwrap_or("")
        );
        json(400, json!({"error": {"code": "Bad", "message": echo}}))
    })
    .await;
    let b = keys(&srv.url).security_scheme("basic", SchemeCredential::basic("alice", PASSWORD));
    let shown = format!("{b:?}");
    let c = b.build().unwrap();
    let e: Error = bounded(
        c.request(Method::GET, "/x", &[])
            .security(&[&["header_key", "query_key", "session", "basic"]])
            .call::<Value, Json>(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.status(), Some(400));
    let shown = format!("{shown} {c:?} {e} {e:?}");
    assert!(shown.contains("Bad"), "{shown}");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("alice:{PASSWORD}"));
    for secret in [KEY, QUERY_KEY, SESSION, PASSWORD, basic.as_str()] {
        assert!(!shown.contains(secret), "`{secret}` shown: {shown}");
    }
}

#[tokio::test]
async fn a_foreign_next_link_gets_no_key_cookie_basic_or_token() {
    let foreign = serve_at("127.0.0.2", |_| async { json(200, json!({"value": [2]})) }).await;
    let f = foreign.url.clone();
    let home = serve(move |_| {
        let f = f.clone();
        async move { json(200, json!({"value": [1], "nextLink": format!("{f}/page2")})) }
    })
    .await;
    let tokens = token_server().await;
    let c = keys(&home.url)
        .security_scheme("basic", SchemeCredential::basic("alice", PASSWORD))
        .security_scheme(
            "oauth2",
            SchemeCredential::oauth2_client_credentials(
                &format!("{}/t", tokens.url),
                &[],
                "my-app",
                CLIENT_SECRET,
            ),
        )
        .build()
        .unwrap();
    const KEYS: &[&[&str]] = &[&["header_key", "query_key", "session", "basic"]];
    const OAUTH: &[&[&str]] = &[&["oauth2"]];
    for requirement in [KEYS, OAUTH] {
        let items: Vec<u32> = bounded(
            c.request(Method::GET, "/items", &[])
                .security(requirement)
                .paged("value", Some("nextLink")),
        )
        .await
        .unwrap();
        assert_eq!(items, [1, 2]);
        let home_req = home.last();
        assert!(
            home_req.header("x-api-key").is_some() || home_req.header("authorization").is_some()
        );
        let r = foreign.last();
        assert_eq!(
            (
                r.header("x-api-key"),
                r.header("cookie"),
                r.header("authorization")
            ),
            (None, None, None),
            "credential sent to a foreign origin"
        );
        assert_eq!(r.query_value("code"), None);
    }
    assert_eq!(foreign.hits(), 2);
}

#[tokio::test]
async fn a_key_is_never_sent_over_plain_http_to_a_remote_host() {
    let c = builder("http://192.0.2.1")
        .security_scheme(
            "header_key",
            SchemeCredential::api_key(ApiKeyLocation::Header, "X-API-Key", KEY),
        )
        .build()
        .unwrap();
    let e = bounded(c.request(Method::GET, "/x", &[]).call::<(), NoBody>())
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("refusing to send an API key over http"),
        "{e}"
    );
}

#[tokio::test]
async fn a_401_refreshes_a_scheme_token_once() {
    let tokens = token_server().await;
    let srv = serve(|r| async move {
        if r.header("authorization") == Some("Bearer token-1") {
            reply(401, &[], "")
        } else {
            ok()
        }
    })
    .await;
    let c = builder(&srv.url)
        .security_scheme(
            "oauth2",
            SchemeCredential::oauth2_client_credentials(
                &format!("{}/t", tokens.url),
                &["s"],
                "my-app",
                CLIENT_SECRET,
            ),
        )
        .build()
        .unwrap();
    get(&c, Some(&[&["oauth2"]])).await;
    assert_eq!(tokens.hits(), 2);
    assert_eq!(srv.last().header("authorization"), Some("Bearer token-2"));
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_followed_without_the_header_key() {
    let foreign = serve_at("127.0.0.2", |_| async { ok() }).await;
    let f = foreign.url.clone();
    let home = serve(move |r| {
        let f = f.clone();
        async move {
            match r.path() {
                "/away" => reply(307, &[("location", &format!("{f}/elsewhere"))], ""),
                "/moved" => reply(307, &[("location", "/x")], ""),
                _ => ok(),
            }
        }
    })
    .await;
    let c = keys(&home.url).max_retries(0).build().unwrap();
    // The runtime follows the redirect; auth sees the hop's origin and keeps the key home.
    bounded(
        c.request(Method::GET, "/away", &[])
            .security(&[&["header_key"]])
            .call::<(), NoBody>(),
    )
    .await
    .unwrap();
    let r = foreign.last();
    assert_eq!((r.path(), r.header("x-api-key")), ("/elsewhere", None));
    // A redirect on the same origin is followed, key included.
    bounded(
        c.request(Method::GET, "/moved", &[])
            .security(&[&["header_key"]])
            .call::<(), NoBody>(),
    )
    .await
    .unwrap();
    let r = home.last();
    assert_eq!((r.path(), r.header("x-api-key")), ("/x", Some(KEY)));
}
