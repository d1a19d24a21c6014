//! A seeded mutation fuzzer for the whole pipeline (load -> format), on stable Rust.
//!
//! Each case takes one seed spec (a fixture, or a real service file with the files it
//! references), changes one of its files a few times (values, types, deleted, renamed and
//! duplicated keys, `$ref`s to odd targets, deep nesting, huge numbers, unicode keys) and runs
//! [`generate`](crate::generate) and [`format`](crate::format()) on it in a worker thread. A case fails when the generator
//! panics, runs longer than the per-case bound, or returns an error that does not name one of
//! the case's files (with a JSON pointer that exists there, give or take the last segment).
//! The same seed always makes the same cases, so a failure can be replayed.
//!
//! `cargo xtask fuzz --seconds N [--seed S]` runs it by hand; the generator's tests run a
//! fixed number of cases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::error::escape_pointer_segment;

/// One spec to mutate: its input file and every file it reads, under `root`.
#[derive(Clone, Debug)]
pub struct Seed {
    /// The folder all of the seed's files are under; `$ref`s may reach anything below it.
    pub root: PathBuf,
    /// The input file, relative to `root`.
    pub input: PathBuf,
    /// Paths relative to `root`, the input first.
    pub files: Vec<PathBuf>,
}

impl Seed {
    /// The seed of `input`: the files a successful load reads (only `input` if it fails),
    /// relative to `root`, which must contain them all.
    pub fn new(root: &Path, input: &Path) -> std::result::Result<Seed, String> {
        let load = crate::LoadOptions {
            allow_ref_roots: vec![root.to_path_buf()],
        };
        let files = match crate::load::load(&[input.to_path_buf()], &load) {
            Ok(bundle) => bundle.files,
            Err(_) => vec![input.to_path_buf()],
        };
        let relative = |file: &Path| {
            let (file, root) = (std::fs::canonicalize(file), std::fs::canonicalize(root));
            match (file, root) {
                (Ok(file), Ok(root)) => file
                    .strip_prefix(&root)
                    .map(Path::to_path_buf)
                    .map_err(|_| format!("{} is outside {}", file.display(), root.display())),
                (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
            }
        };
        Ok(Seed {
            root: root.to_path_buf(),
            input: relative(input)?,
            files: files
                .iter()
                .map(|f| relative(f))
                .collect::<std::result::Result<_, _>>()?,
        })
    }
}

/// A seed for every spec file under `fixtures` (a folder named `common` holds shared files,
/// not inputs), with `fixtures` as the root.
pub fn fixture_seeds(fixtures: &Path) -> std::result::Result<Vec<Seed>, String> {
    let mut inputs = Vec::new();
    let mut folders = vec![fixtures.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "common" {
                    folders.push(path);
                }
            } else if name.ends_with(".json") || name.ends_with(".yaml") {
                inputs.push(path);
            }
        }
    }
    // Sorted, so a seed number means the same case on every machine.
    inputs.sort();
    inputs
        .iter()
        .map(|input| Seed::new(fixtures, input))
        .collect()
}

/// How long to fuzz and where to write.
#[derive(Clone, Debug)]
pub struct Options {
    /// The random number generator's seed: the same seed makes the same cases.
    pub seed: u64,
    /// Stop after this many cases...
    pub cases: Option<usize>,
    /// ...or after this long, whichever comes first.
    pub duration: Option<Duration>,
    /// A case running longer than this is a hang.
    pub case_timeout: Duration,
    /// Scratch space: the seeds' files are copied here and mutated in place.
    pub work_dir: PathBuf,
    /// Each failing case is written to a folder here, with a note of what went wrong.
    pub failures_dir: PathBuf,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Cases run.
    pub cases: usize,
    /// Cases that generated a crate (the rest were refused with an error).
    pub generated: usize,
    /// Errors by kind (the message with names and numbers blanked out).
    pub errors: BTreeMap<String, usize>,
    /// The cases that panicked, hung or failed without naming the place at fault.
    pub failures: Vec<Failure>,
}

/// A failing case.
#[derive(Debug)]
pub struct Failure {
    /// `panic`, `hang` or `unnamed error`.
    pub kind: &'static str,
    /// The panic message, the timeout, or the error and why its location is wrong.
    pub detail: String,
    /// The folder the failing input was written to.
    pub input: PathBuf,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "cases run:       {}", self.cases)?;
        writeln!(f, "generated:       {}", self.generated)?;
        writeln!(
            f,
            "errors:          {}",
            self.errors.values().sum::<usize>()
        )?;
        let mut kinds: Vec<_> = self.errors.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (kind, n) in kinds {
            writeln!(f, "  {n:>6}  {kind}")?;
        }
        writeln!(f, "failures:        {}", self.failures.len())?;
        for failure in &self.failures {
            writeln!(
                f,
                "  {}: {} (input in {})",
                failure.kind,
                failure.detail,
                failure.input.display()
            )?;
        }
        Ok(())
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same cases anywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }
}

/// Text put in place of a placeholder string after serialising: what JSON values cannot hold
/// (nesting too deep to build, numbers out of range, duplicate keys).
const RAW: &str = "\u{0}raw:";
const DUPLICATE: &str = "\u{0}dup:";

const ODD_KEYS: &[&str] = &[
    "",
    "$ref",
    "type",
    "self",
    "Self",
    "_",
    "123",
    "a b",
    "a/b~c",
    "ñandú",
    "日本語",
    "🙂",
    "\u{202e}rtl",
    "x-ms-client-name",
    "properties",
    "None",
    "r#type",
];
const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "string",
    "integer",
    "object",
    "array",
    "file",
    "null",
    "int128",
    "date-time",
    "{id}",
    "/things/{thingId}",
    "#/definitions/A",
    "\u{0}",
    "ünïcödé 🙂",
    "a\nb",
    "\"",
    "\\",
];
const RAW_NUMBERS: &[&str] = &[
    "1e400",
    "-1e400",
    "123456789012345678901234567890",
    "18446744073709551616",
    "-9223372036854775809",
    "0.000000000000000000000000000001",
    "-0",
];
const REF_TARGETS: &[&str] = &[
    "#",
    "#/",
    "#/definitions",
    "#/definitions/Nope",
    "#/paths",
    "#/components/schemas/Nope",
    "#definitions/A",
    "#/definitions/~2",
    "#/definitions/%",
    "missing.json",
    "missing.json#/definitions/A",
    "./",
    "/etc/passwd",
    "/etc/passwd#/definitions/A",
    "../../../../../../../../etc/passwd#/a",
    "http://127.0.0.1:9/types.json#/definitions/A",
    "https://example.com/types.json",
    "file:///etc/passwd",
    "",
];

/// Every pointer of `value`, parents before children.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                pointers(v, format!("{at}/{}", escape_pointer_segment(k)), out);
            }
        }
        Value::Array(items) => {
            out.push(at.clone());
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

fn nested(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

/// A value of a random kind.
fn random_value(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => json!(rng.below(1000) as i64 - 500),
        1 => json!(*rng.pick(ODD_STRINGS)),
        2 => json!(rng.below(2) == 0),
        3 => Value::Null,
        4 => json!([]),
        5 => json!({}),
        6 => json!(format!("{RAW}{}", rng.pick(RAW_NUMBERS))),
        7 => json!(f64::MAX),
        _ => json!([*rng.pick(ODD_STRINGS)]),
    }
}

/// Applies one random mutation to `doc`.
fn mutate(doc: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let target = rng.pick(&all).clone();
    let some_pointer = format!("#{}", rng.pick(&all));
    let Some(node) = doc.pointer_mut(&target) else {
        return;
    };
    match rng.below(11) {
        // A value of another type.
        0 | 1 => *node = random_value(rng),
        // A key deleted, renamed, or its value copied over another.
        2 => {
            if let Value::Object(map) = node {
                if !map.is_empty() {
                    let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
                    let value = map.shift_remove(&key).unwrap();
                    match rng.below(3) {
                        0 => {}
                        1 => {
                            map.insert(rng.pick(ODD_KEYS).to_string(), value);
                        }
                        _ => {
                            let other = map.keys().next().cloned();
                            map.insert(key, value.clone());
                            if let Some(other) = other {
                                map.insert(other, value);
                            }
                        }
                    }
                }
            }
        }
        // A key written twice in the text.
        3 => {
            if let Value::Object(map) = node {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    map.insert(format!("{DUPLICATE}{key}"), random_value(rng));
                }
            }
        }
        // A unicode or otherwise odd key.
        4 => {
            if let Value::Object(map) = node {
                let value = map
                    .values()
                    .next()
                    .cloned()
                    .unwrap_or_else(|| random_value(rng));
                map.insert(rng.pick(ODD_KEYS).to_string(), value);
            }
        }
        // A `$ref` to an odd target: itself, another node (cycles), missing, outside, remote.
        5 | 6 => {
            let reference = match rng.below(3) {
                0 => format!("#{target}"),
                1 => some_pointer,
                _ => rng.pick(REF_TARGETS).to_string(),
            };
            match node {
                Value::Object(map) if rng.below(2) == 0 => {
                    map.insert("$ref".into(), json!(reference));
                }
                _ => *node = json!({ "$ref": reference }),
            }
        }
        // Deep nesting, below and above the parsers' limit of 128.
        7 => {
            let depth = *rng.pick(&[20, 120, 127, 129, 1_000, 20_000]);
            *node = json!(format!("{RAW}{}", nested(depth)));
        }
        // A subtree copied somewhere else (duplicate operations, definitions, parameters).
        8 => {
            let copy = node.clone();
            let place = rng.pick(&all).clone();
            if let Some(Value::Object(map)) = doc.pointer_mut(&place) {
                map.insert(format!("{}2", rng.pick(ODD_KEYS)), copy);
            }
        }
        // A ladder of properties referring to the next rung: a long chain, or a "reference
        // bomb" when each rung refers to the next twice.
        9 => {
            let (rungs, fan_out) = *rng.pick(&[(300, 1), (40, 2)]);
            let mut properties = serde_json::Map::new();
            for i in 0..rungs {
                let next = json!({ "$ref": format!("#{target}/properties/l{}", i + 1) });
                let refs: serde_json::Map<String, Value> = (0..fan_out)
                    .map(|k| (format!("p{k}"), next.clone()))
                    .collect();
                properties.insert(
                    format!("l{i}"),
                    json!({ "type": "object", "properties": refs }),
                );
            }
            properties.insert(format!("l{rungs}"), json!({ "type": "string" }));
            *node = json!({ "type": "object", "properties": properties });
        }
        // An array emptied, or an item repeated.
        _ => {
            if let Value::Array(items) = node {
                if items.is_empty() || rng.below(2) == 0 {
                    items.clear();
                } else {
                    let item = items[rng.below(items.len())].clone();
                    items.push(item);
                }
            } else {
                *node = json!([node.clone()]);
            }
        }
    }
}

/// The text of a mutated document, placeholders replaced.
fn render(doc: &Value) -> String {
    let text = serde_json::to_string_pretty(doc).expect("a Value serialises");
    let raw = serde_json::to_string(RAW).expect("a string serialises");
    let raw = &raw[..raw.len() - 1];
    let dup = serde_json::to_string(DUPLICATE).expect("a string serialises");
    let dup = &dup[1..dup.len() - 1];
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find(raw) {
        out.push_str(&rest[..start]);
        let after = &rest[start + raw.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&after[..end]);
        rest = &after[(end + 1).min(after.len())..];
    }
    out.push_str(rest);
    out.replace(dup, "")
}

/// The case's outcome, from the worker thread.
enum Outcome {
    Generated,
    Error(crate::Error),
    Panic(String),
}

/// Whether `error` names one of `files` (under `dir`) and a pointer that is there, give or
/// take its last segment (which may name the missing member); `None` when it does.
fn unnamed(error: &crate::Error, dir: &Path, files: &[PathBuf]) -> Option<String> {
    let Some(location) = &error.location else {
        return Some("no location".into());
    };
    let Some(file) = files.iter().find(|f| dir.join(f) == location.file) else {
        return Some(format!(
            "names {}, not a file of the case",
            location.file.display()
        ));
    };
    let text = std::fs::read_to_string(dir.join(file)).ok()?;
    let doc: Value = match serde_json::from_str(&text) {
        Ok(doc) => doc,
        // The error is about the text itself.
        Err(_) => return None,
    };
    let pointer = &location.pointer;
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    if doc.pointer(pointer).is_some() || doc.pointer(parent).is_some() {
        None
    } else {
        Some(format!("pointer {pointer} is not in {}", file.display()))
    }
}

/// The kind of an error: its message with quoted names and numbers blanked.
fn kind(error: &crate::Error) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in error.message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    out.push('_');
                }
            }
            _ if quoted => {}
            '0'..='9' => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            _ => out.push(c),
        }
    }
    // Paths in messages (`points to a/b.json`) and echoed values vary too.
    let words: Vec<&str> = out
        .split_whitespace()
        .map(|w| {
            if w.contains('/') || w.len() > 24 {
                "_"
            } else {
                w
            }
        })
        .take(10)
        .collect();
    words.join(" ")
}

/// Runs the fuzzer over `seeds`.
pub fn run(seeds: &[Seed], options: &Options) -> std::io::Result<Report> {
    let mut rng = Rng(options.seed);
    let mut report = Report::default();
    // Copy each seed's files to the work folder once; cases change one file and restore it.
    let mut texts: Vec<Vec<String>> = Vec::new();
    for (i, seed) in seeds.iter().enumerate() {
        let dir = options.work_dir.join(format!("seed-{i}"));
        let mut seed_texts = Vec::new();
        for file in &seed.files {
            let text = std::fs::read_to_string(seed.root.join(file))?;
            let to = dir.join(file);
            std::fs::create_dir_all(to.parent().expect("a file has a folder"))?;
            std::fs::write(&to, &text)?;
            seed_texts.push(text);
        }
        texts.push(seed_texts);
    }
    let started = Instant::now();
    loop {
        if options.cases.is_some_and(|n| report.cases >= n)
            || options.duration.is_some_and(|d| started.elapsed() >= d)
            || seeds.is_empty()
        {
            break;
        }
        let case = report.cases;
        report.cases += 1;
        let s = rng.below(seeds.len());
        let seed = &seeds[s];
        let dir = options.work_dir.join(format!("seed-{s}"));
        // Mostly the input, sometimes a file it references.
        let f = if rng.below(4) == 0 {
            rng.below(seed.files.len())
        } else {
            0
        };
        let original = &texts[s][f];
        let Ok(mut doc) = serde_json::from_str::<Value>(original)
            .or_else(|_| serde_yaml::from_str::<Value>(original))
        else {
            continue;
        };
        for _ in 0..1 + rng.below(3) {
            mutate(&mut doc, &mut rng);
        }
        let path = dir.join(&seed.files[f]);
        std::fs::write(&path, render(&doc))?;
        // Written before the run, so a case that kills the process (a stack overflow) is kept.
        let pending = options.failures_dir.join("last-case");
        save(
            &dir,
            seed,
            &pending,
            &format!("seed {} case {case}", options.seed),
        )?;

        let config = case_config(&dir, seed, &options.work_dir);
        let (send, receive) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("fuzz-case-{case}"))
            .spawn(move || {
                let result = std::panic::catch_unwind(|| {
                    crate::generate(&config).and_then(|output| crate::format(&output.files))
                });
                let outcome = match result {
                    Ok(Ok(_)) => Outcome::Generated,
                    Ok(Err(e)) => Outcome::Error(e),
                    Err(panic) => Outcome::Panic(
                        panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default(),
                    ),
                };
                let _ = send.send(outcome);
            })?;
        let failure = match receive.recv_timeout(options.case_timeout) {
            Ok(Outcome::Generated) => {
                report.generated += 1;
                None
            }
            Ok(Outcome::Error(e)) => {
                *report.errors.entry(kind(&e)).or_default() += 1;
                unnamed(&e, &dir, &seed.files).map(|why| ("unnamed error", format!("{why}: {e}")))
            }
            Ok(Outcome::Panic(message)) => Some(("panic", message)),
            Err(_) => Some((
                "hang",
                format!("no result after {:?}", options.case_timeout),
            )),
        };
        std::fs::remove_dir_all(&pending)?;
        if let Some((kind, detail)) = failure {
            let input = options.failures_dir.join(format!(
                "{}-seed{}-case{case}",
                kind.replace(' ', "-"),
                options.seed
            ));
            save(&dir, seed, &input, &detail)?;
            let hang = kind == "hang";
            report.failures.push(Failure {
                kind,
                detail,
                input,
            });
            // A hung worker keeps the seed's files busy; stop rather than pile up threads.
            if hang {
                break;
            }
        }
        std::fs::write(&path, original)?;
    }
    Ok(report)
}

/// The generator's configuration for a case in `dir`.
fn case_config(dir: &Path, seed: &Seed, work: &Path) -> crate::Config {
    crate::Config {
        inputs: vec![dir.join(&seed.input)],
        load: crate::LoadOptions {
            allow_ref_roots: vec![dir.to_path_buf()],
        },
        lower: crate::LowerOptions::default(),
        krate: crate::CrateOptions {
            crate_name: "fuzz-client".into(),
            version: "0.1.0".into(),
            runtime_dependency: "{ version = \"0.1\" }".into(),
            package_extra: Vec::new(),
            conformance: Some(crate::Conformance {
                spec_base: work.display().to_string(),
                allow_list: "allow.txt".into(),
            }),
        },
    }
}

/// Copies a case's files to `to`, with a note.
fn save(dir: &Path, seed: &Seed, to: &Path, note: &str) -> std::io::Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    for file in &seed.files {
        let target = to.join(file);
        std::fs::create_dir_all(target.parent().expect("a file has a folder"))?;
        std::fs::copy(dir.join(file), target)?;
    }
    let replay = format!(
        "{note}\n\nreplay: apigen --input {} --allow-ref-root {} --out /tmp/out --crate-name x\n",
        to.join(&seed.input).display(),
        to.display()
    );
    std::fs::write(to.join("FAILURE.txt"), replay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_writes_what_values_cannot_hold() {
        let doc = json!({
            "a": format!("{RAW}1e400"),
            "b": { "k": 1, format!("{DUPLICATE}k"): 2 },
        });
        let text = render(&doc);
        assert!(text.contains("\"a\": 1e400"), "{text}");
        assert_eq!(text.matches("\"k\"").count(), 2, "{text}");
    }

    #[test]
    fn the_same_seed_makes_the_same_mutations() {
        let base = json!({ "swagger": "2.0", "paths": { "/a": { "get": { "responses": {} } } } });
        let run = |seed| {
            let mut rng = Rng(seed);
            let mut doc = base.clone();
            for _ in 0..5 {
                mutate(&mut doc, &mut rng);
            }
            render(&doc)
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn error_kinds_blank_names_and_numbers() {
        let e = crate::Error::other("unknown format `int128` for type `integer` at line 12");
        assert_eq!(kind(&e), "unknown format _ for type _ at line N");
    }
}
