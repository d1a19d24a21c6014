//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
        load: apigen::load::Options {
            allow_ref_roots: vec!["tests/fixtures".into()],
        },
        lower: apigen::lower::Options::default(),
        krate: apigen::emit::CrateOptions {
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

/// The generated Rust files, each under a `// file: path` header: what reviewers read.
pub fn code(output: &apigen::Output) -> String {
    let mut out = String::new();
    for file in output.files.iter().filter(|f| f.path.ends_with(".rs")) {
        out.push_str(&format!("// file: {}\n", file.path));
        out.push_str(&file.content);
        out.push('\n');
    }
    out
}

/// `generate` then `code`.
pub fn generated_code(inputs: &[&str]) -> String {
    code(&generate(inputs))
}

/// The error of a run that must fail.
pub fn generate_err(inputs: &[&str]) -> apigen::Error {
    match apigen::generate(&config(inputs)) {
        Ok(_) => panic!("generation of {inputs:?} succeeded but must fail"),
        Err(e) => e,
    }
}
