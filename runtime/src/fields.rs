//! How a [`Model`](crate::Model) struct is written and read: the derive writes one non-generic
//! [`WriteFields::write_fields`] that hands each property to a [`FieldWriter`] and, for a
//! struct of optional fields, one non-generic [`ReadFields::read_field`]; the drivers generic
//! over the serializer or deserializer, [`serialize_fields`] and [`deserialize_fields`], are
//! written (and type-checked) once here.
//!
//! Impls generic over the serializer or map, with a `?` per field on their associated types,
//! were most of a generated crate's `cargo check`; a plain call per field on concrete types is
//! far cheaper for rustc. Values cross as `erased_serde` trait objects: one dynamic call per
//! property. Errors keep their message and position.
//!
//! ```
//! use apigen_runtime::wire::{serialize_fields, FieldWriter, WriteFields};
//! struct Tag { name: String, value: Option<String> }
//! impl WriteFields for Tag {
//!     fn write_fields(&self, w: &mut FieldWriter<'_>) {
//!         w.put("name", &self.name);
//!         w.optional("value", &self.value);
//!     }
//! }
//! impl serde::Serialize for Tag {
//!     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         serialize_fields(self, serializer)
//!     }
//! }
//! let tag = Tag { name: "env".into(), value: None };
//! assert_eq!(serde_json::to_string(&tag).unwrap(), r#"{"name":"env"}"#);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap as _;
use serde::{Serialize, Serializer};

use crate::wire::Key;

/// The deserializer of one property's value, as a trait object.
pub type ValueDeserializer<'a, 'de> = &'a mut dyn erased_serde::Deserializer<'de>;

/// The error of reading through a [`ValueDeserializer`].
pub type FieldError = erased_serde::Error;

/// A struct written as a JSON object, one property at a time.
pub trait WriteFields {
    /// Hands each property to be written, in order, to `w`.
    fn write_fields(&self, w: &mut FieldWriter<'_>);
}

/// Where [`WriteFields::write_fields`] puts properties: the map being serialised.
pub struct FieldWriter<'a> {
    entry: &'a mut dyn FnMut(&str, &dyn erased_serde::Serialize),
    keep_read_only: bool,
}

std::thread_local! {
    static OMIT_READ_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` (which serialises a request body) with the models' read-only properties left
/// out: they are what the service sets (`readOnly: true`), so a request that sends back a
/// fetched model must not carry them. Everywhere else (`serde_json::to_string` of a model, a
/// cache, a comparison with a response) a model writes all it holds. The runtime calls this
/// for every body it serialises (JSON, form, multipart fields, XML).
///
/// ```
/// use apigen_runtime::{wire::request_body, Model};
/// #[derive(Default, Model)]
/// struct Resource { #[wire(read_only)] id: Option<String>, size: Option<i32> }
/// let r = Resource { id: Some("1234".into()), size: Some(2) };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"id":"1234","size":2}"#);
/// let sent = request_body(|| serde_json::to_string(&r)).unwrap();
/// assert_eq!(sent, r#"{"size":2}"#);
/// ```
pub fn request_body<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            OMIT_READ_ONLY.with(|k| k.set(self.0));
        }
    }
    let _restore = Restore(OMIT_READ_ONLY.with(|k| k.replace(true)));
    f()
}

impl FieldWriter<'_> {
    /// Whether read-only properties are written: always but inside [`request_body`].
    pub fn keeps_read_only(&self) -> bool {
        self.keep_read_only
    }

    /// Writes `key: value`.
    pub fn put<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        (self.entry)(key, &value);
    }

    /// Writes `key: value` when `value` is `Some`; `None` leaves the property out.
    pub fn optional<T: Serialize>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            (self.entry)(key, value);
        }
    }
}

/// Serialises `value` as a map of the properties its [`WriteFields`] writes. The first error
/// the serializer reports is returned; later properties are not written.
pub fn serialize_fields<T: WriteFields + ?Sized, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let mut error = None;
    value.write_fields(&mut FieldWriter {
        entry: &mut |key, value| {
            if error.is_none() {
                error = map.serialize_entry(key, value).err();
            }
        },
        keep_read_only: !OMIT_READ_ONLY.with(std::cell::Cell::get),
    });
    match error {
        Some(e) => Err(e),
        None => map.end(),
    }
}

/// A struct whose fields are all optional, read key by key starting from its `Default`
/// (all `None`).
///
/// ```
/// use apigen_runtime::wire::{deserialize_fields, read_value, FieldError, ReadFields, ValueDeserializer};
/// #[derive(Default)]
/// struct Tag { value: Option<String> }
/// impl ReadFields for Tag {
///     fn read_field(&mut self, key: &str, value: ValueDeserializer<'_, '_>) -> Result<bool, FieldError> {
///         match key {
///             "value" => read_value(value, &mut self.value),
///             _ => Ok(false),
///         }
///     }
/// }
/// let mut de = serde_json::Deserializer::from_str(r#"{"value":"v","other":[1]}"#);
/// let tag: Tag = deserialize_fields(&mut de, "struct Tag").unwrap();
/// assert_eq!(tag.value.as_deref(), Some("v"));
/// ```
pub trait ReadFields: Default {
    /// Reads the value of `key` into its field; `false` when no field has that name (the value
    /// is then skipped).
    fn read_field(
        &mut self,
        key: &str,
        value: ValueDeserializer<'_, '_>,
    ) -> Result<bool, FieldError>;
}

/// Reads a property's value into `slot`: a plain field of a [`ReadFields`] struct, as one call.
pub fn read_value<T: DeserializeOwned>(
    value: ValueDeserializer<'_, '_>,
    slot: &mut T,
) -> Result<bool, FieldError> {
    *slot = erased_serde::deserialize(value)?;
    Ok(true)
}

/// Reads a property's value as `T` (a codec such as [`DateTime`](crate::wire::DateTime)).
pub fn value<T: DeserializeOwned>(value: ValueDeserializer<'_, '_>) -> Result<T, FieldError> {
    erased_serde::deserialize(value)
}

/// Deserialises a [`ReadFields`] struct from a map, ignoring properties it does not name.
pub fn deserialize_fields<'de, T: ReadFields, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(FieldsVisitor(expecting, PhantomData))
}

struct FieldsVisitor<T>(&'static str, PhantomData<T>);

impl<'de, T: ReadFields> Visitor<'de> for FieldsVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            map.next_value_seed(FieldSeed {
                out: &mut out,
                key: key.as_str(),
            })?;
        }
        Ok(out)
    }
}

/// Reads one property's value into the field `key` names, or skips it.
struct FieldSeed<'a, T> {
    out: &'a mut T,
    key: &'a str,
}

impl<'de, T: ReadFields> DeserializeSeed<'de> for FieldSeed<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
        let read = match self.out.read_field(self.key, &mut erased) {
            Ok(true) => Ok(()),
            Ok(false) => erased_serde::deserialize::<IgnoredAny>(&mut erased).map(drop),
            Err(e) => Err(e),
        };
        // The message keeps the inner error's position, which serde_json reads back.
        read.map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Failing;
    impl Serialize for Failing {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot write this"))
        }
    }

    struct Two;
    impl WriteFields for Two {
        fn write_fields(&self, w: &mut FieldWriter<'_>) {
            w.put("bad", &Failing);
            w.put("after", &1);
        }
    }
    impl Serialize for Two {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_fields(self, serializer)
        }
    }

    #[derive(Default, Debug)]
    struct Counts {
        count: Option<i32>,
    }
    impl ReadFields for Counts {
        fn read_field(
            &mut self,
            key: &str,
            value: ValueDeserializer<'_, '_>,
        ) -> Result<bool, FieldError> {
            match key {
                "count" => read_value(value, &mut self.count),
                _ => Ok(false),
            }
        }
    }
    impl<'de> serde::Deserialize<'de> for Counts {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            // Named as serde names `SerdeCounts`, so that the messages compare.
            deserialize_fields(deserializer, "struct SerdeCounts")
        }
    }

    /// What serde's own derive says for the same struct.
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct SerdeCounts {
        count: Option<i32>,
    }

    #[test]
    fn a_read_error_is_the_one_serde_gives() {
        for json in [
            r#"{"other": {"a": [1]}, "count": "x"}"#,
            r#""text""#,
            r#"{"count": 1"#,
            r#"{"count": 3000000000}"#,
        ] {
            let ours = serde_json::from_str::<Counts>(json)
                .map(|c| c.count)
                .map_err(|e| (e.to_string(), e.line(), e.column()));
            let serde = serde_json::from_str::<SerdeCounts>(json)
                .map(|c| c.count)
                .map_err(|e| (e.to_string(), e.line(), e.column()));
            assert_eq!(ours, serde, "{json}");
            assert!(ours.is_err(), "{json}");
        }
        assert_eq!(
            serde_json::from_str::<Counts>(r#"{"count": 7, "x": null}"#)
                .unwrap()
                .count,
            Some(7)
        );
    }

    #[test]
    fn the_path_of_a_read_error_is_kept() {
        let json = r#"{"outer": {"count": true}}"#;
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            outer: Counts,
        }
        let de = &mut serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, Outer>(de).unwrap_err();
        assert_eq!(err.path().to_string(), "outer.count");
    }

    #[test]
    fn the_first_error_is_returned() {
        let err = serde_json::to_string(&Two).unwrap_err();
        assert_eq!(err.to_string(), "cannot write this");
    }
}
