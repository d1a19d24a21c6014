//! `apigen --input <file>... --out <dir> --crate-name <name>`: generate a client crate.
//!
//! `$ref`s may reach files in the input files' folder (for several inputs, their deepest common
//! folder) and below; `--allow-ref-root <dir>` (repeatable) allows another folder tree.
//! `--format prettyplease` skips rustfmt and `--format none` all pretty-printing, for huge
//! specs where formatting is most of the time (`apigen::Formatting`).

use std::path::PathBuf;
use std::process::ExitCode;

/// Generation allocates and frees millions of small strings and JSON nodes; mimalloc does that
/// in far less time than the system allocator (a third of a large spec's run was malloc/free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: apigen --input <spec file>... --out <dir> --crate-name <name> \
[--client-name <Name>] [--version <semver>] [--runtime <cargo dependency spec>] \
[--allow-ref-root <dir>]... [--format rustfmt|prettyplease|none]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apigen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut inputs = Vec::new();
    let mut allow_ref_roots = Vec::new();
    let mut out = None;
    let mut crate_name = None;
    let mut client_name = None;
    let mut version = "0.1.0".to_string();
    let mut runtime = "{ version = \"0.1\" }".to_string();
    let mut formatting = apigen::Formatting::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--input" | "-i" => inputs.push(PathBuf::from(value("--input")?)),
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--client-name" => client_name = Some(value("--client-name")?),
            "--version" => version = value("--version")?,
            "--runtime" => runtime = value("--runtime")?,
            "--allow-ref-root" => allow_ref_roots.push(PathBuf::from(value("--allow-ref-root")?)),
            "--format" => formatting = value("--format")?.parse()?,
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if !other.starts_with('-') => inputs.push(PathBuf::from(other)),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    let out = out.ok_or(format!("--out is required\n{USAGE}"))?;
    let crate_name = crate_name.ok_or(format!("--crate-name is required\n{USAGE}"))?;
    if inputs.is_empty() {
        return Err(format!("at least one --input is required\n{USAGE}"));
    }
    let config = apigen::Config {
        inputs,
        load: apigen::LoadOptions { allow_ref_roots },
        lower: apigen::LowerOptions { client_name },
        krate: apigen::CrateOptions {
            crate_name,
            version,
            runtime_dependency: runtime,
            package_extra: vec!["edition = \"2021\"".into()],
            conformance: None,
        },
    };
    let output = apigen::generate(&config).map_err(|e| e.to_string())?;
    let files = apigen::format_with(&output.files, formatting).map_err(|e| e.to_string())?;
    apigen::write_files(&out, &files).map_err(|e| e.to_string())?;
    print!("{}{}", output.summary, apigen::LineCount::of(&files));
    Ok(())
}
