//! `body-date.json`: the max and min dates both ways, null, invalid, overflow and underflow.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::date;
use testserver_scenarios::Checks;
use ts_body_date::AutoRestDateTestServiceClient as Client;
use vanilla::{done, null, prints_as, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let d = testserver_scenarios::client!(Client::builder());
    let max = date::parse("9999-12-31").expect("a date");
    let min = date::parse("0001-01-01").expect("a date");
    let mut c = Checks::new();
    c.check(&["getDateNull"], async { null!(d.date_get_null().await) })
        .await;
    c.check(&["getDateInvalid"], async {
        rejects(d.date_get_invalid_date().await)
    })
    .await;
    c.check(&["getDateOverflow"], async {
        rejects(d.date_get_overflow_date().await)
    })
    .await;
    c.check(&["getDateUnderflow"], async {
        rejects(d.date_get_underflow_date().await)
    })
    .await;
    c.check(&["getDateMax"], async {
        value("max date", d.date_get_max_date().await, max)
    })
    .await;
    c.check(&["putDateMax"], async {
        done(d.date_put_max_date(max).await)
    })
    .await;
    c.check(&["getDateMin"], async {
        // The swagger gives this date a one-value `enum` ("0000-01-01") the server does not
        // send: the format decides the type.
        prints_as("min date", d.date_get_min_date().await, min)
    })
    .await;
    c.check(&["putDateMin"], async {
        done(d.date_put_min_date(min).await)
    })
    .await;
    c.finish()
}
