//! A client for every test swagger, generated with the public `apigen` CLI into one scratch
//! workspace, next to the scenario crate (`xtask/testserver/`) that calls them; one `cargo
//! build` of it all, and which swagger generated, compiled and has a scenario that compiled.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One test swagger and how far it got.
pub struct Swagger {
    /// The file stem (`body-number.quirks`).
    pub name: String,
    /// Snake-case id: the client crate is `ts-<id>` (library `ts_<id>`), the scenario file
    /// `xtask/testserver/scenarios/<id>.rs`, its binary and cargo feature `<id>`.
    pub id: String,
    pub generated: Result<(), String>,
    pub compiled: Option<Result<(), String>>,
    /// `None`: no scenario file for this swagger.
    pub scenario: Option<Result<PathBuf, String>>,
}

pub fn id_of(stem: &str) -> String {
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    id.split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The package's swaggers, sorted, copied under `dir` as shipped (29 of them start with a UTF-8
/// byte-order mark, which the loader accepts).
pub fn copy_swaggers(package: &Path, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let source = package.join("swagger");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&source).map_err(|e| format!("{}: {e}", source.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "json") {
            let copy = dir.join(path.file_name().expect("a file"));
            std::fs::copy(&path, &copy)
                .map_err(|e| format!("{} -> {}: {e}", path.display(), copy.display()))?;
            out.push(copy);
        }
    }
    out.sort();
    Ok(out)
}

/// Builds the `apigen` CLI of this workspace and returns its path.
pub fn build_cli(root: &Path) -> Result<PathBuf, String> {
    crate::corpus::run(
        Command::new(cargo())
            .args(["build", "--quiet", "-p", "apigen", "--bin", "apigen"])
            .current_dir(root),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(target
        .join("debug")
        .join(format!("apigen{}", std::env::consts::EXE_SUFFIX)))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Generates `clients/ts-<id>` for every swagger with the CLI, as a user would run it.
pub fn generate(cli: &Path, swaggers: &[PathBuf], ws: &Path, runtime: &Path) -> Vec<Swagger> {
    // Regenerated in place: the CLI rewrites only files that changed, so cargo rebuilds only
    // the clients whose code changed.
    let clients = ws.join("clients");
    let runtime_dep = format!("{{ path = \"{}\" }}", runtime.display());
    swaggers
        .iter()
        .map(|spec| {
            let name = spec
                .file_stem()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            let id = id_of(&name);
            let krate = format!("ts-{}", id.replace('_', "-"));
            let out = Command::new(cli)
                .arg("--input")
                .arg(spec)
                .arg("--out")
                .arg(clients.join(&krate))
                .args(["--crate-name", &krate, "--runtime", &runtime_dep])
                .output();
            let generated = match out {
                Ok(o) if o.status.success() => Ok(()),
                Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
                Err(e) => Err(format!("{}: {e}", cli.display())),
            };
            Swagger {
                name,
                id,
                generated,
                compiled: None,
                scenario: None,
            }
        })
        .collect()
}

/// Writes the scratch workspace (every generated client and the scenario crate, whose
/// binaries are the scenario files of the swaggers that generated) and builds it with
/// `--keep-going`, recording each crate's and each scenario's first error.
pub fn build(root: &Path, ws: &Path, swaggers: &mut [Swagger]) -> Result<(), String> {
    let scenarios_src = root.join("xtask/testserver");
    let mut members = vec!["  \"scenarios\",".to_string()];
    let mut deps = String::new();
    let mut features = String::new();
    let mut bins = String::new();
    let mut enabled = Vec::new();
    for s in swaggers.iter().filter(|s| s.generated.is_ok()) {
        let krate = format!("ts-{}", s.id.replace('_', "-"));
        members.push(format!("  \"clients/{krate}\","));
        let file = scenarios_src.join("scenarios").join(format!("{}.rs", s.id));
        if !file.is_file() {
            continue;
        }
        deps.push_str(&format!(
            "{krate} = {{ path = \"../clients/{krate}\", optional = true }}\n"
        ));
        features.push_str(&format!("{} = [\"dep:{krate}\"]\n", s.id));
        bins.push_str(&format!(
            "[[bin]]\nname = \"{}\"\npath = \"{}\"\nrequired-features = [\"{}\"]\n\n",
            s.id,
            file.display(),
            s.id
        ));
        enabled.push(format!("testserver-scenarios/{}", s.id));
    }
    write(
        &ws.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
            members.join("\n")
        ),
    )?;
    let lock = ws.join("Cargo.lock");
    if !lock.is_file() {
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    let manifest = format!(
        r#"[package]
name = "testserver-scenarios"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "{support}"

[dependencies]
apigen-runtime = {{ path = "{runtime}" }}
# The test server keeps scenario state in a cookie: only the harness's client stores cookies.
reqwest = {{ version = "0.12.28", default-features = false, features = ["cookies"] }}
tokio = {{ version = "1.40", features = ["rt-multi-thread", "macros"] }}
futures = "0.3"
serde_json = "1"
{deps}
[features]
{features}
{bins}"#,
        support = scenarios_src.join("support.rs").display(),
        runtime = root.join("runtime").display(),
    );
    write(&ws.join("scenarios/Cargo.toml"), &manifest)?;

    eprintln!(
        "cargo build of {} clients and {} scenarios",
        members.len() - 1,
        enabled.len()
    );
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--workspace",
        "--keep-going",
        "--message-format=json",
        "--quiet",
    ])
    .current_dir(ws)
    .env("CARGO_TARGET_DIR", ws.join("target"))
    .env_remove("RUSTFLAGS");
    if !enabled.is_empty() {
        cmd.arg("--features").arg(enabled.join(","));
    }
    let out = cmd.output().map_err(|e| format!("cargo build: {e}"))?;
    let errors: BTreeMap<String, String> =
        crate::corpus::first_errors(&String::from_utf8_lossy(&out.stdout));
    if !out.status.success() && errors.is_empty() {
        return Err(format!(
            "cargo build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if let Some(e) = errors.get("testserver-scenarios") {
        return Err(format!(
            "the scenario support library does not compile: {e}"
        ));
    }
    let bin_dir = ws.join("target/debug");
    for s in swaggers.iter_mut().filter(|s| s.generated.is_ok()) {
        let krate = format!("ts-{}", s.id.replace('_', "-"));
        s.compiled = Some(errors.get(&krate).map_or(Ok(()), |e| Err(e.clone())));
        if enabled.contains(&format!("testserver-scenarios/{}", s.id)) {
            s.scenario = Some(match (errors.get(&s.id.replace('_', "-")), &s.compiled) {
                (_, Some(Err(e))) => Err(format!("client does not compile: {e}")),
                (Some(e), _) => Err(format!("scenario does not compile: {e}")),
                (None, _) => Ok(bin_dir.join(format!("{}{}", s.id, std::env::consts::EXE_SUFFIX))),
            });
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    // Unchanged manifests keep cargo's fingerprints.
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
