//! `x-ms-client-request-id`: the caller's own for every request of the call (pages and polls
//! included) when set with
//! [`CallOptions::client_request_id`](crate::CallOptions::client_request_id), else a new UUID
//! per request, or none with
//! [`CallOptions::without_client_request_id`](crate::CallOptions::without_client_request_id).
//! Either way it stays the same across a request's retries.

use http::header::Entry;
use http::{HeaderName, HeaderValue};

use crate::credentials::BoxFuture;
use crate::error::Result;
use crate::message::{HttpRequest, CLIENT_REQUEST_ID};
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;

const RETURN_CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("return-client-request-id");

#[derive(Debug)]
pub(crate) struct RequestIdPolicy;

/// A random (v4) UUID from the thread's generator, formatted on the stack: `Uuid::new_v4`
/// would make a `getrandom` system call per request. The text is owned by shared bytes, so the
/// transport's copy of the headers shares it (a copied `HeaderValue` allocates again when
/// first cloned).
fn new_request_id() -> Option<HeaderValue> {
    // One `u128` draw: an array of bytes would be drawn a byte at a time.
    let uuid = uuid::Builder::from_random_bytes(rand::random::<u128>().to_le_bytes()).into_uuid();
    let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
    uuid.hyphenated().encode_lower(&mut text);
    HeaderValue::from_maybe_shared(bytes::Bytes::from_owner(text)).ok()
}

impl Policy for RequestIdPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        // A header the operation set from its own parameter wins over the call's id.
        if let Entry::Vacant(slot) = req.headers.entry(CLIENT_REQUEST_ID) {
            let id = match &ctx.client_request_id {
                // `CallOptions::without_client_request_id`.
                Some(id) if id.is_empty() => None,
                Some(id) => HeaderValue::from_str(id).ok(),
                None => new_request_id(),
            };
            if let Some(v) = id {
                slot.insert(v);
            }
        }
        req.headers
            .insert(RETURN_CLIENT_REQUEST_ID, HeaderValue::from_static("true"));
        next.send(ctx, req)
    }
}
