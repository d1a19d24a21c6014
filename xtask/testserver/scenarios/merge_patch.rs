//! `merge-patch.json`: a body sent as `application/merge-patch+json`.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::serde_json::json;
use testserver_scenarios::Checks;
use ts_merge_patch::MergePatchJsonClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    // The server checks the content type and a `content-length` of 14: `{"foo": "bar"}` with
    // a space, as Python's `json.dumps` writes it; compact JSON is 13 bytes.
    c.check(&["PassMergePatchObject"], async {
        done(client.patch_single(json!({"foo": "bar"})).await)
    })
    .await;
    c.finish()
}
