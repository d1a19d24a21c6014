//! Per-call options: [`CallOptions`], what one call may change (headers, request id, timeouts,
//! limits, a deadline, extra policies).

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::error::{Error, Result};
use crate::limits::RetryOptions;
use crate::pipeline::Policy;

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

    /// Send no `x-ms-client-request-id` with any request of the call (a service may treat a
    /// missing id differently from a generated one). An id the operation sets from its own
    /// parameter is still sent.
    pub fn without_client_request_id(mut self) -> Self {
        // The empty id is the request id policy's "send none".
        self.client_request_id = Some(String::new());
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
