use std::fmt;
use std::time::Duration;

use url::Url;

use super::{
    default_http, process_env, read_token_response, scope_to_resource, AccessToken, BoxFuture,
    EnvLookup, TokenCredential,
};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

/// The default IMDS token endpoint.
pub const IMDS_ENDPOINT: &str = "http://169.254.169.254/metadata/identity/oauth2/token";

#[derive(Clone)]
enum Source {
    Imds { endpoint: Url },
    AppService { endpoint: Url, header: Secret },
}

/// Managed identity: Azure VM/VMSS IMDS (`api-version=2018-02-01`, header `Metadata: true`), or
/// App Service / Functions / Container Apps (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`,
/// `api-version=2019-08-01`, header `X-IDENTITY-HEADER`).
///
/// ```
/// use apigen_runtime::credentials::ManagedIdentityCredential;
/// // Picks App Service when IDENTITY_ENDPOINT and IDENTITY_HEADER are set, else IMDS.
/// let c = ManagedIdentityCredential::new().with_client_id("00000000-0000-0000-0000-000000000000");
/// // Tests point it at loopback:
/// let t = ManagedIdentityCredential::imds("http://127.0.0.1:9/metadata/identity/oauth2/token").unwrap();
/// ```
#[derive(Clone)]
pub struct ManagedIdentityCredential {
    source: Source,
    client_id: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: MiRetry,
}

/// How often an answering identity endpoint is asked again: IMDS answers 404 while an identity
/// is being assigned, 410 while it is upgrading, 429 when throttled and 5xx when unwell; Azure
/// asks clients to retry those with backoff. An endpoint that does not answer at all is not
/// retried, so a chain moves on quickly where there is no managed identity.
#[derive(Clone, Copy, Debug)]
struct MiRetry {
    max_retries: u32,
    base_delay: Duration,
    /// Whether 404 is retried. Not in [`DefaultCredential`](super::DefaultCredential): on a
    /// host whose metadata service is not Azure's, 404 means "no such thing", and the chain
    /// should move on at once.
    not_found: bool,
}

impl MiRetry {
    const DEFAULT: MiRetry = MiRetry {
        max_retries: 4,
        base_delay: Duration::from_millis(800),
        not_found: true,
    };

    fn is_retryable(&self, status: reqwest::StatusCode) -> bool {
        match status.as_u16() {
            404 => self.not_found,
            410 | 429 => true,
            _ => status.is_server_error(),
        }
    }

    /// Exponential backoff with ±20 % jitter (`base`, 2×, 4×, ...), or the service's
    /// `Retry-After` seconds; both capped at a minute.
    fn delay(&self, attempt: u32, headers: &reqwest::header::HeaderMap) -> Duration {
        let retry_after = headers
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let backoff = || {
            let jitter = rand::random_range(0.8..1.2);
            self.base_delay
                .saturating_mul(1 << attempt.min(16))
                .mul_f64(jitter)
        };
        retry_after
            .unwrap_or_else(backoff)
            .min(Duration::from_secs(60))
    }
}

impl fmt::Debug for ManagedIdentityCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, endpoint) = match &self.source {
            Source::Imds { endpoint } => ("imds", endpoint.as_str()),
            Source::AppService { endpoint, .. } => ("app-service", endpoint.as_str()),
        };
        f.debug_struct("ManagedIdentityCredential")
            .field("source", &kind)
            .field("endpoint", &endpoint)
            .field("client_id", &self.client_id)
            .finish()
    }
}

impl Default for ManagedIdentityCredential {
    fn default() -> Self {
        Self::new()
    }
}

impl ManagedIdentityCredential {
    /// From the process environment: App Service when `IDENTITY_ENDPOINT` and
    /// `IDENTITY_HEADER` are set, else IMDS.
    pub fn new() -> Self {
        Self::from_lookup(&process_env)
    }

    /// Like [`new`](Self::new), reading variables through `lookup`.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        Self::from_env(lookup)
    }

    pub(crate) fn from_env(lookup: EnvLookup<'_>) -> Self {
        let source = match (lookup("IDENTITY_ENDPOINT"), lookup("IDENTITY_HEADER")) {
            (Some(e), Some(h)) => match Url::parse(&e) {
                Ok(endpoint) => Source::AppService {
                    endpoint,
                    header: Secret::new(h),
                },
                Err(_) => Self::default_imds(),
            },
            _ => Self::default_imds(),
        };
        let mut c = ManagedIdentityCredential {
            source,
            client_id: None,
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(30),
            retry: MiRetry::DEFAULT,
        };
        if let Some(id) = lookup("AZURE_CLIENT_ID") {
            c.client_id = Some(id);
        }
        c
    }

    fn default_imds() -> Source {
        Source::Imds {
            endpoint: Url::parse(IMDS_ENDPOINT).expect("IMDS_ENDPOINT is a valid URL"),
        }
    }

    /// IMDS at a given token endpoint URL.
    pub fn imds(endpoint: &str) -> Result<Self> {
        let endpoint = Url::parse(endpoint)
            .map_err(|e| Error::credential(format!("invalid IMDS endpoint: {e}")))?;
        Ok(ManagedIdentityCredential {
            source: Source::Imds { endpoint },
            client_id: None,
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(30),
            retry: MiRetry::DEFAULT,
        })
    }

    /// The App Service variant with an explicit endpoint and header value.
    pub fn app_service(endpoint: &str, identity_header: impl Into<Secret>) -> Result<Self> {
        let endpoint = Url::parse(endpoint)
            .map_err(|e| Error::credential(format!("invalid IDENTITY_ENDPOINT: {e}")))?;
        Ok(ManagedIdentityCredential {
            source: Source::AppService {
                endpoint,
                header: identity_header.into(),
            },
            client_id: None,
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(30),
            retry: MiRetry::DEFAULT,
        })
    }

    /// A user-assigned identity's client id.
    pub fn with_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// Connect timeout (default 2 s, so a missing IMDS fails fast in a chain) and total timeout.
    pub fn with_timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.connect_timeout = connect;
        self.timeout = total;
        self
    }

    /// Retries of an endpoint that answers 404, 410, 429 or 5xx (default 4, with a delay of
    /// about 0.8 s doubling each time, or the `Retry-After` the endpoint sends). Connection
    /// failures are never retried, and in [`DefaultCredential`](super::DefaultCredential)
    /// neither is 404.
    ///
    /// ```
    /// use std::time::Duration;
    /// use apigen_runtime::credentials::ManagedIdentityCredential;
    /// let c = ManagedIdentityCredential::new().with_retries(2, Duration::from_millis(100));
    /// ```
    pub fn with_retries(mut self, max_retries: u32, base_delay: Duration) -> Self {
        self.retry.max_retries = max_retries;
        self.retry.base_delay = base_delay;
        self
    }

    /// As a member of the default chain: 404 is final (see [`MiRetry::not_found`]).
    pub(crate) fn in_chain(mut self) -> Self {
        self.retry.not_found = false;
        self
    }

    async fn fetch(&self, scopes: &[&str]) -> Result<AccessToken> {
        let resource = scope_to_resource(scopes)?;
        let http = default_http(self.connect_timeout, self.timeout)?;
        let (mut url, api_version) = match &self.source {
            Source::Imds { endpoint } => (endpoint.clone(), "2018-02-01"),
            Source::AppService { endpoint, .. } => (endpoint.clone(), "2019-08-01"),
        };
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("api-version", api_version);
            q.append_pair("resource", &resource);
            if let Some(id) = &self.client_id {
                q.append_pair("client_id", id);
            }
        }
        let mut attempt = 0;
        loop {
            let req = match &self.source {
                Source::Imds { .. } => http.get(url.clone()).header("Metadata", "true"),
                Source::AppService { header, .. } => http
                    .get(url.clone())
                    .header("X-IDENTITY-HEADER", header.expose()),
            };
            let response = req.send().await;
            if let Ok(r) = &response {
                if self.retry.is_retryable(r.status()) && attempt < self.retry.max_retries {
                    let delay = self.retry.delay(attempt, r.headers());
                    tracing::debug!(
                        status = r.status().as_u16(),
                        attempt,
                        ?delay,
                        "managed identity endpoint asked to retry"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                    continue;
                }
            }
            let secrets = match &self.source {
                Source::AppService { header, .. } => Redactor::new([header]),
                Source::Imds { .. } => Redactor::default(),
            };
            return read_token_response("ManagedIdentityCredential", response, &secrets).await;
        }
    }
}

impl TokenCredential for ManagedIdentityCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.fetch(scopes))
    }
    fn name(&self) -> &'static str {
        "ManagedIdentityCredential"
    }
}
