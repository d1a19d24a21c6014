//! Structs: properties gathered through `allOf` parents (parents first), with their names,
//! types, docs, and an `additionalProperties` map when the schema allows more.

use std::collections::BTreeSet;

use openapiv3::AdditionalProperties;

use super::azure;
use super::schema::{SchemaRef, View};
use super::types::{unknown_format_note, value_note, TypeLowerer, SCHEMA_PREFIX};
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{Docs, Field, Struct, TypeDef, TypeRef};
use crate::naming::{camel, snake, Scope};

impl<'a> TypeLowerer<'a> {
    /// Defines a struct; `component` is the component schema it is, if any (for allOf cycles).
    pub(super) fn define_struct(
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
            let client_name: Option<String> = match schema {
                SchemaRef::Inline(s) => {
                    azure::extension(&s.schema_data.extensions, "x-ms-client-name", &prop_at)?
                }
                SchemaRef::Ref(_) => None,
            };
            let rust_name = field_names.claim(snake(client_name.as_deref().unwrap_or(&wire)));
            let ty = self.type_of(schema, &format!("{name}{}", camel(&wire)), &prop_at)?;
            let mut field_docs = match (schema, &prop_view) {
                (SchemaRef::Inline(s), _) => docs([
                    s.schema_data.title.as_deref(),
                    s.schema_data.description.as_deref(),
                ]),
                (SchemaRef::Ref(_), Some(v)) => docs([v.data.description.as_deref()]),
                _ => Docs::default(),
            };
            if let Some(note) = prop_view.as_ref().and_then(unknown_format_note) {
                crate::docs::push_paragraph(&mut field_docs, &note);
            }
            if let Some(note) = prop_view.as_ref().and_then(value_note) {
                crate::docs::push_paragraph(&mut field_docs, note);
            }
            // Both an absent property and `null` are `None`; a required one is written as
            // `null`, an optional one left out.
            let nullable = self.is_nullable(schema);
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
                let mutability: Option<Vec<String>> =
                    azure::extension(&s.schema_data.extensions, "x-ms-mutability", &prop_at)?;
                if let Some(m) = mutability {
                    crate::docs::push_paragraph(
                        &mut field_docs,
                        &format!("Mutability: {}.", m.join(", ")),
                    );
                }
            }
            let required = required.contains(&wire) && !read_only;
            fields.push(Field {
                required: required && !nullable,
                nullable: required && nullable,
                read_only,
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
                Some(s) => {
                    let value = self.type_of(s, &format!("{name}Value"), &ap_at)?;
                    self.nullable_item(s, value)
                }
                None => TypeRef::Value,
            };
            fields.push(Field {
                wire_name: String::new(),
                rust_name: field_names.claim("additional_properties".into()),
                ty: TypeRef::Map(Box::new(value)),
                required: true,
                nullable: false,
                read_only: false,
                boxed: false,
                flatten: true,
                docs: docs([Some("Properties not named by the schema.")]),
            });
        }
        let parents = view
            .all_of
            .iter()
            .filter_map(|parent| match parent {
                SchemaRef::Ref(r) => match self.kinds.get(r.trim_start_matches(SCHEMA_PREFIX)) {
                    Some(super::types::Kind::Type(rust)) => Some(rust.clone()),
                    _ => None,
                },
                SchemaRef::Inline(_) => None,
            })
            .collect();
        self.defs.push(TypeDef::Struct(Struct {
            name: name.to_string(),
            docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
            fields,
            default: false,
            parents,
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
}
