//! Long-running operations with ARM semantics: [`LroCall`], [`Poller`], [`FinalState`],
//! [`LroStatus`].
//!
//! The initial response decides how to poll:
//! 1. `Azure-AsyncOperation` header: GET it; its body's `status` is the state;
//! 2. else `Operation-Location`: same;
//! 3. else `Location`: GET it; 202 = running, 200/201/204 = done (that response is the result);
//! 4. else for PUT/PATCH: the body's `properties.provisioningState` (GET the original URI);
//! 5. else the initial response is the result.
//!
//! A PUT/PATCH answering 200/201 with a final provisioning state is done at once (its polling
//! headers are not followed). Unless `final-state-via` says otherwise, a PUT/PATCH ends with a
//! GET of the original URI (not when it polled `Location` only), a POST with a GET of
//! `Location`, a DELETE with the last poll's response.
//!
//! States are case-insensitive: `Succeeded`, `Failed`, `Canceled`/`Cancelled` are terminal,
//! anything else is in progress. Failure and cancellation become [`Error::Lro`] carrying the
//! service's error object.

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{ErrorBody, Limit, LimitError, LroError, Result};
use crate::message::{HttpRequest, RequestKind};
use crate::policies::retry::retry_after;
use crate::redact::Redactor;
use crate::request::{Operation, Request, SendFuture};
use crate::response::{Decode, Json, RawResponse};
use crate::service::CallSender;
use crate::{Error, Method};

/// Where the final result of a long-running operation comes from (`x-ms-long-running-operation-options.final-state-via`).
///
/// ```
/// use apigen_runtime::FinalState;
/// assert_eq!(FinalState::default(), FinalState::Default);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FinalState {
    /// ARM default for the method: PUT/PATCH -> original URI; POST/DELETE -> `Location` if any.
    #[default]
    Default,
    /// The `Azure-AsyncOperation` status resource.
    AzureAsyncOperation,
    /// GET the `Location` header URL.
    Location,
    /// GET the original request URI.
    OriginalUri,
    /// The `Operation-Location` status resource.
    OperationLocation,
}

/// State of a long-running operation.
///
/// ```
/// use apigen_runtime::LroStatus;
/// assert_eq!(LroStatus::parse("succeeded"), LroStatus::Succeeded);
/// assert_eq!(LroStatus::parse("Cancelled"), LroStatus::Canceled);
/// assert!(!LroStatus::parse("Updating").is_terminal());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LroStatus {
    /// Still running; the service's word for it (`InProgress`, `Updating`, `Accepted`...).
    InProgress(String),
    /// Done successfully.
    Succeeded,
    /// Failed.
    Failed,
    /// Canceled.
    Canceled,
}

impl LroStatus {
    /// Classify a status string, case-insensitively.
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "succeeded" => LroStatus::Succeeded,
            "failed" => LroStatus::Failed,
            "canceled" | "cancelled" => LroStatus::Canceled,
            _ => LroStatus::InProgress(s.to_string()),
        }
    }

    /// Succeeded, Failed or Canceled.
    pub fn is_terminal(&self) -> bool {
        !matches!(self, LroStatus::InProgress(_))
    }

    fn as_str(&self) -> &str {
        match self {
            LroStatus::InProgress(s) => s,
            LroStatus::Succeeded => "Succeeded",
            LroStatus::Failed => "Failed",
            LroStatus::Canceled => "Canceled",
        }
    }
}

impl fmt::Display for LroStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "url", rename_all = "snake_case")]
enum Monitor {
    AsyncOperation(String),
    OperationLocation(String),
    Location(String),
    Resource(String),
    None,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoredResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl StoredResponse {
    fn from_raw(r: &RawResponse) -> Self {
        StoredResponse {
            status: r.status,
            headers: r
                .headers
                .iter()
                .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
                .collect(),
            body: String::from_utf8_lossy(&r.body).into_owned(),
        }
    }

    fn to_raw(&self, url: &str, client_request_id: &str) -> RawResponse {
        let mut headers = HeaderMap::new();
        for (k, v) in &self.headers {
            if let (Ok(k), Ok(v)) = (
                HeaderName::from_bytes(k.as_bytes()),
                HeaderValue::from_str(v),
            ) {
                headers.append(k, v);
            }
        }
        let mut raw = RawResponse::new(self.status, headers, self.body.clone().into_bytes());
        if let Ok(u) = Url::parse(url) {
            raw.url = u;
        }
        raw.client_request_id = http::HeaderValue::from_str(client_request_id)
            .unwrap_or(http::HeaderValue::from_static(""));
        raw
    }
}

/// Everything needed to resume, serialised as the continuation token.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct State {
    v: u32,
    method: String,
    original_url: String,
    monitor: Monitor,
    location: Option<String>,
    final_state: FinalState,
    status: String,
    /// `resourceLocation` from an operation status body.
    resource_location: Option<String>,
    /// The response to decode the result from / take the error from, once terminal.
    last: Option<StoredResponse>,
    retry_after_ms: Option<u64>,
}

const TOKEN_VERSION: u32 = 1;

/// The kind of a long-running operation call, decoded with `D`.
pub struct Lro<T, D> {
    final_state: FinalState,
    _m: PhantomData<fn() -> (T, D)>,
}

impl<T, D> fmt::Debug for Lro<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lro")
            .field("final_state", &self.final_state)
            .finish()
    }
}

/// A long-running operation call. `.await` starts it and waits for the final result;
/// [`begin`](Operation::begin) returns a [`Poller`] to step, inspect or persist.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use apigen_runtime::{FinalState, Method, NoBody};
/// client.request(Method::DELETE, "/x/{name}", &["a"]).lro::<(), NoBody>(FinalState::Location).await?;
/// # Ok(()) }
/// ```
pub type LroCall<T, D = Json> = Operation<Lro<T, D>>;

impl Request {
    /// A long-running operation.
    pub fn lro<T, D: Decode<T>>(self, final_state: FinalState) -> LroCall<T, D> {
        Operation::new(
            self,
            Lro {
                final_state,
                _m: PhantomData,
            },
        )
    }
}

fn header_url(raw: &RawResponse, name: &str) -> Option<String> {
    let v = raw.header(name)?.trim();
    if v.is_empty() {
        return None;
    }
    // Relative values resolve against the request URL.
    raw.url.join(v).ok().map(|u| u.to_string())
}

fn body_status(raw: &RawResponse, key: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&raw.body).ok()?;
    match key {
        "status" => v.get("status")?.as_str().map(str::to_string),
        _ => v
            .get("properties")
            .and_then(|p| p.get("provisioningState"))
            .or_else(|| v.get("provisioningState"))?
            .as_str()
            .map(str::to_string),
    }
}

impl<T, D: Decode<T>> Operation<Lro<T, D>> {
    /// Send the initial request and return a poller.
    pub async fn begin(self) -> Result<Poller<T, D>> {
        let started = Instant::now();
        let (sender, req) = self.req.build()?;
        let method = req.method.clone();
        let original_url = req.url.to_string();
        let raw = sender.send(req).await?;
        if !raw.is_success() {
            return Err(raw.into_error());
        }
        let is_put_patch = method == Method::PUT || method == Method::PATCH;
        let location = header_url(&raw, "location");
        let monitor = if let Some(u) = header_url(&raw, "azure-asyncoperation") {
            Monitor::AsyncOperation(u)
        } else if let Some(u) = header_url(&raw, "operation-location") {
            Monitor::OperationLocation(u)
        } else if let Some(u) = location
            .clone()
            .filter(|_| raw.status == 202 || !is_put_patch)
        {
            Monitor::Location(u)
        } else if is_put_patch {
            Monitor::Resource(original_url.clone())
        } else {
            Monitor::None
        };
        // A PUT or PATCH that answers 200/201 with a final provisioning state is complete
        // inline: its polling headers are not followed.
        let inline = (is_put_patch && (raw.status == 200 || raw.status == 201))
            .then(|| body_status(&raw, "provisioningState"))
            .flatten()
            .map(|s| LroStatus::parse(&s))
            .filter(LroStatus::is_terminal);
        let monitor = if inline.is_some() {
            Monitor::None
        } else {
            monitor
        };
        let status = match &monitor {
            Monitor::AsyncOperation(_) | Monitor::OperationLocation(_) => {
                LroStatus::InProgress("InProgress".into())
            }
            Monitor::Location(_) => LroStatus::InProgress("InProgress".into()),
            Monitor::Resource(_) => match body_status(&raw, "provisioningState") {
                Some(s) => LroStatus::parse(&s),
                None if raw.status == 202 => LroStatus::InProgress("Accepted".into()),
                None => LroStatus::Succeeded,
            },
            Monitor::None => inline.unwrap_or(LroStatus::Succeeded),
        };
        let mut poller = Poller {
            sender,
            started,
            state: State {
                v: TOKEN_VERSION,
                method: method.as_str().to_string(),
                original_url,
                monitor,
                location,
                final_state: self.kind.final_state,
                status: status.to_string(),
                resource_location: None,
                last: None,
                retry_after_ms: None,
            },
            client_request_id: raw.client_request_id().to_string(),
            redactor: Redactor::default(),
            _m: PhantomData,
        };
        poller.record(&raw, &status);
        Ok(poller)
    }
}

impl<T, D> IntoFuture for Operation<Lro<T, D>>
where
    T: Send + 'static,
    D: Decode<T> + 'static,
{
    type Output = Result<T>;
    type IntoFuture = SendFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.begin().await?.wait().await })
    }
}

/// Drives a long-running operation: step it with [`poll`](Self::poll), inspect
/// [`status`](Self::status), wait for the result with [`wait`](Self::wait) (or `.await`), or
/// persist [`continuation_token`](Self::continuation_token) and resume with
/// [`Client::resume_poller`](crate::Client::resume_poller).
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use apigen_runtime::{FinalState, Method, Poller};
/// let mut poller: Poller<serde_json::Value> = client
///     .request(Method::PUT, "/x/{name}", &["a"]).json(&serde_json::json!({}))
///     .lro(FinalState::Default).begin().await?;
/// let token = poller.continuation_token();
/// // ... later, maybe in another process:
/// let poller: Poller<serde_json::Value> = client.resume_poller(&token)?;
/// let result = poller.await?;
/// # Ok(()) }
/// ```
pub struct Poller<T, D = Json> {
    sender: CallSender,
    /// When the operation started (or was resumed): the LRO deadline counts from here.
    started: Instant,
    state: State,
    client_request_id: String,
    /// Secrets sent with the last poll, masked in the failure error.
    redactor: Redactor,
    _m: PhantomData<fn() -> (T, D)>,
}

impl<T, D> fmt::Debug for Poller<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Poller")
            .field("status", &self.state.status)
            .field("monitor", &self.state.monitor)
            .field("final_state", &self.state.final_state)
            .finish_non_exhaustive()
    }
}

impl<T, D> Poller<T, D> {
    pub(crate) fn resume(sender: CallSender, token: &str) -> Result<Self> {
        let state: State = serde_json::from_str(token)
            .map_err(|e| Error::ContinuationToken(format!("not a poller token: {e}")))?;
        if state.v != TOKEN_VERSION {
            return Err(Error::ContinuationToken(format!(
                "token version {} is not supported (expected {TOKEN_VERSION})",
                state.v
            )));
        }
        Method::from_bytes(state.method.as_bytes())
            .map_err(|_| Error::ContinuationToken(format!("bad method `{}`", state.method)))?;
        Ok(Poller {
            sender,
            started: Instant::now(),
            state,
            client_request_id: String::new(),
            redactor: Redactor::default(),
            _m: PhantomData,
        })
    }

    /// The current state.
    pub fn status(&self) -> LroStatus {
        LroStatus::parse(&self.state.status)
    }

    /// True once Succeeded, Failed or Canceled.
    pub fn is_done(&self) -> bool {
        self.status().is_terminal()
    }

    /// A serialisable token (JSON text) to resume with [`Client::resume_poller`](crate::Client::resume_poller).
    pub fn continuation_token(&self) -> String {
        serde_json::to_string(&self.state).unwrap_or_default()
    }

    /// How long [`wait`](Self::wait) sleeps before the next poll: the forced interval if one
    /// is set, else the last `Retry-After` (capped by `max_retry_after`), else the polling
    /// interval; never less than the minimum polling interval (see [`Limits`](crate::Limits)).
    pub fn next_poll_delay(&self) -> Duration {
        let ctx = self.sender.context();
        let limits = ctx.limits();
        if let Some(forced) = limits.forced_polling_interval {
            return forced;
        }
        self.state
            .retry_after_ms
            .map(|ms| Duration::from_millis(ms).min(ctx.retry().max_retry_after))
            .unwrap_or(limits.polling_interval)
            .max(limits.min_polling_interval)
    }

    /// The error for an operation still running at its deadline.
    fn deadline_error(&self) -> Error {
        let deadline = self.sender.context().limits().lro_deadline;
        Error::Limit(Box::new(LimitError {
            limit: Limit::LroDeadline,
            value: format!("{deadline:?}"),
            message: format!(
                "the long-running operation is still `{}` after {:?}; its continuation token resumes it later",
                self.state.status,
                self.started.elapsed()
            ),
            response: None,
            context: crate::RequestContext::new(&self.client_request_id, None),
        }))
    }

    fn method(&self) -> Method {
        Method::from_bytes(self.state.method.as_bytes()).unwrap_or(Method::GET)
    }

    fn record(&mut self, raw: &RawResponse, status: &LroStatus) {
        self.state.status = status.to_string();
        self.state.retry_after_ms = retry_after(&raw.headers).map(|d| d.as_millis() as u64);
        if status.is_terminal() {
            self.state.last = Some(StoredResponse::from_raw(raw));
            self.redactor = raw.redactor.clone();
        }
    }

    async fn get(&self, url: &str, kind: RequestKind) -> Result<RawResponse> {
        let url = Url::parse(url)
            .map_err(|e| Error::InvalidRequest(format!("invalid polling URL `{url}`: {e}")))?;
        self.sender
            .send(HttpRequest::new(Method::GET, url, kind))
            .await
    }

    /// Poll once (no sleeping). Returns the new state; a no-op once terminal.
    pub async fn poll(&mut self) -> Result<LroStatus> {
        if self.is_done() {
            return Ok(self.status());
        }
        let (url, kind) = match &self.state.monitor {
            Monitor::AsyncOperation(u) | Monitor::OperationLocation(u) => (u.clone(), "status"),
            Monitor::Location(u) => (u.clone(), "location"),
            Monitor::Resource(u) => (u.clone(), "provisioningState"),
            Monitor::None => {
                self.state.status = LroStatus::Succeeded.to_string();
                return Ok(LroStatus::Succeeded);
            }
        };
        let raw = self.get(&url, RequestKind::Poll).await?;
        self.client_request_id = raw.client_request_id().to_string();
        if !raw.is_success() {
            return Err(raw.into_error());
        }
        let status = match kind {
            "status" => {
                let s = body_status(&raw, "status").ok_or_else(|| {
                    raw.deserialize_error(
                        "status".into(),
                        "the operation status response has no `status` string".into(),
                    )
                })?;
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&raw.body) {
                    if let Some(rl) = v.get("resourceLocation").and_then(|r| r.as_str()) {
                        let resolved = raw
                            .url
                            .join(rl)
                            .map(|u| u.to_string())
                            .unwrap_or_else(|_| rl.to_string());
                        self.state.resource_location = Some(resolved);
                    }
                }
                LroStatus::parse(&s)
            }
            "location" => {
                if raw.status == 202 {
                    if let Some(next) = header_url(&raw, "location") {
                        self.state.monitor = Monitor::Location(next);
                    }
                    LroStatus::InProgress("InProgress".into())
                } else {
                    LroStatus::Succeeded
                }
            }
            _ => match body_status(&raw, "provisioningState") {
                Some(s) => LroStatus::parse(&s),
                None if raw.status == 202 => LroStatus::InProgress("Accepted".into()),
                None => LroStatus::Succeeded,
            },
        };
        tracing::debug!(status = %status, "polled long-running operation");
        self.record(&raw, &status);
        Ok(status)
    }

    fn failure(&self) -> Error {
        let (mut body, context) = match &self.state.last {
            Some(s) => {
                let raw = s.to_raw(&self.state.original_url, &self.client_request_id);
                (ErrorBody::from_bytes(&raw.body), raw.context())
            }
            None => (ErrorBody::Empty, Default::default()),
        };
        body.redact(&self.redactor);
        let detail = match &body {
            ErrorBody::Json(v) => {
                let err = v
                    .get("error")
                    .or_else(|| v.get("properties").and_then(|p| p.get("error")))
                    .cloned();
                err.and_then(|e| serde_json::from_value(e).ok())
            }
            _ => None,
        };
        Error::Lro(Box::new(LroError {
            status: self.state.status.clone(),
            detail,
            body,
            context,
        }))
    }
}

impl<T, D: Decode<T>> Poller<T, D> {
    /// Poll until terminal (sleeping [`next_poll_delay`](Self::next_poll_delay) between polls)
    /// and return the final result; Failed/Canceled become [`Error::Lro`].
    ///
    /// Bounded by the LRO deadline ([`Limits::lro_deadline`](crate::Limits::lro_deadline),
    /// counted from [`begin`](Operation::begin) or the resume): past it, the wait ends with
    /// [`Error::Limit`] ([`Limit::LroDeadline`]).
    pub async fn wait(mut self) -> Result<T> {
        let deadline = self.started + self.sender.context().limits().lro_deadline;
        while !self.is_done() {
            let now = Instant::now();
            if now >= deadline {
                return Err(self.deadline_error());
            }
            // The last poll happens at the deadline, not after it.
            tokio::time::sleep(self.next_poll_delay().min(deadline - now)).await;
            self.poll().await?;
        }
        self.result().await
    }

    /// The final result of a terminal operation (fetching it if the final state says so).
    pub async fn result(&self) -> Result<T> {
        match self.status() {
            LroStatus::Succeeded => {}
            LroStatus::Failed | LroStatus::Canceled => return Err(self.failure()),
            LroStatus::InProgress(s) => {
                return Err(Error::InvalidRequest(format!(
                    "the long-running operation is still in progress ({s})"
                )))
            }
        }
        let method = self.method();
        let is_put_patch = method == Method::PUT || method == Method::PATCH;
        let st = &self.state;
        let stored = || {
            st.last
                .as_ref()
                .map(|s| s.to_raw(&st.original_url, &self.client_request_id))
        };
        let fetch_url: Option<String> = match (st.final_state, &st.monitor) {
            (_, Monitor::None) => None,
            (FinalState::OriginalUri, Monitor::Resource(_)) => None,
            (FinalState::Default, Monitor::Resource(_)) => None,
            (FinalState::OriginalUri, _) => Some(st.original_url.clone()),
            // Polled through `Location` only: the last poll's response is the result.
            (FinalState::Location | FinalState::Default, Monitor::Location(_)) => None,
            (FinalState::Default, _) if is_put_patch => Some(st.original_url.clone()),
            (FinalState::Location, _) => st
                .location
                .clone()
                .or_else(|| is_put_patch.then(|| st.original_url.clone())),
            // A POST's result is at `Location` (or the status's `resourceLocation`); a DELETE
            // has none to fetch, whatever `Location` says.
            (FinalState::Default, _) if method == Method::POST => {
                st.location.clone().or_else(|| st.resource_location.clone())
            }
            (FinalState::Default, _) => None,
            (FinalState::AzureAsyncOperation | FinalState::OperationLocation, _) => None,
        };
        let raw = match fetch_url {
            Some(u) => {
                let raw = self.get(&u, RequestKind::FinalResult).await?;
                if !raw.is_success() {
                    return Err(raw.into_error());
                }
                raw
            }
            None => stored().ok_or_else(|| {
                Error::ContinuationToken("the poller has no final response".into())
            })?,
        };
        D::decode(&raw)
    }
}

impl<T, D> IntoFuture for Poller<T, D>
where
    T: Send + 'static,
    D: Decode<T> + 'static,
{
    type Output = Result<T>;
    type IntoFuture = SendFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}
