//! Stage 2, convert: a bundled Swagger 2.0 document becomes an `openapiv3::OpenAPI`.
//!
//! `body`/`formData` parameters become `requestBody`, `definitions` become
//! `components/schemas`, `collectionFormat` becomes `style`/`explode`, `produces`/`consumes`
//! become media types, `type: file` becomes a binary string, `x-nullable` becomes `nullable`.
//! Every `x-*` extension is kept. Malformed input (a keyword of the wrong JSON type) is reported
//! with the file and JSON pointer it came from. OpenAPI 3.0 input is only deserialised.

use openapiv3::OpenAPI;
use serde_json::{json, Map, Value};

use crate::error::{Error, Location, Result};
use crate::load::{Bundle, SpecVersion, ORIGIN};

/// Extension naming the request body parameter, which OpenAPI 3 has no field for.
pub const BODY_NAME: &str = "x-apigen-body-name";

/// Top-level extension mapping each component schema's name to where it was written
/// (`file#/pointer`). A schema that is only a `$ref` deserialises to a bare reference, which has
/// nowhere to keep its own origin; lowering reads it from here to report errors in such schemas.
pub const SCHEMA_ORIGINS: &str = "x-apigen-schema-origins";
/// Parameter extension for Swagger's `collectionFormat: tsv`, which OpenAPI 3 has no style for.
pub const TAB_DELIMITED: &str = "x-apigen-tab-delimited";

pub fn convert(bundle: &Bundle) -> Result<OpenAPI> {
    let (mut document, schemas) = match bundle.version {
        SpecVersion::OpenApi3 => {
            check_v3(&bundle.document)?;
            (bundle.document.clone(), "/components/schemas")
        }
        SpecVersion::Swagger2 => (
            Converter::new(&bundle.document)?.document()?,
            "/definitions",
        ),
    };
    let mut origins = Map::new();
    if let Some(Value::Object(items)) = bundle.document.pointer(schemas) {
        for (name, schema) in items {
            if let Some(origin) = schema.get(ORIGIN) {
                origins.insert(name.clone(), origin.clone());
            }
        }
    }
    if let Value::Object(map) = &mut document {
        map.insert(SCHEMA_ORIGINS.into(), Value::Object(origins));
    }
    deserialize(document, &bundle.files)
}

/// Deserialises the OpenAPI document, mapping a failure to the origin of the item it is in.
fn deserialize(document: Value, files: &[std::path::PathBuf]) -> Result<OpenAPI> {
    let origin_of = |path: &str| -> Location {
        // Walk the document along serde's path to the innermost item that carries an origin.
        let mut best = files
            .first()
            .map(|f| Location::new(f, ""))
            .unwrap_or_else(|| Location::new("<input>", ""));
        let mut node = &document;
        let mut rest = String::new();
        for segment in path.split('.').filter(|s| !s.is_empty() && *s != "?") {
            let segment = segment.trim_start_matches('[').trim_end_matches(']');
            let next = match node {
                Value::Object(m) => m.get(segment),
                Value::Array(a) => segment.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            node = next;
            rest.push('/');
            rest.push_str(&crate::error::escape_pointer_segment(segment));
            if let Some(origin) = next
                .get(ORIGIN)
                .and_then(Value::as_str)
                .and_then(Location::parse)
            {
                best = origin;
                rest.clear();
            }
        }
        Location::new(best.file, format!("{}{rest}", best.pointer))
    };
    let copy = document.clone();
    serde_path_to_error::deserialize(copy).map_err(|e| {
        let path = e.path().to_string();
        Error::at(&origin_of(&path), format!("invalid spec: {}", e.inner()))
    })
}

struct Converter<'a> {
    doc: &'a Map<String, Value>,
    consumes: Vec<String>,
    produces: Vec<String>,
}

/// The location an item of the bundle came from, for error messages.
fn origin(value: &Value, fallback: &Location) -> Location {
    value
        .get(ORIGIN)
        .and_then(Value::as_str)
        .and_then(Location::parse)
        .unwrap_or_else(|| fallback.clone())
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

impl<'a> Converter<'a> {
    fn new(document: &'a Value) -> Result<Self> {
        let top = Location::new("<bundle>", "");
        let doc = object(document, &top)?;
        Ok(Converter {
            doc,
            consumes: strings(doc.get("consumes"), &top.join("consumes"))?,
            produces: strings(doc.get("produces"), &top.join("produces"))?,
        })
    }

    fn document(&self) -> Result<Value> {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        out.insert(
            "info".into(),
            self.doc
                .get("info")
                .cloned()
                .unwrap_or_else(|| json!({"title": "API", "version": ""})),
        );
        if let Some(host) = self.doc.get("host").and_then(Value::as_str) {
            let scheme = self
                .doc
                .get("schemes")
                .and_then(|s| s.get(0))
                .and_then(Value::as_str)
                .unwrap_or("https");
            let base = self
                .doc
                .get("basePath")
                .and_then(Value::as_str)
                .unwrap_or("");
            out.insert(
                "servers".into(),
                json!([{ "url": format!("{scheme}://{host}{}", base.trim_end_matches('/')) }]),
            );
        }
        for (key, value) in self.doc {
            if key.starts_with("x-") {
                out.insert(key.clone(), value.clone());
            }
        }

        let mut paths = Map::new();
        if let Some(items) = self.doc.get("paths").and_then(Value::as_object) {
            for (path, item) in items {
                let at = Location::new("<bundle>", "/paths").join(path);
                paths.insert(path.clone(), self.path_item(item, &at)?);
            }
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if let Some(defs) = self.doc.get("definitions") {
            let mut schemas = Map::new();
            for (name, schema) in object(defs, &Location::new("<bundle>", "/definitions"))? {
                let at = origin(
                    schema,
                    &Location::new("<bundle>", "/definitions").join(name),
                );
                schemas.insert(name.clone(), schema_v3(schema, &at)?);
            }
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(params) = self.doc.get("parameters") {
            let mut out_params = Map::new();
            for (name, param) in object(params, &Location::new("<bundle>", "/parameters"))? {
                let at = origin(param, &Location::new("<bundle>", "/parameters").join(name));
                // Body parameters are inlined where used; OpenAPI 3 has no body parameter.
                if !matches!(
                    param.get("in").and_then(Value::as_str),
                    Some("body" | "formData")
                ) {
                    out_params.insert(name.clone(), parameter_v3(param, &at)?);
                }
            }
            components.insert("parameters".into(), Value::Object(out_params));
        }
        if let Some(responses) = self.doc.get("responses") {
            let mut out_responses = Map::new();
            for (name, response) in object(responses, &Location::new("<bundle>", "/responses"))? {
                let at = origin(
                    response,
                    &Location::new("<bundle>", "/responses").join(name),
                );
                out_responses.insert(name.clone(), self.response(response, &self.produces, &at)?);
            }
            components.insert("responses".into(), Value::Object(out_responses));
        }
        if let Some(schemes) = self
            .doc
            .get("securityDefinitions")
            .and_then(Value::as_object)
        {
            let mut out_schemes = Map::new();
            for (name, scheme) in schemes {
                if let Some(converted) = security_scheme_v3(scheme) {
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
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    let op_at = origin(value, &at.join(key));
                    out.insert(key.clone(), self.operation(value, item, &op_at)?);
                }
                "parameters" => {
                    let (params, _) = self.parameters(value, &at.join(key))?;
                    out.insert(key.clone(), Value::Array(params));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    /// Resolves a local `$ref` to a parameter of the bundle.
    fn resolve_parameter<'v>(&'v self, param: &'v Value) -> Option<&'v Value> {
        let reference = param.get("$ref")?.as_str()?;
        let name = reference.strip_prefix("#/parameters/")?;
        self.doc.get("parameters")?.get(name)
    }

    /// Converts a parameter list; body and formData parameters come back as a request body.
    fn parameters(&self, list: &Value, at: &Location) -> Result<(Vec<Value>, Option<Value>)> {
        let Value::Array(list) = list else {
            return Err(Error::at(at, "`parameters` must be an array"));
        };
        let mut params = Vec::new();
        let mut body = None;
        let mut form = Vec::new();
        for (i, param) in list.iter().enumerate() {
            let here = at.join(i.to_string());
            let resolved = self.resolve_parameter(param);
            let actual = resolved.unwrap_or(param);
            let place = actual.get("in").and_then(Value::as_str);
            match place {
                Some("body") => body = Some((actual.clone(), origin(actual, &here))),
                Some("formData") => form.push((actual.clone(), origin(actual, &here))),
                _ if param.get("$ref").is_some() => {
                    let reference = param["$ref"].as_str().unwrap_or_default();
                    let name = reference.trim_start_matches("#/parameters/");
                    params.push(json!({ "$ref": format!("#/components/parameters/{name}") }));
                }
                _ => params.push(parameter_v3(param, &here)?),
            }
        }
        let request_body = match (body, form.is_empty()) {
            (Some((body, at)), _) => Some(self.body(&body, &at)?),
            (None, false) => Some(form_body(&form)?),
            (None, true) => None,
        };
        Ok((params, request_body))
    }

    fn body(&self, param: &Value, at: &Location) -> Result<Value> {
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
        for media in &self.consumes {
            content.insert(media.clone(), json!({ "schema": schema }));
        }
        if content.is_empty() {
            content.insert("application/json".into(), json!({ "schema": schema }));
        }
        body.insert("content".into(), Value::Object(content));
        if let Some(name) = param.get("name") {
            body.insert(BODY_NAME.into(), name.clone());
        }
        for (key, value) in param.as_object().into_iter().flatten() {
            if key.starts_with("x-") && key != ORIGIN {
                body.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(body))
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
        };
        let mut out = Map::new();
        for (key, value) in op_map {
            match key.as_str() {
                "parameters" => {
                    let (params, body) = scoped.parameters(value, &at.join(key))?;
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
                                scoped.response(response, &produces, &here)?
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
                let (_, body) = scoped.parameters(shared, &at.join("parameters"))?;
                if let Some(body) = body {
                    out.insert("requestBody".into(), body);
                }
            }
        }
        Ok(Value::Object(out))
    }

    fn response(&self, response: &Value, produces: &[String], at: &Location) -> Result<Value> {
        let map = object(response, at)?;
        let mut out = Map::new();
        out.insert(
            "description".into(),
            map.get("description").cloned().unwrap_or_else(|| json!("")),
        );
        if let Some(schema) = map.get("schema") {
            let schema = schema_v3(schema, &at.join("schema"))?;
            let mut content = Map::new();
            for media in produces {
                content.insert(media.clone(), json!({ "schema": schema }));
            }
            if content.is_empty() {
                content.insert("application/json".into(), json!({ "schema": schema }));
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
        Some("tsv") => {
            out.insert("explode".into(), json!(false));
            out.insert(TAB_DELIMITED.into(), json!(true));
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

fn form_body(fields: &[(Value, Location)]) -> Result<Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut binary = false;
    for (field, at) in fields {
        let name = field
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::at(at, "a formData parameter needs a `name`"))?;
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
    Ok(json!({
        "required": true,
        "content": { media: { "schema": {
            "type": "object", "properties": properties, "required": required,
        } } }
    }))
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
                None => return Err(Error::at(&here, "`type` must be a string")),
            },
            "format" if value.as_str().is_none() => {
                return Err(Error::at(&here, "`format` must be a string"))
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
            "readOnly" if !value.is_boolean() => {
                return Err(Error::at(&here, "`readOnly` must be a boolean"))
            }
            "description" | "title" if !value.is_string() => {
                return Err(Error::at(&here, format!("`{key}` must be a string")))
            }
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    if !out.contains_key(ORIGIN) {
        out.insert(ORIGIN.into(), Value::String(at.to_string()));
    }
    Ok(Value::Object(out))
}

/// Checks the schemas of an OpenAPI 3 document for keywords of the wrong JSON type before
/// deserialising it: `openapiv3` would reject them too, but only with the location of the
/// enclosing item, while this names the keyword itself.
fn check_v3(document: &Value) -> Result<()> {
    let bundle = Location::new("<bundle>", "");
    if let Some(Value::Object(schemas)) = document.pointer("/components/schemas") {
        for (name, schema) in schemas {
            let at = origin(
                schema,
                &bundle.join("components").join("schemas").join(name),
            );
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
            let at = origin(op, &bundle.join("paths").join(path).join(method));
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
                None => return Err(Error::at(&here, "`type` must be a string")),
            },
            "format" | "description" | "title" | "pattern" if !value.is_string() => {
                return Err(Error::at(&here, format!("`{key}` must be a string")))
            }
            "nullable" | "readOnly" | "writeOnly" | "deprecated" if !value.is_boolean() => {
                return Err(Error::at(&here, format!("`{key}` must be a boolean")))
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
