//! Schemas to Rust types: structs (with `allOf` inheritance flattened in), enums (closed or
//! extensible), discriminated unions, and references to primitive and collection types.

use std::collections::{BTreeSet, HashMap, HashSet};

use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema};
use serde_json::Value;

use super::schema::{SchemaRef, View};
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{Docs, Enum, Field, Struct, TypeDef, TypeRef, Union, Variant};
use crate::naming::{camel, snake, Scope};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Formats a string may carry that stay `String` in Rust (ids, URLs, durations, base64 text).
const STRING_FORMATS: &[&str] = &[
    "byte",
    "binary",
    "password",
    "uuid",
    "duration",
    "uri",
    "url",
    "uri-reference",
    "arm-id",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "char",
    "base64url",
    "file",
    "time",
];

/// How a component schema is represented.
#[derive(Clone, Debug)]
enum Kind {
    /// Becomes a generated type with this Rust name.
    Type(String),
    /// Stands for another type (a primitive, a collection, another component).
    Alias,
}

pub struct TypeLowerer<'a> {
    components: &'a indexmap::IndexMap<String, ReferenceOr<Schema>>,
    kinds: HashMap<String, Kind>,
    aliases: HashMap<String, TypeRef>,
    resolving: Vec<String>,
    scope: Scope,
    pub defs: Vec<TypeDef>,
    /// Enum name -> (values, Rust name) to share one enum among identical uses.
    enums: HashMap<String, (Vec<String>, String)>,
    /// Discriminator base component -> tag property.
    unions: HashMap<String, String>,
    /// Discriminator base component -> child components.
    children: HashMap<String, Vec<String>>,
    lowered: HashSet<String>,
    /// Inline struct schemas already lowered, by address: a schema reached twice (a page's item
    /// array seen by paging and by the page type, a parent's inline property inherited through
    /// allOf) is one type, named where first seen.
    inline_structs: HashMap<*const Schema, String>,
}

impl<'a> TypeLowerer<'a> {
    pub fn new(api: &'a OpenAPI, reserved: &[&str]) -> Result<Self> {
        static EMPTY: std::sync::OnceLock<indexmap::IndexMap<String, ReferenceOr<Schema>>> =
            std::sync::OnceLock::new();
        let components = api
            .components
            .as_ref()
            .map(|c| &c.schemas)
            .unwrap_or_else(|| EMPTY.get_or_init(Default::default));
        let mut this = TypeLowerer {
            components,
            kinds: HashMap::new(),
            aliases: HashMap::new(),
            resolving: Vec::new(),
            scope: Scope::new(reserved),
            defs: Vec::new(),
            enums: HashMap::new(),
            unions: HashMap::new(),
            children: HashMap::new(),
            lowered: HashSet::new(),
            inline_structs: HashMap::new(),
        };
        // Every component that becomes a type claims its name first, so inline types never
        // take a name the spec gave to a definition.
        for (name, schema) in components {
            let kind = match schema {
                ReferenceOr::Item(schema) => {
                    let view = View::of(schema);
                    if let Some(d) = &schema.schema_data.discriminator {
                        this.unions.insert(name.clone(), d.property_name.clone());
                    }
                    if view.is_struct() || view.is_string_enum() {
                        Kind::Type(this.scope.claim(camel(name)))
                    } else {
                        Kind::Alias
                    }
                }
                ReferenceOr::Reference { .. } => Kind::Alias,
            };
            this.kinds.insert(name.clone(), kind);
        }
        for (name, schema) in components {
            if let ReferenceOr::Item(schema) = schema {
                for parent in View::of(schema).all_of {
                    if let SchemaRef::Ref(r) = parent {
                        let parent = r.trim_start_matches(SCHEMA_PREFIX);
                        if this.unions.contains_key(parent) {
                            this.children
                                .entry(parent.to_string())
                                .or_default()
                                .push(name.clone());
                        }
                    }
                }
            }
        }
        Ok(this)
    }

    /// Lowers every component schema (types for the spec's models even if no operation uses
    /// them), then fixes up boxing and `Default`.
    pub fn lower_all(&mut self) -> Result<()> {
        let names: Vec<String> = self.components.keys().cloned().collect();
        for name in names {
            let site = self.component_origin(&name);
            self.component(&name, &site)?;
        }
        Ok(())
    }

    /// Where a component schema is (the source map knows where it was written).
    fn component_origin(&self, name: &str) -> Location {
        Location::bundle("/components/schemas").join(name)
    }

    pub fn finish(mut self) -> Vec<TypeDef> {
        box_cycles(&mut self.defs);
        mark_defaults(&mut self.defs);
        self.defs
    }

    /// The type a `$ref` to a component schema stands for.
    fn component(&mut self, name: &str, site: &Location) -> Result<TypeRef> {
        let Some(schema) = self.components.get(name) else {
            return Err(Error::at(site, format!("$ref to unknown schema `{name}`")));
        };
        match self.kinds[name].clone() {
            Kind::Type(rust) => {
                if self.lowered.insert(name.to_string()) {
                    let ReferenceOr::Item(schema) = schema else {
                        unreachable!("types are inline")
                    };
                    let at = self.component_origin(name);
                    self.define(name, &rust, schema, &at)?;
                }
                Ok(TypeRef::Named(rust))
            }
            Kind::Alias => {
                if let Some(t) = self.aliases.get(name) {
                    return Ok(t.clone());
                }
                if let Some(start) = self.resolving.iter().position(|n| n == name) {
                    let chain: Vec<&str> = self.resolving[start..]
                        .iter()
                        .map(String::as_str)
                        .chain([name])
                        .collect();
                    return Err(Error::at(
                        site,
                        format!(
                            "schema `{name}` is defined only in terms of itself (a $ref cycle: {})",
                            chain.join(" -> ")
                        ),
                    ));
                }
                self.resolving.push(name.to_string());
                // Errors inside an alias are reported where the alias is written.
                let mut own = self.component_origin(name);
                if let ReferenceOr::Reference { .. } = schema {
                    own = own.join("$ref");
                }
                let ty = self.type_of(schema.into(), &camel(name), &own);
                self.resolving.pop();
                let ty = ty?;
                self.aliases.insert(name.to_string(), ty.clone());
                Ok(ty)
            }
        }
    }

    pub fn reference(&mut self, reference: &str, site: &Location) -> Result<TypeRef> {
        match reference.strip_prefix(SCHEMA_PREFIX) {
            Some(name) => self.component(name, site),
            None => Err(Error::at(
                site,
                format!("$ref `{reference}` must point to #/components/schemas/…"),
            )),
        }
    }

    /// The component schema behind a `$ref`, following alias chains.
    pub fn resolve(&self, schema: SchemaRef<'a>) -> Option<&'a Schema> {
        let mut current = schema;
        for _ in 0..32 {
            match current {
                SchemaRef::Inline(s) => return Some(s),
                SchemaRef::Ref(r) => {
                    current = self.components.get(r.strip_prefix(SCHEMA_PREFIX)?)?.into();
                }
            }
        }
        None
    }

    /// The Rust type for a schema position; inline structs and enums are named from `context`.
    pub fn type_of(
        &mut self,
        schema: SchemaRef<'_>,
        context: &str,
        at: &Location,
    ) -> Result<TypeRef> {
        let schema = match schema {
            SchemaRef::Ref(r) => return self.reference(r, at),
            SchemaRef::Inline(s) => s,
        };
        let view = View::of(schema);
        let at = at.clone();
        if view.is_string_enum() {
            return self.inline_enum(&view, context, &at);
        }
        if view.is_struct() {
            let key: *const Schema = schema;
            if let Some(name) = self.inline_structs.get(&key) {
                return Ok(TypeRef::Named(name.clone()));
            }
            let name = self.scope.claim(camel(context));
            self.inline_structs.insert(key, name.clone());
            self.define_struct(&name, None, &view, &at)?;
            return Ok(TypeRef::Named(name));
        }
        if view.composite {
            return Ok(TypeRef::Value);
        }
        let format = view.format.as_deref();
        let ty = match view.typ {
            Some("string") => {
                if view.flag("x-ms-secret") {
                    TypeRef::Secret
                } else {
                    match format {
                        Some("date-time" | "date-time-rfc1123" | "date-time-rfc7231") => {
                            TypeRef::DateTime
                        }
                        Some("date") => TypeRef::Date,
                        None => TypeRef::String,
                        Some(f) if STRING_FORMATS.contains(&f) => TypeRef::String,
                        Some(f) => return Err(unknown_format(&at, f, "string")),
                    }
                }
            }
            Some("integer") => match format {
                Some("int32") => TypeRef::I32,
                None | Some("int64" | "unixtime") => TypeRef::I64,
                Some(f) => return Err(unknown_format(&at, f, "integer")),
            },
            Some("number") => match format {
                Some("float") => TypeRef::F32,
                None | Some("double" | "decimal") => TypeRef::F64,
                Some(f) => return Err(unknown_format(&at, f, "number")),
            },
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                let item = match view.items {
                    Some(items) => {
                        self.type_of(items, &format!("{context}Item"), &at.join("items"))?
                    }
                    None => TypeRef::Value,
                };
                TypeRef::Vec(Box::new(item))
            }
            Some("object") | None => match view.additional {
                Some(AdditionalProperties::Schema(s)) => {
                    let value = self.type_of(
                        s.as_ref().into(),
                        &format!("{context}Value"),
                        &at.join("additionalProperties"),
                    )?;
                    TypeRef::Map(Box::new(value))
                }
                Some(AdditionalProperties::Any(true)) => TypeRef::Map(Box::new(TypeRef::Value)),
                _ => TypeRef::Value,
            },
            Some("null") => TypeRef::Value,
            Some(other) => {
                return Err(Error::at(
                    &at.join("type"),
                    format!("unknown type `{other}`"),
                ))
            }
        };
        Ok(ty)
    }

    /// Defines the generated type of a component schema.
    fn define(
        &mut self,
        component: &str,
        rust: &str,
        schema: &Schema,
        at: &Location,
    ) -> Result<()> {
        let view = View::of(schema);
        if view.is_string_enum() {
            let e = self.enum_def(rust, &view, at)?;
            self.defs.push(TypeDef::Enum(e));
            return Ok(());
        }
        if let Some(tag) = self.unions.get(component).cloned() {
            return self.define_union(component, rust, &view, &tag, at);
        }
        self.define_struct(rust, Some(component), &view, at)
    }

    fn define_union(
        &mut self,
        component: &str,
        rust: &str,
        view: &View,
        tag: &str,
        at: &Location,
    ) -> Result<()> {
        let mut variants = Vec::new();
        let children = self.children.get(component).cloned().unwrap_or_default();
        if children.is_empty() {
            return Err(Error::at(
                &at.join("discriminator"),
                format!("discriminator `{tag}` but no schema extends `{component}` with allOf"),
            ));
        }
        // The base's position in `defs` comes before its variants, for readable output.
        let index = self.defs.len();
        for child in children {
            let value = match self.components.get(&child) {
                Some(ReferenceOr::Item(s)) => s
                    .schema_data
                    .extensions
                    .get("x-ms-discriminator-value")
                    .and_then(Value::as_str)
                    .unwrap_or(&child)
                    .to_string(),
                _ => child.clone(),
            };
            let TypeRef::Named(variant) = self.component(&child, at)? else {
                return Err(Error::at(
                    at,
                    format!("`{child}` extends a discriminated type but is not an object"),
                ));
            };
            variants.push((value, variant));
        }
        self.defs.insert(
            index,
            TypeDef::Union(Union {
                name: rust.to_string(),
                docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
                tag: tag.to_string(),
                variants,
            }),
        );
        Ok(())
    }

    /// Defines a struct; `component` is the component schema it is, if any (for allOf cycles).
    fn define_struct(
        &mut self,
        name: &str,
        component: Option<&str>,
        view: &View,
        at: &Location,
    ) -> Result<()> {
        let mut props: Vec<(String, SchemaRef, Location)> = Vec::new();
        let mut required = BTreeSet::new();
        let mut additional = None;
        let mut visiting: Vec<String> = component.map(String::from).into_iter().collect();
        self.collect(
            view,
            at,
            &mut props,
            &mut required,
            &mut additional,
            &mut visiting,
            None,
        )?;

        let mut fields = Vec::new();
        let mut field_names = Scope::default();
        for (wire, schema, prop_at) in props {
            let resolved = self.resolve(schema);
            let prop_view = resolved.map(View::of);
            let read_only = match schema {
                SchemaRef::Inline(s) => s.schema_data.read_only,
                SchemaRef::Ref(_) => false,
            };
            let client_name = match schema {
                SchemaRef::Inline(s) => s
                    .schema_data
                    .extensions
                    .get("x-ms-client-name")
                    .and_then(Value::as_str),
                SchemaRef::Ref(_) => None,
            };
            let rust_name = field_names.claim(snake(client_name.unwrap_or(&wire)));
            let ty = self.type_of(schema, &format!("{name}{}", camel(&wire)), &prop_at)?;
            let mut field_docs = match (schema, prop_view) {
                (SchemaRef::Inline(s), _) => docs([
                    s.schema_data.title.as_deref(),
                    s.schema_data.description.as_deref(),
                ]),
                (SchemaRef::Ref(_), Some(v)) => docs([v.data.description.as_deref()]),
                _ => Docs::default(),
            };
            if read_only {
                crate::docs::push_paragraph(&mut field_docs, "Read-only: set by the service.");
            }
            if let SchemaRef::Inline(s) = schema {
                if let Some(default) = &s.schema_data.default {
                    crate::docs::push_paragraph(
                        &mut field_docs,
                        &format!("Default when not set: `{default}`."),
                    );
                }
                if let Some(Value::Array(m)) = s.schema_data.extensions.get("x-ms-mutability") {
                    let m: Vec<&str> = m.iter().filter_map(Value::as_str).collect();
                    crate::docs::push_paragraph(
                        &mut field_docs,
                        &format!("Mutability: {}.", m.join(", ")),
                    );
                }
            }
            fields.push(Field {
                required: required.contains(&wire) && !read_only,
                wire_name: wire,
                rust_name,
                ty,
                boxed: false,
                flatten: false,
                docs: field_docs,
            });
        }
        if let Some((value, ap_at)) = additional {
            let value = match value {
                Some(s) => self.type_of(s, &format!("{name}Value"), &ap_at)?,
                None => TypeRef::Value,
            };
            fields.push(Field {
                wire_name: String::new(),
                rust_name: field_names.claim("additional_properties".into()),
                ty: TypeRef::Map(Box::new(value)),
                required: true,
                boxed: false,
                flatten: true,
                docs: docs([Some("Properties not named by the schema.")]),
            });
        }
        self.defs.push(TypeDef::Struct(Struct {
            name: name.to_string(),
            docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
            fields,
            default: false,
        }));
        Ok(())
    }

    /// Gathers properties through `allOf` parents, parents first. `skip` is a discriminator
    /// property that the enclosing union carries as its tag.
    #[allow(clippy::too_many_arguments)]
    fn collect<'s>(
        &self,
        view: &View<'s>,
        at: &Location,
        props: &mut Vec<(String, SchemaRef<'s>, Location)>,
        required: &mut BTreeSet<String>,
        additional: &mut Option<(Option<SchemaRef<'s>>, Location)>,
        visiting: &mut Vec<String>,
        skip: Option<&str>,
    ) -> Result<()>
    where
        'a: 's,
    {
        for (i, parent) in view.all_of.iter().enumerate() {
            let parent_at = at.join("allOf").join(i.to_string());
            match *parent {
                SchemaRef::Ref(r) => {
                    let name = r.trim_start_matches(SCHEMA_PREFIX);
                    if let Some(start) = visiting.iter().position(|v| v == name) {
                        let chain: Vec<&str> = visiting[start..]
                            .iter()
                            .map(String::as_str)
                            .chain([name])
                            .collect();
                        return Err(Error::at(
                            &parent_at,
                            format!(
                                "allOf cycle: `{name}` inherits from itself ({})",
                                chain.join(" -> ")
                            ),
                        ));
                    }
                    let Some(schema) = self.resolve(SchemaRef::Ref(r)) else {
                        return Err(Error::at(
                            &parent_at,
                            format!("$ref to unknown schema `{name}`"),
                        ));
                    };
                    let skip = self.unions.get(name).map(String::as_str).or(skip);
                    visiting.push(name.to_string());
                    let parent_view = View::of(schema);
                    let origin = self.component_origin(name);
                    self.collect(
                        &parent_view,
                        &origin,
                        props,
                        required,
                        additional,
                        visiting,
                        skip,
                    )?;
                    visiting.pop();
                }
                SchemaRef::Inline(s) => {
                    let v = View::of(s);
                    self.collect(&v, &parent_at, props, required, additional, visiting, skip)?;
                }
            }
        }
        for (wire, schema) in &view.properties {
            if Some(*wire) == skip {
                continue;
            }
            let prop_at = at.join("properties").join(wire);
            match props.iter_mut().find(|(w, _, _)| w == wire) {
                Some(existing) => *existing = (wire.to_string(), *schema, prop_at),
                None => props.push((wire.to_string(), *schema, prop_at)),
            }
        }
        required.extend(view.required.iter().map(|r| r.to_string()));
        match view.additional {
            Some(AdditionalProperties::Schema(s)) => {
                *additional = Some((Some(s.as_ref().into()), at.join("additionalProperties")))
            }
            Some(AdditionalProperties::Any(true)) => {
                *additional = Some((None, at.join("additionalProperties")))
            }
            _ => {}
        }
        Ok(())
    }

    fn inline_enum(&mut self, view: &View, context: &str, at: &Location) -> Result<TypeRef> {
        let values = enum_values(view);
        let base = view
            .extension("x-ms-enum")
            .and_then(|e| e.get("name"))
            .and_then(Value::as_str)
            .map(camel)
            .unwrap_or_else(|| camel(context));
        if let Some((known, rust)) = self.enums.get(&base) {
            if *known == values {
                return Ok(TypeRef::Named(rust.clone()));
            }
        }
        // A component of the same name that is the same enum is reused too.
        if let Some(TypeDef::Enum(e)) = self.defs.iter().find(|d| d.name() == base) {
            if e.variants
                .iter()
                .map(|v| v.wire_value.clone())
                .collect::<Vec<_>>()
                == values
            {
                return Ok(TypeRef::Named(base));
            }
        }
        let rust = self.scope.claim(base.clone());
        let e = self.enum_def(&rust, view, at)?;
        self.enums.entry(base).or_insert((values, rust.clone()));
        self.defs.push(TypeDef::Enum(e));
        Ok(TypeRef::Named(rust))
    }

    fn enum_def(&mut self, rust: &str, view: &View, at: &Location) -> Result<Enum> {
        let x_ms_enum = view.extension("x-ms-enum");
        let extensible = x_ms_enum
            .and_then(|e| e.get("modelAsString"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let described: Vec<&Value> = x_ms_enum
            .and_then(|e| e.get("values"))
            .and_then(Value::as_array)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let mut names = Scope::new(if extensible { &["Other"] } else { &[] });
        let mut variants = Vec::new();
        for value in enum_values(view) {
            let entry = described
                .iter()
                .find(|d| d.get("value").and_then(Value::as_str) == Some(&value));
            let name = entry
                .and_then(|d| d.get("name"))
                .and_then(Value::as_str)
                .unwrap_or(&value);
            variants.push(Variant {
                rust_name: names.claim(camel(name)),
                docs: docs([entry
                    .and_then(|d| d.get("description"))
                    .and_then(Value::as_str)]),
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

fn enum_values(view: &View) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in view.enumeration.iter().filter_map(Value::as_str) {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

fn unknown_format(at: &Location, format: &str, typ: &str) -> Error {
    Error::at(
        &at.join("format"),
        format!("unknown format `{format}` for type `{typ}`"),
    )
}

/// Boxes fields that would make a struct contain itself (directly or through other structs).
fn box_cycles(defs: &mut [TypeDef]) {
    let index: HashMap<String, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name().to_string(), i))
        .collect();
    // Edges through which a value is stored inline (not behind Vec/Map, which allocate).
    let inline_edges = |d: &TypeDef| -> Vec<String> {
        match d {
            TypeDef::Struct(s) => s
                .fields
                .iter()
                .filter(|f| !f.boxed)
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(n) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            TypeDef::Union(u) => u.variants.iter().map(|(_, n)| n.clone()).collect(),
            TypeDef::Enum(_) => Vec::new(),
        }
    };
    let reaches = |defs: &[TypeDef], from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(&i) = index.get(&n) {
                stack.extend(inline_edges(&defs[i]));
            }
        }
        false
    };
    for i in 0..defs.len() {
        let TypeDef::Struct(s) = &defs[i] else {
            continue;
        };
        let name = s.name.clone();
        for f in 0..s.fields.len() {
            let target = match &defs[i] {
                TypeDef::Struct(s) => match &s.fields[f].ty {
                    TypeRef::Named(n) => n.clone(),
                    _ => continue,
                },
                _ => unreachable!(),
            };
            if reaches(defs, &target, &name) {
                if let TypeDef::Struct(s) = &mut defs[i] {
                    s.fields[f].boxed = true;
                }
            }
        }
    }
}

/// Marks structs whose every field has a `Default`, iterating to a fixed point.
fn mark_defaults(defs: &mut [TypeDef]) {
    loop {
        let with_default: HashSet<String> = defs
            .iter()
            .filter_map(|d| match d {
                TypeDef::Struct(s) if s.default => Some(s.name.clone()),
                _ => None,
            })
            .collect();
        let mut changed = false;
        for d in defs.iter_mut() {
            let TypeDef::Struct(s) = d else { continue };
            if s.default {
                continue;
            }
            let ok = s
                .fields
                .iter()
                .all(|f| !f.required || has_default(&f.ty, &with_default));
            if ok {
                s.default = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn has_default(ty: &TypeRef, structs: &HashSet<String>) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::Date => false,
        TypeRef::Named(n) => structs.contains(n),
        _ => true,
    }
}
