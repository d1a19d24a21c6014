//! Loopback test servers: an axum server with a scripted handler that records requests, and
//! a raw TCP server for faults (resets, truncated bodies, slow responses).
#![allow(dead_code)]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apigen_runtime::{Client, ClientBuilder, ServiceSpec};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub const SPEC: ServiceSpec = ServiceSpec {
    default_endpoint: "https://management.azure.com",
    api_version: "2024-05-01",
    crate_name: "test-client",
    crate_version: "9.8.7",
};

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn path(&self) -> &str {
        self.uri.path()
    }
    pub fn query(&self) -> &str {
        self.uri.query().unwrap_or("")
    }
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub struct TestServer {
    pub url: String,
    pub hits: Arc<AtomicUsize>,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
    pub fn last(&self) -> Recorded {
        self.requests()
            .last()
            .cloned()
            .expect("no request recorded")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serve `handler` on 127.0.0.1:<random>; every request is recorded first.
pub async fn serve<F, Fut>(handler: F) -> TestServer
where
    F: Fn(Recorded) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    serve_at("127.0.0.1", handler).await
}

/// Serve `handler` on `ip`:<random> (any loopback address, e.g. 127.0.0.2 for "another host").
pub async fn serve_at<F, Fut>(ip: &str, handler: F) -> TestServer
where
    F: Fn(Recorded) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (h2, r2) = (hits.clone(), requests.clone());
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let handler = handler.clone();
            let (hits, requests) = (h2.clone(), r2.clone());
            async move {
                let rec = Recorded {
                    method,
                    uri,
                    headers,
                    body,
                };
                hits.fetch_add(1, Ordering::SeqCst);
                requests.lock().unwrap().push(rec.clone());
                handler(rec).await
            }
        },
    );
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    TestServer {
        url: format!("http://{addr}"),
        hits,
        requests,
        task,
    }
}

/// A response with status, headers and body.
pub fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<String>) -> Response {
    let mut r = (StatusCode::from_u16(status).unwrap(), body.into()).into_response();
    for (k, v) in headers {
        r.headers_mut().insert(
            axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    r
}

pub fn json(status: u16, body: serde_json::Value) -> Response {
    reply(
        status,
        &[("content-type", "application/json")],
        body.to_string(),
    )
}

/// What the raw server does with the n-th connection (0-based).
#[derive(Clone, Debug)]
pub enum Raw {
    /// Read the request, then reset the connection (RST).
    Reset,
    /// Send headers announcing `Content-Length: 1000` and `partial`, then close.
    Truncate(&'static str),
    /// Send this full HTTP response after the delay.
    Respond(Duration, String),
    /// Read the request and never answer.
    Silent,
    /// Announce `Content-Length: 1000`, then send one byte per interval (slow loris).
    Trickle(Duration),
    /// Announce a 2 GiB body and send zeros for as long as the client reads.
    HugeLength,
    /// A chunked body of this many bytes (no Content-Length).
    Chunked(usize),
}

pub fn http_ok(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

pub struct RawServer {
    pub url: String,
    pub connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A raw TCP server that follows `script` per connection (the last entry repeats).
pub async fn raw_server(script: Vec<Raw>) -> RawServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let c2 = connections.clone();
    let task = tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let n = c2.fetch_add(1, Ordering::SeqCst);
            let action = script[n.min(script.len() - 1)].clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(k) => buf.extend_from_slice(&chunk[..k]),
                    }
                }
                match action {
                    Raw::Reset => {
                        let _ = sock.set_zero_linger();
                        drop(sock);
                    }
                    Raw::Truncate(partial) => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{partial}"
                        );
                        let _ = sock.write_all(head.as_bytes()).await;
                        let _ = sock.flush().await;
                        let _ = sock.shutdown().await;
                    }
                    Raw::Respond(delay, resp) => {
                        tokio::time::sleep(delay).await;
                        let _ = sock.write_all(resp.as_bytes()).await;
                        let _ = sock.shutdown().await;
                    }
                    Raw::Silent => {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                    }
                    Raw::Trickle(every) => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n[";
                        if sock.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        loop {
                            tokio::time::sleep(every).await;
                            if sock.write_all(b" ").await.is_err() {
                                return;
                            }
                        }
                    }
                    Raw::HugeLength => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 2147483648\r\n\r\n";
                        if sock.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        let zeros = vec![0u8; 64 * 1024];
                        while sock.write_all(&zeros).await.is_ok() {}
                    }
                    Raw::Chunked(total) => {
                        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ntransfer-encoding: chunked\r\n\r\n";
                        if sock.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        let mut left = total;
                        while left > 0 {
                            let n = left.min(64 * 1024);
                            let mut chunk = format!("{n:x}\r\n").into_bytes();
                            chunk.extend(std::iter::repeat_n(b'a', n));
                            chunk.extend_from_slice(b"\r\n");
                            if sock.write_all(&chunk).await.is_err() {
                                return;
                            }
                            left -= n;
                        }
                        let _ = sock.write_all(b"0\r\n\r\n").await;
                        let _ = sock.shutdown().await;
                    }
                }
            });
        }
    });
    RawServer {
        url: format!("http://{addr}"),
        connections,
        task,
    }
}

/// A builder pointing at `url` with fast retries, fast polling (no 1 s minimum) and no
/// credential.
pub fn builder(url: &str) -> ClientBuilder<Client> {
    ClientBuilder::new(SPEC, |c| c)
        .endpoint(url)
        .unwrap()
        .retry_delays(Duration::from_millis(5), Duration::from_millis(50))
        .polling_interval(Duration::from_millis(10))
        .min_polling_interval(Duration::from_millis(1))
}

pub fn client(url: &str) -> Client {
    builder(url).build().unwrap()
}

/// A tracing writer collecting everything into a shared buffer.
#[derive(Clone, Default)]
pub struct LogBuffer(pub Arc<Mutex<Vec<u8>>>);

impl LogBuffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for LogBuffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;
    fn make_writer(&'a self) -> LogBuffer {
        self.clone()
    }
}

/// Runs `f` with a DEBUG subscriber for this thread and returns everything it logged.
pub async fn capture_logs(f: impl Future<Output = ()>) -> String {
    let buf = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(buf.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Another test thread may have cached "no subscriber wants this" for the runtime's
    // callsites before this one was set; recompute so this thread's subscriber sees them.
    tracing::callsite::rebuild_interest_cache();
    f.await;
    buf.text()
}
