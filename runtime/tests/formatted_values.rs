//! Formatted values through the runtime's codecs: model fields with `#[wire(codec = …)]`
//! (bytes, base64url, RFC 1123 date-times inside `Vec`s, maps and `Option`s), and the same
//! codecs on a request's parameters and body and a response body, read back by a loopback
//! server.

mod common;

use std::collections::BTreeMap;

use apigen_runtime::wire::{Base64, Base64Url, Coded, Date, DateTime, Rfc1123};
use apigen_runtime::{Method, Model};
use common::{client, reply, serve};
use serde_json::json;
use time::macros::{date, datetime};

#[derive(Clone, Debug, PartialEq, Model)]
struct Record {
    #[wire(codec = Base64)]
    data: Vec<u8>,
    #[wire(codec = Base64Url)]
    token: Option<Vec<u8>>,
    #[wire(codec = Rfc1123)]
    modified: Option<time::OffsetDateTime>,
    #[wire(codec = Vec<BTreeMap<String, Vec<Date>>>)]
    history: Option<Vec<BTreeMap<String, Vec<time::Date>>>>,
    #[wire(codec = BTreeMap<String, DateTime>, nullable)]
    times: Option<BTreeMap<String, time::OffsetDateTime>>,
    id: apigen_runtime::Uuid,
    ttl: Option<apigen_runtime::Duration>,
}

/// Every field optional: read through the other derive path (`ReadFields`).
#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Chunks {
    #[wire(codec = Vec<Base64>)]
    chunks: Option<Vec<Vec<u8>>>,
    #[wire(codec = Vec<Option<Rfc1123>>)]
    stamps: Option<Vec<Option<time::OffsetDateTime>>>,
}

fn record_json() -> serde_json::Value {
    json!({
        "data": "//79/A==",
        "token": "_-8",
        "modified": "Wed, 12 Oct 1492 10:15:01 GMT",
        "history": [{"a": ["2000-12-01", "1980-01-02"]}],
        "times": {"x": "2000-12-01t00:00:01z"},
        "id": "6dcc7237-45fe-45c4-8a6b-3a8a3f625652",
        "ttl": "P123DT22H14M12.011S",
    })
}

#[test]
fn codec_fields_read_and_write_their_wire_form() {
    let r: Record = serde_json::from_value(record_json()).unwrap();
    assert_eq!(r.data, [255, 254, 253, 252]);
    assert_eq!(r.token.as_deref(), Some(&[255, 239][..]));
    assert_eq!(r.modified, Some(datetime!(1492-10-12 10:15:01 UTC)));
    assert_eq!(
        r.history.as_ref().unwrap()[0]["a"][1],
        date!(1980 - 01 - 02)
    );
    assert_eq!(
        r.times.as_ref().unwrap()["x"],
        datetime!(2000-12-01 00:00:01 UTC)
    );
    let mut want = record_json();
    // Written in the canonical forms: RFC 3339 upper case.
    want["times"]["x"] = json!("2000-12-01T00:00:01Z");
    assert_eq!(serde_json::to_value(&r).unwrap(), want);
    // `nullable` composes with a codec: `None` is written as null.
    let none = Record {
        times: None,
        token: None,
        ..r
    };
    let written = serde_json::to_value(&none).unwrap();
    assert_eq!(written["times"], json!(null));
    assert!(written.get("token").is_none());
}

#[test]
fn an_invalid_formatted_value_is_an_error_at_its_item() {
    for (field, bad, path) in [
        ("data", json!("::::SWAGGER::::"), "data"),
        (
            "history",
            json!([{"a": ["2000-12-01", "date"]}]),
            "history[0].a[1]",
        ),
        ("id", json!("foo"), "id"),
        ("ttl", json!("123ABC"), "ttl"),
    ] {
        let mut v = record_json();
        v[field] = bad;
        let text = v.to_string();
        let de = &mut serde_json::Deserializer::from_str(&text);
        let err = serde_path_to_error::deserialize::<_, Record>(de).unwrap_err();
        assert_eq!(err.path().to_string(), path, "{field}: {err}");
    }
    let de = &mut serde_json::Deserializer::from_str(r#"{"chunks": ["AQID", "%%"]}"#);
    let err = serde_path_to_error::deserialize::<_, Chunks>(de).unwrap_err();
    assert_eq!(err.path().to_string(), "chunks[1]");
    assert!(
        err.inner().to_string().contains("invalid base64 `%%`"),
        "{err}"
    );
}

#[test]
fn all_optional_models_lift_codecs_through_options_too() {
    let c: Chunks = serde_json::from_str(
        r#"{"chunks": ["AQID"], "stamps": [null, "Fri, 01 Dec 2000 00:00:01 GMT"]}"#,
    )
    .unwrap();
    assert_eq!(c.chunks, Some(vec![vec![1, 2, 3]]));
    assert_eq!(
        c.stamps,
        Some(vec![None, Some(datetime!(2000-12-01 00:00:01 UTC))])
    );
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"chunks":["AQID"],"stamps":[null,"Fri, 01 Dec 2000 00:00:01 GMT"]}"#
    );
}

#[tokio::test]
async fn parameters_and_bodies_go_through_their_codec_both_ways() {
    let server = serve(|_| async { reply(200, &[], r#"["AQID", "/w=="]"#) }).await;
    let bytes = "啊齄丂狛".as_bytes().to_vec();
    let got: Vec<Vec<u8>> = client(&server.url)
        .request(
            Method::PUT,
            "/bytes/{b}/{u}",
            &[
                &apigen_runtime::wire::path_text(&Coded::<Base64, _>::new(bytes.clone())),
                &apigen_runtime::wire::path_text(&Coded::<Base64Url, _>::new(bytes.clone())),
            ],
        )
        .query("q", Coded::<Base64, _>::new(bytes.clone()))
        .header("h", Coded::<Base64, _>::new(vec![255, 254]))
        .json(&Coded::<Vec<Rfc1123>, _>::new(vec![
            datetime!(1492-10-12 10:15:01 UTC),
        ]))
        .call::<_, Coded<Vec<Base64>, _>>()
        .await
        .unwrap();
    assert_eq!(got, [vec![1, 2, 3], vec![255]]);
    let seen = server.last();
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .unwrap()
            .into_owned()
    };
    assert_eq!(
        decode(seen.path()),
        "/bytes/5ZWK6b2E5LiC54ub/5ZWK6b2E5LiC54ub"
    );
    assert!(
        decode(seen.query()).contains("q=5ZWK6b2E5LiC54ub"),
        "{}",
        seen.query()
    );
    assert_eq!(seen.header("h"), Some("//4="));
    assert_eq!(&seen.body[..], br#"["Wed, 12 Oct 1492 10:15:01 GMT"]"#);
}

#[tokio::test]
async fn a_response_item_that_is_not_its_format_fails_to_decode_at_the_item() {
    let server = serve(|_| async { reply(200, &[], r#"{"0": "2011-03-22", "1": "date"}"#) }).await;
    let err = client(&server.url)
        .request(Method::GET, "/dates", &[])
        .call::<BTreeMap<String, time::Date>, Coded<BTreeMap<String, Date>, _>>()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, apigen_runtime::Error::Deserialize { .. }),
        "{text}"
    );
    assert!(
        text.contains("at `1`") && text.contains("invalid date `date`"),
        "{text}"
    );
}
