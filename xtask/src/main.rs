//! Maintainer tasks.
//!
//! - `cargo xtask codegen`: regenerate `generated/` from `specs/` and print a summary.
//! - `cargo xtask codegen --check`: fail if `generated/` differs from what the generator makes.
//! - `cargo xtask bench`: generation time, generated lines, and `cargo check` time of the
//!   generated crate against the previous generator's crate for the same API; generation time
//!   and peak memory for ApiManagement, Kubernetes, Stripe and the corpus's largest spec.
//! - `cargo xtask features-check [--all] [--seed S]`: `generated/` with one group's feature
//!   alone builds and documents warning-free; a sample of the groups, or `--all` of them.
//! - `cargo xtask fuzz --seconds N [--seed S]`: mutate the fixture specs and a few
//!   ApiManagement files and run the generator on each; print what it found and write failing
//!   inputs under `target/fuzz/failures`.
//! - `cargo xtask corpus [--sample N | --all | --shard K/N | --list FILE]`: the APIs.guru corpus generated and
//!   checked (see `corpus.rs`).
//! - `cargo xtask testserver [--update-expected]`: the AutoRest test server's swaggers
//!   generated, built and called against the server; its coverage (see `testserver/`).

mod bench;
mod corpus;
mod doc_time;
mod features_check;
mod fuzz;
mod testserver;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generation allocates and frees millions of small strings and JSON nodes; mimalloc does that
/// in far less time than the system allocator (a third of a large spec's run was malloc/free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The spec package the committed client is generated from.
const PACKAGE: &str = "specs/package-2024-05.txt";
const OUT_DIR: &str = "generated";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(args.iter().any(|a| a == "--check")),
        Some("bench") => bench::run(&args[1..]),
        Some("bench-one") => bench::bench_one(&args[1..]),
        Some("features-check") => features_check::run(&args[1..]),
        Some("bench-doc") => doc_time::bench_doc(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("corpus") => corpus::run_corpus(&args[1..]),
        Some("testserver") => testserver::run(&args[1..]),
        _ => Err(
            "usage: cargo xtask codegen [--check] | bench [--runs N] [--skip-baseline] [--skip-corpus] [--linearity-only] | \
                  features-check [--all] [--seed S] | fuzz --seconds N [--seed S] | corpus [--sample N [--seed S] | --all | \
                  --shard K/N | --list FILE] [--jobs J] [--dir PATH] [--no-check] [--print] | \
                  testserver [--update-expected]"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
        .to_path_buf()
}

/// The input files listed in the package config, relative to the workspace root.
pub fn package_inputs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let config = root.join(PACKAGE);
    let text =
        std::fs::read_to_string(&config).map_err(|e| format!("{}: {e}", config.display()))?;
    let base = Path::new(PACKAGE).parent().expect("config is in a folder");
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| base.join(l))
        .collect())
}

pub fn config(root: &Path) -> Result<apigen::Config, String> {
    Ok(apigen::Config {
        inputs: package_inputs(root)?,
        // The service files refer to `specification/common-types` with `../../..`.
        load: apigen::LoadOptions {
            allow_ref_roots: vec![root.join("specs")],
        },
        lower: apigen::LowerOptions {
            client_name: Some("ApiManagementClient".into()),
        },
        krate: apigen::CrateOptions {
            crate_name: "apim-client".into(),
            version: "0.1.0".into(),
            runtime_dependency: "{ workspace = true }".into(),
            package_extra: vec![
                "edition.workspace = true".into(),
                "license.workspace = true".into(),
                "rust-version.workspace = true".into(),
                "publish.workspace = true".into(),
            ],
            conformance: Some(apigen::Conformance {
                spec_base: "..".into(),
                allow_list: "../specs/conformance-allow.txt".into(),
            }),
        },
    })
}

/// Runs the generator from the workspace root, so spec paths in errors are short, and formats
/// its files.
pub fn generate(root: &Path) -> Result<(apigen::Output, Vec<apigen::FormattedFile>), String> {
    std::env::set_current_dir(root).map_err(|e| e.to_string())?;
    let output = apigen::generate(&config(root)?).map_err(|e| e.to_string())?;
    let files = apigen::format(&output.files).map_err(|e| e.to_string())?;
    Ok((output, files))
}

fn codegen(check: bool) -> Result<(), String> {
    let root = root();
    let (output, files) = generate(&root)?;
    let summary = format!("{}{}", output.summary, apigen::LineCount::of(&files));
    let out_dir = root.join(OUT_DIR);
    let expected: Vec<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    let stale: Vec<PathBuf> = existing_files(&out_dir)
        .into_iter()
        .filter(|p| !expected.contains(p))
        .collect();
    if check {
        let mut problems = Vec::new();
        for file in &files {
            let path = out_dir.join(&file.path);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(file.text.as_str()) {
                problems.push(format!("differs: {}", file.path));
            }
        }
        problems.extend(
            stale
                .iter()
                .map(|p| format!("not generated: {}", p.display())),
        );
        if !problems.is_empty() {
            return Err(format!(
                "{OUT_DIR}/ is stale; run `cargo xtask codegen`:\n  {}",
                problems.join("\n  ")
            ));
        }
        println!("{OUT_DIR}/ is up to date ({} files)", files.len());
        print!("{summary}");
        return Ok(());
    }
    let changed = apigen::write_files(&out_dir, &files).map_err(|e| e.to_string())?;
    for path in &stale {
        std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    print!("{summary}");
    println!(
        "wrote {} changed file(s), removed {} stale file(s) in {OUT_DIR}/",
        changed.len(),
        stale.len()
    );
    Ok(())
}

/// Files under `dir` that the generator owns (everything but build output).
fn existing_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
