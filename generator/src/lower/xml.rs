//! XML bodies: the root element and [`XmlShape`] of a body schema, from the OpenAPI `xml`
//! objects (`name`, `attribute`, `wrapped`; Azure's `x-ms-text`), which the Swagger converter
//! keeps as `x-xml`. Names follow AutoRest's reading of them: a property element is the
//! property's `xml.name`, else the `xml.name` of the model it refers to, else the property's
//! name; an array item is the items' `xml.name`, else their model's `xml.name`, else their
//! model's name, else (unwrapped) the property's name. Component schemas get one shared,
//! possibly recursive, shape each.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, Schema};
use serde_json::Value;

use super::schema::{SchemaRef, View};
use super::types::TypeLowerer;
use crate::ir::*;
use crate::naming::{camel, snake};

/// Collects the XML codecs of a spec while its operations are lowered.
#[derive(Default)]
pub(super) struct XmlCollector {
    codecs: XmlCodecs,
    /// Components whose shape is written or being written.
    named: BTreeSet<String>,
}

/// A schema's `xml` object, as far as bodies use it.
#[derive(Default, Clone)]
struct XmlObject {
    name: Option<String>,
    attribute: bool,
    wrapped: bool,
    text: bool,
}

impl XmlObject {
    fn of(schema: Option<&Schema>) -> XmlObject {
        let Some(Value::Object(xml)) = schema.and_then(|s| s.schema_data.extensions.get("x-xml"))
        else {
            return XmlObject::default();
        };
        let flag = |key: &str| xml.get(key).and_then(Value::as_bool).unwrap_or(false);
        XmlObject {
            name: xml.get("name").and_then(Value::as_str).map(str::to_string),
            attribute: flag("attribute"),
            wrapped: flag("wrapped"),
            text: flag("x-ms-text"),
        }
    }

    /// `self` with what `over` sets (a property's `xml` over its model's).
    fn under(self, over: XmlObject) -> XmlObject {
        XmlObject {
            name: over.name.or(self.name),
            attribute: self.attribute || over.attribute,
            wrapped: self.wrapped || over.wrapped,
            text: self.text || over.text,
        }
    }
}

fn component(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

/// The `$ref` that an `allOf: [{$ref}]` wrapper (a `$ref` with a description beside it)
/// stands for, else the schema itself.
fn unwrapped(schema: SchemaRef<'_>) -> SchemaRef<'_> {
    match schema {
        SchemaRef::Inline(s) => View::of(s).wrapped_ref().map_or(schema, SchemaRef::Ref),
        SchemaRef::Ref(_) => schema,
    }
}

fn inline<'a>(schema: SchemaRef<'a>) -> Option<&'a Schema> {
    match schema {
        SchemaRef::Inline(s) => Some(s),
        SchemaRef::Ref(_) => None,
    }
}

impl XmlCollector {
    /// The marker type of a body whose schema is `schema` (`context` names an inline one).
    pub fn root(
        &mut self,
        schema: SchemaRef<'_>,
        types: &TypeLowerer<'_>,
        context: &str,
    ) -> String {
        let schema = unwrapped(schema);
        let target = types.resolve(schema);
        let xml = XmlObject::of(target);
        let element = xml.name.clone().unwrap_or_else(|| match schema {
            SchemaRef::Ref(r) => component(r).to_string(),
            SchemaRef::Inline(_) => context.to_string(),
        });
        let shape = match target.map(View::of) {
            // A root array is the element holding its items.
            Some(v) if v.items.is_some() => {
                let items = v.items.expect("checked");
                XmlShape::List {
                    item: item_name(items, types).unwrap_or_else(|| "item".into()),
                    shape: Box::new(self.shape(items, types)),
                }
            }
            _ => self.shape(schema, types),
        };
        if let Some(r) = self
            .codecs
            .roots
            .iter()
            .find(|r| r.element == element && r.shape == shape)
        {
            return r.marker.clone();
        }
        let base = format!("{}Xml", camel(&element));
        let mut marker = base.clone();
        let mut n = 2;
        while self.codecs.roots.iter().any(|r| r.marker == marker) {
            marker = format!("{base}{n}");
            n += 1;
        }
        self.codecs.roots.push(XmlRoot {
            marker: marker.clone(),
            element,
            shape,
        });
        marker
    }

    pub fn finish(self) -> XmlCodecs {
        self.codecs
    }

    /// The shape of a value of `schema`: a component's is named (and written once).
    fn shape(&mut self, schema: SchemaRef<'_>, types: &TypeLowerer<'_>) -> XmlShape {
        let schema = unwrapped(schema);
        let Some(target) = types.resolve(schema) else {
            return XmlShape::Text(XmlLeaf::String);
        };
        let shape_of = |this: &mut Self| this.inline_shape(target, types);
        let SchemaRef::Ref(reference) = schema else {
            return shape_of(self);
        };
        if let leaf @ XmlShape::Text(_) = leaf_or_not(target) {
            return leaf;
        }
        let name = snake(component(reference)).to_ascii_uppercase();
        if self.named.insert(name.clone()) {
            let shape = shape_of(self);
            self.codecs.shapes.push(XmlNamedShape {
                name: name.clone(),
                shape,
            });
        }
        XmlShape::Named(name)
    }

    fn inline_shape(&mut self, schema: &Schema, types: &TypeLowerer<'_>) -> XmlShape {
        let view = View::of(schema);
        if let Some(items) = view.items {
            return XmlShape::List {
                item: item_name(items, types).unwrap_or_else(|| "item".into()),
                shape: Box::new(self.shape(items, types)),
            };
        }
        if view.is_struct() {
            let mut fields = Vec::new();
            self.fields(schema, types, &mut fields, 0);
            return XmlShape::Object(fields);
        }
        if let Some(AdditionalProperties::Schema(values)) = view.additional {
            return XmlShape::Map(Box::new(self.shape(values.as_ref().into(), types)));
        }
        if view.typ == Some("object") || view.additional.is_some() {
            return XmlShape::Map(Box::new(XmlShape::Text(XmlLeaf::String)));
        }
        leaf_or_not(schema)
    }

    /// The fields of `schema`: its parents' (`allOf`) first, then its own properties.
    fn fields(
        &mut self,
        schema: &Schema,
        types: &TypeLowerer<'_>,
        out: &mut Vec<XmlField>,
        depth: usize,
    ) {
        let view = View::of(schema);
        if depth < 32 {
            for parent in &view.all_of {
                if let Some(p) = types.resolve(*parent) {
                    self.fields(p, types, out, depth + 1);
                }
            }
        }
        for (json, property) in &view.properties {
            if out.iter().any(|f| f.json == *json) {
                continue;
            }
            let own = XmlObject::of(inline(*property));
            let property = &unwrapped(*property);
            let target = types.resolve(*property);
            let xml = XmlObject::of(target).under(own.clone());
            let target_view = target.map(View::of);
            let items = target_view.as_ref().and_then(|v| v.items);
            let required = view.required.contains(json);
            let field = |name: String, kind: XmlKind, shape: XmlShape| XmlField {
                json: json.to_string(),
                name,
                kind,
                shape,
                required,
            };
            let named = own.name.clone().unwrap_or_else(|| json.to_string());
            out.push(if xml.attribute || xml.text {
                let kind = if xml.text {
                    XmlKind::Text
                } else {
                    XmlKind::Attribute
                };
                let leaf = target.map_or(XmlShape::Text(XmlLeaf::String), leaf_or_not);
                field(named, kind, leaf)
            } else if let Some(items) = items {
                let item = item_name(items, types);
                let shape = self.shape(items, types);
                if xml.wrapped {
                    let wrapper = xml.name.clone().unwrap_or_else(|| json.to_string());
                    let item = item.unwrap_or_else(|| json.to_string());
                    let list = XmlShape::List {
                        item,
                        shape: Box::new(shape),
                    };
                    field(wrapper, XmlKind::Element, list)
                } else {
                    field(item.unwrap_or(named), XmlKind::Repeated, shape)
                }
            } else {
                // A property naming a model takes the model's element name, unless it names
                // its own.
                let name = xml.name.clone().unwrap_or_else(|| json.to_string());
                field(name, XmlKind::Element, self.shape(*property, types))
            });
        }
    }
}

/// An array item's element name, if its schema gives one (its `xml.name` or model).
fn item_name(items: SchemaRef<'_>, types: &TypeLowerer<'_>) -> Option<String> {
    let items = unwrapped(items);
    XmlObject::of(types.resolve(items)).name.or(match items {
        SchemaRef::Ref(r) => Some(component(r).to_string()),
        SchemaRef::Inline(_) => None,
    })
}

/// A scalar schema's text shape; an object's (or array's) empty object, which the caller
/// replaces.
fn leaf_or_not(schema: &Schema) -> XmlShape {
    let view = View::of(schema);
    if view.is_struct() || view.items.is_some() || view.additional.is_some() {
        return XmlShape::Object(Vec::new());
    }
    match view.typ {
        Some("integer" | "number") => XmlShape::Text(XmlLeaf::Number),
        Some("boolean") => XmlShape::Text(XmlLeaf::Boolean),
        Some("object") => XmlShape::Object(Vec::new()),
        _ => XmlShape::Text(XmlLeaf::String),
    }
}

/// An XML media type (`application/xml`, `text/xml`, `…+xml`) carrying a structured schema
/// (object, array or map): a typed XML body. XML strings stay text.
pub(super) fn is_xml_body(
    essence: &str,
    schema: Option<SchemaRef<'_>>,
    types: &TypeLowerer<'_>,
) -> bool {
    let xml = matches!(essence, "application/xml" | "text/xml") || essence.ends_with("+xml");
    xml && schema
        .and_then(|s| types.resolve(s))
        .is_some_and(|s| !matches!(leaf_or_not(s), XmlShape::Text(_)))
}
