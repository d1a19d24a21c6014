//! [`SchemeCredential`]: what a client sends for one of its spec's `securitySchemes` (API key
//! in a header, query or cookie; HTTP basic; a bearer token, static or from a
//! [`TokenCredential`], OAuth2 client credentials included). Generated clients set them with
//! one builder call per scheme; [`ClientBuilder::security_scheme`](crate::ClientBuilder::security_scheme)
//! is what those calls use.

use std::fmt;

use super::{OAuth2ClientCredential, StaticTokenCredential, TokenCredential};
use crate::Secret;

/// Where an API key goes (`in` of an `apiKey` security scheme).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header named after the scheme's `name`.
    Header,
    /// A query parameter.
    Query,
    /// A cookie in the `Cookie` header.
    Cookie,
}

/// The credential for one security scheme. `Debug` shows the kind and names, never a secret.
///
/// ```
/// use apigen_runtime::credentials::{ApiKeyLocation, SchemeCredential};
/// let key = SchemeCredential::api_key(ApiKeyLocation::Header, "x-api-key", "k3y-value");
/// let basic = SchemeCredential::basic("me", "passw0rd");
/// assert!(!format!("{key:?} {basic:?}").contains("k3y") && !format!("{basic:?}").contains("passw0rd"));
/// ```
pub struct SchemeCredential {
    pub(crate) kind: SchemeKind,
}

pub(crate) enum SchemeKind {
    ApiKey {
        location: ApiKeyLocation,
        name: String,
        key: Secret,
    },
    Basic {
        user: String,
        password: Secret,
    },
    Token {
        credential: Box<dyn TokenCredential>,
        scopes: Vec<String>,
    },
}

impl fmt::Debug for SchemeCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SchemeKind::ApiKey { location, name, .. } => f
                .debug_struct("ApiKey")
                .field("location", location)
                .field("name", name)
                .finish_non_exhaustive(),
            SchemeKind::Basic { user, .. } => f
                .debug_struct("Basic")
                .field("user", user)
                .finish_non_exhaustive(),
            SchemeKind::Token { credential, scopes } => f
                .debug_struct("Bearer")
                .field("credential", &credential.name())
                .field("scopes", scopes)
                .finish(),
        }
    }
}

impl SchemeCredential {
    /// An API key sent as the header, query parameter or cookie `name`.
    pub fn api_key(
        location: ApiKeyLocation,
        name: impl Into<String>,
        key: impl Into<Secret>,
    ) -> Self {
        SchemeCredential {
            kind: SchemeKind::ApiKey {
                location,
                name: name.into(),
                key: key.into(),
            },
        }
    }

    /// HTTP basic authentication (RFC 7617): `Authorization: Basic base64(user:password)`.
    pub fn basic(user: impl Into<String>, password: impl Into<Secret>) -> Self {
        SchemeCredential {
            kind: SchemeKind::Basic {
                user: user.into(),
                password: password.into(),
            },
        }
    }

    /// A fixed bearer token: `Authorization: Bearer <token>`.
    pub fn bearer_token(token: impl Into<Secret>) -> Self {
        let token: Secret = token.into();
        Self::token_provider(StaticTokenCredential::new(token.into_inner()), &[])
    }

    /// Bearer tokens for `scopes` from `credential`, cached and refreshed before they expire,
    /// as the client's [`credential`](crate::ClientBuilder::credential) is.
    pub fn token_provider(credential: impl TokenCredential + 'static, scopes: &[&str]) -> Self {
        SchemeCredential {
            kind: SchemeKind::Token {
                credential: Box::new(credential),
                scopes: scopes.iter().map(|s| s.to_string()).collect(),
            },
        }
    }

    /// OAuth2 client credentials against `token_url` for `scopes` (see
    /// [`OAuth2ClientCredential`]), sent as bearer tokens.
    pub fn oauth2_client_credentials(
        token_url: &str,
        scopes: &[&str],
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        Self::token_provider(
            OAuth2ClientCredential::new(token_url, client_id, client_secret),
            scopes,
        )
    }
}
