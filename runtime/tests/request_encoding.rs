//! What requests put on the wire, read back by a loopback server: the OpenAPI 3 style table
//! (https://spec.openapis.org/oas/v3.0.3#style-examples) for query, header and cookie
//! parameters, and form, multipart, binary, text and typed-JSON bodies; server URL templates.

mod common;

use apigen_runtime::wire::{JsonText, Style};
use apigen_runtime::{ClientBuilder, FilePart, Method, Multipart, NoBody, ServerVariable};
use common::{client, reply, serve, Recorded, SPEC};

/// The style table's object value: `{"R": 100, "G": 200, "B": 150}`, properties in that order.
#[derive(serde::Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u8,
    #[serde(rename = "G")]
    g: u8,
    #[serde(rename = "B")]
    b: u8,
}

const COLOR: Color = Color {
    r: 100,
    g: 200,
    b: 150,
};
const ARRAY: [&str; 3] = ["blue", "black", "brown"];

async fn ok_server() -> common::TestServer {
    serve(|_| async { reply(200, &[], "") }).await
}

/// Sends one GET with `build` applied and returns what the server saw.
async fn sent(build: impl FnOnce(apigen_runtime::Request) -> apigen_runtime::Request) -> Recorded {
    let server = ok_server().await;
    let c = client(&server.url);
    build(c.request(Method::POST, "/x", &[]))
        .call::<(), NoBody>()
        .await
        .unwrap();
    server.last()
}

fn decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The query, with `api-version` (added by the runtime) left out, percent-decoded.
fn query_of(r: &Recorded) -> String {
    let q: Vec<&str> = r
        .query()
        .split('&')
        .filter(|p| !p.starts_with("api-version="))
        .collect();
    decoded(&q.join("&"))
}

#[tokio::test]
async fn query_styles_follow_the_openapi_style_table() {
    let cases: Vec<(Style, Option<&str>, Option<&str>, &str)> = vec![
        // (style, array, object, primitive) as the table writes them.
        (
            Style::Form { explode: false },
            Some("color=blue,black,brown"),
            Some("color=R,100,G,200,B,150"),
            "color=blue",
        ),
        (
            Style::Form { explode: true },
            Some("color=blue&color=black&color=brown"),
            Some("R=100&G=200&B=150"),
            "color=blue",
        ),
        (
            Style::SpaceDelimited,
            Some("color=blue black brown"),
            Some("color=R 100 G 200 B 150"),
            "color=blue",
        ),
        (
            Style::PipeDelimited,
            Some("color=blue|black|brown"),
            Some("color=R|100|G|200|B|150"),
            "color=blue",
        ),
        (
            Style::DeepObject,
            None,
            Some("color[R]=100&color[G]=200&color[B]=150"),
            "color=blue",
        ),
    ];
    for (style, array, object, primitive) in cases {
        let r = sent(|q| q.query_styled("color", style, "blue")).await;
        assert_eq!(query_of(&r), primitive, "{style:?} primitive");
        if let Some(array) = array {
            let r = sent(|q| q.query_styled("color", style, ARRAY)).await;
            assert_eq!(query_of(&r), array, "{style:?} array");
        }
        if let Some(object) = object {
            let r = sent(|q| q.query_styled("color", style, &COLOR)).await;
            assert_eq!(query_of(&r), object, "{style:?} object");
        }
    }
    // `None` sends nothing; the raw bytes are percent-encoded (space as %20, brackets too).
    let r = sent(|q| q.query_styled("color", Style::DeepObject, None::<Color>)).await;
    assert_eq!(query_of(&r), "");
    let r = sent(|q| q.query_styled("color", Style::SpaceDelimited, ARRAY)).await;
    assert!(
        r.query().contains("color=blue%20black%20brown"),
        "{}",
        r.query()
    );
    let r = sent(|q| q.query_styled("color", Style::DeepObject, &COLOR)).await;
    assert!(r.query().starts_with("color%5BR%5D=100&"), "{}", r.query());
}

#[tokio::test]
async fn header_arrays_and_objects_use_the_simple_style() {
    let r = sent(|q| {
        q.header("X-Array", ARRAY)
            .header_styled("X-Object", Style::Simple { explode: false }, &COLOR)
            .header_styled("X-Exploded", Style::Simple { explode: true }, &COLOR)
            .header_styled("X-None", Style::Simple { explode: true }, None::<Color>)
    })
    .await;
    assert_eq!(r.header("x-array"), Some("blue,black,brown"));
    assert_eq!(r.header("x-object"), Some("R,100,G,200,B,150"));
    assert_eq!(r.header("x-exploded"), Some("R=100,G=200,B=150"));
    assert_eq!(r.header("x-none"), None);
}

#[tokio::test]
async fn cookies_share_one_header_and_are_encoded_where_a_cookie_needs_it() {
    let r = sent(|q| {
        q.cookie("session", "a b;c")
            .cookie("ids", [1, 2, 3])
            .cookie("unset", None::<String>)
    })
    .await;
    assert_eq!(r.header("cookie"), Some("session=a%20b%3Bc; ids=1,2,3"));
    let r = sent(|q| q).await;
    assert_eq!(r.header("cookie"), None);
}

#[tokio::test]
async fn content_encoded_parameters_are_json_text() {
    #[derive(serde::Serialize)]
    struct Filter {
        name: &'static str,
        ids: [u8; 2],
    }
    let r = sent(|q| {
        q.query(
            "filter",
            JsonText(Filter {
                name: "a&b",
                ids: [1, 2],
            }),
        )
    })
    .await;
    assert_eq!(query_of(&r), r#"filter={"name":"a&b","ids":[1,2]}"#);
    assert_eq!(
        r.query_value("filter").as_deref(),
        Some(r#"{"name":"a&b","ids":[1,2]}"#)
    );
}

#[derive(serde::Serialize)]
struct Pet {
    name: &'static str,
    tags: Vec<&'static str>,
    age: Option<u8>,
    owner: Option<&'static str>,
}

#[tokio::test]
async fn form_bodies_are_urlencoded_pairs_in_field_order() {
    let pet = Pet {
        name: "Rex & Co",
        tags: vec!["good boy", "ü"],
        age: Some(3),
        owner: None,
    };
    let r = sent(|q| q.form(&pet)).await;
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.body_text(),
        "name=Rex+%26+Co&tags=good+boy&tags=%C3%BC&age=3"
    );
    // What a server's form parser reads back.
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&r.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("name", "Rex & Co"),
            ("tags", "good boy"),
            ("tags", "ü"),
            ("age", "3")
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    // A body that is not an object is refused before anything is sent.
    let server = ok_server().await;
    let e = client(&server.url)
        .request(Method::POST, "/x", &[])
        .form(&[1, 2])
        .call::<(), NoBody>()
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("a form body must be an object"),
        "{e}"
    );
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn multipart_bodies_carry_fields_and_files_byte_for_byte() {
    let body = Multipart::with_boundary("b0undary")
        .field("name", &"Rex")
        .field("age", &3)
        .field("tags", &["a", "b"])
        .field("owner", &None::<String>)
        .field("meta", &COLOR)
        .file(
            "photo",
            FilePart::new(vec![0u8, 159, 146, 150])
                .file_name("rex \"1\".png")
                .content_type("image/png"),
        )
        .files("extra", [vec![1u8], vec![2u8]]);
    let r = sent(|q| q.multipart(body)).await;
    assert_eq!(
        r.header("content-type"),
        Some("multipart/form-data; boundary=b0undary")
    );
    let mut expected: Vec<u8> = Vec::new();
    let text_part = |name: &str, value: &str| {
        format!("--b0undary\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    };
    expected.extend(text_part("name", "Rex").bytes());
    expected.extend(text_part("age", "3").bytes());
    expected.extend(text_part("tags", "a").bytes());
    expected.extend(text_part("tags", "b").bytes());
    expected.extend(
        "--b0undary\r\ncontent-disposition: form-data; name=\"meta\"\r\ncontent-type: application/json\r\n\r\n{\"R\":100,\"G\":200,\"B\":150}\r\n".bytes(),
    );
    expected.extend(
        "--b0undary\r\ncontent-disposition: form-data; name=\"photo\"; filename=\"rex %221%22.png\"\r\ncontent-type: image/png\r\n\r\n".bytes(),
    );
    expected.extend([0u8, 159, 146, 150]);
    expected.extend(b"\r\n");
    for byte in [1u8, 2] {
        expected.extend(
            "--b0undary\r\ncontent-disposition: form-data; name=\"extra\"\r\ncontent-type: application/octet-stream\r\n\r\n".bytes(),
        );
        expected.push(byte);
        expected.extend(b"\r\n");
    }
    expected.extend(b"--b0undary--\r\n");
    assert_eq!(r.body.as_ref(), expected.as_slice(), "{}", r.body_text());

    // The default boundary is random and never inside a part.
    let r = sent(|q| q.multipart(Multipart::new().field("a", &"x"))).await;
    let ct = r.header("content-type").unwrap().to_string();
    let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
    assert!(boundary.len() > 20, "{boundary}");
    assert!(r.body_text().ends_with(&format!("--{boundary}--\r\n")));
    let server = ok_server().await;
    let e = client(&server.url)
        .request(Method::POST, "/x", &[])
        .multipart(Multipart::with_boundary("zz").field("a", &"--zz"))
        .call::<(), NoBody>()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("contains its boundary"), "{e}");
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn binary_text_and_typed_json_bodies_keep_their_content_type() {
    let r = sent(|q| q.bytes("application/octet-stream", vec![0u8, 255, 10])).await;
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert_eq!(r.body.as_ref(), &[0u8, 255, 10]);
    let r = sent(|q| q.text("text/plain", "héllo\n".into())).await;
    assert_eq!(r.header("content-type"), Some("text/plain"));
    assert_eq!(r.body_text(), "héllo\n");
    let r = sent(|q| q.json_as("application/merge-patch+json", &COLOR)).await;
    assert_eq!(
        r.header("content-type"),
        Some("application/merge-patch+json")
    );
    assert_eq!(r.body_text(), r#"{"R":100,"G":200,"B":150}"#);
}

#[tokio::test]
async fn binary_responses_come_back_as_bytes() {
    let server = serve(|_| async {
        axum::response::Response::builder()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body(axum::body::Body::from(vec![0u8, 1, 254, 255]))
            .unwrap()
    })
    .await;
    let bytes: Vec<u8> = client(&server.url)
        .request(Method::GET, "/file", &[])
        .call::<Vec<u8>, apigen_runtime::Binary>()
        .await
        .unwrap();
    assert_eq!(bytes, [0u8, 1, 254, 255]);
}

const SERVER_VARIABLES: &[ServerVariable] = &[
    ServerVariable {
        name: "port",
        default: Some("1"),
        allowed: &[],
    },
    ServerVariable {
        name: "version",
        default: Some("v1"),
        allowed: &["v1", "v2"],
    },
];

#[tokio::test]
async fn server_variables_build_the_endpoint_once_with_the_spec_defaults() {
    let server = ok_server().await;
    let port = server.url.rsplit(':').next().unwrap().to_string();
    let builder = || {
        ClientBuilder::new(SPEC, |c| c)
            .server_template("http://127.0.0.1:{port}/{version}", SERVER_VARIABLES)
    };
    let c = builder().server_variable("port", &port).build().unwrap();
    assert_eq!(c.endpoint().as_str(), format!("http://127.0.0.1:{port}/v1"));
    c.request(Method::GET, "/things", &[])
        .call::<(), NoBody>()
        .await
        .unwrap();
    assert_eq!(server.last().path(), "/v1/things");
    let c = builder()
        .server_variable("port", &port)
        .server_variable("version", "v2")
        .build()
        .unwrap();
    assert_eq!(c.endpoint().path(), "/v2");
    // An explicit endpoint wins over the template.
    let c = builder()
        .endpoint("https://other.example")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(c.endpoint().as_str(), "https://other.example/");

    let err = |b: ClientBuilder<apigen_runtime::Client>| b.build().unwrap_err().to_string();
    let e = err(builder().server_variable("version", "v3"));
    assert!(
        e.contains("`v3` is not allowed for `version` (allowed: v1, v2)"),
        "{e}"
    );
    let e = err(builder().server_variable("region", "eu"));
    assert!(e.contains("no variable `region`"), "{e}");
    let e = err(ClientBuilder::new(SPEC, |c| c).server_variable("region", "eu"));
    assert!(e.contains("has no variables"), "{e}");
}

/// A path key with its own query (`/?comp=list`, as Azure Storage specs write them) and the
/// same constant as a query parameter: the pair is sent once; another value is still added.
#[tokio::test]
async fn a_query_pair_the_path_template_carries_is_sent_once() {
    let server = ok_server().await;
    let c = client(&server.url);
    c.request(Method::GET, "/xml/?comp=list&restype=service", &[])
        .query("comp", "list")
        .query("restype", "container")
        .call::<(), NoBody>()
        .await
        .unwrap();
    assert_eq!(
        query_of(&server.last()),
        "comp=list&restype=service&restype=container"
    );
}

/// A placeholder in the query part of a path key (`/export?filename={filename}`, clicksend)
/// is filled like any other, its value percent-encoded, so `&`, `=` and `?` stay inside it.
#[tokio::test]
async fn a_placeholder_in_the_template_query_is_filled_and_encoded() {
    let server = ok_server().await;
    let c = client(&server.url);
    c.request(
        Method::GET,
        "/export/{kind}?filename={filename}&v=1",
        &["sms", "a&b=c?.csv"],
    )
    .query("page", "2")
    .call::<(), NoBody>()
    .await
    .unwrap();
    let request = server.last();
    assert_eq!(request.path(), "/export/sms");
    let raw: Vec<&str> = request
        .query()
        .split('&')
        .filter(|p| !p.starts_with("api-version="))
        .collect();
    assert_eq!(raw, ["filename=a%26b%3Dc%3F.csv", "v=1", "page=2"]);
}
