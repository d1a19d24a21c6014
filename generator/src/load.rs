//! Stage 1, load: read spec files (JSON or YAML) and bundle them into one document whose every
//! `$ref` is local.
//!
//! Definitions, parameters and responses that live in other files (Azure's common types, a
//! service's shared `definitions.json`) are imported under unique names. The bundle's
//! [`SourceMap`] records where each path, imported item and inlined `$ref` target was written,
//! so the later stages can report errors at the spot the user wrote.
//!
//! `$ref`s are confined: they may reach files in the folder of the input files (for several
//! inputs, their deepest common folder) and below, and below each of
//! [`Options::allow_ref_roots`]. Remote (`http://`, `https://`) references are refused.

use std::collections::{HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use crate::error::{escape_pointer_segment, unescape_pointer_segment, Error, Location, Result};
use crate::source_map::SourceMap;

/// Nodes that inlined `$ref`s may copy in all: this many, or [`INLINED_PER_READ_NODE`] times
/// the nodes of the files read, whichever is more. References whose targets hold more
/// references to the same targets grow the bundle exponentially (a "reference bomb"); real
/// specs inline few nodes (ApiManagement: none, its references all name definitions or
/// parameters) or, when they refer into `paths` (digitalocean: 2,798 references to responses,
/// headers and parameters of other operations), a small multiple of their own size.
const MAX_INLINED_NODES: usize = 100_000;
/// See [`MAX_INLINED_NODES`]: the budget grows linearly with the input, never exponentially.
const INLINED_PER_READ_NODE: usize = 8;

/// How deep the bundle may nest. Each file is at most 128 levels deep (the parsers' limit);
/// chains of inlined `$ref`s could nest deeper without end, and every later stage recurses.
const MAX_DEPTH: usize = 256;

/// Choices about which files a spec may pull in.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Folders (with everything below them) that `$ref`s may reach besides the input files'
    /// own folder tree: for example the root of a specs repository whose services refer to
    /// shared common types with `../../..`.
    pub allow_ref_roots: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecVersion {
    Swagger2,
    OpenApi3,
    /// OpenAPI 3.1 (JSON Schema 2020-12 schemas), normalised to 3.0 by `convert`.
    OpenApi31,
}

impl SpecVersion {
    /// The containers a `$ref` may target by name; items there are imported, not inlined.
    fn containers(self) -> &'static [&'static str] {
        match self {
            SpecVersion::Swagger2 => &["/definitions", "/parameters", "/responses"],
            SpecVersion::OpenApi3 | SpecVersion::OpenApi31 => &[
                "/components/schemas",
                "/components/parameters",
                "/components/responses",
                "/components/requestBodies",
                "/components/headers",
            ],
        }
    }
}

/// One self-contained document: the merge of the input files, with external items imported.
#[derive(Debug)]
pub struct Bundle {
    pub version: SpecVersion,
    pub document: Value,
    /// Every file read, in the order first read (inputs first).
    pub files: Vec<PathBuf>,
    /// Where each part of `document` was written.
    pub sources: SourceMap,
}

/// Reads `inputs` and everything they reference, and bundles them.
pub fn load(inputs: &[PathBuf], options: &Options) -> Result<Bundle> {
    if inputs.is_empty() {
        return Err(Error::other("no input files given"));
    }
    let mut loader = Loader {
        ref_roots: ref_roots(inputs, options)?,
        ..Loader::default()
    };
    let mut version = None;
    for input in inputs {
        let file = normalize(input);
        let doc = loader.read(&file, None)?;
        let this = detect_version(&doc, &file)?;
        match version {
            None => version = Some(this),
            Some(v) if v != this => {
                return Err(Error::at(
                    &Location::new(&file, ""),
                    "all input files must use the same spec version (Swagger 2.0 or OpenAPI 3.x)",
                ))
            }
            Some(_) => {}
        }
        loader.entries.push(file);
    }
    let version = version.expect("inputs is not empty");
    loader.version = Some(version);
    loader.bundle()
}

fn detect_version(doc: &Value, file: &Path) -> Result<SpecVersion> {
    if let Some(v) = doc.get("swagger") {
        return match v.as_str() {
            Some("2.0") => Ok(SpecVersion::Swagger2),
            _ => Err(Error::at(
                &Location::new(file, "/swagger"),
                format!("unsupported Swagger version {v}; expected \"2.0\""),
            )),
        };
    }
    if let Some(v) = doc.get("openapi") {
        return match v.as_str() {
            Some(s) if s.starts_with("3.0.") => Ok(SpecVersion::OpenApi3),
            Some(s) if s.starts_with("3.1.") => Ok(SpecVersion::OpenApi31),
            _ => Err(Error::at(
                &Location::new(file, "/openapi"),
                format!("unsupported OpenAPI version {v}; expected 3.0.x or 3.1.x"),
            )),
        };
    }
    Err(Error::at(
        &Location::new(file, ""),
        "not a Swagger 2.0 or OpenAPI 3.x document: neither `swagger` nor `openapi` is set",
    ))
}

/// An item that a `$ref` names: container pointer plus name, in a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ItemKey {
    file: PathBuf,
    container: &'static str,
    /// The name it asks for in the bundle's container.
    name: String,
    /// Where it is in its file: `{container}/{name}`, or deeper for a schema's own
    /// `$defs`/`definitions` entry, which is imported as a schema of its own.
    pointer: String,
}

impl ItemKey {
    /// An item directly in a container.
    fn direct(file: PathBuf, container: &'static str, name: String) -> Self {
        let pointer = format!("{container}/{}", escape_pointer_segment(&name));
        ItemKey {
            file,
            container,
            name,
            pointer,
        }
    }
}

/// The folders `$ref`s may reach, canonical: the inputs' deepest common folder and the allowed
/// roots.
fn ref_roots(inputs: &[PathBuf], options: &Options) -> Result<Vec<PathBuf>> {
    let mut common: Option<PathBuf> = None;
    for input in inputs {
        let file = std::fs::canonicalize(input).map_err(|e| Error::io(input, e))?;
        let folder = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        common = Some(match common {
            None => folder,
            Some(common) => common
                .ancestors()
                .find(|a| folder.starts_with(a))
                .unwrap_or(Path::new("/"))
                .to_path_buf(),
        });
    }
    let mut roots: Vec<PathBuf> = common.into_iter().collect();
    for root in &options.allow_ref_roots {
        roots.push(std::fs::canonicalize(root).map_err(|e| {
            Error::other(format!(
                "allowed $ref root {} cannot be used: {e}",
                root.display()
            ))
        })?);
    }
    Ok(roots)
}

#[derive(Default)]
struct Loader {
    version: Option<SpecVersion>,
    /// Canonical folders `$ref`s may reach.
    ref_roots: Vec<PathBuf>,
    entries: Vec<PathBuf>,
    /// Parsed files, shared: every `$ref` into a file reads it.
    docs: HashMap<PathBuf, Rc<Value>>,
    files: Vec<PathBuf>,
    /// (container, unique name) -> the item it stands for.
    taken: HashMap<(&'static str, String), ItemKey>,
    /// item -> unique name in the bundle.
    names: HashMap<ItemKey, String>,
    queue: VecDeque<ItemKey>,
    /// Pointers being inlined, to catch `$ref` chains that loop.
    inlining: Vec<Location>,
    /// Schemas nested inside named schemas that a local `$ref` of their file points to: each is
    /// a named schema, and its place in the parent refers to it (see [`nested_schema`]).
    nested_targets: std::collections::HashSet<Location>,
    /// Nodes copied by inlining so far.
    inlined_nodes: usize,
    /// Nodes of the files read so far.
    read_nodes: usize,
    sources: SourceMap,
}

impl Loader {
    /// Reads and parses a file once; `from` is the `$ref` that asked for it, for error messages.
    fn read(&mut self, file: &Path, from: Option<&Location>) -> Result<Rc<Value>> {
        if let Some(doc) = self.docs.get(file) {
            return Ok(doc.clone());
        }
        let unreadable = |e: std::io::Error| match from {
            Some(site) => Error::at(
                site,
                format!(
                    "$ref points to {} which cannot be read: {e}",
                    file.display()
                ),
            ),
            None => Error::io(file, e),
        };
        if let Some(site) = from {
            let real = std::fs::canonicalize(file).map_err(unreadable)?;
            if !self.ref_roots.iter().any(|root| real.starts_with(root)) {
                let roots: Vec<String> = self
                    .ref_roots
                    .iter()
                    .map(|r| r.display().to_string())
                    .collect();
                return Err(Error::at(
                    site,
                    format!(
                        "$ref points to {}, outside the folders references may reach ({}); \
                         to allow it, pass `--allow-ref-root <folder>` (library: \
                         `LoadOptions::allow_ref_roots`)",
                        file.display(),
                        roots.join(", ")
                    ),
                ));
            }
        }
        let text = std::fs::read_to_string(file).map_err(unreadable)?;
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the document.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let yaml = matches!(
            file.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let doc: Value = if yaml {
            let invalid = |message: String| {
                Error::at(&Location::new(file, ""), format!("invalid YAML: {message}"))
            };
            crate::yaml_depth::check(text, crate::yaml_depth::LIMIT).map_err(|deep| {
                invalid(format!(
                    "flow collections nested deeper than {} levels at line {} column {}",
                    crate::yaml_depth::LIMIT,
                    deep.line,
                    deep.column
                ))
            })?;
            serde_yaml::from_str(text).map_err(|e| invalid(e.to_string()))?
        } else {
            serde_json::from_str(text)
                .map_err(|e| Error::at(&Location::new(file, ""), format!("invalid JSON: {e}")))?
        };
        if !doc.is_object() {
            return Err(Error::at(
                &Location::new(file, ""),
                "a spec document must be a JSON object",
            ));
        }
        // The first input is read before the version is known: both containers then.
        let containers = self
            .version
            .map_or(&["/components/schemas", "/definitions"][..], |v| {
                v.containers()
            });
        collect_nested_targets(&doc, file, containers, &mut self.nested_targets);
        self.read_nodes += count_nodes(&doc);
        let doc = Rc::new(doc);
        self.docs.insert(file.to_path_buf(), doc.clone());
        self.files.push(file.to_path_buf());
        Ok(doc)
    }

    fn containers(&self) -> &'static [&'static str] {
        self.version
            .expect("version set before bundling")
            .containers()
    }

    fn bundle(mut self) -> Result<Bundle> {
        let entries = self.entries.clone();
        // Entry files' own items come first so they keep their names.
        for file in &entries {
            let doc = self.docs[file].clone();
            for &container in self.containers() {
                if let Some(Value::Object(items)) = doc.pointer(container) {
                    for name in items.keys() {
                        self.register(ItemKey::direct(file.clone(), container, name.clone()));
                    }
                }
            }
        }

        let first = self.docs[&entries[0]].clone();
        // Top-level keys come from the first input.
        self.sources.insert("", Location::new(&entries[0], ""));
        let mut out = Map::new();
        for (key, value) in first.as_object().expect("checked object") {
            if !matches!(
                key.as_str(),
                "paths" | "x-ms-paths" | "definitions" | "parameters" | "responses" | "components"
            ) {
                out.insert(key.clone(), value.clone());
            }
        }

        let mut paths = Map::new();
        for file in &entries {
            let doc = self.docs[file].clone();
            for section in ["paths", "x-ms-paths"] {
                let Some(items) = doc.get(section) else {
                    continue;
                };
                let here = Location::new(file, format!("/{section}"));
                let Value::Object(items) = items else {
                    return Err(Error::at(&here, format!("`{section}` must be an object")));
                };
                for (path, item) in items {
                    let at = here.join(path);
                    let in_bundle = format!("/paths/{}", escape_pointer_segment(path));
                    if paths.contains_key(path) {
                        return Err(Error::at(&at, "the same path is defined twice"));
                    }
                    self.sources.insert(in_bundle.clone(), at.clone());
                    let mut item = item.clone();
                    self.rewrite(&mut item, &at, &in_bundle)?;
                    paths.insert(path.clone(), item);
                }
            }
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut containers: Vec<(&'static str, Map<String, Value>)> =
            self.containers().iter().map(|c| (*c, Map::new())).collect();
        while let Some(key) = self.queue.pop_front() {
            let name = self.names[&key].clone();
            let at = Location::new(&key.file, key.pointer.clone());
            let doc = self.docs[&key.file].clone();
            let mut value = doc
                .pointer(&at.pointer)
                .cloned()
                .expect("registered items exist");
            let in_bundle = format!("{}/{}", key.container, escape_pointer_segment(&name));
            self.sources.insert(in_bundle.clone(), at.clone());
            self.rewrite(&mut value, &at, &in_bundle)?;
            let slot = containers
                .iter_mut()
                .find(|(c, _)| *c == key.container)
                .expect("known container");
            slot.1.insert(name, value);
        }
        for (container, items) in containers {
            if items.is_empty() {
                continue;
            }
            let mut target = &mut out;
            let segments: Vec<&str> = container.trim_start_matches('/').split('/').collect();
            for segment in &segments[..segments.len() - 1] {
                target = target
                    .entry(segment.to_string())
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
                    .expect("containers are objects");
            }
            target.insert(
                segments[segments.len() - 1].to_string(),
                Value::Object(items),
            );
        }

        // Requirements name security schemes, never `$ref` them: they come from the first input.
        if let Some(schemes) = first.pointer("/components/securitySchemes") {
            let components = out
                .entry("components".to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(components) = components.as_object_mut() {
                components.insert("securitySchemes".into(), schemes.clone());
                let at = Location::new(&entries[0], "/components/securitySchemes");
                self.sources.insert("/components/securitySchemes", at);
            }
        }

        Ok(Bundle {
            version: self.version.expect("set"),
            document: Value::Object(out),
            files: self.files,
            sources: self.sources,
        })
    }

    /// Gives an item its unique bundle name (once) and queues it for import.
    fn register(&mut self, key: ItemKey) -> String {
        if let Some(name) = self.names.get(&key) {
            return name.clone();
        }
        let mut candidate = key.name.clone();
        let mut n = 1;
        while let Some(owner) = self.taken.get(&(key.container, candidate.clone())) {
            // The same definition copied into two files (common-types versions) is imported once.
            if owner.name == key.name && self.same_content(owner, &key) {
                let name = candidate.clone();
                self.names.insert(key, name.clone());
                return name;
            }
            candidate = disambiguate(&key, n);
            n += 1;
        }
        self.taken
            .insert((key.container, candidate.clone()), key.clone());
        self.names.insert(key.clone(), candidate.clone());
        self.queue.push_back(key);
        candidate
    }

    /// Registers `key` and returns the local `$ref` to it.
    fn local_ref(&mut self, key: ItemKey) -> Value {
        let container = key.container;
        let name = self.register(key);
        let mut local = Map::new();
        local.insert(
            "$ref".into(),
            Value::String(format!("#{container}/{}", escape_pointer_segment(&name))),
        );
        Value::Object(local)
    }

    fn same_content(&self, a: &ItemKey, b: &ItemKey) -> bool {
        let get = |k: &ItemKey| self.docs.get(&k.file).and_then(|d| d.pointer(&k.pointer));
        // Only when both live in the same folder do relative `$ref`s inside mean the same thing.
        a.file.parent() == b.file.parent() && get(a) == get(b)
    }

    /// Rewrites every `$ref` inside `value` (found at `at`, and put at `in_bundle` in the
    /// bundle) to a local one.
    fn rewrite(&mut self, value: &mut Value, at: &Location, in_bundle: &str) -> Result<()> {
        check_depth(at, in_bundle)?;
        let nested = self
            .nested_targets
            .contains(at)
            .then(|| {
                self.containers()
                    .iter()
                    .find_map(|c| nested_schema(c, &at.file, &at.pointer))
            })
            .flatten();
        if let Some(key) = nested {
            // Unless this is the named schema itself being imported.
            let root = self
                .names
                .get(&key)
                .map(|name| format!("{}/{}", key.container, escape_pointer_segment(name)));
            if root.as_deref() != Some(in_bundle) {
                *value = self.local_ref(key);
                return Ok(());
            }
        }
        let child = |segment: &str| format!("{in_bundle}/{}", escape_pointer_segment(segment));
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref") {
                    let site = at.join("$ref");
                    let Some(reference) = reference.as_str() else {
                        return Err(Error::at(&site, "$ref must be a string"));
                    };
                    let reference = reference.to_string();
                    if self.version == Some(SpecVersion::OpenApi31) && has_constraints(map) {
                        *value = self.reference_with_siblings(map, &reference, at, in_bundle)?;
                        return Ok(());
                    }
                    // A property's own description beside its `$ref` (OpenAPI 3.1 lets it
                    // override the target's; 2.0 and 3.0 specs write it too) documents the
                    // field, and `x-nullable: true` says this use may be `null`: they are
                    // kept, and the other siblings stay ignored.
                    let description = property_description(map, in_bundle);
                    let nullable = map.get("x-nullable") == Some(&Value::Bool(true));
                    if description.is_some() || nullable {
                        let mut kept = Map::new();
                        kept.insert("$ref".into(), Value::String(reference.clone()));
                        if let Some(description) = description {
                            kept.insert("description".into(), description);
                        }
                        if nullable {
                            kept.insert("x-nullable".into(), Value::Bool(true));
                        }
                        *value = self.reference_with_siblings(&kept, &reference, at, in_bundle)?;
                        return Ok(());
                    }
                    *value = self.resolve(&reference, &site, in_bundle)?;
                    return Ok(());
                }
                let own_key = in_bundle.rsplit('/').next().unwrap_or("");
                for (key, value) in map.iter_mut() {
                    match member_kind(own_key, key) {
                        Member::Data => continue,
                        Member::Node => self.rewrite(value, &at.join(key), &child(key))?,
                        Member::Names => {
                            let (at, in_bundle) = (at.join(key), child(key));
                            check_depth(&at, &in_bundle)?;
                            let Value::Object(named) = value else {
                                self.rewrite(value, &at, &in_bundle)?;
                                continue;
                            };
                            // The keys are names (a property may be called `$ref`): only the
                            // values are nodes.
                            for (name, node) in named.iter_mut() {
                                let segment = escape_pointer_segment(name);
                                self.rewrite(
                                    node,
                                    &at.join(name),
                                    &format!("{in_bundle}/{segment}"),
                                )?;
                            }
                        }
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                for (i, value) in items.iter_mut().enumerate() {
                    let i = i.to_string();
                    self.rewrite(value, &at.join(&i), &child(&i))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A 3.1 `$ref` whose siblings constrain it (`{"$ref": X, "nullable": true}`, `{"$ref": X,
    /// "required": [..]}`): JSON Schema 2020-12 applies both, so it becomes
    /// `{"allOf": [{"$ref": X}], ..siblings}`, the 3.0 way to say the same.
    fn reference_with_siblings(
        &mut self,
        map: &Map<String, Value>,
        reference: &str,
        at: &Location,
        in_bundle: &str,
    ) -> Result<Value> {
        // The target goes last, so the siblings' own `allOf` members keep their indexes.
        let index = map
            .get("allOf")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let target_at = format!("{in_bundle}/allOf/{index}");
        self.sources.insert(target_at.clone(), at.clone());
        let target = self.resolve(reference, &at.join("$ref"), &target_at)?;
        let mut siblings = map.clone();
        siblings.remove("$ref");
        let mut out = Value::Object(siblings);
        self.rewrite(&mut out, at, in_bundle)?;
        if let Value::Object(out_map) = &mut out {
            let mut all_of = match out_map.remove("allOf") {
                Some(Value::Array(members)) => members,
                _ => Vec::new(),
            };
            all_of.push(target);
            out_map.insert("allOf".into(), Value::Array(all_of));
        }
        Ok(out)
    }

    /// Turns one `$ref` (at `site`, replaced at `in_bundle`) into its replacement: a local
    /// `$ref` to an imported item, or the (rewritten) target itself when it points anywhere else.
    fn resolve(&mut self, reference: &str, site: &Location, in_bundle: &str) -> Result<Value> {
        if let Some((scheme, _)) = reference.split_once("://") {
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                return Err(Error::at(
                    site,
                    format!(
                        "$ref `{reference}` is a remote reference, which apigen does not fetch; \
                         download the file into the spec folder and refer to it by a relative path"
                    ),
                ));
            }
        }
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        // A fragment is URI-encoded: `{` may be written `%7B`.
        let fragment = percent_encoding::percent_decode_str(fragment)
            .decode_utf8()
            .map_err(|_| {
                Error::at(
                    site,
                    format!("$ref `{reference}` has a fragment that is not URI-encoded UTF-8"),
                )
            })?
            .into_owned();
        let fragment = fragment.as_str();
        let file = if file_part.is_empty() {
            site.file.clone()
        } else {
            normalize(&site.file.parent().unwrap_or(Path::new("")).join(file_part))
        };
        let doc = self.read(&file, Some(site))?;
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(Error::at(
                site,
                format!("$ref `{reference}` has a fragment that is not a JSON pointer"),
            ));
        }
        if doc.pointer(fragment).is_none() {
            return Err(Error::at(
                site,
                format!(
                    "$ref `{reference}` does not resolve: {} has nothing at `{fragment}`",
                    file.display()
                ),
            ));
        }
        for &container in self.containers() {
            if let Some(rest) = fragment
                .strip_prefix(container)
                .and_then(|r| r.strip_prefix('/'))
            {
                let key = if !rest.contains('/') {
                    Some(ItemKey::direct(
                        file.clone(),
                        container,
                        unescape_pointer_segment(rest),
                    ))
                } else {
                    nested_schema(container, &file, fragment)
                };
                if let Some(key) = key {
                    return Ok(self.local_ref(key));
                }
            }
        }
        // Anything else is inlined, guarding against chains that loop.
        let target = Location::new(&file, fragment);
        if self.inlining.contains(&target) {
            return Err(Error::at(
                site,
                format!("$ref `{reference}` is part of a cycle of references"),
            ));
        }
        let mut value = doc.pointer(fragment).cloned().expect("checked above");
        self.inlined_nodes += count_nodes(&value);
        let budget = MAX_INLINED_NODES.max(INLINED_PER_READ_NODE * self.read_nodes);
        if self.inlined_nodes > budget {
            return Err(Error::at(
                site,
                format!(
                    "$ref `{reference}`: inlining references would copy more than {budget} \
                     nodes, {INLINED_PER_READ_NODE} times the spec's own (references whose \
                     targets refer to the same targets again grow exponentially)"
                ),
            ));
        }
        self.inlining.push(target.clone());
        self.sources.insert(in_bundle, target.clone());
        let result = self.rewrite(&mut value, &target, in_bundle);
        self.inlining.pop();
        result.map(|()| value)
    }
}

/// Refuses a bundle that nests deeper than [`MAX_DEPTH`] at `in_bundle`.
fn check_depth(at: &Location, in_bundle: &str) -> Result<()> {
    if in_bundle.matches('/').count() > MAX_DEPTH {
        return Err(Error::at(
            at,
            format!(
                "the bundled document nests deeper than {MAX_DEPTH} levels here, through \
                 inlined $refs"
            ),
        ));
    }
    Ok(())
}

/// What a member of an object holds, for `$ref` rewriting.
enum Member {
    /// Spec structure that may hold `$ref`s.
    Node,
    /// A map from names to nodes: its keys are not keywords.
    Names,
    /// Values, not spec structure: examples, defaults, enum values, extensions.
    Data,
}

/// What `key` holds in an object that is itself the member `own_key` of its parent.
fn member_kind(own_key: &str, key: &str) -> Member {
    match key {
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
            Member::Names
        }
        // `default` is the fallback response among the responses, data anywhere else.
        "default" if own_key == "responses" => Member::Node,
        "example" | "examples" | "default" | "enum" | "const" => Member::Data,
        // Extensions are the spec author's data (`x-ms-examples` are conformance data kept
        // verbatim); `x-ms-paths` is read as paths before this.
        _ if key.starts_with("x-") => Member::Data,
        _ => Member::Node,
    }
}

/// A 3.1 `$ref` object has siblings that constrain the schema (not only annotations, which
/// describe the target and are dropped as in 3.0).
/// The `description` beside the `$ref` of `map`, when `map` is a property's schema (at
/// `in_bundle`, `…/properties/{name}`).
fn property_description(map: &Map<String, Value>, in_bundle: &str) -> Option<Value> {
    let mut segments = in_bundle.rsplit('/');
    let in_properties = segments.nth(1) == Some("properties");
    let description = map.get("description").filter(|d| d.is_string())?;
    in_properties.then(|| description.clone())
}

fn has_constraints(map: &Map<String, Value>) -> bool {
    const ANNOTATIONS: &[&str] = &[
        "$ref",
        "description",
        "summary",
        "title",
        "$comment",
        "example",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
    ];
    map.keys()
        .any(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"))
}

/// The key a schema nested inside a named schema at `fragment` is imported under: the schema's
/// name and the property (or `$defs`, or member index) names on the way, e.g.
/// `Server_ipConfiguration` for `/components/schemas/Server/properties/ipConfiguration`. `None`
/// for a named schema itself and for pointers that do not end at a schema.
fn nested_schema(container: &'static str, file: &Path, fragment: &str) -> Option<ItemKey> {
    if !matches!(container, "/components/schemas" | "/definitions") {
        return None;
    }
    let rest = fragment.strip_prefix(container)?.strip_prefix('/')?;
    let mut segments = rest.split('/').map(unescape_pointer_segment);
    let mut name = segments.next()?;
    // Segments alternate between keywords and what a keyword names; only the names go into
    // the type's name. Keywords that hold one schema are followed by a keyword again.
    let mut expect_keyword = true;
    let mut nested = false;
    for segment in segments {
        nested = true;
        if !expect_keyword {
            name.push('_');
            name.push_str(&segment);
            expect_keyword = true;
            continue;
        }
        match segment.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "allOf" | "anyOf"
            | "oneOf" | "prefixItems" => expect_keyword = false,
            "items" | "additionalProperties" | "not" => {}
            _ => return None,
        }
    }
    (nested && expect_keyword).then(|| ItemKey {
        file: file.to_path_buf(),
        container,
        name,
        pointer: fragment.to_string(),
    })
}

/// Records the nested schemas (see [`nested_schema`]) that the local `$ref`s of `doc` point to.
/// A `$ref` key inside data (a property named `$ref`) may add a target too: that only names a
/// schema that exists.
fn collect_nested_targets(
    doc: &Value,
    file: &Path,
    containers: &[&'static str],
    targets: &mut std::collections::HashSet<Location>,
) {
    let mut stack = vec![doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let fragment = reference
                        .strip_prefix('#')
                        .and_then(|f| percent_encoding::percent_decode_str(f).decode_utf8().ok());
                    let nested = fragment.filter(|f| {
                        containers
                            .iter()
                            .any(|c| nested_schema(c, file, f).is_some())
                    });
                    if let Some(fragment) = nested {
                        targets.insert(Location::new(file, fragment.into_owned()));
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(count_nodes).sum(),
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        _ => 0,
    }
}

/// A second name for an item whose own name is taken: the folder it lives in (`v2`) and then a
/// counter make it unique and stable.
fn disambiguate(key: &ItemKey, n: usize) -> String {
    let folder = key
        .file
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|f| f.to_str())
        .unwrap_or("")
        .to_upper_camel_case();
    if n == 1 && !folder.is_empty() {
        format!("{}{folder}", key.name)
    } else {
        format!("{}{folder}{n}", key.name)
    }
}

/// Lexically normalises a path (`a/b/../c` -> `a/c`) so one file has one key.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
