//! A URL query written as one string and set on the URL once: every `Url::set_query` parses
//! the whole query again, so adding pairs one call at a time cost a parse per pair.

use url::Url;

use crate::util::QUERY_VALUE;

/// The query being written (no leading `?`).
pub(crate) struct Query(String);

impl Query {
    /// Starting from `existing` (a template's literal query, or a URL's).
    pub(crate) fn new(existing: Option<&str>) -> Self {
        Query(existing.unwrap_or_default().to_string())
    }

    fn separate(&mut self) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
    }

    /// Pairs already encoded (`a=1&b=2`), after those there are.
    pub(crate) fn append(&mut self, pairs: &str) {
        self.separate();
        self.0.push_str(pairs);
    }

    /// `name=value`, both percent-encoded.
    pub(crate) fn push(&mut self, name: &str, value: &str) {
        self.separate();
        self.0
            .extend(percent_encoding::utf8_percent_encode(name, QUERY_VALUE));
        self.0.push('=');
        self.0
            .extend(percent_encoding::utf8_percent_encode(value, QUERY_VALUE));
    }

    /// `name=value` as given (`x-ms-skip-url-encoding`).
    pub(crate) fn push_raw(&mut self, name: &str, value: &str) {
        self.separate();
        self.0.push_str(name);
        self.0.push('=');
        self.0.push_str(value);
    }

    /// True if a pair is named `name` (ASCII case ignored), as `Url::query_pairs` reads it.
    pub(crate) fn has(&self, name: &str) -> bool {
        url::form_urlencoded::parse(self.0.as_bytes()).any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// Replace `url`'s query with this one (none if empty).
    pub(crate) fn set_on(self, url: &mut Url) {
        url.set_query(Some(self.0.as_str()).filter(|q| !q.is_empty()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_pairs_after_the_literal_query_and_finds_names() {
        let mut q = Query::new(Some("comp=list"));
        q.push("$filter", "name eq 'a&b'");
        q.push_raw("raw", "a%20b&c=d");
        assert!(q.has("COMP") && q.has("$filter") && q.has("c"));
        assert!(!q.has("api-version"));
        let mut url = Url::parse("https://h/p?old=1#frag").unwrap();
        q.set_on(&mut url);
        assert_eq!(
            url.as_str(),
            "https://h/p?comp=list&%24filter=name%20eq%20%27a%26b%27&raw=a%20b&c=d#frag"
        );
        let mut url = Url::parse("https://h/p?old=1").unwrap();
        Query::new(None).set_on(&mut url);
        assert_eq!(url.as_str(), "https://h/p");
    }
}
