//! `null` on the wire against a loopback server: items and values the spec allows to be null
//! are `Option`s that decode `null` and write it back; where it does not, a `null` (or an
//! empty body) is a decode error that names the JSON path and keeps the body. A required
//! constant (`#[wire(constant)]`) reads an absent property as its one value.

mod common;

use std::collections::BTreeMap;

use apigen_runtime::{Error, Json, Method, Model, StringEnum};
use common::*;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, StringEnum)]
enum Kind {
    #[wire(rename = "fixed")]
    #[default]
    Fixed,
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Wrapper {
    #[wire(constant)]
    kind: Kind,
    tags: Option<Vec<Option<String>>>,
    labels: Option<BTreeMap<String, Option<String>>>,
    lists: Option<BTreeMap<String, Option<Vec<Option<i64>>>>>,
}

/// Answers each path with its body, as JSON; `PUT /echo` sends the request body back.
async fn server() -> TestServer {
    serve(|r: Recorded| async move {
        let body = match r.path() {
            "/strings" => r#"["a",null,"c"]"#.to_string(),
            "/integers" => "[1,null,0]".to_string(),
            "/map" => r#"{"0":1,"1":null}"#.to_string(),
            "/empty" => String::new(),
            "/wrapper" => {
                r#"{"tags":["x",null],"labels":{"a":"1","":null},"lists":{"0":[1,null],"1":null}}"#
                    .to_string()
            }
            "/echo" => r.body_text(),
            _ => return reply(404, &[], ""),
        };
        reply(200, &[("content-type", "application/json")], body)
    })
    .await
}

async fn get<T: serde::de::DeserializeOwned + Send + 'static>(
    url: &str,
    path: &'static str,
) -> Result<T, Error> {
    client(url)
        .request(Method::GET, path, &[])
        .call::<T, Json>()
        .await
}

#[tokio::test]
async fn nullable_items_and_values_decode_null_as_none() {
    let srv = server().await;
    let strings: Vec<Option<String>> = get(&srv.url, "/strings").await.unwrap();
    assert_eq!(strings, vec![Some("a".into()), None, Some("c".into())]);
    let map: BTreeMap<String, Option<i64>> = get(&srv.url, "/map").await.unwrap();
    assert_eq!(
        map,
        BTreeMap::from([("0".into(), Some(1)), ("1".into(), None)])
    );
    let w: Wrapper = get(&srv.url, "/wrapper").await.unwrap();
    assert_eq!(w.kind, Kind::Fixed, "an absent constant reads as its value");
    assert_eq!(w.tags, Some(vec![Some("x".into()), None]));
    assert_eq!(
        w.labels,
        Some(BTreeMap::from([
            ("".into(), None),
            ("a".into(), Some("1".into()))
        ]))
    );
    assert_eq!(
        w.lists,
        Some(BTreeMap::from([
            ("0".into(), Some(vec![Some(1), None])),
            ("1".into(), None)
        ]))
    );
}

#[tokio::test]
async fn a_put_of_nullable_items_writes_null_and_round_trips() {
    let srv = server().await;
    let w = Wrapper {
        kind: Kind::Fixed,
        tags: Some(vec![Some("x".into()), None]),
        labels: Some(BTreeMap::from([("".into(), None)])),
        lists: None,
    };
    let back: Wrapper = client(&srv.url)
        .request(Method::PUT, "/echo", &[])
        .json(&w)
        .call::<Wrapper, Json>()
        .await
        .unwrap();
    assert_eq!(back, w);
    // The constant is always written; nulls are written as null, absent fields left out.
    assert_eq!(
        srv.last().body_text(),
        r#"{"kind":"fixed","tags":["x",null],"labels":{"":null}}"#
    );
}

#[tokio::test]
async fn null_where_the_schema_does_not_allow_it_is_an_error_at_its_path() {
    let srv = server().await;
    for (path, at) in [("/integers", "[1]"), ("/map", "1")] {
        let err = match path {
            "/integers" => get::<Vec<i64>>(&srv.url, path).await.map(drop),
            _ => get::<BTreeMap<String, i64>>(&srv.url, path).await.map(drop),
        }
        .unwrap_err();
        match &err {
            Error::Deserialize {
                status: 200,
                path: p,
                snippet,
                ..
            } => {
                assert_eq!(p, at, "{err}");
                assert!(snippet.contains("null"), "the body is kept: {err}");
            }
            other => panic!("{path}: want a decode error, got {other}"),
        }
    }
    // An empty body is no value: an error for a type that cannot be null, `None` for one
    // that can.
    let err = get::<Vec<i64>>(&srv.url, "/empty").await.unwrap_err();
    assert!(
        matches!(&err, Error::Deserialize { path, .. } if path == "."),
        "{err}"
    );
    let none: Option<Vec<i64>> = get(&srv.url, "/empty").await.unwrap();
    assert_eq!(none, None);
}

#[test]
fn a_constant_that_is_sent_must_be_its_value() {
    let err = serde_json::from_str::<Wrapper>(r#"{"kind":"other"}"#).unwrap_err();
    assert!(err.to_string().contains("other"), "{err}");
    let w: Wrapper = serde_json::from_str(r#"{"kind":"fixed"}"#).unwrap();
    assert_eq!(w.kind, Kind::Fixed);
}
