//! Stage timings for profiling: with `APIGEN_TIMINGS` set, each pipeline stage prints how long
//! it took to stderr (`apigen: load 0.21 s`), so a slow spec shows where its time goes without
//! a profiler.

use std::time::Instant;

/// Runs `stage`, printing its wall time when `APIGEN_TIMINGS` is set.
pub(crate) fn timed<T>(name: &str, stage: impl FnOnce() -> T) -> T {
    if std::env::var_os("APIGEN_TIMINGS").is_none() {
        return stage();
    }
    let start = Instant::now();
    let result = stage();
    eprintln!(
        "apigen: {name:<16} {:>7.3} s",
        start.elapsed().as_secs_f64()
    );
    result
}
