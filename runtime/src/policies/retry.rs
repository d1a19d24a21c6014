//! Retries with exponential backoff and jitter, honouring the service's `Retry-After`, each
//! attempt bounded by the per-try timeout and the request's deadline (see
//! [`timeout`](super::timeout)). See [`RetryOptions`](crate::RetryOptions) for what is retried
//! and how long it waits.

use std::time::{Duration, Instant};

use http::HeaderMap;

use crate::credentials::BoxFuture;
use crate::error::{Error, Limit, LimitError, Result, TimeoutKind};
use crate::limits::RetryOptions;
use crate::message::HttpRequest;
use crate::pipeline::Context;
use crate::pipeline::{Next, Policy};
use crate::policies::timeout::{sooner, timeout_error};
use crate::response::RawResponse;

#[derive(Debug)]
pub(crate) struct RetryPolicy;

fn retryable(outcome: &Result<RawResponse>) -> bool {
    match outcome {
        Ok(r) => matches!(r.status, 408 | 429 | 500 | 502 | 503 | 504),
        Err(Error::Transport { .. }) => true,
        Err(Error::Timeout { kind, .. }) => *kind == TimeoutKind::PerTry,
        Err(_) => false,
    }
}

impl Policy for RetryPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        Box::pin(async move {
            let options = &ctx.retry;
            let mut attempt: u32 = 0;
            loop {
                attempt += 1;
                let start = Instant::now();
                // One timer for the attempt: the per-try timeout (retryable) or the request's
                // deadline (final), whichever comes first.
                let per_try = ctx.limits.per_try_timeout.and_then(|limit| {
                    Some((start.checked_add(limit)?, TimeoutKind::PerTry, limit))
                });
                // Per-try policies insert their headers, so the same request is sent again.
                let outcome = match sooner(req.deadline, per_try) {
                    None => next.send(ctx, req).await,
                    Some((at, kind, limit)) => {
                        match tokio::time::timeout_at(at.into(), next.send(ctx, req)).await {
                            Ok(outcome) => outcome,
                            Err(_) => Err(timeout_error(req.client_request_id(), kind, limit)),
                        }
                    }
                };
                // Field values are computed (the clock read) only when a subscriber wants them.
                match &outcome {
                    Ok(r) => tracing::debug!(
                        attempt,
                        status = r.status,
                        duration_ms = start.elapsed().as_millis() as u64,
                        "response"
                    ),
                    Err(e) => {
                        tracing::debug!(attempt, error = %e, duration_ms = start.elapsed().as_millis() as u64, "attempt failed")
                    }
                }
                if !retryable(&outcome) || attempt > options.max_retries {
                    tracing::Span::current().record("attempt", attempt);
                    return outcome;
                }
                let asked = outcome.as_ref().ok().and_then(|r| retry_after(&r.headers));
                let outcome = match (asked, outcome) {
                    (Some(asked), Ok(raw)) if asked > options.max_retry_after => {
                        tracing::Span::current().record("attempt", attempt);
                        return Err(retry_after_too_long(raw, asked, options));
                    }
                    (_, outcome) => outcome,
                };
                let delay = asked.unwrap_or_else(|| backoff(options, attempt));
                if let Some((at, ..)) = req.deadline {
                    if Instant::now() + delay >= at {
                        // No time left to wait: give the caller what we have.
                        tracing::Span::current().record("attempt", attempt);
                        return outcome;
                    }
                }
                tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                tokio::time::sleep(delay).await;
            }
        })
    }
}

fn retry_after_too_long(raw: RawResponse, asked: Duration, options: &RetryOptions) -> Error {
    let context = raw.context();
    let response = match raw.into_error() {
        Error::Http(h) => Some(h),
        _ => None,
    };
    Error::Limit(Box::new(LimitError {
        limit: Limit::RetryAfter,
        value: format!("{:?}", options.max_retry_after),
        message: format!("the service asked to wait {asked:?} before retrying; not retried"),
        response,
        context,
    }))
}

/// Delay asked for by the service: `retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After`
/// (seconds or an HTTP date).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).map(str::trim);
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = get(name).and_then(|v| v.parse::<f64>().ok()) {
            if ms.is_finite() && ms >= 0.0 {
                return Some(Duration::from_secs_f64((ms / 1000.0).min(1e9)));
            }
        }
    }
    let v = get("retry-after")?;
    if let Ok(secs) = v.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs.min(1e9)));
        }
        return None;
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn backoff(r: &RetryOptions, attempt: u32) -> Duration {
    let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
    let base = (r.initial_delay.as_secs_f64() * exp).min(r.max_delay.as_secs_f64());
    let jitter: f64 = rand::random_range(0.8..=1.2);
    Duration::from_secs_f64((base * jitter).min(r.max_delay.as_secs_f64()))
}
