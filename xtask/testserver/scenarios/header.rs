//! `header.json`: request headers of every type, response headers of every type, a header
//! that overrides one the client sets (User-Agent, Content-Type), a custom request id.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::{date, date_time};
use testserver_scenarios::Checks;
use ts_header::models::GreyscaleColors;
use ts_header::AutoRestSwaggerBatHeaderServiceClient as Client;
use vanilla::{done, header_is, FromBytes, MULTIBYTE};


#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let h = client.header_operations();
    let mut c = Checks::new();
    c.check(&["HeaderParameterIntegerPositive"], async {
        done(h.header_param_integer("positive", 1).await)
    })
    .await;
    c.check(&["HeaderParameterIntegerNegative"], async {
        done(h.header_param_integer("negative", -2).await)
    })
    .await;
    c.check(&["HeaderParameterLongPositive"], async {
        done(h.header_param_long("positive", 105).await)
    })
    .await;
    c.check(&["HeaderParameterLongNegative"], async {
        done(h.header_param_long("negative", -2).await)
    })
    .await;
    c.check(&["HeaderParameterFloatPositive"], async {
        done(h.header_param_float("positive", 0.07).await)
    })
    .await;
    c.check(&["HeaderParameterFloatNegative"], async {
        done(h.header_param_float("negative", -3.0).await)
    })
    .await;
    c.check(&["HeaderParameterDoublePositive"], async {
        done(h.header_param_double("positive", 7e120).await)
    })
    .await;
    c.check(&["HeaderParameterDoubleNegative"], async {
        done(h.header_param_double("negative", -3.0).await)
    })
    .await;
    c.check(&["HeaderParameterBoolTrue"], async {
        done(h.header_param_bool("true", true).await)
    })
    .await;
    c.check(&["HeaderParameterBoolFalse"], async {
        done(h.header_param_bool("false", false).await)
    })
    .await;
    c.check(&["HeaderParameterStringValid"], async {
        done(
            h.header_param_string("valid")
                .value("The quick brown fox jumps over the lazy dog")
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterStringNull"], async {
        done(h.header_param_string("null").await)
    })
    .await;
    c.check(&["HeaderParameterStringEmpty"], async {
        done(h.header_param_string("empty").value("").await)
    })
    .await;
    c.check(&["HeaderParameterEnumValid"], async {
        done(
            h.header_param_enum("valid")
                .value(GreyscaleColors::Grey)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterEnumNull"], async {
        done(h.header_param_enum("null").await)
    })
    .await;
    c.check(&["HeaderParameterDateValid"], async {
        done(
            h.header_param_date("valid", date::parse("2010-01-01")?)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterDateMin"], async {
        done(h.header_param_date("min", date::parse("0001-01-01")?).await)
    })
    .await;
    c.check(&["HeaderParameterDateTimeValid"], async {
        done(
            h.header_param_datetime("valid", date_time::parse("2010-01-01T12:34:56Z")?)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterDateTimeMin"], async {
        done(
            h.header_param_datetime("min", date_time::parse("0001-01-01T00:00:00Z")?)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterDateTimeRfc1123Valid"], async {
        done(
            h.header_param_datetime_rfc1123("valid")
                .value(date_time::parse("2010-01-01T12:34:56Z")?)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterDurationValid"], async {
        done(
            h.header_param_duration("valid", "P123DT22H14M12.011S".parse()?)
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterBytesValid"], async {
        let v = FromBytes::from_bytes(MULTIBYTE.as_bytes())?;
        done(h.header_param_byte("valid", v).await)
    })
    .await;
    c.check(&["HeaderParameterExistingKey"], async {
        done(h.header_param_existing_key("overwrite").await)
    })
    .await;
    c.check(&["HeaderParameterProtectedKey"], async {
        done(h.header_param_protected_key("text/html").await)
    })
    .await;
    // The route wants the id it names, set as a user sets one (an optional scenario; a random
    // id is refused).
    c.check(&["CustomHeaderInRequest"], async {
        done(
            h.header_custom_request_id()
                .options(
                    ts_header::runtime::CallOptions::new()
                        .client_request_id("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"),
                )
                .await,
        )
    })
    .await;
    // Response headers are read typed from the response (`send()`, then `header_value`); an
    // enum or duration header is read as its text. Express sends a null header as "null".
    c.check(&["HeaderResponseIntegerPositive"], async {
        header_is(
            h.header_response_integer("positive").send().await,
            "value",
            Some(1i32),
        )
    })
    .await;
    c.check(&["HeaderResponseIntegerNegative"], async {
        header_is(
            h.header_response_integer("negative").send().await,
            "value",
            Some(-2i32),
        )
    })
    .await;
    c.check(&["HeaderResponseLongPositive"], async {
        header_is(
            h.header_response_long("positive").send().await,
            "value",
            Some(105i64),
        )
    })
    .await;
    c.check(&["HeaderResponseLongNegative"], async {
        header_is(
            h.header_response_long("negative").send().await,
            "value",
            Some(-2i64),
        )
    })
    .await;
    c.check(&["HeaderResponseFloatPositive"], async {
        header_is(
            h.header_response_float("positive").send().await,
            "value",
            Some(0.07f32),
        )
    })
    .await;
    c.check(&["HeaderResponseFloatNegative"], async {
        header_is(
            h.header_response_float("negative").send().await,
            "value",
            Some(-3.0f32),
        )
    })
    .await;
    c.check(&["HeaderResponseDoublePositive"], async {
        header_is(
            h.header_response_double("positive").send().await,
            "value",
            Some(7e120f64),
        )
    })
    .await;
    c.check(&["HeaderResponseDoubleNegative"], async {
        header_is(
            h.header_response_double("negative").send().await,
            "value",
            Some(-3.0f64),
        )
    })
    .await;
    c.check(&["HeaderResponseBoolTrue"], async {
        header_is(
            h.header_response_bool("true").send().await,
            "value",
            Some(true),
        )
    })
    .await;
    c.check(&["HeaderResponseBoolFalse"], async {
        header_is(
            h.header_response_bool("false").send().await,
            "value",
            Some(false),
        )
    })
    .await;
    c.check(&["HeaderResponseStringValid"], async {
        header_is(
            h.header_response_string("valid").send().await,
            "value",
            Some("The quick brown fox jumps over the lazy dog".to_string()),
        )
    })
    .await;
    c.check(&["HeaderResponseStringNull"], async {
        header_is(
            h.header_response_string("null").send().await,
            "value",
            Some("null".to_string()),
        )
    })
    .await;
    c.check(&["HeaderResponseStringEmpty"], async {
        header_is(
            h.header_response_string("empty").send().await,
            "value",
            Some(String::new()),
        )
    })
    .await;
    c.check(&["HeaderResponseEnumValid"], async {
        header_is(
            h.header_response_enum("valid").send().await,
            "value",
            Some("GREY".to_string()),
        )
    })
    .await;
    c.check(&["HeaderResponseEnumNull"], async {
        header_is(
            h.header_response_enum("null").send().await,
            "value",
            Some(String::new()),
        )
    })
    .await;
    c.check(&["HeaderResponseDateValid"], async {
        header_is(
            h.header_response_date("valid").send().await,
            "value",
            Some(date::parse("2010-01-01")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDateMin"], async {
        header_is(
            h.header_response_date("min").send().await,
            "value",
            Some(date::parse("0001-01-01")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeValid"], async {
        header_is(
            h.header_response_datetime("valid").send().await,
            "value",
            Some(date_time::parse("2010-01-01T12:34:56Z")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeMin"], async {
        header_is(
            h.header_response_datetime("min").send().await,
            "value",
            Some(date_time::parse("0001-01-01T00:00:00Z")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeRfc1123Valid"], async {
        header_is(
            h.header_response_datetime_rfc1123("valid").send().await,
            "value",
            Some(date_time::parse("2010-01-01T12:34:56Z")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeRfc1123Min"], async {
        header_is(
            h.header_response_datetime_rfc1123("min").send().await,
            "value",
            Some(date_time::parse("0001-01-01T00:00:00Z")?),
        )
    })
    .await;
    c.check(&["HeaderResponseDurationValid"], async {
        header_is(
            h.header_response_duration("valid").send().await,
            "value",
            Some("P123DT22H14M12.011S".to_string()),
        )
    })
    .await;
    c.check(&["HeaderResponseBytesValid"], async {
        header_is(
            h.header_response_byte("valid").send().await,
            "value",
            Some(MULTIBYTE.as_bytes().to_vec()),
        )
    })
    .await;
    c.check(&["HeaderResponseExistingKey"], async {
        header_is(
            h.header_response_existing_key().send().await,
            "User-Agent",
            Some("overwrite".to_string()),
        )
    })
    .await;
    c.check(&["HeaderResponseProtectedKey"], async {
        header_is(
            h.header_response_protected_key().send().await,
            "Content-Type",
            Some("text/html; charset=utf-8".to_string()),
        )
    })
    .await;
    // Last: sending a date before 1970 as an RFC 1123 header panics in the runtime (httpdate)
    // and ends the binary.
    c.check(&["HeaderParameterDateTimeRfc1123Min"], async {
        done(
            h.header_param_datetime_rfc1123("min")
                .value(date_time::parse("0001-01-01T00:00:00Z")?)
                .await,
        )
    })
    .await;
    c.finish()
}
