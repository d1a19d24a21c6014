//! The one error type of the runtime, [`Error`], and the decoded ARM error object.

use std::fmt;
use std::time::Duration;

use http::HeaderMap;
use serde::{Deserialize, Deserializer, Serialize};

/// `Result` with the runtime's [`Error`].
///
/// ```
/// fn f() -> apigen_runtime::Result<u32> { Ok(1) }
/// assert_eq!(f().unwrap(), 1);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Identifiers of the request an error belongs to.
///
/// `request_id` is the service's `x-ms-request-id`, `client_request_id` the
/// `x-ms-client-request-id` the runtime generated, `correlation_request_id` the
/// service's `x-ms-correlation-request-id`.
///
/// ```
/// let ctx = apigen_runtime::RequestContext::default();
/// assert!(ctx.request_id().is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// `x-ms-client-request-id` sent by the runtime.
    pub client_request_id: Option<String>,
    /// `x-ms-request-id` returned by the service.
    pub service_request_id: Option<String>,
    /// `x-ms-correlation-request-id` returned by the service.
    pub correlation_request_id: Option<String>,
}

impl RequestContext {
    pub(crate) fn new(client_request_id: &str, headers: Option<&HeaderMap>) -> Self {
        let get = |name: &str| {
            headers
                .and_then(|h| h.get(name))
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        RequestContext {
            client_request_id: Some(client_request_id.to_string()),
            service_request_id: get("x-ms-request-id"),
            correlation_request_id: get("x-ms-correlation-request-id"),
        }
    }

    /// The service's `x-ms-request-id`, else the client request id.
    pub fn request_id(&self) -> Option<&str> {
        self.service_request_id
            .as_deref()
            .or(self.client_request_id.as_deref())
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(id) = self.request_id() {
            write!(f, " (request id: {id}")?;
            if let Some(c) = &self.correlation_request_id {
                write!(f, ", correlation id: {c}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Which timeout fired.
///
/// ```
/// use apigen_runtime::TimeoutKind;
/// assert_eq!(TimeoutKind::PerTry.to_string(), "per-try timeout");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// One attempt (send + reading the body) took longer than the per-try timeout.
    PerTry,
    /// One request, retries included, took longer than the overall timeout.
    Overall,
    /// The call's deadline ([`CallOptions::deadline`](crate::CallOptions::deadline)) passed.
    Deadline,
}

impl TimeoutKind {
    /// Where the limit is set.
    pub fn setting(self) -> &'static str {
        match self {
            TimeoutKind::PerTry => {
                "`ClientBuilder::per_try_timeout` or `CallOptions::per_try_timeout`"
            }
            TimeoutKind::Overall => "`ClientBuilder::timeout` or `CallOptions::timeout`",
            TimeoutKind::Deadline => "`CallOptions::deadline`",
        }
    }
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::PerTry => "per-try timeout",
            TimeoutKind::Overall => "overall timeout",
            TimeoutKind::Deadline => "call deadline",
        })
    }
}

/// The single error type of the runtime. Never contains tokens or client secrets.
///
/// ```
/// use apigen_runtime::Error;
/// let e = Error::InvalidRequest("bad".into());
/// assert_eq!(e.to_string(), "invalid request: bad");
/// assert!(e.status().is_none());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response not read (connection refused or reset,
    /// truncated body, DNS, TLS...), after all retries.
    #[error("transport error: {message}{context}")]
    Transport {
        /// What happened.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
        /// Request identifiers.
        context: Box<RequestContext>,
    },
    /// A per-try or overall timeout fired.
    #[error("request timed out: {kind} of {limit:?} exceeded (change it with {}){context}", kind.setting())]
    Timeout {
        /// Which timeout.
        kind: TimeoutKind,
        /// The configured limit.
        limit: Duration,
        /// Request identifiers.
        context: Box<RequestContext>,
    },
    /// No token could be obtained.
    #[error("credential error: {message}")]
    Credential {
        /// What happened (never contains secrets).
        message: String,
    },
    /// The service answered with a non-success status.
    #[error("{0}")]
    Http(Box<HttpError>),
    /// A success response body could not be decoded into the expected type.
    #[error("failed to decode the response body (HTTP {status}) at `{path}`: {message}; body: {snippet}{context}")]
    Deserialize {
        /// HTTP status of the response.
        status: u16,
        /// serde path to the failing field (`.` for the root).
        path: String,
        /// serde's message.
        message: String,
        /// The beginning of the body.
        snippet: String,
        /// Request identifiers.
        context: Box<RequestContext>,
    },
    /// The request could not be built (bad path arguments, header value, URL...).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A pager could not continue (e.g. a next link repeats).
    #[error("paging error: {message}{context}")]
    Paging {
        /// What happened.
        message: String,
        /// Request identifiers of the last page.
        context: Box<RequestContext>,
    },
    /// A long-running operation ended in `Failed` or `Canceled`, or its state could not be read.
    #[error("{0}")]
    Lro(Box<LroError>),
    /// A poller continuation token could not be read.
    #[error("invalid continuation token: {0}")]
    ContinuationToken(String),
    /// A limit other than a timeout was reached: a `Retry-After` above the cap, a body above
    /// the size limit, too many redirects, a long-running operation past its deadline.
    #[error("{0}")]
    Limit(Box<LimitError>),
}

/// Which limit of [`Limits`](crate::Limits) was reached.
///
/// ```
/// assert!(apigen_runtime::Limit::BodySize.setting().contains("max_body_size"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// The service asked to wait longer than `max_retry_after` before retrying.
    RetryAfter,
    /// A buffered response body is larger than `max_body_size`.
    BodySize,
    /// More redirects than `max_redirects`.
    Redirects,
    /// A long-running operation did not finish within `lro_deadline`.
    LroDeadline,
}

impl Limit {
    /// Where the limit is set.
    pub fn setting(self) -> &'static str {
        match self {
            Limit::RetryAfter => "`ClientBuilder::max_retry_after` or `CallOptions::retry`",
            Limit::BodySize => "`ClientBuilder::max_body_size` or `CallOptions::max_body_size` (or stream the body with `Call::send_stream`)",
            Limit::Redirects => "`ClientBuilder::max_redirects`",
            Limit::LroDeadline => "`ClientBuilder::lro_deadline` or `CallOptions::lro_deadline`",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::RetryAfter => "max_retry_after",
            Limit::BodySize => "max_body_size",
            Limit::Redirects => "max_redirects",
            Limit::LroDeadline => "lro_deadline",
        })
    }
}

/// A limit was reached: which one, its value, what happened, and the response if there was one.
///
/// ```
/// use apigen_runtime::{Error, Limit};
/// fn is_body_limit(e: &Error) -> bool {
///     e.as_limit().is_some_and(|l| l.limit == Limit::BodySize)
/// }
/// ```
#[derive(Debug, Clone)]
pub struct LimitError {
    /// The limit.
    pub limit: Limit,
    /// Its configured value, as text (`64 MiB`, `60s`).
    pub value: String,
    /// What went past it.
    pub message: String,
    /// The response that went past it (the 429 whose `Retry-After` was too long).
    pub response: Option<Box<HttpError>>,
    /// Request identifiers.
    pub context: RequestContext,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "limit `{}` ({}) reached: {}; change it with {}",
            self.limit,
            self.value,
            self.message,
            self.limit.setting()
        )?;
        if let Some(r) = &self.response {
            write!(f, "; last response: {r}")
        } else {
            write!(f, "{}", self.context)
        }
    }
}

impl Error {
    pub(crate) fn credential(message: impl Into<String>) -> Self {
        Error::Credential {
            message: message.into(),
        }
    }

    /// HTTP status, for [`Error::Http`] and [`Error::Deserialize`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http(h) => Some(h.status),
            Error::Deserialize { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Request identifiers, when the error belongs to a request.
    pub fn context(&self) -> Option<&RequestContext> {
        match self {
            Error::Transport { context, .. }
            | Error::Timeout { context, .. }
            | Error::Deserialize { context, .. }
            | Error::Paging { context, .. } => Some(&**context),
            Error::Http(h) => Some(&h.context),
            Error::Lro(l) => Some(&l.context),
            Error::Limit(l) => Some(&l.context),
            _ => None,
        }
    }

    /// `x-ms-request-id` of the failing response, else the client request id.
    pub fn request_id(&self) -> Option<&str> {
        self.context().and_then(RequestContext::request_id)
    }

    /// The `x-ms-client-request-id` the runtime sent.
    pub fn client_request_id(&self) -> Option<&str> {
        self.context().and_then(|c| c.client_request_id.as_deref())
    }

    /// `x-ms-correlation-request-id` of the failing response.
    pub fn correlation_request_id(&self) -> Option<&str> {
        self.context()
            .and_then(|c| c.correlation_request_id.as_deref())
    }

    /// The decoded ARM error object, for HTTP and LRO errors.
    pub fn error_detail(&self) -> Option<&ErrorDetail> {
        match self {
            Error::Http(h) => h.detail.as_ref(),
            Error::Lro(l) => l.detail.as_ref(),
            _ => None,
        }
    }

    /// The service's error code (ARM `error.code`).
    pub fn code(&self) -> Option<&str> {
        self.error_detail().and_then(|d| d.code.as_deref())
    }

    /// The [`HttpError`], if this is one.
    pub fn as_http(&self) -> Option<&HttpError> {
        match self {
            Error::Http(h) => Some(h),
            _ => None,
        }
    }

    /// The [`LimitError`], if this is one.
    pub fn as_limit(&self) -> Option<&LimitError> {
        match self {
            Error::Limit(l) => Some(l),
            _ => None,
        }
    }

    /// The service's error body decoded as the spec's error model `T` (`x-ms-error-response`
    /// or a per-status error schema), for HTTP errors and failed long-running operations.
    /// `None` when there is no JSON body or it is not a `T`.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct ServiceError { code: String }
    /// fn code(e: &apigen_runtime::Error) -> Option<String> {
    ///     e.as_service::<ServiceError>().map(|s| s.code)
    /// }
    /// ```
    pub fn as_service<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let body = match self {
            Error::Http(h) => &h.body,
            Error::Lro(l) => &l.body,
            Error::Limit(l) => &l.response.as_ref()?.body,
            _ => return None,
        };
        match body {
            ErrorBody::Json(v) => T::deserialize(v).ok(),
            _ => None,
        }
    }

    /// The [`LroError`], if this is one.
    pub fn as_lro(&self) -> Option<&LroError> {
        match self {
            Error::Lro(l) => Some(l),
            _ => None,
        }
    }
}

/// A body kept as is when it is not (or not only) an ARM error.
///
/// ```
/// use apigen_runtime::ErrorBody;
/// let b = ErrorBody::from_bytes(b"{\"x\":1}");
/// assert!(matches!(b, ErrorBody::Json(_)));
/// assert!(matches!(ErrorBody::from_bytes(b"oops"), ErrorBody::Text(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorBody {
    /// No body.
    Empty,
    /// A JSON body.
    Json(serde_json::Value),
    /// A non-JSON body (lossy UTF-8, at most 64 KiB kept).
    Text(String),
}

const MAX_TEXT: usize = 64 * 1024;

impl ErrorBody {
    /// Classify a body.
    pub fn from_bytes(body: &[u8]) -> Self {
        if body.iter().all(u8::is_ascii_whitespace) {
            return ErrorBody::Empty;
        }
        match serde_json::from_slice(body) {
            Ok(v) => ErrorBody::Json(v),
            Err(_) => {
                let end = body.len().min(MAX_TEXT);
                ErrorBody::Text(String::from_utf8_lossy(&body[..end]).into_owned())
            }
        }
    }

    /// Mask known secrets in the body's text and JSON strings.
    pub(crate) fn redact(&mut self, r: &crate::redact::Redactor) {
        match self {
            ErrorBody::Json(v) => r.json(v),
            ErrorBody::Text(t) => *t = r.text(t),
            ErrorBody::Empty => {}
        }
    }

    /// The ARM error object inside: `{"error": {...}}` or the un-wrapped `{code, message}`.
    pub fn arm_error(&self) -> Option<ErrorDetail> {
        let ErrorBody::Json(v) = self else {
            return None;
        };
        let obj = v.as_object()?;
        let inner = match obj.get("error") {
            Some(e @ serde_json::Value::Object(_)) => e,
            _ if obj.contains_key("code") || obj.contains_key("message") => v,
            _ => return None,
        };
        serde_json::from_value::<ErrorDetail>(inner.clone())
            .ok()
            .filter(|d| d.code.is_some() || d.message.is_some())
    }
}

fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn lenient_string<'de, D>(d: D) -> std::result::Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// The ARM error object (`ErrorDetail` of the common types).
///
/// ```
/// use apigen_runtime::ErrorDetail;
/// let d: ErrorDetail = serde_json::from_str(r#"{"code":"NotFound","message":"gone","details":[{"code":"X"}]}"#).unwrap();
/// assert_eq!(d.code.as_deref(), Some("NotFound"));
/// assert_eq!(d.details[0].code.as_deref(), Some("X"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// Error code.
    #[serde(default, deserialize_with = "lenient_string")]
    pub code: Option<String>,
    /// Error message.
    #[serde(default, deserialize_with = "lenient_string")]
    pub message: Option<String>,
    /// Error target.
    #[serde(default, deserialize_with = "lenient_string")]
    pub target: Option<String>,
    /// Nested errors.
    #[serde(default, deserialize_with = "null_as_default")]
    pub details: Vec<ErrorDetail>,
    /// Additional info.
    #[serde(default, deserialize_with = "null_as_default")]
    pub additional_info: Vec<ErrorAdditionalInfo>,
}

/// ARM `ErrorAdditionalInfo`.
///
/// ```
/// use apigen_runtime::ErrorAdditionalInfo;
/// let i: ErrorAdditionalInfo = serde_json::from_str(r#"{"type":"PolicyViolation","info":{"a":1}}"#).unwrap();
/// assert_eq!(i.kind.as_deref(), Some("PolicyViolation"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorAdditionalInfo {
    /// The additional info type.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The additional info.
    #[serde(default)]
    pub info: Option<serde_json::Value>,
}

/// A non-success HTTP response.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) {
/// let r = client.request(apigen_runtime::Method::GET, "/x", &[]).call::<serde_json::Value, apigen_runtime::Json>().send().await;
/// if let Err(apigen_runtime::Error::Http(h)) = r {
///     println!("{} {:?} {:?}", h.status, h.code(), h.context.request_id());
/// }
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct HttpError {
    /// Status code.
    pub status: u16,
    /// Decoded ARM error object, if the body is one.
    pub detail: Option<ErrorDetail>,
    /// The body as received (JSON or text).
    pub body: ErrorBody,
    /// Response headers.
    pub headers: HeaderMap,
    /// Request identifiers.
    pub context: RequestContext,
    /// What the runtime knows that may explain the error (e.g. a credential it withheld).
    pub hint: Option<String>,
}

impl HttpError {
    pub(crate) fn new(
        status: u16,
        headers: HeaderMap,
        body: &[u8],
        client_request_id: &str,
    ) -> Self {
        let body = ErrorBody::from_bytes(body);
        let detail = body.arm_error();
        let context = RequestContext::new(client_request_id, Some(&headers));
        HttpError {
            status,
            detail,
            body,
            headers,
            context,
            hint: None,
        }
    }

    /// Mask known secrets in everything shown (body, decoded error, headers).
    pub(crate) fn redact(&mut self, r: &crate::redact::Redactor) {
        if r.is_empty() {
            return;
        }
        self.body.redact(r);
        self.detail = self.body.arm_error();
        r.headers(&mut self.headers);
    }

    /// The error body decoded as the spec's error model `T`.
    ///
    /// ```
    /// # fn f(h: &apigen_runtime::HttpError) {
    /// let v: Option<serde_json::Value> = h.decode();
    /// # }
    /// ```
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match &self.body {
            ErrorBody::Json(v) => T::deserialize(v).ok(),
            _ => None,
        }
    }

    /// ARM error code, or `x-ms-error-code` header.
    pub fn code(&self) -> Option<&str> {
        self.detail
            .as_ref()
            .and_then(|d| d.code.as_deref())
            .or_else(|| {
                self.headers
                    .get("x-ms-error-code")
                    .and_then(|v| v.to_str().ok())
            })
    }

    /// ARM error message.
    pub fn message(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.message.as_deref())
    }
}

fn snippet(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

pub(crate) fn body_snippet(body: &[u8]) -> String {
    let end = body.len().min(1024);
    snippet(&String::from_utf8_lossy(&body[..end]), 200)
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(f, "HTTP {} {}", self.status, reason)?;
        match (self.code(), self.message()) {
            (Some(c), Some(m)) => write!(f, ": {c}: {m}")?,
            (Some(c), None) => write!(f, ": {c}")?,
            (None, Some(m)) => write!(f, ": {m}")?,
            (None, None) => match &self.body {
                ErrorBody::Empty => {}
                ErrorBody::Json(v) => write!(f, ": {}", snippet(&v.to_string(), 200))?,
                ErrorBody::Text(t) => write!(f, ": {}", snippet(t.trim(), 200))?,
            },
        }
        write!(f, "{}", self.context)?;
        if let Some(h) = &self.hint {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

/// A long-running operation that ended badly.
///
/// ```
/// use apigen_runtime::{Error, LroError};
/// fn describe(e: &Error) -> Option<String> {
///     e.as_lro().map(|l: &LroError| format!("{} {:?}", l.status, l.detail))
/// }
/// ```
#[derive(Debug, Clone)]
pub struct LroError {
    /// Terminal status as sent by the service (`Failed`, `Canceled`...).
    pub status: String,
    /// The service's error object, if any.
    pub detail: Option<ErrorDetail>,
    /// The status body as received.
    pub body: ErrorBody,
    /// Request identifiers of the last poll.
    pub context: RequestContext,
}

impl fmt::Display for LroError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "long-running operation ended with status {}",
            self.status
        )?;
        if let Some(d) = &self.detail {
            match (&d.code, &d.message) {
                (Some(c), Some(m)) => write!(f, ": {c}: {m}")?,
                (Some(c), None) => write!(f, ": {c}")?,
                (None, Some(m)) => write!(f, ": {m}")?,
                (None, None) => {}
            }
        }
        write!(f, "{}", self.context)
    }
}
