//! `User-Agent`: `[application id ]crate/version apigen-runtime/version rust/version (os; arch)`.

use http::HeaderValue;

use crate::credentials::BoxFuture;
use crate::error::Result;
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;

#[derive(Debug)]
pub(crate) struct UserAgentPolicy(pub(crate) HeaderValue);

impl Policy for UserAgentPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        // A `User-Agent` the operation sends as a parameter (the spec declares it) wins.
        req.headers
            .entry(http::header::USER_AGENT)
            .or_insert_with(|| self.0.clone());
        next.send(ctx, req)
    }
}
