//! Stage timings for profiling: with `APIGEN_TIMINGS` set, each pipeline stage prints how long
//! it took to stderr (`apigen: load  0.210 s  cpu 0.200 s  peak 120 MB`), so a slow spec shows
//! where its time goes without a profiler, and the peak resident set so far (`VmHWM`) shows
//! which stage sets the memory high-water mark. The CPU time (this process's threads and the rustfmt children it
//! waited for, from `/proc/self/stat` on Linux) is the figure to compare on a busy machine,
//! where wall time also counts the time other programs ran.

use std::time::Instant;

/// Runs `stage`, printing its wall and CPU time when `APIGEN_TIMINGS` is set.
pub(crate) fn timed<T>(name: &str, stage: impl FnOnce() -> T) -> T {
    if std::env::var_os("APIGEN_TIMINGS").is_none() {
        return stage();
    }
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let result = stage();
    let wall = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, cpu_seconds()) {
        (Some(a), Some(b)) => format!("  cpu {:>7.3} s", b - a),
        _ => String::new(),
    };
    let peak = peak_megabytes().map_or(String::new(), |mb| format!("  peak {mb:>5} MB"));
    eprintln!("apigen: {name:<16} {wall:>7.3} s{cpu}{peak}");
    result
}

/// This process's peak resident set so far, from `VmHWM` in `/proc/self/status` (Linux).
fn peak_megabytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// CPU seconds used so far by this process and its waited-for children (rustfmt): user and
/// system time of both, fields 14 to 17 of `/proc/self/stat`, in clock ticks (`USER_HZ`, 100
/// on Linux); `None` elsewhere. On a busy machine this, unlike wall time, leaves out the time
/// other programs ran (`cargo xtask bench` reports it per generation).
pub fn cpu_seconds() -> Option<f64> {
    const TICKS_PER_SECOND: f64 = 100.0;
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let ticks: u64 = after_name
        .split_whitespace()
        .skip(11)
        .take(4)
        .map(|f| f.parse::<u64>().ok())
        .sum::<Option<u64>>()?;
    Some(ticks as f64 / TICKS_PER_SECOND)
}
