//! `body-datetime-rfc1123.json`: RFC 1123 date-times, max and min, either case, both ways;
//! null, invalid, overflow and underflow.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::date_time;
use testserver_scenarios::Checks;
use ts_body_datetime_rfc1123::AutoRestRfc1123DateTimeTestServiceClient as Client;
use vanilla::{done, null, prints_as, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let d = testserver_scenarios::client!(Client::builder());
    let max = date_time::parse("9999-12-31T23:59:59Z").expect("a date-time");
    let min = date_time::parse("0001-01-01T00:00:00Z").expect("a date-time");
    let mut c = Checks::new();
    c.check(&["getDateTimeRfc1123Null"], async {
        null!(d.datetimerfc1123_get_null().await)
    })
    .await;
    c.check(&["getDateTimeRfc1123Invalid"], async {
        rejects(d.datetimerfc1123_get_invalid().await)
    })
    .await;
    c.check(&["getDateTimeRfc1123Overflow"], async {
        rejects(d.datetimerfc1123_get_overflow().await)
    })
    .await;
    c.check(&["getDateTimeRfc1123Underflow"], async {
        rejects(d.datetimerfc1123_get_underflow().await)
    })
    .await;
    c.check(&["putDateTimeRfc1123Max"], async {
        done(d.datetimerfc1123_put_utc_max_date_time(max).await)
    })
    .await;
    c.check(&["getDateTimeRfc1123MaxUtcLowercase"], async {
        value(
            "max",
            d.datetimerfc1123_get_utc_lowercase_max_date_time().await,
            max,
        )
    })
    .await;
    c.check(&["getDateTimeRfc1123MaxUtcUppercase"], async {
        value(
            "max",
            d.datetimerfc1123_get_utc_uppercase_max_date_time().await,
            max,
        )
    })
    .await;
    c.check(&["getDateTimeRfc1123MinUtc"], async {
        // The swagger adds a one-value `enum` to this date-time: the format decides the type.
        prints_as("min", d.datetimerfc1123_get_utc_min_date_time().await, min)
    })
    .await;
    c.check(&["putDateTimeRfc1123Min"], async {
        done(d.datetimerfc1123_put_utc_min_date_time(min).await)
    })
    .await;
    c.finish()
}
