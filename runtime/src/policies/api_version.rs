//! `api-version`: added to operation requests and next-page links that lack one (a next link's
//! own is replaced by the client's; not to an
//! operation that sends its own, or deliberately none), never to
//! status polls (their URLs come whole from the service). Only in pipelines of specs that
//! declare an api-version.

use crate::credentials::BoxFuture;
use crate::error::Result;
use crate::message::{HttpRequest, RequestKind};
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;
use crate::util::{append_query, has_query, remove_query};

#[derive(Debug)]
pub(crate) struct ApiVersionPolicy(pub(crate) String);

impl Policy for ApiVersionPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        // An operation's request was built with it (or its own) in place.
        if req.api_version_written && req.kind == RequestKind::Operation {
            return next.send(ctx, req);
        }
        // A next link's own api-version (any case) gives way to the client's.
        if req.kind == RequestKind::NextPage && has_query(&req.url, "api-version") {
            remove_query(&mut req.url, "api-version");
        }
        let own = req.own_api_version && req.kind == RequestKind::Operation;
        if matches!(req.kind, RequestKind::Operation | RequestKind::NextPage)
            && !own
            && !has_query(&req.url, "api-version")
        {
            append_query(&mut req.url, "api-version", &self.0);
        }
        next.send(ctx, req)
    }
}
