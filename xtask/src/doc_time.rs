//! The `cargo doc` figure of `cargo xtask bench`: time and peak memory of documenting the
//! generated crate alone (its dependencies already checked), each run in a child process
//! (`xtask bench-doc`) that reports the peak resident set of the processes it waited for, so
//! that no earlier `cargo check` is counted.

use std::process::Command;
use std::time::{Duration, Instant};

/// The guard: docs take at most this many times the crate's `cargo check`...
const MAX_CHECK_RATIO: f64 = 2.0;
/// ... and at most this much memory (1.5 GB).
const MAX_PEAK_MB: u64 = 1536;

/// The times of `runs` runs, sorted, and the peak resident set (KiB) over all of them.
fn measure(runs: usize) -> Result<(Vec<Duration>, u64), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..runs {
        let output = Command::new(&exe)
            .arg("bench-doc")
            .output()
            .map_err(|e| format!("xtask bench-doc: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "xtask bench-doc failed: {}{}",
                stdout,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let field = |name: &str| {
            stdout
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse::<f64>().ok())
                .ok_or(format!("xtask bench-doc printed no `{name}` line"))
        };
        times.push(Duration::from_secs_f64(field("doc-secs ")?));
        peak_kb = peak_kb.max(field("peak-rss-kb ")? as u64);
    }
    times.sort();
    Ok((times, peak_kb))
}

/// `xtask bench-doc`: cleans the generated crate in the bench's target dir, times `cargo doc
/// --no-deps` of it, and prints `doc-secs S` and `peak-rss-kb N` (the largest process waited
/// for: rustdoc).
pub fn bench_doc() -> Result<(), String> {
    let root = crate::root();
    let target = root.join("target/bench-check");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |args: &[&str]| -> Result<(), String> {
        let status = Command::new(&cargo)
            .args(args)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
        status
            .success()
            .then_some(())
            .ok_or(format!("cargo {} failed", args.join(" ")))
    };
    // Dependencies checked once, outside the timed run.
    run(&["doc", "-q", "--no-deps", "-p", "apim-client"])?;
    run(&["clean", "-q", "-p", "apim-client"])?;
    let start = Instant::now();
    run(&["doc", "-q", "--no-deps", "-p", "apim-client"])?;
    println!("doc-secs {}", start.elapsed().as_secs_f64());
    println!("peak-rss-kb {}", children_peak_kb()?);
    Ok(())
}

/// The peak resident set of the largest process this one has waited for, directly or through
/// the processes it waited for (`RUSAGE_CHILDREN`; Linux reports KiB).
fn children_peak_kb() -> Result<u64, String> {
    // SAFETY: `getrusage` only writes the `rusage` it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return Err(std::io::Error::last_os_error().to_string());
    }
    Ok(usage.ru_maxrss as u64)
}

/// Prints the figure and whether it is within the guard, against the check time `check`.
pub fn print(runs: usize, check: Duration) -> Result<(), String> {
    let (times, peak_kb) = measure(runs)?;
    let median = times[times.len() / 2];
    let ratio = median.as_secs_f64() / check.as_secs_f64();
    let peak_mb = peak_kb / 1024;
    let within = ratio <= MAX_CHECK_RATIO && peak_mb <= MAX_PEAK_MB;
    println!(
        "cargo doc of generated/ (median of {runs}): {:.2} s ({:.2}-{:.2}), {ratio:.2}x its cargo check, peak {peak_mb} MB; guard <= {MAX_CHECK_RATIO}x and <= {MAX_PEAK_MB} MB: {}",
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64(),
        if within { "ok" } else { "EXCEEDED" }
    );
    Ok(())
}
