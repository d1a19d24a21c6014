//! Generated fixture clients called over HTTP: each `tests/wire/<fixture>.rs` is the test of
//! the crate generated from `tests/fixtures/<fixture>/`, run against the runtime's loopback
//! test server (`runtime/tests/common`, copied in). The snapshots show what the code says;
//! this shows what it sends. The crates are a scratch workspace under `target/fixture-wire/`
//! (as `unions_roundtrip.rs` runs its fixtures' examples).

mod common;

/// The fixtures with a wire test.
const WIRED: &[&str] = &["parameter_grouping", "required_defaults"];

/// What the copied loopback server needs besides the runtime (its versions as the runtime's
/// dev-dependencies).
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
tokio = { version = "1.40", features = ["rt-multi-thread", "macros", "net", "io-util", "time", "sync"] }
axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "json", "query"] }
url = "2"
tracing = "0.1"
tracing-subscriber = { version = "0.3", default-features = false, features = ["fmt", "std"] }
"#;

#[test]
fn generated_fixture_clients_send_what_their_specs_say() {
    let root = common::workspace_root();
    let scratch = root.join("target/fixture-wire");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for fixture in WIRED {
        let name = fixture.replace('_', "-");
        let dir = scratch.join(&name);
        let config = common::scratch_config(fixture, "fixture");
        let output = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        apigen::write_files(&dir, &common::formatted(&output))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), manifest + DEV_DEPENDENCIES).unwrap();
        std::fs::create_dir_all(dir.join("tests/common")).unwrap();
        std::fs::copy(
            root.join("runtime/tests/common/mod.rs"),
            dir.join("tests/common/mod.rs"),
        )
        .unwrap();
        std::fs::copy(
            root.join(format!("generator/tests/wire/{fixture}.rs")),
            dir.join("tests/wire.rs"),
        )
        .unwrap();
        members.push(name);
    }
    common::write_workspace(&scratch, &members);
    common::cargo_test(
        &scratch,
        "wire",
        "the wire tests of the generated fixture clients fail",
    );
}
