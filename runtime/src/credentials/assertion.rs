//! Client assertions: what the client-credentials grant asks for a fresh JWT
//! ([`AssertionSource`]), and [`ClientAssertionCredential`], whose assertions come from a
//! callback (a federated token from another identity provider).

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use url::Url;

use super::entra::{ClientAuth, Confidential};
use super::oauth::{entra_app_builders, EntraApp};
use super::{AccessToken, BoxFuture, TokenCredential};
use crate::error::{Error, Result};
use crate::Secret;

/// Produces the `client_assertion` of one token request.
pub(crate) trait AssertionSource: Send + Sync {
    /// An assertion for a request by `client_id` to the token endpoint `audience`; `what`
    /// names the credential in errors.
    fn assertion<'a>(
        &'a self,
        what: &'a str,
        audience: &'a Url,
        client_id: &'a str,
    ) -> BoxFuture<'a, Result<Secret>>;
}

type AssertionCallback =
    dyn Fn() -> BoxFuture<'static, std::result::Result<String, String>> + Send + Sync;

struct Callback(Arc<AssertionCallback>);

impl AssertionSource for Callback {
    fn assertion<'a>(
        &'a self,
        what: &'a str,
        _audience: &'a Url,
        _client_id: &'a str,
    ) -> BoxFuture<'a, Result<Secret>> {
        Box::pin(async move {
            let assertion = (self.0)()
                .await
                .map_err(|e| Error::credential(format!("{what}: no client assertion: {e}")))?;
            if assertion.trim().is_empty() {
                return Err(Error::credential(format!(
                    "{what}: the client assertion is empty"
                )));
            }
            Ok(Secret::new(assertion.trim()))
        })
    }
}

/// The client-credentials grant with a JWT client assertion that a callback supplies, called
/// for every token request: a federated token from another identity provider (GitHub Actions,
/// Azure Pipelines, a Kubernetes service account). [`WorkloadIdentityCredential`] is this
/// credential with a callback that reads a file.
///
/// [`WorkloadIdentityCredential`]: super::WorkloadIdentityCredential
///
/// ```
/// use apigen_runtime::credentials::ClientAssertionCredential;
/// let c = ClientAssertionCredential::new("tenant", "client-id", || async {
///     // e.g. ask your CI system for an OIDC token
///     Ok::<_, std::io::Error>("eyJhbGciOi...".to_string())
/// });
/// assert!(!format!("{c:?}").contains("eyJ"));
/// ```
#[derive(Clone)]
pub struct ClientAssertionCredential {
    pub(crate) inner: Confidential,
    name: &'static str,
}

impl fmt::Debug for ClientAssertionCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(self.name)
            .field("tenant_id", &self.inner.app.tenant_id)
            .field("client_id", &self.inner.app.client_id)
            .field("authority_host", &self.inner.app.authority_host.as_str())
            .finish_non_exhaustive()
    }
}

impl ClientAssertionCredential {
    /// For the public cloud's authority host; `assertion` is awaited for every token request.
    pub fn new<F, Fut, E>(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        assertion: F,
    ) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = std::result::Result<String, E>> + Send + 'static,
        E: fmt::Display,
    {
        let callback: Arc<AssertionCallback> = Arc::new(move || {
            let fut = assertion();
            Box::pin(async move { fut.await.map_err(|e| e.to_string()) })
        });
        ClientAssertionCredential {
            inner: Confidential {
                app: EntraApp::new(tenant_id, client_id),
                auth: ClientAuth::Assertion(Arc::new(Callback(callback))),
            },
            name: "ClientAssertionCredential",
        }
    }

    /// The name errors and logs use (for credentials built on this one).
    pub(crate) fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }
}

entra_app_builders!(ClientAssertionCredential, inner.app);

impl TokenCredential for ClientAssertionCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.inner.get_token(self.name, scopes))
    }
    fn name(&self) -> &'static str {
        self.name
    }
}
