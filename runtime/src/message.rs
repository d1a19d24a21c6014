//! What flows down the pipeline: an [`HttpRequest`] and why it is sent ([`RequestKind`]).

use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderName};
use url::Url;

use crate::error::TimeoutKind;
use crate::Method;

/// `x-ms-client-request-id`, parsed once (a `&str` lookup parses the name every time).
pub(crate) const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("x-ms-client-request-id");

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
    /// Largest body the transport may buffer; set by the pipeline from the call's limits.
    pub(crate) max_body_size: usize,
    /// The operation sets its own `api-version`, or deliberately none: the client's is not
    /// added (see [`Request::own_api_version`](crate::Request::own_api_version)).
    pub(crate) own_api_version: bool,
    /// Built by [`Request`](crate::Request), which already wrote the client's `api-version`
    /// where it belongs: the api-version policy need not read the query again.
    pub(crate) api_version_written: bool,
    /// The operation's security requirement (see [`Request::security`](crate::Request::security)),
    /// from the call it belongs to; `None`: every configured credential.
    pub(crate) security: Option<&'static [&'static [&'static str]]>,
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
            max_body_size: usize::MAX,
            own_api_version: false,
            api_version_written: false,
            security: None,
        }
    }

    /// Largest response body the transport may read into memory (see
    /// [`Limits::max_body_size`](crate::Limits::max_body_size)).
    pub fn max_body_size(&self) -> usize {
        self.max_body_size
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
        self.headers
            .get(CLIENT_REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}
