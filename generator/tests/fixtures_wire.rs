//! Generated fixture clients called over HTTP: each `tests/wire/<fixture>.rs` is the test of
//! the crate generated from `tests/fixtures/<fixture>/`, run against the runtime's loopback
//! test server (`runtime/tests/common`, copied in). The snapshots show what the code says;
//! this shows what it sends.
//!
//! The crates are written under `target/fixture-wire/` as one scratch workspace and tested
//! with their own target directory (the outer `cargo test` holds the main one).

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

/// The fixtures with a wire test.
const WIRED: &[&str] = &["parameter_grouping", "required_defaults"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ is in the workspace")
        .to_path_buf()
}

#[test]
fn generated_fixture_clients_send_what_their_specs_say() {
    let root = workspace_root();
    let scratch = root.join("target/fixture-wire");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for name in WIRED {
        let dir = scratch.join(name.replace('_', "-"));
        let inputs = common::fixture_inputs(name);
        let mut config = common::config(&inputs.iter().map(String::as_str).collect::<Vec<_>>());
        config.krate.crate_name = format!("fixture-{}", name.replace('_', "-"));
        config.krate.runtime_dependency = format!(
            "{{ path = {:?} }}",
            root.join("runtime").display().to_string()
        );
        config.krate.package_extra = vec!["edition = \"2021\"".into(), "publish = false".into()];
        let output = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        apigen::write_files(&dir, &common::formatted(&output))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // The runtime tests' loopback server and what it needs.
        let mut manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        manifest.push_str(concat!(
            "\n[dev-dependencies]\n",
            "tokio = { version = \"1.40\", features = [\"rt-multi-thread\", \"macros\", \"net\", \"io-util\", \"time\", \"sync\"] }\n",
            "axum = { version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\", \"json\", \"query\"] }\n",
            "url = \"2\"\n",
            "tracing = \"0.1\"\n",
            "tracing-subscriber = { version = \"0.3\", default-features = false, features = [\"fmt\", \"std\"] }\n",
        ));
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        std::fs::create_dir_all(dir.join("tests/common")).unwrap();
        std::fs::copy(
            root.join("runtime/tests/common/mod.rs"),
            dir.join("tests/common/mod.rs"),
        )
        .unwrap();
        std::fs::copy(
            root.join(format!("generator/tests/wire/{name}.rs")),
            dir.join("tests/wire.rs"),
        )
        .unwrap();
        members.push(format!("{:?}", name.replace('_', "-")));
    }
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // The same dependency versions as the main workspace.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--workspace", "--quiet", "--test", "wire"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-wire-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the wire tests of the generated fixture clients fail:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
