//! Every feature fixture's generated crate must build warning-free against the real runtime:
//! the snapshots show what the code says, this shows that it compiles (an import or a runtime
//! call that does not exist fails here, not in a user's build), and that its docs render
//! without a rustdoc warning.
//!
//! The fixture crates are written under `target/fixture-crates/` as one scratch workspace and
//! checked with their own target directory (the outer `cargo test` holds the main one).

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

/// (crate suffix, input files) for every fixture folder but `errors`.
const FIXTURES: &[(&str, &[&str])] = &[
    ("multi-file-refs", &["multi_file_refs/service/widgets.json"]),
    ("swagger2-conversion", &["swagger2_conversion/spec.json"]),
    ("openapi3-json", &["openapi3_json/spec.json"]),
    ("openapi3-yaml", &["openapi3_yaml/spec.yaml"]),
    ("parameter-location", &["parameter_location/spec.json"]),
    ("parameter-encoding", &["parameter_encoding/spec.json"]),
    ("pageable", &["pageable/spec.json"]),
    ("long-running", &["long_running/spec.json"]),
    ("enums", &["enums/spec.json"]),
    ("inheritance", &["inheritance/spec.json"]),
    ("polymorphism", &["polymorphism/spec.json"]),
    (
        "additional-properties",
        &["additional_properties/spec.json"],
    ),
    ("property-attributes", &["property_attributes/spec.json"]),
    ("formats", &["formats/spec.json"]),
    ("responses", &["responses/spec.json"]),
    ("non-json-bodies", &["non_json_bodies/spec.json"]),
    ("docs-escaping", &["docs_escaping/spec.json"]),
    ("type-names", &["type_names/spec.json"]),
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ is in the workspace")
        .to_path_buf()
}

#[test]
fn every_fixture_is_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "errors" {
            continue;
        }
        assert!(
            FIXTURES
                .iter()
                .any(|(_, inputs)| inputs[0].starts_with(&format!("{name}/"))),
            "fixture {name} is not compiled by this test; add it to FIXTURES"
        );
    }
}

#[test]
fn generated_fixture_crates_build_without_warnings() {
    let root = workspace_root();
    let scratch = root.join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for (name, inputs) in FIXTURES {
        let mut config = common::config(inputs);
        config.krate.crate_name = format!("fixture-{name}");
        config.krate.runtime_dependency = format!(
            "{{ path = {:?} }}",
            root.join("runtime").display().to_string()
        );
        config.krate.package_extra = vec!["edition = \"2021\"".into(), "publish = false".into()];
        let output = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dir = scratch.join(name);
        for file in &output.files {
            let path = dir.join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &file.content).unwrap();
        }
        members.push(format!("{name:?}"));
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

    // Warnings are errors: what a user's `-D warnings` build or `cargo doc` would reject.
    let cargo = |command: &str, flags_var: &str, failure: &str| {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([command, "--workspace", "--quiet"])
            .args((command == "doc").then_some("--no-deps"))
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
            .env(flags_var, "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "{failure}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    cargo(
        "check",
        "RUSTFLAGS",
        "generated fixture crates do not build",
    );
    // Spec prose must render: no broken intra-doc link, HTML tag, bare URL or doctest.
    cargo(
        "doc",
        "RUSTDOCFLAGS",
        "the docs of generated fixture crates have rustdoc warnings",
    );
}
