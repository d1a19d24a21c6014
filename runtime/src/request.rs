//! [`Request`] building and the operation calls made from it: [`Operation`], whose kinds are a
//! plain [`Call`], a paged list ([`PagedCall`](crate::PagedCall)) and a long-running operation
//! ([`LroCall`](crate::LroCall)). Parameters and [`CallOptions`] are set the same way on all.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::{HttpRequest, RequestKind};
use crate::options::CallOptions;
use crate::query::Query;
use crate::response::{Decode, Json, Response, StreamResponse};
use crate::service::{CallSender, Service};
use crate::statuses::SuccessStatuses;
use crate::style::Style;
use crate::util::{encode, param_string, param_strings, PATH_SEGMENT};
use crate::Method;

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
    service: Service,
    method: Method,
    path_template: &'static str,
    args: Vec<String>,
    query: Vec<(String, String)>,
    /// Query pairs sent as given (`x-ms-skip-url-encoding`).
    raw_query: Vec<(String, String)>,
    own_api_version: bool,
    headers: HeaderMap,
    cookies: Vec<(String, String)>,
    body: Option<Bytes>,
    options: CallOptions,
    security: Option<&'static [&'static [&'static str]]>,
    /// The statuses a plain call answers with (see [`statuses`](Self::statuses)).
    success: Option<&'static [u16]>,
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
        service: Service,
        method: Method,
        path_template: &'static str,
        args: &[&str],
    ) -> Self {
        Request {
            service,
            method,
            path_template,
            args: args.iter().map(|s| s.to_string()).collect(),
            query: vec![],
            raw_query: vec![],
            own_api_version: false,
            headers: HeaderMap::new(),
            cookies: vec![],
            body: None,
            options: CallOptions::default(),
            security: None,
            success: None,
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

    /// This operation sends its own `api-version` (a method parameter), or none when that is
    /// unset: the client's is not added.
    pub fn own_api_version(mut self) -> Self {
        self.own_api_version = true;
        self
    }

    /// Remove the query parameter `name` (encoded or raw) set so far: a builder method that
    /// replaces a spec default the operation sent.
    pub fn without_query(mut self, name: &str) -> Self {
        self.query.retain(|(k, _)| k != name);
        self.raw_query.retain(|(k, _)| k != name);
        self
    }

    /// Remove the header `name` set so far (see [`without_query`](Self::without_query)).
    pub fn without_header(mut self, name: &str) -> Self {
        self.headers.remove(name);
        self
    }

    /// Remove the cookie `name` set so far (see [`without_query`](Self::without_query)).
    pub fn without_cookie(mut self, name: &str) -> Self {
        self.cookies.retain(|(k, _)| k != name);
        self
    }

    /// Add a query parameter whose value is sent as given, not percent-encoded
    /// (`x-ms-skip-url-encoding`: the caller passes an already encoded or deliberately raw
    /// value, e.g. `value1&q2=value2`); `None` omits it.
    pub fn query_raw(mut self, name: &str, value: impl Serialize) -> Self {
        match param_string(value) {
            Ok(Some(v)) => self.raw_query.push((name.to_string(), v)),
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
    pub fn json(self, body: &impl Serialize) -> Self {
        self.json_as("application/json", body)
    }

    /// JSON body sent with another JSON content type (`application/merge-patch+json`, …).
    pub fn json_as(self, content_type: &'static str, body: &impl Serialize) -> Self {
        match crate::wire::request_body(|| serde_json::to_vec(body)) {
            Ok(b) => self.body_with(content_type, Bytes::from(b)),
            Err(e) => self.failed(Error::InvalidRequest(format!(
                "cannot serialise the request body: {e}"
            ))),
        }
    }

    /// `application/x-www-form-urlencoded` body from an object (see
    /// [`body::form_encoded`](crate::body::form_encoded)).
    pub fn form(self, body: &impl Serialize) -> Self {
        match crate::wire::request_body(|| crate::body::form_encoded(body)) {
            Ok(b) => self.body_with("application/x-www-form-urlencoded", Bytes::from(b)),
            Err(e) => self.failed(e),
        }
    }

    /// `multipart/form-data` body.
    pub fn multipart(mut self, body: crate::body::Multipart) -> Self {
        match body.encode() {
            Ok((content_type, bytes)) => match HeaderValue::from_str(&content_type) {
                Ok(v) => {
                    self.headers.insert(http::header::CONTENT_TYPE, v);
                    self.body = Some(bytes);
                    self
                }
                Err(_) => self.failed(Error::InvalidRequest(format!(
                    "invalid content type `{content_type}`"
                ))),
            },
            Err(e) => self.failed(e),
        }
    }

    /// Binary body (`application/octet-stream`, `image/png`, …).
    pub fn bytes(self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body_with(content_type, body.into())
    }

    fn body_with(mut self, content_type: &'static str, body: Bytes) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(v) => {
                self.headers.insert(http::header::CONTENT_TYPE, v);
                self.body = Some(body);
                self
            }
            Err(_) => self.failed(Error::InvalidRequest(format!(
                "invalid content type `{content_type}`"
            ))),
        }
    }

    pub(crate) fn failed(mut self, e: Error) -> Self {
        self.fail(e);
        self
    }

    /// Add a cookie (same serialisation rules as [`query`](Self::query)); all cookies go in one
    /// `Cookie` header.
    pub fn cookie(mut self, name: &str, value: impl Serialize) -> Self {
        match param_string(value) {
            Ok(Some(v)) => self.cookies.push((name.to_string(), v)),
            Ok(None) => {}
            Err(e) => self.fail(e),
        }
        self
    }

    /// Add a query parameter written in an OpenAPI `style` (see [`Style::query_pairs`]).
    pub fn query_styled(mut self, name: &str, style: Style, value: impl Serialize) -> Self {
        match style.query_pairs(name, &value) {
            Ok(pairs) => self.query.extend(pairs),
            Err(e) => self.fail(e),
        }
        self
    }

    /// Add a header written in an OpenAPI `style` (see [`Style::text`]).
    pub fn header_styled(self, name: &str, style: Style, value: impl Serialize) -> Self {
        match style.text(&value) {
            Ok(text) => self.header(name, text),
            Err(e) => self.failed(e),
        }
    }

    /// Text body with an explicit content type.
    pub fn text(self, content_type: &'static str, body: String) -> Self {
        self.body_with(content_type, Bytes::from(body))
    }

    /// Options for this call (headers, request id, timeouts, limits, policies).
    pub fn options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// The operation's security requirement: alternatives, each the names of the spec's
    /// security schemes that go on the request together; `&[]` is anonymous (no credential at
    /// all). The first alternative whose schemes are all configured is sent; without this call
    /// every configured credential is. It applies to every request of the call (pages, polls).
    pub fn security(mut self, requirement: &'static [&'static [&'static str]]) -> Self {
        self.security = Some(requirement);
        self
    }

    /// The statuses the operation's spec declares as its answers (a 3xx it returns, a 404 with
    /// its own model): a plain call succeeds with exactly these, any other status is
    /// [`Error::Http`]. Without this call any 2xx succeeds. See
    /// [`SuccessStatuses`](crate::SuccessStatuses).
    pub fn statuses(mut self, statuses: &'static [u16]) -> Self {
        self.success = Some(statuses);
        self
    }

    /// A plain call decoded with `D`.
    pub fn call<T, D: Decode<T>>(self) -> Call<T, D> {
        Operation::new(self, Plain(PhantomData))
    }

    /// The request method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Build the URL and headers; returns the deferred error if any.
    pub(crate) fn build(self) -> Result<(CallSender, HttpRequest)> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.options.check()?;
        let endpoint = self.service.endpoint();
        let (path_t, literal_query) = match self.path_template.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (self.path_template, None),
        };
        // The endpoint's path, then the template's, filled in: one string, set on the URL once.
        let base = endpoint.path().trim_end_matches('/');
        let mut path = String::with_capacity(base.len() + path_t.len() + 64);
        path.push_str(base);
        let mut args = self.args.iter();
        let mut placeholders = fill(path_t, &mut args, &mut path, self.path_template)?;
        // Placeholders in the template's own query (`/export?filename={filename}`) too.
        let literal_query = match literal_query {
            Some(q) => {
                let mut filled = String::with_capacity(q.len());
                placeholders += fill(q, &mut args, &mut filled, self.path_template)?;
                Some(filled)
            }
            None => None,
        };
        if args.next().is_some() {
            return Err(Error::InvalidRequest(format!(
                "path template `{}` has {placeholders} placeholder(s) but {} argument(s) were given",
                self.path_template,
                self.args.len()
            )));
        }
        if !path[base.len()..].starts_with('/') {
            path.insert(base.len(), '/');
        }
        let mut url = endpoint.clone();
        // An argument sent as given (a next link like `next?page=2`) may carry a query.
        let arg_query = path.find('?').map(|at| {
            let q = path[at + 1..].to_string();
            path.truncate(at);
            q
        });
        url.set_path(&path);
        let mut query = Query::new(arg_query.as_deref());
        if let Some(literal) = literal_query.as_deref().filter(|q| !q.is_empty()) {
            query.append(literal);
        }
        // A parameter the template's own query already carries (a path key `/?comp=list` and
        // its `comp` constant) is sent once.
        let literal: Vec<(&str, &str)> = literal_query
            .as_deref()
            .map(|q| q.split('&').filter_map(|p| p.split_once('=')).collect())
            .unwrap_or_default();
        for (k, v) in &self.query {
            if !literal.contains(&(k.as_str(), v.as_str())) {
                query.push(k, v);
            }
        }
        for (k, v) in &self.raw_query {
            query.push_raw(k, v);
        }
        // What the api-version policy would add, added here with the rest (it then skips it).
        let api_version = self.service.api_version_pair();
        if !self.own_api_version && !api_version.is_empty() && !query.has("api-version") {
            query.append(api_version);
        }
        query.set_on(&mut url);
        let sender = self.service.call(self.options).with_security(self.security);
        let mut req = HttpRequest::new(self.method, url, RequestKind::Operation);
        req.headers = self.headers;
        if !self.cookies.is_empty() {
            let cookies = crate::style::cookie_header(&self.cookies);
            let value = HeaderValue::from_str(&cookies)
                .map_err(|_| Error::InvalidRequest(format!("invalid cookie header `{cookies}`")))?;
            req.headers.insert(http::header::COOKIE, value);
        }
        req.body = self.body;
        req.own_api_version = self.own_api_version;
        req.api_version_written = true;
        Ok((sender, req))
    }
}

/// A boxed `Send` future.
pub type SendFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// An operation call being prepared: a [`Request`] and what kind of call it is (`K`: plain,
/// paged or long-running). Parameters and options are set here for every kind; each kind adds
/// how it finishes (`send`, `into_stream`, `begin`) and `.await`.
pub struct Operation<K> {
    pub(crate) req: Request,
    pub(crate) kind: K,
}

impl<K: fmt::Debug> fmt::Debug for Operation<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("req", &self.req)
            .field("kind", &self.kind)
            .finish()
    }
}

impl<K> Operation<K> {
    pub(crate) fn new(req: Request, kind: K) -> Self {
        Operation { req, kind }
    }

    /// Add a query parameter (see [`Request::query`]).
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.query(name, value);
        self
    }

    /// The operation sends its own `api-version` (see [`Request::own_api_version`]).
    pub fn own_api_version(mut self) -> Self {
        self.req = self.req.own_api_version();
        self
    }

    /// Remove a query parameter set so far (see [`Request::without_query`]).
    pub fn without_query(mut self, name: &str) -> Self {
        self.req = self.req.without_query(name);
        self
    }

    /// Remove a header set so far (see [`Request::without_header`]).
    pub fn without_header(mut self, name: &str) -> Self {
        self.req = self.req.without_header(name);
        self
    }

    /// Remove a cookie set so far (see [`Request::without_cookie`]).
    pub fn without_cookie(mut self, name: &str) -> Self {
        self.req = self.req.without_cookie(name);
        self
    }

    /// Add a query parameter sent as given (see [`Request::query_raw`]).
    pub fn query_raw(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.query_raw(name, value);
        self
    }

    /// Add a query parameter per item (see [`Request::query_each`]).
    pub fn query_each(mut self, name: &str, values: impl Serialize) -> Self {
        self.req = self.req.query_each(name, values);
        self
    }

    /// Add a query parameter in an OpenAPI `style` (see [`Request::query_styled`]).
    pub fn query_styled(mut self, name: &str, style: Style, value: impl Serialize) -> Self {
        self.req = self.req.query_styled(name, style, value);
        self
    }

    /// Add a header in an OpenAPI `style` (see [`Request::header_styled`]).
    pub fn header_styled(mut self, name: &str, style: Style, value: impl Serialize) -> Self {
        self.req = self.req.header_styled(name, style, value);
        self
    }

    /// Add a cookie (see [`Request::cookie`]).
    pub fn cookie(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.cookie(name, value);
        self
    }

    /// Add a header (see [`Request::header`]); for lists and long-running operations it is sent
    /// with the first request only; use [`options`](Self::options) for headers every request of
    /// the call carries.
    pub fn header(mut self, name: &str, value: impl Serialize) -> Self {
        self.req = self.req.header(name, value);
        self
    }

    /// Options for this call: extra headers, `x-ms-client-request-id`, timeouts, limits, a
    /// deadline, policies. They apply to every request of the call (pages, polls).
    ///
    /// ```no_run
    /// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
    /// use std::time::Duration;
    /// use apigen_runtime::{CallOptions, Method};
    /// let v: serde_json::Value = client.request(Method::GET, "/x", &[]).call::<_, apigen_runtime::Json>()
    ///     .options(CallOptions::new().client_request_id("my-id").timeout(Duration::from_secs(5)))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn options(mut self, options: CallOptions) -> Self {
        self.req = self.req.options(options);
        self
    }
}

/// The kind of a plain call, decoded with `D`.
pub struct Plain<T, D>(pub(crate) PhantomData<fn() -> (T, D)>);

impl<T, D> fmt::Debug for Plain<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Plain")
    }
}

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
pub type Call<T, D = Json> = Operation<Plain<T, D>>;

impl<T, D: Decode<T>> Operation<Plain<T, D>> {
    /// Send; a success (any 2xx, or the [`statuses`](Request::statuses) the spec declares) is
    /// decoded, anything else is [`Error::Http`] with the decoded body.
    pub async fn send(self) -> Result<Response<T>> {
        let success = SuccessStatuses(self.req.success);
        let (sender, mut req) = self.req.build()?;
        send_built::<T, D>(&sender, &mut req, success).await
    }

    /// Send, and read a success body as a stream instead of into memory: for downloads of any
    /// size (the buffered-body limit does not apply, the per-try timeout ends with the headers).
    pub async fn send_stream(self) -> Result<StreamResponse> {
        let (sender, mut req) = self.req.build()?;
        req.streaming = true;
        let raw = sender.send(req).await?;
        if !raw.is_success() {
            return Err(raw.into_error());
        }
        Ok(StreamResponse::new(raw))
    }
}

impl<T, D> IntoFuture for Operation<Plain<T, D>>
where
    T: Send + 'static,
    D: Decode<T> + 'static,
{
    type Output = Result<T>;
    type IntoFuture = SendFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        // Built before boxing: the boxed future holds the request as sent, not the builder too,
        // and only once (each future it is moved into would keep a copy of its own). Past
        // 1 KiB a box is no longer one of the allocator's fast sizes.
        let success = SuccessStatuses(self.req.success);
        match self.req.build() {
            Ok((sender, mut req)) => Box::pin(async move {
                send_built::<T, D>(&sender, &mut req, success)
                    .await
                    .map(Response::into_body)
            }),
            Err(e) => Box::pin(std::future::ready(Err(e))),
        }
    }
}

/// Send a built request; a status in `success` is decoded, anything else is [`Error::Http`].
async fn send_built<T, D: Decode<T>>(
    sender: &CallSender,
    req: &mut HttpRequest,
    success: SuccessStatuses,
) -> Result<Response<T>> {
    let raw = sender.send_in_place(req).await?;
    if !success.contains(raw.status()) {
        return Err(raw.into_error());
    }
    let body = D::decode(&raw)?;
    Ok(Response::new(raw, body))
}

/// Appends `part` of the path template `template` to `out` with each placeholder filled by the
/// next of `args`, percent-encoded unless it is `{+name}` (`x-ms-skip-url-encoding`); the number
/// of placeholders.
fn fill(
    part: &str,
    args: &mut std::slice::Iter<'_, String>,
    out: &mut String,
    template: &str,
) -> Result<usize> {
    let mut rest = part;
    let mut placeholders = 0usize;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| c + open).ok_or_else(|| {
            Error::InvalidRequest(format!("path template `{template}` has an unclosed `{{`"))
        })?;
        out.push_str(&rest[..open]);
        placeholders += 1;
        let unencoded = rest[open + 1..].starts_with('+');
        match args.next() {
            Some(a) if unencoded => out.push_str(a),
            Some(a) => out.push_str(&encode(a, PATH_SEGMENT)),
            None => {
                return Err(Error::InvalidRequest(format!(
                    "path template `{template}` has more placeholders than the argument(s) given"
                )))
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(placeholders)
}
