//! `body-string.json`: null, empty, whitespace, multi-byte and base64/base64url strings,
//! closed and referenced enums, a model with a constant property.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_string::models::{
    ColorConstant, Colors, RefColorConstant, RefColors, StringGetEmptyResponse,
    StringGetMbcsResponse, StringGetWhitespaceResponse,
};
use ts_body_string::AutoRestSwaggerBatServiceClient as Client;
use vanilla::{done, null, prints_as, rejects_null_at, value, FromBytes};

/// What the server's base64 and base64url bodies decode to.
const DECODED_BASE64: &str = "a string that gets encoded with base64";
const DECODED_BASE64URL: &str = "a string that gets encoded with base64url";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let s = client.string_operations();
    let mut c = Checks::new();
    c.check(&["getStringNull"], async {
        null!(s.string_get_null().await)
    })
    .await;
    c.check(&["putStringNull"], async {
        done(s.string_put_null(None).await)
    })
    .await;
    c.check(&["getStringEmpty"], async {
        value(
            "empty",
            s.string_get_empty().await,
            StringGetEmptyResponse::Value,
        )
    })
    .await;
    c.check(&["putStringEmpty"], async {
        done(s.string_put_empty(StringGetEmptyResponse::Value).await)
    })
    .await;
    // An empty body, and the swagger's `{type: string}` is not nullable (`getStringNull`'s is).
    c.check(&["getStringNotProvided"], async {
        rejects_null_at(".", s.string_get_not_provided().await)
    })
    .await;
    c.check(&["getStringWithLeadingAndTrailingWhitespace"], async {
        value(
            "whitespace",
            s.string_get_whitespace().await,
            StringGetWhitespaceResponse::NowIsTheTimeForAllGoodMenToComeToTheAidOfTheirCountry,
        )
    })
    .await;
    c.check(&["putStringWithLeadingAndTrailingWhitespace"], async {
        done(
            s.string_put_whitespace(
                StringGetWhitespaceResponse::NowIsTheTimeForAllGoodMenToComeToTheAidOfTheirCountry,
            )
            .await,
        )
    })
    .await;
    c.check(&["getStringMultiByteCharacters"], async {
        value(
            "mbcs",
            s.string_get_mbcs().await,
            StringGetMbcsResponse::AZhaKaoPoGuInNangInWu1TelZhuXIx1Eur110IxiiAnakeAAIaaiaagBiuIxaG0,
        )
    })
    .await;
    c.check(&["putStringMultiByteCharacters"], async {
        done(s.string_put_mbcs(StringGetMbcsResponse::AZhaKaoPoGuInNangInWu1TelZhuXIx1Eur110IxiiAnakeAAIaaiaagBiuIxaG0).await)
    })
    .await;
    c.check(&["getStringBase64Encoded"], async {
        prints_as(
            "format: byte",
            s.string_get_base64_encoded().await,
            DECODED_BASE64.as_bytes(),
        )
    })
    .await;
    c.check(&["getStringBase64UrlEncoded"], async {
        prints_as(
            "format: base64url",
            s.string_get_base64_url_encoded().await,
            DECODED_BASE64URL.as_bytes(),
        )
    })
    .await;
    c.check(&["putStringBase64UrlEncoded"], async {
        let body = FromBytes::from_bytes(DECODED_BASE64URL.as_bytes())?;
        done(s.string_put_base64_url_encoded(body).await)
    })
    .await;
    c.check(&["getStringNullBase64UrlEncoding"], async {
        null!(s.string_get_null_base64_url_encoded().await)
    })
    .await;

    let e = client.string_operations();
    c.check(&["getEnumNotExpandable"], async {
        value("enum", e.enum_get_not_expandable().await, Colors::RedColor)
    })
    .await;
    c.check(&["putEnumNotExpandable"], async {
        done(e.enum_put_not_expandable(Colors::RedColor).await)
    })
    .await;
    c.check(&["getEnumReferenced"], async {
        value("enum", e.enum_get_referenced().await, RefColors::RedColor)
    })
    .await;
    c.check(&["putEnumReferenced"], async {
        done(e.enum_put_referenced(RefColors::RedColor).await)
    })
    .await;
    c.check(&["getEnumReferencedConstant"], async {
        // The server leaves out the required constant: the schema fixes its one value.
        value(
            "a model with a constant",
            e.enum_get_referenced_constant().await,
            RefColorConstant {
                color_constant: ColorConstant::GreenColor,
                field1: Some("Sample String".into()),
            },
        )
    })
    .await;
    c.check(&["putEnumReferencedConstant"], async {
        done(
            e.enum_put_referenced_constant(RefColorConstant {
                color_constant: ColorConstant::GreenColor,
                field1: None,
            })
            .await,
        )
    })
    .await;
    c.finish()
}
