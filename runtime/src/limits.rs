//! The bounds on every wait and every buffered body: [`Limits`] and [`RetryOptions`]. A leaf
//! module: the client builder sets them, [`CallOptions`](crate::CallOptions) changes them per
//! call.

use std::time::Duration;

/// Retry policy: which attempts are retried and how long to wait between them.
///
/// Retried: HTTP 408, 429, 500, 502, 503, 504, connection errors (refused, reset, truncated
/// body) and per-try timeouts. The delay is the service's `retry-after-ms`,
/// `x-ms-retry-after-ms` or `Retry-After` (seconds or HTTP date) when present, else
/// `initial_delay * 2^(retry-1)` capped by `max_delay`, times a random jitter factor in
/// `[0.8, 1.2]`. A service that asks for more than `max_retry_after` is not retried: the call
/// fails at once with [`Error::Limit`](crate::Error::Limit) ([`Limit::RetryAfter`](crate::Limit::RetryAfter)) carrying the response.
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
/// for one call with [`CallOptions`](crate::CallOptions).
///
/// | limit | default | builder | per call |
/// | --- | --- | --- | --- |
/// | overall timeout of one request, retries included | 300 s | [`timeout`](crate::ClientBuilder::timeout) | [`CallOptions::timeout`](crate::CallOptions::timeout) |
/// | one attempt (send + buffered body) | 100 s | [`per_try_timeout`](crate::ClientBuilder::per_try_timeout) | [`CallOptions::per_try_timeout`](crate::CallOptions::per_try_timeout) |
/// | largest `Retry-After` honoured | 60 s | [`max_retry_after`](crate::ClientBuilder::max_retry_after) | [`CallOptions::retry`](crate::CallOptions::retry) |
/// | buffered response body | 64 MiB | [`max_body_size`](crate::ClientBuilder::max_body_size) | [`CallOptions::max_body_size`](crate::CallOptions::max_body_size) |
/// | redirects followed | 10 | [`max_redirects`](crate::ClientBuilder::max_redirects) | - |
/// | long-running operation, from start to result | 3 h | [`lro_deadline`](crate::ClientBuilder::lro_deadline) | [`CallOptions::lro_deadline`](crate::CallOptions::lro_deadline) |
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
