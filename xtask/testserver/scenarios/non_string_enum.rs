//! `non-string-enum.json`: enums of integers and of floats, sent and read as numbers.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_non_string_enum::NonStringEnumsClient as Client;
use vanilla::value;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    let (int, float) = (client.int(), client.float());
    c.check(&["NonStringEnumsPostInt"], async {
        value(
            "answer",
            int.put(Some(200)).await,
            "Nice job posting an int enum".into(),
        )
    })
    .await;
    c.check(&["NonStringEnumsGetInt"], async {
        value("int enum", int.get().await, 429)
    })
    .await;
    c.check(&["NonStringEnumsPostFloat"], async {
        value(
            "answer",
            float.put(Some(200.4)).await,
            "Nice job posting a float enum".into(),
        )
    })
    .await;
    c.check(&["NonStringEnumsGetFloat"], async {
        value("float enum", float.get().await, 429.1)
    })
    .await;
    c.finish()
}
