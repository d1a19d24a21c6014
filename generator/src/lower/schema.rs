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

impl SchemaRef<'_> {
    /// `type: null` (the null member of `anyOf: [X, {type: null}]`).
    pub fn is_null(&self) -> bool {
        matches!(self, SchemaRef::Inline(s) if View::of(s).typ == Some("null"))
    }
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
    /// The members of `oneOf` or `anyOf` (both are unions in Rust: a value is one of them).
    pub one_of: Vec<SchemaRef<'a>>,
    /// How many of `one_of` come from `oneOf` (the rest from `anyOf`), for error locations.
    pub one_of_count: usize,
    /// `not`: what a value is not, which no Rust type expresses; free-form JSON.
    pub not: bool,
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
            one_of: Vec::new(),
            one_of_count: 0,
            not: false,
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
            SchemaKind::OneOf { one_of } => {
                view.one_of = one_of.iter().map(Into::into).collect();
                view.one_of_count = one_of.len();
            }
            SchemaKind::AnyOf { any_of } => view.one_of = any_of.iter().map(Into::into).collect(),
            SchemaKind::Not { .. } => view.not = true,
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
                view.one_of = a.one_of.iter().chain(&a.any_of).map(Into::into).collect();
                view.one_of_count = a.one_of.len();
                view.not = a.not.is_some();
            }
        }
        view
    }

    /// Has the shape of a struct: named properties or inheritance.
    pub fn is_struct(&self) -> bool {
        !self.properties.is_empty() || (!self.all_of.is_empty() && self.wrapped_ref().is_none())
    }

    /// `allOf: [{$ref}]` and nothing else that shapes a value (a description or `nullable`
    /// beside it often is): the schema is that type. A schema that names its discriminator
    /// value is a variant of its parent, not the parent.
    pub fn wrapped_ref(&self) -> Option<&'a str> {
        match self.all_of.as_slice() {
            [SchemaRef::Ref(r)]
                if self.properties.is_empty()
                    && self.additional.is_none()
                    && self.one_of.is_empty()
                    && !self
                        .data
                        .extensions
                        .contains_key("x-ms-discriminator-value") =>
            {
                Some(r)
            }
            _ => None,
        }
    }

    /// A `oneOf`/`anyOf` with two or more members besides `null`: a union type.
    pub fn is_union(&self) -> bool {
        !self.is_struct() && self.one_of.iter().filter(|m| !m.is_null()).count() > 1
    }

    /// An `enum` whose only value is `null`.
    pub fn is_null_enum(&self) -> bool {
        !self.enumeration.is_empty() && self.enumeration.iter().all(Value::is_null)
    }

    /// `null` is a value: `nullable: true`, or a `oneOf`/`anyOf` with a `type: null` member.
    pub fn nullable(&self) -> bool {
        self.data.nullable || self.one_of.iter().any(|m| m.is_null())
    }

    /// A date with an `enum` (the test server's one-value "min date") is not one: the format
    /// says the type, and the values are examples a Rust enum of strings could not parse.
    /// Nor is an `enum: [null]` (drf-spectacular's `NullEnum`): it allows only `null`.
    pub fn is_string_enum(&self) -> bool {
        !self.enumeration.is_empty()
            && !self.is_null_enum()
            && !super::types::is_date_format(self)
            && matches!(self.typ, Some("string") | None)
            && self
                .enumeration
                .iter()
                .all(|v| v.is_string() || v.is_null())
    }
}
