//! Tracing: one `apigen.request` span per request (retries inside it) with method, URL (query
//! values and user info redacted), client request id, final status, attempts and duration.

use std::time::Instant;

use tracing::Instrument;

use crate::credentials::BoxFuture;
use crate::error::Result;
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;
use crate::util::redact_url;

#[derive(Debug)]
pub(crate) struct TracingPolicy;

impl Policy for TracingPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        // Field values are only computed when a subscriber wants the span.
        let span = tracing::info_span!(
            "apigen.request",
            http.method = %req.method,
            url = %redact_url(&req.url),
            client_request_id = %req.client_request_id(),
            http.status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        if span.is_disabled() {
            return next.send(ctx, req);
        }
        let start = Instant::now();
        let record = span.clone();
        Box::pin(
            async move {
                let r = next.send(ctx, req).await;
                if let Ok(resp) = &r {
                    record.record("http.status", resp.status);
                }
                record.record("duration_ms", start.elapsed().as_millis() as u64);
                r
            }
            .instrument(span),
        )
    }
}
