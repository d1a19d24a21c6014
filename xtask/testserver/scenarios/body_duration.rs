//! `body-duration.json`: an ISO 8601 duration both ways, null and invalid.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_duration::AutoRestDurationTestServiceClient as Client;
use vanilla::{done, null, rejects, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let d = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["getDurationNull"], async {
        null!(d.duration_get_null().await)
    })
    .await;
    c.check(&["getDurationInvalid"], async {
        // `123ABC` is no ISO 8601 duration; a client that keeps durations as text lets it by.
        rejects(d.duration_get_invalid().await)
    })
    .await;
    c.check(&["getDurationPositive"], async {
        value(
            "duration",
            d.duration_get_positive_duration().await,
            "P3Y6M4DT12H30M5S".parse()?,
        )
    })
    .await;
    c.check(&["putDurationPositive"], async {
        done(
            d.duration_put_positive_duration("P123DT22H14M12.011S".parse()?)
                .await,
        )
    })
    .await;
    c.finish()
}
