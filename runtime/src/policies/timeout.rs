//! Timeouts: [`DeadlinePolicy`] bounds one request with its retries by the overall timeout or
//! the call's deadline, whichever is sooner; [`PerTryTimeoutPolicy`] bounds each attempt.

use std::time::Duration;

use crate::credentials::BoxFuture;
use crate::error::{Error, RequestContext, Result, TimeoutKind};
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;

fn timeout_error(client_request_id: &str, kind: TimeoutKind, limit: Duration) -> Error {
    Error::Timeout {
        kind,
        limit,
        context: Box::new(RequestContext::new(client_request_id, None)),
    }
}

#[derive(Debug)]
pub(crate) struct DeadlinePolicy;

impl Policy for DeadlinePolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        let Some((at, kind, limit)) = req.deadline else {
            return next.send(ctx, req);
        };
        Box::pin(async move {
            match tokio::time::timeout_at(at.into(), next.send(ctx, req)).await {
                Ok(r) => r,
                Err(_) => Err(timeout_error(req.client_request_id(), kind, limit)),
            }
        })
    }
}

#[derive(Debug)]
pub(crate) struct PerTryTimeoutPolicy;

impl Policy for PerTryTimeoutPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        let Some(limit) = ctx.limits.per_try_timeout else {
            return next.send(ctx, req);
        };
        Box::pin(async move {
            match tokio::time::timeout(limit, next.send(ctx, req)).await {
                Ok(r) => r,
                Err(_) => Err(timeout_error(
                    req.client_request_id(),
                    TimeoutKind::PerTry,
                    limit,
                )),
            }
        })
    }
}
