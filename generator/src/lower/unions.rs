//! Unions: an enum over the types a value may be, with a catch-all variant that keeps any other
//! value whole, so a kind the service adds later never fails a response.
//!
//! - A Swagger `discriminator` base becomes an enum over the schemas that extend it with
//!   `allOf`, tagged by the discriminator property ([`Tagging::Inherited`]).
//! - A `oneOf`/`anyOf` (both mean "a value is one of these" in Rust) is tagged
//!   ([`Tagging::Property`]) when its members are objects told apart by a property: its
//!   `discriminator` (values from `mapping`, whose targets are `$ref`s or schema names, else the
//!   member's schema name), or else a property that is a different one-value `enum` (a 3.1
//!   `const`) in every member. Otherwise it is untagged and its variants are tried in this
//!   order, most specific first, so that a value is not taken by a member that would lose part
//!   of it:
//!   1. objects, those with more required properties first; then maps; then arrays;
//!   2. string enums; integers (`i32`, then `i64`); numbers (`f64`, then `f32`); booleans;
//!      strings; free-form JSON last.
//!
//!   Decoding takes the first variant that re-encodes to exactly the value read (so an object
//!   is not taken by a member that ignores some of its properties), else the first that
//!   decodes at all (a date-time sent in another form), else the catch-all.
//! - `null` members (`anyOf: [X, {type: null}]`) are not variants: the union is nullable, and a
//!   union left with one member is that member's type.
//! - Variant names come from the `$ref`'s type name, else the member's `title`, else its tag
//!   value, else what it is (`String`, `Integer`, `Array`, `Object`, …), made unique; an inline
//!   object member becomes a struct named after the union and the variant.

use std::collections::HashSet;

use openapiv3::ReferenceOr;

use super::azure;
use super::schema::{SchemaRef, View};
use super::types::{TypeLowerer, SCHEMA_PREFIX};
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{Tagging, TypeDef, TypeRef, Union, UnionVariant};
use crate::naming::{camel, Scope};

/// Name of the catch-all variant; its variant names never take it.
pub(super) const UNKNOWN: &str = "Unknown";

/// A member of a `oneOf`/`anyOf` before it is lowered.
struct Member<'s> {
    schema: SchemaRef<'s>,
    at: Location,
    /// The tag value, for tagged unions.
    tag_value: Option<String>,
}

impl<'a> TypeLowerer<'a> {
    pub(super) fn define_union(
        &mut self,
        component: &str,
        rust: &str,
        view: &View,
        tag: &str,
        at: &Location,
    ) -> Result<()> {
        // `define` sends only bases that some schema extends.
        let children = self.descendants(component);
        // The base's position in `defs` comes before its variants, for readable output.
        let index = self.defs.len();
        let variants = self.inherited_variants(children, None, at)?;
        self.defs.insert(
            index,
            TypeDef::Union(Union {
                name: rust.to_string(),
                docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
                tagging: Tagging::Inherited {
                    tag: tag.to_string(),
                },
                variants,
            }),
        );
        Ok(())
    }

    /// The union a `$ref` to `component`, a discriminated type that is not the root but is
    /// extended in turn, stands for: the component itself (also when a value leaves the tag
    /// out, as the type it was declared as) or any type that extends it, so that a
    /// `smart_salmon` sent where a `salmon` is expected keeps its kind and its own properties.
    pub(super) fn sub_union(&mut self, component: &str, at: &Location) -> Result<TypeRef> {
        let (tag, rust) = self.sub_bases[component].clone();
        if self.lowered.insert(format!("{component} (union)")) {
            let index = self.defs.len();
            let mut members = vec![component.to_string()];
            members.extend(self.descendants(component));
            let variants = self.inherited_variants(members, Some(component), at)?;
            let base = variants.iter().find(|v| v.base).map(|v| &v.rust_name);
            let docs = docs([base
                .map(|b| format!("A `{b}`, or a type that extends it."))
                .as_deref()]);
            self.defs.insert(
                index,
                TypeDef::Union(Union {
                    name: rust.clone(),
                    docs,
                    tagging: Tagging::Inherited { tag },
                    variants,
                }),
            );
        }
        Ok(TypeRef::Named(rust))
    }

    /// The variants of a discriminated union: one per component, tagged with its
    /// `x-ms-discriminator-value` or its name, holding its struct. `base` is the component a
    /// value without the tag is.
    fn inherited_variants(
        &mut self,
        members: Vec<String>,
        base: Option<&str>,
        at: &Location,
    ) -> Result<Vec<UnionVariant>> {
        let mut variants: Vec<UnionVariant> = Vec::new();
        for member in members {
            let value: Option<String> = match self.components.get(&member) {
                Some(ReferenceOr::Item(s)) => azure::extension(
                    &s.schema_data.extensions,
                    "x-ms-discriminator-value",
                    &self.component_origin(&member),
                )?,
                _ => None,
            };
            let value = value.unwrap_or_else(|| member.clone());
            let TypeRef::Named(variant) = self.variant_struct(&member, at)? else {
                return Err(Error::at(
                    at,
                    format!("`{member}` extends a discriminated type but is not an object"),
                ));
            };
            // A child that adds nothing is its parent's type (`cookiecuttershark` is a
            // `Shark`): its variant is named after the child.
            let rust_name = if variants.iter().any(|v| v.rust_name == variant) {
                camel(&member)
            } else {
                variant.clone()
            };
            if variants.iter().any(|v| v.rust_name == rust_name) {
                continue;
            }
            variants.push(UnionVariant {
                rust_name,
                tag_value: Some(value),
                ty: TypeRef::Named(variant),
                boxed: false,
                base: base == Some(member.as_str()),
            });
        }
        Ok(variants)
    }

    /// The struct a member of a discriminated union holds: its own, or for a member that only
    /// wraps another (`cookiecuttershark` is `allOf: [shark]`), that one's struct, not the
    /// union a `$ref` to it may stand for.
    fn variant_struct(&mut self, member: &str, at: &Location) -> Result<TypeRef> {
        let mut name = member;
        for _ in 0..16 {
            let wrapped = match (self.kinds.get(name), self.components.get(name)) {
                (Some(super::types::Kind::Alias), Some(ReferenceOr::Item(s))) => {
                    View::of(s).wrapped_ref()
                }
                _ => None,
            };
            // Through wrappers of wrappers too (SpellCheck's `Answer` wraps `Response`, which
            // wraps the sub-base `Identifiable`): resolving a wrapper as a component would
            // resolve the union being built again.
            match wrapped.and_then(|r| r.strip_prefix(SCHEMA_PREFIX)) {
                Some(parent)
                    if self.sub_bases.contains_key(parent)
                        || matches!(self.kinds.get(parent), Some(super::types::Kind::Alias)) =>
                {
                    name = parent
                }
                _ => break,
            }
        }
        self.component(name, at)
    }

    /// The components that extend the discriminator base `base` with `allOf`, directly or
    /// through another one (a grandchild's value is the base's too, tagged with its own
    /// value): the direct children in spec order, then each further generation.
    fn descendants(&self, base: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut generation = vec![base.to_string()];
        while !generation.is_empty() {
            // Those that extend one of this generation, in spec order.
            let mut extenders: Vec<usize> = generation
                .iter()
                .filter_map(|g| self.extended_by.get(g))
                .flatten()
                .copied()
                .collect();
            extenders.sort_unstable();
            extenders.dedup();
            let next: Vec<String> = extenders
                .into_iter()
                .map(|i| self.components.get_index(i).expect("a component's index").0)
                .filter(|name| *name != base && seen.insert(name.to_string()))
                .cloned()
                .collect();
            out.extend(next.iter().cloned());
            generation = next;
        }
        out
    }

    /// Defines the union type `rust` of a `oneOf`/`anyOf` with two or more non-null members.
    pub(super) fn define_one_of(&mut self, rust: &str, view: &View, at: &Location) -> Result<()> {
        let index = self.defs.len();
        let (tagging, members) = self.tagging(view, at);
        let mut names = Scope::new(&[UNKNOWN]);
        let mut variants: Vec<(UnionVariant, (u8, usize))> = Vec::new();
        let mut refs_seen: Vec<&str> = Vec::new();
        for member in members {
            // A second mapping value for one schema is named after the value (`Kitten(Cat)`).
            let repeated = match member.schema {
                SchemaRef::Ref(r) if refs_seen.contains(&r) => member.tag_value.as_deref(),
                SchemaRef::Ref(r) => {
                    refs_seen.push(r);
                    None
                }
                SchemaRef::Inline(_) => None,
            };
            let name = match repeated.map(camel).filter(|n| !n.is_empty()) {
                Some(name) => names.claim(name),
                None => names.claim(self.variant_name(&member)),
            };
            let ty = self.type_of(member.schema, &format!("{rust}{name}"), &member.at)?;
            // Formatted values inside a union stay text: the runtime's codecs are for fields.
            let ty = as_text(ty);
            // An untagged union needs each type once: a second one could never be chosen.
            if tagging == Tagging::Untagged && variants.iter().any(|(v, _)| v.ty == ty) {
                continue;
            }
            let order = self.order(member.schema, &ty);
            variants.push((
                UnionVariant {
                    rust_name: name,
                    tag_value: member.tag_value,
                    ty,
                    boxed: false,
                    base: false,
                },
                order,
            ));
        }
        if tagging == Tagging::Untagged {
            // Stable: members of one rank keep the spec's order.
            variants.sort_by_key(|(_, (rank, required))| (*rank, usize::MAX - required));
        }
        self.defs.insert(
            index,
            TypeDef::Union(Union {
                name: rust.to_string(),
                docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
                tagging,
                variants: variants.into_iter().map(|(v, _)| v).collect(),
            }),
        );
        Ok(())
    }

    /// The non-null members of a `oneOf`/`anyOf`, with where each is written.
    pub(super) fn non_null_members<'s>(
        &self,
        view: &View<'s>,
        at: &Location,
    ) -> Vec<(SchemaRef<'s>, Location)> {
        view.one_of
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_null())
            .map(|(i, m)| {
                let at = if i < view.one_of_count {
                    at.join("oneOf").join(i.to_string())
                } else {
                    at.join("anyOf").join((i - view.one_of_count).to_string())
                };
                (*m, at)
            })
            .collect()
    }

    /// How the union's members are told apart, and the members with their tag values.
    fn tagging<'s>(&self, view: &View<'s>, at: &Location) -> (Tagging, Vec<Member<'s>>) {
        let untagged = |members: Vec<(SchemaRef<'s>, Location)>| {
            let members = members
                .into_iter()
                .map(|(schema, at)| Member {
                    schema,
                    at,
                    tag_value: None,
                })
                .collect();
            (Tagging::Untagged, members)
        };
        let members = self.non_null_members(view, at);
        if !members.iter().all(|(m, _)| self.is_object(*m)) {
            return untagged(members);
        }
        if let Some(d) = &view.data.discriminator {
            let tag = &d.property_name;
            let mut tagged = Vec::new();
            for (schema, member_at) in &members {
                let values: Vec<String> = match schema {
                    SchemaRef::Ref(r) => {
                        let mapped: Vec<String> = d
                            .mapping
                            .iter()
                            .filter(|(_, target)| same_schema(target, r))
                            .map(|(value, _)| value.clone())
                            .collect();
                        if mapped.is_empty() {
                            vec![r.rsplit('/').next().unwrap_or(r).to_string()]
                        } else {
                            mapped
                        }
                    }
                    SchemaRef::Inline(_) => match self.constant(*schema, tag) {
                        Some(value) => vec![value],
                        None => return untagged(members),
                    },
                };
                // A member listed twice (stream-io lists `AnyEvent` once per value mapped to
                // it) adds its values once: a tag value names one variant.
                for value in values {
                    if tagged
                        .iter()
                        .any(|m: &Member| m.tag_value.as_ref() == Some(&value))
                    {
                        continue;
                    }
                    tagged.push(Member {
                        schema: *schema,
                        at: member_at.clone(),
                        tag_value: Some(value),
                    });
                }
            }
            return (Tagging::Property { tag: tag.clone() }, tagged);
        }
        // A property that is a different constant in every member tells them apart too.
        let Some(first) = members.first().and_then(|(m, _)| self.resolve(*m)) else {
            return untagged(members);
        };
        for (property, _) in View::of(first).properties {
            let values: Option<Vec<String>> = members
                .iter()
                .map(|(m, _)| self.constant(*m, property))
                .collect();
            let Some(values) = values else { continue };
            let distinct = values
                .iter()
                .enumerate()
                .all(|(i, v)| !values[..i].contains(v));
            if distinct && members.len() > 1 {
                let tagged = members
                    .into_iter()
                    .zip(values)
                    .map(|((schema, at), value)| Member {
                        schema,
                        at,
                        tag_value: Some(value),
                    })
                    .collect();
                return (
                    Tagging::Property {
                        tag: property.to_string(),
                    },
                    tagged,
                );
            }
        }
        untagged(members)
    }

    /// Whether a member is an object with named properties (what a tagged union's variants are).
    fn is_object(&self, schema: SchemaRef) -> bool {
        let mut current = schema;
        for _ in 0..8 {
            let Some(resolved) = self.resolve(current) else {
                return false;
            };
            let view = View::of(resolved);
            match view.wrapped_ref() {
                Some(r) => current = SchemaRef::Ref(r),
                None => return view.is_struct(),
            }
        }
        false
    }

    /// The one string value property `property` of an object member may have, if it is a
    /// constant (a one-value `enum`, as a 3.1 `const` becomes).
    fn constant(&self, schema: SchemaRef, property: &str) -> Option<String> {
        let view = View::of(self.resolve(schema)?);
        let (_, prop) = view.properties.iter().find(|(name, _)| *name == property)?;
        match View::of(self.resolve(*prop)?).enumeration.as_slice() {
            [serde_json::Value::String(value)] => Some(value.clone()),
            _ => None,
        }
    }

    /// The variant's name before it is made unique.
    fn variant_name(&self, member: &Member) -> String {
        if let SchemaRef::Ref(r) = member.schema {
            if let Some(name) = r.strip_prefix(SCHEMA_PREFIX) {
                return camel(name);
            }
        }
        let Some(schema) = self.resolve(member.schema) else {
            return "Value".into();
        };
        let view = View::of(schema);
        if let Some(title) = view
            .data
            .title
            .as_deref()
            .map(camel)
            .filter(|t| !t.is_empty())
        {
            return title;
        }
        if let Some(value) = member
            .tag_value
            .as_deref()
            .map(camel)
            .filter(|v| !v.is_empty())
        {
            return value;
        }
        let name = if view.is_string_enum() {
            "Enum"
        } else if view.is_struct() {
            "Object"
        } else if !view.one_of.is_empty() {
            "Union"
        } else {
            match view.typ {
                Some("string") => match view.format.as_deref() {
                    Some("date-time") => "DateTime",
                    Some("date") => "Date",
                    _ => "String",
                },
                Some("integer") => "Integer",
                Some("number") => "Number",
                Some("boolean") => "Boolean",
                Some("array") => "Array",
                Some("object") => "Object",
                _ => "Value",
            }
        };
        name.into()
    }

    /// Where an untagged union tries a variant: (rank, required properties); see the module
    /// docs for the rule.
    fn order(&self, schema: SchemaRef, ty: &TypeRef) -> (u8, usize) {
        let view = self.resolve(schema).map(View::of);
        match ty {
            TypeRef::Named(_) if view.as_ref().is_some_and(View::is_string_enum) => (3, 0),
            TypeRef::Named(_) => (0, view.map_or(0, |v| v.required.len())),
            TypeRef::Map(_) => (1, 0),
            TypeRef::Vec(_) => (2, 0),
            TypeRef::I32 => (4, 0),
            TypeRef::I64 => (5, 0),
            TypeRef::F64 => (6, 0),
            TypeRef::F32 => (7, 0),
            TypeRef::Bool => (8, 0),
            TypeRef::String | TypeRef::Secret => (9, 0),
            TypeRef::Value => (10, 0),
            // Items and values only: a union member is never itself nullable.
            TypeRef::Nullable(inner) => self.order(schema, inner),
            _ => (9, 0),
        }
    }
}

/// `ty` with every formatted value (date, date-time, bytes, duration, uuid) as `String`, in
/// collections too.
fn as_text(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::DateTimeRfc1123
        | TypeRef::Bytes
        | TypeRef::Base64Url
        | TypeRef::Duration
        | TypeRef::Uuid => TypeRef::String,
        TypeRef::Vec(item) => TypeRef::Vec(Box::new(as_text(*item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(as_text(*value))),
        other => other,
    }
}

/// Whether a discriminator `mapping` target (a `$ref` or a schema name) is the schema `$ref`.
fn same_schema(target: &str, reference: &str) -> bool {
    target == reference || reference.strip_prefix(SCHEMA_PREFIX) == Some(target)
}
