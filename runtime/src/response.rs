//! Responses: [`RawResponse`] (status, headers, body, as received), the decoders that turn a
//! success body into a type ([`Decode`], [`Json`], [`NoBody`], [`Text`], [`Binary`]), the
//! decoded [`Response`], and [`StreamResponse`] for downloads read as a stream.

use std::fmt;

use bytes::Bytes;
use futures::stream::BoxStream;
use http::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{body_snippet, Error, HttpError, RequestContext, Result};
use crate::redact::Redactor;

/// A client request id as text (`""` if none was sent).
fn id_text(id: &HeaderValue) -> &str {
    id.to_str().unwrap_or("")
}

/// A response body read chunk by chunk ([`StreamResponse`]).
pub type BodyStream = BoxStream<'static, Result<Bytes>>;

/// A raw HTTP response: status, headers and the whole body (or, for
/// [`Call::send_stream`](crate::Call::send_stream), a body still to be read).
///
/// ```no_run
/// # fn f(r: &apigen_runtime::RawResponse) {
/// println!("{} {:?} {}", r.status(), r.header("etag"), r.text());
/// # }
/// ```
pub struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) url: Url,
    /// As sent: the header's value shared, not copied into a string per response.
    pub(crate) client_request_id: HeaderValue,
    /// Secrets sent with the request (the bearer token), masked in every error built from it.
    pub(crate) redactor: Redactor,
    /// Set when the auth policy kept the credential off this request (foreign origin).
    pub(crate) credential_withheld: bool,
    /// The unread body of a streamed download.
    pub(crate) stream: Option<BodyStream>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("url", &crate::util::redact_url(&self.url))
            .field("body_len", &self.body.len())
            .field("streaming", &self.stream.is_some())
            .finish_non_exhaustive()
    }
}

/// Clones status, headers and buffered body; a streamed body is not cloned.
impl Clone for RawResponse {
    fn clone(&self) -> Self {
        RawResponse {
            status: self.status,
            headers: self.headers.clone(),
            body: self.body.clone(),
            url: self.url.clone(),
            client_request_id: self.client_request_id.clone(),
            redactor: self.redactor.clone(),
            credential_withheld: self.credential_withheld,
            stream: None,
        }
    }
}

impl RawResponse {
    /// A response built by hand (tests, custom decoders, custom transports).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self::for_url(
            status,
            headers,
            body.into(),
            Url::parse("http://localhost/").expect("static URL parses"),
        )
    }

    /// A response to a request for `url`.
    pub fn for_url(status: u16, headers: HeaderMap, body: Bytes, url: Url) -> Self {
        RawResponse {
            status,
            headers,
            body,
            url,
            client_request_id: HeaderValue::from_static(""),
            redactor: Redactor::default(),
            credential_withheld: false,
            stream: None,
        }
    }

    /// Status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The request URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The `x-ms-client-request-id` that was sent.
    pub fn client_request_id(&self) -> &str {
        id_text(&self.client_request_id)
    }

    /// Request identifiers for errors.
    pub fn context(&self) -> RequestContext {
        RequestContext::new(self.client_request_id(), Some(&self.headers))
    }

    /// The [`Error::Http`] for this (non-success) response.
    pub fn into_error(self) -> Error {
        let mut e = HttpError::new(
            self.status,
            self.headers,
            &self.body,
            id_text(&self.client_request_id),
        );
        e.redact(&self.redactor);
        if self.credential_withheld && matches!(self.status, 401 | 403) {
            e.hint = Some(format!(
                "no credential was sent to {} because it is not the client's endpoint; allow it with `ClientBuilder::allow_credential_origin`",
                crate::util::origin_of(&self.url)
            ));
        }
        Error::Http(Box::new(e))
    }

    /// A deserialisation error with path and body snippet.
    pub fn deserialize_error(&self, path: String, message: String) -> Error {
        Error::Deserialize {
            status: self.status,
            path,
            message: self.redactor.text(&message),
            snippet: self.redactor.text(&body_snippet(&self.body)),
            context: Box::new(self.context()),
        }
    }

    /// Decode the body as JSON (empty body = `null`), with the serde path in errors.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        // Fast path without path tracking; on failure parse again to report the serde path.
        if let Ok(v) = serde_json::from_slice::<T>(body) {
            return Ok(v);
        }
        let mut de = serde_json::Deserializer::from_slice(body);
        let v = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
            let path = e.path().to_string();
            self.deserialize_error(path, e.into_inner().to_string())
        })?;
        de.end()
            .map_err(|e| self.deserialize_error(".".into(), e.to_string()))?;
        Ok(v)
    }
}

/// Turns a success response into `T`.
///
/// ```
/// use apigen_runtime::{Decode, RawResponse, Result};
/// struct Len;
/// impl Decode<usize> for Len {
///     fn decode(r: &RawResponse) -> Result<usize> { Ok(r.body().len()) }
/// }
/// ```
pub trait Decode<T> {
    /// Decode the response.
    fn decode(response: &RawResponse) -> Result<T>;
}

/// JSON decoding; an empty body decodes as `null` (so `Option<Model>` fits 200-or-204).
///
/// ```
/// use apigen_runtime::{Decode, Json, RawResponse};
/// let r = RawResponse::new(204, Default::default(), "");
/// let v: Option<u32> = Json::decode(&r).unwrap();
/// assert_eq!(v, None);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl<T: DeserializeOwned> Decode<T> for Json {
    fn decode(response: &RawResponse) -> Result<T> {
        response.json()
    }
}

/// Ignores any body.
///
/// ```
/// use apigen_runtime::{Decode, NoBody, RawResponse};
/// let r = RawResponse::new(200, Default::default(), "whatever");
/// NoBody::decode(&r).unwrap();
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoBody;

impl Decode<()> for NoBody {
    fn decode(_: &RawResponse) -> Result<()> {
        Ok(())
    }
}

/// The body as text (XML and other non-JSON bodies); invalid UTF-8 is an error.
///
/// ```
/// use apigen_runtime::{Decode, Text, RawResponse};
/// let r = RawResponse::new(200, Default::default(), "<policies/>");
/// assert_eq!(Text::decode(&r).unwrap(), "<policies/>");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

impl Decode<String> for Text {
    fn decode(response: &RawResponse) -> Result<String> {
        String::from_utf8(response.body.to_vec())
            .map_err(|e| response.deserialize_error(".".into(), format!("body is not UTF-8: {e}")))
    }
}

/// The body as bytes.
///
/// ```
/// use apigen_runtime::{Decode, Binary, RawResponse};
/// let r = RawResponse::new(200, Default::default(), vec![1u8, 2]);
/// assert_eq!(Binary::decode(&r).unwrap(), vec![1u8, 2]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Binary;

impl Decode<Vec<u8>> for Binary {
    fn decode(response: &RawResponse) -> Result<Vec<u8>> {
        Ok(response.body.to_vec())
    }
}

/// Status, headers and decoded body of a successful call.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// let r = client.request(apigen_runtime::Method::GET, "/x", &[]).call::<serde_json::Value, apigen_runtime::Json>().send().await?;
/// println!("{} {:?} {:?} {:?}", r.status(), r.etag(), r.request_id(), r.ratelimit_remaining_reads());
/// let body = r.into_body();
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Response<T> {
    status: u16,
    headers: HeaderMap,
    body: T,
    client_request_id: HeaderValue,
}

impl<T> Response<T> {
    pub(crate) fn new(raw: RawResponse, body: T) -> Self {
        Response {
            status: raw.status,
            headers: raw.headers,
            body,
            client_request_id: raw.client_request_id,
        }
    }

    /// Status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `ETag` header.
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
    }

    /// `x-ms-request-id`, else the client request id.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-ms-request-id")
            .or(Some(self.client_request_id()).filter(|s| !s.is_empty()))
    }

    /// The `x-ms-client-request-id` that was sent.
    pub fn client_request_id(&self) -> &str {
        id_text(&self.client_request_id)
    }

    /// `x-ms-correlation-request-id`.
    pub fn correlation_request_id(&self) -> Option<&str> {
        self.header("x-ms-correlation-request-id")
    }

    /// `x-ms-ratelimit-remaining-subscription-reads`.
    pub fn ratelimit_remaining_reads(&self) -> Option<u64> {
        self.header("x-ms-ratelimit-remaining-subscription-reads")
            .and_then(|v| v.trim().parse().ok())
    }

    /// `x-ms-ratelimit-remaining-subscription-writes`.
    pub fn ratelimit_remaining_writes(&self) -> Option<u64> {
        self.header("x-ms-ratelimit-remaining-subscription-writes")
            .and_then(|v| v.trim().parse().ok())
    }

    /// `x-ms-ratelimit-remaining-subscription-deletes`.
    pub fn ratelimit_remaining_deletes(&self) -> Option<u64> {
        self.header("x-ms-ratelimit-remaining-subscription-deletes")
            .and_then(|v| v.trim().parse().ok())
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Take the decoded body.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// A successful response whose body is read as a stream of chunks, for downloads larger than
/// the buffered-body limit. Made by [`Call::send_stream`](crate::Call::send_stream).
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use futures::TryStreamExt;
/// let call: apigen_runtime::Call<Vec<u8>, apigen_runtime::Binary> =
///     client.request(apigen_runtime::Method::GET, "/export", &[]).call();
/// let mut body = call.send_stream().await?.into_body();
/// while let Some(chunk) = body.try_next().await? {
///     println!("{} bytes", chunk.len());
/// }
/// # Ok(()) }
/// ```
pub struct StreamResponse {
    status: u16,
    headers: HeaderMap,
    body: BodyStream,
    client_request_id: HeaderValue,
}

impl fmt::Debug for StreamResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamResponse")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl StreamResponse {
    pub(crate) fn new(mut raw: RawResponse) -> Self {
        let body = match raw.stream.take() {
            Some(s) => s,
            // A transport that buffered anyway: one chunk.
            None => {
                let b = std::mem::take(&mut raw.body);
                Box::pin(futures::stream::once(async move { Ok(b) }))
            }
        };
        StreamResponse {
            status: raw.status,
            headers: raw.headers,
            body,
            client_request_id: raw.client_request_id,
        }
    }

    /// Status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `x-ms-client-request-id` that was sent.
    pub fn client_request_id(&self) -> &str {
        id_text(&self.client_request_id)
    }

    /// The body, chunk by chunk.
    pub fn into_body(self) -> BodyStream {
        self.body
    }
}
