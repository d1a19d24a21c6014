//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

pub mod features_alone;

use std::path::{Path, PathBuf};

/// A feature fixture: a folder of `tests/fixtures/` (all but `errors`, which holds malformed
/// specs) and its entry spec, `spec.json` / `spec.yaml` or, for a fixture spread over several
/// files, the files in its `service/` folder.
pub struct Fixture {
    /// The folder's name, e.g. `pageable`; snapshots are named after it.
    pub name: String,
    /// Entry specs relative to `tests/fixtures`, e.g. `pageable/spec.json`.
    pub inputs: Vec<String>,
}

/// Every feature fixture, by name: the one list the tests share.
pub fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    let mut fixtures = Vec::new();
    for name in names(&dir).into_iter().filter(|n| n != "errors") {
        let folder = dir.join(&name);
        let mut inputs: Vec<String> = names(&folder)
            .into_iter()
            .filter(|f| f == "spec.json" || f == "spec.yaml")
            .map(|f| format!("{name}/{f}"))
            .collect();
        if inputs.is_empty() && folder.join("service").is_dir() {
            inputs = names(&folder.join("service"))
                .into_iter()
                .map(|f| format!("{name}/service/{f}"))
                .collect();
        }
        assert!(
            !inputs.is_empty(),
            "fixture {name} has no spec.json, spec.yaml or service/ folder"
        );
        fixtures.push(Fixture { name, inputs });
    }
    fixtures
}

/// The entry specs of the fixture called `name`.
pub fn fixture_inputs(name: &str) -> Vec<String> {
    fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture named {name}"))
        .inputs
}

/// A fixture file, as a path relative to the generator crate (the tests' working directory),
/// so error locations and snapshots do not depend on where the repository is checked out.
pub fn fixture(rel: &str) -> PathBuf {
    let path = Path::new("tests/fixtures").join(rel);
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists(),
        "fixture {} is missing",
        path.display()
    );
    path
}

pub fn config(inputs: &[&str]) -> apigen::Config {
    apigen::Config {
        inputs: inputs.iter().map(|i| fixture(i)).collect(),
        // Fixtures that share files (`multi_file_refs/common`) refer to them with `../`.
        load: apigen::LoadOptions {
            allow_ref_roots: vec!["tests/fixtures".into()],
        },
        lower: apigen::LowerOptions::default(),
        krate: apigen::CrateOptions {
            crate_name: "fixture-client".into(),
            version: "0.1.0".into(),
            runtime_dependency: "{ path = \"../runtime\" }".into(),
            package_extra: Vec::new(),
            conformance: None,
        },
    }
}

/// Runs the whole pipeline on the fixture files; panics with the error's display on failure.
pub fn generate(inputs: &[&str]) -> apigen::Output {
    apigen::generate(&config(inputs)).unwrap_or_else(|e| panic!("generation failed: {e}"))
}

/// Runs the pipeline on the fixture called `name`.
pub fn generate_fixture(name: &str) -> apigen::Output {
    let inputs = fixture_inputs(name);
    generate(&inputs.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The files of a run, formatted as they are written.
pub fn formatted(output: &apigen::Output) -> Vec<apigen::FormattedFile> {
    apigen::format(&output.files).unwrap_or_else(|e| panic!("formatting failed: {e}"))
}

/// The generated Rust files, formatted, each under a `// file: path` header: what reviewers
/// read.
pub fn code(output: &apigen::Output) -> String {
    let mut out = String::new();
    for file in formatted(output).iter().filter(|f| f.path.ends_with(".rs")) {
        out.push_str(&format!("// file: {}\n", file.path));
        out.push_str(&file.text);
        out.push('\n');
    }
    out
}

/// The repository's root (the generator crate's parent).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ is in the workspace")
        .to_path_buf()
}

/// The config of a fixture's crate in a scratch workspace: package `<prefix>-<fixture>` (with
/// dashes), the runtime by path, its own edition.
pub fn scratch_config(fixture: &str, prefix: &str) -> apigen::Config {
    let inputs = fixture_inputs(fixture);
    let mut config = config(&inputs.iter().map(String::as_str).collect::<Vec<_>>());
    config.krate.crate_name = format!("{prefix}-{}", fixture.replace('_', "-"));
    config.krate.runtime_dependency = format!(
        "{{ path = {:?} }}",
        workspace_root().join("runtime").display().to_string()
    );
    config.krate.package_extra = vec!["edition = \"2021\"".into(), "publish = false".into()];
    config
}

/// Makes `scratch` a workspace of `members` (folder names), with the main workspace's
/// dependency versions.
pub fn write_workspace(scratch: &Path, members: &[String]) {
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        scratch.join("Cargo.lock"),
    )
    .unwrap();
}

/// `cargo test --workspace --test <test>` in a scratch workspace, with the fixture crates'
/// own target directory (the outer `cargo test` holds the main one); panics with cargo's
/// output, saying `what` failed.
pub fn cargo_test(scratch: &Path, test: &str, what: &str) {
    let output =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["test", "--workspace", "--quiet", "--test", test])
            .current_dir(scratch)
            .env(
                "CARGO_TARGET_DIR",
                workspace_root().join("target/fixture-check"),
            )
            .output()
            .expect("cargo runs");
    assert!(
        output.status.success(),
        "{what}:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The error of a run that must fail.
pub fn generate_err(inputs: &[&str]) -> apigen::Error {
    match apigen::generate(&config(inputs)) {
        Ok(_) => panic!("generation of {inputs:?} succeeded but must fail"),
        Err(e) => e,
    }
}
