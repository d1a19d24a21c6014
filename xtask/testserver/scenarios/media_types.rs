//! `media_types.json`: operations that accept several media types (a body enum with one
//! variant per type), a content type with a charset, and one without an `Accept` answer.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_media_types::models::SourcePath;
use ts_media_types::operations::{
    AnalyzeBodyBody, AnalyzeBodyNoAcceptHeaderBody, BinaryBodyWithThreeContentTypesBody,
    BinaryBodyWithTwoContentTypesBody, BodyThreeTypesBody,
};
use ts_media_types::MediaTypesClient as Client;
use vanilla::{done, value};

fn source() -> SourcePath {
    SourcePath {
        source: Some("https://example.com/file.pdf".into()),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let k = &client;
    let mut c = Checks::new();
    c.check(&["MediaTypeJson"], async {
        value(
            "answer",
            k.analyze_body(Some(AnalyzeBodyBody::Json(source()))).await,
            "Nice job with JSON".into(),
        )
    })
    .await;
    c.check(&["MediaTypePdf"], async {
        let pdf = AnalyzeBodyBody::ApplicationPdf("PDF".into());
        value(
            "answer",
            k.analyze_body(Some(pdf)).await,
            "Nice job with PDF".into(),
        )
    })
    .await;
    c.check(&["MediaTypeWithEncoding"], async {
        value(
            "answer",
            k.content_type_with_encoding(Some("input".into())).await,
            "Nice job sending content type with encoding".into(),
        )
    })
    .await;
    c.check(&["MediaTypesAnalyzeBodyNoAcceptHeader"], async {
        let body = AnalyzeBodyNoAcceptHeaderBody::Json(source());
        done(k.analyze_body_no_accept_header(Some(body)).await)
    })
    .await;
    c.check(&["MediaTypesTwoContentTypes"], async {
        let body = BinaryBodyWithTwoContentTypesBody::Binary("hello, world!".into());
        done(k.binary_body_with_two_content_types(body).await)
    })
    .await;
    c.check(&["MediaTypesThreeContentTypes"], async {
        k.binary_body_with_three_content_types(
            BinaryBodyWithThreeContentTypesBody::ApplicationOctetStream("hello, world!".into()),
        )
        .await?;
        done(
            k.binary_body_with_three_content_types(BinaryBodyWithThreeContentTypesBody::TextPlain(
                "hello, world".into(),
            ))
            .await,
        )
    })
    .await;
    c.check(&["MediaTypesThreeBodyTypes"], async {
        k.body_three_types(BodyThreeTypesBody::Json(json!({"hello": "world"})))
            .await?;
        k.body_three_types(BodyThreeTypesBody::Binary("hello, world!".into()))
            .await?;
        done(
            k.body_three_types(BodyThreeTypesBody::Text("hello, world".into()))
                .await,
        )
    })
    .await;
    c.finish()
}
