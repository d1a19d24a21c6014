//! The AutoRest test server gate: `cargo xtask testserver` generates, builds and runs every
//! scenario against the pinned server, and fails when a scenario of
//! `xtask/testserver/expected-covered.txt` is no longer covered or its check fails.
//!
//! Needs Node.js and npm (the server is installed into `~/.cache/apigen` the first time).
//! `APIGEN_SKIP_TESTSERVER=1` skips it, saying so, for a machine without them.

use std::process::Command;

#[test]
fn testserver_scenarios_stay_covered() {
    if std::env::var_os("APIGEN_SKIP_TESTSERVER").is_some() {
        eprintln!("APIGEN_SKIP_TESTSERVER is set: the test server suite is skipped");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("testserver")
        .output()
        .expect("run xtask");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The summary (coverage per category) goes to the test's output either way.
    println!("{stdout}");
    assert!(
        out.status.success(),
        "cargo xtask testserver failed:\n{stderr}"
    );
}
