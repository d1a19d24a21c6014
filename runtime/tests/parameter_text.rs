//! What a parameter puts on the wire, against a loopback server: an `f32` in its shortest
//! form (not widened to `f64` first), and a `User-Agent` the operation sends as a declared
//! header parameter instead of the runtime's.

mod common;

use apigen_runtime::{Method, NoBody};
use common::*;
use serde_json::json;

#[tokio::test]
async fn an_f32_parameter_is_sent_in_its_shortest_form() {
    let srv = serve(|_r: Recorded| async { json(200, json!({})) }).await;
    let c = client(&srv.url);
    c.request(Method::GET, "/float", &[])
        .header("value", 0.07f32)
        .query("q", -3.1f32)
        .query("items", vec![0.1f32, 1.2e20])
        .query("double", 7e120f64)
        .call::<(), NoBody>()
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(r.header("value"), Some("0.07"));
    assert_eq!(r.query_value("q").as_deref(), Some("-3.1"));
    assert_eq!(r.query_value("items").as_deref(), Some("0.1,1.2e+20"));
    assert_eq!(r.query_value("double").as_deref(), Some("7e+120"));
}

#[tokio::test]
async fn a_declared_user_agent_parameter_is_sent_as_given() {
    let srv = serve(|_r: Recorded| async { json(200, json!({})) }).await;
    let c = client(&srv.url);
    c.request(Method::POST, "/header/param/existingkey", &[])
        .header("User-Agent", "overwrite")
        .call::<(), NoBody>()
        .await
        .unwrap();
    assert_eq!(srv.last().header("user-agent"), Some("overwrite"));
    // Without one, the runtime's own.
    c.request(Method::GET, "/plain", &[])
        .call::<(), NoBody>()
        .await
        .unwrap();
    let ua = srv.last().header("user-agent").unwrap().to_string();
    assert!(ua.contains("apigen-runtime/"), "{ua}");
}
