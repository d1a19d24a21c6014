//! `body-datetime.json`: max and min date-times in UTC and with offsets, either case, both
//! ways; null, invalid, overflow and underflow.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::date_time;
use testserver_scenarios::Checks;
use ts_body_datetime::AutoRestDateTimeTestServiceClient as Client;
use vanilla::{done, null, prints_as, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let d = testserver_scenarios::client!(Client::builder());
    let at = |s: &str| date_time::parse(s).expect("a date-time");
    let max_utc = at("9999-12-31T23:59:59.999Z");
    let max_plus14 = at("9999-12-31T23:59:59.999+14:00");
    let max_minus14 = at("9999-12-31T23:59:59.999-14:00");
    let min_utc = at("0001-01-01T00:00:00Z");
    let mut c = Checks::new();
    c.check(&["getDateTimeNull"], async {
        null!(d.datetime_get_null().await)
    })
    .await;
    c.check(&["getDateTimeInvalid"], async {
        rejects(d.datetime_get_invalid().await)
    })
    .await;
    c.check(&["getDateTimeOverflow"], async {
        // 9999-12-31T23:59:59.999-14:00 is past the year 9999 in UTC, still a valid instant.
        value("overflow", d.datetime_get_overflow().await, max_minus14)
    })
    .await;
    c.check(&["getDateTimeUnderflow"], async {
        rejects(d.datetime_get_underflow().await)
    })
    .await;
    c.check(&["putDateTimeMaxUtc"], async {
        done(d.datetime_put_utc_max_date_time(max_utc).await)
    })
    .await;
    c.check(&["getDateTimeMaxUtcLowercase"], async {
        value(
            "max utc",
            d.datetime_get_utc_lowercase_max_date_time().await,
            max_utc,
        )
    })
    .await;
    c.check(&["getDateTimeMaxUtcUppercase"], async {
        value(
            "max utc",
            d.datetime_get_utc_uppercase_max_date_time().await,
            max_utc,
        )
    })
    .await;
    c.check(&["getDateTimeMaxLocalPositiveOffsetLowercase"], async {
        value(
            "max +14:00",
            d.datetime_get_local_positive_offset_lowercase_max_date_time()
                .await,
            max_plus14,
        )
    })
    .await;
    c.check(&["getDateTimeMaxLocalPositiveOffsetUppercase"], async {
        value(
            "max +14:00",
            d.datetime_get_local_positive_offset_uppercase_max_date_time()
                .await,
            max_plus14,
        )
    })
    .await;
    c.check(&["getDateTimeMaxLocalNegativeOffsetLowercase"], async {
        value(
            "max -14:00",
            d.datetime_get_local_negative_offset_lowercase_max_date_time()
                .await,
            max_minus14,
        )
    })
    .await;
    c.check(&["getDateTimeMaxLocalNegativeOffsetUppercase"], async {
        value(
            "max -14:00",
            d.datetime_get_local_negative_offset_uppercase_max_date_time()
                .await,
            max_minus14,
        )
    })
    .await;
    c.check(&["getDateTimeMinUtc"], async {
        // The swagger adds a one-value `enum` to this date-time: the format decides the type.
        prints_as("min utc", d.datetime_get_utc_min_date_time().await, min_utc)
    })
    .await;
    c.check(&["putDateTimeMinUtc"], async {
        done(d.datetime_put_utc_min_date_time(min_utc).await)
    })
    .await;
    c.check(&["getDateTimeMinLocalPositiveOffset"], async {
        prints_as(
            "min +14:00",
            d.datetime_get_local_positive_offset_min_date_time().await,
            at("0001-01-01T00:00:00+14:00"),
        )
    })
    .await;
    c.check(&["getDateTimeMinLocalNegativeOffset"], async {
        prints_as(
            "min -14:00",
            d.datetime_get_local_negative_offset_min_date_time().await,
            at("0001-01-01T00:00:00-14:00"),
        )
    })
    .await;
    c.check(&["getDateTimeMinLocalNoOffset"], async {
        // No offset: RFC 3339 requires one, the test server means UTC.
        value(
            "min, no offset",
            d.datetime_get_local_no_offset_min_date_time().await,
            min_utc,
        )
    })
    .await;
    // Optional scenarios.
    c.check(&["putDateTimeMaxUtc7MS"], async {
        done(
            d.datetime_put_utc_max_date_time7_digits(at("9999-12-31T23:59:59.9999999Z"))
                .await,
        )
    })
    .await;
    c.check(&["getDateTimeMaxUtc7MSUppercase"], async {
        value(
            "max utc, 7 digits",
            d.datetime_get_utc_uppercase_max_date_time7_digits().await,
            at("9999-12-31T23:59:59.9999999Z"),
        )
    })
    .await;
    c.check(&["putDateTimeMaxLocalPositiveOffset"], async {
        done(
            d.datetime_put_local_positive_offset_max_date_time(max_plus14)
                .await,
        )
    })
    .await;
    c.check(&["putDateTimeMaxLocalNegativeOffset"], async {
        done(
            d.datetime_put_local_negative_offset_max_date_time(max_minus14)
                .await,
        )
    })
    .await;
    c.check(&["putDateTimeMinLocalPositiveOffset"], async {
        done(
            d.datetime_put_local_positive_offset_min_date_time(at("0001-01-01T00:00:00+14:00"))
                .await,
        )
    })
    .await;
    c.check(&["putDateTimeMinLocalNegativeOffset"], async {
        done(
            d.datetime_put_local_negative_offset_min_date_time(at("0001-01-01T00:00:00-14:00"))
                .await,
        )
    })
    .await;
    c.finish()
}
