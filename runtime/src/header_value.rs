//! Typed response headers: [`Response::header_value`] reads a header the spec declares as the
//! type the spec gives it (`integer`, `number`, `boolean`, `format: date`/`date-time`/`byte`),
//! so a caller does not parse header text by hand. The generated method docs list the headers
//! each operation's responses declare.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::RequestContext;
use crate::response::Response;
use crate::{Error, Result};

/// A type a response header's text can be read as.
///
/// ```
/// use apigen_runtime::HeaderValue;
/// assert_eq!(i32::parse_header("-2"), Ok(-2));
/// assert_eq!(bool::parse_header("true"), Ok(true));
/// assert!(f64::parse_header("seven").is_err());
/// ```
pub trait HeaderValue: Sized {
    /// Reads the header's text; the error says what was wrong with it.
    fn parse_header(text: &str) -> std::result::Result<Self, String>;
}

impl HeaderValue for String {
    fn parse_header(text: &str) -> std::result::Result<Self, String> {
        Ok(text.to_string())
    }
}

impl HeaderValue for bool {
    fn parse_header(text: &str) -> std::result::Result<Self, String> {
        match text.trim() {
            t if t.eq_ignore_ascii_case("true") => Ok(true),
            t if t.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }
}

/// Numbers: Rust's own parsing (correctly rounded for floats).
macro_rules! number_header {
    ($($ty:ty),*) => {$(
        impl HeaderValue for $ty {
            fn parse_header(text: &str) -> std::result::Result<Self, String> {
                text.trim()
                    .parse()
                    .map_err(|e| format!("`{text}` is not {}: {e}", stringify!($ty)))
            }
        }
    )*};
}

number_header!(i32, i64, f32, f64);

impl HeaderValue for time::Date {
    fn parse_header(text: &str) -> std::result::Result<Self, String> {
        crate::date::parse(text)
    }
}

/// RFC 3339 or RFC 1123 (the form HTTP dates take), as [`crate::date_time::parse`] reads them.
impl HeaderValue for time::OffsetDateTime {
    fn parse_header(text: &str) -> std::result::Result<Self, String> {
        crate::date_time::parse(text)
    }
}

/// `format: byte`: base64.
impl HeaderValue for Vec<u8> {
    fn parse_header(text: &str) -> std::result::Result<Self, String> {
        STANDARD
            .decode(text.trim())
            .map_err(|e| format!("`{text}` is not base64: {e}"))
    }
}

impl<T> Response<T> {
    /// The response header `name` read as `V`: `Ok(None)` when the response has no such
    /// header, an [`Error::Deserialize`] naming the header when its text is not a `V`.
    ///
    /// ```
    /// # async fn f(call: apigen_runtime::Call<()>) -> apigen_runtime::Result<()> {
    /// let response = call.send().await?;
    /// let count: Option<i64> = response.header_value("x-ms-count")?;
    /// let when: Option<time::OffsetDateTime> = response.header_value("Last-Modified")?;
    /// # Ok(()) }
    /// ```
    pub fn header_value<V: HeaderValue>(&self, name: &str) -> Result<Option<V>> {
        let Some(value) = self.headers().get(name) else {
            return Ok(None);
        };
        let failed = |message: String| Error::Deserialize {
            status: self.status(),
            path: format!("header `{name}`"),
            message,
            snippet: String::from_utf8_lossy(value.as_bytes()).into_owned(),
            context: Box::new(RequestContext::new(
                self.client_request_id(),
                Some(self.headers()),
            )),
        };
        let text = value
            .to_str()
            .map_err(|_| failed("the value is not visible ASCII".into()))?;
        V::parse_header(text).map(Some).map_err(failed)
    }
}
