//! Redirects, followed by the runtime rather than by the HTTP client, because what to do
//! depends on the method (RFC 9110 §15.4), which reqwest's redirect policy cannot see:
//!
//! - 301 and 302 are followed for GET and HEAD only. For any other method the 3xx is the
//!   answer: the user agent must not silently repeat an unsafe request elsewhere (and the
//!   historical rewrite of POST into GET would lose the body), so the call returns it (a
//!   success when the spec declares it, else an HTTP error with its `Location`).
//! - 303 is followed with a GET without a body (HEAD stays HEAD).
//! - 307 and 308 are followed with the same method and body.
//! - Other 3xx (300, 304, 305) are not followed.
//!
//! Each hop goes down the rest of the pipeline (auth included) from the request as the first
//! try left it, as a retry does: auth puts back all it changed but `Authorization`, which it
//! decides afresh on every try, so credentials go only where it allows (the endpoint's origin);
//! a hop to another origin also drops the `Authorization`, `Proxy-Authorization` and
//! `Cookie` headers the caller set. More than `max_redirects` hops is a
//! [`Limit::Redirects`] error.

use http::header::{
    AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, LOCATION,
    PROXY_AUTHORIZATION, TRANSFER_ENCODING,
};

use crate::credentials::BoxFuture;
use crate::error::{Error, Limit, LimitError, Result};
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;
use crate::Method;

#[derive(Debug)]
pub(crate) struct RedirectPolicy;

/// What a redirect asks of the next request.
#[derive(Debug, PartialEq, Eq)]
enum Follow {
    /// The same method and body.
    Same,
    /// A GET (HEAD stays HEAD) without a body.
    Get,
}

/// How to follow `status` for a request with `method`; `None`: the response is the answer.
fn follow(status: u16, method: &Method) -> Option<Follow> {
    let safe = *method == Method::GET || *method == Method::HEAD;
    match status {
        301 | 302 if safe => Some(Follow::Same),
        303 if *method == Method::HEAD => Some(Follow::Same),
        303 => Some(Follow::Get),
        307 | 308 => Some(Follow::Same),
        _ => None,
    }
}

impl Policy for RedirectPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        Box::pin(async move {
            let response = next.send(ctx, req).await?;
            if follow(response.status, &req.method).is_none() {
                return Ok(response);
            }
            // The hops' state (two requests) lives in a future of its own, boxed only when a
            // redirect comes: the future every request allocates stays small.
            Box::pin(follow_redirects(ctx, req, next, response)).await
        })
    }
}

/// Follows the redirect `response` answers to `req` with, and those after it.
async fn follow_redirects<'a>(
    ctx: &'a Context,
    req: &'a mut HttpRequest,
    next: Next<'a>,
    mut response: RawResponse,
) -> Result<RawResponse> {
    // The request as the try left it: auth put back what it changed, but `Authorization`.
    let original = req.clone();
    let mut hop: Option<HttpRequest> = None;
    let mut hops = 0;
    loop {
        let current = hop.as_ref().unwrap_or(&*req);
        let Some(how) = follow(response.status, &current.method) else {
            return Ok(response);
        };
        let Some(target) = response
            .header(LOCATION.as_str())
            .and_then(|l| current.url.join(l).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        else {
            // No usable `Location`: nothing to follow.
            return Ok(response);
        };
        hops += 1;
        if hops > ctx.limits.max_redirects {
            return Err(Error::Limit(Box::new(LimitError {
                limit: Limit::Redirects,
                value: ctx.limits.max_redirects.to_string(),
                message: "the service kept redirecting".into(),
                response: None,
                context: response.context(),
            })));
        }
        let mut next_hop = original.clone();
        next_hop.method = current.method.clone();
        next_hop.body = current.body.clone();
        if how == Follow::Get {
            next_hop.method = Method::GET;
            next_hop.body = None;
            for name in [
                CONTENT_TYPE,
                CONTENT_LENGTH,
                CONTENT_ENCODING,
                TRANSFER_ENCODING,
            ] {
                next_hop.headers.remove(name);
            }
        }
        if target.origin() != original.url.origin() {
            for name in [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE] {
                next_hop.headers.remove(name);
            }
        }
        tracing::debug!(status = response.status, hop = hops, "following a redirect");
        next_hop.url = target;
        let sent = hop.insert(next_hop);
        response = next.send(ctx, sent).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_methods_keep_301_and_302() {
        assert_eq!(follow(301, &Method::GET), Some(Follow::Same));
        assert_eq!(follow(302, &Method::HEAD), Some(Follow::Same));
        assert_eq!(follow(301, &Method::PUT), None);
        assert_eq!(follow(302, &Method::PATCH), None);
        assert_eq!(follow(302, &Method::POST), None);
        assert_eq!(follow(303, &Method::POST), Some(Follow::Get));
        assert_eq!(follow(303, &Method::HEAD), Some(Follow::Same));
        assert_eq!(follow(307, &Method::DELETE), Some(Follow::Same));
        assert_eq!(follow(308, &Method::PUT), Some(Follow::Same));
        assert_eq!(follow(300, &Method::GET), None);
        assert_eq!(follow(304, &Method::GET), None);
    }
}
