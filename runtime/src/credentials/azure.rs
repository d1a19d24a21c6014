//! Interop with `azure_core` 1.x credentials (feature `azure-identity`).

use std::sync::Arc;

use super::{AccessToken, BoxFuture, TokenCredential};
use crate::error::{Error, Result};
use crate::Secret;

/// Any `azure_core` credential behind an `Arc` (how `azure_identity` hands them out, e.g.
/// `azure_identity::DeveloperToolsCredential::new(None)?`) can be passed to
/// `ClientBuilder::credential` as is.
impl<T> TokenCredential for Arc<T>
where
    T: azure_core::credentials::TokenCredential + ?Sized + 'static,
{
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move {
            let t = azure_core::credentials::TokenCredential::get_token(&**self, scopes, None)
                .await
                .map_err(|e| Error::credential(format!("azure_core credential: {e}")))?;
            Ok(AccessToken::new(
                Secret::new(t.token.secret().to_string()),
                t.expires_on,
            ))
        })
    }
    fn name(&self) -> &'static str {
        "azure_core::TokenCredential"
    }
}
