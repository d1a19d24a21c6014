//! `body-file.json`: file (`type: file`) responses: a PNG, an empty one, and one of 3000 MiB.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::futures::TryStreamExt;
use testserver_scenarios::{eq, fail, url, Checks};
use ts_body_file::AutoRestSwaggerBatFileServiceClient as Client;
use vanilla::FileBytes;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let f = client.files();
    let mut c = Checks::new();
    c.check(&["FileStreamNonempty"], async {
        let bytes = f.files_get_file().await?.file_bytes()?;
        if bytes.starts_with(PNG_SIGNATURE) {
            Ok(())
        } else {
            fail(format!("want a PNG, got {} bytes", bytes.len()))
        }
    })
    .await;
    c.check(&["FileStreamEmpty"], async {
        let bytes = f.files_get_empty_file().await?.file_bytes()?;
        eq("empty file", bytes.len(), 0)
    })
    .await;
    // 3000 MiB: more than a buffered body may hold (64 MiB by default); a caller streams it
    // with `send_stream`, counting the bytes without holding them.
    c.check(&["FileStreamVeryLarge"], async {
        let mut body = f.files_get_file_large().send_stream().await?.into_body();
        let mut len = 0usize;
        while let Some(chunk) = body.try_next().await? {
            len += chunk.len();
        }
        eq("large file", len, 3000 * 1024 * 1024)
    })
    .await;
    c.finish()
}
