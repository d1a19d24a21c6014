//! Credentials against loopback token/IMDS endpoints and a fake `az` script.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use apigen_runtime::credentials::{
    AccessToken, AzureCliCredential, BoxFuture, CachedCredential, ChainedCredential,
    ClientSecretCredential, Cloud, DefaultCredential, EnvironmentCredential,
    ManagedIdentityCredential, StaticTokenCredential, TokenCredential, WorkloadIdentityCredential,
};
use apigen_runtime::{Error, Json, Method};
use common::*;
use serde_json::json;

const ARM: &str = "https://management.azure.com/.default";

fn token_endpoint_reply(expires_in: u64, n: usize) -> axum::response::Response {
    json(
        200,
        json!({"token_type": "Bearer", "expires_in": expires_in, "ext_expires_in": expires_in,
               "access_token": format!("token-{n}")}),
    )
}

fn form(r: &Recorded) -> HashMap<String, String> {
    url::form_urlencoded::parse(&r.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn client_secret_credential_posts_client_credentials_grant() {
    let n = Arc::new(AtomicUsize::new(0));
    let srv = serve(move |_| {
        let n = n.clone();
        async move { token_endpoint_reply(3600, n.fetch_add(1, Ordering::SeqCst)) }
    })
    .await;
    let cred = ClientSecretCredential::new("my-tenant", "my-client", "my s3cret&=")
        .with_authority_host(&srv.url)
        .unwrap();
    assert!(!format!("{cred:?}").contains("s3cret"));
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "token-0");
    let remaining = t.expires_on - time::OffsetDateTime::now_utc();
    assert!(remaining > time::Duration::minutes(55) && remaining <= time::Duration::minutes(61));
    let r = srv.last();
    assert_eq!(r.method, Method::POST);
    assert_eq!(r.path(), "/my-tenant/oauth2/v2.0/token");
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let f = form(&r);
    assert_eq!(f["grant_type"], "client_credentials");
    assert_eq!(f["client_id"], "my-client");
    assert_eq!(f["client_secret"], "my s3cret&=");
    assert_eq!(f["scope"], ARM);
}

#[tokio::test]
async fn token_endpoint_errors_are_clear_and_secret_free() {
    let srv = serve(|_| async {
        json(
            401,
            json!({"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}),
        )
    })
    .await;
    let cred = ClientSecretCredential::new("t", "c", "the-secret-value")
        .with_authority_host(&srv.url)
        .unwrap();
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    let s = e.to_string();
    assert!(matches!(e, Error::Credential { .. }));
    assert!(
        s.contains("invalid_client") && s.contains("AADSTS7000215"),
        "{s}"
    );
    assert!(!s.contains("the-secret-value"));

    // A token response that is not JSON must not be quoted (it could hold a token).
    let srv = serve(|_| async { reply(200, &[], "access_token=leaky-token") }).await;
    let cred = ClientSecretCredential::new("t", "c", "x")
        .with_authority_host(&srv.url)
        .unwrap();
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert!(!e.to_string().contains("leaky-token"), "{e}");
}

#[tokio::test]
async fn client_secret_is_never_sent_over_plain_http_to_remote_hosts() {
    let cred = ClientSecretCredential::new("t", "c", "x")
        .with_authority_host("http://login.example.invalid")
        .unwrap();
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert!(e.to_string().contains("refusing"), "{e}");
    // The US Gov preset uses its authority host.
    let c = ClientSecretCredential::new("t", "c", "x").with_cloud(&Cloud::azure_us_government());
    assert!(format!("{c:?}").contains("login.microsoftonline.us"));
}

#[tokio::test]
async fn workload_identity_sends_the_federated_token_as_client_assertion() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, "federated-jwt-1\n").unwrap();
    let srv = serve(|_| async { token_endpoint_reply(3600, 0) }).await;
    let cred = WorkloadIdentityCredential::new("tenant", "client", &file)
        .with_authority_host(&srv.url)
        .unwrap();
    cred.get_token(&[ARM]).await.unwrap();
    let f = form(&srv.last());
    assert_eq!(f["client_assertion"], "federated-jwt-1");
    assert_eq!(
        f["client_assertion_type"],
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert!(!f.contains_key("client_secret"));
    // The file is re-read: rotation is picked up.
    std::fs::write(&file, "federated-jwt-2").unwrap();
    cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(form(&srv.last())["client_assertion"], "federated-jwt-2");
    // Missing file: a clear error.
    let cred = WorkloadIdentityCredential::new("tenant", "client", dir.path().join("nope"))
        .with_authority_host(&srv.url)
        .unwrap();
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert!(e.to_string().contains("federated token file"), "{e}");
}

#[tokio::test]
async fn environment_credential_reads_secret_or_federated_file() {
    let srv = serve(|_| async { token_endpoint_reply(3600, 0) }).await;
    let url = srv.url.clone();
    let env = EnvironmentCredential::from_lookup(&|k: &str| match k {
        "AZURE_TENANT_ID" => Some("env-tenant".into()),
        "AZURE_CLIENT_ID" => Some("env-client".into()),
        "AZURE_CLIENT_SECRET" => Some("env-secret".into()),
        "AZURE_AUTHORITY_HOST" => Some(url.clone()),
        _ => None,
    });
    assert!(env.is_configured());
    assert!(!format!("{env:?}").contains("env-secret"));
    env.get_token(&[ARM]).await.unwrap();
    let r = srv.last();
    assert_eq!(r.path(), "/env-tenant/oauth2/v2.0/token");
    assert_eq!(form(&r)["client_secret"], "env-secret");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t");
    std::fs::write(&file, "fed").unwrap();
    let file_s = file.display().to_string();
    let env = EnvironmentCredential::from_lookup(&|k: &str| match k {
        "AZURE_TENANT_ID" => Some("env-tenant".into()),
        "AZURE_CLIENT_ID" => Some("env-client".into()),
        "AZURE_FEDERATED_TOKEN_FILE" => Some(file_s.clone()),
        "AZURE_AUTHORITY_HOST" => Some(url.clone()),
        _ => None,
    });
    env.get_token(&[ARM]).await.unwrap();
    assert_eq!(form(&srv.last())["client_assertion"], "fed");

    let env = EnvironmentCredential::from_lookup(&|k: &str| match k {
        "AZURE_CLIENT_ID" => Some("c".into()),
        _ => None,
    });
    assert!(!env.is_configured());
    let e = env.get_token(&[ARM]).await.unwrap_err();
    assert!(e.to_string().contains("AZURE_TENANT_ID not set"), "{e}");
}

#[tokio::test]
async fn managed_identity_imds_request_shape() {
    let srv = serve(|_| async {
        json(
            200,
            json!({"access_token": "mi-token", "expires_on": "4102444800", "expires_in": "3599",
                   "resource": "https://management.azure.com", "token_type": "Bearer"}),
        )
    })
    .await;
    let cred =
        ManagedIdentityCredential::imds(&format!("{}/metadata/identity/oauth2/token", srv.url))
            .unwrap()
            .with_client_id("uami-client");
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "mi-token");
    assert_eq!(t.expires_on.unix_timestamp(), 4102444800);
    let r = srv.last();
    assert_eq!(r.method, Method::GET);
    assert_eq!(r.path(), "/metadata/identity/oauth2/token");
    assert_eq!(r.header("metadata"), Some("true"));
    assert_eq!(r.query_value("api-version").as_deref(), Some("2018-02-01"));
    assert_eq!(
        r.query_value("resource").as_deref(),
        Some("https://management.azure.com")
    );
    assert_eq!(r.query_value("client_id").as_deref(), Some("uami-client"));
}

#[tokio::test]
async fn managed_identity_app_service_from_environment() {
    let srv = serve(|_| async {
        json(200, json!({"access_token": "as-token", "expires_on": 4102444800u64, "resource": "x", "token_type": "Bearer"}))
    })
    .await;
    let endpoint = format!("{}/msi/token", srv.url);
    let cred = ManagedIdentityCredential::from_lookup(&|k: &str| match k {
        "IDENTITY_ENDPOINT" => Some(endpoint.clone()),
        "IDENTITY_HEADER" => Some("identity-header-secret".into()),
        _ => None,
    });
    assert!(!format!("{cred:?}").contains("identity-header-secret"));
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "as-token");
    let r = srv.last();
    assert_eq!(r.path(), "/msi/token");
    assert_eq!(
        r.header("x-identity-header"),
        Some("identity-header-secret")
    );
    assert_eq!(r.query_value("api-version").as_deref(), Some("2019-08-01"));
    assert_eq!(
        r.query_value("resource").as_deref(),
        Some("https://management.azure.com")
    );
}

#[tokio::test]
async fn managed_identity_retries_what_imds_asks_to_be_retried() {
    // 404 (identity not assigned yet), 410 (upgrading), 429 with Retry-After 0, 503, then a token.
    let statuses = [404u16, 410, 429, 503];
    let count = Arc::new(AtomicUsize::new(0));
    let srv = serve(move |_| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        async move {
            match statuses.get(n) {
                Some(&429) => reply(429, &[("retry-after", "0")], "{\"error\":\"busy\"}"),
                Some(&status) => json(status, json!({"error": "busy"})),
                None => json(
                    200,
                    json!({"access_token": "mi-token", "expires_on": "4102444800", "token_type": "Bearer"}),
                ),
            }
        }
    })
    .await;
    let cred = ManagedIdentityCredential::imds(&format!("{}/token", srv.url))
        .unwrap()
        .with_retries(4, Duration::from_millis(5));
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "mi-token");
    assert_eq!(srv.hits(), 5);

    // Out of retries: the last answer is the error, with its status.
    let srv = serve(|_| async { json(410, json!({"error": "upgrading"})) }).await;
    let cred = ManagedIdentityCredential::imds(&format!("{}/token", srv.url))
        .unwrap()
        .with_retries(2, Duration::from_millis(5));
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert_eq!(srv.hits(), 3, "one try and two retries");
    assert!(e.to_string().contains("410"), "{e}");

    // A 400 (bad request, e.g. an unknown client id) is final at once.
    let srv = serve(|_| async { json(400, json!({"error": "invalid_request"})) }).await;
    let cred = ManagedIdentityCredential::imds(&format!("{}/token", srv.url))
        .unwrap()
        .with_retries(3, Duration::from_millis(5));
    cred.get_token(&[ARM]).await.unwrap_err();
    assert_eq!(srv.hits(), 1);
}

#[tokio::test]
async fn managed_identity_unreachable_fails_fast() {
    // Nothing listens on this loopback port.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let cred = ManagedIdentityCredential::imds(&format!("http://127.0.0.1:{port}/token")).unwrap();
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert!(
        e.to_string()
            .starts_with("credential error: ManagedIdentityCredential"),
        "{e}"
    );
}

#[cfg(unix)]
fn fake_az(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("az");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[tokio::test]
async fn azure_cli_credential_runs_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let args_file = dir.path().join("args");
    let az = fake_az(
        dir.path(),
        &format!(
            "echo \"$@\" > {}\necho '{{\"accessToken\":\"cli-token\",\"expiresOn\":\"2100-01-01 00:00:00.000000\",\"expires_on\":4102444800,\"tokenType\":\"Bearer\"}}'",
            args_file.display()
        ),
    );
    let cred = AzureCliCredential::new()
        .with_program(&az)
        .with_tenant("my-tenant");
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "cli-token");
    assert_eq!(t.expires_on.unix_timestamp(), 4102444800);
    let args = std::fs::read_to_string(&args_file).unwrap();
    assert_eq!(
        args.trim(),
        "account get-access-token --output json --resource https://management.azure.com --tenant my-tenant"
    );
    // A non-.default scope uses --scope.
    cred.get_token(&["https://example.org/user_impersonation"])
        .await
        .unwrap();
    let args = std::fs::read_to_string(&args_file).unwrap();
    assert!(
        args.contains("--scope https://example.org/user_impersonation"),
        "{args}"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn azure_cli_credential_failures_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let az = fake_az(
        dir.path(),
        "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1",
    );
    let e = AzureCliCredential::new()
        .with_program(&az)
        .get_token(&[ARM])
        .await
        .unwrap_err();
    assert!(e.to_string().contains("az login"), "{e}");
    let e = AzureCliCredential::new()
        .with_program(dir.path().join("missing-az"))
        .get_token(&[ARM])
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not found"), "{e}");
    let slow = fake_az(dir.path(), "sleep 20");
    let e = AzureCliCredential::new()
        .with_program(&slow)
        .with_timeout(Duration::from_millis(300))
        .get_token(&[ARM])
        .await
        .unwrap_err();
    assert!(e.to_string().contains("did not finish"), "{e}");
}

#[tokio::test]
async fn default_credential_reports_every_failure() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let cred = DefaultCredential::from_parts(
        EnvironmentCredential::from_lookup(&|_| None),
        ManagedIdentityCredential::imds(&format!("http://127.0.0.1:{port}/token")).unwrap(),
        AzureCliCredential::new().with_program("/nonexistent/az"),
    );
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    let s = e.to_string();
    for part in [
        "EnvironmentCredential",
        "ManagedIdentityCredential",
        "AzureCliCredential",
        "not set",
        "not found",
    ] {
        assert!(s.contains(part), "{s} lacks {part}");
    }
}

#[tokio::test]
async fn default_credential_moves_on_at_once_from_a_metadata_service_answering_404() {
    // Not Azure's IMDS (e.g. another cloud's metadata service): 404 for the token path.
    let srv = serve(|_| async { json(404, json!({"error": "not found"})) }).await;
    let cred = DefaultCredential::from_parts(
        EnvironmentCredential::from_lookup(&|_| None),
        ManagedIdentityCredential::imds(&format!("{}/token", srv.url))
            .unwrap()
            .with_retries(4, Duration::from_secs(5)),
        AzureCliCredential::new().with_program("/nonexistent/az"),
    );
    let e = cred.get_token(&[ARM]).await.unwrap_err();
    assert_eq!(srv.hits(), 1, "404 is not retried in the chain");
    assert!(e.to_string().contains("404"), "{e}");
}

#[tokio::test]
async fn default_credential_uses_first_working_and_remembers_it() {
    let srv =
        serve(|_| async { json(200, json!({"access_token": "mi", "expires_in": 3600})) }).await;
    let cred = DefaultCredential::from_parts(
        EnvironmentCredential::from_lookup(&|_| None),
        ManagedIdentityCredential::imds(&format!("{}/token", srv.url)).unwrap(),
        AzureCliCredential::new().with_program("/nonexistent/az"),
    );
    assert_eq!(cred.get_token(&[ARM]).await.unwrap().token.expose(), "mi");
    assert_eq!(cred.get_token(&[ARM]).await.unwrap().token.expose(), "mi");
    assert_eq!(srv.hits(), 2);
}

/// Counts calls; each token lives `ttl` and the fetch takes 50 ms.
struct Counting {
    calls: Arc<AtomicUsize>,
    ttl: time::Duration,
    fail_after: Option<usize>,
}
impl TokenCredential for Counting {
    fn get_token<'a>(
        &'a self,
        _s: &'a [&'a str],
    ) -> BoxFuture<'a, apigen_runtime::Result<AccessToken>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            if self.fail_after.is_some_and(|f| n >= f) {
                return Err(Error::Credential {
                    message: "token service down".into(),
                });
            }
            Ok(AccessToken::new(
                format!("t{n}"),
                time::OffsetDateTime::now_utc() + self.ttl,
            ))
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_share_one_token_fetch() {
    // A real token endpoint counting hits, behind the client's cache.
    let srv_tokens = serve(|_| async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        token_endpoint_reply(3600, 0)
    })
    .await;
    let api = serve(|_| async { json(200, json!({})) }).await;
    let cred = ClientSecretCredential::new("t", "c", "s")
        .with_authority_host(&srv_tokens.url)
        .unwrap();
    let c = builder(&api.url).credential(cred).build().unwrap();
    let tasks: Vec<_> = (0..50)
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
        t.await.unwrap().unwrap();
    }
    assert_eq!(srv_tokens.hits(), 1);
    assert_eq!(api.hits(), 50);
    assert!(api
        .requests()
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer token-0")));
}

#[tokio::test]
async fn tokens_are_refreshed_ahead_of_expiry() {
    let calls = Arc::new(AtomicUsize::new(0));
    // Tokens live 10 minutes; refresh 5 minutes ahead: cached.
    let c = CachedCredential::new(Counting {
        calls: calls.clone(),
        ttl: time::Duration::minutes(10),
        fail_after: None,
    });
    assert_eq!(c.get_token(&[ARM]).await.unwrap().token.expose(), "t0");
    assert_eq!(c.get_token(&[ARM]).await.unwrap().token.expose(), "t0");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // Another scope set is cached separately.
    c.get_token(&["other/.default"]).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // Tokens living 4 minutes are inside the 5-minute window: every call refreshes.
    let calls = Arc::new(AtomicUsize::new(0));
    let c = CachedCredential::new(Counting {
        calls: calls.clone(),
        ttl: time::Duration::minutes(4),
        fail_after: None,
    });
    c.get_token(&[ARM]).await.unwrap();
    assert_eq!(c.get_token(&[ARM]).await.unwrap().token.expose(), "t1");
    // With a 1-minute window they are cached.
    let calls = Arc::new(AtomicUsize::new(0));
    let c = CachedCredential::new(Counting {
        calls: calls.clone(),
        ttl: time::Duration::minutes(4),
        fail_after: None,
    })
    .refresh_before(Duration::from_secs(60));
    c.get_token(&[ARM]).await.unwrap();
    c.get_token(&[ARM]).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    c.clear().await;
    c.get_token(&[ARM]).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn failed_refresh_keeps_a_still_valid_token() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = CachedCredential::new(Counting {
        calls: calls.clone(),
        ttl: time::Duration::minutes(4),
        fail_after: Some(1),
    });
    assert_eq!(c.get_token(&[ARM]).await.unwrap().token.expose(), "t0");
    // Refresh is due (inside the window) but fails: the valid token is still served.
    assert_eq!(c.get_token(&[ARM]).await.unwrap().token.expose(), "t0");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // An expired token is not served.
    let calls = Arc::new(AtomicUsize::new(0));
    let c = CachedCredential::new(Counting {
        calls,
        ttl: time::Duration::seconds(-1),
        fail_after: Some(1),
    });
    c.get_token(&[ARM]).await.unwrap();
    assert!(c.get_token(&[ARM]).await.is_err());
}

#[tokio::test]
async fn credential_errors_surface_from_calls() {
    let api = serve(|_| async { json(200, json!({})) }).await;
    let c = builder(&api.url)
        .credential(ChainedCredential::new())
        .build()
        .unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Credential { .. }), "{e}");
    assert_eq!(api.hits(), 0);
}

#[tokio::test]
async fn client_passes_its_scope_to_the_credential() {
    struct Scopes(Arc<std::sync::Mutex<Vec<String>>>);
    impl TokenCredential for Scopes {
        fn get_token<'a>(
            &'a self,
            s: &'a [&'a str],
        ) -> BoxFuture<'a, apigen_runtime::Result<AccessToken>> {
            self.0
                .lock()
                .unwrap()
                .extend(s.iter().map(|s| s.to_string()));
            Box::pin(async {
                Ok(AccessToken::new(
                    "x",
                    time::OffsetDateTime::now_utc() + time::Duration::hours(1),
                ))
            })
        }
    }
    let api = serve(|_| async { json(200, json!({})) }).await;
    let seen = Arc::new(std::sync::Mutex::new(vec![]));
    let c = builder(&api.url)
        .azure_china()
        .credential(Scopes(seen.clone()))
        .build()
        .unwrap();
    // An explicit endpoint wins over the preset's (so this reaches the loopback server).
    assert!(c.endpoint().as_str().starts_with("http://127.0.0.1"));
    c.request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        vec!["https://management.chinacloudapi.cn/.default".to_string()]
    );
    let _ = StaticTokenCredential::new("unused");
}

#[tokio::test]
async fn a_401_refreshes_the_token_once() {
    let tokens = serve(|r: Recorded| async move {
        let _ = r;
        token_endpoint_reply(3600, 0)
    })
    .await;
    let n = Arc::new(AtomicUsize::new(0));
    let api = serve(move |_| {
        let n = n.clone();
        async move {
            if n.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(401, &[], "")
            } else {
                json(200, json!({}))
            }
        }
    })
    .await;
    let cred = ClientSecretCredential::new("t", "c", "s")
        .with_authority_host(&tokens.url)
        .unwrap();
    let c = builder(&api.url).credential(cred).build().unwrap();
    c.request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap();
    assert_eq!(tokens.hits(), 2, "token fetched again after the 401");
    assert_eq!(api.hits(), 2);

    // A persistent 401 is returned after one refresh, not looped on.
    let api = serve(|_| async { reply(401, &[], "") }).await;
    let cred = ClientSecretCredential::new("t", "c", "s")
        .with_authority_host(&tokens.url)
        .unwrap();
    let c = builder(&api.url).credential(cred).build().unwrap();
    let e = c
        .request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(401));
    assert_eq!(api.hits(), 2);
}
