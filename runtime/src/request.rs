//! [`Request`] building, plain [`Call`]s, response decoding ([`Decode`], [`Json`], [`NoBody`],
//! [`Text`]) and [`Response`].

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use url::Url;

use crate::client::{Client, Outgoing};
use crate::error::{body_snippet, Error, HttpError, RequestContext, Result};
use crate::lro::{FinalState, LroCall};
use crate::pager::PagedCall;
use crate::util::{append_query, encode, param_string, param_strings, PATH_SEGMENT};
use crate::Method;

/// A raw HTTP response: status, headers and the whole body.
///
/// ```no_run
/// # fn f(r: &apigen_runtime::RawResponse) {
/// println!("{} {:?} {}", r.status(), r.header("etag"), r.text());
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) url: Url,
    pub(crate) client_request_id: String,
}

impl RawResponse {
    /// A response built by hand (tests, custom decoders).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        RawResponse {
            status,
            headers,
            body: body.into(),
            url: Url::parse("http://localhost/").expect("static URL parses"),
            client_request_id: String::new(),
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
        &self.client_request_id
    }

    /// Request identifiers for errors.
    pub fn context(&self) -> RequestContext {
        RequestContext::new(&self.client_request_id, Some(&self.headers))
    }

    /// The [`Error::Http`] for this (non-success) response.
    pub fn into_error(self) -> Error {
        Error::Http(Box::new(HttpError::new(
            self.status,
            self.headers,
            &self.body,
            &self.client_request_id,
        )))
    }

    /// A deserialisation error with path and body snippet.
    pub fn deserialize_error(&self, path: String, message: String) -> Error {
        Error::Deserialize {
            status: self.status,
            path,
            message,
            snippet: body_snippet(&self.body),
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
    client_request_id: String,
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
            .or(Some(self.client_request_id.as_str()).filter(|s| !s.is_empty()))
    }

    /// The `x-ms-client-request-id` that was sent.
    pub fn client_request_id(&self) -> &str {
        &self.client_request_id
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

/// A request being built: method, URL, headers, optional body. Errors (bad path arguments,
/// header values...) are kept and returned when the request is sent.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use apigen_runtime::Method;
/// let v: serde_json::Value = client
///     .request(Method::PUT, "/subscriptions/{subscriptionId}/resourceGroups/{rg}", &["sub", "my rg"])
///     .query("$top", Some(10))
///     .header("If-Match", "*")
///     .json(&serde_json::json!({"location": "westeurope"}))
///     .call::<_, apigen_runtime::Json>()
///     .await?;
/// # Ok(()) }
/// ```
pub struct Request {
    client: Client,
    method: Method,
    path_template: &'static str,
    args: Vec<String>,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<Bytes>,
    error: Option<Error>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl Request {
    pub(crate) fn new(
        client: Client,
        method: Method,
        path_template: &'static str,
        args: &[&str],
    ) -> Self {
        Request {
            client,
            method,
            path_template,
            args: args.iter().map(|s| s.to_string()).collect(),
            query: vec![],
            headers: HeaderMap::new(),
            body: None,
            error: None,
        }
    }

    fn fail(&mut self, e: Error) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// Add a query parameter: a string as is, number/bool as JSON text, enum as its wire
    /// string, sequence comma-joined; `None` omits the parameter.
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        match param_string(value) {
            Ok(Some(v)) => self.query.push((name.to_string(), v)),
            Ok(None) => {}
            Err(e) => self.fail(e),
        }
        self
    }

    /// Add a query parameter once per item of a sequence (Swagger `collectionFormat: multi`,
    /// OpenAPI `style: form, explode: true`): `?tag=a&tag=b`.
    pub fn query_each(mut self, name: &str, values: impl Serialize) -> Self {
        match param_strings(values) {
            Ok(values) => self
                .query
                .extend(values.into_iter().map(|v| (name.to_string(), v))),
            Err(e) => self.fail(e),
        }
        self
    }

    /// Add a header (same serialisation rules as [`query`](Self::query)).
    pub fn header(mut self, name: &str, value: impl Serialize) -> Self {
        match param_string(value) {
            Ok(Some(v)) => match (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&v),
            ) {
                (Ok(n), Ok(v)) => {
                    self.headers.append(n, v);
                }
                _ => self.fail(Error::InvalidRequest(format!(
                    "invalid header `{name}` (name or value has forbidden characters)"
                ))),
            },
            Ok(None) => {}
            Err(e) => self.fail(e),
        }
        self
    }

    /// JSON body (`content-type: application/json`).
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(b) => {
                self.headers.insert(
                    http::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                self.body = Some(Bytes::from(b));
            }
            Err(e) => self.fail(Error::InvalidRequest(format!(
                "cannot serialise the request body: {e}"
            ))),
        }
        self
    }

    /// Text body with an explicit content type.
    pub fn text(mut self, content_type: &'static str, body: String) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(v) => {
                self.headers.insert(http::header::CONTENT_TYPE, v);
                self.body = Some(Bytes::from(body));
            }
            Err(_) => self.fail(Error::InvalidRequest(format!(
                "invalid content type `{content_type}`"
            ))),
        }
        self
    }

    /// A plain call decoded with `D`.
    pub fn call<T, D: Decode<T>>(self) -> Call<T, D> {
        Call {
            req: self,
            _m: PhantomData,
        }
    }

    /// A paged list: items are the array field `item_name` of each page, the next link the
    /// field `next_link_name` (`None`: exactly one page).
    pub fn paged<T: DeserializeOwned>(
        self,
        item_name: &'static str,
        next_link_name: Option<&'static str>,
    ) -> PagedCall<T> {
        PagedCall::new(self, item_name, next_link_name)
    }

    /// A long-running operation.
    pub fn lro<T, D: Decode<T>>(self, final_state: FinalState) -> LroCall<T, D> {
        LroCall::new(self, final_state)
    }

    /// The client this request belongs to.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The request method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Build the URL and headers; returns the deferred error if any.
    pub(crate) fn build(self) -> Result<(Client, Outgoing)> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let endpoint = &self.client.inner.endpoint;
        let (path_t, literal_query) = match self.path_template.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (self.path_template, None),
        };
        let mut path = String::with_capacity(path_t.len() + 64);
        let mut args = self.args.iter();
        let mut rest = path_t;
        let mut placeholders = 0usize;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| c + open).ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "path template `{}` has an unclosed `{{`",
                    self.path_template
                ))
            })?;
            path.push_str(&rest[..open]);
            placeholders += 1;
            match args.next() {
                Some(a) => path.push_str(&encode(a, PATH_SEGMENT)),
                None => {
                    return Err(Error::InvalidRequest(format!(
                        "path template `{}` has more placeholders than the {} argument(s) given",
                        self.path_template,
                        self.args.len()
                    )))
                }
            }
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        if args.next().is_some() {
            return Err(Error::InvalidRequest(format!(
                "path template `{}` has {placeholders} placeholder(s) but {} argument(s) were given",
                self.path_template,
                self.args.len()
            )));
        }
        let mut url = endpoint.clone();
        let base = endpoint.path().trim_end_matches('/');
        let full_path = if path.starts_with('/') {
            format!("{base}{path}")
        } else {
            format!("{base}/{path}")
        };
        url.set_path(&full_path);
        url.set_query(literal_query.filter(|q| !q.is_empty()));
        let explicit_version = self
            .query
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("api-version"));
        if !explicit_version && !self.client.inner.api_version.is_empty() {
            append_query(&mut url, "api-version", &self.client.inner.api_version);
        }
        for (k, v) in &self.query {
            append_query(&mut url, k, v);
        }
        Ok((
            self.client,
            Outgoing {
                method: self.method,
                url,
                headers: self.headers,
                body: self.body,
            },
        ))
    }
}

/// A boxed `Send` future.
pub type SendFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// A plain (non-paged, non-LRO) call. `.await` gives the decoded body; [`send`](Self::send)
/// gives the whole [`Response`].
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use apigen_runtime::{Call, Method};
/// let call: Call<serde_json::Value> = client.request(Method::GET, "/x", &[]).call();
/// let v = call.await?;
/// # Ok(()) }
/// ```
pub struct Call<T, D = Json> {
    req: Request,
    _m: PhantomData<fn() -> (T, D)>,
}

impl<T, D> fmt::Debug for Call<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Call").field(&self.req).finish()
    }
}

impl<T, D: Decode<T>> Call<T, D> {
    /// Add a query parameter (see [`Request::query`]).
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.query(name, value);
        self
    }

    /// Add a query parameter per item (see [`Request::query_each`]).
    pub fn query_each(mut self, name: &str, values: impl Serialize) -> Self {
        self.req = self.req.query_each(name, values);
        self
    }

    /// Add a header (see [`Request::header`]).
    pub fn header(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.header(name, value);
        self
    }

    /// Send; any 2xx is success, anything else is [`Error::Http`] with the decoded body.
    pub async fn send(self) -> Result<Response<T>> {
        let (client, out) = self.req.build()?;
        let raw = client.send(out).await?;
        if !raw.is_success() {
            return Err(raw.into_error());
        }
        let body = D::decode(&raw)?;
        Ok(Response::new(raw, body))
    }
}

impl<T, D> IntoFuture for Call<T, D>
where
    T: Send + 'static,
    D: Decode<T> + 'static,
{
    type Output = Result<T>;
    type IntoFuture = SendFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.send().await.map(Response::into_body) })
    }
}
