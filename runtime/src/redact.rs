//! Redaction of known secret values (the bearer token sent, a client secret, an assertion) from
//! text the runtime shows: error messages, body snippets, error bodies and headers, log fields.
//! A hostile or careless server that echoes a secret back must not get it into a log.

use std::sync::Arc;

use http::{HeaderMap, HeaderValue};

use crate::Secret;

/// What replaces a secret.
pub(crate) const MASK: &str = "***";

/// Secrets shorter than this are not searched for: they would mask ordinary words.
const MIN_SECRET_LEN: usize = 6;

/// The secret values to mask, raw and percent-encoded (a form-encoded request echoed back).
/// Shared: every response of a request gets the auth policy's redactor by reference count.
/// `None` when empty, so an empty redactor (every response starts with one) allocates nothing.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    needles: Option<Arc<Vec<String>>>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.needles().len())
    }
}

impl Redactor {
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut r = Redactor::default();
        for s in secrets {
            r.add(s.expose());
        }
        r
    }

    pub(crate) fn add(&mut self, secret: &str) {
        if secret.len() < MIN_SECRET_LEN {
            return;
        }
        let encoded =
            percent_encoding::utf8_percent_encode(secret, crate::util::QUERY_VALUE).to_string();
        self.add_needles([secret.to_string(), encoded]);
    }

    /// Also mask everything `other` masks.
    pub(crate) fn merge(&mut self, other: &Redactor) {
        if self.is_empty() {
            self.needles = other.needles.clone();
        } else if let (Some(mine), Some(theirs)) = (&self.needles, &other.needles) {
            if !Arc::ptr_eq(mine, theirs) {
                self.add_needles(theirs.iter().cloned());
            }
        }
    }

    fn needles(&self) -> &[String] {
        self.needles.as_deref().map_or(&[], Vec::as_slice)
    }

    fn add_needles(&mut self, new: impl IntoIterator<Item = String>) {
        let needles = Arc::make_mut(self.needles.get_or_insert_with(Default::default));
        for needle in new {
            if !needles.contains(&needle) {
                needles.push(needle);
            }
        }
        // Longest first, so a secret is masked whole before any of its encodings' parts.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.needles().is_empty()
    }

    /// `text` with every secret replaced by `***`.
    pub(crate) fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in self.needles() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), MASK);
            }
        }
        out
    }

    /// Every string in a JSON value (keys too) redacted.
    pub(crate) fn json(&self, v: &mut serde_json::Value) {
        if self.is_empty() {
            return;
        }
        match v {
            serde_json::Value::String(s) => *s = self.text(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| self.json(i)),
            serde_json::Value::Object(map) => {
                let entries = std::mem::take(map);
                for (k, mut item) in entries {
                    self.json(&mut item);
                    map.insert(self.text(&k), item);
                }
            }
            _ => {}
        }
    }

    /// Header values containing a secret get it masked.
    pub(crate) fn headers(&self, headers: &mut HeaderMap) {
        if self.is_empty() {
            return;
        }
        for v in headers.values_mut() {
            if let Ok(s) = v.to_str() {
                let r = self.text(s);
                if r != s {
                    *v = HeaderValue::from_str(&r).unwrap_or(HeaderValue::from_static(MASK));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_raw_and_percent_encoded_secrets_everywhere() {
        let r = Redactor::new([&Secret::new("s3cr+t/value")]);
        assert_eq!(r.text("bad secret s3cr+t/value!"), "bad secret ***!");
        assert_eq!(r.text("echo=s3cr%2Bt%2Fvalue&x"), "echo=***&x");
        let mut v = serde_json::json!({"error": {"message": "got s3cr+t/value", "s3cr+t/value": [1, "s3cr+t/value"]}});
        r.json(&mut v);
        assert!(!v.to_string().contains("s3cr"), "{v}");
        let mut h = HeaderMap::new();
        h.insert("x-echo", HeaderValue::from_static("Bearer s3cr+t/value"));
        r.headers(&mut h);
        assert_eq!(h["x-echo"], "Bearer ***");
    }

    #[test]
    fn merged_redactors_mask_both_sides_secrets() {
        let token = Redactor::new([&Secret::new("token-123456")]);
        let mut r = Redactor::default();
        r.merge(&token);
        assert_eq!(r.text("token-123456"), "***");
        r.merge(&Redactor::new([&Secret::new("key=abcdef")]));
        assert_eq!(r.text("token-123456 key%3Dabcdef"), "*** ***");
        // The shared one is unchanged.
        assert_eq!(token.text("key=abcdef"), "key=abcdef");
    }

    #[test]
    fn short_values_are_not_searched() {
        let r = Redactor::new([&Secret::new("abc")]);
        assert!(r.is_empty());
        assert_eq!(r.text("abc"), "abc");
    }
}
