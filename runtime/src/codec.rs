//! Formatted values on the wire: a [`Codec`] says how one Rust value is written and read
//! (bytes as base64, a date-time as RFC 1123, …), and `Vec`, `Option` and string-keyed maps of
//! codecs are codecs of `Vec`s, `Option`s and maps of those values, nested as deep as the
//! schema is. The codec's type mirrors the value's shape: `Vec<Option<Base64>>` reads and
//! writes a `Vec<Option<Vec<u8>>>`.
//!
//! Generated code names the codec where the value crosses the wire: a model field's
//! `#[wire(codec = …)]`, a body or parameter wrapped in [`Coded`], a response decoded through
//! [`Coded`]. Values whose type has serde impls of the right form (`uuid::Uuid`,
//! [`Duration`](crate::Duration)) need none.
//!
//! ```
//! use std::collections::BTreeMap;
//! use apigen_runtime::wire::{Base64, Coded, DateTime};
//!
//! let read: Coded<Vec<Base64>, Vec<Vec<u8>>> = serde_json::from_str(r#"["AQID", "/w=="]"#).unwrap();
//! assert_eq!(read.0, [vec![1, 2, 3], vec![255]]);
//! assert_eq!(serde_json::to_string(&read).unwrap(), r#"["AQID","/w=="]"#);
//!
//! // Maps and options lift a codec the same way.
//! let t: Coded<BTreeMap<String, Option<DateTime>>, _> =
//!     serde_json::from_str(r#"{"a": "2024-05-01t10:00:00z", "b": null}"#).unwrap();
//! assert_eq!(t.0["a"], Some(time::macros::datetime!(2024-05-01 10:00 UTC)));
//! assert_eq!(t.0["b"], None);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::response::{Decode, RawResponse};
use crate::wire::{Date, DateTime, Rfc1123};

/// How a value of type `T` is written to and read from the wire. Implemented by marker types
/// (never constructed for it): the formats here, and `Vec`, `Option` and `BTreeMap<String, _>`
/// of codecs.
pub trait Codec<T> {
    /// Writes `value`.
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// A value of type `T` put on the wire by the codec `C`: serialises and deserialises as `C`
/// says. Bodies and parameters are wrapped in it; a response decodes through it.
///
/// ```
/// use apigen_runtime::wire::{Base64Url, Coded};
/// let v = Coded::<Base64Url, _>::new(b"a string".to_vec());
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#""YSBzdHJpbmc""#);
/// ```
pub struct Coded<C, T>(pub T, PhantomData<fn() -> C>);

impl<C, T> Coded<C, T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Coded(value, PhantomData)
    }
}

impl<C: Codec<T>, T> Serialize for Coded<C, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::encode(&self.0, serializer)
    }
}

impl<'de, C: Codec<T>, T> Deserialize<'de> for Coded<C, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::decode(deserializer).map(Coded::new)
    }
}

/// A response body decoded through the codec: `call::<_, Coded<Vec<Base64>, _>>()`.
impl<C: Codec<T>, T> Decode<T> for Coded<C, T> {
    fn decode(response: &RawResponse) -> crate::Result<T> {
        response.json::<Coded<C, T>>().map(|c| c.0)
    }
}

/// A borrowed value written by the codec `C`: what a model field hands to the writer.
///
/// ```
/// use apigen_runtime::wire::{Base64, Encode};
/// let bytes = vec![1, 2, 3];
/// assert_eq!(serde_json::to_string(&Encode::<Base64, _>::new(&bytes)).unwrap(), r#""AQID""#);
/// ```
pub struct Encode<'a, C, T>(&'a T, PhantomData<fn() -> C>);

impl<'a, C, T> Encode<'a, C, T> {
    /// Borrows `value`.
    pub fn new(value: &'a T) -> Self {
        Encode(value, PhantomData)
    }
}

impl<C: Codec<T>, T> Serialize for Encode<'_, C, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::encode(self.0, serializer)
    }
}

impl<T, C: Codec<T>> Codec<Vec<T>> for Vec<C> {
    fn encode<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Encode::<C, T>::new))
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        struct Items<C, T>(PhantomData<fn() -> (C, T)>);
        impl<'de, C: Codec<T>, T> Visitor<'de> for Items<C, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                // No `size_hint` preallocation: the hint comes from the input.
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Coded<C, T>>()? {
                    out.push(item.0);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Items::<C, T>(PhantomData))
    }
}

impl<T, C: Codec<T>> Codec<Option<T>> for Option<C> {
    fn encode<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_some(&Encode::<C, T>::new(v)),
            None => serializer.serialize_none(),
        }
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Option::<Coded<C, T>>::deserialize(deserializer).map(|v| v.map(|c| c.0))
    }
}

impl<T, C: Codec<T>> Codec<BTreeMap<String, T>> for BTreeMap<String, C> {
    fn encode<S: Serializer>(
        value: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (k, Encode::<C, T>::new(v))))
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error> {
        struct Entries<C, T>(PhantomData<fn() -> (C, T)>);
        impl<'de, C: Codec<T>, T> Visitor<'de> for Entries<C, T> {
            type Value = BTreeMap<String, T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<BTreeMap<String, T>, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Coded<C, T>>()? {
                    out.insert(k, v.0);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Entries::<C, T>(PhantomData))
    }
}

/// Reads a string and converts it with `parse`, whose error message becomes the serde error.
fn parse_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(deserializer)?;
    parse(&s).map_err(serde::de::Error::custom)
}

/// `format: byte`: bytes as standard base64 text, written padded, read with or without
/// padding.
///
/// ```
/// use apigen_runtime::wire::{Base64, Coded};
/// let bad = serde_json::from_str::<Coded<Base64, Vec<u8>>>(r#""::::SWAGGER::::""#);
/// assert!(bad.is_err_and(|e| e.to_string().contains("invalid base64")));
/// ```
pub struct Base64;

/// `format: base64url`: bytes as URL-safe base64 text, written without padding, read with or
/// without it.
///
/// ```
/// use apigen_runtime::wire::{Base64Url, Coded};
/// let v: Coded<Base64Url, Vec<u8>> = serde_json::from_str(r#""_-8""#).unwrap();
/// assert_eq!(v.0, [255, 239]);
/// ```
pub struct Base64Url;

const LENIENT_PADDING: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, LENIENT_PADDING);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    LENIENT_PADDING.with_encode_padding(false),
);

/// Base64 `text` decoded with `engine`; the error names the text.
fn decode_base64(engine: &GeneralPurpose, what: &str, text: &str) -> Result<Vec<u8>, String> {
    engine
        .decode(text.trim())
        .map_err(|e| format!("invalid {what} `{text}`: {e}"))
}

impl Base64 {
    /// The bytes as padded standard base64 text.
    ///
    /// ```
    /// assert_eq!(apigen_runtime::wire::Base64::text(&[255, 254]), "//4=");
    /// ```
    pub fn text(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    /// Bytes from standard base64 text, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        decode_base64(&STANDARD, "base64", text)
    }
}

impl Base64Url {
    /// The bytes as unpadded URL-safe base64 text.
    ///
    /// ```
    /// assert_eq!(apigen_runtime::wire::Base64Url::text(&[255, 254]), "__4");
    /// ```
    pub fn text(bytes: &[u8]) -> String {
        URL_SAFE.encode(bytes)
    }

    /// Bytes from URL-safe base64 text, padded or not.
    pub fn parse(text: &str) -> Result<Vec<u8>, String> {
        decode_base64(&URL_SAFE, "base64url", text)
    }
}

impl Codec<Vec<u8>> for Base64 {
    fn encode<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Base64::text(value))
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        parse_str(deserializer, Base64::parse)
    }
}

impl Codec<Vec<u8>> for Base64Url {
    fn encode<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Base64Url::text(value))
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        parse_str(deserializer, Base64Url::parse)
    }
}

/// The date newtypes are codecs of the value they hold, through their own serde impls.
macro_rules! newtype_codec {
    ($($codec:ident($ty:ty)),*) => {$(
        impl Codec<$ty> for $codec {
            fn encode<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                $codec(*value).serialize(serializer)
            }

            fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                $codec::deserialize(deserializer).map(|v| v.0)
            }
        }
    )*};
}

newtype_codec!(
    DateTime(time::OffsetDateTime),
    Date(time::Date),
    Rfc1123(time::OffsetDateTime)
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_item_is_named_by_its_path() {
        let json = r#"{"a": ["2011-03-22", "date"]}"#;
        let de = &mut serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, Coded<BTreeMap<String, Vec<Date>>, _>>(de)
            .map(|c| c.0)
            .unwrap_err();
        assert_eq!(err.path().to_string(), "a[1]");
        assert!(
            err.inner().to_string().contains("invalid date `date`"),
            "{err}"
        );
    }

    #[test]
    fn nested_collections_round_trip() {
        let json = r#"[{"x":["AQID",null]},{}]"#;
        let v: Vec<BTreeMap<String, Vec<Option<Vec<u8>>>>> =
            serde_json::from_str::<Coded<Vec<BTreeMap<String, Vec<Option<Base64>>>>, _>>(json)
                .unwrap()
                .0;
        assert_eq!(v[0]["x"], [Some(vec![1, 2, 3]), None]);
        let back =
            serde_json::to_string(&Coded::<Vec<BTreeMap<String, Vec<Option<Base64>>>>, _>::new(v))
                .unwrap();
        assert_eq!(back, json);
    }

    #[test]
    fn base64_is_strict_about_the_alphabet() {
        assert_eq!(Base64::parse("//79/A==").unwrap(), [255, 254, 253, 252]);
        assert_eq!(Base64::parse("//79/A").unwrap(), [255, 254, 253, 252]);
        assert!(
            Base64::parse("__79_A").is_err(),
            "URL-safe text is not standard base64"
        );
        assert!(Base64Url::parse("//79/A").is_err());
        assert_eq!(Base64::parse("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn rfc1123_items_are_written_as_http_dates() {
        let t = vec![time::macros::datetime!(1492-10-12 10:15:01 UTC)];
        let json = serde_json::to_string(&Coded::<Vec<Rfc1123>, _>::new(t)).unwrap();
        assert_eq!(json, r#"["Wed, 12 Oct 1492 10:15:01 GMT"]"#);
    }
}
