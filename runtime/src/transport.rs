//! The bottom of the pipeline: [`Transport`] sends one request and reads its response;
//! [`ReqwestTransport`] is the default.

use std::fmt;
use std::time::Duration;

use crate::util::{read_limited, ReadError};

use crate::credentials::BoxFuture;
use crate::error::{Error, Limit, LimitError, RequestContext, Result};
use crate::message::{HttpRequest, CLIENT_REQUEST_ID};
use crate::response::RawResponse;

/// Sends one HTTP request and reads the response. Implement it to run the pipeline over
/// something else than a socket (an in-memory fake, a recorder).
///
/// A transport must honour [`HttpRequest::max_body_size`] for buffered bodies and return the
/// body unread when [`HttpRequest::wants_stream`] is set and the status is 2xx.
///
/// ```
/// use apigen_runtime::{HttpRequest, RawResponse, Result, Transport};
/// use apigen_runtime::credentials::BoxFuture;
///
/// #[derive(Debug)]
/// struct AlwaysNotFound;
/// impl Transport for AlwaysNotFound {
///     fn send<'a>(&'a self, req: &'a HttpRequest) -> BoxFuture<'a, Result<RawResponse>> {
///         let url = req.url.clone();
///         Box::pin(async move { Ok(RawResponse::for_url(404, Default::default(), "".into(), url)) })
///     }
/// }
/// ```
pub trait Transport: Send + Sync + fmt::Debug {
    /// Send `req`; any status is `Ok`, only failures to send or read are errors.
    fn send<'a>(&'a self, req: &'a HttpRequest) -> BoxFuture<'a, Result<RawResponse>>;
}

/// The default transport, over a `reqwest::Client` (rustls, HTTP/1.1 and 2).
///
/// ```
/// let t = apigen_runtime::ReqwestTransport::new(reqwest::Client::new());
/// ```
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    http: reqwest::Client,
    /// The redirect limit configured in `http`, for errors (`None`: the user's own client).
    max_redirects: Option<usize>,
}

impl Default for ReqwestTransport {
    fn default() -> Self {
        let limits = crate::Limits::default();
        Self::with_settings(Duration::from_secs(10), limits.max_redirects)
            .unwrap_or_else(|_| ReqwestTransport::new(reqwest::Client::new()))
    }
}

impl ReqwestTransport {
    /// Use this client as is (its redirect policy and timeouts apply).
    pub fn new(http: reqwest::Client) -> Self {
        ReqwestTransport {
            http,
            max_redirects: None,
        }
    }

    /// A client with this connect timeout that follows no redirect and retries nothing itself:
    /// the runtime's redirect policy does, knowing the method and where credentials may go,
    /// and its retry policy.
    /// `max_redirects` is the limit errors report.
    pub(crate) fn with_settings(connect_timeout: Duration, max_redirects: usize) -> Result<Self> {
        Self::with_redirects(
            connect_timeout,
            max_redirects,
            reqwest::redirect::Policy::none(),
        )
    }

    fn with_redirects(
        connect_timeout: Duration,
        max_redirects: usize,
        policy: reqwest::redirect::Policy,
    ) -> Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .redirect(policy)
            // The runtime's retry policy retries (transport errors included, with backoff,
            // within the deadline); reqwest's own would copy every request in case.
            .retry(reqwest::retry::never().max_retries_per_request(0))
            .build()
            .map_err(|e| Error::InvalidRequest(format!("cannot build HTTP client: {e}")))?;
        Ok(ReqwestTransport {
            http,
            max_redirects: Some(max_redirects),
        })
    }
}

impl Transport for ReqwestTransport {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> BoxFuture<'a, Result<RawResponse>> {
        Box::pin(async move {
            // A request built whole: the builder would merge the headers one by one.
            let mut request = reqwest::Request::new(req.method.clone(), req.url.clone());
            *request.headers_mut() = req.headers.clone();
            *request.body_mut() = req.body.clone().map(reqwest::Body::from);
            let mut resp = self
                .http
                .execute(request)
                .await
                .map_err(|e| self.error(e, req))?;
            let status = resp.status().as_u16();
            let headers = std::mem::take(resp.headers_mut());
            let url = req.url.clone();
            let mut raw = RawResponse::for_url(status, headers, Default::default(), url);
            if let Some(id) = req.headers.get(CLIENT_REQUEST_ID) {
                raw.client_request_id = id.clone();
            }
            if req.wants_stream() && raw.is_success() {
                let context = RequestContext::new(raw.client_request_id(), None);
                raw.stream = Some(Box::pin(futures::stream::try_unfold(
                    (resp, context),
                    |(mut resp, context)| async move {
                        match resp.chunk().await {
                            Ok(Some(chunk)) => Ok(Some((chunk, (resp, context)))),
                            Ok(None) => Ok(None),
                            Err(e) => {
                                let e = e.without_url();
                                Err(Error::Transport {
                                    message: format!("reading the body failed: {e}"),
                                    source: Some(Box::new(e)),
                                    context: Box::new(context),
                                })
                            }
                        }
                    },
                )));
                return Ok(raw);
            }
            let max = req.max_body_size;
            let too_big = |len: u64, raw: &RawResponse| {
                Error::Limit(Box::new(LimitError {
                    limit: Limit::BodySize,
                    value: format!("{max} bytes"),
                    message: format!(
                        "the response body (HTTP {status}) is {len} bytes or more; it was not read"
                    ),
                    response: None,
                    context: raw.context(),
                }))
            };
            raw.body = match read_limited(&mut resp, max).await {
                Ok(body) => body,
                Err(ReadError::TooBig(len)) => return Err(too_big(len, &raw)),
                Err(ReadError::Http(e)) => return Err(self.error(e, req)),
            };
            Ok(raw)
        })
    }
}

/// A reqwest failure as the runtime's error: too many redirects is a [`Limit`], a request that
/// could not be built is invalid, anything else is a (retryable) transport error.
impl ReqwestTransport {
    fn error(&self, e: reqwest::Error, req: &HttpRequest) -> Error {
        let e = e.without_url();
        let context = RequestContext::new(req.client_request_id(), None);
        if e.is_redirect() {
            return Error::Limit(Box::new(LimitError {
                limit: Limit::Redirects,
                value: match self.max_redirects {
                    Some(n) => n.to_string(),
                    None => "the HTTP client's redirect policy".into(),
                },
                message: "the service kept redirecting".into(),
                response: None,
                context,
            }));
        }
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
            context: Box::new(context),
        }
    }
}
