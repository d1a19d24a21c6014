//! [`Client`] and [`ClientBuilder`]: the endpoint, the credential and the limits, assembled
//! into a [`Pipeline`] of policies over a [`Transport`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use url::Url;

use crate::credentials::{CachedCredential, Cloud, SchemeCredential, TokenCredential};
use crate::error::{Error, Result};
use crate::limits::{Limits, RetryOptions};
use crate::options::CallOptions;
use crate::pipeline::{Pipeline, Policy};
use crate::policies::{api_version, auth, headers, redirect, request_id, retry, trace, user_agent};
use crate::request::Request;
use crate::response::Decode;
use crate::servers::{self, ServerVariable};
use crate::service::{plain_call, Service, ServiceInner};
use crate::transport::{ReqwestTransport, Transport};
use crate::util::{encode, QUERY_VALUE};
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
    /// Added as `api-version` query to operation requests and next-page links (empty: none).
    pub api_version: &'static str,
    /// Generated crate's name, for the User-Agent.
    pub crate_name: &'static str,
    /// Generated crate's version, for the User-Agent.
    pub crate_version: &'static str,
}

struct ClientInner {
    service: Service,
    api_version: String,
    scopes: Vec<String>,
    user_agent: HeaderValue,
    credential_name: Option<&'static str>,
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
    inner: Arc<ClientInner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint().as_str())
            .field("api_version", &self.inner.api_version)
            .field("credential", &self.inner.credential_name)
            .field("scopes", &self.inner.scopes)
            .field("limits", self.limits())
            .field("retry", &self.inner.service.0.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Start a request; see [`Request`]. `path_template` placeholders (`{name}`) are replaced,
    /// in order, by `args`, each percent-encoded as one path segment.
    pub fn request(&self, method: Method, path_template: &'static str, args: &[&str]) -> Request {
        Request::new(self.inner.service.clone(), method, path_template, args)
    }

    /// Resume a long-running operation from [`Poller::continuation_token`]. The token's URLs
    /// get the credential only if they are on an allowed origin, as any URL a service names.
    pub fn resume_poller<T, D: Decode<T>>(&self, token: &str) -> Result<Poller<T, D>> {
        self.resume_poller_with(token, CallOptions::new())
    }

    /// [`resume_poller`](Self::resume_poller) with options for the polls.
    pub fn resume_poller_with<T, D: Decode<T>>(
        &self,
        token: &str,
        options: CallOptions,
    ) -> Result<Poller<T, D>> {
        options.check()?;
        Poller::resume(self.inner.service.call(options), token)
    }

    /// The service endpoint.
    pub fn endpoint(&self) -> &Url {
        self.inner.service.endpoint()
    }

    /// The api-version sent with operation requests (empty: none).
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

    /// The limits every call starts from.
    pub fn limits(&self) -> &Limits {
        &self.inner.service.0.limits
    }

    /// The pipeline every request goes through.
    pub fn pipeline(&self) -> &Pipeline {
        &self.inner.service.0.pipeline
    }
}

type MakeFn<C> = Box<dyn FnOnce(Client) -> C + Send>;

/// Builds a [`Client`] and turns it into the generated client `C`.
///
/// Defaults: endpoint from the [`ServiceSpec`], public cloud scope, 3 retries (800 ms initial
/// backoff, 60 s max), and the [`Limits`] defaults: 300 s overall timeout per request, 100 s per
/// try, `Retry-After` honoured up to 60 s, 64 MiB buffered bodies, 10 redirects, long-running
/// operations bounded by 3 h and polled every 30 s (or as `Retry-After` says, but never more
/// often than once a second).
///
/// The credential is sent only to the endpoint's origin and to origins allowed with
/// [`allow_credential_origin`](Self::allow_credential_origin); see the auth policy's rules in
/// the [`pipeline`](crate::pipeline) docs.
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
///     .lro_deadline(Duration::from_secs(3600))
///     .max_body_size(256 * 1024 * 1024)
///     .build()?;
/// # Ok(()) }
/// ```
pub struct ClientBuilder<C> {
    spec: ServiceSpec,
    make: MakeFn<C>,
    endpoint: Option<Url>,
    /// The server URL template and its variables, when the spec's server has some.
    server_template: Option<(&'static str, &'static [ServerVariable])>,
    server_values: Vec<(String, String)>,
    /// Replaces the scheme of the expanded server template (see `server_scheme`).
    server_scheme: Option<String>,
    cloud: Option<Cloud>,
    scope: Option<String>,
    api_version: Option<String>,
    credential: Option<Box<dyn TokenCredential>>,
    security_schemes: Vec<(String, SchemeCredential)>,
    refresh_before: Duration,
    retry: RetryOptions,
    limits: Limits,
    connect_timeout: Duration,
    transport: Option<Arc<dyn Transport>>,
    application_id: Option<String>,
    credential_origins: Vec<Url>,
    per_call_policies: Vec<Arc<dyn Policy>>,
    per_try_policies: Vec<Arc<dyn Policy>>,
    error: Option<Error>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("spec", &self.spec)
            .field("endpoint", &self.endpoint.as_ref().map(Url::as_str))
            .field("cloud", &self.cloud)
            .field("credential", &self.credential.as_ref().map(|c| c.name()))
            .field("security_schemes", &self.security_schemes)
            .field("retry", &self.retry)
            .field("limits", &self.limits)
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
            server_template: None,
            server_values: Vec::new(),
            server_scheme: None,
            cloud: None,
            scope: None,
            api_version: None,
            credential: None,
            security_schemes: Vec::new(),
            refresh_before: Duration::from_secs(300),
            retry: RetryOptions::default(),
            limits: Limits::default(),
            connect_timeout: Duration::from_secs(10),
            transport: None,
            application_id: None,
            credential_origins: Vec::new(),
            per_call_policies: Vec::new(),
            per_try_policies: Vec::new(),
            error: None,
        }
    }

    /// Use another endpoint (e.g. a loopback test server).
    pub fn endpoint(mut self, url: &str) -> Result<Self> {
        self.endpoint = Some(parse_http_url(url, "endpoint")?);
        Ok(self)
    }

    /// The endpoint is `template` with its `{variables}` filled in when the client is built:
    /// each from [`server_variable`](Self::server_variable) or the variable's default. An
    /// [`endpoint`](Self::endpoint) replaces it. Generated clients call this when their spec's
    /// server has variables.
    pub fn server_template(
        mut self,
        template: &'static str,
        variables: &'static [ServerVariable],
    ) -> Self {
        self.server_template = Some((template, variables));
        self
    }

    /// Sets a variable of the server URL template (see
    /// [`server_template`](Self::server_template)); checked when the client is built.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.server_values.push((name.to_string(), value.into()));
        self
    }

    /// The scheme (`http` or `https`) of the endpoint made from the server URL template, in
    /// place of the template's own: a spec without Swagger `schemes` gets `https`, and a
    /// service reached over plain HTTP (a local test server) says so here.
    pub fn server_scheme(mut self, scheme: &str) -> Self {
        self.server_scheme = Some(scheme.to_string());
        self
    }

    /// The credential; it is wrapped in a [`CachedCredential`] (single-flight, refreshes
    /// 5 minutes before expiry). Without a credential no `Authorization` header is sent.
    pub fn credential(mut self, credential: impl TokenCredential + 'static) -> Self {
        self.credential = Some(Box::new(credential));
        self
    }

    /// The credential for the spec's security scheme `name` (its key in
    /// `components.securitySchemes`); operations that require the scheme send it. Generated
    /// clients call this from one builder method per scheme. Setting a scheme again replaces it.
    ///
    /// ```
    /// use apigen_runtime::{ClientBuilder, ServiceSpec, credentials::{ApiKeyLocation, SchemeCredential}};
    /// const SPEC: ServiceSpec = ServiceSpec { default_endpoint: "https://api.example.com", api_version: "", crate_name: "demo", crate_version: "0.1.0" };
    /// let client = ClientBuilder::new(SPEC, |c| c)
    ///     .security_scheme("api_key", SchemeCredential::api_key(ApiKeyLocation::Header, "x-api-key", "my-key"))
    ///     .build()
    ///     .unwrap();
    /// assert!(!format!("{client:?}").contains("my-key"));
    /// ```
    pub fn security_scheme(
        mut self,
        name: impl Into<String>,
        credential: SchemeCredential,
    ) -> Self {
        let name = name.into();
        self.security_schemes.retain(|(n, _)| *n != name);
        self.security_schemes.push((name, credential));
        self
    }

    /// Also send the credential to this origin (`scheme://host[:port]`; a path is ignored),
    /// besides the endpoint's. For services whose links point at another host of the same
    /// service. An invalid URL makes [`build`](Self::build) fail.
    pub fn allow_credential_origin(mut self, origin: &str) -> Self {
        match parse_http_url(origin, "credential origin") {
            Ok(u) => self.credential_origins.push(u),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
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

    /// Largest `Retry-After` honoured (default 60 s). A service asking for more is not retried:
    /// the call fails with [`Error::Limit`] carrying its response. Also caps LRO poll delays.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.retry.max_retry_after = d;
        self
    }

    /// All limits at once.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Timeout of one attempt (a token request of the credential, send and buffered body).
    /// `None` disables it. Default 100 s.
    pub fn per_try_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.limits.per_try_timeout = d.into();
        self
    }

    /// Timeout of one request, retries and backoff included. `None` disables it. Default 300 s.
    pub fn timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.limits.timeout = d.into();
        self
    }

    /// TCP connect timeout. Default 10 s.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Largest response body read into memory, in bytes (default 64 MiB). Larger downloads:
    /// [`Call::send_stream`](crate::Call::send_stream).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// Redirects followed before a request fails (default 10; not retried). Applies to the
    /// built-in transport.
    pub fn max_redirects(mut self, n: usize) -> Self {
        self.limits.max_redirects = n;
        self
    }

    /// How long a long-running operation may take from its first request to its result
    /// (default 3 h).
    pub fn lro_deadline(mut self, d: Duration) -> Self {
        self.limits.lro_deadline = d;
        self
    }

    /// LRO polling interval used when the service sends no `Retry-After`. Default 30 s.
    pub fn polling_interval(mut self, d: Duration) -> Self {
        self.limits.polling_interval = d;
        self
    }

    /// Shortest wait between two polls whatever `Retry-After` says. Default 1 s.
    pub fn min_polling_interval(mut self, d: Duration) -> Self {
        self.limits.min_polling_interval = d;
        self
    }

    /// LRO polling interval used always, ignoring `Retry-After` and the minimum (tests,
    /// impatient tools).
    pub fn force_polling_interval(mut self, d: Duration) -> Self {
        self.limits.forced_polling_interval = Some(d);
        self
    }

    /// Use this `reqwest::Client` (its connect timeout then applies instead of the builder's).
    /// Build it with `redirect(reqwest::redirect::Policy::none())` to leave redirects to the
    /// runtime, which follows them by method and keeps credentials on the endpoint's origin;
    /// a client that follows them itself hands the runtime only the final response.
    pub fn http_client(self, http: reqwest::Client) -> Self {
        self.transport(ReqwestTransport::new(http))
    }

    /// Send requests with this transport instead of reqwest (an in-memory fake, a recorder).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Add a policy that runs once per request, before retries (after request id, user agent
    /// and api-version; before the call's own policies).
    pub fn per_call_policy(mut self, policy: impl Policy + 'static) -> Self {
        self.per_call_policies.push(Arc::new(policy));
        self
    }

    /// Add a policy that runs for every attempt, after the retry policy and before auth.
    pub fn per_try_policy(mut self, policy: impl Policy + 'static) -> Self {
        self.per_try_policies.push(Arc::new(policy));
        self
    }

    /// Prefix for the User-Agent (e.g. your application's name).
    pub fn application_id(mut self, id: impl Into<String>) -> Self {
        self.application_id = Some(id.into());
        self
    }

    /// Build the runtime client and hand it to `make`.
    pub fn build(mut self) -> Result<C> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let credential = self
            .credential
            .take()
            .map(|c| Arc::new(CachedCredential::from_box(c).refresh_before(self.refresh_before)));
        let schemes = std::mem::take(&mut self.security_schemes);
        let client = self.build_client(credential, schemes)?;
        Ok((self.make)(client))
    }

    fn build_client(
        &self,
        credential: Option<Arc<CachedCredential>>,
        schemes: Vec<(String, SchemeCredential)>,
    ) -> Result<Client> {
        let cloud = self.cloud.clone();
        let endpoint = match (&self.endpoint, &cloud) {
            (Some(e), _) => e.clone(),
            (None, Some(c)) => c.resource_manager.clone(),
            (None, None) => match self.server_template {
                Some((template, variables)) => servers::with_scheme(
                    parse_http_url(
                        &servers::expand(template, variables, &self.server_values)?,
                        "endpoint",
                    )?,
                    self.server_scheme.as_deref(),
                )?,
                None if !self.server_values.is_empty() => {
                    return Err(Error::InvalidRequest(format!(
                        "server variable `{}` set, but the server URL `{}` has no variables",
                        self.server_values[0].0, self.spec.default_endpoint
                    )))
                }
                None => parse_http_url(self.spec.default_endpoint, "default endpoint")?,
            },
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
        let transport: Arc<dyn Transport> = match &self.transport {
            Some(t) => t.clone(),
            None => Arc::new(ReqwestTransport::with_settings(
                self.connect_timeout,
                self.limits.max_redirects,
            )?),
        };
        let api_version = self
            .api_version
            .clone()
            .unwrap_or_else(|| self.spec.api_version.to_string());
        let scopes = vec![scope];

        let mut before: Vec<Arc<dyn Policy>> = vec![
            Arc::new(request_id::RequestIdPolicy),
            Arc::new(user_agent::UserAgentPolicy(user_agent.clone())),
        ];
        if !api_version.is_empty() {
            before.push(Arc::new(api_version::ApiVersionPolicy(api_version.clone())));
        }
        before.push(Arc::new(headers::HeadersPolicy));
        before.extend(self.per_call_policies.iter().cloned());
        // The retry policy bounds each attempt by the per-try timeout and the deadline at once
        // (one timer; see policies/timeout.rs). Every hop of a redirect goes through auth
        // again, which decides by the hop's origin.
        let mut after: Vec<Arc<dyn Policy>> = vec![
            Arc::new(trace::TracingPolicy),
            Arc::new(retry::RetryPolicy),
            Arc::new(redirect::RedirectPolicy),
        ];
        after.extend(self.per_try_policies.iter().cloned());
        let credential_name = credential.as_ref().map(|c| c.name());
        if credential.is_some() || !schemes.is_empty() {
            after.push(Arc::new(auth::AuthPolicy::new(
                credential.map(|c| (c, scopes.clone())),
                schemes,
                self.refresh_before,
                &endpoint,
                &self.credential_origins,
            )?));
        }

        Ok(Client {
            inner: Arc::new(ClientInner {
                service: Service(Arc::new(ServiceInner {
                    pipeline: Pipeline::new(before, after, transport),
                    plain_call: plain_call(&self.limits, &self.retry),
                    endpoint,
                    limits: self.limits.clone(),
                    retry: self.retry.clone(),
                    api_version_pair: if api_version.is_empty() {
                        String::new()
                    } else {
                        format!("api-version={}", encode(&api_version, QUERY_VALUE))
                    },
                })),
                api_version,
                scopes,
                user_agent,
                credential_name,
            }),
        })
    }
}

fn parse_http_url(url: &str, what: &str) -> Result<Url> {
    let u = Url::parse(url)
        .map_err(|e| Error::InvalidRequest(format!("invalid {what} `{url}`: {e}")))?;
    if u.cannot_be_a_base() || !matches!(u.scheme(), "http" | "https") {
        return Err(Error::InvalidRequest(format!(
            "invalid {what} `{url}`: expected an http(s) URL"
        )));
    }
    Ok(u)
}
