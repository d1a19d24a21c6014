//! apigen: OpenAPI 3.1 / 3.0 / Swagger 2.0 specs in, a typed Rust client crate out.
//!
//! The generator is a pipeline of pure stages, each handing one data structure to the next:
//!
//! ```text
//! spec files --load--> Bundle --convert--> openapiv3::OpenAPI --lower--> ir::Api --emit--> files
//! ```
//!
//! - load reads JSON/YAML files and bundles cross-file `$ref`s into one document;
//! - convert turns Swagger 2.0 and OpenAPI 3.1 into OpenAPI 3.0 (`openapiv3`), keeping `x-ms-*`
//!   extensions;
//!   each document travels with a source map back to the user's files;
//! - lower decides every Rust name and shape ([`ir`]);
//! - emit writes the crate's files, Rust sources as token streams ([`File`]).
//!
//! [`generate`] runs those stages; [`format()`] prints the files (prettyplease, then rustfmt,
//! then blank lines between items) and [`write_files`] puts them on disk:
//!
//! ```no_run
//! # fn main() -> apigen::Result<()> {
//! let config = apigen::Config {
//!     inputs: vec!["specs/service.json".into()],
//!     load: apigen::LoadOptions::default(),
//!     lower: apigen::LowerOptions::default(),
//!     krate: apigen::CrateOptions {
//!         crate_name: "service-client".into(),
//!         version: "0.1.0".into(),
//!         runtime_dependency: "{ version = \"0.1\" }".into(),
//!         package_extra: vec!["edition = \"2021\"".into()],
//!         conformance: None,
//!     },
//! };
//! let output = apigen::generate(&config)?;
//! let files = apigen::format(&output.files)?;
//! apigen::write_files("service-client".as_ref(), &files)?;
//! print!("{}{}", output.summary, apigen::LineCount::of(&files));
//! # Ok(()) }
//! ```
//!
//! `null` is a value only where the spec says so: a nullable schema (`x-nullable: true`, also
//! beside a `$ref`; `nullable: true`; 3.1 `type: [.., "null"]`; a `{type: null}` member of an
//! `anyOf`/`oneOf`) is an `Option` as an array item or map value ([`ir::TypeRef::Nullable`]),
//! as a field and as a body; anywhere else the generated client fails to decode a `null`, with
//! its JSON path. A required property of one possible value (a one-value `enum`) that a
//! response leaves out reads as that value. A `readOnly` property is read from responses and
//! never sent. A `$ref` to a discriminated type that others extend in turn is the union
//! `Any<Name>` of it and them, so a more derived value keeps its kind and its properties.
//!
//! Errors name the spec file and the JSON pointer of the offending item ([`Error`]); [`fuzz`]
//! checks that they do for mutated specs, and that the pipeline never panics or hangs.

#![warn(missing_docs)]

mod convert;
mod docs;
mod emit;
mod error;
mod format;
pub mod fuzz;
pub mod ir;
mod load;
mod lower;
mod naming;
mod source_map;
mod stage_timer;
mod surface;
mod yaml_depth;

#[cfg(test)]
mod stage_tests;

use std::path::PathBuf;

pub use emit::{Conformance, Contents, CrateOptions, File};
pub use error::{Error, Location, Result, BREAKS};
pub use format::{format, format_with, FormattedFile, Formatting, LineCount};
pub use load::Options as LoadOptions;
pub use lower::Options as LowerOptions;
pub use stage_timer::cpu_seconds;
pub use surface::surface;

/// Everything a generator run needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The spec files; `$ref`s to other files are followed from these.
    pub inputs: Vec<PathBuf>,
    /// Which folders `$ref`s may reach besides the inputs' own folder tree.
    pub load: LoadOptions,
    /// Choices the spec does not make (the client's name).
    pub lower: LowerOptions,
    /// The generated crate's name, version and dependencies.
    pub krate: CrateOptions,
}

/// The result of a run: the crate's files, unformatted ([`format()`] them), and what they hold.
#[derive(Clone, Debug)]
pub struct Output {
    /// The crate's files, Rust sources as token streams.
    pub files: Vec<File>,
    /// Counts for the run summary.
    pub summary: Summary,
    /// The client as the generator understood it, every name decided.
    pub api: ir::Api,
}

/// Counts for the run summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Spec files read, the inputs and every file they reference.
    pub files_read: usize,
    /// Operations generated.
    pub operations: usize,
    /// Operation groups (one module and handle type each).
    pub operation_groups: usize,
    /// Structs and unions.
    pub models: usize,
    /// String enums.
    pub enums: usize,
    /// Pageable operations.
    pub pageable: usize,
    /// Long-running operations.
    pub long_running: usize,
    /// What the generator chose not to generate, with the reason.
    pub skipped: Vec<String>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "files read:          {}", self.files_read)?;
        writeln!(f, "operations:          {}", self.operations)?;
        writeln!(f, "operation groups:    {}", self.operation_groups)?;
        writeln!(f, "models:              {}", self.models)?;
        writeln!(f, "enums:               {}", self.enums)?;
        writeln!(f, "pageable:            {}", self.pageable)?;
        writeln!(f, "long-running:        {}", self.long_running)?;
        writeln!(f, "skipped:             {}", self.skipped.len())?;
        for s in &self.skipped {
            writeln!(f, "  - {s}")?;
        }
        Ok(())
    }
}

/// Runs the pipeline up to formatting: load, convert, lower, emit.
pub fn generate(config: &Config) -> Result<Output> {
    use stage_timer::timed;
    let bundle = timed("load", || load::load(&config.inputs, &config.load))?;
    let converted = timed("convert", || convert::convert(&bundle))?;
    let files_read = bundle.files.len();
    // Each stage's input is dropped once the next has its own, so a large spec holds at most
    // two of its forms at a time.
    drop(bundle);
    let api = timed("lower", || lower::lower(&converted, &config.lower))?;
    drop(converted);
    let files = timed("emit", || emit::emit(&api, &config.krate));
    let all_ops = || {
        api.groups
            .iter()
            .flat_map(|g| &g.operations)
            .chain(&api.root_operations)
    };
    let summary = Summary {
        files_read,
        operations: all_ops().count(),
        operation_groups: api.groups.len(),
        models: api
            .types
            .iter()
            .filter(|t| !matches!(t, ir::TypeDef::Enum(_)))
            .count(),
        enums: api
            .types
            .iter()
            .filter(|t| matches!(t, ir::TypeDef::Enum(_)))
            .count(),
        pageable: all_ops()
            .filter(|o| matches!(o.kind, ir::OperationKind::Paged { .. }))
            .count(),
        long_running: all_ops()
            .filter(|o| matches!(o.kind, ir::OperationKind::LongRunning { .. }))
            .count(),
        skipped: api.skipped.clone(),
    };
    Ok(Output {
        files,
        summary,
        api,
    })
}

/// Writes formatted files under `dir`, returning the paths whose text changed.
pub fn write_files(dir: &std::path::Path, files: &[FormattedFile]) -> Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.text.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &file.text).map_err(|e| Error::io(&path, e))?;
        changed.push(path);
    }
    Ok(changed)
}
