//! OpenAPI 3.1 in the 3.0 shape: `openapiv3` reads 3.0 only, so a bundled 3.1 document is
//! rewritten (as JSON) into the 3.0 document that means the same, before it is deserialised.
//!
//! Schemas (JSON Schema 2020-12 as OpenAPI 3.1 uses it):
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; several non-null types become a
//!   `oneOf` with one member per type, each taking the keywords of its type (`items` for
//!   `array`, `properties` for `object`, `format` for the scalars); `type: ["null"]` is
//!   `type: "null"`, as in 3.0 specs that write it;
//! - `const: v` is `enum: [v]`;
//! - `examples: [a, ..]` is `example: a` (3.0 has one example per schema);
//! - `prefixItems` (tuples) becomes `items`: the one member schema, or an `anyOf` of them. What
//!   is lost: the position of each member (a tuple reads as a list of its members' types);
//! - `contentEncoding: base64` (or `base64url`) on a string is `format: byte`; a
//!   `contentMediaType` that is not text, with no encoding, is `format: binary`;
//! - numeric `exclusiveMinimum` / `exclusiveMaximum` are `minimum` / `maximum` with the 3.0
//!   boolean flag;
//! - boolean schemas: `true` is `{}` (anything), `false` is `{"not": {}}`;
//! - `$defs` and the other `$`-keywords are dropped: `load` has already inlined every `$ref`
//!   into a `$defs` (a `$defs` entry that refers to itself is reported there as a cycle).
//!   A `$ref` with constraining siblings was made an `allOf` by `load` too.
//!
//! The document: `webhooks` (requests the API sends, not calls a client makes) and
//! `jsonSchemaDialect` are dropped; a document with only webhooks has no operations. An
//! operation without `responses` (optional in 3.1) gets an empty map. `info.summary` and
//! `info.license.identifier` are kept; `openapiv3` ignores them. Path items in
//! `components/pathItems` are reached through the `$ref`s that `load` inlines.
//!
//! Every member moved to another pointer is recorded, so errors still name the user's file and
//! the pointer written there.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::join;
use crate::error::{Error, Location, Result};

/// The 3.0 document and its moves: pointer in the new document -> bundle pointer its subtree
/// was made from.
pub(super) fn normalise(document: &Value) -> Result<(Value, BTreeMap<String, String>)> {
    let mut out = document.clone();
    let mut moves = BTreeMap::new();
    if let Value::Object(doc) = &mut out {
        doc.insert("openapi".into(), json!("3.0.3"));
        doc.remove("webhooks");
        doc.remove("jsonSchemaDialect");
        for (key, value) in doc.iter_mut() {
            if key == "info" || key.starts_with("x-") {
                continue;
            }
            structure(value, &join("", key), key, &mut moves)?;
        }
    }
    Ok((out, moves))
}

/// The HTTP methods of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Walks spec structure (not schemas) at `at`, the member `own_key` of its parent, and
/// normalises every schema found under a `schema` member or in `components/schemas`.
fn structure(
    value: &mut Value,
    at: &str,
    own_key: &str,
    moves: &mut BTreeMap<String, String>,
) -> Result<()> {
    match value {
        Value::Object(map) => {
            let operation = at.starts_with("/paths/") && at.matches('/').count() == 3;
            if operation && METHODS.contains(&own_key) {
                map.entry("responses").or_insert_with(|| json!({}));
            }
            let schemas_map = at == "/components/schemas";
            for (key, member) in map.iter_mut() {
                let here = join(at, key);
                if schemas_map || key == "schema" {
                    schema(member, &here, moves)?;
                } else if !(key.starts_with("x-") || key == "example" || key == "examples") {
                    structure(member, &here, key, moves)?;
                }
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                structure(item, &format!("{at}/{i}"), own_key, moves)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Records that the subtree now at `new` was at `old`, a pointer that may itself lie in a
/// subtree moved before (a parent is normalised, and its moves recorded, before its members).
fn record(moves: &mut BTreeMap<String, String>, new: String, old: String) {
    let mut prefix = old.as_str();
    let old = loop {
        if let Some(origin) = moves.get(prefix) {
            break format!("{origin}{}", &old[prefix.len()..]);
        }
        match prefix.rfind('/') {
            Some(end) => prefix = &prefix[..end],
            None => break old.clone(),
        }
    };
    moves.insert(new, old);
}

/// Keywords that belong to one `type` when a type array is split into a `oneOf`.
fn keywords_of(ty: &str) -> &'static [&'static str] {
    match ty {
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        "string" => &["format", "pattern", "minLength", "maxLength"],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        _ => &[],
    }
}

/// Normalises one schema at `at` (recursively).
fn schema(value: &mut Value, at: &str, moves: &mut BTreeMap<String, String>) -> Result<()> {
    let map = match value {
        Value::Bool(true) => {
            *value = json!({});
            return Ok(());
        }
        Value::Bool(false) => {
            *value = json!({ "not": {} });
            return Ok(());
        }
        Value::Object(map) => map,
        // Not a schema: `check_v3` reports it with its pointer.
        _ => return Ok(()),
    };
    if map.contains_key("$ref") {
        return Ok(());
    }
    map.retain(|key, _| !key.starts_with('$'));
    if let Some(value) = map.remove("const") {
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Array(vec![value]));
            record(moves, format!("{at}/enum/0"), join(at, "const"));
        }
    }
    if let Some(Value::Array(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
            record(moves, join(at, "example"), format!("{at}/examples/0"));
        }
    }
    for (bound, plain) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = map.get(bound).cloned() {
            map.insert(plain.into(), Value::Number(n));
            map.insert(bound.into(), json!(true));
            record(moves, join(at, plain), join(at, bound));
        }
    }
    content_format(map);
    prefix_items(map, at, moves);
    if let Some(Value::Array(types)) = map.get("type").cloned() {
        type_array(map, &types, at, moves)?;
    }
    children(map, at, moves)
}

/// `contentEncoding` / `contentMediaType` as the 3.0 string formats.
fn content_format(map: &mut Map<String, Value>) {
    if map.contains_key("format") {
        return;
    }
    let encoding = map.get("contentEncoding").and_then(Value::as_str);
    let media = map.get("contentMediaType").and_then(Value::as_str);
    let format = match (encoding, media) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(media))
            if !(media.starts_with("text/") || media.contains("json") || media.contains("xml")) =>
        {
            "binary"
        }
        _ => return,
    };
    map.insert("format".into(), json!(format));
}

/// A tuple's `prefixItems` as the `items` of a list.
fn prefix_items(map: &mut Map<String, Value>, at: &str, moves: &mut BTreeMap<String, String>) {
    if let Some(Value::Bool(_)) = map.get("items") {
        // `items: false` closes a tuple, `items: true` allows anything after it.
        map.remove("items");
    }
    let Some(Value::Array(mut members)) = map.remove("prefixItems") else {
        return;
    };
    if map.contains_key("items") || members.is_empty() {
        return;
    }
    if members.len() == 1 {
        map.insert("items".into(), members.swap_remove(0));
        record(moves, join(at, "items"), format!("{at}/prefixItems/0"));
    } else {
        record(moves, format!("{at}/items/anyOf"), join(at, "prefixItems"));
        map.insert("items".into(), json!({ "anyOf": members }));
    }
}

/// `type: [..]`: `nullable` for `"null"`, a `oneOf` for several other types.
fn type_array(
    map: &mut Map<String, Value>,
    types: &[Value],
    at: &str,
    moves: &mut BTreeMap<String, String>,
) -> Result<()> {
    let mut names = Vec::new();
    for (i, ty) in types.iter().enumerate() {
        let Some(name) = ty.as_str() else {
            return Err(Error::at(
                &Location::bundle(format!("{at}/type/{i}")),
                "a `type` array must hold type names (strings)",
            ));
        };
        names.push(name);
    }
    let nullable = names.contains(&"null");
    let others: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
    map.remove("type");
    match others.as_slice() {
        [] if nullable => {
            map.insert("type".into(), json!("null"));
        }
        [] => {}
        [one] => {
            map.insert("type".into(), json!(one));
        }
        several => {
            let mut variants = Vec::new();
            for (i, ty) in several.iter().enumerate() {
                let mut variant = Map::new();
                variant.insert("type".into(), json!(ty));
                for &keyword in keywords_of(ty) {
                    if let Some(v) = map.get(keyword) {
                        variant.insert(keyword.into(), v.clone());
                        record(
                            moves,
                            format!("{at}/oneOf/{i}/{keyword}"),
                            join(at, keyword),
                        );
                    }
                }
                variants.push(Value::Object(variant));
            }
            for ty in several {
                for keyword in keywords_of(ty) {
                    map.remove(*keyword);
                }
            }
            let union = Value::Array(variants);
            if map.contains_key("oneOf") {
                // The spec's own `oneOf` stays; the type union joins it through `allOf`.
                let all_of = map.entry("allOf").or_insert_with(|| json!([]));
                if let Value::Array(all_of) = all_of {
                    all_of.push(json!({ "oneOf": union }));
                }
            } else {
                map.insert("oneOf".into(), union);
            }
        }
    }
    if nullable {
        map.insert("nullable".into(), json!(true));
    }
    Ok(())
}

/// Normalises the subschemas of a schema.
fn children(
    map: &mut Map<String, Value>,
    at: &str,
    moves: &mut BTreeMap<String, String>,
) -> Result<()> {
    for (key, value) in map.iter_mut() {
        let here = join(at, key);
        match key.as_str() {
            "properties" => {
                if let Value::Object(props) = value {
                    for (name, prop) in props.iter_mut() {
                        schema(prop, &join(&here, name), moves)?;
                    }
                }
            }
            // `additionalProperties: true/false` is not a schema here.
            "additionalProperties" if value.is_boolean() => {}
            "items" | "not" | "additionalProperties" => schema(value, &here, moves)?,
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(list) = value {
                    for (i, member) in list.iter_mut().enumerate() {
                        schema(member, &format!("{here}/{i}"), moves)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The normalised form of one component schema, and the moves.
    fn normalised(schema: Value) -> (Value, BTreeMap<String, String>) {
        let doc = json!({ "openapi": "3.1.0", "components": { "schemas": { "S": schema } } });
        let (doc, moves) = normalise(&doc).unwrap();
        (doc["components"]["schemas"]["S"].clone(), moves)
    }

    #[test]
    fn type_arrays_become_nullable_or_one_of() {
        let (s, _) = normalised(json!({ "type": ["string", "null"], "format": "uuid" }));
        assert_eq!(
            s,
            json!({ "type": "string", "format": "uuid", "nullable": true })
        );
        let (s, moves) = normalised(json!({
            "type": ["array", "integer", "null"],
            "items": { "const": 1 },
            "minimum": 0,
            "description": "d"
        }));
        assert_eq!(
            s,
            json!({
                "description": "d",
                "oneOf": [
                    { "type": "array", "items": { "enum": [1] } },
                    { "type": "integer", "minimum": 0 }
                ],
                "nullable": true
            })
        );
        // Members moved into a variant, and moves inside them, point at what the user wrote.
        let s = "/components/schemas/S";
        assert_eq!(moves[&format!("{s}/oneOf/0/items")], format!("{s}/items"));
        assert_eq!(
            moves[&format!("{s}/oneOf/0/items/enum/0")],
            format!("{s}/items/const")
        );
        let (s, _) = normalised(json!({ "type": ["null"] }));
        assert_eq!(s, json!({ "type": "null", "nullable": true }));
    }

    #[test]
    fn keywords_without_a_3_0_form_are_rewritten() {
        let (s, _) = normalised(json!({
            "type": "object",
            "$defs": { "D": { "type": "string" } },
            "$comment": "dropped",
            "properties": {
                "photo": { "type": "string", "contentEncoding": "base64" },
                "scan": { "type": "string", "contentMediaType": "image/png" },
                "page": { "type": "string", "contentMediaType": "text/html" },
                "n": { "type": "number", "exclusiveMinimum": 0, "examples": [1, 2] },
                "pair": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer" }] },
                "any": true,
                "none": false
            }
        }));
        assert_eq!(
            s,
            json!({
                "type": "object",
                "properties": {
                    "photo": { "type": "string", "contentEncoding": "base64", "format": "byte" },
                    "scan": { "type": "string", "contentMediaType": "image/png", "format": "binary" },
                    "page": { "type": "string", "contentMediaType": "text/html" },
                    "n": { "type": "number", "exclusiveMinimum": true, "minimum": 0, "example": 1 },
                    "pair": {
                        "type": "array",
                        "items": { "anyOf": [{ "type": "string" }, { "type": "integer" }] }
                    },
                    "any": {},
                    "none": { "not": {} }
                }
            })
        );
    }

    #[test]
    fn webhooks_are_dropped_and_operations_get_responses() {
        let doc = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "paths": { "/a": { "get": { "operationId": "a" } } },
            "webhooks": { "hook": { "post": { "responses": {} } } }
        });
        let (doc, _) = normalise(&doc).unwrap();
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "paths": { "/a": { "get": { "operationId": "a", "responses": {} } } }
            })
        );
    }

    #[test]
    fn a_type_array_of_non_strings_is_an_error_at_its_member() {
        let doc = json!({ "components": { "schemas": { "S": { "type": ["string", 3] } } } });
        let e = normalise(&doc).unwrap_err();
        assert_eq!(
            e.location,
            Some(Location::bundle("/components/schemas/S/type/1"))
        );
    }
}
