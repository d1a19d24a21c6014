//! `body-byte.json`: base64 bodies (`format: byte`) both ways, null, empty and invalid.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_body_byte::AutoRestSwaggerBatByteServiceClient as Client;
use vanilla::{done, prints_as, rejects, rejects_null_at, FromBytes};

/// The server's non-ASCII bytes.
const BYTES: [u8; 10] = [255, 254, 253, 252, 251, 250, 249, 248, 247, 246];

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let b = client.byte_operations();
    let mut c = Checks::new();
    // An empty body, and the swagger's `format: byte` string is not nullable.
    c.check(&["getByteNull"], async {
        rejects_null_at(".", b.byte_get_null().await)
    })
    .await;
    c.check(&["getByteEmpty"], async {
        prints_as("empty", b.byte_get_empty().await, Vec::<u8>::new())
    })
    .await;
    c.check(&["getByteNonAscii"], async {
        prints_as("non-ASCII", b.byte_get_non_ascii().await, BYTES.to_vec())
    })
    .await;
    c.check(&["putByteNonAscii"], async {
        let body = FromBytes::from_bytes(&BYTES)?;
        done(b.byte_put_non_ascii(body).await)
    })
    .await;
    c.check(&["getByteInvalid"], async {
        rejects(b.byte_get_invalid().await)
    })
    .await;
    c.finish()
}
