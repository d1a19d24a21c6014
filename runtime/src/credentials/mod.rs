//! Credentials: the async [`TokenCredential`] trait, a caching single-flight wrapper
//! ([`CachedCredential`]), cloud presets ([`Cloud`]) and the usual Entra ID credentials.
//!
//! | credential | how it gets a token |
//! | --- | --- |
//! | [`StaticTokenCredential`] | a fixed token |
//! | [`ClientSecretCredential`] | OAuth2 client-credentials grant with a client secret |
//! | [`ClientCertificateCredential`] | client-credentials grant with a client assertion signed by a certificate's key (PEM or PKCS#12) |
//! | [`ClientAssertionCredential`] | client-credentials grant with a client assertion from your callback |
//! | [`WorkloadIdentityCredential`] | client-credentials grant with a federated token file as client assertion |
//! | [`AzurePipelinesCredential`] | client-credentials grant with an Azure Pipelines service connection's OIDC token as client assertion |
//! | [`ManagedIdentityCredential`] | IMDS, or App Service (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`) |
//! | [`AzureCliCredential`] | `az account get-access-token` |
//! | [`EnvironmentCredential`] | `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, and `AZURE_CLIENT_SECRET`, `AZURE_CLIENT_CERTIFICATE_PATH` or `AZURE_FEDERATED_TOKEN_FILE` |
//! | [`AuthorizationCodeCredential`] | a person signs in with a browser: authorization code + PKCE, loopback redirect |
//! | [`DeviceCodeCredential`] | a person signs in on another device: device code grant |
//! | [`DefaultCredential`] | environment, then managed identity, then Azure CLI (then, only if added, a person) |
//! | [`ChainedCredential`] | your own ordered list |
//! | [`OAuth2ClientCredential`] | OAuth2 client-credentials grant against any token endpoint (a spec's `tokenUrl`) |
//!
//! A spec's other security schemes (API keys, HTTP basic, bearer tokens) are
//! [`SchemeCredential`]s, set per scheme with
//! [`ClientBuilder::security_scheme`](crate::ClientBuilder::security_scheme) (generated
//! clients have one builder call per scheme).
//!
//! The credentials for people renew tokens with refresh tokens, and keep them between runs in
//! a [`TokenCache`] when given one.
//!
//! With the `azure-identity` feature, `Arc<T>` for any `azure_core::credentials::TokenCredential`
//! (e.g. `azure_identity::DeveloperToolsCredential`) is a [`TokenCredential`] too.

mod assertion;
mod certificate;
mod cli;
mod client_credentials;
mod default;
mod device_code;
mod entra;
mod interactive;
mod loopback;
mod managed;
mod oauth;
mod pipelines;
mod schemes;
mod session;
mod token_cache;

#[cfg(feature = "azure-identity")]
mod azure;

/// The `azure_core` crate whose `TokenCredential` is accepted (feature `azure-identity`).
#[cfg(feature = "azure-identity")]
pub use azure_core;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use time::OffsetDateTime;
use url::Url;

use crate::error::{Error, Result};
use crate::Secret;

pub(crate) use oauth::read_token_response;

pub use assertion::ClientAssertionCredential;
pub use certificate::{ClientCertificateCredential, SigningAlgorithm};
pub use cli::AzureCliCredential;
pub use client_credentials::{ClientAuthentication, OAuth2ClientCredential};
pub use default::{ChainedCredential, DefaultCredential, EnvironmentCredential};
pub use device_code::{DeviceCodeCredential, DeviceCodePrompt};
pub use entra::{ClientSecretCredential, WorkloadIdentityCredential};
pub use interactive::AuthorizationCodeCredential;
pub use managed::ManagedIdentityCredential;
pub use pipelines::AzurePipelinesCredential;
pub(crate) use schemes::SchemeKind;
pub use schemes::{ApiKeyLocation, SchemeCredential};
pub use token_cache::TokenCache;

/// A boxed, `Send` future (what [`TokenCredential::get_token`] returns).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An access token and when it expires. `Debug` never shows the token.
///
/// ```
/// use apigen_runtime::credentials::AccessToken;
/// let t = AccessToken::new("abc", time::OffsetDateTime::now_utc() + time::Duration::hours(1));
/// assert!(!format!("{t:?}").contains("abc"));
/// ```
#[derive(Clone, Debug)]
pub struct AccessToken {
    /// The bearer token.
    pub token: Secret,
    /// When it expires.
    pub expires_on: OffsetDateTime,
}

impl AccessToken {
    /// A token expiring at `expires_on`.
    pub fn new(token: impl Into<Secret>, expires_on: OffsetDateTime) -> Self {
        AccessToken {
            token: token.into(),
            expires_on,
        }
    }
}

/// Something that can produce bearer tokens for scopes.
///
/// Implement it for your own credential; the client wraps every credential in a
/// [`CachedCredential`], so implementations need not cache.
///
/// ```
/// use apigen_runtime::credentials::{AccessToken, BoxFuture, TokenCredential};
/// struct Fixed;
/// impl TokenCredential for Fixed {
///     fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> BoxFuture<'a, apigen_runtime::Result<AccessToken>> {
///         Box::pin(async { Ok(AccessToken::new("t", time::OffsetDateTime::now_utc() + time::Duration::hours(1))) })
///     }
/// }
/// ```
pub trait TokenCredential: Send + Sync {
    /// Get a token valid for `scopes` (e.g. `["https://management.azure.com/.default"]`).
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>>;

    /// A short name for error messages and logs.
    fn name(&self) -> &'static str {
        "TokenCredential"
    }
}

impl TokenCredential for Box<dyn TokenCredential> {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        (**self).get_token(scopes)
    }
    fn name(&self) -> &'static str {
        (**self).name()
    }
}

/// A fixed token (tests, tokens obtained elsewhere). Expires far in the future unless told.
///
/// ```
/// use apigen_runtime::credentials::StaticTokenCredential;
/// let c = StaticTokenCredential::new("my-token");
/// assert!(!format!("{c:?}").contains("my-token"));
/// ```
#[derive(Clone, Debug)]
pub struct StaticTokenCredential {
    token: AccessToken,
}

impl StaticTokenCredential {
    /// A token valid for a long time.
    pub fn new(token: impl Into<String>) -> Self {
        StaticTokenCredential {
            token: AccessToken::new(
                Secret::new(token),
                OffsetDateTime::now_utc() + time::Duration::days(365),
            ),
        }
    }

    /// A token with an explicit expiry.
    pub fn with_expiry(token: impl Into<String>, expires_on: OffsetDateTime) -> Self {
        StaticTokenCredential {
            token: AccessToken::new(Secret::new(token), expires_on),
        }
    }
}

impl TokenCredential for StaticTokenCredential {
    fn get_token<'a>(&'a self, _scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move { Ok(self.token.clone()) })
    }
    fn name(&self) -> &'static str {
        "StaticTokenCredential"
    }
}

/// Caches tokens per scope set, refreshes them `refresh_before` ahead of expiry, and lets only
/// one refresh run at a time: concurrent callers wait for it and share its token.
/// If a refresh fails while the cached token is still valid, the cached token is used.
///
/// ```
/// use apigen_runtime::credentials::{CachedCredential, StaticTokenCredential};
/// let c = CachedCredential::new(StaticTokenCredential::new("t"));
/// ```
pub struct CachedCredential {
    inner: Box<dyn TokenCredential>,
    refresh_before: Duration,
    cache: tokio::sync::Mutex<HashMap<String, AccessToken>>,
}

impl fmt::Debug for CachedCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedCredential")
            .field("inner", &self.inner.name())
            .field("refresh_before", &self.refresh_before)
            .finish_non_exhaustive()
    }
}

impl CachedCredential {
    /// Wrap a credential; tokens are refreshed 5 minutes before they expire.
    pub fn new(inner: impl TokenCredential + 'static) -> Self {
        Self::from_box(Box::new(inner))
    }

    pub(crate) fn from_box(inner: Box<dyn TokenCredential>) -> Self {
        CachedCredential {
            inner,
            refresh_before: Duration::from_secs(300),
            cache: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    /// How long before expiry a token is refreshed.
    pub fn refresh_before(mut self, d: Duration) -> Self {
        self.refresh_before = d;
        self
    }

    /// Drop all cached tokens (e.g. after a 401).
    pub async fn clear(&self) {
        self.cache.lock().await.clear();
    }
}

impl TokenCredential for CachedCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move {
            // The usual single scope is its own key: no joined string per request.
            let key = match scopes {
                [one] => std::borrow::Cow::Borrowed(*one),
                _ => std::borrow::Cow::Owned(scopes.join(" ")),
            };
            // Holding the async lock across the refresh is the single flight: waiters queue
            // here and find the fresh token when they get the lock.
            let mut cache = self.cache.lock().await;
            let now = OffsetDateTime::now_utc();
            if let Some(t) = cache.get(key.as_ref()) {
                if t.expires_on - self.refresh_before > now {
                    return Ok(t.clone());
                }
            }
            let cached = cache.get(key.as_ref()).cloned();
            match self.inner.get_token(scopes).await {
                Ok(t) => {
                    tracing::debug!(credential = self.inner.name(), expires_on = %t.expires_on, "token acquired");
                    cache.insert(key.into_owned(), t.clone());
                    Ok(t)
                }
                Err(e) => match cached {
                    Some(t) if t.expires_on > now + Duration::from_secs(5) => {
                        tracing::warn!(credential = self.inner.name(), error = %e, "token refresh failed; using cached token until it expires");
                        Ok(t)
                    }
                    _ => Err(e),
                },
            }
        })
    }
    fn name(&self) -> &'static str {
        self.inner.name()
    }
}

/// Authority host and Resource Manager endpoint/scope of an Azure cloud.
///
/// ```
/// use apigen_runtime::credentials::Cloud;
/// let c = Cloud::azure_china();
/// assert_eq!(c.resource_manager.as_str(), "https://management.chinacloudapi.cn/");
/// assert_eq!(c.scope, "https://management.chinacloudapi.cn/.default");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cloud {
    /// Entra ID authority host, e.g. `https://login.microsoftonline.com/`.
    pub authority_host: Url,
    /// Resource Manager endpoint, e.g. `https://management.azure.com/`.
    pub resource_manager: Url,
    /// Token scope for Resource Manager, e.g. `https://management.azure.com/.default`.
    pub scope: String,
}

impl Cloud {
    fn make(authority: &str, arm: &str) -> Self {
        // The literals are valid URLs.
        let authority_host = Url::parse(authority).unwrap_or_else(|_| unreachable_url());
        let resource_manager = Url::parse(arm).unwrap_or_else(|_| unreachable_url());
        Cloud {
            authority_host,
            scope: format!("{}/.default", arm.trim_end_matches('/')),
            resource_manager,
        }
    }

    /// Azure public cloud.
    pub fn azure_public() -> Self {
        Self::make(
            "https://login.microsoftonline.com/",
            "https://management.azure.com/",
        )
    }

    /// Azure operated by 21Vianet (China).
    pub fn azure_china() -> Self {
        Self::make(
            "https://login.chinacloudapi.cn/",
            "https://management.chinacloudapi.cn/",
        )
    }

    /// Azure US Government.
    pub fn azure_us_government() -> Self {
        Self::make(
            "https://login.microsoftonline.us/",
            "https://management.usgovcloudapi.net/",
        )
    }

    /// A custom cloud.
    pub fn custom(authority_host: &str, resource_manager: &str) -> Result<Self> {
        let a = Url::parse(authority_host).map_err(|e| {
            Error::InvalidRequest(format!("authority host `{authority_host}`: {e}"))
        })?;
        let r = Url::parse(resource_manager).map_err(|e| {
            Error::InvalidRequest(format!("resource manager `{resource_manager}`: {e}"))
        })?;
        Ok(Cloud {
            scope: format!("{}/.default", r.as_str().trim_end_matches('/')),
            authority_host: a,
            resource_manager: r,
        })
    }
}

impl Default for Cloud {
    fn default() -> Self {
        Cloud::azure_public()
    }
}

fn unreachable_url() -> Url {
    // Only reached if a literal above were malformed; `about:blank` always parses.
    Url::parse("about:blank").expect("about:blank parses")
}

/// True for 127.0.0.0/8, ::1 and `localhost`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Error unless `url` is https, or http to a loopback address.
pub(crate) fn ensure_secure(url: &Url, what: &str) -> Result<()> {
    if url.scheme() == "https" || (url.scheme() == "http" && is_loopback(url)) {
        Ok(())
    } else {
        Err(Error::credential(format!(
            "refusing to send {what} over {}: only https (or http to a loopback address) is allowed (host {})",
            url.scheme(),
            url.host_str().unwrap_or("")
        )))
    }
}

/// The resource for a `.default` scope (`https://x/.default` -> `https://x`).
pub(crate) fn scope_to_resource(scopes: &[&str]) -> Result<String> {
    match scopes {
        [one] => Ok(one.strip_suffix("/.default").unwrap_or(one).to_string()),
        _ => Err(Error::credential(format!(
            "exactly one scope is supported here, got {}",
            scopes.len()
        ))),
    }
}

/// Expiry from a token response: `expires_on` (unix seconds, number or string) or
/// `expires_in` (seconds from now, number or string).
pub(crate) fn parse_expiry(v: &serde_json::Value) -> Option<OffsetDateTime> {
    fn num(v: Option<&serde_json::Value>) -> Option<i64> {
        match v? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    if let Some(on) = num(v.get("expires_on")) {
        if let Ok(t) = OffsetDateTime::from_unix_timestamp(on) {
            return Some(t);
        }
    }
    num(v.get("expires_in")).map(|secs| OffsetDateTime::now_utc() + time::Duration::seconds(secs))
}

pub(crate) fn default_http(
    connect_timeout: Duration,
    timeout: Duration,
) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .build()
        .map_err(|e| Error::credential(format!("cannot build HTTP client: {e}")))
}

/// How a credential reads environment variables; tests pass their own map instead of the
/// process environment.
pub(crate) type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
