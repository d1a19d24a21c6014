//! Timeouts: what bounds a request. The pipeline stamps the request's deadline (the overall
//! timeout or the call's deadline, whichever is sooner); the retry policy bounds each attempt
//! (everything below it: per-try policies, auth, the transport) with one timer at the per-try
//! timeout or that deadline, whichever comes first, and never sleeps past the deadline.

use std::time::{Duration, Instant};

use crate::error::{Error, RequestContext, TimeoutKind};

/// When a wait must end, which timeout that is and its configured value.
pub(crate) type Bound = (Instant, TimeoutKind, Duration);

/// The sooner of two bounds (either may be absent; `a` on a tie).
pub(crate) fn sooner(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The error of a request cut off at a bound.
pub(crate) fn timeout_error(client_request_id: &str, kind: TimeoutKind, limit: Duration) -> Error {
    Error::Timeout {
        kind,
        limit,
        context: Box::new(RequestContext::new(client_request_id, None)),
    }
}
