//! The shape of a serialised parameter or body value, with an object's properties in the
//! order its type writes them: `serde_json::Value` sorts them, and a parameter style or a form
//! body must send them as declared.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

use crate::error::{Error, Result};

/// A value as styles and form bodies see it.
#[derive(Debug, PartialEq)]
pub(crate) enum Shape {
    /// `null` / `None`.
    Null,
    /// A string as is; a number or boolean as JSON text.
    Scalar(String),
    /// A sequence.
    Array(Vec<serde_json::Value>),
    /// An object or map, properties in written order.
    Object(Vec<(String, serde_json::Value)>),
}

impl Shape {
    /// The shape of `value`; `what` names it in the error.
    pub(crate) fn of(value: &impl Serialize, what: &str) -> Result<Shape> {
        let fail =
            |e: serde_json::Error| Error::InvalidRequest(format!("cannot serialise {what}: {e}"));
        let text = serde_json::to_string(value).map_err(fail)?;
        let mut de = serde_json::Deserializer::from_str(&text);
        Shape::deserialize(&mut de).map_err(fail)
    }
}

/// A JSON value as one piece of text: a string as is, `null` empty, anything else JSON.
pub(crate) fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Shape, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> std::result::Result<Shape, E> {
                Ok(Shape::Null)
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(serde_json::Value::from(v).to_string()))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Shape, E> {
                Ok(Shape::Scalar(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Shape, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Shape::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Shape, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Shape::Object(entries))
            }
        }
        d.deserialize_any(ShapeVisitor)
    }
}
