use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use super::{
    default_http, ensure_secure, read_token_response, AccessToken, BoxFuture, Cloud,
    TokenCredential,
};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

#[derive(Clone)]
enum ClientAuth {
    Secret(Secret),
    AssertionFile(PathBuf),
}

/// Shared OAuth2 client-credentials logic.
#[derive(Clone)]
struct Confidential {
    tenant_id: String,
    client_id: String,
    auth: ClientAuth,
    authority_host: Url,
    http: Option<reqwest::Client>,
}

impl Confidential {
    fn token_url(&self) -> Result<Url> {
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
        let url = format!("{base}/{}/oauth2/v2.0/token", self.tenant_id);
        Url::parse(&url).map_err(|e| Error::credential(format!("invalid token URL: {e}")))
    }

    async fn get_token(&self, what: &str, scopes: &[&str]) -> Result<AccessToken> {
        let url = self.token_url()?;
        ensure_secure(&url, "client credentials")?;
        let scope = scopes.join(" ");
        let mut secrets = Redactor::default();
        let mut form: Vec<(&str, String)> = vec![
            ("grant_type", "client_credentials".into()),
            ("client_id", self.client_id.clone()),
            ("scope", scope),
        ];
        match &self.auth {
            ClientAuth::Secret(s) => {
                secrets.add(s.expose());
                form.push(("client_secret", s.expose().to_string()));
            }
            ClientAuth::AssertionFile(path) => {
                let assertion = tokio::fs::read_to_string(path).await.map_err(|e| {
                    Error::credential(format!(
                        "{what}: cannot read federated token file {}: {e}",
                        path.display()
                    ))
                })?;
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                secrets.add(assertion.trim());
                form.push(("client_assertion", assertion.trim().to_string()));
            }
        }
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let http = match &self.http {
            Some(h) => h.clone(),
            None => default_http(Duration::from_secs(10), Duration::from_secs(60))?,
        };
        let resp = http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await;
        read_token_response(what, resp, &secrets).await
    }
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, crate::util::QUERY_VALUE).to_string()
}

/// Entra ID client-credentials grant with a client secret: `POST
/// {authority}/{tenant}/oauth2/v2.0/token`.
///
/// ```
/// use apigen_runtime::credentials::{ClientSecretCredential, Cloud};
/// let c = ClientSecretCredential::new("tenant", "client-id", "s3cret").with_cloud(&Cloud::azure_us_government());
/// assert!(!format!("{c:?}").contains("s3cret"));
/// ```
#[derive(Clone)]
pub struct ClientSecretCredential {
    inner: Confidential,
}

impl fmt::Debug for ClientSecretCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSecretCredential")
            .field("tenant_id", &self.inner.tenant_id)
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &"***")
            .field("authority_host", &self.inner.authority_host.as_str())
            .finish()
    }
}

impl ClientSecretCredential {
    /// For the public cloud's authority host.
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        ClientSecretCredential {
            inner: Confidential {
                tenant_id: tenant_id.into(),
                client_id: client_id.into(),
                auth: ClientAuth::Secret(client_secret.into()),
                authority_host: Cloud::azure_public().authority_host,
                http: None,
            },
        }
    }

    /// Use another authority host (e.g. a loopback test server).
    pub fn with_authority_host(mut self, authority_host: &str) -> Result<Self> {
        self.inner.authority_host = Url::parse(authority_host)
            .map_err(|e| Error::credential(format!("invalid authority host: {e}")))?;
        Ok(self)
    }

    /// Use a cloud's authority host.
    pub fn with_cloud(mut self, cloud: &Cloud) -> Self {
        self.inner.authority_host = cloud.authority_host.clone();
        self
    }

    /// Use this HTTP client for the token requests.
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.inner.http = Some(http);
        self
    }
}

impl TokenCredential for ClientSecretCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.inner.get_token("ClientSecretCredential", scopes))
    }
    fn name(&self) -> &'static str {
        "ClientSecretCredential"
    }
}

/// Workload identity (e.g. AKS): the client-credentials grant with the federated token read
/// from a file (re-read on every refresh) as `client_assertion`.
///
/// ```
/// use apigen_runtime::credentials::WorkloadIdentityCredential;
/// let c = WorkloadIdentityCredential::new("tenant", "client-id", "/var/run/secrets/azure/tokens/azure-identity-token");
/// ```
#[derive(Clone)]
pub struct WorkloadIdentityCredential {
    inner: Confidential,
}

impl fmt::Debug for WorkloadIdentityCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = match &self.inner.auth {
            ClientAuth::AssertionFile(p) => p.display().to_string(),
            ClientAuth::Secret(_) => String::new(),
        };
        f.debug_struct("WorkloadIdentityCredential")
            .field("tenant_id", &self.inner.tenant_id)
            .field("client_id", &self.inner.client_id)
            .field("token_file", &file)
            .field("authority_host", &self.inner.authority_host.as_str())
            .finish()
    }
}

impl WorkloadIdentityCredential {
    /// For the public cloud's authority host.
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        WorkloadIdentityCredential {
            inner: Confidential {
                tenant_id: tenant_id.into(),
                client_id: client_id.into(),
                auth: ClientAuth::AssertionFile(token_file.into()),
                authority_host: Cloud::azure_public().authority_host,
                http: None,
            },
        }
    }

    /// Use another authority host.
    pub fn with_authority_host(mut self, authority_host: &str) -> Result<Self> {
        self.inner.authority_host = Url::parse(authority_host)
            .map_err(|e| Error::credential(format!("invalid authority host: {e}")))?;
        Ok(self)
    }

    /// Use a cloud's authority host.
    pub fn with_cloud(mut self, cloud: &Cloud) -> Self {
        self.inner.authority_host = cloud.authority_host.clone();
        self
    }
}

impl TokenCredential for WorkloadIdentityCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.inner.get_token("WorkloadIdentityCredential", scopes))
    }
    fn name(&self) -> &'static str {
        "WorkloadIdentityCredential"
    }
}
