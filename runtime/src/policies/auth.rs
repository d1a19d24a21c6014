//! Bearer auth: the one place that decides whether a credential goes on a request.
//!
//! A token is attached only to requests whose origin (scheme, host and port) is the client's
//! endpoint or one the user allowed with
//! [`ClientBuilder::allow_credential_origin`](crate::ClientBuilder::allow_credential_origin),
//! and only over https (or http to a loopback address). URLs a response names (`nextLink`,
//! `Azure-AsyncOperation`, `Operation-Location`, `Location`, `resourceLocation`, a resumed
//! poller's URLs) on any other origin are followed **without** the credential: the request
//! still goes out, as a browser or reqwest's redirect handling would send it, but carries no
//! secret. If such a request is refused with 401/403, the error says the credential was withheld
//! and how to allow the origin.
//!
//! A 401 on a request that carried a token drops the cached token and retries once with a fresh
//! one (a revoked or rotated token), still only to the same allowed origin.

use std::sync::Arc;

use http::HeaderValue;
use url::Url;

use crate::credentials::{
    ensure_secure, AccessToken, BoxFuture, CachedCredential, TokenCredential,
};
use crate::error::{Error, Result};
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::response::RawResponse;
use crate::util::origin_of;

#[derive(Debug)]
pub(crate) struct AuthPolicy {
    pub(crate) credential: Arc<CachedCredential>,
    pub(crate) scopes: Vec<String>,
    /// Origins (`scheme://host:port`, as [`origin_of`] prints them) that get the credential.
    pub(crate) allowed_origins: Vec<String>,
}

impl AuthPolicy {
    pub(crate) fn new(
        credential: Arc<CachedCredential>,
        scopes: Vec<String>,
        endpoint: &Url,
        extra: &[Url],
    ) -> Self {
        let mut allowed_origins = vec![origin_of(endpoint)];
        allowed_origins.extend(extra.iter().map(origin_of));
        AuthPolicy {
            credential,
            scopes,
            allowed_origins,
        }
    }

    fn may_receive_credential(&self, url: &Url) -> bool {
        let origin = origin_of(url);
        self.allowed_origins.contains(&origin)
    }

    async fn token(&self) -> Result<AccessToken> {
        let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        self.credential.get_token(&scopes).await
    }
}

fn bearer(token: &AccessToken) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(&format!("Bearer {}", token.token.expose()))
        .map_err(|_| Error::credential("the token contains invalid header characters"))?;
    v.set_sensitive(true);
    Ok(v)
}

impl Policy for AuthPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        req: &'a mut HttpRequest,
        next: Next<'a>,
    ) -> BoxFuture<'a, Result<RawResponse>> {
        Box::pin(async move {
            // Whatever came before (a user's policy, a stale attempt) never decides this.
            req.headers.remove(http::header::AUTHORIZATION);
            if !self.may_receive_credential(&req.url) {
                tracing::debug!(
                    origin = %origin_of(&req.url),
                    "credential withheld: the URL is not on the client's endpoint or an allowed origin"
                );
                let mut r = next.send(ctx, req).await?;
                r.credential_withheld = true;
                return Ok(r);
            }
            ensure_secure(&req.url, "a bearer token")?;
            let token = self.token().await?;
            req.headers
                .insert(http::header::AUTHORIZATION, bearer(&token)?);
            let mut r = next.send(ctx, req).await?;
            r.redactor.add(token.token.expose());
            if r.status != 401 {
                return Ok(r);
            }
            tracing::debug!("401: refreshing the token and trying once more");
            self.credential.clear().await;
            let fresh = self.token().await?;
            req.headers
                .insert(http::header::AUTHORIZATION, bearer(&fresh)?);
            let mut r = next.send(ctx, req).await?;
            r.redactor.add(token.token.expose());
            r.redactor.add(fresh.token.expose());
            Ok(r)
        })
    }
}
