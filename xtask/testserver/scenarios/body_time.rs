//! `body-time.json`: a `format: time` body both ways (ISO 8601 `hh:mm:ss` text).

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_time::AutoRestTimeTestServiceClient as Client;
use vanilla::value;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["BodyTimeGet"], async {
        value("time", client.time_get().await, "11:34:56".into())
    })
    .await;
    c.check(&["BodyTimePut"], async {
        value(
            "answer",
            client.time_put("08:07:56".into()).await,
            "Nice job posting time".into(),
        )
    })
    .await;
    c.finish()
}
