//! The OAuth2 client-credentials grant (RFC 6749 §4.4) against any token endpoint: the spec's
//! `flows.clientCredentials.tokenUrl` with its scopes. Entra ID has its own
//! [`ClientSecretCredential`](super::ClientSecretCredential); this one is for every other
//! authorization server.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use time::OffsetDateTime;
use url::Url;

use super::oauth::{read_reply, Reply};
use super::{default_http, ensure_secure, parse_expiry, AccessToken, BoxFuture, TokenCredential};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

/// How long a token without `expires_in` is taken to be valid (RFC 6749 makes it optional).
const DEFAULT_LIFETIME: time::Duration = time::Duration::hours(1);

/// How the client proves who it is to the token endpoint (RFC 6749 §2.3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClientAuthentication {
    /// `Authorization: Basic` with the form-encoded id and secret: every server must accept
    /// it (`client_secret_basic`, the default).
    #[default]
    BasicHeader,
    /// `client_id` and `client_secret` in the form body (`client_secret_post`).
    RequestBody,
}

/// OAuth2 client credentials: `POST {token_url}` with `grant_type=client_credentials` and the
/// requested scopes, the client authenticated as [`ClientAuthentication`] says. The client
/// wraps it in a [`CachedCredential`](super::CachedCredential): one token request per scope set
/// until shortly before the token expires. A `refresh_token` in the answer is ignored (this
/// grant does not need one, RFC 6749 §4.4.3).
///
/// ```
/// use apigen_runtime::credentials::OAuth2ClientCredential;
/// let c = OAuth2ClientCredential::new("https://auth.example.com/token", "my-app", "s3cret-value");
/// assert!(!format!("{c:?}").contains("s3cret"));
/// ```
#[derive(Clone)]
pub struct OAuth2ClientCredential {
    token_url: String,
    client_id: String,
    client_secret: Secret,
    authentication: ClientAuthentication,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for OAuth2ClientCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2ClientCredential")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("authentication", &self.authentication)
            .finish_non_exhaustive()
    }
}

impl OAuth2ClientCredential {
    /// Client credentials for the token endpoint at `token_url` (https, or http to a loopback
    /// address; checked when a token is requested).
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        OAuth2ClientCredential {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            authentication: ClientAuthentication::default(),
            http: None,
        }
    }

    /// Authenticate to the token endpoint this way instead of the Basic header.
    pub fn with_authentication(mut self, authentication: ClientAuthentication) -> Self {
        self.authentication = authentication;
        self
    }

    /// Use this HTTP client for token requests.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    fn url(&self) -> Result<Url> {
        let url = Url::parse(&self.token_url).map_err(|e| {
            Error::credential(format!(
                "OAuth2 client credentials: invalid token URL `{}`: {e}",
                self.token_url
            ))
        })?;
        ensure_secure(&url, "client credentials")?;
        Ok(url)
    }

    async fn request(&self, scopes: &[&str]) -> Result<AccessToken> {
        const WHAT: &str = "OAuth2 client credentials";
        let url = self.url()?;
        let mut secrets = Redactor::default();
        secrets.add(self.client_secret.expose());
        let scope = scopes.join(" ");
        let http = match &self.http {
            Some(h) => h.clone(),
            None => default_http(Duration::from_secs(10), Duration::from_secs(60))?,
        };
        let mut request = http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        let mut pairs = vec![("grant_type", "client_credentials")];
        if !scope.is_empty() {
            pairs.push(("scope", &scope));
        }
        match self.authentication {
            ClientAuthentication::BasicHeader => {
                let header = basic_header(&self.client_id, self.client_secret.expose());
                secrets.add(&header);
                let mut value = http::HeaderValue::from_str(&header).map_err(|_| {
                    Error::credential(format!("{WHAT}: the client id has invalid characters"))
                })?;
                value.set_sensitive(true);
                request = request.header(http::header::AUTHORIZATION, value);
            }
            ClientAuthentication::RequestBody => {
                pairs.push(("client_id", &self.client_id));
                pairs.push(("client_secret", self.client_secret.expose()));
            }
        }
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let resp = request.body(body).send().await;
        match read_reply(WHAT, resp, &secrets).await? {
            Reply::Granted(v) => token_from(WHAT, &v),
            Reply::Refused(r) => Err(r.error),
        }
    }
}

/// `Basic base64(urlencode(id):urlencode(secret))`, as RFC 6749 §2.3.1 wants for the client.
fn basic_header(client_id: &str, secret: &str) -> String {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let pair = format!("{}:{}", enc(client_id), enc(secret));
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn token_from(what: &str, v: &serde_json::Value) -> Result<AccessToken> {
    let token = v
        .get("access_token")
        .and_then(|t| t.as_str())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::credential(format!("{what}: response has no access_token")))?;
    if let Some(kind) = v.get("token_type").and_then(|t| t.as_str()) {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(Error::credential(format!(
                "{what}: token_type `{kind}` is not supported (only bearer)"
            )));
        }
    }
    let expires_on =
        parse_expiry(v).unwrap_or_else(|| OffsetDateTime::now_utc() + DEFAULT_LIFETIME);
    Ok(AccessToken::new(token, expires_on))
}

impl TokenCredential for OAuth2ClientCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.request(scopes))
    }
    fn name(&self) -> &'static str {
        "OAuth2ClientCredential"
    }
}
