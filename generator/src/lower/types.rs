//! Schemas to Rust types: which component schemas become types (and claim their names first),
//! `$ref`s and aliases, primitive and collection types. Structs, enums and unions are defined
//! in their own modules; `finish` boxes cycles and marks defaults.

use std::collections::{HashMap, HashSet};

use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema};

use super::azure;
use super::cycles::box_cycles;
use super::defaults::mark_defaults;
use super::schema::{SchemaRef, View};
use crate::error::{Error, Location, Result};
use crate::ir::{TypeDef, TypeRef};
use crate::naming::{camel, Scope};

pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Formats a string may carry that stay `String` in Rust (ids, URLs, passwords).
const STRING_FORMATS: &[&str] = &[
    "binary",
    "password",
    "uri",
    "url",
    "uri-reference",
    "arm-id",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "char",
    "file",
    "time",
];

/// How a component schema is represented.
#[derive(Clone, Debug)]
pub(super) enum Kind {
    /// Becomes a generated type with this Rust name.
    Type(String),
    /// Stands for another type (a primitive, a collection, another component).
    Alias,
}

pub(super) struct TypeLowerer<'a> {
    pub(super) components: &'a indexmap::IndexMap<String, ReferenceOr<Schema>>,
    pub(super) kinds: HashMap<String, Kind>,
    pub(super) aliases: HashMap<String, TypeRef>,
    /// Aliases being resolved, each with the [`inline_depth`](Self::inline_depth) it began at.
    pub(super) resolving: Vec<(String, usize)>,
    /// Inline structs and unions being defined: a `$ref` back to an alias from inside one
    /// has an indirection (`order-item: array of {Items: order-item}`), no endless type.
    pub(super) inline_depth: usize,
    pub(super) scope: Scope,
    pub(super) defs: Vec<TypeDef>,
    /// Enum name -> (values, Rust name) to share one enum among identical uses.
    pub(super) enums: HashMap<String, (Vec<String>, String)>,
    /// Discriminator base component -> tag property.
    pub(super) unions: HashMap<String, String>,
    /// Discriminator base component -> child components.
    pub(super) children: HashMap<String, Vec<String>>,
    /// A discriminated type that is not the root but is extended in turn (`salmon`, a `Fish`
    /// that `smart_salmon` extends) -> its tag and the Rust name of the union a `$ref` to it
    /// stands for (`AnySalmon`): itself or what extends it.
    pub(super) sub_bases: HashMap<String, (String, String)>,
    /// Component -> the indexes (ascending) of the components that extend it with an `allOf`
    /// `$ref`: a union's further generations, found without a scan of every component.
    pub(super) extended_by: HashMap<String, Vec<usize>>,
    /// Each enum in `defs` by name -> its wire values: an inline enum looks its name up here
    /// rather than scan every definition.
    pub(super) enum_values: HashMap<String, Vec<String>>,
    pub(super) lowered: HashSet<String>,
    /// Inline struct and union schemas already lowered, by address: a schema reached twice (a
    /// page's item array seen by paging and by the page type, a parent's inline property
    /// inherited through allOf) is one type, named where first seen.
    pub(super) inline_structs: HashMap<*const Schema, String>,
    /// Inline enums and unions by what they are (all but the name) -> the Rust name of the first:
    /// structurally identical inline types (Graph's thousands of `$select` item enums) are one
    /// type, named where first seen.
    pub(super) shared_inline: HashMap<String, String>,
    /// Types reached while an alias is being resolved, defined once it is: a type whose
    /// fields lead back to the alias (an array of unions of structs that hold the array) would
    /// otherwise see the alias as a cycle.
    pending: Vec<String>,
    /// Component types being defined, one inside another (a field's type is defined when first
    /// reached), and those reached deeper than [`MAX_DEFINING`], defined once the outermost is:
    /// a chain of thousands of schemas would otherwise overflow the stack.
    defining: usize,
    deferred: Vec<String>,
}

/// How deep component definitions nest before further ones wait (see `deferred`).
const MAX_DEFINING: usize = 64;

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
            inline_depth: 0,
            scope: Scope::new(reserved),
            defs: Vec::new(),
            enums: HashMap::new(),
            unions: HashMap::new(),
            children: HashMap::new(),
            sub_bases: HashMap::new(),
            extended_by: HashMap::new(),
            enum_values: HashMap::new(),
            lowered: HashSet::new(),
            inline_structs: HashMap::new(),
            shared_inline: HashMap::new(),
            pending: Vec::new(),
            defining: 0,
            deferred: Vec::new(),
        };
        // Swagger-style discriminator bases first: whether a component that wraps one with
        // `allOf` is a variant (a type) or the base itself depends on them.
        for (name, schema) in components {
            if let ReferenceOr::Item(schema) = schema {
                let view = View::of(schema);
                if let (Some(d), true) = (&schema.schema_data.discriminator, view.one_of.is_empty())
                {
                    this.unions.insert(name.clone(), d.property_name.clone());
                }
            }
        }
        // Every component that becomes a type claims its name first, so inline types never
        // take a name the spec gave to a definition.
        for (name, schema) in components {
            let kind = match schema {
                ReferenceOr::Item(schema) => {
                    let view = View::of(schema);
                    let variant = view.wrapped_ref().is_some_and(|r| {
                        this.unions
                            .contains_key(r.trim_start_matches(SCHEMA_PREFIX))
                    });
                    if view.is_struct() || view.is_string_enum() || view.is_union() || variant {
                        Kind::Type(this.scope.claim(camel(name)))
                    } else {
                        Kind::Alias
                    }
                }
                ReferenceOr::Reference { .. } => Kind::Alias,
            };
            this.kinds.insert(name.clone(), kind);
        }
        for (index, (name, schema)) in components.iter().enumerate() {
            if let ReferenceOr::Item(schema) = schema {
                for parent in View::of(schema).all_of {
                    if let SchemaRef::Ref(r) = parent {
                        let parent = r.trim_start_matches(SCHEMA_PREFIX);
                        let extenders = this.extended_by.entry(parent.to_string()).or_default();
                        if extenders.last() != Some(&index) {
                            extenders.push(index);
                        }
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
        for (name, schema) in components {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            let Some(tag) = this.inherited_tag(schema) else {
                continue;
            };
            let is_type = matches!(this.kinds.get(name), Some(Kind::Type(_)));
            if is_type && !this.unions.contains_key(name) && this.is_extended(name) {
                let union = this.scope.claim(format!("Any{}", camel(name)));
                this.sub_bases.insert(name.clone(), (tag, union));
            }
        }
        Ok(this)
    }

    /// The discriminator a schema inherits through `allOf` from a discriminated base.
    fn inherited_tag(&self, schema: &Schema) -> Option<String> {
        let mut generation = vec![schema];
        // Deep enough for any real hierarchy; an `allOf` cycle is reported elsewhere.
        for _ in 0..16 {
            let mut next = Vec::new();
            for s in generation {
                for parent in View::of(s).all_of {
                    let SchemaRef::Ref(r) = parent else { continue };
                    let parent = r.trim_start_matches(SCHEMA_PREFIX);
                    if let Some(tag) = self.unions.get(parent) {
                        return Some(tag.clone());
                    }
                    if let Some(ReferenceOr::Item(p)) = self.components.get(parent) {
                        next.push(p);
                    }
                }
            }
            generation = next;
        }
        None
    }

    /// Whether some component extends `name` with `allOf`.
    fn is_extended(&self, name: &str) -> bool {
        self.components.values().any(|schema| {
            let ReferenceOr::Item(schema) = schema else {
                return false;
            };
            View::of(schema).all_of.iter().any(
                |parent| matches!(parent, SchemaRef::Ref(r) if r.trim_start_matches(SCHEMA_PREFIX) == name),
            )
        })
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
    pub(super) fn component_origin(&self, name: &str) -> Location {
        Location::bundle("/components/schemas").join(name)
    }

    pub fn finish(mut self) -> Vec<TypeDef> {
        box_cycles(&mut self.defs);
        mark_defaults(&mut self.defs);
        self.defs
    }

    /// The type a `$ref` to a component schema stands for.
    pub(super) fn component(&mut self, name: &str, site: &Location) -> Result<TypeRef> {
        let Some(schema) = self.components.get(name) else {
            return Err(Error::at(site, format!("$ref to unknown schema `{name}`")));
        };
        match self.kinds[name].clone() {
            Kind::Type(rust) => {
                if !self.resolving.is_empty() {
                    if !self.lowered.contains(name) && !self.pending.iter().any(|p| p == name) {
                        self.pending.push(name.to_string());
                    }
                } else if self.defining >= MAX_DEFINING {
                    if !self.lowered.contains(name) && !self.deferred.iter().any(|d| d == name) {
                        self.deferred.push(name.to_string());
                    }
                } else if self.lowered.insert(name.to_string()) {
                    let ReferenceOr::Item(schema) = schema else {
                        unreachable!("types are inline")
                    };
                    let at = self.component_origin(name);
                    self.defining += 1;
                    let defined = self.define(name, &rust, schema, &at);
                    self.defining -= 1;
                    defined?;
                    if self.defining == 0 {
                        while let Some(next) = self.deferred.pop() {
                            self.component(&next, site)?;
                        }
                    }
                }
                Ok(TypeRef::Named(rust))
            }
            Kind::Alias => {
                if let Some(t) = self.aliases.get(name) {
                    return Ok(t.clone());
                }
                if let Some(start) = self.resolving.iter().position(|(n, _)| n == name) {
                    if self.inline_depth > self.resolving[start].1 {
                        // The alias's own type is still being worked out, and a Rust alias
                        // cannot name itself: the reference inside it stays free-form JSON.
                        return Ok(TypeRef::Value);
                    }
                    let chain: Vec<&str> = self.resolving[start..]
                        .iter()
                        .map(|(n, _)| n.as_str())
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
                self.resolving.push((name.to_string(), self.inline_depth));
                // Errors inside an alias are reported where the alias is written.
                let mut own = self.component_origin(name);
                if let ReferenceOr::Reference { .. } = schema {
                    own = own.join("$ref");
                }
                let ty = self.type_of(schema.into(), &camel(name), &own);
                self.resolving.pop();
                let ty = ty?;
                self.aliases.insert(name.to_string(), ty.clone());
                if self.resolving.is_empty() {
                    for pending in std::mem::take(&mut self.pending) {
                        self.component(&pending, site)?;
                    }
                }
                Ok(ty)
            }
        }
    }

    /// The type a `$ref` stands for where a value is expected: a component's type, or for a
    /// discriminated type that others extend, the union of it and them.
    pub fn reference(&mut self, reference: &str, site: &Location) -> Result<TypeRef> {
        match reference.strip_prefix(SCHEMA_PREFIX) {
            Some(name) if self.sub_bases.contains_key(name) => self.sub_union(name, site),
            Some(name) => self.component(name, site),
            None => Err(Error::invalid(
                site,
                format!("$ref `{reference}` must point to #/components/schemas/…"),
                "the OpenAPI Reference Object rule \"the referenced structure MUST be in the \
                 form of\" the object it stands for: a schema's `$ref` points to a Schema Object",
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
        if let Some(r) = view.wrapped_ref() {
            return self.reference(r, &at.join("allOf").join("0"));
        }
        if view.is_string_enum() {
            return self.inline_enum(&view, context, at);
        }
        if view.is_union() {
            let key: *const Schema = schema;
            if let Some(name) = self.inline_structs.get(&key) {
                return Ok(TypeRef::Named(name.clone()));
            }
            let name = self.scope.claim(camel(context));
            self.inline_structs.insert(key, name.clone());
            let index = self.defs.len();
            self.inline_depth += 1;
            let defined = self.define_one_of(&name, &view, at);
            self.inline_depth -= 1;
            defined?;
            if let Some(TypeDef::Union(u)) = self.defs.get(index) {
                let shape = format!("{:?}{:?}{:?}", u.docs, u.tagging, u.variants);
                if let Some(first) = self.shared_inline.get(&shape).cloned() {
                    self.defs.remove(index);
                    self.inline_structs.insert(key, first.clone());
                    return Ok(TypeRef::Named(first));
                }
                self.shared_inline.insert(shape, name.clone());
            }
            return Ok(TypeRef::Named(name));
        }
        if let [(member, member_at)] = self.non_null_members(&view, at).as_slice() {
            // `anyOf: [X, {type: null}]`: X (the field that holds it says it may be null).
            return self.type_of(*member, context, member_at);
        }
        if view.is_struct() {
            let key: *const Schema = schema;
            if let Some(name) = self.inline_structs.get(&key) {
                return Ok(TypeRef::Named(name.clone()));
            }
            let name = self.scope.claim(camel(context));
            self.inline_structs.insert(key, name.clone());
            self.inline_depth += 1;
            let defined = self.define_struct(&name, None, &view, at);
            self.inline_depth -= 1;
            defined?;
            return Ok(TypeRef::Named(name));
        }
        if view.not || !view.one_of.is_empty() {
            // `not`, or a union of `null` alone: no Rust type says it (see `value_note`).
            return Ok(TypeRef::Value);
        }
        let ty = match view.typ {
            Some("string") if azure::flag(&view.data.extensions, "x-ms-secret", at)? => {
                TypeRef::Secret
            }
            Some(typ @ ("string" | "integer" | "number")) => {
                let format = view.format.as_deref();
                format
                    .and_then(|f| formatted_type(typ, f))
                    .unwrap_or_else(|| base_type(typ))
            }
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                let item = match view.items {
                    Some(items) => {
                        let item =
                            self.type_of(items, &format!("{context}Item"), &at.join("items"))?;
                        self.nullable_item(items, item)
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
                    TypeRef::Map(Box::new(self.nullable_item(s.as_ref().into(), value)))
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
            self.push_enum(e);
            return Ok(());
        }
        // A discriminator no schema extends (common in OpenAPI 3 specs whose members are
        // listed in a `oneOf` elsewhere, or not at all) is an ordinary struct: the tag is a field.
        let extended = self.children.get(component).is_some_and(|c| !c.is_empty());
        if let Some(tag) = self.unions.get(component).filter(|_| extended).cloned() {
            return self.define_union(component, rust, &view, &tag, at);
        }
        if view.is_union() {
            return self.define_one_of(rust, &view, at);
        }
        self.define_struct(rust, Some(component), &view, at)
    }
}

impl<'a> TypeLowerer<'a> {
    /// Whether `null` is a value of the schema, through `$ref`s and `allOf` wrappers.
    pub(super) fn is_nullable(&self, schema: SchemaRef) -> bool {
        let mut current = schema;
        for _ in 0..8 {
            let Some(resolved) = self.resolve(current) else {
                return false;
            };
            let view = View::of(resolved);
            if view.nullable() {
                return true;
            }
            match view.wrapped_ref() {
                Some(r) => current = SchemaRef::Ref(r),
                None => return false,
            }
        }
        false
    }
}

impl TypeLowerer<'_> {
    /// An array item or map value as stored: `Option` when its schema allows `null`, so a
    /// `null` among the items decodes (and is written back) instead of failing the response.
    /// Free-form JSON holds `null` already.
    pub(super) fn nullable_item(&self, schema: SchemaRef, ty: TypeRef) -> TypeRef {
        if ty != TypeRef::Value && self.is_nullable(schema) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }
}

/// A doc line for a schema that stays free-form JSON because no Rust type can say what it is.
pub(super) fn value_note(view: &View) -> Option<&'static str> {
    if view.not {
        Some("Free-form JSON: the schema says what a value is not (`not`), which no Rust type expresses.")
    } else if view.is_null_enum()
        || (!view.one_of.is_empty() && view.one_of.iter().all(|m| m.is_null()))
    {
        Some("Free-form JSON: the schema allows only `null`.")
    } else {
        None
    }
}

/// `type: string` with a format that [`formatted_type`] makes a date or date-time.
pub(super) fn is_date_format(view: &View) -> bool {
    matches!(
        view.format
            .as_deref()
            .and_then(|f| formatted_type("string", f)),
        Some(TypeRef::Date | TypeRef::DateTime | TypeRef::DateTimeRfc1123)
    )
}

/// The Rust type of a scalar OpenAPI type without a format (or with an unknown one).
fn base_type(typ: &str) -> TypeRef {
    match typ {
        "integer" => TypeRef::I64,
        "number" => TypeRef::F64,
        _ => TypeRef::String,
    }
}

/// The Rust type of scalar `typ` with `format`, when the format is one the generator knows.
fn formatted_type(typ: &str, format: &str) -> Option<TypeRef> {
    Some(match (typ, format) {
        ("string", "date-time") => TypeRef::DateTime,
        ("string", "date-time-rfc1123" | "date-time-rfc7231") => TypeRef::DateTimeRfc1123,
        ("string", "date") => TypeRef::Date,
        ("string", "byte") => TypeRef::Bytes,
        ("string", "base64url") => TypeRef::Base64Url,
        ("string", "duration") => TypeRef::Duration,
        ("string", "uuid") => TypeRef::Uuid,
        ("string", f) if STRING_FORMATS.contains(&f) => TypeRef::String,
        ("integer", "int32") => TypeRef::I32,
        ("integer", "int64" | "unixtime") => TypeRef::I64,
        ("number", "float") => TypeRef::F32,
        ("number", "double" | "decimal") => TypeRef::F64,
        _ => return None,
    })
}

/// A doc line for a scalar whose format the generator does not know. Formats are open-ended
/// (`unix-time`, `int8`, `email-address`, …), so such a value keeps its base type and the
/// docs name the format instead.
pub(super) fn unknown_format_note(view: &View) -> Option<String> {
    let typ = view
        .typ
        .filter(|t| matches!(*t, "string" | "integer" | "number"))?;
    let format = view.format.as_deref()?;
    formatted_type(typ, format)
        .is_none()
        .then(|| format!("Format: `{format}` (kept as the base type `{typ}`)."))
}
