//! `cargo xtask bench [--runs N] [--skip-baseline]`: what the generated client costs.
//!
//! Prints, with medians over N runs (default 3) measured in this one run on this machine (the
//! two `cargo check`s alternate, so load on the machine falls on both alike):
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
    };
    ours.prepare()?;
    if skip_baseline {
        let mut samples = (0..runs)
            .map(|_| ours.time_once())
            .collect::<Result<Vec<_>, _>>()?;
        println!(
            "cargo check of generated/ alone (median of {runs}): {:.2} s",
            secs(median(&mut samples))
        );
        return Ok(());
    }
    let project = baseline_project(&root)?;
    let baseline = CheckTarget {
        target: project.join("target"),
        dir: project.clone(),
        package: BASELINE_CRATE,
    };
    baseline.prepare()?;
    // Alternate the two so that whatever else the machine does falls on both alike.
    let (mut ours_samples, mut baseline_samples, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let o = ours.time_once()?;
        let b = baseline.time_once()?;
        ratios.push(secs(o) / secs(b));
        ours_samples.push(o);
        baseline_samples.push(b);
    }
    ratios.sort_by(f64::total_cmp);
    let ratio = ratios[ratios.len() / 2];
    println!(
        "cargo check of generated/ alone (median of {runs}, alternating with the baseline): {:.2} s",
        secs(median(&mut ours_samples))
    );
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
struct CheckTarget {
    dir: PathBuf,
    target: PathBuf,
    package: &'static str,
}

impl CheckTarget {
    /// Builds the dependencies (and the package) once.
    fn prepare(&self) -> Result<(), String> {
        cargo(
            &self.dir,
            &self.target,
            &["check", "-q", "-p", self.package],
        )
    }

    /// Cleans the package and times one `cargo check` of it.
    fn time_once(&self) -> Result<Duration, String> {
        cargo(
            &self.dir,
            &self.target,
            &["clean", "-q", "-p", self.package],
        )?;
        let start = Instant::now();
        cargo(
            &self.dir,
            &self.target,
            &["check", "-q", "-p", self.package],
        )?;
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
