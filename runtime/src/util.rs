//! Encoding helpers.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use url::Url;

use crate::error::{Error, Result};

/// Everything but RFC 3986 unreserved characters is encoded.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encoding of one path segment.
pub(crate) const PATH_SEGMENT: &AsciiSet = UNRESERVED;
/// Encoding of a query name or value.
pub(crate) const QUERY_VALUE: &AsciiSet = UNRESERVED;

pub(crate) fn encode(s: &str, set: &'static AsciiSet) -> String {
    percent_encoding::utf8_percent_encode(s, set).to_string()
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Serialise a query/header value: string as is, number/bool as JSON text, `None` -> omitted,
/// sequence -> comma-joined, object -> JSON text.
pub(crate) fn param_string(value: impl Serialize) -> Result<Option<String>> {
    Ok(match param_value(value)? {
        serde_json::Value::Null => None,
        serde_json::Value::Array(items) => Some(scalars(&items).join(",")),
        other => Some(scalar(&other)),
    })
}

/// Serialise a repeated query value: one string per item of a sequence (a scalar is one item,
/// `None` none).
pub(crate) fn param_strings(value: impl Serialize) -> Result<Vec<String>> {
    Ok(match param_value(value)? {
        serde_json::Value::Null => vec![],
        serde_json::Value::Array(items) => scalars(&items),
        other => vec![scalar(&other)],
    })
}

fn param_value(value: impl Serialize) -> Result<serde_json::Value> {
    // Through JSON text rather than `to_value`, which widens an `f32` to `f64` first (0.07
    // would be sent as 0.07000000029802322); the text is the shortest form of the value.
    let failed =
        |e: serde_json::Error| Error::InvalidRequest(format!("cannot serialise parameter: {e}"));
    let text = serde_json::to_string(&value).map_err(failed)?;
    serde_json::from_str(&text).map_err(failed)
}

/// The items of a sequence parameter as text, `null`s left out.
pub(crate) fn scalars(items: &[serde_json::Value]) -> Vec<String> {
    items.iter().filter(|i| !i.is_null()).map(scalar).collect()
}

/// Query keys whose values are shown in logs; every other value is redacted.
const SAFE_QUERY: &[&str] = &[
    "api-version",
    "$top",
    "$skip",
    "$skiptoken",
    "$expand",
    "$orderby",
    "$select",
];

/// The URL for logs: no user info, query values other than well-known ones replaced by
/// `REDACTED` (SAS signatures and similar never reach a log).
pub(crate) fn redact_url(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let keep = SAFE_QUERY.iter().any(|s| s.eq_ignore_ascii_case(&k));
                let v = if keep {
                    v.into_owned()
                } else {
                    "REDACTED".into()
                };
                (k.into_owned(), v)
            })
            .collect();
        let q = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k, QUERY_VALUE), encode(v, QUERY_VALUE)))
            .collect::<Vec<_>>()
            .join("&");
        u.set_query(Some(&q));
    }
    u.set_fragment(None);
    u.to_string()
}

/// Append `name=value` to the URL's query, percent-encoding both.
pub(crate) fn append_query(url: &mut Url, name: &str, value: &str) {
    let mut q = crate::query::Query::new(url.query());
    q.push(name, value);
    q.set_on(url);
}

/// True if the URL's query has `name`.
/// Drops every query pair named `name` (any case), the others kept byte for byte.
pub(crate) fn remove_query(url: &mut Url, name: &str) {
    let kept: Vec<String> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
            !pair.is_empty() && !key.eq_ignore_ascii_case(name)
        })
        .map(str::to_string)
        .collect();
    url.set_query((!kept.is_empty()).then(|| kept.join("&")).as_deref());
}

pub(crate) fn has_query(url: &Url, name: &str) -> bool {
    url.query_pairs().any(|(k, _)| k.eq_ignore_ascii_case(name))
}

/// `scheme://host[:port]` of a URL: what the auth policy compares (RFC 6454 origin).
pub(crate) fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// Why [`read_limited`] stopped.
pub(crate) enum ReadError {
    /// The body is at least this many bytes, more than allowed; the rest was not read.
    TooBig(u64),
    /// Reading failed (reset, truncated body, ...).
    Http(reqwest::Error),
}

/// Reads a whole response body, but never more than `max` bytes: a declared length above it is
/// refused before anything is read, a chunked body is cut as it passes it.
pub(crate) async fn read_limited(
    resp: &mut reqwest::Response,
    max: usize,
) -> std::result::Result<bytes::Bytes, ReadError> {
    if let Some(len) = resp.content_length() {
        if len > max as u64 {
            return Err(ReadError::TooBig(len));
        }
    }
    // A body that comes in one chunk (most JSON responses) is returned as is, not copied.
    let Some(first) = resp.chunk().await.map_err(ReadError::Http)? else {
        return Ok(bytes::Bytes::new());
    };
    if first.len() > max {
        return Err(ReadError::TooBig(first.len() as u64));
    }
    let Some(second) = resp.chunk().await.map_err(ReadError::Http)? else {
        return Ok(first);
    };
    let declared = resp.content_length().unwrap_or(0) as usize;
    let mut body = bytes::BytesMut::with_capacity(declared.max(first.len() + second.len()));
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > max {
            return Err(ReadError::TooBig((body.len() + chunk.len()) as u64));
        }
        body.extend_from_slice(&chunk);
        next = resp.chunk().await.map_err(ReadError::Http)?;
    }
    Ok(body.freeze())
}
