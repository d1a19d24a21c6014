//! OAuth2 plumbing every Entra ID credential shares: the app registration and its tenant's
//! endpoint URLs ([`EntraApp`]), form posts, and reading token endpoint answers (size-bounded,
//! secrets masked, refusals told apart by their OAuth2 `error` code).

use std::time::Duration;

use url::Url;

use super::{default_http, parse_expiry, AccessToken, Cloud};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

/// The `client_assertion_type` of a JWT client assertion (RFC 7523).
pub(crate) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// An app registration as a credential talks to it: tenant, client id, authority host and the
/// HTTP client for the token requests.
#[derive(Clone)]
pub(crate) struct EntraApp {
    pub(crate) tenant_id: String,
    pub(crate) client_id: String,
    pub(crate) authority_host: Url,
    pub(crate) http: Option<reqwest::Client>,
}

impl EntraApp {
    /// For the public cloud's authority host.
    pub(crate) fn new(tenant_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        EntraApp {
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            authority_host: Cloud::azure_public().authority_host,
            http: None,
        }
    }

    pub(crate) fn set_authority_host(&mut self, authority_host: &str) -> Result<()> {
        self.authority_host = Url::parse(authority_host)
            .map_err(|e| Error::credential(format!("invalid authority host: {e}")))?;
        Ok(())
    }

    /// `{authority}/{tenant}/oauth2/v2.0/{leaf}` (`token`, `authorize`, `devicecode`).
    pub(crate) fn endpoint(&self, leaf: &str) -> Result<Url> {
        let tenant_ok = !self.tenant_id.is_empty()
            && self
                .tenant_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !tenant_ok {
            return Err(Error::credential(format!(
                "invalid tenant id `{}`: expected a GUID or domain name",
                self.tenant_id
            )));
        }
        let base = self.authority_host.as_str().trim_end_matches('/');
        let url = format!("{base}/{}/oauth2/v2.0/{leaf}", self.tenant_id);
        Url::parse(&url).map_err(|e| Error::credential(format!("invalid {leaf} URL: {e}")))
    }

    pub(crate) fn http(&self) -> Result<reqwest::Client> {
        match &self.http {
            Some(h) => Ok(h.clone()),
            None => default_http(Duration::from_secs(10), Duration::from_secs(60)),
        }
    }

    /// POST `form` to `url` as `application/x-www-form-urlencoded`.
    pub(crate) async fn post_form(
        &self,
        url: Url,
        form: &[(&str, &str)],
    ) -> Result<std::result::Result<reqwest::Response, reqwest::Error>> {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        Ok(self
            .http()?
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await)
    }
}

/// `with_authority_host`, `with_cloud` and `with_http_client` for a credential whose
/// [`EntraApp`] is at `self.$path`.
macro_rules! entra_app_builders {
    ($ty:ty, $($path:ident).+) => {
        impl $ty {
            /// Use another authority host (e.g. a loopback test server).
            pub fn with_authority_host(mut self, authority_host: &str) -> $crate::Result<Self> {
                self.$($path).+.set_authority_host(authority_host)?;
                Ok(self)
            }

            /// Use a cloud's authority host.
            pub fn with_cloud(mut self, cloud: &$crate::credentials::Cloud) -> Self {
                self.$($path).+.authority_host = cloud.authority_host.clone();
                self
            }

            /// Use this HTTP client for the requests to the authority.
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.$($path).+.http = Some(http);
                self
            }
        }
    };
}
pub(crate) use entra_app_builders;

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, crate::util::QUERY_VALUE).to_string()
}

/// An OAuth2 error answer: its `error` code, and an error quoting it with secrets masked.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) code: String,
    pub(crate) error: Error,
}

/// What a token or device authorization endpoint answered.
pub(crate) enum Reply {
    /// 2xx with a JSON object.
    Granted(serde_json::Value),
    /// Non-2xx with a JSON body.
    Refused(Refusal),
}

/// Largest token endpoint response read; real ones are a few KiB.
const MAX_TOKEN_RESPONSE: usize = 1024 * 1024;

/// Read an OAuth2 endpoint's JSON answer. Errors quote `error`/`error_description` only, never
/// the body (which would contain the token on success), with the secrets the request carried
/// (`secrets`: client secret, assertion, refresh token, code, identity header) masked, since a
/// hostile or careless endpoint may echo them. At most [`MAX_TOKEN_RESPONSE`] bytes are read.
pub(crate) async fn read_reply(
    what: &str,
    resp: std::result::Result<reqwest::Response, reqwest::Error>,
    secrets: &Redactor,
) -> Result<Reply> {
    let fail = |m: String| Error::credential(secrets.text(&m));
    let mut resp =
        resp.map_err(|e| fail(format!("{what}: request failed: {}", e.without_url())))?;
    let status = resp.status();
    let bytes = match crate::util::read_limited(&mut resp, MAX_TOKEN_RESPONSE).await {
        Ok(b) => b,
        Err(crate::util::ReadError::TooBig(_)) => {
            return Err(fail(format!(
                "{what}: HTTP {status}: the response is larger than {MAX_TOKEN_RESPONSE} bytes"
            )))
        }
        Err(crate::util::ReadError::Http(e)) => {
            return Err(fail(format!(
                "{what}: reading response failed: {}",
                e.without_url()
            )))
        }
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| {
        Error::credential(format!(
            "{what}: HTTP {status}: response is not JSON ({} bytes)",
            bytes.len()
        ))
    })?;
    if status.is_success() {
        return Ok(Reply::Granted(v));
    }
    let code = v
        .get("error")
        .map(|e| match e {
            serde_json::Value::String(s) => s.clone(),
            other => other
                .get("message")
                .and_then(|m| m.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string()),
        })
        .unwrap_or_default();
    let desc = v
        .get("error_description")
        .and_then(|d| d.as_str())
        .unwrap_or("");
    let error = fail(
        format!("{what}: HTTP {status}: {code} {desc}")
            .trim_end()
            .to_string(),
    );
    Ok(Reply::Refused(Refusal {
        code: secrets.text(&code),
        error,
    }))
}

/// A token endpoint's answer as an [`AccessToken`]; any refusal is an error.
pub(crate) async fn read_token_response(
    what: &str,
    resp: std::result::Result<reqwest::Response, reqwest::Error>,
    secrets: &Redactor,
) -> Result<AccessToken> {
    match read_reply(what, resp, secrets).await? {
        Reply::Granted(v) => access_token(what, &v),
        Reply::Refused(r) => Err(r.error),
    }
}

/// What a grant for a signed-in user returns: the access token and, with `offline_access`,
/// a refresh token.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub(crate) access: AccessToken,
    pub(crate) refresh: Option<Secret>,
}

impl Grant {
    pub(crate) fn from_reply(what: &str, v: &serde_json::Value) -> Result<Grant> {
        Ok(Grant {
            access: access_token(what, v)?,
            refresh: v
                .get("refresh_token")
                .and_then(|t| t.as_str())
                .filter(|t| !t.is_empty())
                .map(Secret::new),
        })
    }
}

fn access_token(what: &str, v: &serde_json::Value) -> Result<AccessToken> {
    let token = v
        .get("access_token")
        .and_then(|t| t.as_str())
        .ok_or_else(|| Error::credential(format!("{what}: response has no access_token")))?;
    let expires_on = parse_expiry(v).ok_or_else(|| {
        Error::credential(format!("{what}: response has no expires_in/expires_on"))
    })?;
    Ok(AccessToken::new(token, expires_on))
}
