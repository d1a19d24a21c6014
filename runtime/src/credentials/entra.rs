//! The OAuth2 client-credentials grant (a service acting as itself) and the credentials built on
//! it: client secret, and workload identity (a federated token file as client assertion).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use super::assertion::AssertionSource;
use super::oauth::{entra_app_builders, EntraApp, JWT_BEARER};
use super::{
    ensure_secure, read_token_response, AccessToken, BoxFuture, ClientAssertionCredential,
    TokenCredential,
};
use crate::error::Result;
use crate::redact::Redactor;
use crate::Secret;

/// How a confidential client proves who it is.
#[derive(Clone)]
pub(crate) enum ClientAuth {
    Secret(Secret),
    /// A JWT client assertion, fresh for every token request.
    Assertion(Arc<dyn AssertionSource>),
}

/// The client-credentials grant: `POST {authority}/{tenant}/oauth2/v2.0/token`.
#[derive(Clone)]
pub(crate) struct Confidential {
    pub(crate) app: EntraApp,
    pub(crate) auth: ClientAuth,
}

impl Confidential {
    pub(crate) async fn get_token(&self, what: &str, scopes: &[&str]) -> Result<AccessToken> {
        let url = self.app.endpoint("token")?;
        ensure_secure(&url, "client credentials")?;
        let scope = scopes.join(" ");
        let mut secrets = Redactor::default();
        let credential = match &self.auth {
            ClientAuth::Secret(s) => s.clone(),
            ClientAuth::Assertion(source) => {
                source.assertion(what, &url, &self.app.client_id).await?
            }
        };
        secrets.add(credential.expose());
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "client_credentials"),
            ("client_id", &self.app.client_id),
            ("scope", &scope),
        ];
        match &self.auth {
            ClientAuth::Secret(_) => form.push(("client_secret", credential.expose())),
            ClientAuth::Assertion(_) => {
                form.push(("client_assertion_type", JWT_BEARER));
                form.push(("client_assertion", credential.expose()));
            }
        }
        let resp = self.app.post_form(url, &form).await?;
        read_token_response(what, resp, &secrets).await
    }
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
            .field("tenant_id", &self.inner.app.tenant_id)
            .field("client_id", &self.inner.app.client_id)
            .field("client_secret", &"***")
            .field("authority_host", &self.inner.app.authority_host.as_str())
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
                app: EntraApp::new(tenant_id, client_id),
                auth: ClientAuth::Secret(client_secret.into()),
            },
        }
    }
}

entra_app_builders!(ClientSecretCredential, inner.app);

impl TokenCredential for ClientSecretCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.inner.get_token("ClientSecretCredential", scopes))
    }
    fn name(&self) -> &'static str {
        "ClientSecretCredential"
    }
}

/// Workload identity (e.g. AKS): the client-credentials grant with the federated token read
/// from a file (re-read on every refresh) as `client_assertion`; a
/// [`ClientAssertionCredential`] whose callback reads the file.
///
/// ```
/// use apigen_runtime::credentials::WorkloadIdentityCredential;
/// let c = WorkloadIdentityCredential::new("tenant", "client-id", "/var/run/secrets/azure/tokens/azure-identity-token");
/// ```
#[derive(Clone)]
pub struct WorkloadIdentityCredential {
    inner: ClientAssertionCredential,
    token_file: PathBuf,
}

impl fmt::Debug for WorkloadIdentityCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let app = &self.inner.inner.app;
        f.debug_struct("WorkloadIdentityCredential")
            .field("tenant_id", &app.tenant_id)
            .field("client_id", &app.client_id)
            .field("token_file", &self.token_file.display().to_string())
            .field("authority_host", &app.authority_host.as_str())
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
        let token_file = token_file.into();
        let path = token_file.clone();
        let read = move || {
            let path = path.clone();
            async move {
                tokio::fs::read_to_string(&path)
                    .await
                    .map(|s| s.trim().to_string())
                    .map_err(|e| {
                        format!("cannot read federated token file {}: {e}", path.display())
                    })
            }
        };
        WorkloadIdentityCredential {
            inner: ClientAssertionCredential::new(tenant_id, client_id, read)
                .named("WorkloadIdentityCredential"),
            token_file,
        }
    }
}

entra_app_builders!(WorkloadIdentityCredential, inner.inner.app);

impl TokenCredential for WorkloadIdentityCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        self.inner.get_token(scopes)
    }
    fn name(&self) -> &'static str {
        "WorkloadIdentityCredential"
    }
}
