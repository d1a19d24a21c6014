//! Headers of the call ([`CallOptions::header`](crate::CallOptions::header)) and the default
//! `Accept: application/json`.

use http::HeaderValue;

use crate::credentials::BoxFuture;
use crate::error::Result;
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;

#[derive(Debug)]
pub(crate) struct HeadersPolicy;

impl Policy for HeadersPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        req.headers
            .entry(http::header::ACCEPT)
            .or_insert_with(|| HeaderValue::from_static("application/json"));
        for (name, value) in &ctx.headers {
            req.headers.insert(name.clone(), value.clone());
        }
        next.send(ctx, req)
    }
}
