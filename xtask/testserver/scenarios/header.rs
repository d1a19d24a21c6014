//! `header.json`: request headers of every type, response headers of every type, a header
//! that overrides one the client sets (User-Agent, Content-Type), a custom request id.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::{date, date_time};
use testserver_scenarios::Checks;
use ts_header::models::GreyscaleColors;
use ts_header::AutoRestSwaggerBatHeaderServiceClient as Client;
use vanilla::{done, response_header, FromBytes};

/// The test server's multi-byte text, whose bytes the byte header carries.
const MULTIBYTE: &str = "啊齄丂狛狜隣郎隣兀﨩";

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
            h.header_param_duration("valid", "P123DT22H14M12.011S")
                .await,
        )
    })
    .await;
    c.check(&["HeaderParameterBytesValid"], async {
        let v: String = FromBytes::from_bytes(MULTIBYTE.as_bytes())?;
        done(h.header_param_byte("valid", &v).await)
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
    c.check(&["CustomHeaderRequest"], async {
        done(h.header_custom_request_id().await)
    })
    .await;
    c.check(&["HeaderResponseIntegerPositive"], async {
        response_header(h.header_response_integer("positive").await, "value", "1")
    })
    .await;
    c.check(&["HeaderResponseIntegerNegative"], async {
        response_header(h.header_response_integer("negative").await, "value", "-2")
    })
    .await;
    c.check(&["HeaderResponseLongPositive"], async {
        response_header(h.header_response_long("positive").await, "value", "105")
    })
    .await;
    c.check(&["HeaderResponseLongNegative"], async {
        response_header(h.header_response_long("negative").await, "value", "-2")
    })
    .await;
    c.check(&["HeaderResponseFloatPositive"], async {
        response_header(h.header_response_float("positive").await, "value", "0.07")
    })
    .await;
    c.check(&["HeaderResponseFloatNegative"], async {
        response_header(h.header_response_float("negative").await, "value", "-3.0")
    })
    .await;
    c.check(&["HeaderResponseDoublePositive"], async {
        response_header(h.header_response_double("positive").await, "value", "7e120")
    })
    .await;
    c.check(&["HeaderResponseDoubleNegative"], async {
        response_header(h.header_response_double("negative").await, "value", "-3.0")
    })
    .await;
    c.check(&["HeaderResponseBoolTrue"], async {
        response_header(h.header_response_bool("true").await, "value", "true")
    })
    .await;
    c.check(&["HeaderResponseBoolFalse"], async {
        response_header(h.header_response_bool("false").await, "value", "false")
    })
    .await;
    c.check(&["HeaderResponseStringValid"], async {
        response_header(
            h.header_response_string("valid").await,
            "value",
            "The quick brown fox jumps over the lazy dog",
        )
    })
    .await;
    c.check(&["HeaderResponseStringNull"], async {
        response_header(h.header_response_string("null").await, "value", "null")
    })
    .await;
    c.check(&["HeaderResponseStringEmpty"], async {
        response_header(h.header_response_string("empty").await, "value", "")
    })
    .await;
    c.check(&["HeaderResponseEnumValid"], async {
        response_header(h.header_response_enum("valid").await, "value", "GREY")
    })
    .await;
    c.check(&["HeaderResponseEnumNull"], async {
        response_header(h.header_response_enum("null").await, "value", "")
    })
    .await;
    c.check(&["HeaderResponseDateValid"], async {
        response_header(h.header_response_date("valid").await, "value", "2010-01-01")
    })
    .await;
    c.check(&["HeaderResponseDateMin"], async {
        response_header(h.header_response_date("min").await, "value", "0001-01-01")
    })
    .await;
    c.check(&["HeaderResponseDateTimeValid"], async {
        response_header(
            h.header_response_datetime("valid").await,
            "value",
            "2010-01-01T12:34:56Z",
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeMin"], async {
        response_header(
            h.header_response_datetime("min").await,
            "value",
            "0001-01-01T00:00:00Z",
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeRfc1123Valid"], async {
        response_header(
            h.header_response_datetime_rfc1123("valid").await,
            "value",
            "Fri, 01 Jan 2010 12:34:56 GMT",
        )
    })
    .await;
    c.check(&["HeaderResponseDateTimeRfc1123Min"], async {
        response_header(
            h.header_response_datetime_rfc1123("min").await,
            "value",
            "Mon, 01 Jan 0001 00:00:00 GMT",
        )
    })
    .await;
    c.check(&["HeaderResponseDurationValid"], async {
        response_header(
            h.header_response_duration("valid").await,
            "value",
            "P123DT22H14M12.011S",
        )
    })
    .await;
    c.check(&["HeaderResponseBytesValid"], async {
        response_header(
            h.header_response_byte("valid").await,
            "value",
            "the multi-byte text, base64",
        )
    })
    .await;
    c.check(&["HeaderResponseExistingKey"], async {
        response_header(
            h.header_response_existing_key().await,
            "User-Agent",
            "overwrite",
        )
    })
    .await;
    c.check(&["HeaderResponseProtectedKey"], async {
        response_header(
            h.header_response_protected_key().await,
            "Content-Type",
            "text/html",
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
