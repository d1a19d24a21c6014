//! Conformance testing of generated clients against a spec's recorded examples
//! (`x-ms-examples`), behind the `testing` feature.
//!
//! A generated crate's `tests/conformance.rs` lists one [`Case`] per operation: where its example
//! files are, the request's shape, and a `run` function that calls the operation through the
//! crate's public API with the example's parameters. [`run_cases`] then, for each example file
//! present:
//!
//! 1. starts a loopback server that expects the example's request (method, percent-encoded path,
//!    query including `api-version`, header parameters, JSON body compared as JSON);
//! 2. answers with the example's response; long-running operations get the polling responses a
//!    real service sends (status monitor, then the final resource), pageable operations a second
//!    page when the example has a `nextLink`;
//! 3. compares the typed result, re-serialised, with the example's body, listing every difference
//!    by JSON pointer; differences named in the allow-list file are counted, not failed;
//!    an error example must come back as an [`Error`](crate::Error) with its code and message.
//!    A call that fails to decode a `null` the example holds where its schema does not allow
//!    one (the example breaks its own schema) passes only when the allow-list names that
//!    pointer into the example file (`/parameters/…`, `/responses/200/body/…`).
//!
//! A referenced example file that is absent is skipped and counted. The run prints a summary
//! and a closing `N passed, M failed` line.
//!
//! ```no_run
//! // Generated code calls it like this:
//! # use apigen_runtime::testing::*;
//! # const CASES: &[Case] = &[];
//! fn main() -> std::process::ExitCode {
//!     run_cases(&Suite { name: "my-client", allow_list: "allow.txt", client_params: &["subscriptionId"], cases: CASES })
//! }
//! ```

use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Pager, RetryOptions};

/// Any error a case's `run` function returns.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// What a case's `run` function returns: the typed result re-serialised.
pub type RunResult<'a> = Pin<Box<dyn Future<Output = Result<Value, BoxError>> + Send + 'a>>;
/// A case's `run` function: (loopback endpoint, example parameters) → result.
pub type RunFn = for<'a> fn(&'a str, &'a Params) -> RunResult<'a>;

/// What kind of call an operation is; decides which responses the server replays.
///
/// ```
/// use apigen_runtime::testing::Shape;
/// // `x-ms-pageable` with `itemName: value`, `nextLinkName: nextLink`:
/// let shape = Shape::Paged { item_name: "value", next_link_name: Some("nextLink") };
/// assert!(matches!(shape, Shape::Paged { next_link_name: Some(_), .. }));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// One request, one response.
    Plain,
    /// `x-ms-pageable`: the result is the items of all pages.
    Paged {
        /// Field holding the items.
        item_name: &'static str,
        /// Field holding the next link; `None` for single-page lists.
        next_link_name: Option<&'static str>,
    },
    /// `x-ms-long-running-operation`: polled until the final result.
    LongRunning,
    /// A HEAD existence check: the result is whether the example's status is a success.
    Exists,
}

/// One operation and its example files.
///
/// ```
/// use apigen_runtime::testing::{Case, Params, RunResult, Shape};
/// fn run<'a>(endpoint: &'a str, params: &'a Params) -> RunResult<'a> {
///     Box::pin(async move {
///         let name = params.string("serviceName")?;
///         // ... build the client on `endpoint`, call the operation, re-serialise the result:
///         Ok(serde_json::json!({ "name": name, "endpoint": endpoint }))
///     })
/// }
/// const CASE: Case = Case {
///     operation_id: "ApiManagementService_Get",
///     examples: &[("Get", "specs/examples/ApiManagementServiceGetService.json")],
///     method: "GET",
///     path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/{serviceName}",
///     query: &["api-version"],
///     headers: &[],
///     constants: &[],
///     body: None,
///     shape: Shape::Plain,
///     run,
/// };
/// assert_eq!(CASE.method, "GET");
/// ```
#[derive(Clone, Copy)]
pub struct Case {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// (example name, path of the example file, relative to the working directory).
    pub examples: &'static [(&'static str, &'static str)],
    /// HTTP method.
    pub method: &'static str,
    /// The spec's path template.
    pub path: &'static str,
    /// Wire names of the query parameters the operation may send.
    pub query: &'static [&'static str],
    /// Wire names of the header parameters the operation may send.
    pub headers: &'static [&'static str],
    /// Parameters fixed by the spec: (wire name, value).
    pub constants: &'static [(&'static str, &'static str)],
    /// Wire name of the body parameter, if any.
    pub body: Option<&'static str>,
    /// Kind of call.
    pub shape: Shape,
    /// Calls the operation through the public API.
    pub run: RunFn,
}

/// A whole conformance run.
///
/// ```
/// use apigen_runtime::testing::Suite;
/// let suite = Suite {
///     name: "my-client",
///     allow_list: "conformance-allow.txt",
///     client_params: &["subscriptionId"],
///     cases: &[],
/// };
/// // `run_cases(&suite)` replays every example file present and prints the summary.
/// assert!(suite.cases.is_empty());
/// ```
pub struct Suite {
    /// Name printed in the summary.
    pub name: &'static str,
    /// File of allowed differences: one per line, `<example file name> <json pointer> <reason>`;
    /// `#` starts a comment. A missing file means no allowed differences.
    pub allow_list: &'static str,
    /// Wire names of client parameters (taken from the example to build the client).
    pub client_params: &'static [&'static str],
    /// The cases.
    pub cases: &'static [Case],
}

/// The `parameters` object of an example, with typed accessors for generated `run` functions.
///
/// ```
/// use apigen_runtime::testing::Params;
/// let json = serde_json::json!({ "serviceName": "apim1", "top": 10, "If-Match": "*" });
/// let params = Params::new(json.as_object().unwrap().clone());
/// assert_eq!(params.string("serviceName").unwrap(), "apim1");
/// assert_eq!(params.optional::<i32>("top").unwrap(), Some(10));
/// assert_eq!(params.optional::<i32>("skip").unwrap(), None);
/// assert!(params.string("missing").unwrap_err().to_string().contains("`missing`"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Params(Map<String, Value>);

impl Params {
    /// Wraps an example's parameters.
    pub fn new(parameters: Map<String, Value>) -> Self {
        Params(parameters)
    }

    /// A required parameter as a string (numbers and booleans as their JSON text).
    pub fn string(&self, name: &str) -> Result<String, BoxError> {
        match self.0.get(name) {
            Some(value) => Ok(wire_string(value)),
            None => Err(format!("the example has no parameter `{name}`").into()),
        }
    }

    /// A required parameter deserialised into the operation's type.
    pub fn value<T: DeserializeOwned>(&self, name: &str) -> Result<T, BoxError> {
        let value = self
            .0
            .get(name)
            .ok_or_else(|| format!("the example has no parameter `{name}`"))?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            Box::new(ParamMismatch {
                name: name.to_string(),
                path,
                message,
            }) as BoxError
        })
    }

    /// An optional parameter, if the example gives it.
    pub fn optional<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, BoxError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.value(name).map(Some),
        }
    }
}

/// An example parameter that does not fit the operation's type.
#[derive(Debug)]
pub struct ParamMismatch {
    /// The parameter.
    pub name: String,
    /// Where in its value, as a serde path (`.` for the value itself).
    pub path: String,
    /// What does not fit.
    pub message: String,
}

impl std::fmt::Display for ParamMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "example parameter `{}` does not fit its type at `{}`: {}",
            self.name, self.path, self.message
        )
    }
}

impl std::error::Error for ParamMismatch {}

/// Where in the example file a call that failed to decode met a `null`: the example holds a
/// `null` its schema does not allow (in a parameter or a response body).
fn null_the_schema_rejects(example: &Value, error: &BoxError) -> Option<String> {
    let candidates: Vec<String> = if let Some(p) = error.downcast_ref::<ParamMismatch>() {
        vec![format!(
            "/parameters/{}{}",
            p.name,
            path_to_pointer(&p.path)
        )]
    } else if let Some(crate::Error::Deserialize { path, .. }) =
        error.downcast_ref::<crate::Error>()
    {
        let codes = example.get("responses").and_then(Value::as_object);
        codes
            .into_iter()
            .flat_map(|c| c.keys())
            .map(|code| format!("/responses/{code}/body{}", path_to_pointer(path)))
            .collect()
    } else {
        Vec::new()
    };
    candidates
        .into_iter()
        .find(|c| example.pointer(c) == Some(&Value::Null))
}

/// A serde path (`value[3].properties.scopes`, `.` for the root) as a JSON pointer.
fn path_to_pointer(path: &str) -> String {
    let mut out = String::new();
    if path == "." {
        return out;
    }
    for part in path.split('.') {
        let (key, indices) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push('/');
            out.push_str(&key.replace('~', "~0").replace('/', "~1"));
        }
        for index in indices.split(['[', ']']).filter(|i| !i.is_empty()) {
            out.push('/');
            out.push_str(index);
        }
    }
    out
}

/// Retry options for conformance runs: none (a mismatch must fail at once).
pub fn no_retries() -> RetryOptions {
    RetryOptions {
        max_retries: 0,
        ..RetryOptions::default()
    }
}

/// A typed result as JSON, for comparison with the example: all that was read, read-only
/// properties too.
pub fn to_json<T: Serialize>(value: T) -> Result<Value, BoxError> {
    Ok(serde_json::to_value(value)?)
}

/// All items of a pager as a JSON array.
pub async fn collect<T: Serialize + DeserializeOwned + Send + 'static>(
    pager: Pager<T>,
) -> Result<Value, BoxError> {
    let items: Vec<T> = pager.try_collect().await?;
    to_json(items)
}

fn wire_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(wire_string).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// How one example file ended.
#[derive(Debug)]
enum Outcome {
    Passed { allowed: usize },
    Failed(Vec<String>),
}

/// Runs every case and prints the summary; fails if any example present fails.
pub fn run_cases(suite: &Suite) -> ExitCode {
    let allow = load_allow_list(suite.allow_list);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformance: cannot start tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (mut found, mut absent, mut passed, mut failed, mut allowed_total) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in suite.cases {
        for (name, file) in case.examples {
            let Ok(text) = std::fs::read_to_string(file) else {
                absent += 1;
                continue;
            };
            found += 1;
            let file_name = Path::new(file)
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or(file);
            let outcome = match serde_json::from_str::<Value>(&text) {
                Ok(example) => {
                    runtime.block_on(run_example(suite, case, file_name, &example, &allow))
                }
                Err(e) => Outcome::Failed(vec![format!("the example is not JSON: {e}")]),
            };
            match outcome {
                Outcome::Passed { allowed } => {
                    passed += 1;
                    allowed_total += allowed;
                    println!(
                        "conformance: ok     {} ({name}: {file_name})",
                        case.operation_id
                    );
                }
                Outcome::Failed(problems) => {
                    failed += 1;
                    println!("conformance: FAILED {} ({name}: {file})", case.operation_id);
                    for p in &problems {
                        println!("    {p}");
                    }
                    failures.push(format!("{} ({file})", case.operation_id));
                }
            }
        }
    }
    println!();
    println!("conformance summary for {}:", suite.name);
    println!("  operations with examples:   {}", suite.cases.len());
    println!("  example files found:        {found}");
    println!("  referenced but absent:      {absent} (skipped)");
    println!("  passed:                     {passed}");
    println!("  failed:                     {failed}");
    println!("  allow-listed differences:   {allowed_total}");
    for f in &failures {
        println!("  failed: {f}");
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && found > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// (example file name, JSON pointer) pairs whose differences are accepted.
fn load_allow_list(path: &str) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

/// What the loopback server replays for one example.
struct Script {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    /// The first response: status, headers, body.
    initial: (u16, Vec<(String, String)>, Option<Value>),
    /// Body of the final resource of a long-running operation (`None`: 204).
    final_body: Option<Value>,
    /// Second page, if the first has a next link.
    page2: Option<Value>,
    /// Mismatches seen by the server.
    problems: Mutex<Vec<String>>,
}

async fn run_example(
    suite: &Suite,
    case: &Case,
    file_name: &str,
    example: &Value,
    allow: &[(String, String)],
) -> Outcome {
    let mut problems = Vec::new();
    let parameters = example
        .get("parameters")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let responses = example
        .get("responses")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let params = Params::new(parameters.clone());

    // The request the client must send.
    let mut path = String::new();
    let mut rest = case.path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = parameters.get(name).map(wire_string).or_else(|| {
            case.constants
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        });
        match value {
            Some(v) => path.push_str(
                &percent_encoding::utf8_percent_encode(&v, crate::util::PATH_SEGMENT).to_string(),
            ),
            None => {
                return Outcome::Failed(vec![format!(
                    "the example has no value for path parameter `{name}`"
                )])
            }
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    let mut query: Vec<(String, String)> = Vec::new();
    if let Some(v) = parameters.get("api-version") {
        query.push(("api-version".into(), wire_string(v)));
    }
    for name in case.query {
        if let Some(v) = parameters.get(*name).or(None) {
            query.push((name.to_string(), wire_string(v)));
        } else if let Some((_, c)) = case.constants.iter().find(|(n, _)| n == name) {
            query.push((name.to_string(), c.to_string()));
        }
    }
    let headers: Vec<(String, String)> = case
        .headers
        .iter()
        .filter_map(|h| {
            parameters
                .get(*h)
                .map(|v| (h.to_ascii_lowercase(), wire_string(v)))
        })
        .collect();
    let body = case.body.and_then(|b| parameters.get(b).cloned());

    // The responses to replay.
    let mut codes: Vec<(u16, &Value)> = responses
        .iter()
        .filter_map(|(code, r)| Some((code.parse::<u16>().ok()?, r)))
        .collect();
    codes.sort_by_key(|(c, _)| *c);
    let success: Vec<&(u16, &Value)> = codes
        .iter()
        .filter(|(c, _)| (200..300).contains(c))
        .collect();
    // An existence check answers a 404 with `false`, not an error.
    let error_example = success.is_empty()
        && !(matches!(case.shape, Shape::Exists) && codes.iter().any(|(c, _)| *c == 404));
    let chosen = match (&case.shape, success.as_slice()) {
        (_, []) => codes.first().copied(),
        // The initial response of a long-running operation: the one that says "accepted".
        (Shape::LongRunning, list) => list
            .iter()
            .find(|(_, r)| {
                r.get("headers")
                    .and_then(Value::as_object)
                    .is_some_and(|h| !h.is_empty())
            })
            .or(list.first())
            .map(|x| **x),
        (_, list) => list.first().map(|x| **x),
    };
    let Some((status, response)) = chosen else {
        return Outcome::Failed(vec!["the example has no responses".into()]);
    };
    let response_headers: Vec<(String, String)> = response
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| h.iter().map(|(k, v)| (k.clone(), wire_string(v))).collect())
        .unwrap_or_default();
    let response_body = response.get("body").cloned();
    let final_body = responses
        .get("200")
        .or(responses.get("201"))
        .and_then(|r| r.get("body"))
        .cloned();

    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => return Outcome::Failed(vec![format!("cannot listen on 127.0.0.1: {e}")]),
    };
    let endpoint = format!(
        "http://{}",
        listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default()
    );

    // Pageable: a second page when the example has a next link.
    let mut initial_body = response_body.clone();
    let mut page2 = None;
    if let (
        Shape::Paged {
            next_link_name: Some(next),
            ..
        },
        Some(Value::Object(page)),
    ) = (&case.shape, &mut initial_body)
    {
        if page
            .get(*next)
            .is_some_and(|l| l.as_str().is_some_and(|s| !s.is_empty()))
        {
            let mut second = page.clone();
            second.remove(*next);
            page.insert(
                next.to_string(),
                Value::String(format!("{endpoint}/__apigen/page2")),
            );
            page2 = Some(Value::Object(second));
        }
    }

    // Long-running: polling URLs point back at the server.
    let mut initial_headers = response_headers.clone();
    if matches!(case.shape, Shape::LongRunning) {
        for (name, value) in initial_headers.iter_mut() {
            match name.to_ascii_lowercase().as_str() {
                "azure-asyncoperation" | "operation-location" => {
                    *value = format!("{endpoint}/__apigen/status")
                }
                "location" => *value = format!("{endpoint}/__apigen/location"),
                _ => {}
            }
        }
        initial_headers.push(("Retry-After".into(), "0".into()));
    }

    let script = Arc::new(Script {
        method: case.method.to_string(),
        path,
        query,
        headers,
        body,
        initial: (status, initial_headers, initial_body),
        final_body: final_body.clone(),
        page2: page2.clone(),
        problems: Mutex::new(Vec::new()),
    });
    let app = axum::Router::new()
        .fallback(serve)
        .with_state(script.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let result = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        (case.run)(&endpoint, &params),
    )
    .await;
    server.abort();
    problems.extend(
        script
            .problems
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default(),
    );

    let result = match result {
        Ok(r) => r,
        Err(_) => return Outcome::Failed(vec!["the call did not finish within 30 s".into()]),
    };
    let _ = suite;

    // What the call must return.
    let mut allowed = 0;
    match (result, error_example) {
        (Ok(actual), false) => {
            let expected = match case.shape {
                Shape::Plain => response_body.unwrap_or(Value::Null),
                Shape::Exists => Value::Bool((200..300).contains(&status)),
                Shape::Paged { item_name, .. } => {
                    let items = |b: &Option<Value>| {
                        b.as_ref()
                            .and_then(|b| b.get(item_name))
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default()
                    };
                    let mut all = items(&response_body);
                    all.extend(items(&page2));
                    Value::Array(all)
                }
                Shape::LongRunning => final_body.unwrap_or(Value::Null),
            };
            let mut differences = Vec::new();
            diff("", &expected, &actual, &mut differences);
            for (pointer, message) in differences {
                if allow.iter().any(|(f, p)| {
                    f == file_name && (pointer == *p || pointer.starts_with(&format!("{p}/")))
                }) {
                    allowed += 1;
                } else {
                    problems.push(format!("{pointer}: {message}"));
                }
            }
        }
        (Ok(actual), true) => problems.push(format!(
            "expected the example's error (HTTP {status}), got a result: {actual}"
        )),
        (Err(e), true) => match e.downcast_ref::<crate::Error>() {
            Some(err) => {
                let expected = response_body
                    .as_ref()
                    .and_then(|b| b.get("error"))
                    .cloned()
                    .unwrap_or(Value::Null);
                let code = expected.get("code").and_then(Value::as_str);
                let message = expected.get("message").and_then(Value::as_str);
                if err.status() != Some(status) {
                    problems.push(format!(
                        "error status: expected {status}, got {:?}",
                        err.status()
                    ));
                }
                if code.is_some() && err.code() != code {
                    problems.push(format!(
                        "error code: expected {code:?}, got {:?}",
                        err.code()
                    ));
                }
                let got = err.error_detail().and_then(|d| d.message.as_deref());
                if message.is_some() && got != message {
                    problems.push(format!("error message: expected {message:?}, got {got:?}"));
                }
            }
            None => problems.push(format!("expected the runtime's HTTP error, got: {e}")),
        },
        // The example itself breaks its schema: accepted only when the allow-list says why.
        (Err(e), false) => match null_the_schema_rejects(example, &e) {
            Some(at) if allow.iter().any(|(f, p)| f == file_name && *p == at) => allowed += 1,
            Some(at) => problems.push(format!(
                "the call failed: {e} (the example holds a `null` at {at} that its schema does \
                 not allow; allow-list that pointer with the reason if the example is at fault)"
            )),
            None => problems.push(format!("the call failed: {e}")),
        },
    }
    let _ = suite.client_params;
    if problems.is_empty() {
        Outcome::Passed { allowed }
    } else {
        Outcome::Failed(problems)
    }
}

/// The loopback server: checks the operation's request, replays the responses.
async fn serve(State(script): State<Arc<Script>>, request: Request) -> Response {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let raw_query = request.uri().query().unwrap_or("").to_string();
    let headers = request.headers().clone();
    let body = axum::body::to_bytes(request.into_body(), 16 << 20)
        .await
        .unwrap_or_default();

    if path == "/__apigen/status" {
        return json_response(200, &[], Some(serde_json::json!({ "status": "Succeeded" })));
    }
    if path == "/__apigen/location"
        || (method == "GET" && path == script.path && script.method != "GET")
    {
        return json_response(
            if script.final_body.is_some() {
                200
            } else {
                204
            },
            &[],
            script.final_body.clone(),
        );
    }
    if path == "/__apigen/page2" {
        return json_response(200, &[], script.page2.clone());
    }
    let mut problems = Vec::new();
    if method != script.method {
        problems.push(format!(
            "request method: expected {}, got {method}",
            script.method
        ));
    }
    if path != script.path {
        problems.push(format!(
            "request path: expected {}, got {path}",
            script.path
        ));
    }
    let mut got_query: Vec<(String, String)> = url::form_urlencoded::parse(raw_query.as_bytes())
        .into_owned()
        .collect();
    let mut want_query = script.query.clone();
    got_query.sort();
    want_query.sort();
    if got_query != want_query {
        problems.push(format!(
            "request query: expected {want_query:?}, got {got_query:?}"
        ));
    }
    for (name, value) in &script.headers {
        let got = headers.get(name.as_str()).and_then(|v| v.to_str().ok());
        if got != Some(value.as_str()) {
            problems.push(format!(
                "request header {name}: expected {value:?}, got {got:?}"
            ));
        }
    }
    if let Some(expected) = &script.body {
        match serde_json::from_slice::<Value>(&body) {
            Ok(actual) => {
                let mut differences = Vec::new();
                diff("", expected, &actual, &mut differences);
                problems.extend(
                    differences
                        .into_iter()
                        .map(|(p, m)| format!("request body {p}: {m}")),
                );
            }
            Err(e) => problems.push(format!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&body)
            )),
        }
    }
    if !problems.is_empty() {
        if let Ok(mut all) = script.problems.lock() {
            all.extend(problems.iter().cloned());
        }
        let error = serde_json::json!({ "error": { "code": "ConformanceMismatch", "message": problems.join("; ") } });
        return json_response(400, &[], Some(error));
    }
    let (status, headers, body) = &script.initial;
    json_response(*status, headers, body.clone())
}

fn json_response(status: u16, headers: &[(String, String)], body: Option<Value>) -> Response {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            map.insert(n, v);
        }
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match body {
        Some(body) => {
            map.insert("content-type", HeaderValue::from_static("application/json"));
            (status, map, Bytes::from(body.to_string())).into_response()
        }
        None => (status, map).into_response(),
    }
}

/// Differences between the example (`expected`) and the client's result (`actual`), by JSON
/// pointer. `null` and an absent member are the same; numbers compare by value; strings that
/// are both date-times compare as instants (the client normalises their format).
pub fn diff(pointer: &str, expected: &Value, actual: &Value, out: &mut Vec<(String, String)>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeMap<&String, ()> = e.keys().chain(a.keys()).map(|k| (k, ())).collect();
            for key in keys.keys() {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                diff(
                    &child,
                    e.get(*key).unwrap_or(&Value::Null),
                    a.get(*key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push((
                    pointer.to_string(),
                    format!("expected {} items, got {}", e.len(), a.len()),
                ));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                diff(&format!("{pointer}/{i}"), x, y, out);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        (Value::String(e), Value::String(a)) if e == a || same_instant(e, a) => {}
        (e, a) if e == a => {}
        (e, a) => out.push((pointer.to_string(), format!("expected {e}, got {a}"))),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    let parse = |s: &str| crate::date_time::parse(s).ok();
    matches!((parse(a), parse(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_paths_become_pointers_into_the_example() {
        assert_eq!(path_to_pointer("."), "");
        assert_eq!(path_to_pointer("name"), "/name");
        assert_eq!(
            path_to_pointer("value[3].properties.grantTypes.authorizationCode.scopes"),
            "/value/3/properties/grantTypes/authorizationCode/scopes"
        );
        assert_eq!(path_to_pointer("[0][1].a/b"), "/0/1/a~1b");
        let example = serde_json::json!({
            "parameters": {"body": {"tags": {"a": null}}},
            "responses": {"200": {"body": {"value": [{"tags": {"b": null}}]}}}
        });
        let param: BoxError = Box::new(ParamMismatch {
            name: "body".into(),
            path: "tags.a".into(),
            message: "invalid type: null".into(),
        });
        assert_eq!(
            null_the_schema_rejects(&example, &param).as_deref(),
            Some("/parameters/body/tags/a")
        );
        let elsewhere: BoxError = Box::new(ParamMismatch {
            name: "body".into(),
            path: "tags".into(),
            message: "invalid type: map".into(),
        });
        assert_eq!(null_the_schema_rejects(&example, &elsewhere), None);
    }
}
