//! `body-integer.json`: 32- and 64-bit limits both ways, overflow and invalid bodies, nulls,
//! unix-time.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_integer::AutoRestIntegerTestServiceClient as Client;
use vanilla::{done, null, rejects, value};

/// 2016-04-13T00:00:00Z, the server's unix time.
const UNIX_TIME: i64 = 1_460_505_600;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let i = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["getIntegerNull"], async { null!(i.int_get_null().await) })
        .await;
    c.check(&["getIntegerInvalid"], async {
        rejects(i.int_get_invalid().await)
    })
    .await;
    c.check(&["getIntegerOverflow"], async {
        rejects(i.int_get_overflow_int32().await)
    })
    .await;
    c.check(&["getIntegerUnderflow"], async {
        rejects(i.int_get_underflow_int32().await)
    })
    .await;
    c.check(&["getLongOverflow"], async {
        rejects(i.int_get_overflow_int64().await)
    })
    .await;
    c.check(&["getLongUnderflow"], async {
        rejects(i.int_get_underflow_int64().await)
    })
    .await;
    c.check(&["putIntegerMax"], async {
        done(i.int_put_max32(i32::MAX).await)
    })
    .await;
    c.check(&["putLongMax"], async {
        done(i.int_put_max64(i64::MAX).await)
    })
    .await;
    c.check(&["putIntegerMin"], async {
        done(i.int_put_min32(i32::MIN).await)
    })
    .await;
    c.check(&["putLongMin"], async {
        done(i.int_put_min64(i64::MIN).await)
    })
    .await;
    c.check(&["getUnixTime"], async {
        value("unix time", i.int_get_unix_time().await, UNIX_TIME)
    })
    .await;
    c.check(&["putUnixTime"], async {
        done(i.int_put_unix_time_date(UNIX_TIME).await)
    })
    .await;
    c.check(&["getInvalidUnixTime"], async {
        rejects(i.int_get_invalid_unix_time().await)
    })
    .await;
    c.check(&["getNullUnixTime"], async {
        null!(i.int_get_null_unix_time().await)
    })
    .await;
    c.finish()
}
