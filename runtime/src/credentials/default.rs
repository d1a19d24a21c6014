use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::{
    process_env, AccessToken, AzureCliCredential, BoxFuture, ClientCertificateCredential,
    ClientSecretCredential, ManagedIdentityCredential, TokenCredential, WorkloadIdentityCredential,
};
use crate::error::{Error, Result};

enum EnvKind {
    Secret(ClientSecretCredential),
    Certificate(ClientCertificateCredential),
    Workload(WorkloadIdentityCredential),
    Missing(String),
}

/// `cred` on `AZURE_AUTHORITY_HOST` when it is set.
fn on_authority<C>(
    cred: C,
    authority: Option<&str>,
    set: fn(C, &str) -> Result<C>,
    kind: fn(C) -> EnvKind,
) -> EnvKind {
    let Some(authority) = authority else {
        return kind(cred);
    };
    match set(cred, authority) {
        Ok(c) => kind(c),
        Err(e) => EnvKind::Missing(format!("AZURE_AUTHORITY_HOST: {e}")),
    }
}

/// Configuration from environment variables: `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` and one
/// of `AZURE_CLIENT_SECRET` (client secret), `AZURE_CLIENT_CERTIFICATE_PATH` (a PEM or
/// PKCS#12 file; `AZURE_CLIENT_CERTIFICATE_PASSWORD`, and `AZURE_CLIENT_SEND_CERTIFICATE_CHAIN`
/// `true` or `1` for `x5c`) or `AZURE_FEDERATED_TOKEN_FILE` (workload identity), tried in
/// that order. `AZURE_AUTHORITY_HOST` overrides the authority host. Construction never fails;
/// `get_token` reports missing variables or an unusable certificate.
///
/// ```
/// use apigen_runtime::credentials::EnvironmentCredential;
/// let c = EnvironmentCredential::from_lookup(&|name: &str| match name {
///     "AZURE_TENANT_ID" => Some("t".to_string()),
///     "AZURE_CLIENT_ID" => Some("c".to_string()),
///     "AZURE_CLIENT_SECRET" => Some("s".to_string()),
///     _ => None,
/// });
/// assert!(c.is_configured());
/// ```
pub struct EnvironmentCredential {
    kind: EnvKind,
}

impl fmt::Debug for EnvironmentCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            EnvKind::Secret(c) => f.debug_tuple("EnvironmentCredential").field(c).finish(),
            EnvKind::Certificate(c) => f.debug_tuple("EnvironmentCredential").field(c).finish(),
            EnvKind::Workload(c) => f.debug_tuple("EnvironmentCredential").field(c).finish(),
            EnvKind::Missing(m) => f.debug_tuple("EnvironmentCredential").field(m).finish(),
        }
    }
}

impl Default for EnvironmentCredential {
    fn default() -> Self {
        Self::new()
    }
}

impl EnvironmentCredential {
    /// From the process environment.
    pub fn new() -> Self {
        Self::from_lookup(&process_env)
    }

    /// Reading variables through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        let get = |n: &str| lookup(n).filter(|v| !v.is_empty());
        let tenant = get("AZURE_TENANT_ID");
        let client = get("AZURE_CLIENT_ID");
        let authority = get("AZURE_AUTHORITY_HOST");
        let kind = match (tenant, client) {
            (Some(t), Some(c)) => {
                let authority = authority.as_deref();
                if let Some(secret) = get("AZURE_CLIENT_SECRET") {
                    let cred = ClientSecretCredential::new(t, c, secret);
                    on_authority(
                        cred,
                        authority,
                        ClientSecretCredential::with_authority_host,
                        EnvKind::Secret,
                    )
                } else if let Some(path) = get("AZURE_CLIENT_CERTIFICATE_PATH") {
                    let password = get("AZURE_CLIENT_CERTIFICATE_PASSWORD");
                    let chain = get("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN")
                        .is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
                    match ClientCertificateCredential::from_file(t, c, path, password.as_deref()) {
                        Ok(cred) => on_authority(
                            cred.with_certificate_chain(chain),
                            authority,
                            ClientCertificateCredential::with_authority_host,
                            EnvKind::Certificate,
                        ),
                        Err(e) => EnvKind::Missing(format!("AZURE_CLIENT_CERTIFICATE_PATH: {e}")),
                    }
                } else if let Some(file) = get("AZURE_FEDERATED_TOKEN_FILE") {
                    let cred = WorkloadIdentityCredential::new(t, c, file);
                    on_authority(
                        cred,
                        authority,
                        WorkloadIdentityCredential::with_authority_host,
                        EnvKind::Workload,
                    )
                } else {
                    EnvKind::Missing(
                        "none of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH and AZURE_FEDERATED_TOKEN_FILE is set"
                            .to_string(),
                    )
                }
            }
            (t, c) => {
                let mut missing = vec![];
                if t.is_none() {
                    missing.push("AZURE_TENANT_ID");
                }
                if c.is_none() {
                    missing.push("AZURE_CLIENT_ID");
                }
                EnvKind::Missing(format!("{} not set", missing.join(" and ")))
            }
        };
        EnvironmentCredential { kind }
    }

    /// True when the variables name a usable credential.
    pub fn is_configured(&self) -> bool {
        !matches!(self.kind, EnvKind::Missing(_))
    }
}

impl TokenCredential for EnvironmentCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        match &self.kind {
            EnvKind::Secret(c) => c.get_token(scopes),
            EnvKind::Certificate(c) => c.get_token(scopes),
            EnvKind::Workload(c) => c.get_token(scopes),
            EnvKind::Missing(m) => {
                let m = m.clone();
                Box::pin(
                    async move { Err(Error::credential(format!("EnvironmentCredential: {m}"))) },
                )
            }
        }
    }
    fn name(&self) -> &'static str {
        "EnvironmentCredential"
    }
}

/// Tries credentials in order; the first that returns a token is remembered and used from
/// then on. When none works, the error lists every credential's failure.
///
/// ```
/// use apigen_runtime::credentials::{AzureCliCredential, ChainedCredential, StaticTokenCredential};
/// let c = ChainedCredential::new()
///     .with(AzureCliCredential::new())
///     .with(StaticTokenCredential::new("fallback"));
/// ```
#[derive(Clone, Default)]
pub struct ChainedCredential {
    sources: Vec<Arc<dyn TokenCredential>>,
    selected: Arc<AtomicUsize>,
}

impl fmt::Debug for ChainedCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.sources.iter().map(|s| s.name()))
            .finish()
    }
}

impl ChainedCredential {
    /// An empty chain.
    pub fn new() -> Self {
        ChainedCredential {
            sources: vec![],
            selected: Arc::new(AtomicUsize::new(usize::MAX)),
        }
    }

    /// Append a credential.
    pub fn with(mut self, c: impl TokenCredential + 'static) -> Self {
        self.sources.push(Arc::new(c));
        self
    }

    /// Names of the credentials, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.sources.iter().map(|s| s.name()).collect()
    }

    async fn fetch(&self, scopes: &[&str]) -> Result<AccessToken> {
        let sel = self.selected.load(Ordering::Acquire);
        if let Some(s) = self.sources.get(sel) {
            return s.get_token(scopes).await;
        }
        let mut failures = vec![];
        for (i, s) in self.sources.iter().enumerate() {
            match s.get_token(scopes).await {
                Ok(t) => {
                    tracing::debug!(credential = s.name(), "credential chain selected");
                    self.selected.store(i, Ordering::Release);
                    return Ok(t);
                }
                Err(e) => failures.push(format!("{}: {e}", s.name())),
            }
        }
        if failures.is_empty() {
            return Err(Error::credential("the credential chain is empty"));
        }
        Err(Error::credential(format!(
            "no credential in the chain could get a token:\n  - {}",
            failures.join("\n  - ")
        )))
    }
}

impl TokenCredential for ChainedCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.fetch(scopes))
    }
    fn name(&self) -> &'static str {
        "ChainedCredential"
    }
}

/// The default chain, tried in this order:
/// 1. [`EnvironmentCredential`] (client secret, or workload identity via `AZURE_FEDERATED_TOKEN_FILE`),
/// 2. [`ManagedIdentityCredential`] (App Service variables, else IMDS; 2 s connect timeout;
///    410, 429 and 5xx are retried, but a 404 moves on at once, as a host whose metadata
///    service is not Azure's answers that),
/// 3. [`AzureCliCredential`],
/// 4. only when added with [`with_interactive`](Self::with_interactive): a credential that
///    signs a user in ([`AuthorizationCodeCredential`], [`DeviceCodeCredential`]). As in
///    `azure_identity`, the chain is off interactive sign-in by default, so that a service
///    never waits for a person.
///
/// The first credential that works is used from then on; when all fail the error lists each
/// failure.
///
/// [`AuthorizationCodeCredential`]: super::AuthorizationCodeCredential
/// [`DeviceCodeCredential`]: super::DeviceCodeCredential
///
/// ```no_run
/// use apigen_runtime::credentials::{AuthorizationCodeCredential, DefaultCredential};
/// let service = DefaultCredential::new();
/// // A tool run by a person: fall back to a browser sign-in when nothing else works.
/// let tool = DefaultCredential::new()
///     .with_interactive(AuthorizationCodeCredential::new("organizations", "your-app-client-id"));
/// assert_eq!(tool.names().last(), Some(&"AuthorizationCodeCredential"));
/// ```
#[derive(Clone, Debug)]
pub struct DefaultCredential {
    chain: ChainedCredential,
}

impl Default for DefaultCredential {
    fn default() -> Self {
        Self::new()
    }
}

impl DefaultCredential {
    /// From the process environment.
    pub fn new() -> Self {
        Self::from_lookup(&process_env)
    }

    /// Reading environment variables through `lookup`.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        Self::from_parts(
            EnvironmentCredential::from_lookup(lookup),
            ManagedIdentityCredential::from_lookup(lookup),
            AzureCliCredential::new(),
        )
    }

    /// From explicit members (tests point them at loopback servers and fake programs).
    pub fn from_parts(
        environment: EnvironmentCredential,
        managed_identity: ManagedIdentityCredential,
        azure_cli: AzureCliCredential,
    ) -> Self {
        DefaultCredential {
            chain: ChainedCredential::new()
                .with(environment)
                .with(managed_identity.in_chain())
                .with(azure_cli),
        }
    }

    /// Add a credential that signs a user in, tried last (after the Azure CLI).
    pub fn with_interactive(mut self, interactive: impl TokenCredential + 'static) -> Self {
        self.chain = self.chain.with(interactive);
        self
    }

    /// Names of the chain's credentials, in the order they are tried.
    pub fn names(&self) -> Vec<&'static str> {
        self.chain.names()
    }
}

impl TokenCredential for DefaultCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        self.chain.get_token(scopes)
    }
    fn name(&self) -> &'static str {
        "DefaultCredential"
    }
}
