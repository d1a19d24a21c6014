//! Stage 2, convert: a bundled Swagger 2.0 document becomes an `openapiv3::OpenAPI`.
//!
//! `body`/`formData` parameters become `requestBody`, `definitions` become
//! `components/schemas`, `collectionFormat` becomes `style`/`explode`, `produces`/`consumes`
//! become media types, `type: file` becomes a binary string, `x-nullable` becomes `nullable`.
//! Every `x-*` extension is kept. What OpenAPI 3 has no field for (the body parameter's name,
//! `collectionFormat: tsv`) goes into [`Facts`], and every item moved to another place goes into
//! the [`SourceMap`] of the result, so nothing private is added to the document. Malformed input
//! (a keyword of the wrong JSON type) is reported with the file and JSON pointer it came from.
//! OpenAPI 3.0 input is only checked and deserialised; OpenAPI 3.1 is first rewritten in the
//! 3.0 shape ([`openapi31`]).

mod openapi31;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;
use serde_json::{json, Map, Value};

use crate::error::{escape_pointer_segment, Error, Location, Result};
use crate::load::{Bundle, SpecVersion};
use crate::source_map::SourceMap;

/// The OpenAPI 3 document and what lowering needs beside it.
#[derive(Clone, Debug)]
pub struct Converted {
    pub openapi: OpenAPI,
    /// Where each part of `openapi` was written.
    pub sources: SourceMap,
    pub facts: Facts,
}

/// What a Swagger 2.0 spec says that OpenAPI 3 has no field for, by pointer into the converted
/// document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Request body -> the `name` of the body parameter it was made from.
    pub body_names: BTreeMap<String, String>,
    /// Parameters with `collectionFormat: tsv` (tab-separated values).
    pub tab_delimited: BTreeSet<String>,
}

pub fn convert(bundle: &Bundle) -> Result<Converted> {
    convert_document(bundle).map_err(|e| bundle.sources.relocate(e))
}

/// [`convert`] with errors at bundle locations.
fn convert_document(bundle: &Bundle) -> Result<Converted> {
    let (document, sources, facts) = match bundle.version {
        SpecVersion::OpenApi3 => {
            check_v3(&bundle.document)?;
            (
                // Read in place: a copy of a large spec's document costs hundreds of MB.
                Cow::Borrowed(&bundle.document),
                bundle.sources.clone(),
                Facts::default(),
            )
        }
        SpecVersion::OpenApi31 => {
            let (document, moves) = openapi31::normalise(&bundle.document)?;
            let sources = bundle.sources.derive(&moves);
            check_v3(&document).map_err(|e| sources.relocate(e))?;
            (Cow::Owned(document), sources, Facts::default())
        }
        SpecVersion::Swagger2 => {
            let record = RefCell::new(Record::default());
            let document = Converter::new(&bundle.document, &record)?.document()?;
            let Record { moves, facts } = record.into_inner();
            (Cow::Owned(document), bundle.sources.derive(&moves), facts)
        }
    };
    let openapi = deserialize(&document, &sources)?;
    Ok(Converted {
        openapi,
        sources,
        facts,
    })
}

/// Deserialises the OpenAPI document, naming the item a failure is in.
fn deserialize(document: &Value, sources: &SourceMap) -> Result<OpenAPI> {
    use openapiv3::{Operation, PathItem, ReferenceOr};
    serde_path_to_error::deserialize(document).map_err(|e| {
        let mut failure = failure_pointer(document, "", &e);
        // `openapiv3` reads path items and operations through `#[serde(flatten)]`, which hides
        // serde's path inside them: deserialise the failing one on its own.
        let items = document.get("paths").and_then(Value::as_object);
        if failure.0.matches('/').count() <= 2 {
            for (path, item) in items.into_iter().flatten() {
                let at = join("/paths", path);
                let Some(in_item) = first_failure::<ReferenceOr<PathItem>>(item, &at) else {
                    continue;
                };
                let members = item.as_object().into_iter().flatten();
                let in_operation = members
                    .filter(|(key, _)| METHODS.contains(&key.as_str()))
                    .find_map(|(key, op)| first_failure::<Operation>(op, &join(&at, key)));
                failure = in_operation.unwrap_or(in_item);
                break;
            }
        }
        let (pointer, message) = failure;
        Error::at(
            &sources.locate(&pointer),
            format!("invalid spec: {message}"),
        )
    })
}

/// The operations of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Where (below `base`) deserialising `value` as a `T` fails, and why, if it does.
fn first_failure<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &str,
) -> Option<(String, String)> {
    serde_path_to_error::deserialize::<_, T>(value)
        .err()
        .map(|e| failure_pointer(value, base, &e))
}

/// The pointer (below `base`, where `document` is) of the innermost item of `document` on the
/// failure's path, and the failure's message.
fn failure_pointer(
    document: &Value,
    base: &str,
    e: &serde_path_to_error::Error<serde_json::Error>,
) -> (String, String) {
    // Follow serde's path as far as the document has it.
    let mut pointer = base.to_string();
    let mut node = document;
    for segment in e.path().iter() {
        let key = match segment {
            serde_path_to_error::Segment::Map { key } => key.clone(),
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            _ => break,
        };
        let next = match node {
            Value::Object(m) => m.get(&key),
            Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        node = next;
        pointer.push('/');
        pointer.push_str(&escape_pointer_segment(&key));
    }
    (pointer, e.inner().to_string())
}

/// What conversion learns besides the document.
#[derive(Default)]
struct Record {
    /// Pointer in the converted document -> the bundle pointer its subtree was made from.
    moves: BTreeMap<String, String>,
    facts: Facts,
}

struct Converter<'a> {
    doc: &'a Map<String, Value>,
    consumes: Vec<String>,
    produces: Vec<String>,
    record: &'a RefCell<Record>,
}

/// `base` with one more pointer segment.
fn join(base: &str, segment: &str) -> String {
    format!("{base}/{}", escape_pointer_segment(segment))
}

fn strings(value: Option<&Value>, at: &Location) -> Result<Vec<String>> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(String::from)
                    .ok_or_else(|| Error::at(&at.join(i.to_string()), "expected a string"))
            })
            .collect(),
        Some(_) => Err(Error::at(at, "expected an array of strings")),
    }
}

fn object<'v>(value: &'v Value, at: &Location) -> Result<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| Error::at(at, "expected a JSON object"))
}

/// A top-level section that must be an object, if present.
fn section<'v>(doc: &'v Map<String, Value>, key: &str) -> Result<Option<&'v Map<String, Value>>> {
    doc.get(key)
        .map(|v| object(v, &Location::bundle(join("", key))))
        .transpose()
}

/// A top-level keyword that must be a string, if present.
fn text<'v>(doc: &'v Map<String, Value>, key: &str) -> Result<Option<&'v str>> {
    match doc.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::at(
            &Location::bundle(join("", key)),
            format!("`{key}` must be a string"),
        )),
    }
}

impl<'a> Converter<'a> {
    fn new(document: &'a Value, record: &'a RefCell<Record>) -> Result<Self> {
        let top = Location::bundle("");
        let doc = object(document, &top)?;
        Ok(Converter {
            doc,
            consumes: strings(doc.get("consumes"), &top.join("consumes"))?,
            produces: strings(doc.get("produces"), &top.join("produces"))?,
            record,
        })
    }

    /// Records that the converted document's `new` subtree was made from the bundle's `old`.
    fn moved(&self, new: String, old: &Location) {
        self.record
            .borrow_mut()
            .moves
            .insert(new, old.pointer.clone());
    }

    fn document(&self) -> Result<Value> {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        self.moved("/openapi".into(), &Location::bundle("/swagger"));
        out.insert(
            "info".into(),
            self.doc
                .get("info")
                .cloned()
                .unwrap_or_else(|| json!({"title": "API", "version": ""})),
        );
        if let Some(host) = text(self.doc, "host")? {
            let scheme = match self.doc.get("schemes") {
                None => "https".to_string(),
                Some(schemes) => strings(Some(schemes), &Location::bundle("/schemes"))?
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| "https".into()),
            };
            let base = text(self.doc, "basePath")?.unwrap_or("");
            out.insert(
                "servers".into(),
                json!([{ "url": format!("{scheme}://{host}{}", base.trim_end_matches('/')) }]),
            );
            self.moved("/servers".into(), &Location::bundle("/host"));
        }
        for (key, value) in self.doc {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }

        let mut paths = Map::new();
        for (path, item) in section(self.doc, "paths")?.into_iter().flatten() {
            let at = Location::bundle("/paths").join(path);
            paths.insert(path.clone(), self.path_item(item, &at)?);
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if let Some(defs) = section(self.doc, "definitions")? {
            let mut schemas = Map::new();
            for (name, schema) in defs {
                let at = Location::bundle("/definitions").join(name);
                self.moved(join("/components/schemas", name), &at);
                schemas.insert(name.clone(), schema_v3(schema, &at)?);
            }
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(params) = section(self.doc, "parameters")? {
            let mut out_params = Map::new();
            for (name, param) in params {
                let at = Location::bundle("/parameters").join(name);
                // Body parameters are inlined where used; OpenAPI 3 has no body parameter.
                if !matches!(
                    param.get("in").and_then(Value::as_str),
                    Some("body" | "formData")
                ) {
                    let new = join("/components/parameters", name);
                    out_params.insert(name.clone(), self.parameter(param, &at, new)?);
                }
            }
            components.insert("parameters".into(), Value::Object(out_params));
        }
        if let Some(responses) = section(self.doc, "responses")? {
            let mut out_responses = Map::new();
            for (name, response) in responses {
                let at = Location::bundle("/responses").join(name);
                let new = join("/components/responses", name);
                out_responses.insert(
                    name.clone(),
                    self.response(response, &self.produces, &at, &new)?,
                );
            }
            components.insert("responses".into(), Value::Object(out_responses));
        }
        if let Some(schemes) = section(self.doc, "securityDefinitions")? {
            let mut out_schemes = Map::new();
            for (name, scheme) in schemes {
                if let Some(converted) = security_scheme_v3(scheme) {
                    self.moved(
                        join("/components/securitySchemes", name),
                        &Location::bundle("/securityDefinitions").join(name),
                    );
                    out_schemes.insert(name.clone(), converted);
                }
            }
            components.insert("securitySchemes".into(), Value::Object(out_schemes));
        }
        out.insert("components".into(), Value::Object(components));
        if let Some(security) = self.doc.get("security") {
            out.insert("security".into(), security.clone());
        }
        Ok(Value::Object(out))
    }

    fn path_item(&self, item: &Value, at: &Location) -> Result<Value> {
        let mut out = Map::new();
        for (key, value) in object(item, at)? {
            match key.as_str() {
                method if METHODS.contains(&method) => {
                    out.insert(key.clone(), self.operation(value, item, &at.join(key))?);
                }
                "parameters" => {
                    let (params, _) = self.parameters(value, &at.join(key), None)?;
                    out.insert(key.clone(), Value::Array(params));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    /// Resolves a local `$ref` to a parameter of the bundle, with the parameter's location.
    fn resolve_parameter(&self, param: &Value) -> Option<(&'a Value, Location)> {
        let reference = param.get("$ref")?.as_str()?;
        let name = reference.strip_prefix("#/parameters/")?;
        let target = self.doc.get("parameters")?.get(name)?;
        Some((target, Location::bundle("/parameters").join(name)))
    }

    /// Converts a parameter list (at `at`, also its place in the converted document); body and
    /// formData parameters come back as a request body, placed at `body_at` when given.
    fn parameters(
        &self,
        list: &Value,
        at: &Location,
        body_at: Option<&str>,
    ) -> Result<(Vec<Value>, Option<Value>)> {
        let Value::Array(list) = list else {
            return Err(Error::at(at, "`parameters` must be an array"));
        };
        let mut params = Vec::new();
        let mut body = None;
        let mut form = Vec::new();
        for (i, param) in list.iter().enumerate() {
            let here = at.join(i.to_string());
            let (actual, actual_at) = self
                .resolve_parameter(param)
                .unwrap_or((param, here.clone()));
            let new = join(&at.pointer, &params.len().to_string());
            match actual.get("in").and_then(Value::as_str) {
                Some("body") => body = Some((actual, actual_at)),
                Some("formData") => form.push((actual.clone(), actual_at)),
                _ if param.get("$ref").is_some() => {
                    let reference = param["$ref"].as_str().unwrap_or_default();
                    let name = reference.trim_start_matches("#/parameters/");
                    self.moved(new, &here);
                    params.push(json!({ "$ref": format!("#/components/parameters/{name}") }));
                }
                _ => params.push(self.parameter(param, &here, new)?),
            }
        }
        let request_body = match (body, form.is_empty()) {
            (Some((body, from)), _) => Some(self.body(body, &from, body_at)?),
            (None, false) => Some(self.form_body(&form, body_at)?),
            (None, true) => None,
        };
        Ok((params, request_body))
    }

    /// A non-body parameter, placed at `new` in the converted document.
    fn parameter(&self, param: &Value, at: &Location, new: String) -> Result<Value> {
        let converted = parameter_v3(param, at)?;
        // The Swagger parameter is its own schema.
        self.moved(join(&new, "schema"), at);
        if param.get("collectionFormat").and_then(Value::as_str) == Some("tsv") {
            let mut record = self.record.borrow_mut();
            record.facts.tab_delimited.insert(new.clone());
        }
        self.moved(new, at);
        Ok(converted)
    }

    /// The media types a body is sent as.
    fn consumed(&self) -> Vec<String> {
        match self.consumes.as_slice() {
            [] => vec!["application/json".into()],
            media => media.to_vec(),
        }
    }

    fn body(&self, param: &Value, at: &Location, placed: Option<&str>) -> Result<Value> {
        let schema = param
            .get("schema")
            .ok_or_else(|| Error::at(at, "a body parameter needs a `schema`"))?;
        let schema = schema_v3(schema, &at.join("schema"))?;
        let mut body = Map::new();
        if let Some(d) = param.get("description") {
            body.insert("description".into(), d.clone());
        }
        body.insert(
            "required".into(),
            Value::Bool(
                param
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            ),
        );
        let mut content = Map::new();
        for media in self.consumed() {
            if let Some(new) = placed {
                let new = join(&join(&join(new, "content"), &media), "schema");
                self.moved(new, &at.join("schema"));
            }
            content.insert(media, json!({ "schema": schema }));
        }
        body.insert("content".into(), Value::Object(content));
        if let Some(new) = placed {
            self.moved(new.to_string(), at);
            if let Some(name) = param.get("name").and_then(Value::as_str) {
                let mut record = self.record.borrow_mut();
                record.facts.body_names.insert(new.to_string(), name.into());
            }
        }
        for (key, value) in param.as_object().into_iter().flatten() {
            if key.starts_with("x-") {
                body.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(body))
    }

    fn form_body(&self, fields: &[(Value, Location)], placed: Option<&str>) -> Result<Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut binary = false;
        for (field, at) in fields {
            let name = field.get("name").and_then(Value::as_str).ok_or_else(|| {
                Error::at(&at.join("name"), "a formData parameter needs a `name`")
            })?;
            binary |= field.get("type").and_then(Value::as_str) == Some("file");
            properties.insert(name.into(), schema_v3(&simple_schema(field), at)?);
            if field.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
        }
        let media = if binary {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        if let Some(new) = placed {
            let schema = join(&join(&join(new, "content"), media), "schema");
            for (field, at) in fields {
                if let Some(name) = field.get("name").and_then(Value::as_str) {
                    self.moved(join(&join(&schema, "properties"), name), at);
                }
            }
        }
        Ok(json!({
            "required": true,
            "content": { media: { "schema": {
                "type": "object", "properties": properties, "required": required,
            } } }
        }))
    }

    fn operation(&self, op: &Value, item: &Value, at: &Location) -> Result<Value> {
        let op_map = object(op, at)?;
        let consumes = match op_map.get("consumes") {
            Some(v) => strings(Some(v), &at.join("consumes"))?,
            None => self.consumes.clone(),
        };
        let produces = match op_map.get("produces") {
            Some(v) => strings(Some(v), &at.join("produces"))?,
            None => self.produces.clone(),
        };
        let scoped = Converter {
            doc: self.doc,
            consumes,
            produces: produces.clone(),
            record: self.record,
        };
        let body_at = join(&at.pointer, "requestBody");
        let mut out = Map::new();
        for (key, value) in op_map {
            match key.as_str() {
                "parameters" => {
                    let (params, body) = scoped.parameters(value, &at.join(key), Some(&body_at))?;
                    out.insert("parameters".into(), Value::Array(params));
                    if let Some(body) = body {
                        out.insert("requestBody".into(), body);
                    }
                }
                "responses" => {
                    let mut responses = Map::new();
                    for (code, response) in object(value, &at.join(key))? {
                        let here = at.join(key).join(code);
                        let converted =
                            if let Some(r) = response.get("$ref").and_then(Value::as_str) {
                                let name = r.trim_start_matches("#/responses/");
                                json!({ "$ref": format!("#/components/responses/{name}") })
                            } else {
                                scoped.response(response, &produces, &here, &here.pointer)?
                            };
                        responses.insert(code.clone(), converted);
                    }
                    out.insert("responses".into(), Value::Object(responses));
                }
                "consumes" | "produces" | "schemes" => {}
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        // A body parameter declared on the path item applies to each operation.
        if !out.contains_key("requestBody") {
            if let Some(shared) = item.get("parameters") {
                let item_at = Location::bundle(at.pointer.rsplit_once('/').map_or("", |(p, _)| p));
                let (_, body) =
                    scoped.parameters(shared, &item_at.join("parameters"), Some(&body_at))?;
                if let Some(body) = body {
                    out.insert("requestBody".into(), body);
                }
            }
        }
        Ok(Value::Object(out))
    }

    /// A response (at `at`), placed at `new` in the converted document.
    fn response(
        &self,
        response: &Value,
        produces: &[String],
        at: &Location,
        new: &str,
    ) -> Result<Value> {
        let map = object(response, at)?;
        self.moved(new.to_string(), at);
        let mut out = Map::new();
        out.insert(
            "description".into(),
            map.get("description").cloned().unwrap_or_else(|| json!("")),
        );
        if let Some(schema) = map.get("schema") {
            let schema = schema_v3(schema, &at.join("schema"))?;
            let mut content = Map::new();
            let produced = match produces {
                [] => vec!["application/json".to_string()],
                media => media.to_vec(),
            };
            for media in produced {
                let placed = join(&join(&join(new, "content"), &media), "schema");
                self.moved(placed, &at.join("schema"));
                content.insert(media, json!({ "schema": schema }));
            }
            out.insert("content".into(), Value::Object(content));
        }
        if let Some(headers) = map.get("headers") {
            let mut out_headers = Map::new();
            for (name, header) in object(headers, &at.join("headers"))? {
                let here = at.join("headers").join(name);
                let mut h = Map::new();
                if let Some(d) = header.get("description") {
                    h.insert("description".into(), d.clone());
                }
                // The Swagger header is its own schema.
                let placed = join(&join(&join(new, "headers"), name), "schema");
                self.moved(placed, &here);
                h.insert("schema".into(), schema_v3(&simple_schema(header), &here)?);
                out_headers.insert(name.clone(), Value::Object(h));
            }
            out.insert("headers".into(), Value::Object(out_headers));
        }
        for (key, value) in map {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(out))
    }
}

/// The schema part of a non-body parameter or header (`type`, `format`, `items`, `enum`, …).
fn simple_schema(param: &Value) -> Value {
    const SCHEMA_KEYS: &[&str] = &[
        "type",
        "format",
        "items",
        "enum",
        "default",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "multipleOf",
        "x-ms-enum",
        "x-nullable",
    ];
    let mut out = Map::new();
    for (key, value) in param.as_object().into_iter().flatten() {
        if SCHEMA_KEYS.contains(&key.as_str()) {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

fn parameter_v3(param: &Value, at: &Location) -> Result<Value> {
    let map = object(param, at)?;
    let name = map
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::at(&at.join("name"), "a parameter needs a string `name`"))?;
    let place = map
        .get("in")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::at(&at.join("in"), "a parameter needs `in`"))?;
    if !matches!(place, "path" | "query" | "header" | "cookie") {
        return Err(Error::at(
            &at.join("in"),
            format!("unknown parameter location `{place}`"),
        ));
    }
    let mut out = Map::new();
    out.insert("name".into(), json!(name));
    out.insert("in".into(), json!(place));
    let required = match map.get("required") {
        None => place == "path",
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(Error::at(
                &at.join("required"),
                "`required` must be a boolean",
            ))
        }
    };
    out.insert("required".into(), json!(required));
    if let Some(d) = map.get("description") {
        out.insert("description".into(), d.clone());
    }
    out.insert("schema".into(), schema_v3(&simple_schema(param), at)?);
    match map.get("collectionFormat").and_then(Value::as_str) {
        Some("multi") => {
            out.insert("style".into(), json!("form"));
            out.insert("explode".into(), json!(true));
        }
        Some("ssv") => {
            out.insert("style".into(), json!("spaceDelimited"));
            out.insert("explode".into(), json!(false));
        }
        Some("pipes") => {
            out.insert("style".into(), json!("pipeDelimited"));
            out.insert("explode".into(), json!(false));
        }
        // OpenAPI 3 has no style for tabs: see `Facts::tab_delimited`.
        Some("tsv") => {
            out.insert("explode".into(), json!(false));
        }
        Some("csv") | None if map.get("type").and_then(Value::as_str) == Some("array") => {
            if place == "query" {
                out.insert("style".into(), json!("form"));
            }
            out.insert("explode".into(), json!(false));
        }
        _ => {}
    }
    for (key, value) in map {
        if key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    Ok(Value::Object(out))
}

fn security_scheme_v3(scheme: &Value) -> Option<Value> {
    match scheme.get("type")?.as_str()? {
        "oauth2" => {
            let flow = match scheme.get("flow")?.as_str()? {
                "implicit" => "implicit",
                "password" => "password",
                "application" => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut details = Map::new();
            for (from, to) in [
                ("authorizationUrl", "authorizationUrl"),
                ("tokenUrl", "tokenUrl"),
            ] {
                if let Some(v) = scheme.get(from) {
                    details.insert(to.into(), v.clone());
                }
            }
            details.insert(
                "scopes".into(),
                scheme.get("scopes").cloned().unwrap_or_else(|| json!({})),
            );
            Some(json!({ "type": "oauth2", "flows": { flow: details } }))
        }
        "apiKey" => Some(json!({
            "type": "apiKey",
            "name": scheme.get("name")?,
            "in": scheme.get("in")?,
        })),
        "basic" => Some(json!({ "type": "http", "scheme": "basic" })),
        _ => None,
    }
}

const SCHEMA_TYPES: &[&str] = &[
    "string", "number", "integer", "boolean", "array", "object", "file", "null",
];

/// Converts one Swagger 2.0 schema (recursively), checking the keywords it relies on.
pub fn schema_v3(schema: &Value, at: &Location) -> Result<Value> {
    let map = object(schema, at)?;
    if let Some(reference) = map.get("$ref") {
        let reference = reference
            .as_str()
            .ok_or_else(|| Error::at(&at.join("$ref"), "$ref must be a string"))?;
        let name = reference.strip_prefix("#/definitions/").ok_or_else(|| {
            Error::at(
                &at.join("$ref"),
                format!("$ref `{reference}` must point to a definition"),
            )
        })?;
        return Ok(json!({ "$ref": format!("#/components/schemas/{name}") }));
    }
    let mut out = Map::new();
    for (key, value) in map {
        let here = at.join(key);
        let converted = match key.as_str() {
            "type" => match value.as_str() {
                Some("file") => {
                    out.insert("format".into(), json!("binary"));
                    json!("string")
                }
                Some(t) if SCHEMA_TYPES.contains(&t) => value.clone(),
                Some(t) => return Err(Error::at(&here, format!("unknown type `{t}`"))),
                None => return Err(wrong_json_type(&here, key, "a string")),
            },
            "format" if value.as_str().is_none() => {
                return Err(wrong_json_type(&here, key, "a string"))
            }
            "format" if out.contains_key("format") => continue,
            "properties" => {
                let mut props = Map::new();
                for (name, prop) in object(value, &here)? {
                    props.insert(name.clone(), schema_v3(prop, &here.join(name))?);
                }
                Value::Object(props)
            }
            "items" => match value {
                Value::Object(_) => schema_v3(value, &here)?,
                _ => return Err(Error::at(&here, "`items` must be a schema object")),
            },
            "additionalProperties" => match value {
                Value::Bool(_) => value.clone(),
                _ => schema_v3(value, &here)?,
            },
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(list) => Value::Array(
                    list.iter()
                        .enumerate()
                        .map(|(i, s)| schema_v3(s, &here.join(i.to_string())))
                        .collect::<Result<_>>()?,
                ),
                _ => return Err(Error::at(&here, format!("`{key}` must be an array"))),
            },
            "required" => Value::Array(
                strings(Some(value), &here)?
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            ),
            "enum" if !value.is_array() => return Err(Error::at(&here, "`enum` must be an array")),
            "discriminator" => match value.as_str() {
                Some(name) => json!({ "propertyName": name }),
                None => return Err(Error::at(&here, "`discriminator` must be a property name")),
            },
            "x-nullable" => {
                if value.as_bool() == Some(true) {
                    out.insert("nullable".into(), json!(true));
                }
                value.clone()
            }
            // `openapiv3` keeps no `xml` object: carried as an extension for XML bodies.
            "xml" => {
                out.insert("x-xml".into(), value.clone());
                continue;
            }
            "readOnly" if !value.is_boolean() => {
                return Err(Error::at(&here, "`readOnly` must be a boolean"))
            }
            "description" | "title" if !value.is_string() => {
                return Err(wrong_json_type(&here, key, "a string"))
            }
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    Ok(Value::Object(out))
}

/// A schema keyword whose value has the wrong JSON type: the spec is invalid, and the rule is
/// the Schema Object's (OpenAPI 3.0 §4.7.24, Swagger 2.0 Schema Object: `type`, `format`,
/// `title`, `description` and `pattern` are strings; `nullable`, `readOnly`, `writeOnly` and
/// `deprecated` booleans).
fn wrong_json_type(at: &Location, key: &str, json_type: &str) -> Error {
    Error::invalid(
        at,
        format!("`{key}` must be {json_type}"),
        format!("the OpenAPI Schema Object rule \"the value of `{key}` MUST be {json_type}\""),
    )
}

/// Checks the schemas of an OpenAPI 3 document for keywords of the wrong JSON type before
/// deserialising it: `openapiv3` would reject them too, but only with the location of the
/// enclosing item, while this names the keyword itself.
fn check_v3(document: &Value) -> Result<()> {
    let bundle = Location::bundle("");
    if let Some(Value::Object(schemas)) = document.pointer("/components/schemas") {
        for (name, schema) in schemas {
            let at = bundle.join("components").join("schemas").join(name);
            check_schema_v3(schema, &at)?;
        }
    }
    let Some(Value::Object(paths)) = document.get("paths") else {
        return Ok(());
    };
    for (path, item) in paths {
        let Value::Object(item) = item else { continue };
        for (method, op) in item {
            let Value::Object(op_map) = op else { continue };
            let at = bundle.join("paths").join(path).join(method);
            if let Some(Value::Array(params)) = op_map.get("parameters") {
                for (i, param) in params.iter().enumerate() {
                    if let Some(schema) = param.get("schema") {
                        let here = at.join("parameters").join(i.to_string()).join("schema");
                        check_schema_v3(schema, &here)?;
                    }
                }
            }
            let mut contents = Vec::new();
            if let Some(content) = op_map.get("requestBody").and_then(|b| b.get("content")) {
                contents.push((content, at.join("requestBody").join("content")));
            }
            if let Some(Value::Object(responses)) = op_map.get("responses") {
                for (code, response) in responses {
                    if let Some(content) = response.get("content") {
                        let here = at.join("responses").join(code).join("content");
                        contents.push((content, here));
                    }
                }
            }
            for (content, here) in contents {
                let Value::Object(media) = content else {
                    continue;
                };
                for (name, media_type) in media {
                    if let Some(schema) = media_type.get("schema") {
                        check_schema_v3(schema, &here.join(name).join("schema"))?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_schema_v3(schema: &Value, at: &Location) -> Result<()> {
    let map = object(schema, at)?;
    if let Some(reference) = map.get("$ref") {
        return match reference {
            Value::String(_) => Ok(()),
            _ => Err(Error::at(&at.join("$ref"), "$ref must be a string")),
        };
    }
    for (key, value) in map {
        let here = at.join(key);
        match key.as_str() {
            "type" => match value.as_str() {
                Some(t) if SCHEMA_TYPES.contains(&t) && t != "file" => {}
                Some(t) => return Err(Error::at(&here, format!("unknown type `{t}`"))),
                None => return Err(wrong_json_type(&here, key, "a string")),
            },
            "format" | "description" | "title" | "pattern" if !value.is_string() => {
                return Err(wrong_json_type(&here, key, "a string"))
            }
            "nullable" | "readOnly" | "writeOnly" | "deprecated" if !value.is_boolean() => {
                return Err(wrong_json_type(&here, key, "a boolean"))
            }
            "properties" => {
                for (name, prop) in object(value, &here)? {
                    check_schema_v3(prop, &here.join(name))?;
                }
            }
            "items" | "not" => check_schema_v3(value, &here)?,
            "additionalProperties" if !value.is_boolean() => check_schema_v3(value, &here)?,
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(list) => {
                    for (i, s) in list.iter().enumerate() {
                        check_schema_v3(s, &here.join(i.to_string()))?;
                    }
                }
                _ => return Err(Error::at(&here, format!("`{key}` must be an array"))),
            },
            "required" => {
                strings(Some(value), &here)?;
            }
            "enum" if !value.is_array() => return Err(Error::at(&here, "`enum` must be an array")),
            "discriminator" if !value.is_object() => {
                return Err(Error::at(
                    &here,
                    "`discriminator` must be an object with `propertyName`",
                ))
            }
            _ => {}
        }
    }
    Ok(())
}
