//! `cargo xtask bench [--runs N] [--skip-baseline]`: what the generated client costs.
//!
//! Prints, with medians over N runs (default 3) measured in this one run on this machine:
//! - generation time (load → convert → lower → emit, rustfmt included);
//! - generated lines;
//! - `cargo check` time of the generated crate alone (its dependencies already built);
//! - the same two figures for `azure_mgmt_apimanagement` 0.21 from crates.io (the previous Rust
//!   generator's output for this API, default tag `package-preview-2023-09`, rustls), built the
//!   same way in a scratch project under `target/`, and the ratios.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BASELINE_CRATE: &str = "azure_mgmt_apimanagement";
const BASELINE_VERSION: &str = "0.21.0";

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

    let mut generation = Vec::new();
    let mut lines = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let output = crate::generate(&root)?;
        generation.push(start.elapsed());
        lines = output.summary.library_lines;
    }
    println!(
        "generation time (median of {runs}): {:.2} s",
        secs(median(&mut generation))
    );
    println!("generated lines (src/, what users compile): {lines}");

    let target = root.join("target/bench-check");
    let ours = check_time(&root, &target, "apim-client", runs)?;
    println!(
        "cargo check of generated/ alone (median of {runs}): {:.2} s",
        secs(ours)
    );

    if skip_baseline {
        return Ok(());
    }
    let project = baseline_project(&root)?;
    let baseline = check_time(&project, &project.join("target"), BASELINE_CRATE, runs)?;
    let baseline_lines = baseline_lines(&project)?;
    println!(
        "{BASELINE_CRATE} {BASELINE_VERSION}: cargo check (median of {runs}): {:.2} s, lines: {baseline_lines}",
        secs(baseline)
    );
    println!(
        "ratio generated/baseline: check time {:.3} ({:.1}x faster), lines {:.3} ({:.1}x fewer)",
        secs(ours) / secs(baseline),
        secs(baseline) / secs(ours),
        lines as f64 / baseline_lines as f64,
        baseline_lines as f64 / lines as f64,
    );
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

/// Builds the dependencies once, then times `cargo check` of `package` alone after cleaning it.
fn check_time(dir: &Path, target: &Path, package: &str, runs: usize) -> Result<Duration, String> {
    cargo(dir, target, &["check", "-q", "-p", package])?;
    let mut samples = Vec::new();
    for _ in 0..runs {
        cargo(dir, target, &["clean", "-q", "-p", package])?;
        let start = Instant::now();
        cargo(dir, target, &["check", "-q", "-p", package])?;
        samples.push(start.elapsed());
    }
    Ok(median(&mut samples))
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
