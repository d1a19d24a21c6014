//! Runtime overhead vs plain reqwest, and paging throughput, against a loopback server.
//!
//! Run:
//!   cargo bench -p apigen-runtime --bench overhead
//! Knobs (env): APIGEN_BENCH_REQUESTS (default 3000 per side), APIGEN_BENCH_PAGES (default 200),
//! APIGEN_BENCH_PAGE_SIZE (default 100).
//!
//! Prints, for single GETs, the median and p90 latency of plain reqwest (send + read body +
//! serde_json decode) and of the runtime (api-version, request id, User-Agent, bearer token
//! from the cache, retry loop, tracing span, decode) and their ratio; then the item throughput
//! of a many-page list through the runtime's `Pager` and through a hand-written reqwest loop.

use std::time::{Duration, Instant};

use apigen_runtime::credentials::StaticTokenCredential;
use apigen_runtime::{ClientBuilder, Json, Method, ServiceSpec};
use axum::extract::Query;
use futures::StreamExt;
use serde::Deserialize;

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

fn main() {
    let requests = env("APIGEN_BENCH_REQUESTS", 3000);
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
            let b = plain
                .get(&plain_url)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let _: Item = serde_json::from_slice(&b).unwrap();
            let _: Item = client
                .request(Method::GET, "/item", &[])
                .call::<Item, Json>()
                .await
                .unwrap();
        }

        // Interleave in small batches so drift affects both sides alike.
        let mut t_plain = Vec::with_capacity(requests);
        let mut t_runtime = Vec::with_capacity(requests);
        let batch = 50;
        while t_plain.len() < requests {
            for _ in 0..batch {
                let s = Instant::now();
                let b = plain
                    .get(&plain_url)
                    .header("authorization", "Bearer bench-token")
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
                let _: Item = serde_json::from_slice(&b).unwrap();
                t_plain.push(s.elapsed());
            }
            for _ in 0..batch {
                let s = Instant::now();
                let _: Item = client
                    .request(Method::GET, "/item", &[])
                    .call::<Item, Json>()
                    .await
                    .unwrap();
                t_runtime.push(s.elapsed());
            }
        }
        t_plain.sort();
        t_runtime.sort();
        let (mp, mr) = (percentile(&t_plain, 0.5), percentile(&t_runtime, 0.5));
        let (pp, pr) = (percentile(&t_plain, 0.9), percentile(&t_runtime, 0.9));
        println!("single GET, {requests} requests each, loopback:");
        println!(
            "  plain reqwest   median {:>8.1} µs   p90 {:>8.1} µs",
            mp.as_secs_f64() * 1e6,
            pp.as_secs_f64() * 1e6
        );
        println!(
            "  apigen-runtime  median {:>8.1} µs   p90 {:>8.1} µs",
            mr.as_secs_f64() * 1e6,
            pr.as_secs_f64() * 1e6
        );
        println!(
            "  ratio runtime/plain (median) = {:.2}   overhead = {:+.1} µs per request",
            mr.as_secs_f64() / mp.as_secs_f64(),
            (mr.as_secs_f64() - mp.as_secs_f64()) * 1e6
        );

        // Paging throughput.
        let total = pages * page_size;
        let mut best_rt = f64::MAX;
        let mut best_plain = f64::MAX;
        for _ in 0..3 {
            let s = Instant::now();
            let mut n = 0usize;
            let mut stream = client
                .request(Method::GET, "/items", &[])
                .paged::<Item>("value", Some("nextLink"))
                .into_stream();
            while let Some(item) = stream.next().await {
                item.unwrap();
                n += 1;
            }
            assert_eq!(n, total);
            best_rt = best_rt.min(s.elapsed().as_secs_f64());

            #[derive(Deserialize)]
            struct PageBody {
                value: Vec<Item>,
                #[serde(rename = "nextLink")]
                next_link: Option<String>,
            }
            let s = Instant::now();
            let mut n = 0usize;
            let mut url = format!("{base}/items?api-version=2024-05-01");
            loop {
                let b = plain.get(&url).send().await.unwrap().bytes().await.unwrap();
                let page: PageBody = serde_json::from_slice(&b).unwrap();
                n += page.value.len();
                match page.next_link {
                    Some(l) => url = format!("{base}{l}&api-version=2024-05-01"),
                    None => break,
                }
            }
            assert_eq!(n, total);
            best_plain = best_plain.min(s.elapsed().as_secs_f64());
        }
        println!("paged list, {pages} pages x {page_size} items (best of 3):");
        println!(
            "  plain reqwest   {:>12.0} items/s",
            total as f64 / best_plain
        );
        println!("  apigen-runtime  {:>12.0} items/s", total as f64 / best_rt);
        println!(
            "  ratio runtime/plain (throughput) = {:.2}",
            best_plain / best_rt
        );
    });
}
