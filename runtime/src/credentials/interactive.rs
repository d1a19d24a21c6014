//! [`AuthorizationCodeCredential`]: a user signs in with a browser (the authorization code
//! grant with PKCE for a public client, redirected to a loopback listener).

use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use url::Url;

use super::ensure_secure;
use super::loopback::RedirectListener;
use super::oauth::{entra_app_builders, EntraApp, Grant};
use super::session::{scope_param, user_credential_impls, UserSession};
use crate::error::Result;
use crate::redact::Redactor;
use crate::Secret;

const NAME: &str = "AuthorizationCodeCredential";

type UrlPrompt = dyn Fn(&Url) + Send + Sync;

/// A PKCE pair (RFC 7636): the verifier stays here, its S256 challenge goes in the URL.
struct Pkce {
    verifier: Secret,
    challenge: String,
}

impl Pkce {
    fn new() -> Self {
        let verifier = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
        let challenge = URL_SAFE_NO_PAD
            .encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()).as_ref());
        Pkce {
            verifier: Secret::new(verifier),
            challenge,
        }
    }
}

/// Interactive sign-in with a browser (`azure_identity`'s `InteractiveBrowserCredential`): the
/// OAuth2 authorization code grant with PKCE (S256) for a public client.
///
/// 1. A listener on `127.0.0.1` (and `::1`), on a port the system picks, waits for the
///    redirect; the redirect URI is `http://localhost:{port}` (register `http://localhost` as a
///    "Mobile and desktop applications" redirect URI of the app).
/// 2. The URL of `{authority}/{tenant}/oauth2/v2.0/authorize` goes to the prompt: by default
///    it is printed to stderr and opened with the platform's opener (`xdg-open`, `open`, or
///    the URL handler on Windows); [`with_prompt`](Self::with_prompt) replaces that.
/// 3. A redirect whose `state` is not this sign-in's is refused and ends the sign-in with an
///    error; so does an `error` redirect, or no redirect within the timeout (5 minutes,
///    [`with_timeout`](Self::with_timeout)).
/// 4. The code and the PKCE verifier are redeemed at `/token`. The refresh token (scopes get
///    `offline_access`) renews tokens silently from then on; with
///    [`with_token_cache`](Self::with_token_cache) it outlives the process.
///
/// Not in [`DefaultCredential`](super::DefaultCredential) unless added with
/// [`with_interactive`](super::DefaultCredential::with_interactive).
///
/// ```no_run
/// use apigen_runtime::credentials::{AuthorizationCodeCredential, TokenCache, TokenCredential};
/// # async fn f() -> apigen_runtime::Result<()> {
/// let c = AuthorizationCodeCredential::new("organizations", "your-app-client-id")
///     .with_token_cache(TokenCache::in_user_cache_dir().expect("a cache folder"));
/// let token = c.get_token(&["https://management.azure.com/.default"]).await?; // opens a browser
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AuthorizationCodeCredential {
    session: UserSession,
    prompt: Arc<UrlPrompt>,
    timeout: Duration,
    login_hint: Option<String>,
}

impl AuthorizationCodeCredential {
    /// For an app registration (a public client) in a tenant (a GUID, a domain,
    /// `organizations` or `common`), on the public cloud.
    pub fn new(tenant_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        AuthorizationCodeCredential {
            session: UserSession::new(EntraApp::new(tenant_id, client_id)),
            prompt: Arc::new(print_and_open),
            timeout: Duration::from_secs(300),
            login_hint: None,
        }
    }

    /// Hand the sign-in URL to `prompt` instead of printing it and opening a browser.
    ///
    /// ```
    /// use apigen_runtime::credentials::AuthorizationCodeCredential;
    /// let c = AuthorizationCodeCredential::new("organizations", "client-id")
    ///     .with_prompt(|url| eprintln!("Sign in at {url}"));
    /// ```
    pub fn with_prompt(mut self, prompt: impl Fn(&Url) + Send + Sync + 'static) -> Self {
        self.prompt = Arc::new(prompt);
        self
    }

    /// How long to wait for the user to finish signing in (default 5 minutes).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Pre-fill the account on the sign-in page (`login_hint`).
    pub fn with_login_hint(mut self, login_hint: impl Into<String>) -> Self {
        self.login_hint = Some(login_hint.into());
        self
    }

    async fn sign_in(&self, scopes: &[&str]) -> Result<Grant> {
        let app = &self.session.app;
        let listener = RedirectListener::bind(NAME).await?;
        let redirect_uri = listener.redirect_uri();
        let pkce = Pkce::new();
        let state = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
        let scope = scope_param(scopes);
        let mut url = app.endpoint("authorize")?;
        ensure_secure(&url, "a sign-in request")?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", &app.client_id)
                .append_pair("response_type", "code")
                .append_pair("redirect_uri", &redirect_uri)
                .append_pair("response_mode", "query")
                .append_pair("scope", &scope)
                .append_pair("state", &state)
                .append_pair("code_challenge", &pkce.challenge)
                .append_pair("code_challenge_method", "S256");
            if let Some(hint) = &self.login_hint {
                q.append_pair("login_hint", hint);
            }
        }
        tracing::debug!(
            credential = NAME,
            redirect_uri,
            "waiting for the user to sign in"
        );
        (self.prompt)(&url);
        let code = listener.wait_for_code(NAME, &state, self.timeout).await?;
        let form = [
            ("grant_type", "authorization_code"),
            ("client_id", app.client_id.as_str()),
            ("code", code.expose()),
            ("redirect_uri", redirect_uri.as_str()),
            ("code_verifier", pkce.verifier.expose()),
            ("scope", scope.as_str()),
        ];
        let secrets = Redactor::new([&code, &pkce.verifier]);
        self.session
            .redeem(NAME, &form, &secrets)
            .await?
            .map_err(|refused| refused.error)
    }
}

entra_app_builders!(AuthorizationCodeCredential, session.app);

user_credential_impls!(AuthorizationCodeCredential, NAME);

/// The default prompt: print the URL, and open it where the platform has an opener.
fn print_and_open(url: &Url) {
    eprintln!("To sign in, open this page in a browser:\n\n    {url}\n");
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("rundll32.exe", &["url.dll,FileProtocolHandler"])
    } else {
        ("xdg-open", &[])
    };
    // The URL is one argument, never a shell command line.
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url.as_str())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            // Reap it without making the sign-in wait for the opener.
            std::thread::spawn(move || child.wait());
        }
        Err(e) => tracing::debug!(program, error = %e, "no browser opened; open the URL yourself"),
    }
}
