//! XML bodies against a loopback server: what `Request::xml` puts on the wire, what
//! `xml::Xml` decodes (attributes, `x-ms-text`, wrapped and unwrapped lists, maps, a list at
//! the root, empty lists and nodes, required elements left out), and errors that name the
//! element and keep the body.

mod common;

use std::collections::BTreeMap;

use apigen_runtime::xml::{Field, Kind, Leaf, Root, Shape, Xml, XmlBody};
use apigen_runtime::{Error, Method, NoBody};
use common::{client, reply, serve};

#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Shelf {
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    count: i64,
    open: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    books: Option<Vec<Book>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Book {
    title: String,
}

static TEXT: Shape = Shape::Text(Leaf::String);
static BOOK: Shape = Shape::Object(&[Field {
    json: "title",
    name: "Title",
    kind: Kind::Element,
    shape: &TEXT,
    required: true,
}]);
static SHELF: Shape = Shape::Object(&[
    Field {
        json: "label",
        name: "label",
        kind: Kind::Attribute,
        shape: &TEXT,
        required: false,
    },
    Field {
        json: "note",
        name: "note",
        kind: Kind::Text,
        shape: &TEXT,
        required: false,
    },
    Field {
        json: "count",
        name: "Count",
        kind: Kind::Element,
        shape: &Shape::Text(Leaf::Number),
        required: true,
    },
    Field {
        json: "open",
        name: "Open",
        kind: Kind::Element,
        shape: &Shape::Text(Leaf::Boolean),
        required: true,
    },
    Field {
        json: "books",
        name: "Book",
        kind: Kind::Repeated,
        shape: &BOOK,
        required: false,
    },
    Field {
        json: "tags",
        name: "Tags",
        kind: Kind::Element,
        shape: &Shape::List {
            item: "Tag",
            shape: &TEXT,
        },
        required: false,
    },
    Field {
        json: "meta",
        name: "Meta",
        kind: Kind::Element,
        shape: &Shape::Map(&TEXT),
        required: false,
    },
]);

struct ShelfXml;
impl XmlBody for ShelfXml {
    fn root() -> &'static Root {
        static ROOT: Root = Root {
            name: "Shelf",
            shape: &SHELF,
        };
        &ROOT
    }
}

struct BooksXml;
impl XmlBody for BooksXml {
    fn root() -> &'static Root {
        static ROOT: Root = Root {
            name: "Books",
            shape: &Shape::List {
                item: "Book",
                shape: &BOOK,
            },
        };
        &ROOT
    }
}

fn book(title: &str) -> Book {
    Book {
        title: title.into(),
    }
}

async fn get<T: serde::de::DeserializeOwned + Send + 'static, R: XmlBody + 'static>(
    body: &'static str,
) -> apigen_runtime::Result<T> {
    let server =
        serve(move |_| async move { reply(200, &[("content-type", "application/xml")], body) })
            .await;
    client(&server.url)
        .request(Method::GET, "/shelf", &[])
        .call::<T, Xml<R>>()
        .await
}

#[tokio::test]
async fn a_model_is_written_as_its_shape_says() {
    let server = serve(|_| async { reply(201, &[], "") }).await;
    let shelf = Shelf {
        label: Some("a \"b\" & c".into()),
        note: Some("1 < 2".into()),
        count: 2,
        open: true,
        books: Some(vec![book("Dune"), book("Emma")]),
        tags: Some(Vec::new()),
        meta: Some(BTreeMap::from([("Color".to_string(), "red".to_string())])),
    };
    client(&server.url)
        .request(Method::PUT, "/shelf", &[])
        .xml::<ShelfXml>("application/xml", &shelf)
        .call::<(), NoBody>()
        .await
        .unwrap();
    let sent = server.last();
    assert_eq!(sent.header("content-type"), Some("application/xml"));
    assert_eq!(
        sent.body_text(),
        "<Shelf label=\"a &quot;b&quot; &amp; c\">1 &lt; 2<Count>2</Count><Open>true</Open>\
         <Book><Title>Dune</Title></Book><Book><Title>Emma</Title></Book><Tags/>\
         <Meta><Color>red</Color></Meta></Shelf>"
    );
}

#[tokio::test]
async fn a_list_at_the_root_is_written_as_its_items_and_an_empty_one_as_an_empty_element() {
    let server = serve(|_| async { reply(201, &[], "") }).await;
    let c = client(&server.url);
    for (books, want) in [
        (
            vec![book("Dune")],
            "<Books><Book><Title>Dune</Title></Book></Books>",
        ),
        (Vec::new(), "<Books/>"),
    ] {
        c.request(Method::PUT, "/books", &[])
            .xml::<BooksXml>("text/xml", &books)
            .call::<(), NoBody>()
            .await
            .unwrap();
        assert_eq!(server.last().body_text(), want);
        assert_eq!(server.last().header("content-type"), Some("text/xml"));
    }
}

#[tokio::test]
async fn a_document_decodes_into_the_model() {
    let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<Shelf label="top &amp; best"><Count>3</Count><Open>false</Open>
  <Book><Title>Dune</Title></Book><Unknown>ignored</Unknown><Book><Title></Title></Book>
  <Tags><Tag>new</Tag><Tag/></Tags><Meta><x-ms-odd>1</x-ms-odd></Meta></Shelf>"#;
    let shelf: Shelf = get::<Shelf, ShelfXml>(doc).await.unwrap();
    assert_eq!(
        shelf,
        Shelf {
            label: Some("top & best".into()),
            // The whitespace between elements is the element's text.
            note: Some("\n  \n  ".into()),
            count: 3,
            open: false,
            books: Some(vec![book("Dune"), book("")]),
            tags: Some(vec!["new".into(), String::new()]),
            meta: Some(BTreeMap::from([("x-ms-odd".to_string(), "1".to_string())])),
        }
    );
}

#[tokio::test]
async fn left_out_elements_are_absent_when_optional_and_empty_when_required() {
    let shelf: Shelf = get::<Shelf, ShelfXml>("<Shelf><Tags></Tags></Shelf>")
        .await
        .unwrap();
    assert_eq!(
        shelf,
        Shelf {
            count: 0,
            open: false,
            tags: Some(Vec::new()),
            ..Shelf::default()
        }
    );
    let books: Vec<Book> = get::<Vec<Book>, BooksXml>("<Books/>").await.unwrap();
    assert_eq!(books, Vec::new());
    let books: Vec<Book> = get::<Vec<Book>, BooksXml>("<Books><Book/></Books>")
        .await
        .unwrap();
    assert_eq!(books, vec![book("")]);
}

#[tokio::test]
async fn a_bad_value_names_its_element_and_keeps_the_body() {
    let doc = "<Shelf><Count>1</Count><Open>yes</Open></Shelf>";
    match get::<Shelf, ShelfXml>(doc).await.unwrap_err() {
        Error::Deserialize {
            path,
            message,
            snippet,
            status,
            ..
        } => {
            assert_eq!(path, "/Shelf/Open");
            assert_eq!(message, "expected a boolean, found `yes`");
            assert_eq!(snippet, doc);
            assert_eq!(status, 200);
        }
        other => panic!("want a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_value_the_model_rejects_names_its_element() {
    // `Book.title` is a string: a model that wants a number there fails at the element.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Strict {
        title: u32,
    }
    let err = get::<Vec<Strict>, BooksXml>(
        "<Books><Book><Title>1</Title></Book><Book><Title>x</Title></Book></Books>",
    )
    .await
    .unwrap_err();
    match err {
        Error::Deserialize { path, .. } => assert_eq!(path, "/Books/Book[1]/Title"),
        other => panic!("want a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_document_that_is_not_xml_is_a_decode_error() {
    match get::<Shelf, ShelfXml>("<Shelf><Count>1</Shelf>")
        .await
        .unwrap_err()
    {
        Error::Deserialize { path, message, .. } => {
            assert_eq!(path, ".");
            assert!(message.starts_with("invalid XML:"), "{message}");
        }
        other => panic!("want a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_empty_body_is_null() {
    let none: Option<Shelf> = get::<Option<Shelf>, ShelfXml>("").await.unwrap();
    assert_eq!(none, None);
}
