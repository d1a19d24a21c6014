//! Feature `azure-identity`: an `azure_core` 1.x credential is accepted by the builder as is.
#![cfg(feature = "azure-identity")]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use apigen_runtime::credentials::azure_core;
use apigen_runtime::{Json, Method};
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use common::*;

#[derive(Debug)]
struct AzureStyle {
    calls: AtomicUsize,
}

#[async_trait::async_trait]
impl TokenCredential for AzureStyle {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        assert_eq!(scopes, ["https://management.azure.com/.default"]);
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(AccessToken::new(
            "azure-core-token",
            time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        ))
    }
}

#[tokio::test]
async fn azure_core_credentials_work_as_is() {
    let srv = serve(|_| async { json(200, serde_json::json!({})) }).await;
    let cred = Arc::new(AzureStyle {
        calls: AtomicUsize::new(0),
    });
    let c = builder(&srv.url).credential(cred.clone()).build().unwrap();
    for _ in 0..3 {
        c.request(Method::GET, "/", &[])
            .call::<serde_json::Value, Json>()
            .await
            .unwrap();
    }
    assert_eq!(
        srv.last().header("authorization"),
        Some("Bearer azure-core-token")
    );
    assert_eq!(
        cred.calls.load(Ordering::SeqCst),
        1,
        "cached by the runtime"
    );

    // As a trait object too, the way azure_identity hands credentials out.
    let dyn_cred: Arc<dyn TokenCredential> = cred;
    let c = builder(&srv.url).credential(dyn_cred).build().unwrap();
    c.request(Method::GET, "/", &[])
        .call::<serde_json::Value, Json>()
        .await
        .unwrap();
}
