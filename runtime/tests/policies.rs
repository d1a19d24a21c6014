//! The pipeline's seams: user policies per client and per call, an in-memory transport, and
//! the module structure (no import cycles).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use apigen_runtime::credentials::{BoxFuture, StaticTokenCredential};
use apigen_runtime::{
    CallOptions, Client, ClientBuilder, Context, Error, HttpRequest, Json, Method, Next, Policy,
    RawResponse, RequestKind, Result, ServiceSpec, Transport,
};
use serde_json::Value;

const SPEC: ServiceSpec = ServiceSpec {
    default_endpoint: "https://management.azure.com",
    api_version: "2024-05-01",
    crate_name: "policy-test",
    crate_version: "1.0.0",
};

/// Answers from a script and records what it was sent: no socket.
#[derive(Debug, Default, Clone)]
struct Memory {
    sent: Arc<Mutex<Vec<HttpRequest>>>,
    statuses: Arc<Mutex<Vec<u16>>>,
}

impl Transport for Memory {
    fn send<'a>(&'a self, req: &'a HttpRequest) -> BoxFuture<'a, Result<RawResponse>> {
        self.sent.lock().unwrap().push(req.clone());
        let status = self.statuses.lock().unwrap().pop().unwrap_or(200);
        let url = req.url.clone();
        Box::pin(async move {
            Ok(RawResponse::for_url(
                status,
                Default::default(),
                "{\"ok\":true}".into(),
                url,
            ))
        })
    }
}

#[derive(Debug)]
struct AddHeader(&'static str, &'static str);

impl Policy for AddHeader {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        req.headers.insert(self.0, self.1.parse().unwrap());
        next.send(ctx, req)
    }
}

/// Counts attempts it sees.
#[derive(Debug, Default)]
struct CountAttempts(Arc<AtomicUsize>);

impl Policy for CountAttempts {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        next.send(ctx, req)
    }
}

/// A custom retry: resends once on 409.
#[derive(Debug)]
struct RetryConflict;

impl Policy for RetryConflict {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        Box::pin(async move {
            let r = next.send(ctx, req).await?;
            if r.status() == 409 {
                return next.send(ctx, req).await;
            }
            Ok(r)
        })
    }
}

fn client(memory: &Memory) -> ClientBuilder<Client> {
    ClientBuilder::new(SPEC, |c| c).transport(memory.clone())
}

#[tokio::test]
async fn user_policies_per_client_and_per_call_run_in_their_place() {
    let memory = Memory::default();
    let attempts = Arc::new(AtomicUsize::new(0));
    let c = client(&memory)
        .credential(StaticTokenCredential::new("in-memory-token"))
        .per_call_policy(AddHeader("x-client", "1"))
        .per_try_policy(CountAttempts(attempts.clone()))
        .retry_delays(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(2),
        )
        .build()
        .unwrap();
    memory.statuses.lock().unwrap().extend([200, 503]);
    let v: Value = c
        .request(Method::GET, "/things/{name}", &["a b"])
        .call::<Value, Json>()
        .options(
            CallOptions::new()
                .policy(AddHeader("x-call", "2"))
                .header("x-opt", "3")
                .client_request_id("req-1"),
        )
        .await
        .unwrap();
    assert_eq!(v["ok"], true);
    let sent = memory.sent.lock().unwrap().clone();
    assert_eq!(
        sent.len(),
        2,
        "a 503 then a 200: the retry policy resent it"
    );
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        2,
        "per-try policies run for every attempt"
    );
    for r in &sent {
        assert_eq!(
            r.url.as_str(),
            "https://management.azure.com/things/a%20b?api-version=2024-05-01"
        );
        assert_eq!(r.kind, RequestKind::Operation);
        assert_eq!(r.header("x-client"), Some("1"));
        assert_eq!(r.header("x-call"), Some("2"));
        assert_eq!(r.header("x-opt"), Some("3"));
        assert_eq!(r.client_request_id(), "req-1");
        assert_eq!(r.header("authorization"), Some("Bearer in-memory-token"));
        assert!(
            format!("{r:?}").contains("Sensitive"),
            "Debug hides the token: {r:?}"
        );
        assert!(!format!("{r:?}").contains("in-memory-token"));
    }
    // Without the per-call policy, the next call has no x-call header.
    let _: Value = c
        .request(Method::GET, "/x", &[])
        .call::<Value, Json>()
        .await
        .unwrap();
    assert_eq!(
        memory.sent.lock().unwrap().last().unwrap().header("x-call"),
        None
    );
}

#[tokio::test]
async fn a_call_can_send_no_client_request_id() {
    let memory = Memory::default();
    let c = client(&memory).build().unwrap();
    let call = |options: CallOptions| {
        c.request(Method::GET, "/x", &[])
            .call::<Value, Json>()
            .options(options)
    };
    let _ = call(CallOptions::new()).await.unwrap();
    let _ = call(CallOptions::new().without_client_request_id())
        .await
        .unwrap();
    let sent = memory.sent.lock().unwrap().clone();
    assert!(
        !sent[0].client_request_id().is_empty(),
        "by default every request gets an id"
    );
    assert_eq!(sent[1].header("x-ms-client-request-id"), None);
}

#[tokio::test]
async fn a_per_call_policy_can_replace_the_retry_rule() {
    let memory = Memory::default();
    let c = client(&memory).max_retries(0).build().unwrap();
    memory.statuses.lock().unwrap().extend([200, 409]);
    let r: Result<Value> = c
        .request(Method::PUT, "/x", &[])
        .call::<Value, Json>()
        .options(CallOptions::new().policy(RetryConflict))
        .await;
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(memory.sent.lock().unwrap().len(), 2);
    memory.statuses.lock().unwrap().extend([409]);
    let e: Error = c
        .request(Method::PUT, "/x", &[])
        .call::<Value, Json>()
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(409));
}

#[test]
fn an_invalid_call_header_is_an_error_not_a_panic() {
    let memory = Memory::default();
    let c = client(&memory).build().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let e = rt
        .block_on(
            c.request(Method::GET, "/x", &[])
                .call::<Value, Json>()
                .options(CallOptions::new().header("bad header", "v"))
                .send(),
        )
        .unwrap_err();
    assert!(matches!(e, Error::InvalidRequest(_)), "{e:?}");
    assert!(memory.sent.lock().unwrap().is_empty());
}

/// The runtime's modules import each other in one direction only: parse every `use crate::…`
/// and check the graph has no cycle.
#[test]
fn the_runtime_has_no_import_cycle() {
    use std::collections::{BTreeMap, BTreeSet};
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    fn module_of(rel: &std::path::Path) -> String {
        let s = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let s = s.trim_end_matches("/mod").to_string();
        // Submodules count as their top-level module: policies/auth is `policies`.
        s.split('/').next().unwrap().to_string()
    }
    fn walk(
        dir: &std::path::Path,
        root: &std::path::Path,
        graph: &mut BTreeMap<String, BTreeSet<String>>,
    ) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, graph);
                continue;
            }
            let module = module_of(p.strip_prefix(root).unwrap());
            if module == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let deps = graph.entry(module.clone()).or_default();
            for line in text.lines().map(str::trim) {
                let Some(rest) = line.strip_prefix("use crate::") else {
                    continue;
                };
                let target: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                // `use crate::{A, B}` names lib.rs re-exports: resolve each to its module.
                let targets: Vec<String> = if target.is_empty() {
                    rest.trim_start_matches('{')
                        .split(',')
                        .map(|t| t.trim().trim_end_matches("};").to_string())
                        .collect()
                } else {
                    vec![target]
                };
                for t in targets {
                    let t = reexport_module(&t);
                    if t != module && !t.is_empty() {
                        deps.insert(t);
                    }
                }
            }
        }
    }
    /// Where lib.rs re-exports a name from (names that are modules stay themselves).
    fn reexport_module(name: &str) -> String {
        let lib = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"),
        )
        .unwrap();
        let flat = lib.split_whitespace().collect::<Vec<_>>().join(" ");
        for stmt in flat.split(';') {
            let stmt = stmt.trim();
            let Some(rest) = stmt.strip_prefix("pub use ") else {
                continue;
            };
            let Some((module, names)) = rest.split_once("::") else {
                continue;
            };
            let names: Vec<&str> = names
                .trim_matches(|c| c == '{' || c == '}' || c == ' ')
                .split(',')
                .map(str::trim)
                .collect();
            if names.contains(&name) {
                return module.to_string();
            }
        }
        name.to_string()
    }
    walk(&src, &src, &mut graph);
    assert!(
        graph.contains_key("response") && graph.contains_key("pipeline"),
        "{graph:?}"
    );
    assert!(
        graph["response"]
            .iter()
            .all(|d| ["error", "redact", "util"].contains(&d.as_str())),
        "response is a leaf: {:?}",
        graph["response"]
    );
    for m in [
        "pager",
        "lro",
        "request",
        "pipeline",
        "service",
        "policies",
        "transport",
    ] {
        assert!(
            !graph[m].contains("client"),
            "{m} imports the client: {:?}",
            graph[m]
        );
    }
    // Depth-first search for a cycle.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        if let Some(i) = stack.iter().position(|s| s == n) {
            panic!("import cycle: {}", stack[i..].join(" -> ") + " -> " + n);
        }
        stack.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            visit(d, g, stack, done);
        }
        stack.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
}
