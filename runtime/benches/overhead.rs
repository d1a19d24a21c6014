//! Runtime overhead vs plain reqwest, and paging throughput, against a loopback server.
//!
//! Run:
//!   cargo bench -p apigen-runtime --bench overhead
//! Knobs (env): APIGEN_BENCH_ROUNDS (default 7), APIGEN_BENCH_REQUESTS (default 600 per side
//! and round), APIGEN_BENCH_PAGES (default 200), APIGEN_BENCH_PAGE_SIZE (default 100).
//!
//! Both sides run in the same process against the same loopback server, interleaved, so the
//! baseline is measured in the same run. For single GETs it prints the median latency of plain
//! reqwest (send + read body + serde_json decode) and of the runtime (api-version, request id,
//! User-Agent, bearer token from the cache, retry loop, timeouts, tracing span, decode), each
//! with the min–max of the per-round medians, and the ratio runtime/plain as the median of the
//! per-round ratios with its min–max. Then the same for the item throughput of a many-page list
//! through the runtime's `Pager` and through a hand-written reqwest loop. Last, heap
//! allocations per request on the client's thread for both sides (a counting allocator), the
//! figure that shows where per-request work went.
//!
//! `APIGEN_BENCH_ONLY=plain|runtime|plain-list|runtime-list` runs only that side,
//! `APIGEN_BENCH_REQUESTS` times (requests or whole lists) after the warm-up, and prints
//! nothing: for instruction counts, which are repeatable where wall-clock time is not.
//! `runtime/benches/instructions.sh` runs it under callgrind and prints instructions per
//! request and per list for both sides.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use apigen_runtime::credentials::StaticTokenCredential;
use apigen_runtime::{ClientBuilder, Json, Method, ServiceSpec};
use axum::extract::Query;
use futures::StreamExt;
use serde::Deserialize;

/// Counts allocations made on the current thread (the client's; the server has its own).
struct CountingAlloc;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

fn allocations() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

const SPEC: ServiceSpec = ServiceSpec {
    default_endpoint: "https://management.azure.com",
    api_version: "2024-05-01",
    crate_name: "bench-client",
    crate_version: "0.0.0",
};

#[derive(Deserialize)]
#[allow(dead_code)]
struct Item {
    id: String,
    name: String,
    properties: Props,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Props {
    provisioning_state: Option<String>,
    count: u64,
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<usize>,
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn item_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc/apis/api-{i}"),
        "name": format!("api-{i}"),
        "type": "Microsoft.ApiManagement/service/apis",
        "properties": {"provisioning_state": "Succeeded", "count": i, "path": "echo", "protocols": ["https"]}
    })
}

/// Start the server on its own thread and runtime; returns its base URL.
fn start_server(pages: usize, page_size: usize) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let one = item_json(1).to_string();
            let page_bodies: Vec<String> = (0..pages)
                .map(|p| {
                    let items: Vec<_> = (0..page_size)
                        .map(|i| item_json(p * page_size + i))
                        .collect();
                    let mut body = serde_json::json!({"value": items});
                    if p + 1 < pages {
                        body["nextLink"] = serde_json::json!(format!("/items?page={}", p + 1));
                    }
                    body.to_string()
                })
                .collect();
            let page_bodies = std::sync::Arc::new(page_bodies);
            let app = axum::Router::new()
                .route(
                    "/item",
                    axum::routing::get(move || {
                        let one = one.clone();
                        async move { ([("content-type", "application/json")], one) }
                    }),
                )
                .route(
                    "/items",
                    axum::routing::get(move |Query(q): Query<PageQuery>| {
                        let pages = page_bodies.clone();
                        async move {
                            (
                                [("content-type", "application/json")],
                                pages[q.page.unwrap_or(0)].clone(),
                            )
                        }
                    }),
                );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `median (min–max)` of per-round figures.
struct Spread {
    median: f64,
    min: f64,
    max: f64,
}

impl Spread {
    fn of(mut v: Vec<f64>) -> Self {
        let median = median(&mut v);
        Spread {
            median,
            min: v[0],
            max: v[v.len() - 1],
        }
    }

    fn show(&self, scale: f64, decimals: usize) -> String {
        format!(
            "{:.d$} ({:.d$}–{:.d$})",
            self.median * scale,
            self.min * scale,
            self.max * scale,
            d = decimals
        )
    }
}

#[derive(Deserialize)]
struct PageBody {
    value: Vec<Item>,
    #[serde(rename = "nextLink")]
    next_link: Option<String>,
}

/// What a hand-written client does per request: GET with the token, read the whole body.
async fn plain_body(plain: &reqwest::Client, url: &str) -> bytes::Bytes {
    plain
        .get(url)
        .header("authorization", "Bearer bench-token")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
}

async fn plain_get(plain: &reqwest::Client, url: &str) -> Item {
    serde_json::from_slice(&plain_body(plain, url).await).unwrap()
}

async fn runtime_get(client: &apigen_runtime::Client) -> Item {
    client
        .request(Method::GET, "/item", &[])
        .call::<Item, Json>()
        .await
        .unwrap()
}

async fn plain_list(plain: &reqwest::Client, base: &str) -> usize {
    let mut n = 0usize;
    let mut url = format!("{base}/items?api-version=2024-05-01");
    loop {
        let b = plain_body(plain, &url).await;
        let page: PageBody = serde_json::from_slice(&b).unwrap();
        n += page.value.len();
        match page.next_link {
            Some(l) => url = format!("{base}{l}&api-version=2024-05-01"),
            None => break,
        }
    }
    n
}

async fn runtime_list(client: &apigen_runtime::Client) -> usize {
    let mut n = 0usize;
    let mut stream = client
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .into_stream();
    while let Some(item) = stream.next().await {
        item.unwrap();
        n += 1;
    }
    n
}

fn main() {
    let rounds = env("APIGEN_BENCH_ROUNDS", 7).max(1);
    let requests = env("APIGEN_BENCH_REQUESTS", 600).max(1);
    let pages = env("APIGEN_BENCH_PAGES", 200);
    let page_size = env("APIGEN_BENCH_PAGE_SIZE", 100);
    let base = start_server(pages, page_size);

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let plain = reqwest::Client::new();
        let client = ClientBuilder::new(SPEC, |c| c)
            .endpoint(&base)
            .unwrap()
            .credential(StaticTokenCredential::new("bench-token"))
            .build()
            .unwrap();
        let plain_url = format!("{base}/item?api-version=2024-05-01");

        // Warm up both (connections, token cache).
        for _ in 0..200 {
            plain_get(&plain, &plain_url).await;
            runtime_get(&client).await;
        }

        if let Ok(side) = std::env::var("APIGEN_BENCH_ONLY") {
            for _ in 0..requests {
                match side.as_str() {
                    "plain" => drop(plain_get(&plain, &plain_url).await),
                    "runtime" => drop(runtime_get(&client).await),
                    "plain-list" => assert_eq!(plain_list(&plain, &base).await, pages * page_size),
                    "runtime-list" => assert_eq!(runtime_list(&client).await, pages * page_size),
                    other => panic!("APIGEN_BENCH_ONLY={other}: expected plain, runtime, plain-list or runtime-list"),
                }
            }
            return;
        }

        // Per round: both sides interleaved in small batches so drift affects both alike.
        let (mut m_plain, mut m_runtime, mut ratios) = (vec![], vec![], vec![]);
        let batch = 50;
        for _ in 0..rounds {
            let mut t_plain = Vec::with_capacity(requests);
            let mut t_runtime = Vec::with_capacity(requests);
            while t_plain.len() < requests {
                for _ in 0..batch {
                    let s = Instant::now();
                    plain_get(&plain, &plain_url).await;
                    t_plain.push(s.elapsed());
                }
                for _ in 0..batch {
                    let s = Instant::now();
                    runtime_get(&client).await;
                    t_runtime.push(s.elapsed());
                }
            }
            t_plain.sort();
            t_runtime.sort();
            let (p, r) = (
                percentile(&t_plain, 0.5).as_secs_f64(),
                percentile(&t_runtime, 0.5).as_secs_f64(),
            );
            m_plain.push(p);
            m_runtime.push(r);
            ratios.push(r / p);
        }
        let (sp, sr) = (Spread::of(m_plain), Spread::of(m_runtime));
        println!("single GET, {rounds} rounds x {requests} requests each side, loopback:");
        println!("  plain reqwest   median {} µs", sp.show(1e6, 1));
        println!("  apigen-runtime  median {} µs", sr.show(1e6, 1));
        println!(
            "  ratio runtime/plain (median of per-round ratios) = {}   overhead = {:+.1} µs per request",
            Spread::of(ratios).show(1.0, 3),
            (sr.median - sp.median) * 1e6
        );

        // Paging throughput, sides alternating which goes first.
        let total = pages * page_size;
        let (mut ips_plain, mut ips_runtime, mut ratios) = (vec![], vec![], vec![]);
        for round in 0..rounds {
            let mut time_plain = 0.0;
            let mut time_runtime = 0.0;
            for side in 0..2 {
                let s = Instant::now();
                if (side + round) % 2 == 0 {
                    assert_eq!(plain_list(&plain, &base).await, total);
                    time_plain = s.elapsed().as_secs_f64();
                } else {
                    assert_eq!(runtime_list(&client).await, total);
                    time_runtime = s.elapsed().as_secs_f64();
                }
            }
            ips_plain.push(total as f64 / time_plain);
            ips_runtime.push(total as f64 / time_runtime);
            ratios.push(time_plain / time_runtime);
        }
        println!("paged list, {pages} pages x {page_size} items, {rounds} rounds:");
        println!(
            "  plain reqwest   {} items/s",
            Spread::of(ips_plain).show(1.0, 0)
        );
        println!(
            "  apigen-runtime  {} items/s",
            Spread::of(ips_runtime).show(1.0, 0)
        );
        println!(
            "  ratio runtime/plain (throughput, median of per-round ratios) = {}",
            Spread::of(ratios).show(1.0, 3)
        );

        // Allocations per request on this thread (the server's are on its own).
        let n = 500u64;
        let before = allocations();
        for _ in 0..n {
            plain_get(&plain, &plain_url).await;
        }
        let plain_allocs = (allocations() - before) as f64 / n as f64;
        let before = allocations();
        for _ in 0..n {
            runtime_get(&client).await;
        }
        let runtime_allocs = (allocations() - before) as f64 / n as f64;
        println!("heap allocations per single GET (client thread):");
        println!("  plain reqwest   {plain_allocs:.1}");
        println!("  apigen-runtime  {runtime_allocs:.1}");
    });
}
