//! What the credentials that sign a user in ([`AuthorizationCodeCredential`],
//! [`DeviceCodeCredential`]) share: the refresh tokens they hold, the opt-in [`TokenCache`],
//! silent renewal with the refresh-token grant, and redeeming grants at the token endpoint.
//!
//! [`AuthorizationCodeCredential`]: super::AuthorizationCodeCredential
//! [`DeviceCodeCredential`]: super::DeviceCodeCredential

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use time::OffsetDateTime;

use super::oauth::{read_reply, EntraApp, Grant, Refusal, Reply};
use super::token_cache::{CacheKey, CachedTokens};
use super::{ensure_secure, AccessToken, TokenCache};
use crate::error::{Error, Result};
use crate::redact::Redactor;
use crate::Secret;

/// A cached access token is used only while it has this much life left; the client's
/// [`CachedCredential`](super::CachedCredential) refreshes five minutes ahead too.
const MIN_VALIDITY: time::Duration = time::Duration::minutes(5);

/// A public client's signed-in user.
#[derive(Clone)]
pub(crate) struct UserSession {
    pub(crate) app: EntraApp,
    pub(crate) cache: Option<TokenCache>,
    /// The latest refresh token per scope set (sorted, space-separated).
    refresh: Arc<Mutex<HashMap<String, Secret>>>,
    /// The access token last handed out per scope set: asked again for the same scopes, the
    /// caller found it wanting (a 401 clears the client's cache), so the cache file's copy
    /// is not handed out twice.
    handed_out: Arc<Mutex<HashMap<String, Secret>>>,
}

/// The `scope` parameter: the scopes asked for, plus `offline_access` for a refresh token.
pub(crate) fn scope_param(scopes: &[&str]) -> String {
    let mut all: Vec<&str> = scopes.to_vec();
    if !all.contains(&"offline_access") {
        all.push("offline_access");
    }
    all.join(" ")
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl UserSession {
    pub(crate) fn new(app: EntraApp) -> Self {
        UserSession {
            app,
            cache: None,
            refresh: Arc::default(),
            handed_out: Arc::default(),
        }
    }

    fn key(&self, scopes: &[&str]) -> CacheKey {
        let mut sorted: Vec<&str> = scopes.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        CacheKey {
            authority: self.app.authority_host.as_str().to_string(),
            tenant: self.app.tenant_id.clone(),
            client_id: self.app.client_id.clone(),
            scopes: sorted.join(" "),
        }
    }

    fn held_refresh_token(&self, key: &CacheKey) -> Option<Secret> {
        let held = lock(&self.refresh);
        // Entra ID refresh tokens are good for the app's other scopes too.
        held.get(&key.scopes)
            .or_else(|| held.values().next())
            .cloned()
    }

    /// A token for `scopes`: without the user when a cached access token or a refresh token
    /// will do, else from `sign_in` (whose tokens are then kept).
    pub(crate) async fn get_token<F, Fut>(
        &self,
        what: &str,
        scopes: &[&str],
        sign_in: F,
    ) -> Result<AccessToken>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Grant>>,
    {
        if scopes.is_empty() {
            return Err(Error::credential(format!("{what}: no scope asked for")));
        }
        let token = match self.silent(what, scopes).await? {
            Some(t) => t,
            None => {
                let grant = sign_in().await?;
                self.remember(scopes, &grant).await;
                grant.access
            }
        };
        lock(&self.handed_out).insert(self.key(scopes).scopes, token.token.clone());
        Ok(token)
    }

    /// A token without asking the user: the cache file's access token while it is valid,
    /// else the refresh-token grant. `None` when the user must sign in, including when the
    /// refresh token is refused (expired or revoked); a failure to reach the authority is an
    /// error, not a reason to prompt.
    async fn silent(&self, what: &str, scopes: &[&str]) -> Result<Option<AccessToken>> {
        let key = self.key(scopes);
        let mut refresh = self.held_refresh_token(&key);
        if let Some(cache) = &self.cache {
            let cached = cache.load(&key).await;
            let now = OffsetDateTime::now_utc();
            let handed_out = lock(&self.handed_out).get(&key.scopes).cloned();
            let usable = |t: &AccessToken| {
                t.expires_on > now + MIN_VALIDITY && Some(&t.token) != handed_out.as_ref()
            };
            if let Some(t) = cached.access.filter(usable) {
                tracing::debug!(credential = what, "access token from the token cache");
                return Ok(Some(t));
            }
            refresh = refresh.or(cached.refresh);
        }
        let Some(refresh_token) = refresh else {
            return Ok(None);
        };
        let scope = scope_param(scopes);
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.app.client_id.as_str()),
            ("refresh_token", refresh_token.expose()),
            ("scope", scope.as_str()),
        ];
        let secrets = Redactor::new([&refresh_token]);
        match self.redeem(what, &form, &secrets).await? {
            Ok(mut grant) => {
                tracing::debug!(credential = what, "token renewed with the refresh token");
                // Not every answer rotates the refresh token; the old one stays good then.
                grant.refresh = grant.refresh.or(Some(refresh_token));
                self.remember(scopes, &grant).await;
                Ok(Some(grant.access))
            }
            Err(refusal) => {
                tracing::info!(credential = what, error = %refusal.code, "the refresh token was refused; the user signs in again");
                self.forget(&key).await;
                Ok(None)
            }
        }
    }

    /// POST a grant to the token endpoint: its tokens, or the authority's refusal.
    pub(crate) async fn redeem(
        &self,
        what: &str,
        form: &[(&str, &str)],
        secrets: &Redactor,
    ) -> Result<std::result::Result<Grant, Refusal>> {
        let url = self.app.endpoint("token")?;
        ensure_secure(&url, "a user's grant")?;
        let resp = self.app.post_form(url, form).await?;
        match read_reply(what, resp, secrets).await? {
            Reply::Granted(v) => Ok(Ok(Grant::from_reply(what, &v)?)),
            Reply::Refused(r) => Ok(Err(r)),
        }
    }

    async fn remember(&self, scopes: &[&str], grant: &Grant) {
        let key = self.key(scopes);
        if let Some(r) = &grant.refresh {
            lock(&self.refresh).insert(key.scopes.clone(), r.clone());
        }
        if let Some(cache) = &self.cache {
            let tokens = CachedTokens {
                access: Some(grant.access.clone()),
                refresh: grant.refresh.clone(),
            };
            cache.save(&key, Some(&tokens)).await;
        }
    }

    async fn forget(&self, key: &CacheKey) {
        lock(&self.refresh).clear();
        if let Some(cache) = &self.cache {
            cache.save(key, None).await;
        }
    }
}

/// For a credential with `session: UserSession`, `timeout: Duration` and
/// `async fn sign_in(&self, scopes) -> Result<Grant>`: `with_token_cache`, a `Debug` that
/// shows no token, and [`TokenCredential`](super::TokenCredential) (silently when it can, else
/// `sign_in`).
macro_rules! user_credential_impls {
    ($ty:ident, $name:expr) => {
        impl $ty {
            /// Keep tokens in `cache`, so later runs sign in silently.
            pub fn with_token_cache(mut self, cache: $crate::credentials::TokenCache) -> Self {
                self.session.cache = Some(cache);
                self
            }
        }

        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct($name)
                    .field("tenant_id", &self.session.app.tenant_id)
                    .field("client_id", &self.session.app.client_id)
                    .field("authority_host", &self.session.app.authority_host.as_str())
                    .field("timeout", &self.timeout)
                    .field("token_cache", &self.session.cache)
                    .finish_non_exhaustive()
            }
        }

        impl $crate::credentials::TokenCredential for $ty {
            fn get_token<'a>(
                &'a self,
                scopes: &'a [&'a str],
            ) -> $crate::credentials::BoxFuture<'a, $crate::Result<$crate::credentials::AccessToken>>
            {
                Box::pin(
                    self.session
                        .get_token($name, scopes, move || self.sign_in(scopes)),
                )
            }
            fn name(&self) -> &'static str {
                $name
            }
        }
    };
}
pub(crate) use user_credential_impls;
