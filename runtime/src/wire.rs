//! What the [`Model`](crate::Model), [`StringEnum`](crate::StringEnum) and
//! [`Union`](crate::Union) derives expand to call: the one generic deserialisation driver, the
//! key type, the field codecs and the union helpers. Generated crates hold hundreds of models;
//! keeping the per-type code to a `match` and the loop here, type-checked once, is what makes
//! them fast to compile.
//!
//! ```
//! use apigen_runtime::{Model, StringEnum};
//!
//! #[derive(Debug, PartialEq, Model)]
//! struct Sku {
//!     name: SkuType,                     // required: "name"
//!     #[wire(rename = "capacity")]
//!     units: Option<i32>,                // optional: absent, null or a number
//!     #[wire(date_time)]
//!     created_at: Option<time::OffsetDateTime>, // "createdAt", tolerant date-time
//! }
//!
//! #[derive(Debug, PartialEq, StringEnum)]
//! enum SkuType {
//!     Developer,
//!     #[wire(rename = "basicv2")]
//!     BasicV2,
//!     Other(String), // any other value, kept as sent
//! }
//!
//! let sku: Sku = serde_json::from_str(r#"{"name":"Premium","capacity":null,"createdAt":"2024-05-01T10:00:00"}"#).unwrap();
//! assert_eq!(sku.name, SkuType::Other("Premium".into()));
//! assert_eq!(sku.units, None);
//! assert_eq!(
//!     serde_json::to_string(&sku).unwrap(),
//!     r#"{"name":"Premium","createdAt":"2024-05-01T10:00:00Z"}"#
//! );
//! assert_eq!(SkuType::BasicV2.as_str(), "basicv2");
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

pub use crate::codec::{Base64, Base64Url, Codec, Coded, Encode};
pub use crate::fields::{
    deserialize_fields, read_value, request_body, serialize_fields, value, FieldError, FieldWriter,
    ReadFields, ValueDeserializer, WriteFields,
};
pub use crate::style::{JsonText, Style};

#[doc(hidden)]
pub use serde;
#[doc(hidden)]
pub use serde_json;

/// The discriminator of a polymorphic value: the string property `tag`, if there is one.
///
/// ```
/// let value = serde_json::json!({"kind": "circle", "radius": 1});
/// assert_eq!(apigen_runtime::wire::tag_of(&value, "kind"), Some("circle"));
/// assert_eq!(apigen_runtime::wire::tag_of(&value, "type"), None);
/// ```
pub fn tag_of<'v>(value: &'v serde_json::Value, tag: &str) -> Option<&'v str> {
    value.get(tag)?.as_str()
}

/// One variant of a polymorphic value: the object without its tag, read as the variant's
/// struct (as serde's internally tagged enums do).
///
/// ```
/// use apigen_runtime::wire::deserialize_variant;
/// let value = serde_json::json!({"kind": "circle", "radius": 1});
/// let circle: serde_json::Map<String, serde_json::Value> =
///     deserialize_variant::<_, serde_json::Error>(value, "kind").unwrap();
/// assert_eq!(serde_json::Value::Object(circle), serde_json::json!({"radius": 1}));
/// ```
pub fn deserialize_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    mut value: serde_json::Value,
    tag: &str,
) -> Result<T, E> {
    if let serde_json::Value::Object(object) = &mut value {
        object.remove(tag);
    }
    T::deserialize(value).map_err(E::custom)
}

/// A variant whose struct reads the tag property itself (`#[wire(keep_tag)]`): the whole
/// object, read as the variant's type.
///
/// ```
/// use apigen_runtime::wire::deserialize_value;
/// let value = serde_json::json!({"kind": "circle", "radius": 1});
/// let circle: serde_json::Value = deserialize_value::<_, serde_json::Error>(value.clone()).unwrap();
/// assert_eq!(circle, value);
/// ```
pub fn deserialize_value<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    T::deserialize(value).map_err(E::custom)
}

/// A variant of an untagged union that takes `value` without losing anything: it reads it and
/// writes it back exactly as read.
///
/// ```
/// use apigen_runtime::wire::exact_variant;
/// let one = serde_json::json!(1);
/// assert_eq!(exact_variant::<i64>(&one), Some(1));
/// // 1 read as a float is written back as 1.0: not exact.
/// assert_eq!(exact_variant::<f64>(&one), None);
/// ```
pub fn exact_variant<T: serde::de::DeserializeOwned + Serialize>(
    value: &serde_json::Value,
) -> Option<T> {
    let read = T::deserialize(value).ok()?;
    (serde_json::to_value(&read).ok()? == *value).then_some(read)
}

/// A variant of an untagged union that reads `value` at all (when no variant takes it
/// exactly: a date-time written another way, an optional property sent as `null`).
///
/// ```
/// use apigen_runtime::wire::loose_variant;
/// assert_eq!(loose_variant::<f64>(&serde_json::json!(1)), Some(1.0));
/// assert_eq!(loose_variant::<f64>(&serde_json::json!("1")), None);
/// ```
pub fn loose_variant<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The error for a value no variant of an untagged union takes (one without an `other`
/// variant).
///
/// ```
/// let e: serde_json::Error = apigen_runtime::wire::no_variant(&serde_json::json!(true), "a string or a number");
/// assert_eq!(e.to_string(), "invalid value: `true`, expected a string or a number");
/// ```
pub fn no_variant<E: serde::de::Error>(value: &serde_json::Value, expecting: &str) -> E {
    E::invalid_value(
        serde::de::Unexpected::Other(&format!("`{value}`")),
        &expecting,
    )
}

/// The error for a polymorphic value no variant takes: not an object, no tag, or a tag the
/// union does not know (and it keeps no unknown kinds).
///
/// ```
/// use apigen_runtime::wire::not_a_variant;
/// let e: serde_json::Error = not_a_variant(&serde_json::json!({"kind": "hexagon"}), "kind", &["circle"]);
/// assert_eq!(e.to_string(), "unknown variant `hexagon`, expected `circle`");
/// let e: serde_json::Error = not_a_variant(&serde_json::json!({}), "kind", &["circle"]);
/// assert_eq!(e.to_string(), "missing field `kind`");
/// let e: serde_json::Error = not_a_variant(&serde_json::json!(null), "kind", &["circle"]);
/// assert_eq!(e.to_string(), "invalid type: null, expected an object with a `kind` property");
/// ```
pub fn not_a_variant<E: serde::de::Error>(
    value: &serde_json::Value,
    tag: &str,
    known: &'static [&'static str],
) -> E {
    use serde::de::Unexpected;
    let unexpected = match value {
        serde_json::Value::Object(_) => {
            return match tag_of(value, tag) {
                Some(other) => E::unknown_variant(other, known),
                None => E::custom(format_args!("missing field `{tag}`")),
            }
        }
        serde_json::Value::Null => Unexpected::Unit,
        serde_json::Value::Bool(b) => Unexpected::Bool(*b),
        serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        serde_json::Value::String(s) => Unexpected::Str(s),
        serde_json::Value::Array(_) => Unexpected::Seq,
    };
    E::invalid_type(
        unexpected,
        &format!("an object with a `{tag}` property").as_str(),
    )
}

/// Writes one variant of a polymorphic value: its properties plus `tag: value`.
///
/// ```
/// use apigen_runtime::wire::serialize_variant;
/// let circle = serde_json::json!({"radius": 1});
/// let mut out = Vec::new();
/// serialize_variant(&mut serde_json::Serializer::new(&mut out), "kind", "circle", &circle).unwrap();
/// let written: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(written, serde_json::json!({"kind": "circle", "radius": 1}));
/// ```
pub fn serialize_variant<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    variant: &T,
) -> Result<S::Ok, S::Error> {
    let mut object = match serde_json::to_value(variant).map_err(serde::ser::Error::custom)? {
        serde_json::Value::Object(object) => object,
        other => {
            return Err(serde::ser::Error::custom(format!(
                "a `{tag}: {value}` variant must be an object, not {other}"
            )))
        }
    };
    object.insert(
        tag.to_string(),
        serde_json::Value::String(value.to_string()),
    );
    object.serialize(serializer)
}

/// A property name or string value, borrowed from the input when it can be.
///
/// ```
/// use apigen_runtime::wire::Key;
/// let key: Key = serde_json::from_str(r#""name""#).unwrap();
/// assert!(matches!(key, Key::Borrowed("name")));
/// let escaped: Key = serde_json::from_str(r#""na\u006de""#).unwrap();
/// assert_eq!(escaped.into_string(), "name");
/// ```
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Unescaped or otherwise copied.
    Owned(String),
}

impl Key<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A newtype that puts a `time` value on the wire through one of the runtime's date modules:
/// `required` ones are written and read with `$module`, optional ones read with
/// `$module::option` (`null` and `""` are `None`).
macro_rules! date_codec {
    ($(#[$doc:meta])* required $name:ident($ty:ty) via $module:path) => {
        $(#[$doc])*
        pub struct $name(pub $ty);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use $module as module;
                module::serialize(&self.0, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use $module as module;
                module::deserialize(d).map($name)
            }
        }
    };
    ($(#[$doc:meta])* optional $name:ident($ty:ty) via $module:path) => {
        $(#[$doc])*
        pub struct $name(pub Option<$ty>);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use $module as module;
                module::option::deserialize(d).map($name)
            }
        }
    };
}

date_codec! {
    /// A required date-time field: [`date_time`](crate::date_time) on the wire.
    ///
    /// ```
    /// use apigen_runtime::wire::DateTime;
    /// let t: DateTime = serde_json::from_str(r#""2024-05-01 10:00:00""#).unwrap();
    /// assert_eq!(serde_json::to_string(&t).unwrap(), r#""2024-05-01T10:00:00Z""#);
    /// ```
    required DateTime(time::OffsetDateTime) via crate::date_time
}

date_codec! {
    /// An optional date-time field: `null` and `""` are `None`.
    ///
    /// ```
    /// use apigen_runtime::wire::OptionalDateTime;
    /// let t: OptionalDateTime = serde_json::from_str(r#""""#).unwrap();
    /// assert_eq!(t.0, None);
    /// ```
    optional OptionalDateTime(time::OffsetDateTime) via crate::date_time
}

date_codec! {
    /// A required date field: [`date`](crate::date) on the wire.
    ///
    /// ```
    /// use apigen_runtime::wire::Date;
    /// let d: Date = serde_json::from_str(r#""2024-05-01""#).unwrap();
    /// assert_eq!(serde_json::to_string(&d).unwrap(), r#""2024-05-01""#);
    /// ```
    required Date(time::Date) via crate::date
}

date_codec! {
    /// An optional date field: `null` and `""` are `None`.
    ///
    /// ```
    /// use apigen_runtime::wire::OptionalDate;
    /// let d: OptionalDate = serde_json::from_str("null").unwrap();
    /// assert_eq!(d.0, None);
    /// ```
    optional OptionalDate(time::Date) via crate::date
}

/// A date-time in RFC 1123 form (`format: date-time-rfc1123`), as parameters such as
/// `If-Modified-Since` want it; read tolerantly.
///
/// ```
/// use apigen_runtime::wire::Rfc1123;
/// let t = Rfc1123(time::macros::datetime!(2017-06-12 00:00:00 UTC));
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#""Mon, 12 Jun 2017 00:00:00 GMT""#);
/// ```
pub struct Rfc1123(pub time::OffsetDateTime);

impl Serialize for Rfc1123 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::date_time::format_rfc1123(&self.0))
    }
}

impl<'de> Deserialize<'de> for Rfc1123 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::date_time::deserialize(d).map(Rfc1123)
    }
}

/// A sequence parameter written as one value with `separator` between its items: Swagger
/// `collectionFormat` `ssv` (`" "`), `tsv` (`"\t"`), `pipes` (`"|"`), or `csv` (`","`) in a
/// path. Items are written as in a query (strings as is, enums by their wire value).
///
/// ```
/// use apigen_runtime::wire::Delimited;
/// let v = Delimited(vec!["a b", "c"], "|");
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#""a b|c""#);
/// assert_eq!(serde_json::to_string(&Delimited(Some(vec![1, 2]), " ")).unwrap(), r#""1 2""#);
/// assert_eq!(serde_json::to_string(&Delimited(None::<Vec<i32>>, " ")).unwrap(), "null");
/// ```
pub struct Delimited<T>(pub T, pub &'static str);

impl<T: Serialize> Serialize for Delimited<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)? {
            serde_json::Value::Array(items) => {
                s.serialize_str(&crate::util::scalars(&items).join(self.1))
            }
            other => other.serialize(s),
        }
    }
}

/// A parameter value as it goes into a URL path: a string as is, an enum by its wire value, a
/// number or boolean as JSON text, a sequence comma-separated (`None` is empty).
///
/// ```
/// use apigen_runtime::wire::path_text;
/// assert_eq!(path_text(&42), "42");
/// assert_eq!(path_text(&vec!["a", "b"]), "a,b");
/// ```
pub fn path_text(value: &impl Serialize) -> String {
    crate::util::param_string(value)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A string-keyed map whose `null` values are dropped: services send them where the spec
/// does not allow them.
///
/// ```
/// use apigen_runtime::wire::LenientMap;
/// let m: LenientMap<i32> = serde_json::from_str(r#"{"a":1,"b":null}"#).unwrap();
/// assert_eq!(m.0.len(), 1);
/// ```
pub struct LenientMap<T>(pub BTreeMap<String, T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for LenientMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, Option<T>>::deserialize(d)?;
        Ok(LenientMap(
            raw.into_iter().filter_map(|(k, v)| Some((k, v?))).collect(),
        ))
    }
}
