//! String enums: closed, or extensible (`x-ms-enum.modelAsString`), with variant names and docs
//! from `x-ms-enum.values`; one enum for identical uses.

use serde_json::Value;

use super::azure::{self, XmsEnum};
use super::schema::View;
use super::types::TypeLowerer;
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{Enum, TypeDef, TypeRef, Variant};
use crate::naming::{camel, capped, Scope};

impl TypeLowerer<'_> {
    pub(super) fn inline_enum(
        &mut self,
        view: &View,
        context: &str,
        at: &Location,
    ) -> Result<TypeRef> {
        let values = enum_values(view);
        let base = x_ms_enum(view, at)?
            .name
            .as_deref()
            .map(camel)
            .unwrap_or_else(|| camel(context));
        if let Some((known, rust)) = self.enums.get(&base) {
            if *known == values {
                return Ok(TypeRef::Named(rust.clone()));
            }
        }
        // A component of the same name that is the same enum is reused too.
        if self.enum_values.get(&base) == Some(&values) {
            return Ok(TypeRef::Named(base));
        }
        let mut e = self.enum_def(&base, view, at)?;
        // An identical inline enum under another name is that enum (see `shared_inline`).
        let shape = format!("{:?}{:?}{}", e.docs, e.variants, e.extensible);
        if let Some(first) = self.shared_inline.get(&shape) {
            return Ok(TypeRef::Named(first.clone()));
        }
        let rust = self.scope.claim(base.clone());
        e.name.clone_from(&rust);
        self.shared_inline.insert(shape, rust.clone());
        self.enums.entry(base).or_insert((values, rust.clone()));
        self.push_enum(e);
        Ok(TypeRef::Named(rust))
    }

    /// Adds an enum to the definitions, its wire values to `enum_values`.
    pub(super) fn push_enum(&mut self, e: Enum) {
        let values = e.variants.iter().map(|v| v.wire_value.clone()).collect();
        self.enum_values.entry(e.name.clone()).or_insert(values);
        self.defs.push(TypeDef::Enum(e));
    }

    pub(super) fn enum_def(&mut self, rust: &str, view: &View, at: &Location) -> Result<Enum> {
        let XmsEnum {
            model_as_string: extensible,
            values: described,
            ..
        } = x_ms_enum(view, at)?;
        let mut names = Scope::new(if extensible { &["Other"] } else { &[] });
        let mut variants = Vec::new();
        for value in enum_values(view) {
            let entry = described.iter().find(|d| d.value.as_str() == Some(&value));
            let name = entry.and_then(|d| d.name.as_deref()).unwrap_or(&value);
            variants.push(Variant {
                rust_name: names.claim(capped(camel(name))),
                docs: docs([entry.and_then(|d| d.description.as_deref())]),
                wire_value: value,
            });
        }
        if variants.is_empty() {
            return Err(Error::at(
                &at.join("enum"),
                "an enum needs at least one string value",
            ));
        }
        Ok(Enum {
            name: rust.to_string(),
            docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
            variants,
            extensible,
        })
    }
}

/// The schema's `x-ms-enum`; all defaults when it has none.
fn x_ms_enum(view: &View, at: &Location) -> Result<XmsEnum> {
    Ok(azure::extension(&view.data.extensions, "x-ms-enum", at)?.unwrap_or_default())
}

fn enum_values(view: &View) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in view.enumeration.iter().filter_map(Value::as_str) {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}
