//! What the [`Model`](crate::Model) and [`StringEnum`](crate::StringEnum) derives expand to
//! call: the one generic deserialisation driver, the key type and the field codecs. Generated
//! crates hold hundreds of models; keeping the per-type code to a `match` and the loop here,
//! type-checked once, is what makes them fast to compile.
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
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Serialize, Serializer};

#[doc(hidden)]
pub use serde;

/// A struct whose fields are all optional, built up key by key from an all-`None` start.
pub trait Object: Sized {
    /// The value with every field `None`.
    fn empty() -> Self;
    /// Reads the value of `key` from `map` into its field; `false` when no field has that name
    /// (the value is then skipped).
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// Deserialises an [`Object`] from a map, ignoring properties it does not name.
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(&'static str, PhantomData<T>);
    impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::empty();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if !out.field(key.as_str(), &mut map)? {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(expecting, PhantomData))
}

/// A property name or string value, borrowed from the input when it can be.
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

/// A required date-time field: [`date_time`](crate::date_time) on the wire.
pub struct DateTime(pub time::OffsetDateTime);

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::date_time::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::date_time::deserialize(d).map(DateTime)
    }
}

/// An optional date-time field: `null` and `""` are `None`.
pub struct OptionalDateTime(pub Option<time::OffsetDateTime>);

impl<'de> Deserialize<'de> for OptionalDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::date_time::option::deserialize(d).map(OptionalDateTime)
    }
}

/// A required date field: [`date`](crate::date) on the wire.
pub struct Date(pub time::Date);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::date::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::date::deserialize(d).map(Date)
    }
}

/// An optional date field: `null` and `""` are `None`.
pub struct OptionalDate(pub Option<time::Date>);

impl<'de> Deserialize<'de> for OptionalDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::date::option::deserialize(d).map(OptionalDate)
    }
}

/// A string-keyed map whose `null` values are dropped: services send them where the spec
/// does not allow them.
pub struct LenientMap<T>(pub BTreeMap<String, T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for LenientMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, Option<T>>::deserialize(d)?;
        Ok(LenientMap(
            raw.into_iter().filter_map(|(k, v)| Some((k, v?))).collect(),
        ))
    }
}
