//! The HTTP pipeline: an ordered list of [`Policy`]s over a [`Transport`], as in azure_core.
//!
//! A request goes down the policies in order; each may change it, send it on with
//! [`Next::send`] (once, several times, or not at all) and look at the response on the way
//! back. The client's pipeline is, outermost first:
//!
//! 1. per call: request id, user agent, api-version, the client's per-call policies, the call's
//!    own policies ([`CallOptions::policy`](crate::CallOptions::policy)), tracing;
//! 2. retry, which bounds each attempt (all below it) by the per-try timeout and by the
//!    overall timeout or the call's deadline, with one timer;
//! 3. per try: the client's per-try policies, auth (the one place a credential is attached);
//! 4. the transport.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use http::HeaderMap;

use crate::credentials::BoxFuture;
use crate::error::{Result, TimeoutKind};
use crate::limits::{Limits, RetryOptions};
use crate::message::HttpRequest;
use crate::response::RawResponse;
use crate::transport::Transport;

/// One step of the pipeline.
///
/// ```
/// use apigen_runtime::{Context, HttpRequest, Next, Policy, RawResponse, Result};
/// use apigen_runtime::credentials::BoxFuture;
///
/// /// Adds a header to every request.
/// #[derive(Debug)]
/// struct Tenant(&'static str);
///
/// impl Policy for Tenant {
///     fn send<'a>(&'a self, ctx: &'a Context, req: &'a mut HttpRequest, next: Next<'a>) -> BoxFuture<'a, Result<RawResponse>> {
///         req.headers.insert("x-tenant", self.0.parse().unwrap());
///         next.send(ctx, req)
///     }
/// }
/// ```
pub trait Policy: Send + Sync + fmt::Debug {
    /// Handle `req`, usually by passing it on with `next.send(ctx, req)`.
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>>;
}

/// The rest of the pipeline after the current policy.
#[derive(Clone, Copy)]
pub struct Next<'a> {
    /// The policies still to run, in order; the call's own policies are spliced in at
    /// `splice` (their position in the client's list).
    policies: &'a [Arc<dyn Policy>],
    call_policies: &'a [Arc<dyn Policy>],
    splice: usize,
    transport: &'a dyn Transport,
}

impl fmt::Debug for Next<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Next")
            .field(
                "policies",
                &(self.policies.len() + self.call_policies.len()),
            )
            .finish()
    }
}

impl<'a> Next<'a> {
    /// Send `req` through the remaining policies and the transport.
    pub fn send(
        self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        if self.splice == 0 {
            if let Some((first, rest)) = self.call_policies.split_first() {
                let next = Next {
                    call_policies: rest,
                    ..self
                };
                return first.send(ctx, req, next);
            }
        }
        match self.policies.split_first() {
            Some((first, rest)) => {
                let next = Next {
                    policies: rest,
                    splice: self.splice.saturating_sub(1),
                    ..self
                };
                first.send(ctx, req, next)
            }
            None => self.transport.send(req),
        }
    }
}

/// Policies over a transport. Cheap to clone; pagers and pollers hold one to send their
/// follow-up requests.
#[derive(Clone)]
pub struct Pipeline {
    policies: Arc<[Arc<dyn Policy>]>,
    /// Where a call's own policies go: after this many of `policies`.
    call_splice: usize,
    transport: Arc<dyn Transport>,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("policies", &self.policies)
            .field("transport", &self.transport)
            .finish()
    }
}

impl Pipeline {
    /// `before` and then `after` run in order; a call's own policies
    /// ([`CallOptions::policy`](crate::CallOptions::policy)) run between the two.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use apigen_runtime::{Pipeline, ReqwestTransport};
    /// let p = Pipeline::new(vec![], vec![], Arc::new(ReqwestTransport::default()));
    /// ```
    pub fn new(
        before: Vec<Arc<dyn Policy>>,
        after: Vec<Arc<dyn Policy>>,
        transport: Arc<dyn Transport>,
    ) -> Self {
        let call_splice = before.len();
        let policies: Vec<Arc<dyn Policy>> = before.into_iter().chain(after).collect();
        Pipeline {
            policies: policies.into(),
            call_splice,
            transport,
        }
    }

    /// Send `req` through every policy and the transport. The overall timeout and the call's
    /// deadline are stamped on the request here, so every policy sees the same bound.
    pub async fn send(&self, ctx: &Context, req: &mut HttpRequest) -> Result<RawResponse> {
        let now = Instant::now();
        let overall = ctx
            .limits
            .timeout
            .map(|t| (now + t, TimeoutKind::Overall, t));
        let call = ctx
            .call_deadline
            .map(|d| (d, TimeoutKind::Deadline, d.saturating_duration_since(now)));
        req.max_body_size = ctx.limits.max_body_size;
        req.deadline = crate::policies::timeout::sooner(overall, call);
        let next = Next {
            policies: &self.policies,
            call_policies: &ctx.policies,
            splice: self.call_splice,
            transport: &*self.transport,
        };
        next.send(ctx, req).await
    }
}

/// The call a request belongs to: its request id, resolved limits and retry policy, extra
/// headers and per-call policies. One context serves every request of a call (pages, polls).
///
/// ```
/// let ctx = apigen_runtime::Context::default();
/// assert!(ctx.client_request_id().is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Context {
    pub(crate) client_request_id: Option<String>,
    pub(crate) limits: Limits,
    pub(crate) retry: RetryOptions,
    pub(crate) headers: HeaderMap,
    pub(crate) policies: Vec<Arc<dyn Policy>>,
    pub(crate) call_deadline: Option<Instant>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            client_request_id: None,
            limits: Limits::default(),
            retry: RetryOptions::default(),
            headers: HeaderMap::new(),
            policies: Vec::new(),
            call_deadline: None,
        }
    }
}

impl Context {
    /// The caller's `x-ms-client-request-id` for every request of this call; `None`: each
    /// request gets its own UUID (kept across its retries).
    pub fn client_request_id(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }

    /// The limits in force for this call.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The retry policy of this call.
    pub fn retry(&self) -> &RetryOptions {
        &self.retry
    }

    /// The call's absolute deadline, if one was set.
    pub fn deadline(&self) -> Option<Instant> {
        self.call_deadline
    }
}
