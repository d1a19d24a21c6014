//! An origin (scheme, host, port: RFC 6454) that may receive credentials, compared with a
//! request's URL field by field: serialising the URL's origin allocated on every request.

use url::Url;

#[derive(Debug)]
pub(crate) struct AllowedOrigin {
    scheme: String,
    host: Option<String>,
    port: Option<u16>,
}

impl AllowedOrigin {
    /// The origin of `url` (an http(s) URL: the client validated it).
    pub(crate) fn of(url: &Url) -> Self {
        AllowedOrigin {
            scheme: url.scheme().to_string(),
            host: url.host_str().map(str::to_string),
            port: url.port_or_known_default(),
        }
    }

    /// Same origin as `url`: what `Url::origin` equality decides for http(s) URLs, whose hosts
    /// the URL parser normalises (lowercase, canonical IP addresses).
    pub(crate) fn matches(&self, url: &Url) -> bool {
        url.scheme() == self.scheme
            && url.host_str() == self.host.as_deref()
            && url.port_or_known_default() == self.port
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn matches_exactly_the_urls_of_the_same_origin() {
        let o = AllowedOrigin::of(&url("https://Management.Azure.com/sub?x=1"));
        for same in [
            "https://management.azure.com/",
            "https://management.azure.com:443/other/path?q",
            "https://user:pw@MANAGEMENT.azure.com/x",
        ] {
            assert!(o.matches(&url(same)), "{same}");
            assert_eq!(
                url(same).origin(),
                url("https://management.azure.com").origin()
            );
        }
        for other in [
            "http://management.azure.com/",
            "https://management.azure.com:8443/",
            "https://management.azure.com.evil.example/",
            "https://evil.example/management.azure.com",
            "file:///management.azure.com",
        ] {
            assert!(!o.matches(&url(other)), "{other}");
        }
        let local = AllowedOrigin::of(&url("http://127.0.0.1:8080"));
        assert!(local.matches(&url("http://127.0.0.1:8080/x")));
        assert!(!local.matches(&url("http://127.0.0.1:8081/x")));
        let v6 = AllowedOrigin::of(&url("http://[::1]:80/"));
        assert!(v6.matches(&url("http://[0:0::1]/x")));
    }
}
