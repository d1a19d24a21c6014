//! Auth: the one place that decides whether a credential goes on a request: the client's
//! bearer [`credential`](crate::ClientBuilder::credential) (Entra ID by default) and the
//! spec's security schemes ([`SchemeCredential`]s: API key in a header, query or cookie, HTTP
//! basic, bearer tokens, OAuth2 client credentials).
//!
//! Which credentials a request gets: the operation's security requirement (its own `security`
//! or the spec's) names alternatives, each a set of schemes that all go on the request; the
//! first alternative whose schemes are all configured is sent. `security: []` (anonymous) sends
//! nothing, not even the client's credential. Requests without a requirement (hand-built ones)
//! get every configured credential. The client's credential goes on every request that is not
//! anonymous.
//!
//! A credential is attached only to requests whose origin (scheme, host and port) is the
//! client's endpoint or one the user allowed with
//! [`ClientBuilder::allow_credential_origin`](crate::ClientBuilder::allow_credential_origin),
//! and only over https (or http to a loopback address). URLs a response names (`nextLink`,
//! `Azure-AsyncOperation`, `Operation-Location`, `Location`, `resourceLocation`, a resumed
//! poller's URLs) on any other origin are followed **without** any credential (no token, no API
//! key header, query parameter or cookie, no basic header): the request still goes out, as a
//! browser or reqwest's redirect handling would send it, but carries no secret. If such a
//! request is refused with 401/403, the error says the credential was withheld and how to
//! allow the origin.
//!
//! A 401 on a request that carried a token drops the cached tokens and retries once with fresh
//! ones (a revoked or rotated token), still only to the same allowed origin.

use std::sync::Arc;

use base64::Engine as _;
use http::{HeaderName, HeaderValue};
use url::Url;

use crate::credentials::{
    ensure_secure, AccessToken, ApiKeyLocation, BoxFuture, CachedCredential, SchemeCredential,
    SchemeKind, TokenCredential,
};
use crate::error::{Error, Result};
use crate::message::HttpRequest;
use crate::pipeline::{Context, Next, Policy};
use crate::policies::bearer::LastBearer;
use crate::policies::origin::AllowedOrigin;
use crate::redact::Redactor;
use crate::response::RawResponse;
use crate::util::{append_query, origin_of};
use crate::Secret;

/// A configured credential, ready to go on requests.
#[derive(Debug)]
enum Applied {
    ApiKey {
        location: ApiKeyLocation,
        name: String,
        header: Option<HeaderName>,
        key: Secret,
    },
    /// The whole `Basic …` header value, and the password (for the redactor).
    Basic { header: Secret, password: Secret },
    Token {
        credential: Arc<CachedCredential>,
        scopes: Vec<String>,
        last: LastBearer,
    },
}

impl Applied {
    fn new(credential: SchemeCredential, refresh_before: std::time::Duration) -> Result<Self> {
        Ok(match credential.kind {
            SchemeKind::ApiKey {
                location,
                name,
                key,
            } => {
                let header = match location {
                    ApiKeyLocation::Header => {
                        Some(HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                            Error::InvalidRequest(format!("invalid API key header name `{name}`"))
                        })?)
                    }
                    _ => None,
                };
                Applied::ApiKey {
                    location,
                    name,
                    header,
                    key,
                }
            }
            SchemeKind::Basic { user, password } => {
                let pair = format!("{user}:{}", password.expose());
                let header = Secret::new(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ));
                Applied::Basic { header, password }
            }
            SchemeKind::Token { credential, scopes } => Applied::Token {
                credential: Arc::new(
                    CachedCredential::from_box(credential).refresh_before(refresh_before),
                ),
                scopes,
                last: LastBearer::default(),
            },
        })
    }
}

/// One security scheme the user configured, by its name in the spec.
#[derive(Debug)]
struct Scheme {
    name: String,
    applied: Applied,
}

#[derive(Debug)]
pub(crate) struct AuthPolicy {
    /// The client's bearer credential, sent unless the request is anonymous.
    credential: Option<(Arc<CachedCredential>, Vec<String>, LastBearer)>,
    schemes: Vec<Scheme>,
    /// Origins (scheme, host and port) that get credentials.
    allowed_origins: Vec<AllowedOrigin>,
    /// How long before expiry the token caches refresh (a last bearer is fresh until then).
    refresh_before: std::time::Duration,
}

/// What one try sent: the secrets its response must never show, and whether a token went
/// (a 401 then refreshes the tokens).
#[derive(Default)]
struct Sent {
    redactor: Redactor,
    token: bool,
}

impl AuthPolicy {
    pub(crate) fn new(
        credential: Option<(Arc<CachedCredential>, Vec<String>)>,
        schemes: Vec<(String, SchemeCredential)>,
        refresh_before: std::time::Duration,
        endpoint: &Url,
        extra: &[Url],
    ) -> Result<Self> {
        let mut allowed_origins = vec![AllowedOrigin::of(endpoint)];
        allowed_origins.extend(extra.iter().map(AllowedOrigin::of));
        let schemes = schemes
            .into_iter()
            .map(|(name, c)| {
                Ok(Scheme {
                    name,
                    applied: Applied::new(c, refresh_before)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(AuthPolicy {
            credential: credential.map(|(c, scopes)| (c, scopes, LastBearer::default())),
            schemes,
            allowed_origins,
            refresh_before,
        })
    }

    fn may_receive_credential(&self, url: &Url) -> bool {
        self.allowed_origins.iter().any(|o| o.matches(url))
    }

    /// Drop the cached tokens of the credentials `apply` sends (after a 401).
    async fn clear_tokens(&self, credential: bool, schemes: &[&Scheme]) {
        if let (true, Some((c, _, last))) = (credential, &self.credential) {
            last.clear();
            c.clear().await;
        }
        for scheme in schemes {
            if let Applied::Token {
                credential, last, ..
            } = &scheme.applied
            {
                last.clear();
                credential.clear().await;
            }
        }
    }

    /// The schemes this request's requirement asks for that are configured, and whether the
    /// client's credential goes too.
    fn select(&self, security: Option<&[&[&str]]>) -> (bool, Vec<&Scheme>) {
        let by_name = |n: &str| self.schemes.iter().find(|s| s.name == n);
        match security {
            None => (true, self.schemes.iter().collect()),
            Some([]) => (false, Vec::new()),
            Some(alternatives) => {
                let chosen = alternatives
                    .iter()
                    .find_map(|names| names.iter().map(|n| by_name(n)).collect::<Option<Vec<_>>>());
                (true, chosen.unwrap_or_default())
            }
        }
    }

    /// Puts the credentials on `req`.
    async fn apply(
        &self,
        req: &mut HttpRequest,
        credential: bool,
        schemes: &[&Scheme],
    ) -> Result<Sent> {
        let mut sent = Sent::default();
        if let (true, Some((c, scopes, last))) = (credential, &self.credential) {
            ensure_secure(&req.url, "a bearer token")?;
            let (header, redactor) = match last.fresh(self.refresh_before) {
                Some(fresh) => fresh,
                // A token to fetch (rare): its future is boxed, not kept in this one.
                None => last.get(Box::pin(token(c, scopes)).await?, bearer)?,
            };
            req.headers.insert(http::header::AUTHORIZATION, header);
            sent.redactor.merge(&redactor);
            sent.token = true;
        }
        for scheme in schemes {
            match &scheme.applied {
                Applied::ApiKey {
                    location,
                    name,
                    header,
                    key,
                } => {
                    ensure_secure(&req.url, "an API key")?;
                    match (location, header) {
                        (ApiKeyLocation::Header, Some(h)) => {
                            req.headers.insert(h.clone(), sensitive(key.expose())?);
                        }
                        (ApiKeyLocation::Query, _) => {
                            append_query(&mut req.url, name, key.expose())
                        }
                        _ => {
                            let cookie = format!("{name}={}", key.expose());
                            let value = match req.header("cookie") {
                                Some(c) if !c.is_empty() => format!("{c}; {cookie}"),
                                _ => cookie,
                            };
                            req.headers.insert(http::header::COOKIE, sensitive(&value)?);
                        }
                    }
                    sent.redactor.add(key.expose());
                }
                Applied::Basic { header, password } => {
                    ensure_secure(&req.url, "a basic credential")?;
                    req.headers
                        .insert(http::header::AUTHORIZATION, sensitive(header.expose())?);
                    sent.redactor.add(header.expose());
                    sent.redactor.add(password.expose());
                }
                Applied::Token {
                    credential,
                    scopes,
                    last,
                } => {
                    ensure_secure(&req.url, "a bearer token")?;
                    let (header, redactor) = match last.fresh(self.refresh_before) {
                        Some(fresh) => fresh,
                        None => last.get(Box::pin(token(credential, scopes)).await?, bearer)?,
                    };
                    req.headers.insert(http::header::AUTHORIZATION, header);
                    sent.redactor.merge(&redactor);
                    sent.token = true;
                }
            }
        }
        Ok(sent)
    }
}

async fn token(credential: &CachedCredential, scopes: &[String]) -> Result<AccessToken> {
    match scopes {
        // The usual single scope, without collecting a list of them.
        [one] => credential.get_token(&[one.as_str()]).await,
        _ => {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
            credential.get_token(&scopes).await
        }
    }
}

fn sensitive(value: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value)
        .map_err(|_| Error::credential("the credential contains invalid header characters"))?;
    v.set_sensitive(true);
    Ok(v)
}

fn bearer(token: &str) -> Result<HeaderValue> {
    sensitive(&format!("Bearer {token}"))
        .map_err(|_| Error::credential("the token contains invalid header characters"))
}

/// What the policy changes on a request besides `Authorization`, to put back after each try:
/// the retry policy sends the same request again, which must not carry a key twice. Only API
/// keys change anything else (the URL's query, the cookie or their own header); a request
/// with none saves nothing.
#[derive(Clone)]
struct Restore {
    url: Option<Url>,
    headers: Vec<(HeaderName, Option<HeaderValue>)>,
}

impl Restore {
    fn of(req: &HttpRequest, schemes: &[&Scheme]) -> Self {
        let keys = || {
            schemes.iter().filter_map(|s| match &s.applied {
                Applied::ApiKey {
                    location, header, ..
                } => Some((location, header)),
                _ => None,
            })
        };
        if keys().next().is_none() {
            return Restore {
                url: None,
                headers: Vec::new(),
            };
        }
        let mut names = vec![http::header::COOKIE];
        names.extend(keys().filter_map(|(_, header)| header.clone()));
        let in_query = keys().any(|(location, _)| matches!(location, ApiKeyLocation::Query));
        Restore {
            url: in_query.then(|| req.url.clone()),
            headers: names
                .into_iter()
                .map(|n| {
                    let v = req.headers.get(&n).cloned();
                    (n, v)
                })
                .collect(),
        }
    }

    fn apply(self, req: &mut HttpRequest) {
        if let Some(url) = self.url {
            req.url = url;
        }
        for (name, value) in self.headers {
            match value {
                Some(v) => {
                    req.headers.insert(name, v);
                }
                None => {
                    req.headers.remove(name);
                }
            }
        }
    }
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
            let (credential, schemes) = self.select(req.security);
            let credential = credential && self.credential.is_some();
            if !credential && schemes.is_empty() {
                return next.send(ctx, req).await;
            }
            if !self.may_receive_credential(&req.url) {
                tracing::debug!(
                    origin = %origin_of(&req.url),
                    "credential withheld: the URL is not on the client's endpoint or an allowed origin"
                );
                let mut r = next.send(ctx, req).await?;
                r.credential_withheld = true;
                return Ok(r);
            }
            let restore = Restore::of(req, &schemes);
            let sent = match self.apply(req, credential, &schemes).await {
                Ok(sent) => sent,
                Err(e) => {
                    restore.apply(req);
                    return Err(e);
                }
            };
            let result = next.send(ctx, req).await;
            let mut r = match result {
                // Rare: its state lives in a future of its own (see `refresh_and_resend`).
                Ok(r) if r.status == 401 && sent.token => {
                    drop(r);
                    Box::pin(self.refresh_and_resend(ctx, req, next, credential, &schemes, restore))
                        .await?
                }
                other => {
                    restore.apply(req);
                    other?
                }
            };
            r.redactor.merge(&sent.redactor);
            Ok(r)
        })
    }
}

impl AuthPolicy {
    /// After a 401 to a request that carried a token: drop the cached tokens and send once
    /// more with fresh ones. A future apart, boxed only then, so the one every request
    /// allocates stays small.
    async fn refresh_and_resend(
        &self,
        ctx: &Context,
        req: &mut HttpRequest,
        next: Next<'_>,
        credential: bool,
        schemes: &[&Scheme],
        restore: Restore,
    ) -> Result<RawResponse> {
        tracing::debug!("401: refreshing the token and trying once more");
        self.clear_tokens(credential, schemes).await;
        restore.clone().apply(req);
        let fresh = self.apply(req, credential, schemes).await;
        let r = match fresh {
            Ok(fresh) => next.send(ctx, req).await.map(|mut r| {
                r.redactor.merge(&fresh.redactor);
                r
            }),
            Err(e) => Err(e),
        };
        restore.apply(req);
        r
    }
}
