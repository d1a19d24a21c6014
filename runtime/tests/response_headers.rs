//! Typed response headers (`Response::header_value`) against a loopback server: each type a
//! spec gives a header reads from the text a service sends; a missing header is `None`, and
//! text that is not the type is an error naming the header.

mod common;

use apigen_runtime::{Error, Method, NoBody, Response};
use common::*;

async fn headers_server() -> TestServer {
    serve(|_r: Recorded| async {
        reply(
            200,
            &[
                ("count", "-2"),
                ("big", "105"),
                ("ratio", "0.07"),
                ("huge", "7e120"),
                ("flag", "true"),
                ("text", "The quick brown fox"),
                ("empty", ""),
                ("day", "0001-01-01"),
                ("at", "2010-01-01T12:34:56Z"),
                ("http-date", "Mon, 01 Jan 0001 00:00:00 GMT"),
                ("blob", "5ZWK6b2E5LiC54ub54uc76ex76Ss76ex76iM76ip"),
                ("not-a-number", "seven"),
            ],
            "",
        )
    })
    .await
}

/// The server and its response (the server lives as long as the test holds it).
async fn headers_response() -> (TestServer, Response<()>) {
    let srv = headers_server().await;
    let r = client(&srv.url)
        .request(Method::GET, "/headers", &[])
        .call::<(), NoBody>()
        .send()
        .await
        .unwrap();
    (srv, r)
}

#[tokio::test]
async fn every_declared_type_reads_from_the_header_text() {
    let (_srv, r) = headers_response().await;
    assert_eq!(r.header_value::<i32>("count").unwrap(), Some(-2));
    assert_eq!(r.header_value::<i64>("big").unwrap(), Some(105));
    assert_eq!(r.header_value::<f32>("ratio").unwrap(), Some(0.07));
    assert_eq!(r.header_value::<f64>("huge").unwrap(), Some(7e120));
    assert_eq!(r.header_value::<bool>("flag").unwrap(), Some(true));
    assert_eq!(
        r.header_value::<String>("text").unwrap().as_deref(),
        Some("The quick brown fox")
    );
    assert_eq!(
        r.header_value::<String>("empty").unwrap().as_deref(),
        Some("")
    );
    assert_eq!(
        r.header_value::<time::Date>("day").unwrap(),
        Some(time::macros::date!(0001 - 01 - 01))
    );
    assert_eq!(
        r.header_value::<time::OffsetDateTime>("at").unwrap(),
        Some(time::macros::datetime!(2010-01-01 12:34:56 UTC))
    );
    assert_eq!(
        r.header_value::<time::OffsetDateTime>("http-date").unwrap(),
        Some(time::macros::datetime!(0001-01-01 00:00:00 UTC))
    );
    assert_eq!(
        r.header_value::<Vec<u8>>("blob").unwrap(),
        Some(
            "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}"
                .as_bytes()
                .to_vec()
        )
    );
    // Header names are case-insensitive.
    assert_eq!(r.header_value::<i32>("COUNT").unwrap(), Some(-2));
    assert_eq!(r.header_value::<i32>("absent").unwrap(), None);
}

#[tokio::test]
async fn text_that_is_not_the_type_is_an_error_naming_the_header() {
    let (_srv, r) = headers_response().await;
    let err = r.header_value::<f64>("not-a-number").unwrap_err();
    assert!(
        matches!(&err, Error::Deserialize { path, .. } if path == "header `not-a-number`"),
        "{err:?}"
    );
    assert!(err.to_string().contains("seven"), "{err}");
    assert!(r.header_value::<bool>("count").is_err());
}
