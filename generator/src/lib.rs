//! apigen: OpenAPI 3.0 / Swagger 2.0 specs in, a typed Rust client crate out.
//!
//! The generator is a pipeline of pure stages, each handing one data structure to the next:
//!
//! ```text
//! spec files --load--> Bundle --convert--> openapiv3::OpenAPI --lower--> ir::Api --emit--> files
//! ```
//!
//! - [`load`] reads JSON/YAML files and bundles cross-file `$ref`s into one document;
//! - [`convert`] turns Swagger 2.0 into OpenAPI 3.0 (`openapiv3`), keeping `x-ms-*` extensions;
//!   each document travels with a [`source_map`] back to the user's files;
//! - [`lower`] decides every Rust name and shape ([`ir`]);
//! - [`emit`] prints the crate with `quote` and `prettyplease`.
//!
//! Errors name the spec file and the JSON pointer of the offending item ([`Error`]); [`fuzz`]
//! checks that they do for mutated specs, and that the pipeline never panics or hangs.

pub mod convert;
pub mod docs;
pub mod emit;
pub mod error;
pub mod fuzz;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod source_map;
pub mod surface;
mod yaml_depth;

use std::path::PathBuf;

pub use error::{Error, Location, Result};

/// Everything a generator run needs.
#[derive(Clone, Debug)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub load: load::Options,
    pub lower: lower::Options,
    pub krate: emit::CrateOptions,
}

/// The result of a run: the files of the crate and what was generated.
#[derive(Clone, Debug)]
pub struct Output {
    pub files: Vec<emit::File>,
    pub summary: Summary,
    pub api: ir::Api,
}

/// Counts for the run summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_read: usize,
    pub operations: usize,
    pub operation_groups: usize,
    pub models: usize,
    pub enums: usize,
    pub pageable: usize,
    pub long_running: usize,
    /// Lines of the library's Rust sources (`src/`): what users compile.
    pub library_lines: usize,
    /// Lines of everything else written (generated tests, `Cargo.toml`, ...).
    pub other_lines: usize,
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
        writeln!(
            f,
            "generated lines:     {} in src/ (+{} in tests and manifests)",
            self.library_lines, self.other_lines
        )?;
        writeln!(f, "skipped:             {}", self.skipped.len())?;
        for s in &self.skipped {
            writeln!(f, "  - {s}")?;
        }
        Ok(())
    }
}

/// Loads, converts and lowers the specs: the IR and the number of files read.
pub fn lower_specs(
    inputs: &[PathBuf],
    load: &load::Options,
    lower: &lower::Options,
) -> Result<(ir::Api, usize)> {
    let bundle = load::load(inputs, load)?;
    let converted = convert::convert(&bundle)?;
    let api = lower::lower(&converted, lower)?;
    Ok((api, bundle.files.len()))
}

/// Runs the whole pipeline.
pub fn generate(config: &Config) -> Result<Output> {
    let (api, files_read) = lower_specs(&config.inputs, &config.load, &config.lower)?;
    let files = emit::emit(&api, &config.krate)?;
    let all_ops = || {
        api.groups
            .iter()
            .flat_map(|g| &g.operations)
            .chain(&api.root_operations)
    };
    let lines = |library: bool| -> usize {
        files
            .iter()
            .filter(|f| f.path.starts_with("src/") == library)
            .map(|f| f.content.lines().count())
            .sum()
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
        library_lines: lines(true),
        other_lines: lines(false),
        skipped: api.skipped.clone(),
    };
    Ok(Output {
        files,
        summary,
        api,
    })
}

/// Writes the files under `dir`, returning the paths whose content changed.
pub fn write_files(dir: &std::path::Path, files: &[emit::File]) -> Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.content.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, &file.content).map_err(|e| Error::io(&path, e))?;
        changed.push(path);
    }
    Ok(changed)
}
