//! OpenAPI 3 parameter styles (<https://spec.openapis.org/oas/v3.0.3#style-values>): how an
//! array or object parameter is written into query pairs, a header or a cookie. Values are
//! returned unencoded; the request percent-encodes them where they go.

use serde::Serialize;

use crate::error::Result;
use crate::shape::{scalar_text, Shape};

/// A parameter's `style` and `explode`, where its type alone does not say how it is written.
///
/// ```
/// use apigen_runtime::wire::Style;
/// #[derive(serde::Serialize)]
/// struct Color { #[serde(rename = "R")] r: u8, #[serde(rename = "G")] g: u8, #[serde(rename = "B")] b: u8 }
/// let color = Color { r: 100, g: 200, b: 150 };
/// let pairs = |style: Style| style.query_pairs("color", &color).unwrap();
/// assert_eq!(pairs(Style::Form { explode: true }), [("R", "100"), ("G", "200"), ("B", "150")].map(|(k, v)| (k.to_string(), v.to_string())));
/// assert_eq!(pairs(Style::Form { explode: false }), [("color".to_string(), "R,100,G,200,B,150".to_string())]);
/// assert_eq!(pairs(Style::DeepObject)[0], ("color[R]".to_string(), "100".to_string()));
/// assert_eq!(Style::Simple { explode: true }.text(&color).unwrap().as_deref(), Some("R=100,G=200,B=150"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `form` (query, cookie). Exploded: an array is one pair per item, an object one pair per
    /// property; otherwise both are one comma-separated value.
    Form {
        /// `explode`.
        explode: bool,
    },
    /// `spaceDelimited` (query): an array's items (or an object's names and values) joined by
    /// spaces.
    SpaceDelimited,
    /// `pipeDelimited` (query): joined by `|`.
    PipeDelimited,
    /// `deepObject` (query): an object as `name[property]=value` pairs.
    DeepObject,
    /// `simple` (path, header): comma-separated; an exploded object as `name=value` items.
    Simple {
        /// `explode`.
        explode: bool,
    },
}

impl Style {
    /// The query pairs of parameter `name` with `value`; none for `None`.
    pub fn query_pairs(self, name: &str, value: &impl Serialize) -> Result<Vec<(String, String)>> {
        let shape = Shape::of(value, &format!("parameter `{name}`"))?;
        let one = |v: String| vec![(name.to_string(), v)];
        Ok(match (self, shape) {
            (_, Shape::Null) => vec![],
            (_, Shape::Scalar(s)) => one(s),
            (Style::Form { explode: true }, Shape::Array(items)) => items
                .iter()
                .filter(|i| !i.is_null())
                .map(|i| (name.to_string(), scalar_text(i)))
                .collect(),
            (Style::Form { explode: true }, Shape::Object(entries)) => entries
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, scalar_text(&v)))
                .collect(),
            (Style::DeepObject, Shape::Object(entries)) => entries
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (format!("{name}[{k}]"), scalar_text(&v)))
                .collect(),
            (style, shape) => one(joined(&shape, style.separator(), false)),
        })
    }

    /// The value as one piece of text (a header, a cookie, a path segment); `None` for `None`.
    pub fn text(self, value: &impl Serialize) -> Result<Option<String>> {
        let shape = Shape::of(value, "a parameter")?;
        let explode = matches!(self, Style::Simple { explode: true });
        Ok(match shape {
            Shape::Null => None,
            shape => Some(joined(&shape, self.separator(), explode)),
        })
    }

    fn separator(self) -> &'static str {
        match self {
            Style::SpaceDelimited => " ",
            Style::PipeDelimited => "|",
            _ => ",",
        }
    }
}

/// Items, or an object's names and values, joined by `separator`; `explode` writes an
/// object's properties as `name=value`.
fn joined(shape: &Shape, separator: &str, explode: bool) -> String {
    let texts: Vec<String> = match shape {
        Shape::Null => vec![],
        Shape::Scalar(s) => vec![s.clone()],
        Shape::Array(items) => items
            .iter()
            .filter(|i| !i.is_null())
            .map(scalar_text)
            .collect(),
        Shape::Object(entries) => entries
            .iter()
            .filter(|(_, v)| !v.is_null())
            .flat_map(|(k, v)| {
                if explode {
                    vec![format!("{k}={}", scalar_text(v))]
                } else {
                    vec![k.clone(), scalar_text(v)]
                }
            })
            .collect(),
    };
    texts.join(separator)
}

/// A value sent as JSON text: a parameter with `content: application/json` instead of a
/// schema.
///
/// ```
/// use apigen_runtime::wire::JsonText;
/// let v = JsonText(serde_json::json!({"a": [1, 2]}));
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#""{\"a\":[1,2]}""#);
/// assert_eq!(serde_json::to_string(&JsonText(None::<i32>)).unwrap(), "null");
/// ```
pub struct JsonText<T>(pub T);

impl<T: Serialize> Serialize for JsonText<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        if text == "null" {
            return s.serialize_none();
        }
        s.serialize_str(&text)
    }
}

/// What a cookie value may not hold unencoded (RFC 6265 `cookie-octet`): controls, space,
/// `"`, `;`, `\`, and `%` itself. Commas stay: they separate a `form` array's items.
const COOKIE_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// The `Cookie` header for these name/value pairs: `a=1; b=x%20y`.
pub(crate) fn cookie_header(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(n, v)| {
            format!(
                "{}={}",
                percent_encoding::utf8_percent_encode(n, COOKIE_VALUE),
                percent_encoding::utf8_percent_encode(v, COOKIE_VALUE)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
