//! A uniform view of an `openapiv3::Schema`, whatever `SchemaKind` it deserialised into, so
//! lowering asks one question one way ("what are its properties?") instead of five.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A schema position: a `$ref` or an inline schema.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

pub struct View<'a> {
    pub data: &'a SchemaData,
    pub typ: Option<&'a str>,
    pub format: Option<String>,
    pub properties: Vec<(&'a str, SchemaRef<'a>)>,
    pub required: Vec<&'a str>,
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<SchemaRef<'a>>,
    pub enumeration: Vec<Value>,
    pub all_of: Vec<SchemaRef<'a>>,
    /// `oneOf`/`anyOf`/`not`: no single Rust type; lowered to free-form JSON.
    pub composite: bool,
}

fn format_name<T: std::fmt::Debug>(
    f: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(i) => Some(known(i).to_string()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> Self {
        let mut view = View {
            data: &schema.schema_data,
            typ: None,
            format: None,
            properties: Vec::new(),
            required: Vec::new(),
            additional: None,
            items: None,
            enumeration: Vec::new(),
            all_of: Vec::new(),
            composite: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.typ = Some("string");
                view.format = format_name(&s.format, |f| match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                view.enumeration = s
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::String(v.clone()))
                    .collect();
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.typ = Some("number");
                view.format = format_name(&n.format, |f| match f {
                    openapiv3::NumberFormat::Float => "float",
                    openapiv3::NumberFormat::Double => "double",
                });
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.typ = Some("integer");
                view.format = format_name(&i.format, |f| match f {
                    openapiv3::IntegerFormat::Int32 => "int32",
                    openapiv3::IntegerFormat::Int64 => "int64",
                });
            }
            SchemaKind::Type(Type::Boolean(_)) => view.typ = Some("boolean"),
            SchemaKind::Type(Type::Object(o)) => {
                view.typ = Some("object");
                view.properties = o
                    .properties
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.into()))
                    .collect();
                view.required = o.required.iter().map(String::as_str).collect();
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.typ = Some("array");
                view.items = a.items.as_ref().map(Into::into);
            }
            SchemaKind::AllOf { all_of } => view.all_of = all_of.iter().map(Into::into).collect(),
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Not { .. } => {
                view.composite = true
            }
            SchemaKind::Any(a) => {
                view.typ = a.typ.as_deref();
                view.format = a.format.clone();
                view.properties = a
                    .properties
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.into()))
                    .collect();
                view.required = a.required.iter().map(String::as_str).collect();
                view.additional = a.additional_properties.as_ref();
                view.items = a.items.as_ref().map(Into::into);
                view.enumeration = a.enumeration.clone();
                view.all_of = a.all_of.iter().map(Into::into).collect();
                view.composite = !a.one_of.is_empty() || !a.any_of.is_empty() || a.not.is_some();
            }
        }
        view
    }

    /// Has the shape of a struct: named properties or inheritance.
    pub fn is_struct(&self) -> bool {
        !self.properties.is_empty() || !self.all_of.is_empty()
    }

    pub fn is_string_enum(&self) -> bool {
        !self.enumeration.is_empty()
            && matches!(self.typ, Some("string") | None)
            && self
                .enumeration
                .iter()
                .all(|v| v.is_string() || v.is_null())
    }
}
