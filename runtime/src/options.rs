//! Limits and per-call options: [`Limits`] (the client's bounds on every wait and every buffered
//! body) and [`CallOptions`] (what one call may change: headers, request id, timeouts, limits,
//! a deadline, extra policies).

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::error::{Error, Result};
use crate::pipeline::Policy;

/// Retry policy: which attempts are retried and how long to wait between them.
///
/// Retried: HTTP 408, 429, 500, 502, 503, 504, connection errors (refused, reset, truncated
/// body) and per-try timeouts. The delay is the service's `retry-after-ms`,
/// `x-ms-retry-after-ms` or `Retry-After` (seconds or HTTP date) when present, else
/// `initial_delay * 2^(retry-1)` capped by `max_delay`, times a random jitter factor in
/// `[0.8, 1.2]`. A service that asks for more than `max_retry_after` is not retried: the call
/// fails at once with [`Error::Limit`] ([`Limit::RetryAfter`]) carrying the response.
///
/// ```
/// use std::time::Duration;
/// let r = apigen_runtime::RetryOptions { max_retries: 5, initial_delay: Duration::from_millis(10), ..Default::default() };
/// assert_eq!(r.max_delay, Duration::from_secs(60));
/// assert_eq!(r.max_retry_after, Duration::from_secs(60));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryOptions {
    /// Retries after the first attempt (0 disables retries). Default 3.
    pub max_retries: u32,
    /// First backoff delay. Default 800 ms.
    pub initial_delay: Duration,
    /// Largest backoff delay. Default 60 s.
    pub max_delay: Duration,
    /// Largest delay accepted from a `Retry-After`-style header. Default 60 s.
    pub max_retry_after: Duration,
}

impl Default for RetryOptions {
    fn default() -> Self {
        RetryOptions {
            max_retries: 3,
            initial_delay: Duration::from_millis(800),
            max_delay: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Every bound the runtime puts on a call. Set them on the client builder; most can be changed
/// for one call with [`CallOptions`].
///
/// | limit | default | builder | per call |
/// | --- | --- | --- | --- |
/// | overall timeout of one request, retries included | 300 s | [`timeout`](crate::ClientBuilder::timeout) | [`CallOptions::timeout`] |
/// | one attempt (send + buffered body) | 100 s | [`per_try_timeout`](crate::ClientBuilder::per_try_timeout) | [`CallOptions::per_try_timeout`] |
/// | largest `Retry-After` honoured | 60 s | [`max_retry_after`](crate::ClientBuilder::max_retry_after) | [`CallOptions::retry`] |
/// | buffered response body | 64 MiB | [`max_body_size`](crate::ClientBuilder::max_body_size) | [`CallOptions::max_body_size`] |
/// | redirects followed | 10 | [`max_redirects`](crate::ClientBuilder::max_redirects) | - |
/// | long-running operation, from start to result | 3 h | [`lro_deadline`](crate::ClientBuilder::lro_deadline) | [`CallOptions::lro_deadline`] |
/// | shortest wait between polls | 1 s | [`min_polling_interval`](crate::ClientBuilder::min_polling_interval) | - |
///
/// Streamed downloads ([`Call::send_stream`](crate::Call::send_stream)) are not bound by the
/// body size limit, and their per-try timeout ends when the headers arrive.
///
/// ```
/// let l = apigen_runtime::Limits::default();
/// assert_eq!(l.max_body_size, 64 * 1024 * 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Overall timeout of one request through the pipeline, retries and backoff included.
    pub timeout: Option<Duration>,
    /// Timeout of one attempt (sending and reading a buffered body).
    pub per_try_timeout: Option<Duration>,
    /// Largest response body read into memory, in bytes.
    pub max_body_size: usize,
    /// Redirects followed before the request fails (not retried).
    pub max_redirects: usize,
    /// How long a long-running operation may take from its first request to its result.
    pub lro_deadline: Duration,
    /// LRO polling interval when the service sends no `Retry-After`.
    pub polling_interval: Duration,
    /// Shortest wait between two polls, whatever `Retry-After` says (no busy loops).
    pub min_polling_interval: Duration,
    /// LRO polling interval used always, ignoring `Retry-After` and the minimum (tests).
    pub forced_polling_interval: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Some(Duration::from_secs(300)),
            per_try_timeout: Some(Duration::from_secs(100)),
            max_body_size: 64 * 1024 * 1024,
            max_redirects: 10,
            lro_deadline: Duration::from_secs(3 * 3600),
            polling_interval: Duration::from_secs(30),
            min_polling_interval: Duration::from_secs(1),
            forced_polling_interval: None,
        }
    }
}

/// Options for one call: extra headers, the `x-ms-client-request-id`, timeouts and limits, an
/// absolute deadline, and policies that run for this call only. Every generated operation takes
/// them with `.options(…)`; they apply to every request of the call (each page of a list, each
/// poll of a long-running operation).
///
/// ```
/// use std::time::Duration;
/// use apigen_runtime::CallOptions;
/// let o = CallOptions::new()
///     .client_request_id("3f7c1c0e-0000-4000-8000-000000000001")
///     .header("x-ms-test", "1")
///     .timeout(Duration::from_secs(20));
/// assert_eq!(o.client_request_id_value(), Some("3f7c1c0e-0000-4000-8000-000000000001"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    pub(crate) headers: HeaderMap,
    pub(crate) client_request_id: Option<String>,
    pub(crate) timeout: Option<Option<Duration>>,
    pub(crate) per_try_timeout: Option<Option<Duration>>,
    pub(crate) deadline: Option<Instant>,
    pub(crate) retry: Option<RetryOptions>,
    pub(crate) max_body_size: Option<usize>,
    pub(crate) lro_deadline: Option<Duration>,
    pub(crate) polling_interval: Option<Duration>,
    pub(crate) policies: Vec<Arc<dyn Policy>>,
    pub(crate) error: Option<String>,
}

impl CallOptions {
    /// No changes: the client's settings apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Send this header with every request of the call (replacing a generated one of the same
    /// name). An invalid name or value makes the call fail with [`Error::InvalidRequest`].
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => {
                self.headers.insert(n, v);
            }
            _ => {
                self.error.get_or_insert_with(|| {
                    format!("invalid header `{name}` (name or value has forbidden characters)")
                });
            }
        }
        self
    }

    /// Use this `x-ms-client-request-id` for every request of the call, polls and pages included
    /// (default: a new UUID per call).
    pub fn client_request_id(mut self, id: impl Into<String>) -> Self {
        self.client_request_id = Some(id.into());
        self
    }

    /// The request id set with [`client_request_id`](Self::client_request_id).
    pub fn client_request_id_value(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }

    /// Overall timeout of each request of this call, retries included (`None`: no timeout).
    pub fn timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.timeout = Some(d.into());
        self
    }

    /// Timeout of one attempt (`None`: no timeout).
    pub fn per_try_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.per_try_timeout = Some(d.into());
        self
    }

    /// An absolute deadline for the whole call: every page, poll and retry. Past it the call
    /// fails with [`Error::Timeout`] ([`TimeoutKind::Deadline`](crate::TimeoutKind::Deadline)).
    pub fn deadline(mut self, at: Instant) -> Self {
        self.deadline = Some(at);
        self
    }

    /// Retry policy for this call.
    pub fn retry(mut self, retry: RetryOptions) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Largest response body read into memory, in bytes.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = Some(bytes);
        self
    }

    /// How long a long-running operation may take from its first request to its result.
    pub fn lro_deadline(mut self, d: Duration) -> Self {
        self.lro_deadline = Some(d);
        self
    }

    /// LRO polling interval when the service sends no `Retry-After`.
    pub fn polling_interval(mut self, d: Duration) -> Self {
        self.polling_interval = Some(d);
        self
    }

    /// Run `policy` for every request of this call, after the client's per-call policies and
    /// before retries (see [`Policy`]).
    pub fn policy(mut self, policy: impl Policy + 'static) -> Self {
        self.policies.push(Arc::new(policy));
        self
    }

    pub(crate) fn check(&self) -> Result<()> {
        match &self.error {
            Some(e) => Err(Error::InvalidRequest(e.clone())),
            None => Ok(()),
        }
    }
}
