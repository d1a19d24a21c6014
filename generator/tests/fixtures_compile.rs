//! Every feature fixture's generated crate must build and document warning-free against the
//! real runtime: the snapshots show what the code says, this shows that it compiles (an import
//! or a runtime call that does not exist fails here, not in a user's build) and that its docs
//! render (`cargo doc` with `-D warnings`).
//!
//! The fixture crates are written under `target/fixture-crates/` as one scratch workspace and
//! checked with their own target directory (the outer `cargo test` holds the main one).

use std::process::Command;

mod common;

#[test]
fn generated_fixture_crates_build_without_warnings() {
    let root = common::workspace_root();
    let scratch = root.join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for fixture in common::fixtures() {
        let name = fixture.name.replace('_', "-");
        let config = common::scratch_config(&fixture.name, "fixture");
        let output = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        apigen::write_files(&scratch.join(&name), &common::formatted(&output))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        members.push(name);
    }
    common::write_workspace(&scratch, &members);

    // Checked and documented with their own target directory (the outer `cargo test` holds
    // the main one).
    let cargo = |args: &[&str], flags: (&str, &str)| {
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(args)
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
            .env(flags.0, flags.1)
            .output()
            .expect("cargo runs")
    };
    let output = cargo(
        &["check", "--workspace", "--quiet"],
        ("RUSTFLAGS", "-D warnings"),
    );
    assert!(
        output.status.success(),
        "generated fixture crates do not build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Their docs render without a warning: links resolve, nothing reads as HTML or a doctest,
    // every public item is documented.
    let output = cargo(
        &["doc", "--workspace", "--no-deps", "--quiet"],
        ("RUSTDOCFLAGS", "-D warnings"),
    );
    assert!(
        output.status.success(),
        "the docs of generated fixture crates have warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
