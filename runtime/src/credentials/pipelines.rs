//! [`AzurePipelinesCredential`]: an Azure Pipelines service connection's federated token,
//! fetched from the pipeline's OIDC endpoint, as client assertion.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::oauth::{entra_app_builders, read_reply, EntraApp, Reply};
use super::{
    default_http, ensure_secure, process_env, AccessToken, BoxFuture, ClientAssertionCredential,
    TokenCredential,
};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

const NAME: &str = "AzurePipelinesCredential";

/// Workload identity federation in Azure Pipelines: a [`ClientAssertionCredential`] whose
/// assertion is the service connection's OIDC token, from
/// `POST {SYSTEM_OIDCREQUESTURI}?api-version=7.1&serviceConnectionId=…` with the job's
/// `$(System.AccessToken)`; a new one for every token request.
///
/// ```no_run
/// use apigen_runtime::credentials::AzurePipelinesCredential;
/// let token = std::env::var("SYSTEM_ACCESSTOKEN").unwrap_or_default(); // map it in the YAML
/// let c = AzurePipelinesCredential::new("tenant", "client-id", "service-connection-id", token);
/// ```
#[derive(Clone)]
pub struct AzurePipelinesCredential {
    inner: ClientAssertionCredential,
    connection: Arc<Connection>,
}

/// What the OIDC request needs.
struct Connection {
    id: String,
    system_access_token: Secret,
    /// `SYSTEM_OIDCREQUESTURI`.
    endpoint: Option<String>,
}

impl fmt::Debug for AzurePipelinesCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let app = &self.inner.inner.app;
        f.debug_struct(NAME)
            .field("tenant_id", &app.tenant_id)
            .field("client_id", &app.client_id)
            .field("service_connection_id", &self.connection.id)
            .field("authority_host", &app.authority_host.as_str())
            .finish_non_exhaustive()
    }
}

/// A client assertion credential for `app` whose callback asks the OIDC endpoint.
fn asking(app: EntraApp, connection: Arc<Connection>) -> ClientAssertionCredential {
    let fetch = move || {
        let connection = connection.clone();
        async move {
            oidc_token(&connection).await.map_err(|e| match e {
                Error::Credential { message } => message,
                other => other.to_string(),
            })
        }
    };
    let mut c = ClientAssertionCredential::new("", "", fetch).named(NAME);
    c.inner.app = app;
    c
}

impl AzurePipelinesCredential {
    /// The OIDC endpoint is `SYSTEM_OIDCREQUESTURI` (a token request fails, saying so, when
    /// it is not set).
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        service_connection_id: impl Into<String>,
        system_access_token: impl Into<Secret>,
    ) -> Self {
        let connection = Arc::new(Connection {
            id: service_connection_id.into(),
            system_access_token: system_access_token.into(),
            endpoint: process_env("SYSTEM_OIDCREQUESTURI"),
        });
        AzurePipelinesCredential {
            inner: asking(EntraApp::new(tenant_id, client_id), connection.clone()),
            connection,
        }
    }

    /// Ask this OIDC endpoint instead (tests use a loopback server).
    pub fn with_oidc_request_uri(mut self, oidc_request_uri: &str) -> Self {
        self.connection = Arc::new(Connection {
            id: self.connection.id.clone(),
            system_access_token: self.connection.system_access_token.clone(),
            endpoint: Some(oidc_request_uri.to_string()),
        });
        self.inner = asking(self.inner.inner.app.clone(), self.connection.clone());
        self
    }
}

/// The service connection's OIDC token from the pipeline's endpoint.
async fn oidc_token(connection: &Connection) -> Result<String> {
    let what = "the Azure Pipelines OIDC endpoint";
    let token = &connection.system_access_token;
    let endpoint = connection.endpoint.as_deref().ok_or_else(|| {
        Error::credential("SYSTEM_OIDCREQUESTURI is not set (is this an Azure Pipelines job?)")
    })?;
    let mut url = Url::parse(endpoint)
        .map_err(|e| Error::credential(format!("SYSTEM_OIDCREQUESTURI `{endpoint}`: {e}")))?;
    ensure_secure(&url, "the System.AccessToken")?;
    url.query_pairs_mut()
        .append_pair("api-version", "7.1")
        .append_pair("serviceConnectionId", &connection.id);
    let resp = default_http(Duration::from_secs(10), Duration::from_secs(60))?
        .post(url)
        .bearer_auth(token.expose())
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body("{}")
        .send()
        .await;
    match read_reply(what, resp, &Redactor::new([token])).await? {
        Reply::Granted(v) => v
            .get("oidcToken")
            .and_then(|t| t.as_str())
            .map(str::to_string)
            .ok_or_else(|| Error::credential(format!("{what}: the response has no oidcToken"))),
        Reply::Refused(r) => Err(r.error),
    }
}

entra_app_builders!(AzurePipelinesCredential, inner.inner.app);

impl TokenCredential for AzurePipelinesCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        self.inner.get_token(scopes)
    }
    fn name(&self) -> &'static str {
        NAME
    }
}
