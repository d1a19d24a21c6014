//! [`Client`], [`ClientBuilder`] and the HTTP pipeline (auth, retries, timeouts, tracing).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;
use url::Url;

use crate::credentials::{ensure_secure, CachedCredential, Cloud, TokenCredential};
use crate::error::{Error, RequestContext, Result, TimeoutKind};
use crate::request::{Decode, RawResponse, Request};
use crate::util::redact_url;
use crate::{Method, Poller};

/// Static facts about a generated service, emitted as a `const` by the generated crate.
///
/// ```
/// const SPEC: apigen_runtime::ServiceSpec = apigen_runtime::ServiceSpec {
///     default_endpoint: "https://management.azure.com",
///     api_version: "2024-05-01",
///     crate_name: "apim-client",
///     crate_version: "0.1.0",
/// };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceSpec {
    /// Default endpoint, e.g. `https://management.azure.com`.
    pub default_endpoint: &'static str,
    /// Appended as `api-version` query to every request.
    pub api_version: &'static str,
    /// Generated crate's name, for the User-Agent.
    pub crate_name: &'static str,
    /// Generated crate's version, for the User-Agent.
    pub crate_version: &'static str,
}

/// Retry policy: which attempts are retried and how long to wait between them.
///
/// Retried: HTTP 408, 429, 500, 502, 503, 504, connection errors (refused, reset, truncated
/// body) and per-try timeouts. The delay is the service's `retry-after-ms`,
/// `x-ms-retry-after-ms` or `Retry-After` (seconds or HTTP date) when present (capped by
/// `max_retry_after`), else `initial_delay * 2^(retry-1)` capped by `max_delay`, times a random
/// jitter factor in `[0.8, 1.2]`.
///
/// ```
/// use std::time::Duration;
/// let r = apigen_runtime::RetryOptions { max_retries: 5, initial_delay: Duration::from_millis(10), ..Default::default() };
/// assert_eq!(r.max_delay, Duration::from_secs(60));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryOptions {
    /// Retries after the first attempt (0 disables retries). Default 3.
    pub max_retries: u32,
    /// First backoff delay. Default 800 ms.
    pub initial_delay: Duration,
    /// Largest backoff delay. Default 60 s.
    pub max_delay: Duration,
    /// Largest delay accepted from a `Retry-After`-style header. Default 300 s.
    pub max_retry_after: Duration,
}

impl Default for RetryOptions {
    fn default() -> Self {
        RetryOptions {
            max_retries: 3,
            initial_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

pub(crate) struct ClientInner {
    pub(crate) endpoint: Url,
    pub(crate) api_version: String,
    http: reqwest::Client,
    credential: Option<CachedCredential>,
    scopes: Vec<String>,
    user_agent: HeaderValue,
    retry: RetryOptions,
    per_try_timeout: Option<Duration>,
    overall_timeout: Option<Duration>,
    pub(crate) polling_interval: Duration,
    pub(crate) forced_polling_interval: Option<Duration>,
}

/// A configured service client: endpoint, pipeline (credential, retries, timeouts) and
/// api-version. Cheap to clone (an `Arc` inside); share it across tasks.
///
/// ```no_run
/// # async fn f() -> apigen_runtime::Result<()> {
/// use apigen_runtime::{ClientBuilder, Method, ServiceSpec, credentials::StaticTokenCredential};
/// const SPEC: ServiceSpec = ServiceSpec { default_endpoint: "https://management.azure.com", api_version: "2024-05-01", crate_name: "demo", crate_version: "0.1.0" };
/// let client = ClientBuilder::new(SPEC, |c| c).credential(StaticTokenCredential::new("token")).build()?;
/// let v: serde_json::Value = client.request(Method::GET, "/subscriptions/{subscriptionId}", &["sub"]).call::<_, apigen_runtime::Json>().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("api_version", &self.inner.api_version)
            .field(
                "credential",
                &self.inner.credential.as_ref().map(|c| c.name()),
            )
            .field("scopes", &self.inner.scopes)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// An outgoing HTTP request, fully built.
#[derive(Clone, Debug)]
pub(crate) struct Outgoing {
    pub method: Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Option<Bytes>,
}

enum Attempt {
    Response(RawResponse),
    Transport(Error),
}

impl Client {
    /// Start a request; see [`Request`]. `path_template` placeholders (`{name}`) are replaced,
    /// in order, by `args`, each percent-encoded as one path segment.
    pub fn request(&self, method: Method, path_template: &'static str, args: &[&str]) -> Request {
        Request::new(self.clone(), method, path_template, args)
    }

    /// Resume a long-running operation from [`Poller::continuation_token`].
    pub fn resume_poller<T, D: Decode<T>>(&self, token: &str) -> Result<Poller<T, D>> {
        Poller::resume(self.clone(), token)
    }

    /// The service endpoint.
    pub fn endpoint(&self) -> &Url {
        &self.inner.endpoint
    }

    /// The api-version sent with every request.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// The token scopes requested from the credential.
    pub fn scopes(&self) -> &[String] {
        &self.inner.scopes
    }

    /// The User-Agent header value.
    pub fn user_agent(&self) -> &str {
        self.inner.user_agent.to_str().unwrap_or("")
    }

    /// Send a fully built request through the pipeline. Returns any response, success or not.
    pub(crate) async fn send(&self, req: Outgoing) -> Result<RawResponse> {
        let client_request_id = req
            .headers
            .get("x-ms-client-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let span = tracing::info_span!(
            "apigen.request",
            http.method = %req.method,
            url = %redact_url(&req.url),
            client_request_id = %client_request_id,
            http.status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.send_inner(req, client_request_id)
            .instrument(span)
            .await
    }

    async fn send_inner(&self, req: Outgoing, client_request_id: String) -> Result<RawResponse> {
        let inner = &*self.inner;
        let start = Instant::now();
        let deadline = inner.overall_timeout.map(|d| start + d);
        let span = tracing::Span::current();
        let ctx = || RequestContext::new(&client_request_id, None);
        let mut attempt: u32 = 0;
        let mut reauthenticated = false;
        loop {
            attempt += 1;
            let attempt_start = Instant::now();
            let mut headers = req.headers.clone();
            headers.insert(http::header::USER_AGENT, inner.user_agent.clone());
            if let Ok(v) = HeaderValue::from_str(&client_request_id) {
                headers.insert(HeaderName::from_static("x-ms-client-request-id"), v);
            }
            headers.insert(
                HeaderName::from_static("return-client-request-id"),
                HeaderValue::from_static("true"),
            );
            if !headers.contains_key(http::header::ACCEPT) {
                headers.insert(
                    http::header::ACCEPT,
                    HeaderValue::from_static("application/json"),
                );
            }
            if let Some(cred) = &inner.credential {
                ensure_secure(&req.url, "a bearer token")?;
                let scopes: Vec<&str> = inner.scopes.iter().map(String::as_str).collect();
                let token = match deadline {
                    Some(d) => {
                        let left = d.saturating_duration_since(Instant::now());
                        tokio::time::timeout(left, cred.get_token(&scopes))
                            .await
                            .map_err(|_| Error::Timeout {
                                kind: TimeoutKind::Overall,
                                limit: inner.overall_timeout.unwrap_or(left),
                                context: Box::new(ctx()),
                            })??
                    }
                    None => cred.get_token(&scopes).await?,
                };
                let mut v = HeaderValue::from_str(&format!("Bearer {}", token.token.expose()))
                    .map_err(|_| {
                        Error::credential("the token contains invalid header characters")
                    })?;
                v.set_sensitive(true);
                headers.insert(http::header::AUTHORIZATION, v);
            }

            // Per-try limit, bounded by what is left of the overall timeout.
            let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let (limit, kind) = match (inner.per_try_timeout, remaining) {
                (Some(p), Some(r)) if r < p => (Some(r), TimeoutKind::Overall),
                (Some(p), _) => (Some(p), TimeoutKind::PerTry),
                (None, Some(r)) => (Some(r), TimeoutKind::Overall),
                (None, None) => (None, TimeoutKind::PerTry),
            };
            let mut rb = inner
                .http
                .request(req.method.clone(), req.url.clone())
                .headers(headers);
            if let Some(b) = &req.body {
                rb = rb.body(b.clone());
            }
            let url = req.url.clone();
            let crid = client_request_id.clone();
            let fut = async move {
                let resp = rb.send().await.map_err(|e| transport(e, &crid))?;
                let status = resp.status().as_u16();
                let headers = resp.headers().clone();
                let body = resp.bytes().await.map_err(|e| transport(e, &crid))?;
                Ok::<_, Error>(RawResponse {
                    status,
                    headers,
                    body,
                    url,
                    client_request_id: crid,
                })
            };
            let outcome = match limit {
                Some(l) => match tokio::time::timeout(l, fut).await {
                    Ok(r) => r,
                    Err(_) => Err(Error::Timeout {
                        kind,
                        limit: if kind == TimeoutKind::Overall {
                            inner.overall_timeout.unwrap_or(l)
                        } else {
                            l
                        },
                        context: Box::new(ctx()),
                    }),
                },
                None => fut.await,
            };
            let elapsed_ms = attempt_start.elapsed().as_millis() as u64;
            let outcome = match outcome {
                Ok(r) => {
                    tracing::debug!(
                        attempt,
                        status = r.status,
                        duration_ms = elapsed_ms,
                        "response"
                    );
                    Attempt::Response(r)
                }
                Err(
                    e @ Error::Timeout {
                        kind: TimeoutKind::Overall,
                        ..
                    },
                ) => {
                    tracing::debug!(attempt, error = %e, "overall timeout");
                    span.record("attempt", attempt);
                    return Err(e);
                }
                Err(e) => {
                    tracing::debug!(attempt, error = %e, duration_ms = elapsed_ms, "attempt failed");
                    Attempt::Transport(e)
                }
            };
            // A 401 with a cached token: the token may have been revoked. Drop the cache and
            // try once more with a fresh token (not counted as a retry).
            if let (Attempt::Response(r), Some(cred)) = (&outcome, &inner.credential) {
                if r.status == 401 && !reauthenticated {
                    reauthenticated = true;
                    tracing::debug!(attempt, "401: refreshing the token and trying again");
                    cred.clear().await;
                    attempt -= 1;
                    continue;
                }
            }
            let retryable = match &outcome {
                Attempt::Response(r) => matches!(r.status, 408 | 429 | 500 | 502 | 503 | 504),
                Attempt::Transport(e) => !matches!(e, Error::InvalidRequest(_)),
            };
            if !retryable || attempt > inner.retry.max_retries {
                span.record("attempt", attempt);
                span.record("duration_ms", start.elapsed().as_millis() as u64);
                return match outcome {
                    Attempt::Response(r) => {
                        span.record("http.status", r.status);
                        Ok(r)
                    }
                    Attempt::Transport(e) => Err(e),
                };
            }
            let delay = match &outcome {
                Attempt::Response(r) => retry_after(&r.headers)
                    .map(|d| d.min(inner.retry.max_retry_after))
                    .unwrap_or_else(|| backoff(&inner.retry, attempt)),
                Attempt::Transport(_) => backoff(&inner.retry, attempt),
            };
            if let Some(d) = deadline {
                if Instant::now() + delay >= d {
                    // No time left to wait: give the caller what we have.
                    span.record("attempt", attempt);
                    return match outcome {
                        Attempt::Response(r) => {
                            span.record("http.status", r.status);
                            Ok(r)
                        }
                        Attempt::Transport(e) => Err(e),
                    };
                }
            }
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
        }
    }
}

fn transport(e: reqwest::Error, client_request_id: &str) -> Error {
    let e = e.without_url();
    let mut message = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = src {
        message.push_str(": ");
        message.push_str(&s.to_string());
        src = s.source();
    }
    if e.is_builder() {
        return Error::InvalidRequest(message);
    }
    Error::Transport {
        message,
        source: Some(Box::new(e)),
        context: Box::new(RequestContext::new(client_request_id, None)),
    }
}

/// Delay asked for by the service: `retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After`.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).map(str::trim);
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = get(name).and_then(|v| v.parse::<f64>().ok()) {
            if ms.is_finite() && ms >= 0.0 {
                return Some(Duration::from_secs_f64(ms / 1000.0));
            }
        }
    }
    let v = get("retry-after")?;
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs));
        }
        return None;
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn backoff(r: &RetryOptions, attempt: u32) -> Duration {
    let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
    let base = (r.initial_delay.as_secs_f64() * exp).min(r.max_delay.as_secs_f64());
    let jitter: f64 = rand::random_range(0.8..=1.2);
    Duration::from_secs_f64((base * jitter).min(r.max_delay.as_secs_f64()))
}

type MakeFn<C> = Box<dyn FnOnce(Client) -> C + Send>;

/// Builds a [`Client`] and turns it into the generated client `C`.
///
/// Defaults: endpoint from the [`ServiceSpec`], public cloud scope, 3 retries (800 ms initial
/// backoff, 60 s max), 100 s per-try timeout, no overall timeout, 30 s LRO polling interval
/// when the service sends no `Retry-After`.
///
/// ```no_run
/// # fn f() -> apigen_runtime::Result<()> {
/// use std::time::Duration;
/// use apigen_runtime::{ClientBuilder, ServiceSpec, credentials::DefaultCredential};
/// const SPEC: ServiceSpec = ServiceSpec { default_endpoint: "https://management.azure.com", api_version: "2024-05-01", crate_name: "demo", crate_version: "0.1.0" };
/// let client = ClientBuilder::new(SPEC, |c| c)
///     .azure_china()
///     .credential(DefaultCredential::new())
///     .max_retries(5)
///     .per_try_timeout(Duration::from_secs(30))
///     .timeout(Duration::from_secs(300))
///     .polling_interval(Duration::from_secs(10))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct ClientBuilder<C> {
    spec: ServiceSpec,
    make: MakeFn<C>,
    endpoint: Option<Url>,
    cloud: Option<Cloud>,
    scope: Option<String>,
    api_version: Option<String>,
    credential: Option<Box<dyn TokenCredential>>,
    refresh_before: Duration,
    retry: RetryOptions,
    per_try_timeout: Option<Duration>,
    overall_timeout: Option<Duration>,
    connect_timeout: Duration,
    polling_interval: Duration,
    forced_polling_interval: Option<Duration>,
    http: Option<reqwest::Client>,
    application_id: Option<String>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("spec", &self.spec)
            .field("endpoint", &self.endpoint.as_ref().map(Url::as_str))
            .field("cloud", &self.cloud)
            .field("credential", &self.credential.as_ref().map(|c| c.name()))
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    /// `make` turns the built runtime [`Client`] into the generated client.
    pub fn new(spec: ServiceSpec, make: impl FnOnce(Client) -> C + Send + 'static) -> Self {
        ClientBuilder {
            spec,
            make: Box::new(make),
            endpoint: None,
            cloud: None,
            scope: None,
            api_version: None,
            credential: None,
            refresh_before: Duration::from_secs(300),
            retry: RetryOptions::default(),
            per_try_timeout: Some(Duration::from_secs(100)),
            overall_timeout: None,
            connect_timeout: Duration::from_secs(10),
            polling_interval: Duration::from_secs(30),
            forced_polling_interval: None,
            http: None,
            application_id: None,
        }
    }

    /// Use another endpoint (e.g. a loopback test server).
    pub fn endpoint(mut self, url: &str) -> Result<Self> {
        let u = Url::parse(url)
            .map_err(|e| Error::InvalidRequest(format!("invalid endpoint `{url}`: {e}")))?;
        if u.cannot_be_a_base() || !matches!(u.scheme(), "http" | "https") {
            return Err(Error::InvalidRequest(format!(
                "invalid endpoint `{url}`: expected an http(s) URL"
            )));
        }
        self.endpoint = Some(u);
        Ok(self)
    }

    /// The credential; it is wrapped in a [`CachedCredential`] (single-flight, refreshes
    /// 5 minutes before expiry). Without a credential no `Authorization` header is sent.
    pub fn credential(mut self, credential: impl TokenCredential + 'static) -> Self {
        self.credential = Some(Box::new(credential));
        self
    }

    /// How long before expiry cached tokens are refreshed (default 5 minutes).
    pub fn token_refresh_before(mut self, d: Duration) -> Self {
        self.refresh_before = d;
        self
    }

    /// Cloud preset: sets the Resource Manager endpoint (unless [`endpoint`](Self::endpoint)
    /// is set) and the token scope.
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = Some(cloud);
        self
    }

    /// Azure public cloud (the default).
    pub fn azure_public(self) -> Self {
        self.cloud(Cloud::azure_public())
    }

    /// Azure China.
    pub fn azure_china(self) -> Self {
        self.cloud(Cloud::azure_china())
    }

    /// Azure US Government.
    pub fn azure_us_government(self) -> Self {
        self.cloud(Cloud::azure_us_government())
    }

    /// Token scope (default: the cloud's Resource Manager `.default` scope).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Override the spec's api-version.
    pub fn api_version(mut self, v: impl Into<String>) -> Self {
        self.api_version = Some(v.into());
        self
    }

    /// Retry policy.
    pub fn retry(mut self, retry: RetryOptions) -> Self {
        self.retry = retry;
        self
    }

    /// Retries after the first attempt (0 disables retries).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Backoff delays: first and largest.
    pub fn retry_delays(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_delay = initial;
        self.retry.max_delay = max;
        self
    }

    /// Timeout of one attempt (send + body). `None` disables it. Default 100 s.
    pub fn per_try_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.per_try_timeout = d.into();
        self
    }

    /// Timeout of a whole call, retries included. Default none.
    pub fn timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.overall_timeout = d.into();
        self
    }

    /// TCP connect timeout. Default 10 s.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// LRO polling interval used when the service sends no `Retry-After`. Default 30 s.
    pub fn polling_interval(mut self, d: Duration) -> Self {
        self.polling_interval = d;
        self
    }

    /// LRO polling interval used always, ignoring `Retry-After` (tests, impatient tools).
    pub fn force_polling_interval(mut self, d: Duration) -> Self {
        self.forced_polling_interval = Some(d);
        self
    }

    /// Use this `reqwest::Client` (connect timeout from the builder is then not applied).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Prefix for the User-Agent (e.g. your application's name).
    pub fn application_id(mut self, id: impl Into<String>) -> Self {
        self.application_id = Some(id.into());
        self
    }

    /// Build the runtime client and hand it to `make`.
    pub fn build(mut self) -> Result<C> {
        let credential = self
            .credential
            .take()
            .map(|c| CachedCredential::from_box(c).refresh_before(self.refresh_before));
        let client = self.build_client(credential)?;
        Ok((self.make)(client))
    }

    fn build_client(&self, credential: Option<CachedCredential>) -> Result<Client> {
        let cloud = self.cloud.clone();
        let endpoint = match (&self.endpoint, &cloud) {
            (Some(e), _) => e.clone(),
            (None, Some(c)) => c.resource_manager.clone(),
            (None, None) => Url::parse(self.spec.default_endpoint).map_err(|e| {
                Error::InvalidRequest(format!(
                    "invalid default endpoint `{}`: {e}",
                    self.spec.default_endpoint
                ))
            })?,
        };
        let scope = match (&self.scope, &cloud) {
            (Some(s), _) => s.clone(),
            (None, Some(c)) => c.scope.clone(),
            (None, None) => format!(
                "{}/.default",
                self.spec.default_endpoint.trim_end_matches('/')
            ),
        };
        let mut ua = String::new();
        if let Some(a) = &self.application_id {
            ua.push_str(a);
            ua.push(' ');
        }
        ua.push_str(&format!(
            "{}/{} apigen-runtime/{} rust/{} ({}; {})",
            self.spec.crate_name,
            self.spec.crate_version,
            env!("CARGO_PKG_VERSION"),
            env!("APIGEN_RUSTC_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        ));
        let user_agent = HeaderValue::from_str(&ua)
            .map_err(|_| Error::InvalidRequest(format!("invalid User-Agent `{ua}`")))?;
        let http = match &self.http {
            Some(h) => h.clone(),
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .pool_idle_timeout(Duration::from_secs(60))
                .build()
                .map_err(|e| Error::InvalidRequest(format!("cannot build HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(ClientInner {
                endpoint,
                api_version: self
                    .api_version
                    .clone()
                    .unwrap_or_else(|| self.spec.api_version.to_string()),
                http,
                credential,
                scopes: vec![scope],
                user_agent,
                retry: self.retry.clone(),
                per_try_timeout: self.per_try_timeout,
                overall_timeout: self.overall_timeout,
                polling_interval: self.polling_interval,
                forced_polling_interval: self.forced_polling_interval,
            }),
        })
    }
}
