//! serde `with` module for `format: date` fields (`time::Date`, `YYYY-MM-DD`).
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct M {
//!     #[serde(with = "apigen_runtime::date")]
//!     day: time::Date,
//!     #[serde(default, with = "apigen_runtime::date::option")]
//!     other: Option<time::Date>,
//! }
//! let m: M = serde_json::from_str(r#"{"day":"2024-05-01"}"#).unwrap();
//! assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"day":"2024-05-01","other":null}"#);
//! ```

use serde::{de, Deserialize, Deserializer, Serializer};
use time::Date;

/// Parse `YYYY-MM-DD` (a trailing time part, as some services send, is ignored).
///
/// ```
/// assert!(apigen_runtime::date::parse("2024-02-30").is_err());
/// ```
pub fn parse(input: &str) -> Result<Date, String> {
    let s = input.trim();
    let err = || format!("invalid date `{input}`: expected YYYY-MM-DD");
    let day = s.get(..10).ok_or_else(err)?;
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return Err(err());
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(day, &fmt).map_err(|_| err())
}

/// Format as `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(apigen_runtime::date::format(&time::macros::date!(2024-05-01)), "2024-05-01");
/// ```
pub fn format(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// serde: serialise as `YYYY-MM-DD`.
pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(d))
}

/// serde: deserialise `YYYY-MM-DD`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(d)?;
    parse(&s).map_err(de::Error::custom)
}

/// serde `with` module for `Option<Date>` (use with `#[serde(default)]`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct M { #[serde(default, with = "apigen_runtime::date::option")] d: Option<time::Date> }
/// assert!(serde_json::from_str::<M>(r#"{"d":null}"#).unwrap().d.is_none());
/// ```
pub mod option {
    use super::*;

    /// serde: serialise `Some` as `YYYY-MM-DD`, `None` as null.
    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&super::format(d)),
            None => s.serialize_none(),
        }
    }

    /// serde: deserialise; null and "" are `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<std::borrow::Cow<str>>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse(&s).map(Some).map_err(de::Error::custom),
        }
    }
}
