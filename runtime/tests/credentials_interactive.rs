//! Credentials that sign a user in, against a fake authority on loopback:
//! - the authorization code flow with PKCE: the test plays the browser, requesting the URL the
//!   prompt is handed and following the authority's redirect to the credential's listener;
//! - the device code flow: `/devicecode`, then `/token` polls scripted with
//!   `authorization_pending`, `slow_down`, `expired_token` and refusals.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apigen_runtime::credentials::{
    AuthorizationCodeCredential, DefaultCredential, DeviceCodeCredential, DeviceCodePrompt,
    TokenCredential,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use serde_json::json;
use url::Url;

const ARM: &str = "https://management.azure.com/.default";
const CODE: &str = "the-auth-code-0123456789";
const DEVICE_CODE: &str = "device-secret-code-42";

fn form(r: &Recorded) -> HashMap<String, String> {
    url::form_urlencoded::parse(&r.body).into_owned().collect()
}

fn tokens(n: usize) -> axum::response::Response {
    json(
        200,
        json!({"token_type": "Bearer", "expires_in": 3600, "access_token": format!("access-{n}"),
               "refresh_token": format!("refresh-{n}")}),
    )
}

fn refuse(error: &str, description: &str) -> axum::response::Response {
    json(
        400,
        json!({"error": error, "error_description": description}),
    )
}

/// How the fake authority's authorize endpoint redirects.
#[derive(Clone, Copy, PartialEq)]
enum Redirect {
    WithCode,
    ForgedState,
    Denied,
}

#[derive(Default)]
struct Flow {
    authorize: Vec<HashMap<String, String>>,
    issued: usize,
    refuse_refresh: bool,
}

/// The fake authority of the authorization code flow: checks PKCE, `redirect_uri` and the
/// refresh tokens it issued.
async fn authority(redirect: Redirect) -> (TestServer, Arc<Mutex<Flow>>) {
    let flow = Arc::new(Mutex::new(Flow::default()));
    let f2 = flow.clone();
    let server = serve(move |r| {
        let flow = f2.clone();
        async move {
            let mut flow = flow.lock().unwrap();
            if r.path() == "/tenant/oauth2/v2.0/authorize" {
                let q: HashMap<String, String> = r.query_pairs().into_iter().collect();
                let to = match redirect {
                    Redirect::WithCode => {
                        format!("{}?code={CODE}&state={}", q["redirect_uri"], q["state"])
                    }
                    Redirect::ForgedState => {
                        format!("{}?code={CODE}&state=forged", q["redirect_uri"])
                    }
                    Redirect::Denied => format!(
                        "{}?error=access_denied&error_description=The+user+declined&state={}",
                        q["redirect_uri"], q["state"]
                    ),
                };
                flow.authorize.push(q);
                return reply(302, &[("location", &to)], "");
            }
            let f = form(&r);
            match f.get("grant_type").map(String::as_str) {
                Some("authorization_code") => {
                    let Some(asked) = flow.authorize.last() else {
                        return refuse("invalid_grant", "no authorization");
                    };
                    let challenge = URL_SAFE_NO_PAD.encode(ring::digest::digest(
                        &ring::digest::SHA256,
                        f["code_verifier"].as_bytes(),
                    ));
                    if f["code"] != CODE
                        || challenge != asked["code_challenge"]
                        || f["redirect_uri"] != asked["redirect_uri"]
                        || f["client_id"] != "client"
                    {
                        return refuse(
                            "invalid_grant",
                            "AADSTS50148: code, verifier or redirect_uri mismatch",
                        );
                    }
                }
                Some("refresh_token") => {
                    if flow.refuse_refresh
                        || f["refresh_token"] != format!("refresh-{}", flow.issued - 1)
                    {
                        return refuse(
                            "invalid_grant",
                            "AADSTS700082: the refresh token has expired",
                        );
                    }
                }
                _ => return refuse("unsupported_grant_type", ""),
            }
            flow.issued += 1;
            tokens(flow.issued - 1)
        }
    })
    .await;
    (server, flow)
}

/// A browser that opens the URL it is handed (first asking the listener for a favicon, as
/// browsers do) and follows the authority's redirect; it records the final page's status.
fn browser(pages: Arc<Mutex<Vec<u16>>>) -> impl Fn(&Url) + Send + Sync + 'static {
    move |url: &Url| {
        let (url, pages) = (url.clone(), pages.clone());
        tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let to = http.get(url).send().await.unwrap();
            assert_eq!(to.status(), 302);
            let to = Url::parse(to.headers()["location"].to_str().unwrap()).unwrap();
            let favicon = to.join("/favicon.ico").unwrap();
            assert_eq!(http.get(favicon).send().await.unwrap().status(), 404);
            let page = http.get(to).send().await.unwrap();
            pages.lock().unwrap().push(page.status().as_u16());
        });
    }
}

fn credential(srv: &TestServer, pages: &Arc<Mutex<Vec<u16>>>) -> AuthorizationCodeCredential {
    AuthorizationCodeCredential::new("tenant", "client")
        .with_authority_host(&srv.url)
        .unwrap()
        .with_prompt(browser(pages.clone()))
        .with_timeout(Duration::from_secs(10))
}

#[tokio::test]
async fn browser_sign_in_with_pkce_then_refresh_tokens_renew_silently() {
    let (srv, flow) = authority(Redirect::WithCode).await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    let cred = credential(&srv, &pages).with_login_hint("user@contoso.com");
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "access-0"
    );
    assert_eq!(
        *pages.lock().unwrap(),
        [200],
        "the browser saw the signed-in page"
    );
    {
        let flow = flow.lock().unwrap();
        let q = &flow.authorize[0];
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["client_id"], "client");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["code_challenge"].len(), 43);
        assert_eq!(q["scope"], format!("{ARM} offline_access"));
        assert_eq!(q["login_hint"], "user@contoso.com");
        let redirect = Url::parse(&q["redirect_uri"]).unwrap();
        assert_eq!(redirect.host_str(), Some("localhost"));
        assert_ne!(redirect.port(), None);
        assert!(q["state"].len() >= 16);
    }
    // No access-token cache in the credential: each call renews, with the newest refresh
    // token, and nobody is asked again.
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "access-1"
    );
    let other = "https://storage.azure.com/.default";
    assert_eq!(
        cred.get_token(&[other]).await.unwrap().token.expose(),
        "access-2"
    );
    assert_eq!(flow.lock().unwrap().authorize.len(), 1);
    let f = form(&srv.last());
    assert_eq!(f["grant_type"], "refresh_token");
    assert_eq!(f["refresh_token"], "refresh-1");
    assert_eq!(f["scope"], format!("{other} offline_access"));
}

#[tokio::test]
async fn a_refused_refresh_token_means_signing_in_again() {
    let (srv, flow) = authority(Redirect::WithCode).await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    let cred = credential(&srv, &pages);
    cred.get_token(&[ARM]).await.unwrap();
    flow.lock().unwrap().refuse_refresh = true;
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "access-1"
    );
    assert_eq!(flow.lock().unwrap().authorize.len(), 2);
    assert_eq!(pages.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused() {
    let (srv, _) = authority(Redirect::ForgedState).await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    let e = credential(&srv, &pages)
        .get_token(&[ARM])
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("`state` is not this sign-in's"),
        "{e}"
    );
    assert!(
        srv.requests()
            .iter()
            .all(|r| r.method == axum::http::Method::GET),
        "the code was not redeemed"
    );
}

#[tokio::test]
async fn an_error_redirect_ends_the_sign_in() {
    let (srv, _) = authority(Redirect::Denied).await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    let e = credential(&srv, &pages)
        .get_token(&[ARM])
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("access_denied The user declined"), "{e}");
}

#[tokio::test]
async fn a_user_who_never_signs_in_is_waited_for_only_so_long() {
    let (srv, _) = authority(Redirect::WithCode).await;
    let url = Arc::new(Mutex::new(None));
    let u2 = url.clone();
    let cred = AuthorizationCodeCredential::new("tenant", "client")
        .with_authority_host(&srv.url)
        .unwrap()
        .with_prompt(move |u| *u2.lock().unwrap() = Some(u.clone()))
        .with_timeout(Duration::from_millis(300));
    let e = cred.get_token(&[ARM]).await.unwrap_err().to_string();
    assert!(e.contains("not completed within 300ms"), "{e}");
    assert!(url
        .lock()
        .unwrap()
        .as_ref()
        .unwrap()
        .path()
        .ends_with("/oauth2/v2.0/authorize"));
    assert_eq!(srv.hits(), 0);
}

#[tokio::test]
async fn codes_and_verifiers_echoed_by_the_authority_are_masked() {
    let srv = serve(|r| async move {
        if r.method == axum::http::Method::GET {
            let q: HashMap<String, String> = r.query_pairs().into_iter().collect();
            let to = format!("{}?code={CODE}&state={}", q["redirect_uri"], q["state"]);
            return reply(302, &[("location", &to)], "");
        }
        let f = form(&r);
        refuse(
            "invalid_grant",
            &format!("bad code {} verifier {}", f["code"], f["code_verifier"]),
        )
    })
    .await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    let cred = credential(&srv, &pages);
    let e = cred.get_token(&[ARM]).await.unwrap_err().to_string();
    let verifier = form(&srv.last())["code_verifier"].clone();
    assert!(e.contains("bad code *** verifier ***"), "{e}");
    assert!(!e.contains(CODE) && !e.contains(&verifier), "{e}");
    assert!(!format!("{cred:?}").contains("refresh"));
}

#[test]
fn the_default_chain_has_no_interactive_credential_unless_asked() {
    let env = |_: &str| None;
    assert_eq!(
        DefaultCredential::from_lookup(&env).names(),
        [
            "EnvironmentCredential",
            "ManagedIdentityCredential",
            "AzureCliCredential"
        ]
    );
    let with = DefaultCredential::from_lookup(&env)
        .with_interactive(DeviceCodeCredential::new("organizations", "client"));
    assert_eq!(with.names().last(), Some(&"DeviceCodeCredential"));
}

/// What the device flow's `/token` answers, poll by poll (the last repeats).
#[derive(Clone, Copy, Debug)]
enum Poll {
    Pending,
    SlowDown,
    Granted,
    Expired,
    Declined,
}

struct DeviceAuthority {
    server: TestServer,
    polls: Arc<Mutex<Vec<Instant>>>,
}

async fn device_authority(expires_in: u64, interval: u64, script: Vec<Poll>) -> DeviceAuthority {
    let polls = Arc::new(Mutex::new(Vec::new()));
    let p2 = polls.clone();
    let server = serve(move |r| {
        let (polls, script) = (p2.clone(), script.clone());
        async move {
            if r.path() == "/tenant/oauth2/v2.0/devicecode" {
                let f = form(&r);
                assert_eq!(f["scope"], format!("{ARM} offline_access"));
                return json(
                    200,
                    json!({"device_code": DEVICE_CODE, "user_code": "ABCD-1234",
                           "verification_uri": "https://microsoft.com/devicelogin",
                           "expires_in": expires_in, "interval": interval,
                           "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-1234 to authenticate."}),
                );
            }
            let f = form(&r);
            if f["grant_type"] == "refresh_token" {
                return tokens(100);
            }
            assert_eq!(f["grant_type"], "urn:ietf:params:oauth:grant-type:device_code");
            assert_eq!((f["device_code"].as_str(), f["client_id"].as_str()), (DEVICE_CODE, "client"));
            let mut polls = polls.lock().unwrap();
            polls.push(Instant::now());
            match script[(polls.len() - 1).min(script.len() - 1)] {
                Poll::Pending => refuse("authorization_pending", "AADSTS70016: pending"),
                Poll::SlowDown => refuse("slow_down", ""),
                Poll::Granted => tokens(0),
                Poll::Expired => refuse("expired_token", "AADSTS70020: expired"),
                Poll::Declined => refuse(
                    "authorization_declined",
                    &format!("the user declined {}", f["device_code"]),
                ),
            }
        }
    })
    .await;
    DeviceAuthority { server, polls }
}

fn device_credential(
    auth: &DeviceAuthority,
    prompts: &Arc<Mutex<Vec<DeviceCodePrompt>>>,
) -> DeviceCodeCredential {
    let p = prompts.clone();
    DeviceCodeCredential::new("tenant", "client")
        .with_authority_host(&auth.server.url)
        .unwrap()
        .with_prompt(move |prompt| p.lock().unwrap().push(prompt.clone()))
        .with_polling(Duration::from_millis(10), Duration::from_millis(150))
}

#[tokio::test]
async fn device_code_polls_through_pending_and_slow_down_then_renews_silently() {
    use Poll::*;
    let auth = device_authority(60, 0, vec![Pending, Pending, SlowDown, Pending, Granted]).await;
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let cred = device_credential(&auth, &prompts);
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "access-0"
    );
    let prompt = prompts.lock().unwrap()[0].clone();
    assert_eq!(prompt.user_code, "ABCD-1234");
    assert_eq!(prompt.verification_uri, "https://microsoft.com/devicelogin");
    assert!(prompt.message.contains("ABCD-1234"));
    assert!(!format!("{prompt:?}").contains(DEVICE_CODE));
    let polls = auth.polls.lock().unwrap().clone();
    assert_eq!(polls.len(), 5);
    let gaps: Vec<Duration> = polls.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps.iter().all(|g| *g >= Duration::from_millis(10)),
        "{gaps:?}"
    );
    assert!(
        gaps[2] >= Duration::from_millis(150) && gaps[3] >= Duration::from_millis(150),
        "slow_down is honoured: {gaps:?}"
    );

    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "access-100"
    );
    assert_eq!(form(&auth.server.last())["refresh_token"], "refresh-0");
    assert_eq!(prompts.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn device_code_waits_the_interval_the_authority_asks() {
    let auth = device_authority(60, 1, vec![Poll::Granted]).await;
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let asked = Instant::now();
    device_credential(&auth, &prompts)
        .get_token(&[ARM])
        .await
        .unwrap();
    let first_poll = auth.polls.lock().unwrap()[0];
    assert!(first_poll - asked >= Duration::from_secs(1));
}

/// The error a device code sign-in ends with, and how often it polled.
async fn device_failure(expires_in: u64, script: Vec<Poll>, timeout: Duration) -> (String, usize) {
    let auth = device_authority(expires_in, 0, script).await;
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let e = device_credential(&auth, &prompts)
        .with_timeout(timeout)
        .get_token(&[ARM])
        .await
        .unwrap_err()
        .to_string();
    let polls = auth.polls.lock().unwrap().len();
    (e, polls)
}

#[tokio::test]
async fn device_code_ends_on_expiry_refusal_or_timeout() {
    use Poll::*;
    let long = Duration::from_secs(600);
    let (e, _) = device_failure(60, vec![Pending, Expired], long).await;
    assert!(
        e.contains("expired before the user signed in (`expired_token`)"),
        "{e}"
    );

    let (e, _) = device_failure(60, vec![Declined], long).await;
    assert!(
        e.contains("authorization_declined the user declined ***"),
        "{e}"
    );

    // A user who never signs in: the code's own lifetime, or the timeout, bounds the wait.
    let (e, polls) = device_failure(1, vec![Pending], long).await;
    assert!(e.contains("the device code expired (1s)"), "{e}");
    assert!(polls > 2);

    let (e, _) = device_failure(900, vec![Pending], Duration::from_millis(200)).await;
    assert!(e.contains("did not sign in within 200ms"), "{e}");
}
