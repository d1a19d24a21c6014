//! `cargo xtask bench [--runs N] [--skip-baseline] [--skip-corpus] [--linearity-only]`: what the
//! generated client costs (`--linearity-only`: the linearity figures alone).
//!
//! Prints, with medians over N runs (default 3) measured in this one run on this machine (the
//! two `cargo check`s alternate, so load on the machine falls on both alike):
//! - generation time (load → convert → lower → emit, rustfmt included);
//! - generated lines;
//! - `cargo check` time of the generated crate alone (its dependencies already built), with
//!   every group and with one group only (`--no-default-features --features authorization`);
//! - the same two figures for `azure_mgmt_apimanagement` 0.21 from crates.io (the previous Rust
//!   generator's output for this API, default tag `package-preview-2023-09`, rustls), built the
//!   same way in a scratch project under `target/`, and the ratios;
//! - generation time (median, min-max) and the generator's peak memory for ApiManagement and, from
//!   the corpus (`cargo xtask corpus`'s pinned package), Kubernetes, Stripe and the largest spec,
//!   each run in a child process (`xtask bench-one`) that reports its own peak resident set
//!   (`VmHWM`; rustfmt's processes are not counted), the corpus specs both fully formatted and
//!   with `--format none`, and each one's time per MB of spec;
//! - linearity: generation time of a synthetic spec (`linearity_spec`) at 1×, 2× and 4× its
//!   size, and each time's ratio to the 1× one (about 2 and 4 when time is linear in the spec);
//! - `cargo doc` time and peak memory of the generated crate against its guard (`doc_time.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BASELINE_CRATE: &str = "azure_mgmt_apimanagement";
const BASELINE_VERSION: &str = "0.21.0";
/// The one operation group the single-group figure enables.
const SINGLE_GROUP: &[&str] = &["--no-default-features", "--features", "authorization"];

pub fn run(args: &[String]) -> Result<(), String> {
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse::<usize>().map_err(|e| format!("--runs: {e}")))
        .transpose()?
        .unwrap_or(3)
        .max(1);
    let skip_baseline = args.iter().any(|a| a == "--skip-baseline");
    let root = crate::root();
    linearity(runs)?;
    if args.iter().any(|a| a == "--linearity-only") {
        return Ok(());
    }
    if !args.iter().any(|a| a == "--skip-corpus") {
        large_specs(runs)?;
    }

    let mut generation = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let (_, files) = crate::generate(&root)?;
        generation.push(start.elapsed());
        lines = apigen::LineCount::of(&files).library;
    }
    println!(
        "generation time (median of {runs}): {:.2} s",
        secs(median(&mut generation))
    );
    println!("generated lines (src/, what users compile): {lines}");

    let ours = CheckTarget {
        dir: root.clone(),
        target: root.join("target/bench-check"),
        package: "apim-client",
        features: &[],
    };
    ours.prepare()?;
    let single = CheckTarget {
        features: SINGLE_GROUP,
        ..ours.clone()
    };
    if skip_baseline {
        let mut check = Duration::ZERO;
        for (what, target) in [("alone", &ours), ("with one group", &single)] {
            let mut samples = (0..runs)
                .map(|_| target.time_once())
                .collect::<Result<Vec<_>, _>>()?;
            let median = median(&mut samples);
            if what == "alone" {
                check = median;
            }
            println!(
                "cargo check of generated/ {what} (median of {runs}): {:.2} s",
                secs(median)
            );
        }
        return crate::doc_time::print(runs, check);
    }
    let project = baseline_project(&root)?;
    let baseline = CheckTarget {
        target: project.join("target"),
        dir: project.clone(),
        package: BASELINE_CRATE,
        features: &[],
    };
    baseline.prepare()?;
    // Alternate the two so that whatever else the machine does falls on both alike.
    let (mut ours_samples, mut baseline_samples, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let (mut single_samples, mut single_ratios) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let o = ours.time_once()?;
        let b = baseline.time_once()?;
        let s = single.time_once()?;
        ratios.push(secs(o) / secs(b));
        single_ratios.push(secs(s) / secs(b));
        ours_samples.push(o);
        baseline_samples.push(b);
        single_samples.push(s);
    }
    ratios.sort_by(f64::total_cmp);
    single_ratios.sort_by(f64::total_cmp);
    let ratio = ratios[ratios.len() / 2];
    let check = median(&mut ours_samples);
    println!(
        "cargo check of generated/ alone (median of {runs}, alternating with the baseline): {:.2} s",
        secs(check)
    );
    crate::doc_time::print(runs, check)?;
    let baseline_lines = baseline_lines(&project)?;
    println!(
        "{BASELINE_CRATE} {BASELINE_VERSION}: cargo check (median of {runs}): {:.2} s, lines: {baseline_lines}",
        secs(median(&mut baseline_samples))
    );
    println!(
        "ratio generated/baseline: check time {ratio:.3} (median of per-run ratios, {:.3}..{:.3}; {:.1}x faster), lines {:.3} ({:.1}x fewer)",
        ratios[0],
        ratios[ratios.len() - 1],
        1.0 / ratio,
        lines as f64 / baseline_lines as f64,
        baseline_lines as f64 / lines as f64,
    );
    single_samples.sort();
    println!(
        "cargo check of generated/ with one group ({}; median of {runs}): {:.2} s ({:.2}-{:.2}); \
         ratio to the baseline {:.3} (median of per-run ratios, {:.3}..{:.3}; bar 0.05)",
        SINGLE_GROUP.join(" "),
        secs(median(&mut single_samples)),
        secs(single_samples[0]),
        secs(single_samples[single_samples.len() - 1]),
        single_ratios[single_ratios.len() / 2],
        single_ratios[0],
        single_ratios[single_ratios.len() - 1],
    );
    Ok(())
}

/// The corpus specs timed besides ApiManagement (paths below the package's `api/`).
const LARGE_SPECS: &[&str] = &["kubernetes.io.json", "stripe.com.json"];

/// Generation time and peak memory of ApiManagement and the large corpus specs, each generated
/// `runs` times in a child process; a spec that fails to generate is reported, not fatal.
fn large_specs(runs: usize) -> Result<(), String> {
    let api = crate::corpus::corpus_dir()?;
    let largest = crate::corpus::specs(&api)
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .ok_or("the corpus has no specs")?;
    let mut specs: Vec<(String, Option<PathBuf>)> = vec![("ApiManagement (specs/)".into(), None)];
    for spec in LARGE_SPECS.iter().map(|s| api.join(s)).chain([largest]) {
        let id = spec
            .strip_prefix(&api)
            .unwrap_or(&spec)
            .display()
            .to_string();
        specs.push((id, Some(spec)));
    }
    println!(
        "generation in a child process (median of {runs}, min-max; peak RSS of the generator):"
    );
    for (id, spec) in specs {
        let size = spec
            .as_ref()
            .and_then(|s| std::fs::metadata(s).ok())
            .map_or(String::new(), |m| {
                format!(" ({:.1} MB)", m.len() as f64 / 1e6)
            });
        // ApiManagement is formatted in full only: `cargo xtask codegen` commits it so.
        let formattings: &[&str] = match spec {
            None => &["rustfmt"],
            Some(_) => &["rustfmt", "none"],
        };
        for formatting in formattings {
            time_in_children(&id, &size, spec.as_deref(), formatting, runs);
        }
    }
    Ok(())
}

/// Prints the median, min-max, CPU time and peak RSS of `runs` child generations of one spec
/// (and the median per MB of spec), returning the median CPU time (on a busy machine the
/// steadier figure).
fn time_in_children(
    id: &str,
    size: &str,
    spec: Option<&Path>,
    formatting: &str,
    runs: usize,
) -> Option<Duration> {
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut peak_kb = 0;
    let mut failure = None;
    for _ in 0..runs {
        match generate_in_child(spec, formatting) {
            Ok((time, kb, cpu)) => {
                times.push(time);
                cpu_times.push(cpu);
                peak_kb = peak_kb.max(kb);
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    if let Some(e) = failure {
        println!("  {id}{size} --format {formatting}: generation failed: {e}");
        return None;
    }
    let middle = median(&mut times);
    let per_mb = spec
        .and_then(|s| std::fs::metadata(s).ok())
        .map_or(String::new(), |m| {
            format!(", {:.2} s/MB", secs(middle) / (m.len() as f64 / 1e6))
        });
    let cpu = median(&mut cpu_times);
    println!(
        "  {id}{size} --format {formatting}: {:.2} s ({:.2}-{:.2}){per_mb}, cpu {:.2} s, peak {} MB",
        secs(middle),
        secs(times[0]),
        secs(times[times.len() - 1]),
        secs(cpu),
        peak_kb / 1024
    );
    Some(cpu)
}

/// Copies of one API area in the synthetic spec at 1× size.
const LINEARITY_AREAS: usize = 400;

/// Generation time of the synthetic spec at 1×, 2× and 4× its size, each in a child process,
/// with its CPU time's ratio to the 1× one: linear work makes them about 2 and 4, work that grows with
/// groups × models or with operations² makes them far more.
fn linearity(runs: usize) -> Result<(), String> {
    let dir = crate::root().join("target/bench-linearity");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    println!(
        "linearity: a synthetic spec of {LINEARITY_AREAS} areas (a tag, 5 operations, 3 linked \
         models each) at 1x, 2x, 4x (median of {runs}):"
    );
    for formatting in ["none", "rustfmt"] {
        let mut base = None;
        for scale in [1, 2, 4] {
            let path = dir.join(format!("spec-{scale}x.json"));
            let spec = linearity_spec(LINEARITY_AREAS * scale);
            std::fs::write(&path, spec).map_err(|e| format!("{}: {e}", path.display()))?;
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            let id = format!("{scale}x");
            let Some(time) = time_in_children(
                &id,
                &format!(" ({:.1} MB)", size as f64 / 1e6),
                Some(&path),
                formatting,
                runs,
            ) else {
                break;
            };
            let base = *base.get_or_insert(time);
            println!(
                "    cpu time ratio to 1x: {:.2} (linear: {scale})",
                secs(time) / secs(base)
            );
        }
    }
    Ok(())
}

/// An OpenAPI 3.0 spec of `areas` areas, each a tag of five operations (a paged list, create,
/// get, replace, delete) over three models. Every area's item names the next area's item and
/// a shared `Entity` that names the first area's, so all models form one reference cycle and
/// every group reaches every model: the shape of the largest specs (Microsoft Graph), where a
/// search per group is quadratic.
fn linearity_spec(areas: usize) -> String {
    use serde_json::{json, Map, Value};
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let item_ref = |i: usize| json!({ "$ref": format!("#/components/schemas/Area{i}Item") });
    for i in 0..areas {
        let tag = format!("area{i}");
        let item = format!("#/components/schemas/Area{i}Item");
        let json_body =
            |schema: Value| json!({ "content": { "application/json": { "schema": schema } } });
        let ok = |schema: Value| json!({ "200": { "description": "OK", "content": { "application/json": { "schema": schema } } } });
        let id_param = json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }]);
        paths.insert(
            format!("/area{i}/items"),
            json!({
                "get": {
                    "tags": [tag], "operationId": format!("Area{i}_List"),
                    "summary": format!("Lists the items of area {i}."),
                    "parameters": [
                        { "name": "filter", "in": "query", "schema": { "type": "string" } },
                        { "name": "top", "in": "query", "schema": { "type": "integer", "format": "int32" } }
                    ],
                    "responses": ok(json!({ "$ref": format!("#/components/schemas/Area{i}List") })),
                    "x-ms-pageable": { "nextLinkName": "nextLink" }
                },
                "post": {
                    "tags": [tag], "operationId": format!("Area{i}_Create"),
                    "requestBody": json_body(json!({ "$ref": item })),
                    "responses": ok(json!({ "$ref": item }))
                }
            }),
        );
        paths.insert(
            format!("/area{i}/items/{{id}}"),
            json!({
                "parameters": id_param,
                "get": { "tags": [tag], "operationId": format!("Area{i}_Get"), "responses": ok(json!({ "$ref": item })) },
                "put": {
                    "tags": [tag], "operationId": format!("Area{i}_Replace"),
                    "requestBody": json_body(json!({ "$ref": item })),
                    "responses": ok(json!({ "$ref": item }))
                },
                "delete": { "tags": [tag], "operationId": format!("Area{i}_Delete"), "responses": { "204": { "description": "Deleted" } } }
            }),
        );
        schemas.insert(
            format!("Area{i}Item"),
            json!({
                "type": "object",
                "description": format!("An item of area {i}."),
                "required": ["id"],
                "properties": {
                    "id": { "type": "string" },
                    "name": { "type": "string", "description": "Its display name." },
                    "created": { "type": "string", "format": "date-time" },
                    "size": { "type": "integer", "format": "int64" },
                    "state": { "$ref": format!("#/components/schemas/Area{i}State") },
                    "labels": { "type": "object", "additionalProperties": { "type": "string" } },
                    "owner": { "$ref": "#/components/schemas/Entity" },
                    "next": item_ref((i + 1) % areas)
                }
            }),
        );
        schemas.insert(
            format!("Area{i}State"),
            json!({ "type": "string", "enum": ["active", "inactive", format!("area{i}Special")] }),
        );
        schemas.insert(
            format!("Area{i}List"),
            json!({
                "type": "object",
                "properties": {
                    "value": { "type": "array", "items": { "$ref": item } },
                    "nextLink": { "type": "string" }
                }
            }),
        );
    }
    schemas.insert(
        "Entity".into(),
        json!({
            "type": "object",
            "properties": { "id": { "type": "string" }, "first": item_ref(0) }
        }),
    );
    let spec = json!({
        "openapi": "3.0.3",
        "info": { "title": "Linearity", "version": "1.0" },
        "servers": [{ "url": "https://example.com" }],
        "paths": paths,
        "components": { "schemas": schemas }
    });
    serde_json::to_string_pretty(&spec).expect("a JSON value prints")
}

/// One `xtask bench-one` run: its wall time, and the peak RSS (KiB) and CPU time it reports.
fn generate_in_child(
    spec: Option<&Path>,
    formatting: &str,
) -> Result<(Duration, u64, Duration), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(exe);
    command
        .args(["bench-one", "--format", formatting])
        .args(spec);
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("xtask bench-one: {e}"))?;
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().last().unwrap_or("").to_string());
    }
    let peak = stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kb "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or("xtask bench-one printed no peak-rss-kb line")?;
    let cpu = stdout
        .lines()
        .find_map(|l| l.strip_prefix("cpu-seconds "))
        .and_then(|n| n.trim().parse::<f64>().ok())
        .map_or(Duration::ZERO, Duration::from_secs_f64);
    Ok((elapsed, peak, cpu))
}

/// `xtask bench-one [--format F] [SPEC]`: generates ApiManagement (or the corpus spec, formatted
/// as `F` says, default rustfmt) into a scratch folder under `target/` and prints `peak-rss-kb N`, this process's peak resident set.
pub fn bench_one(args: &[String]) -> Result<(), String> {
    let root = crate::root();
    let out = root.join("target/bench-one");
    let _ = std::fs::remove_dir_all(&out);
    let (formatting, args) = match args {
        [flag, name, rest @ ..] if flag == "--format" => (name.parse()?, rest),
        _ => (apigen::Formatting::default(), args),
    };
    match args.first() {
        None => {
            let (_, files) = crate::generate(&root)?;
            apigen::write_files(&out, &files).map_err(|e| e.to_string())?;
        }
        Some(spec) => crate::corpus::generate_one(
            PathBuf::from(spec),
            "bench-one".into(),
            "{ path = \"../../runtime\" }".into(),
            &out,
            formatting,
        )?,
    }
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .ok_or("no VmHWM in /proc/self/status")?;
    println!("peak-rss-kb {peak}");
    if let Some(cpu) = apigen::cpu_seconds() {
        println!("cpu-seconds {cpu:.3}");
    }
    Ok(())
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo {} failed in {}",
            args.join(" "),
            dir.display()
        ))
    }
}

/// A package whose `cargo check` is timed alone, its dependencies built beforehand.
#[derive(Clone)]
struct CheckTarget {
    dir: PathBuf,
    target: PathBuf,
    package: &'static str,
    /// Extra `cargo check` arguments: which features.
    features: &'static [&'static str],
}

impl CheckTarget {
    /// Builds the dependencies (and the package) once.
    fn prepare(&self) -> Result<(), String> {
        cargo(&self.dir, &self.target, &self.check_args())
    }

    fn check_args(&self) -> Vec<&str> {
        let mut args = vec!["check", "-q", "-p", self.package];
        args.extend(self.features);
        args
    }

    /// Cleans the package and times one `cargo check` of it.
    fn time_once(&self) -> Result<Duration, String> {
        cargo(
            &self.dir,
            &self.target,
            &["clean", "-q", "-p", self.package],
        )?;
        let start = Instant::now();
        cargo(&self.dir, &self.target, &self.check_args())?;
        Ok(start.elapsed())
    }
}

/// A scratch project depending on the baseline crate, outside our workspace.
fn baseline_project(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/bench-baseline");
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"bench-baseline\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{BASELINE_CRATE} = {{ version = \"={BASELINE_VERSION}\", default-features = false, \
         features = [\"default_tag\", \"enable_reqwest_rustls\"] }}\n\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("src/lib.rs"),
        "pub use azure_mgmt_apimanagement;\n",
    )
    .map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Lines of the baseline crate's generated sources for its default tag, as downloaded by cargo.
fn baseline_lines(project: &Path) -> Result<usize, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1"])
        .current_dir(project)
        .output()
        .map_err(|e| e.to_string())?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let manifest = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == BASELINE_CRATE)
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("baseline crate not found in cargo metadata")?;
    let src = Path::new(manifest)
        .parent()
        .expect("manifest in a folder")
        .join("src");
    let mut total = 0;
    for entry in [src.join("lib.rs"), src.join("package_preview_2023_09")] {
        total += count_lines(&entry);
    }
    Ok(total)
}

fn count_lines(path: &Path) -> usize {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| count_lines(&e.path())).sum())
            .unwrap_or(0)
    } else if path.extension().is_some_and(|e| e == "rs") {
        std::fs::read_to_string(path)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    } else {
        0
    }
}
