//! XML bodies (feature `xml`): a model travels as its JSON value, which a static [`Shape`]
//! (generated from the spec's `xml` objects) maps to and from elements and attributes. Models
//! keep the one serde codec they have for JSON; XML costs only the crates whose specs use it.
//!
//! XML services leave out empty and default-valued elements (Azure Storage omits `<Deleted>`
//! unless it is true, and an empty `<Prefix>`): a required property whose element or attribute
//! is missing reads as its type's empty value (`""`, `0`, `false`, an empty list or map, an
//! object of such values), so that the model decodes as it would from the full document.
//!
//! ```
//! use apigen_runtime::xml::{self, Field, Kind, Leaf, Root, Shape};
//! static TEXT: Shape = Shape::Text(Leaf::String);
//! static NUMBER: Shape = Shape::Text(Leaf::Number);
//! static SLIDE: Shape = Shape::Object(&[
//!     Field { json: "type", name: "type", kind: Kind::Attribute, shape: &TEXT, required: false },
//!     Field { json: "pages", name: "pages", kind: Kind::Element, shape: &NUMBER, required: true },
//!     Field { json: "items", name: "item", kind: Kind::Repeated, shape: &TEXT, required: false },
//! ]);
//! static ROOT: Root = Root { name: "slide", shape: &SLIDE };
//!
//! let value = serde_json::json!({"type": "all", "pages": 2, "items": ["a", "b & c"]});
//! let text = xml::to_string(&ROOT, &value).unwrap();
//! assert_eq!(text, r#"<slide type="all"><pages>2</pages><item>a</item><item>b &amp; c</item></slide>"#);
//! assert_eq!(xml::to_value(&ROOT, &text).unwrap(), value);
//!
//! let err = xml::to_value(&ROOT, "<slide><pages>many</pages></slide>").unwrap_err();
//! assert_eq!(err.0, "/slide/pages");
//! // A required element left out reads as empty.
//! assert_eq!(xml::to_value(&ROOT, "<slide/>").unwrap(), serde_json::json!({"pages": 0}));
//! ```

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::{Decode, RawResponse};

/// How the text of an element or attribute maps to a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    /// A string (also dates, bytes, URLs and string enums, which are strings in JSON).
    String,
    /// A JSON number (`integer`, `number`).
    Number,
    /// `true` or `false`.
    Boolean,
}

/// The XML form of a JSON value.
#[derive(Debug)]
pub enum Shape {
    /// Text content.
    Text(Leaf),
    /// An object: its fields, in the order they are written.
    Object(&'static [Field]),
    /// A string-keyed map (`additionalProperties`): one child element per entry, named by its key.
    Map(&'static Shape),
    /// An array whose items are the child elements named `item` (a root array, a wrapped list).
    List {
        /// The items' element name.
        item: &'static str,
        /// An item's shape.
        shape: &'static Shape,
    },
}

/// How an object property appears in XML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An attribute of the object's element.
    Attribute,
    /// The element's own text (`x-ms-text`).
    Text,
    /// A child element.
    Element,
    /// An unwrapped array: one child element per item.
    Repeated,
}

/// An object property: its JSON name, its XML name and how it appears.
#[derive(Debug)]
pub struct Field {
    /// The property's JSON name (what the model's serde codec uses).
    pub json: &'static str,
    /// The attribute's or element's name (an item's, for [`Kind::Repeated`]).
    pub name: &'static str,
    /// Attribute, text, element or repeated element.
    pub kind: Kind,
    /// The value's shape (an item's, for [`Kind::Repeated`]).
    pub shape: &'static Shape,
    /// The spec requires it: left out of a document, it reads as its type's empty value.
    pub required: bool,
}

/// A body's root element.
#[derive(Debug)]
pub struct Root {
    /// The element's name.
    pub name: &'static str,
    /// Its content.
    pub shape: &'static Shape,
}

/// A body type's XML root, implemented by the marker types the generator writes.
pub trait XmlBody {
    /// The root element and the shape below it.
    fn root() -> &'static Root;
}

/// Decodes an XML body through the root `R` (see [`XmlBody`]); an empty body is `null`.
pub struct Xml<R>(PhantomData<fn() -> R>);

impl<T: DeserializeOwned, R: XmlBody> Decode<T> for Xml<R> {
    fn decode(response: &RawResponse) -> Result<T> {
        let root = R::root();
        let text = std::str::from_utf8(response.body()).map_err(|e| {
            response.deserialize_error(".".into(), format!("body is not UTF-8: {e}"))
        })?;
        let value = if text.trim().is_empty() {
            Value::Null
        } else {
            to_value(root, text)
                .map_err(|(path, message)| response.deserialize_error(path, message))?
        };
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = element_path(root, e.path());
            response.deserialize_error(path, e.into_inner().to_string())
        })
    }
}

impl Request {
    /// XML body with this content type, written through the root `R` (see [`XmlBody`]).
    pub fn xml<R: XmlBody>(self, content_type: &'static str, body: &impl Serialize) -> Self {
        match crate::wire::request_body(|| to_string(R::root(), body)) {
            Ok(text) => self.text(content_type, text),
            Err(e) => self.failed(e),
        }
    }
}

/// Writes `value` (serialised to JSON first) as the XML document `root` describes.
pub fn to_string(root: &Root, value: &impl Serialize) -> Result<String> {
    let value = serde_json::to_value(value)
        .map_err(|e| Error::InvalidRequest(format!("cannot serialise the request body: {e}")))?;
    let mut out = String::new();
    write_element(&mut out, root.name, &value, root.shape);
    Ok(out)
}

fn write_element(out: &mut String, name: &str, value: &Value, shape: &Shape) {
    out.push('<');
    out.push_str(name);
    if let (Shape::Object(fields), Value::Object(map)) = (shape, value) {
        for f in fields.iter().filter(|f| f.kind == Kind::Attribute) {
            if let Some(v) = map.get(f.json).filter(|v| !v.is_null()) {
                out.push_str(&format!(" {}=\"", f.name));
                escape_into(out, &leaf_text(v), true);
                out.push('"');
            }
        }
    }
    let start = out.len();
    out.push('>');
    let before = out.len();
    write_content(out, value, shape);
    if out.len() == before {
        // Nothing inside: `<name/>`.
        out.truncate(start);
        out.push_str("/>");
    } else {
        out.push_str(&format!("</{name}>"));
    }
}

fn write_content(out: &mut String, value: &Value, shape: &Shape) {
    match (shape, value) {
        (_, Value::Null) => {}
        (Shape::Object(fields), Value::Object(map)) => {
            for f in fields.iter() {
                let Some(v) = map.get(f.json).filter(|v| !v.is_null()) else {
                    continue;
                };
                match f.kind {
                    Kind::Attribute => {}
                    Kind::Text => escape_into(out, &leaf_text(v), false),
                    Kind::Element => write_element(out, f.name, v, f.shape),
                    Kind::Repeated => {
                        for item in v.as_array().into_iter().flatten() {
                            write_element(out, f.name, item, f.shape);
                        }
                    }
                }
            }
        }
        (Shape::Map(shape), Value::Object(map)) => {
            for (key, v) in map {
                write_element(out, key, v, shape);
            }
        }
        (Shape::List { item, shape }, Value::Array(items)) => {
            for v in items {
                write_element(out, item, v, shape);
            }
        }
        (_, v) => escape_into(out, &leaf_text(v), false),
    }
}

/// A scalar's text; anything else as JSON text.
fn leaf_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Reads the XML document `text` as the JSON value `root` describes; an error gives the element
/// path (`/slideshow/slide[2]/title`) and what is wrong there. Elements and attributes the
/// shape does not name are ignored; names match without namespace prefixes.
pub fn to_value(root: &Root, text: &str) -> std::result::Result<Value, (String, String)> {
    let doc = roxmltree::Document::parse(text)
        .map_err(|e| (".".to_string(), format!("invalid XML: {e}")))?;
    let element = doc.root_element();
    read(
        element,
        root.shape,
        &format!("/{}", element.tag_name().name()),
    )
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn read(
    node: Node<'_, '_>,
    shape: &Shape,
    path: &str,
) -> std::result::Result<Value, (String, String)> {
    match shape {
        Shape::Text(leaf) => leaf_value(&own_text(node), *leaf, path),
        Shape::Object(fields) => {
            let mut map = Map::new();
            for f in fields.iter() {
                let value = match f.kind {
                    Kind::Attribute => match attribute(node, f.name) {
                        Some(text) => {
                            leaf_value(text, leaf_of(f.shape), &format!("{path}/@{}", f.name))?
                        }
                        None => continue,
                    },
                    // An element without text has no text value.
                    Kind::Text if !node.children().any(|c| c.is_text()) => continue,
                    Kind::Text => {
                        leaf_value(&own_text(node), leaf_of(f.shape), &format!("{path}/text()"))?
                    }
                    Kind::Element => match children(node, f.name).next() {
                        Some(child) => read(child, f.shape, &format!("{path}/{}", f.name))?,
                        None => continue,
                    },
                    Kind::Repeated => {
                        let items = children(node, f.name)
                            .enumerate()
                            .map(|(i, c)| {
                                read(c, f.shape, &format!("{path}/{}[{}]", f.name, i + 1))
                            })
                            .collect::<std::result::Result<Vec<_>, _>>()?;
                        if items.is_empty() {
                            continue;
                        }
                        Value::Array(items)
                    }
                };
                // An empty element of a number or boolean is no value.
                if !value.is_null() {
                    map.insert(f.json.to_string(), value);
                }
            }
            for f in fields.iter().filter(|f| f.required) {
                if !map.contains_key(f.json) {
                    map.insert(f.json.to_string(), empty(f, 0));
                }
            }
            Ok(Value::Object(map))
        }
        Shape::Map(shape) => {
            let mut map = Map::new();
            for child in node.children().filter(Node::is_element) {
                let key = child.tag_name().name();
                let value = read(child, shape, &format!("{path}/{key}"))?;
                map.insert(key.to_string(), value);
            }
            Ok(Value::Object(map))
        }
        Shape::List { item, shape } => children(node, item)
            .enumerate()
            .map(|(i, c)| read(c, shape, &format!("{path}/{item}[{}]", i + 1)))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}

/// The value a required field left out of a document reads as.
fn empty(field: &Field, depth: usize) -> Value {
    if field.kind == Kind::Repeated {
        return Value::Array(Vec::new());
    }
    match field.shape {
        Shape::Text(Leaf::String) => Value::String(String::new()),
        Shape::Text(Leaf::Number) => Value::from(0),
        Shape::Text(Leaf::Boolean) => Value::Bool(false),
        Shape::List { .. } => Value::Array(Vec::new()),
        Shape::Map(_) => Value::Object(Map::new()),
        // A model cannot require itself forever: stop somewhere.
        Shape::Object(fields) if depth < 8 => Value::Object(
            fields
                .iter()
                .filter(|f| f.required)
                .map(|f| (f.json.to_string(), empty(f, depth + 1)))
                .collect(),
        ),
        Shape::Object(_) => Value::Object(Map::new()),
    }
}

fn leaf_of(shape: &Shape) -> Leaf {
    match shape {
        Shape::Text(leaf) => *leaf,
        _ => Leaf::String,
    }
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// The element's text children, joined (CDATA included).
fn own_text(node: Node<'_, '_>) -> String {
    node.children()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

fn leaf_value(text: &str, leaf: Leaf, path: &str) -> std::result::Result<Value, (String, String)> {
    let trimmed = text.trim();
    let fail = |what: &str| (path.to_string(), format!("expected {what}, found `{text}`"));
    match leaf {
        Leaf::String => Ok(Value::String(text.to_string())),
        _ if trimmed.is_empty() => Ok(Value::Null),
        Leaf::Boolean => match trimmed {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(fail("a boolean")),
        },
        Leaf::Number => {
            let number = if let Ok(i) = trimmed.parse::<i64>() {
                Some(Number::from(i))
            } else if let Ok(u) = trimmed.parse::<u64>() {
                Some(Number::from(u))
            } else {
                trimmed.parse::<f64>().ok().and_then(Number::from_f64)
            };
            number.map(Value::Number).ok_or_else(|| fail("a number"))
        }
    }
}

/// The element path of a serde path into the JSON value of `root`'s document.
fn element_path(root: &Root, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = format!("/{}", root.name);
    let mut shape = Some(root.shape);
    let mut repeated: Option<(&str, &Shape)> = None;
    for segment in path.iter() {
        match (segment, shape) {
            (Segment::Seq { index }, _) if repeated.is_some() => {
                let (name, item) = repeated.take().expect("checked");
                out.push_str(&format!("/{name}[{}]", index + 1));
                shape = Some(item);
            }
            (Segment::Seq { index }, Some(Shape::List { item, shape: s })) => {
                out.push_str(&format!("/{item}[{}]", index + 1));
                shape = Some(s);
            }
            (Segment::Map { key }, Some(Shape::Object(fields))) => {
                let Some(f) = fields.iter().find(|f| f.json == key) else {
                    out.push_str(&format!("/{key}"));
                    shape = None;
                    continue;
                };
                match f.kind {
                    Kind::Attribute => out.push_str(&format!("/@{}", f.name)),
                    Kind::Text => out.push_str("/text()"),
                    Kind::Element => out.push_str(&format!("/{}", f.name)),
                    Kind::Repeated => repeated = Some((f.name, f.shape)),
                }
                shape = Some(f.shape);
            }
            (Segment::Map { key }, Some(Shape::Map(s))) => {
                out.push_str(&format!("/{key}"));
                shape = Some(s);
            }
            (Segment::Map { key }, _) => out.push_str(&format!("/{key}")),
            (Segment::Seq { index }, _) => out.push_str(&format!("[{}]", index + 1)),
            _ => {}
        }
    }
    out
}
