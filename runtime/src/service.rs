//! What requests, pagers and pollers send with: a [`Service`] (the client's pipeline, endpoint
//! and default limits) and, once a call starts, a [`CallSender`] (the pipeline bound to that
//! call's [`Context`]). Neither knows the generated client or [`Client`](crate::Client).

use std::sync::Arc;

use url::Url;

use crate::error::Result;
use crate::limits::{Limits, RetryOptions};
use crate::message::HttpRequest;
use crate::options::CallOptions;
use crate::pipeline::{Context, Pipeline};
use crate::response::RawResponse;

pub(crate) struct ServiceInner {
    pub(crate) pipeline: Pipeline,
    pub(crate) endpoint: Url,
    pub(crate) limits: Limits,
    pub(crate) retry: RetryOptions,
    /// `api-version=<the client's>`, percent-encoded once (empty: none), written into
    /// operation URLs as they are built so the api-version policy finds it there instead of
    /// parsing the query again.
    pub(crate) api_version_pair: String,
    /// The context of calls without options (see [`plain_call`]).
    pub(crate) plain_call: Arc<Context>,
}

/// The client's pipeline, endpoint and default limits. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Service(pub(crate) Arc<ServiceInner>);

impl Service {
    pub(crate) fn endpoint(&self) -> &Url {
        &self.0.endpoint
    }

    pub(crate) fn api_version_pair(&self) -> &str {
        &self.0.api_version_pair
    }

    /// Start a call: the client's limits changed by `options`. A call without options (most)
    /// shares the client's own context instead of building one.
    pub(crate) fn call(&self, options: CallOptions) -> CallSender {
        let ctx = if unset(&options) {
            self.0.plain_call.clone()
        } else {
            Arc::new(context(&self.0.limits, &self.0.retry, options))
        };
        CallSender {
            pipeline: self.0.pipeline.clone(),
            ctx,
            security: None,
        }
    }
}

/// The context of a call without options: the client's limits and retry policy.
pub(crate) fn plain_call(limits: &Limits, retry: &RetryOptions) -> Arc<Context> {
    Arc::new(context(limits, retry, CallOptions::default()))
}

/// True when `options` change nothing (`CallOptions::default()`).
fn unset(options: &CallOptions) -> bool {
    let CallOptions {
        headers,
        client_request_id,
        timeout,
        per_try_timeout,
        deadline,
        retry,
        max_body_size,
        lro_deadline,
        polling_interval,
        policies,
        error,
    } = options;
    headers.is_empty()
        && client_request_id.is_none()
        && timeout.is_none()
        && per_try_timeout.is_none()
        && deadline.is_none()
        && retry.is_none()
        && max_body_size.is_none()
        && lro_deadline.is_none()
        && polling_interval.is_none()
        && policies.is_empty()
        && error.is_none()
}

/// The pipeline bound to one call: every request of the call (retries, pages, polls) shares
/// its request id, limits and policies.
#[derive(Clone)]
pub(crate) struct CallSender {
    pipeline: Pipeline,
    ctx: Arc<Context>,
    /// The operation's security requirement, stamped on each request of the call.
    security: Option<&'static [&'static [&'static str]]>,
}

impl CallSender {
    pub(crate) async fn send(&self, mut req: HttpRequest) -> Result<RawResponse> {
        self.send_in_place(&mut req).await
    }

    /// [`send`](Self::send) a request the caller's future already holds: one copy of it in
    /// that future, not one more in this one.
    pub(crate) fn send_in_place<'a>(
        &'a self,
        req: &'a mut HttpRequest,
    ) -> impl std::future::Future<Output = Result<RawResponse>> + Send + 'a {
        req.security = self.security;
        self.pipeline.send(&self.ctx, req)
    }

    pub(crate) fn context(&self) -> &Context {
        &self.ctx
    }

    /// The call's security requirement, set before its first request.
    pub(crate) fn with_security(
        mut self,
        security: Option<&'static [&'static [&'static str]]>,
    ) -> Self {
        self.security = security;
        self
    }
}

/// The client's limits and retry policy, changed by a call's `options`.
fn context(limits: &Limits, retry: &RetryOptions, options: CallOptions) -> Context {
    let mut limits = limits.clone();
    if let Some(t) = options.timeout {
        limits.timeout = t;
    }
    if let Some(t) = options.per_try_timeout {
        limits.per_try_timeout = t;
    }
    if let Some(b) = options.max_body_size {
        limits.max_body_size = b;
    }
    if let Some(d) = options.lro_deadline {
        limits.lro_deadline = d;
    }
    if let Some(d) = options.polling_interval {
        limits.polling_interval = d;
    }
    Context {
        client_request_id: options.client_request_id,
        limits,
        retry: options.retry.unwrap_or_else(|| retry.clone()),
        headers: options.headers,
        policies: options.policies,
        call_deadline: options.deadline,
    }
}
