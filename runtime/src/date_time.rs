//! serde `with` module for `format: date-time` fields (`time::OffsetDateTime`).
//!
//! Deserialisation tolerates what services really send: RFC 3339 with 0–9 (or more, truncated)
//! fractional digits, lowercase `t`/`z`, a missing offset (UTC), a space instead of `T`, offsets
//! without a colon (`+0000`), and RFC 1123 (`Mon, 12 Jun 2017 00:00:00 GMT`). Serialisation is
//! RFC 3339 in UTC with `Z`, fractional digits only when non-zero.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! #[derive(Serialize, Deserialize)]
//! struct M {
//!     #[serde(with = "apigen_runtime::date_time")]
//!     created: time::OffsetDateTime,
//!     #[serde(default, with = "apigen_runtime::date_time::option")]
//!     updated: Option<time::OffsetDateTime>,
//! }
//! let m: M = serde_json::from_str(r#"{"created":"2017-06-12T00:00:00","updated":null}"#).unwrap();
//! assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"created":"2017-06-12T00:00:00Z","updated":null}"#);
//! ```

use serde::{de, Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Parse a date-time the tolerant way. The error names the offending string.
///
/// ```
/// let t = apigen_runtime::date_time::parse("Mon, 12 Jun 2017 00:00:00 GMT").unwrap();
/// assert_eq!(t.unix_timestamp(), 1497225600);
/// // Names in any case, as some services send them.
/// let lower = apigen_runtime::date_time::parse("fri, 31 dec 9999 23:59:59 gmt").unwrap();
/// let upper = apigen_runtime::date_time::parse("FRI, 31 DEC 9999 23:59:59 GMT").unwrap();
/// assert_eq!(lower, time::macros::datetime!(9999-12-31 23:59:59 UTC));
/// assert_eq!(lower, upper);
/// ```
pub fn parse(input: &str) -> Result<OffsetDateTime, String> {
    let s = input.trim();
    let err = || format!("invalid date-time `{input}`: expected RFC 3339 or RFC 1123");
    if s.len() < 10 {
        return Err(err());
    }
    let zone = s.len().checked_sub(4).filter(|&i| s.is_char_boundary(i));
    let gmt = zone.is_some_and(|i| s[i..].eq_ignore_ascii_case(" GMT"));
    if s.contains(',') || gmt {
        // RFC 1123 for any year (httpdate knows only times after 1970), then the obsolete
        // HTTP date forms (RFC 850, asctime) through httpdate. Day and month names in any
        // case (the format's names are case-insensitive, the zone is made `GMT`).
        let rfc1123 = match zone.filter(|_| gmt) {
            Some(i) => format!("{} GMT", &s[..i]),
            None => s.to_string(),
        };
        if let Ok(t) = PrimitiveDateTime::parse(&rfc1123, RFC1123) {
            return Ok(t.assume_utc());
        }
        let t = httpdate::parse_http_date(s).map_err(|_| err())?;
        return Ok(OffsetDateTime::from(t));
    }
    let normalized = normalize(s).ok_or_else(err)?;
    OffsetDateTime::parse(&normalized, &Rfc3339).map_err(|_| err())
}

/// RFC 3339 string with a `Z`/offset guaranteed; `None` if the shape is hopeless.
fn normalize(s: &str) -> Option<String> {
    let mut b: Vec<u8> = s.as_bytes().to_vec();
    if !b.is_ascii() || b.len() < 10 {
        return None;
    }
    if b.len() == 10 {
        // A bare date: midnight UTC.
        b.extend_from_slice(b"T00:00:00");
    }
    if b[10] == b' ' || b[10] == b't' {
        b[10] = b'T';
    }
    if b[10] != b'T' {
        return None;
    }
    let mut out = String::from_utf8(b).ok()?;
    if out.ends_with('z') {
        out.pop();
        out.push('Z');
    }
    // Find where the time's offset starts (after "YYYY-MM-DDTHH:MM:SS[.fff]").
    let time_part = &out[11..];
    let off_pos = time_part
        .find(['Z', '+', '-'])
        .map(|p| p + 11)
        .unwrap_or(out.len());
    let (main, offset) = out.split_at(off_pos);
    let mut main = main.to_string();
    // Seconds omitted ("HH:MM")?
    if main.len() == 16 {
        main.push_str(":00");
    }
    // Truncate fractions beyond 9 digits; drop an empty fraction.
    if let Some(dot) = main.find('.') {
        let digits = main.len() - dot - 1;
        if digits == 0 {
            main.truncate(dot);
        } else if digits > 9 {
            main.truncate(dot + 10);
        }
    }
    let offset = match offset {
        "" => "Z".to_string(),
        o if o.len() == 5 && !o.contains(':') => format!("{}:{}", &o[..3], &o[3..]),
        o if o.len() == 3 => format!("{o}:00"),
        o => o.to_string(),
    };
    Some(format!("{main}{offset}"))
}

/// Parse a date-time without offset as a naive local time (`2024-01-01 10:00:00.000000`).
pub(crate) fn parse_naive_local(s: &str) -> Option<PrimitiveDateTime> {
    let n = normalize(s.trim())?;
    let t = OffsetDateTime::parse(&n, &Rfc3339).ok()?;
    Some(PrimitiveDateTime::new(t.date(), t.time()))
}

/// Format as RFC 3339 in UTC (`Z`), fractional digits only when non-zero.
///
/// ```
/// let t = time::macros::datetime!(2017-06-12 01:02:03.5 +02:00);
/// assert_eq!(apigen_runtime::date_time::format(&t), "2017-06-11T23:02:03.5Z");
/// ```
///
/// An instant whose UTC form is past year 9999 keeps its own offset (the test server's
/// largest date-time, at `-14:00`):
///
/// ```
/// let t = time::macros::datetime!(9999-12-31 23:59:59.999 -14:00);
/// assert_eq!(apigen_runtime::date_time::format(&t), "9999-12-31T23:59:59.999-14:00");
/// ```
pub fn format(t: &OffsetDateTime) -> String {
    let (utc, offset) = match t.checked_to_offset(UtcOffset::UTC) {
        Some(utc) => (utc, "Z".to_string()),
        None => (*t, offset_text(t.offset())),
    };
    let d = utc.date();
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    );
    let nanos = utc.nanosecond();
    if nanos != 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push_str(&offset);
    s
}

/// `+hh:mm`/`-hh:mm`.
fn offset_text(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

/// Format as RFC 1123 (`Mon, 12 Jun 2017 00:00:00 GMT`), the HTTP date format that
/// `format: date-time-rfc1123` asks for.
///
/// ```
/// let t = time::macros::datetime!(2017-06-12 02:00:00 +02:00);
/// assert_eq!(apigen_runtime::date_time::format_rfc1123(&t), "Mon, 12 Jun 2017 00:00:00 GMT");
/// ```
///
/// Any year works, before 1970 too (the test server sends `Mon, 01 Jan 0001 00:00:00 GMT`):
///
/// ```
/// let t = apigen_runtime::date_time::parse("Mon, 01 Jan 0001 00:00:00 GMT").unwrap();
/// assert_eq!(apigen_runtime::date_time::format_rfc1123(&t), "Mon, 01 Jan 0001 00:00:00 GMT");
/// ```
pub fn format_rfc1123(t: &OffsetDateTime) -> String {
    // Formatting these components cannot fail for an OffsetDateTime; RFC 3339 is the
    // fallback rather than a panic (also for an instant past year 9999 in UTC).
    t.checked_to_offset(UtcOffset::UTC)
        .and_then(|utc| utc.format(RFC1123).ok())
        .unwrap_or_else(|| format(t))
}

/// `Mon, 12 Jun 2017 00:00:00 GMT`.
const RFC1123: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[weekday repr:short case_sensitive:false], [day] [month repr:short case_sensitive:false] [year] [hour]:[minute]:[second] GMT"
);

/// serde: serialise as RFC 3339 UTC.
pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(t))
}

/// serde: deserialise tolerantly.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(d)?;
    parse(&s).map_err(de::Error::custom)
}

/// serde `with` module for `Option<OffsetDateTime>` (use with `#[serde(default)]`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct M { #[serde(default, with = "apigen_runtime::date_time::option")] t: Option<time::OffsetDateTime> }
/// let m: M = serde_json::from_str("{}").unwrap();
/// assert!(m.t.is_none());
/// ```
pub mod option {
    use super::*;

    /// serde: serialise `Some` as RFC 3339 UTC, `None` as null.
    pub fn serialize<S: Serializer>(t: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_some(&super::format(t)),
            None => s.serialize_none(),
        }
    }

    /// serde: deserialise tolerantly; null and "" are `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<std::borrow::Cow<str>>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse(&s).map(Some).map_err(de::Error::custom),
        }
    }
}
