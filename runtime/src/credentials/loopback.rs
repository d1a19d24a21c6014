//! The loopback redirect listener of the authorization code flow (RFC 8252 §7.3): an HTTP
//! server on `127.0.0.1` with an ephemeral port that waits, for a bounded time, for the
//! browser's redirect and checks its `state`. HTTP parsing is hyper's.

use std::convert::Infallible;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use crate::error::{Error, Result};
use crate::Secret;

/// How long one browser connection may take to send its request and read the answer.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);

/// What a redirect said.
enum Outcome {
    Code(Secret),
    /// The `state` was not ours: a forged or stale redirect.
    ForeignState,
    /// The authority refused (`error`, `error_description`).
    Refused(String, String),
}

pub(crate) struct RedirectListener {
    v4: TcpListener,
    /// The same port on `::1`, held so no other program can take it when the browser
    /// resolves `localhost` to IPv6 first; absent where IPv6 is off.
    v6: Option<TcpListener>,
    port: u16,
}

impl RedirectListener {
    pub(crate) async fn bind(what: &str) -> Result<Self> {
        let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|e| {
                Error::credential(format!(
                    "{what}: cannot listen on 127.0.0.1 for the sign-in redirect: {e}"
                ))
            })?;
        let port = v4
            .local_addr()
            .map_err(|e| Error::credential(format!("{what}: redirect listener: {e}")))?
            .port();
        let v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await.ok();
        Ok(RedirectListener { v4, v6, port })
    }

    /// `http://localhost:{port}`: Entra ID matches loopback redirect URIs without the port,
    /// so an app registration's `http://localhost` covers every port.
    pub(crate) fn redirect_uri(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// The authorization code of the first redirect to `/` that carries our `state`; an error
    /// for one with another `state`, one that reports an OAuth2 error, or none in `timeout`.
    /// Other requests (a favicon, a browser's probe) get a 404 and the wait goes on.
    pub(crate) async fn wait_for_code(
        self,
        what: &str,
        state: &str,
        timeout: Duration,
    ) -> Result<Secret> {
        let (tx, mut rx) = mpsc::channel::<Outcome>(4);
        // Dropped on return, which ends every connection still open.
        let mut connections = tokio::task::JoinSet::new();
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        loop {
            let accepted = tokio::select! {
                a = self.v4.accept() => a,
                a = accept(self.v6.as_ref()) => a,
                Some(outcome) = rx.recv() => return outcome_result(what, outcome),
                _ = &mut deadline => {
                    return Err(Error::credential(format!(
                        "{what}: the sign-in was not completed within {timeout:?} (change it with `with_timeout`)"
                    )))
                }
            };
            match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve(stream, state.to_string(), tx.clone()));
                }
                Err(e) => tracing::debug!(error = %e, "redirect listener: accept failed"),
            }
        }
    }
}

async fn accept(
    listener: Option<&TcpListener>,
) -> std::io::Result<(TcpStream, std::net::SocketAddr)> {
    match listener {
        Some(l) => l.accept().await,
        None => std::future::pending().await,
    }
}

fn outcome_result(what: &str, outcome: Outcome) -> Result<Secret> {
    match outcome {
        Outcome::Code(code) => Ok(code),
        Outcome::ForeignState => Err(Error::credential(format!(
            "{what}: refused a sign-in redirect whose `state` is not this sign-in's (a forged or stale redirect)"
        ))),
        Outcome::Refused(error, description) => Err(Error::credential(
            format!("{what}: sign-in failed: {error} {description}")
                .trim_end()
                .to_string(),
        )),
    }
}

/// Serve one connection (one request: keep-alive is off) and report its outcome once the
/// answer is written, so the browser shows the page before the listener closes.
async fn serve(stream: TcpStream, state: String, tx: mpsc::Sender<Outcome>) {
    let outcome = Arc::new(Mutex::new(None));
    let slot = outcome.clone();
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let (page, result) = answer(&req, &state);
        if let Some(r) = result {
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
        }
        async move { Ok::<_, Infallible>(page) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(false)
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    let _ = tokio::time::timeout(CONNECTION_TIMEOUT, connection).await;
    let result = outcome.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(r) = result {
        let _ = tx.send(r).await;
    }
}

fn page(status: u16, text: &str) -> Response<Full<Bytes>> {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign-in</title></head><body><p>{text}</p></body></html>"
    );
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

/// The page for a request, and what it told us (nothing for a request that is not a
/// sign-in redirect). The pages quote nothing from the request.
fn answer(req: &Request<Incoming>, state: &str) -> (Response<Full<Bytes>>, Option<Outcome>) {
    if req.method() != http::Method::GET || req.uri().path() != "/" {
        return (page(404, "Not found."), None);
    }
    let mut params: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let code = params.remove("code");
    let error = params.remove("error");
    if code.is_none() && error.is_none() {
        return (page(400, "This is not a sign-in response."), None);
    }
    if params.get("state").map(String::as_str) != Some(state) {
        return (
            page(400, "This sign-in response does not belong to the sign-in in progress, which refused it."),
            Some(Outcome::ForeignState),
        );
    }
    match (code, error) {
        (_, Some(error)) => {
            let description = params.remove("error_description").unwrap_or_default();
            (
                page(400, "Sign-in failed; the program that asked says why."),
                Some(Outcome::Refused(error, description)),
            )
        }
        (Some(code), None) => (
            page(200, "Signed in. You can close this window."),
            Some(Outcome::Code(Secret::new(code))),
        ),
        (None, None) => (page(400, "This is not a sign-in response."), None),
    }
}
