//! `Call::optional` against a loopback server: a success whose promised body is missing is
//! `None`, a present body decodes, and a body that does not fit is still a decode error.

mod common;

use apigen_runtime::{Error, Json, Method};
use common::*;
use serde_json::json;

#[tokio::test]
async fn an_empty_success_body_is_none_and_a_present_one_decodes() {
    let srv = serve(|r: Recorded| async move {
        match r.path() {
            "/empty" => reply(200, &[], ""),
            "/bad" => json(200, json!("not a bool")),
            _ => json(200, json!(true)),
        }
    })
    .await;
    let c = client(&srv.url);
    let call = |path: &'static str| c.request(Method::GET, path, &[]).call::<bool, Json>();
    // Without `.optional()` the empty body fails to decode as the promised `bool`.
    assert!(matches!(
        call("/empty").await,
        Err(Error::Deserialize { .. })
    ));
    assert_eq!(call("/empty").optional().await.unwrap(), None);
    assert_eq!(call("/full").optional().await.unwrap(), Some(true));
    assert!(matches!(
        call("/bad").optional().await,
        Err(Error::Deserialize { .. })
    ));
}
