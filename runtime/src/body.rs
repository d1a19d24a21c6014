//! Request bodies other than JSON: `application/x-www-form-urlencoded` ([`form_encoded`]) and
//! `multipart/form-data` ([`Multipart`], with [`FilePart`] files). Both are encoded to bytes up
//! front: the pipeline retries a request by sending the same body again.
//!
//! Fields follow OpenAPI's defaults for these media types: a scalar is its text, an array is
//! one pair (or part) per item, an object is JSON text (form) or an `application/json` part.

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::shape::{scalar_text, Shape};

const JSON: &str = "application/json";

/// A file sent in a multipart body: its bytes, and optionally a file name and content type
/// (`application/octet-stream` when not given).
///
/// ```
/// use apigen_runtime::FilePart;
/// let photo = FilePart::new(vec![0xff, 0xd8]).file_name("cat.jpg").content_type("image/jpeg");
/// assert_eq!(photo.bytes().len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file with these contents.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The `filename` sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's content type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The contents.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

/// One part of a multipart body.
#[derive(Clone, Debug)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Bytes,
}

/// A `multipart/form-data` body (RFC 7578), built field by field. Generated clients fill it
/// from the operation's typed body; it can also be built by hand for
/// [`Request::multipart`](crate::Request::multipart).
///
/// ```
/// use apigen_runtime::{FilePart, Multipart};
/// let body = Multipart::with_boundary("XyZ")
///     .field("name", &"Rex")
///     .file("photo", FilePart::new(&b"GIF8"[..]).file_name("rex.gif"));
/// let (content_type, bytes) = body.encode().unwrap();
/// assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
/// assert_eq!(
///     std::str::from_utf8(&bytes).unwrap(),
///     "--XyZ\r\ncontent-disposition: form-data; name=\"name\"\r\n\r\nRex\r\n\
///      --XyZ\r\ncontent-disposition: form-data; name=\"photo\"; filename=\"rex.gif\"\r\n\
///      content-type: application/octet-stream\r\n\r\nGIF8\r\n--XyZ--\r\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Multipart {
    boundary: String,
    parts: Vec<Part>,
    /// The first field that could not be serialised, as the error message.
    error: Option<String>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty body with a random boundary.
    pub fn new() -> Self {
        Self::with_boundary(&format!("apigen-{}", uuid::Uuid::new_v4().simple()))
    }

    /// An empty body with this boundary (for tests that compare bytes).
    pub fn with_boundary(boundary: &str) -> Self {
        Multipart {
            boundary: boundary.to_string(),
            parts: Vec::new(),
            error: None,
        }
    }

    /// A field: a string or number as text, an array one part per item, an object (or an array
    /// item that is one) as an `application/json` part; `None` (null) adds nothing.
    /// Read-only properties of a model are left out, as in every request body.
    pub fn field(self, name: &str, value: &impl Serialize) -> Self {
        crate::wire::request_body(|| self.add_field(name, value))
    }

    fn add_field(mut self, name: &str, value: &impl Serialize) -> Self {
        let shape = match Shape::of(value, &format!("multipart field `{name}`")) {
            Ok(shape) => shape,
            Err(e) => {
                let message = match e {
                    Error::InvalidRequest(message) => message,
                    other => other.to_string(),
                };
                self.error.get_or_insert(message);
                return self;
            }
        };
        let items = match shape {
            Shape::Null => vec![],
            Shape::Scalar(s) => vec![(None, s)],
            // Written again so that the properties keep their order.
            Shape::Object(_) => {
                vec![(Some(JSON), serde_json::to_string(value).unwrap_or_default())]
            }
            Shape::Array(items) => items
                .iter()
                .filter(|i| !i.is_null())
                .map(|i| match i {
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                        (Some(JSON), i.to_string())
                    }
                    scalar => (None, scalar_text(scalar)),
                })
                .collect(),
        };
        for (content_type, body) in items {
            self.parts.push(Part {
                name: name.to_string(),
                file_name: None,
                content_type: content_type.map(String::from),
                body: Bytes::from(body),
            });
        }
        self
    }

    /// A file part.
    pub fn file(mut self, name: &str, file: impl Into<FilePart>) -> Self {
        let file = file.into();
        self.parts.push(Part {
            name: name.to_string(),
            file_name: file.file_name,
            content_type: Some(
                file.content_type
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            body: file.bytes,
        });
        self
    }

    /// A file part per item.
    pub fn files<I: Into<FilePart>>(self, name: &str, files: impl IntoIterator<Item = I>) -> Self {
        files.into_iter().fold(self, |body, f| body.file(name, f))
    }

    /// The content type (with the boundary) and the encoded body.
    pub fn encode(self) -> Result<(String, Bytes)> {
        if let Some(e) = self.error {
            return Err(Error::InvalidRequest(e));
        }
        let boundary = &self.boundary;
        if self
            .parts
            .iter()
            .any(|p| contains(&p.body, format!("--{boundary}").as_bytes()))
        {
            return Err(Error::InvalidRequest(format!(
                "a multipart part contains its boundary `{boundary}`"
            )));
        }
        let mut out = BytesMut::new();
        for part in &self.parts {
            out.put_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
            if let Some(f) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", quoted(f)));
            }
            out.put_slice(format!("content-disposition: {disposition}\r\n").as_bytes());
            if let Some(ct) = &part.content_type {
                out.put_slice(format!("content-type: {}\r\n", header_safe(ct)).as_bytes());
            }
            out.put_slice(b"\r\n");
            out.put_slice(&part.body);
            out.put_slice(b"\r\n");
        }
        out.put_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((
            format!("multipart/form-data; boundary={boundary}"),
            out.freeze(),
        ))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A name inside a quoted `content-disposition` parameter, escaped as browsers do (WHATWG
/// HTML: `"` as `%22`, CR and LF as `%0D` and `%0A`).
fn quoted(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A content type without line breaks (a part header cannot carry them).
fn header_safe(s: &str) -> String {
    s.replace(['\r', '\n'], "")
}

/// `value` (an object) as `application/x-www-form-urlencoded`: one pair per property, an array
/// one pair per item, an object property as JSON text, `null`s left out.
///
/// ```
/// use apigen_runtime::body::form_encoded;
/// #[derive(serde::Serialize)]
/// struct Pet { name: &'static str, tags: Vec<&'static str>, age: u8, owner: Option<String> }
/// let body = Pet { name: "Rex & Co", tags: vec!["a", "b"], age: 3, owner: None };
/// assert_eq!(form_encoded(&body).unwrap(), "name=Rex+%26+Co&tags=a&tags=b&age=3");
/// ```
pub fn form_encoded(value: &impl Serialize) -> Result<String> {
    let fields = match Shape::of(value, "the form body")? {
        Shape::Object(fields) => fields,
        other => {
            return Err(Error::InvalidRequest(format!(
                "a form body must be an object, not {other:?}"
            )))
        }
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in &fields {
        let items = match value {
            serde_json::Value::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        for item in items.iter().filter(|i| !i.is_null()) {
            form.append_pair(name, &scalar_text(item));
        }
    }
    Ok(form.finish())
}
