//! The persistent token cache: a second client instance with the same cache file signs in
//! silently; a corrupt, foreign or world-readable file is ignored with a warning and
//! replaced. One loopback server plays both the authority (device code flow) and the service.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use apigen_runtime::credentials::{DeviceCodeCredential, TokenCache};
use apigen_runtime::{Json, Method};
use common::*;
use serde_json::json;

fn form(r: &Recorded) -> HashMap<String, String> {
    url::form_urlencoded::parse(&r.body).into_owned().collect()
}

/// Authority and service in one: every grant issues `access-N`/`refresh-N` valid for
/// `expires_in`; the service answers 200 only to a bearer token the authority issued.
async fn server(expires_in: u64) -> TestServer {
    let issued = Arc::new(AtomicUsize::new(0));
    serve(move |r| {
        let issued = issued.clone();
        async move {
            if r.path().ends_with("/oauth2/v2.0/devicecode") {
                return json(
                    200,
                    json!({"device_code": "device-code-xyz", "user_code": "CODE-1",
                           "verification_uri": "https://microsoft.com/devicelogin",
                           "expires_in": 60, "interval": 0}),
                );
            }
            if r.path().ends_with("/oauth2/v2.0/token") {
                let n = issued.fetch_add(1, Ordering::SeqCst);
                return json(
                    200,
                    json!({"expires_in": expires_in, "access_token": format!("access-{n}"),
                           "refresh_token": format!("refresh-{n}")}),
                );
            }
            let known = (0..issued.load(Ordering::SeqCst))
                .any(|n| r.header("authorization") == Some(&format!("Bearer access-{n}")));
            if known {
                json(200, json!({"ok": true}))
            } else {
                json(
                    401,
                    json!({"error": {"code": "InvalidAuthenticationToken"}}),
                )
            }
        }
    })
    .await
}

/// A device code credential with the cache, and how often it asked the user.
fn credential(
    srv: &TestServer,
    client_id: &str,
    cache: &Path,
) -> (DeviceCodeCredential, Arc<AtomicUsize>) {
    let prompts = Arc::new(AtomicUsize::new(0));
    let p = prompts.clone();
    let cred = DeviceCodeCredential::new("tenant", client_id)
        .with_authority_host(&srv.url)
        .unwrap()
        .with_prompt(move |_| {
            p.fetch_add(1, Ordering::SeqCst);
        })
        .with_polling(Duration::from_millis(1), Duration::from_millis(1))
        .with_token_cache(TokenCache::file(cache));
    (cred, prompts)
}

/// A request through a client built on the credential (a new client instance each time).
async fn call(srv: &TestServer, cred: DeviceCodeCredential) {
    let client = builder(&srv.url).credential(cred).build().unwrap();
    let v: serde_json::Value = client
        .request(Method::GET, "/things", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v, json!({"ok": true}));
}

fn grants(srv: &TestServer) -> usize {
    srv.requests()
        .iter()
        .filter(|r| r.path().ends_with("/token"))
        .count()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn a_second_client_instance_does_not_prompt_again() {
    let srv = server(3600).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cache/tokens.json");

    let (first, asked) = credential(&srv, "client", &file);
    call(&srv, first).await;
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    assert_eq!(grants(&srv), 1);
    #[cfg(unix)]
    {
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"apigen-token-cache\"") && text.contains("refresh-0"),
        "{text}"
    );

    let (second, asked) = credential(&srv, "client", &file);
    call(&srv, second).await;
    assert_eq!(
        asked.load(Ordering::SeqCst),
        0,
        "the second instance did not prompt"
    );
    assert_eq!(grants(&srv), 1, "it used the cached access token");
    assert_eq!(srv.last().header("authorization"), Some("Bearer access-0"));

    // Another app does not get this app's tokens.
    let (other, asked) = credential(&srv, "another-client", &file);
    call(&srv, other).await;
    assert_eq!(asked.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_cached_refresh_token_renews_an_expiring_token_and_serves_other_scopes() {
    // Tokens that live one minute: too short to reuse, so the refresh token is redeemed.
    let srv = server(60).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.json");
    let (first, _) = credential(&srv, "client", &file);
    call(&srv, first).await;

    let (second, asked) = credential(&srv, "client", &file);
    call(&srv, second).await;
    assert_eq!(asked.load(Ordering::SeqCst), 0);
    let renewal = form(
        &srv.requests()
            .into_iter()
            .rev()
            .find(|r| r.path().ends_with("/token"))
            .unwrap(),
    );
    assert_eq!(renewal["grant_type"], "refresh_token");
    assert_eq!(renewal["refresh_token"], "refresh-0");

    // Another scope of the same app: the app's refresh token, no prompt.
    let (third, asked) = credential(&srv, "client", &file);
    let t = apigen_runtime::credentials::TokenCredential::get_token(
        &third,
        &["https://storage.azure.com/.default"],
    )
    .await
    .unwrap();
    assert_eq!(t.token.expose(), "access-2");
    assert_eq!(asked.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_cached_token_the_service_refuses_is_renewed_not_reused() {
    let srv = server(3600).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.json");
    let (first, _) = credential(&srv, "client", &file);
    call(&srv, first).await;
    // The file's access token is revoked: the service no longer accepts `access-0`.
    let revoked = serve(|r| async move {
        if r.header("authorization") == Some("Bearer access-0") {
            json(
                401,
                json!({"error": {"code": "InvalidAuthenticationToken"}}),
            )
        } else {
            json(200, json!({"ok": true}))
        }
    })
    .await;
    let (second, asked) = credential(&srv, "client", &file);
    let client = builder(&revoked.url).credential(second).build().unwrap();
    let v: serde_json::Value = client
        .request(Method::GET, "/things", &[])
        .call::<_, Json>()
        .await
        .unwrap();
    assert_eq!(v, json!({"ok": true}));
    assert_eq!(
        revoked.last().header("authorization"),
        Some("Bearer access-1")
    );
    assert_eq!(
        asked.load(Ordering::SeqCst),
        0,
        "renewed with the cached refresh token"
    );
}

#[tokio::test]
async fn corrupt_foreign_and_open_cache_files_are_ignored_with_a_warning_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "corrupt",
            b"{\"format\": \"apigen-token-cache\", \"entries\": [tok-SECRET-PART",
            "it is not JSON (line 1 column",
        ),
        ("binary", &[0xff, 0x00, 0x13, 0x37], "it is not JSON"),
        (
            "foreign",
            b"{\"theme\": \"dark\", \"token\": \"other-tool-SECRET-PART\"}",
            "it is not a token cache",
        ),
        (
            "shape",
            b"{\"format\": \"apigen-token-cache\", \"version\": 1, \"entries\": \"SECRET-PART\"}",
            "not in the expected shape",
        ),
    ];
    for (name, content, why) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        #[cfg(unix)]
        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        let log = capture_logs(async {
            let srv = server(3600).await;
            let (cred, asked) = credential(&srv, "client", &file);
            call(&srv, cred).await;
            assert_eq!(asked.load(Ordering::SeqCst), 1, "{name}: signed in anew");
        })
        .await;
        assert!(
            log.contains("ignoring the token cache file") && log.contains(why),
            "{name}: {log}"
        );
        assert!(
            !log.contains("SECRET-PART"),
            "{name}: the file's text is not logged: {log}"
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("apigen-token-cache") && text.contains("refresh-0"),
            "{name}: replaced"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_cache_file_others_can_read_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.json");
    let log = capture_logs(async {
        let srv = server(3600).await;
        let (first, _) = credential(&srv, "client", &file);
        call(&srv, first).await;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (second, asked) = credential(&srv, "client", &file);
        call(&srv, second).await;
        assert_eq!(asked.load(Ordering::SeqCst), 1, "signed in again");
    })
    .await;
    assert!(log.contains("its mode is 644"), "{log}");
    assert_eq!(mode(&file), 0o600, "rewritten private");
}
