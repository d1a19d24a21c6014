//! The real ApiManagement 2024-05-01 spec: every operation is generated, and the public API
//! surface (one line per operation and per model) is a snapshot, so a pull request shows API
//! changes.

use std::path::{Path, PathBuf};

/// The vendored specs: the ApiManagement files refer to the shared common types here.
fn specs_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

mod common;

fn package_inputs() -> Vec<PathBuf> {
    let specs = specs_root();
    let config = std::fs::read_to_string(specs.join("package-2024-05.txt")).unwrap();
    config
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| specs.join(l))
        .collect()
}

/// operationIds counted straight from the JSON, independently of the generator.
fn operation_ids(inputs: &[PathBuf]) -> Vec<String> {
    let mut ids = Vec::new();
    for file in inputs {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for section in ["paths", "x-ms-paths"] {
            for item in doc
                .get(section)
                .and_then(|p| p.as_object())
                .into_iter()
                .flat_map(|m| m.values())
            {
                for op in item.as_object().unwrap().values() {
                    if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                        ids.push(id.to_string());
                    }
                }
            }
        }
    }
    ids.sort();
    ids
}

#[test]
fn every_operation_is_generated_and_the_surface_is_reviewed() {
    let inputs = package_inputs();
    assert_eq!(
        inputs.len(),
        59,
        "the package-2024-05 tag has 59 input files"
    );
    let config = apigen::Config {
        inputs: inputs.clone(),
        load: apigen::LoadOptions {
            allow_ref_roots: vec![specs_root()],
        },
        ..common::config(&[])
    };
    let output = apigen::generate(&config).unwrap();
    assert!(output.summary.files_read >= 59);
    let api = &output.api;

    let mut generated: Vec<String> = api
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .chain(&api.root_operations)
        .map(|o| o.operation_id.clone())
        .collect();
    generated.sort();
    assert_eq!(
        generated,
        operation_ids(&inputs),
        "generated operations == operationIds in the spec"
    );
    assert!(api.skipped.is_empty(), "nothing skipped: {:?}", api.skipped);

    insta::assert_snapshot!("apim_public_api", apigen::surface(api));
}
