//! [`DeviceCodeCredential`]: a user signs in on another device (the OAuth2 device
//! authorization grant, RFC 8628).

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;
use tokio::time::Instant;

use super::ensure_secure;
use super::oauth::{entra_app_builders, read_reply, EntraApp, Grant, Reply};
use super::session::{scope_param, user_credential_impls, UserSession};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

const NAME: &str = "DeviceCodeCredential";

/// The grant type of the device code's token requests.
const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// What the user needs to sign in: where to go and what code to type. (The device code the
/// credential polls with is not here: it is a secret.)
#[derive(Clone, Debug)]
pub struct DeviceCodePrompt {
    /// The code the user enters.
    pub user_code: String,
    /// Where the user enters it, e.g. `https://microsoft.com/devicelogin`.
    pub verification_uri: String,
    /// The authority's sentence saying both.
    pub message: String,
    /// When the code stops working.
    pub expires_on: OffsetDateTime,
}

type DevicePrompt = dyn Fn(&DeviceCodePrompt) + Send + Sync;

/// Sign-in on another device (`az login --use-device-code`): the device authorization grant.
///
/// 1. `POST {authority}/{tenant}/oauth2/v2.0/devicecode` returns a user code, a page to enter
///    it on, and a device code.
/// 2. The [`DeviceCodePrompt`] goes to the prompt: by default its message is printed to
///    stderr; [`with_prompt`](Self::with_prompt) replaces that.
/// 3. `/token` is polled every `interval` seconds (as the authority says; 5 if it does not),
///    while it answers `authorization_pending`, 5 seconds slower after each `slow_down`; an
///    `expired_token`, a refusal (`authorization_declined`, ...), the code's `expires_in` or
///    the timeout (15 minutes, [`with_timeout`](Self::with_timeout)) ends the wait with an
///    error.
/// 4. The refresh token renews tokens silently from then on; with
///    [`with_token_cache`](Self::with_token_cache) it outlives the process.
///
/// Not in [`DefaultCredential`](super::DefaultCredential) unless added with
/// [`with_interactive`](super::DefaultCredential::with_interactive).
///
/// ```no_run
/// use apigen_runtime::credentials::{DeviceCodeCredential, TokenCredential};
/// # async fn f() -> apigen_runtime::Result<()> {
/// let c = DeviceCodeCredential::new("organizations", "your-app-client-id")
///     .with_prompt(|p| eprintln!("Open {} and enter {}", p.verification_uri, p.user_code));
/// let token = c.get_token(&["https://management.azure.com/.default"]).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct DeviceCodeCredential {
    session: UserSession,
    prompt: Arc<DevicePrompt>,
    timeout: Duration,
    min_interval: Duration,
    slow_down: Duration,
}

/// A number of seconds that may come as a JSON number or string.
fn seconds(v: &serde_json::Value, name: &str) -> Option<u64> {
    match v.get(name)? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text(v: &serde_json::Value, name: &str) -> Option<String> {
    v.get(name)
        .and_then(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl DeviceCodeCredential {
    /// For an app registration (a public client with "Allow public client flows") in a
    /// tenant, on the public cloud.
    pub fn new(tenant_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        DeviceCodeCredential {
            session: UserSession::new(EntraApp::new(tenant_id, client_id)),
            prompt: Arc::new(|p: &DeviceCodePrompt| eprintln!("{}", p.message)),
            timeout: Duration::from_secs(15 * 60),
            min_interval: Duration::from_secs(1),
            slow_down: Duration::from_secs(5),
        }
    }

    /// Hand the user code and page to `prompt` instead of printing the message.
    pub fn with_prompt(
        mut self,
        prompt: impl Fn(&DeviceCodePrompt) + Send + Sync + 'static,
    ) -> Self {
        self.prompt = Arc::new(prompt);
        self
    }

    /// How long to wait for the user at most (default 15 minutes; the code's own
    /// `expires_in` may end it sooner).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The shortest wait between polls whatever the authority's `interval` (default 1 s),
    /// and what each `slow_down` adds to the wait (default 5 s, as RFC 8628 says). Tests
    /// make both small.
    pub fn with_polling(mut self, min_interval: Duration, slow_down: Duration) -> Self {
        self.min_interval = min_interval;
        self.slow_down = slow_down;
        self
    }

    async fn sign_in(&self, scopes: &[&str]) -> Result<Grant> {
        let app = &self.session.app;
        let url = app.endpoint("devicecode")?;
        ensure_secure(&url, "a device code request")?;
        let scope = scope_param(scopes);
        let form = [("client_id", app.client_id.as_str()), ("scope", &scope)];
        let resp = app.post_form(url, &form).await?;
        let v = match read_reply(NAME, resp, &Redactor::default()).await? {
            Reply::Granted(v) => v,
            Reply::Refused(r) => return Err(r.error),
        };
        let missing = |field: &str| {
            Error::credential(format!(
                "{NAME}: the device authorization response has no `{field}`"
            ))
        };
        let device_code =
            Secret::new(text(&v, "device_code").ok_or_else(|| missing("device_code"))?);
        let user_code = text(&v, "user_code").ok_or_else(|| missing("user_code"))?;
        // `verification_url` is what older Entra ID endpoints send.
        let verification_uri = text(&v, "verification_uri")
            .or_else(|| text(&v, "verification_url"))
            .ok_or_else(|| missing("verification_uri"))?;
        let expires_in = seconds(&v, "expires_in").ok_or_else(|| missing("expires_in"))?;
        let expires_in = Duration::from_secs(expires_in);
        let mut interval = Duration::from_secs(seconds(&v, "interval").unwrap_or(5));
        let message = text(&v, "message").unwrap_or_else(|| {
            format!("To sign in, open {verification_uri} and enter the code {user_code}.")
        });
        (self.prompt)(&DeviceCodePrompt {
            user_code,
            verification_uri,
            message,
            expires_on: OffsetDateTime::now_utc() + expires_in,
        });

        let (deadline, why) = if expires_in <= self.timeout {
            (
                Instant::now() + expires_in,
                format!("the device code expired ({expires_in:?}) before the user signed in"),
            )
        } else {
            (
                Instant::now() + self.timeout,
                format!(
                    "the user did not sign in within {:?} (change it with `with_timeout`)",
                    self.timeout
                ),
            )
        };
        let secrets = Redactor::new([&device_code]);
        let form = [
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", app.client_id.as_str()),
            ("device_code", device_code.expose()),
        ];
        loop {
            let wait = interval.max(self.min_interval);
            if Instant::now() + wait >= deadline {
                tokio::time::sleep_until(deadline).await;
                return Err(Error::credential(format!("{NAME}: {why}")));
            }
            tokio::time::sleep(wait).await;
            match self.session.redeem(NAME, &form, &secrets).await? {
                Ok(grant) => return Ok(grant),
                Err(refused) => match refused.code.as_str() {
                    "authorization_pending" => {}
                    "slow_down" => interval += self.slow_down,
                    "expired_token" | "code_expired" => {
                        return Err(Error::credential(format!(
                            "{NAME}: the device code expired before the user signed in (`{}`)",
                            refused.code
                        )))
                    }
                    _ => return Err(refused.error),
                },
            }
        }
    }
}

entra_app_builders!(DeviceCodeCredential, session.app);

user_credential_impls!(DeviceCodeCredential, NAME);
