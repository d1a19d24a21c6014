//! What flows down the pipeline: an [`HttpRequest`] and the [`Context`] of the call it belongs
//! to.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::HeaderMap;
use url::Url;

use crate::error::TimeoutKind;
use crate::options::{CallOptions, Limits, RetryOptions};
use crate::pipeline::Policy;
use crate::Method;

/// Why a request is sent: decides, for example, whether `api-version` is added.
///
/// ```
/// assert_ne!(apigen_runtime::RequestKind::Operation, apigen_runtime::RequestKind::Poll);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestKind {
    /// The request of an operation, built from its path template.
    Operation,
    /// A list's next page, from a `nextLink` the service sent.
    NextPage,
    /// A long-running operation's status poll, from a URL the service sent.
    Poll,
    /// The GET of a long-running operation's final result.
    FinalResult,
}

/// An outgoing HTTP request as policies see it. `Debug` never shows header values marked
/// sensitive (the `Authorization` header is).
///
/// ```
/// use apigen_runtime::{HttpRequest, Method, RequestKind, Url};
/// let r = HttpRequest::new(Method::GET, Url::parse("https://example.com/x").unwrap(), RequestKind::Operation);
/// assert_eq!(r.url.path(), "/x");
/// ```
#[derive(Clone, Debug)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Full URL, query included.
    pub url: Url,
    /// Headers.
    pub headers: HeaderMap,
    /// Body, if any.
    pub body: Option<Bytes>,
    /// Why it is sent.
    pub kind: RequestKind,
    /// When this request must be done, which timeout that is and its configured value; set by
    /// the pipeline from the overall timeout and the call's deadline.
    pub(crate) deadline: Option<(Instant, TimeoutKind, Duration)>,
    /// The caller reads the body as a stream ([`Call::send_stream`](crate::Call::send_stream)).
    pub(crate) streaming: bool,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: Method, url: Url, kind: RequestKind) -> Self {
        HttpRequest {
            method,
            url,
            headers: HeaderMap::new(),
            body: None,
            kind,
            deadline: None,
            streaming: false,
        }
    }

    /// True when the caller reads a 2xx body as a stream: the transport must not buffer it.
    pub fn wants_stream(&self) -> bool {
        self.streaming
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `x-ms-client-request-id` this request carries (empty before the request id policy).
    pub fn client_request_id(&self) -> &str {
        self.header("x-ms-client-request-id").unwrap_or("")
    }
}

/// The call a request belongs to: its request id, resolved limits and retry policy, extra
/// headers and per-call policies. One context serves every request of a call (pages, polls).
///
/// ```
/// let ctx = apigen_runtime::Context::default();
/// assert!(ctx.client_request_id().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Context {
    pub(crate) client_request_id: Option<String>,
    pub(crate) limits: Limits,
    pub(crate) retry: RetryOptions,
    pub(crate) headers: HeaderMap,
    pub(crate) policies: Vec<Arc<dyn Policy>>,
    pub(crate) call_deadline: Option<Instant>,
}

impl Default for Context {
    fn default() -> Self {
        Context::new(
            &Limits::default(),
            &RetryOptions::default(),
            CallOptions::new(),
        )
    }
}

impl Context {
    /// The client's limits and retry policy, changed by `options`.
    pub(crate) fn new(limits: &Limits, retry: &RetryOptions, options: CallOptions) -> Self {
        let mut limits = limits.clone();
        if let Some(t) = options.timeout {
            limits.timeout = t;
        }
        if let Some(t) = options.per_try_timeout {
            limits.per_try_timeout = t;
        }
        if let Some(b) = options.max_body_size {
            limits.max_body_size = b;
        }
        if let Some(d) = options.lro_deadline {
            limits.lro_deadline = d;
        }
        if let Some(d) = options.polling_interval {
            limits.polling_interval = d;
        }
        Context {
            client_request_id: options.client_request_id,
            limits,
            retry: options.retry.unwrap_or_else(|| retry.clone()),
            headers: options.headers,
            policies: options.policies,
            call_deadline: options.deadline,
        }
    }

    /// The caller's `x-ms-client-request-id` for every request of this call; `None`: each
    /// request gets its own UUID (kept across its retries).
    pub fn client_request_id(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }

    /// The limits in force for this call.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The retry policy of this call.
    pub fn retry(&self) -> &RetryOptions {
        &self.retry
    }

    /// The call's absolute deadline, if one was set.
    pub fn deadline(&self) -> Option<Instant> {
        self.call_deadline
    }
}
