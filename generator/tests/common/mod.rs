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
        lower: apigen::lower::Options::default(),
        krate: apigen::emit::CrateOptions {
            crate_name: "fixture-client".into(),
            version: "0.1.0".into(),
            runtime_dependency: "{ path = \"../runtime\" }".into(),
            package_extra: Vec::new(),
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
        out.push_str(&elide_call_builder_macro(&file.content));
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

/// The `call_builder!` macro of `operations/mod.rs` is the same in every crate (it does not
/// depend on the spec); one line stands for it so snapshots show only what the spec decides.
fn elide_call_builder_macro(content: &str) -> String {
    let Some(mut start) = content.find("macro_rules! call_builder {") else {
        return content.to_string();
    };
    // Its doc comment goes with it.
    while let Some(line_start) = content[..start.saturating_sub(1)].rfind('\n') {
        if !content[line_start + 1..start].starts_with("///") {
            break;
        }
        start = line_start + 1;
    }
    let end = content[start..]
        .find("\n}\n")
        .map(|i| start + i + 3)
        .expect("the macro ends with a closing brace on its own line");
    format!(
        "{}// (call_builder! macro elided: the same in every generated crate)\n{}",
        &content[..start],
        &content[end..]
    )
}
