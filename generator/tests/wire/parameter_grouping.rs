//! The `parameter_grouping` fixture's client against a loopback server: every field of a
//! parameter group reaches the wire where its parameter goes, `None` fields stay off it, and
//! the group two operations share is one type. Runs inside the generated crate (see
//! `fixtures_wire.rs`).

mod common;

use common::*;
use fixture_parameter_grouping::models::{Thing, ThingKind};
use fixture_parameter_grouping::parameter_groups::{
    QueryOptions, TenantScope, ThingsListWindow, ThingsPutParameters,
};
use fixture_parameter_grouping::GroupingClient;

fn client(url: &str) -> GroupingClient {
    GroupingClient::builder()
        .endpoint(url)
        .unwrap()
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_required_group_sends_its_body_path_header_and_query() {
    let srv = serve(|_| async { reply(200, &[], "") }).await;
    let group = ThingsPutParameters {
        thing_name: "big one".into(),
        body: Thing { size: Some(7) },
        x_trace: Some("t-1".into()),
        count: Some(3),
    };
    client(&srv.url)
        .things()
        .put(group)
        .force(true)
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path(), "/things/big%20one");
    assert_eq!(r.header("x-trace"), Some("t-1"));
    assert_eq!(r.query_value("count").as_deref(), Some("3"));
    assert_eq!(r.query_value("force").as_deref(), Some("true"));
    assert_eq!(r.body_text(), r#"{"size":7}"#);

    // Its optional fields left `None` are not sent.
    let group = ThingsPutParameters {
        thing_name: "t".into(),
        body: Thing { size: None },
        x_trace: None,
        count: None,
    };
    client(&srv.url).things().put(group).await.unwrap();
    let r = srv.last();
    assert_eq!(r.path(), "/things/t");
    assert_eq!(r.header("x-trace"), None);
    assert_eq!(r.query(), "");
}

#[tokio::test]
async fn optional_groups_are_builder_setters_and_a_shared_group_is_one_type() {
    // The statuses the spec declares: 204 for the delete, 200 for the list.
    let srv = serve(|r: Recorded| async move {
        let status = if r.method.as_str() == "DELETE" { 204 } else { 200 };
        reply(status, &[], "")
    })
    .await;
    // 2024-05-01T10:00:00Z
    let since = time::OffsetDateTime::from_unix_timestamp(1_714_557_600).unwrap();
    client(&srv.url)
        .things()
        .list()
        .query_options(QueryOptions {
            filter: Some("size gt 2".into()),
            top: Some(5),
        })
        .things_list_window(ThingsListWindow {
            since: Some(since),
            kind: Some(ThingKind::Big),
        })
        .await
        .unwrap();
    let r = srv.last();
    assert_eq!(r.query_value("$filter").as_deref(), Some("size gt 2"));
    assert_eq!(r.query_value("$top").as_deref(), Some("5"));
    assert_eq!(
        r.query_value("since").as_deref(),
        Some("2024-05-01T10:00:00Z")
    );
    assert_eq!(r.header("kind"), Some("big"));

    // The same `QueryOptions` on the other operation; the field it does not take is ignored,
    // and a default group sends nothing.
    let options = QueryOptions {
        filter: Some("old".into()),
        ..Default::default()
    };
    client(&srv.url)
        .things()
        .delete_all()
        .query_options(options)
        .await
        .unwrap();
    assert_eq!(srv.last().query(), "%24filter=old");
    client(&srv.url)
        .things()
        .list()
        .query_options(QueryOptions::default())
        .await
        .unwrap();
    assert_eq!(srv.last().query(), "");
}

#[tokio::test]
async fn a_next_operation_gets_the_paged_operations_group() {
    let srv = serve(|r: Recorded| async move {
        let body = if r.path() == "/pages/t1" {
            r#"{"value": [{"size": 1}], "nextLink": "/pages/t1/next?page=2"}"#
        } else {
            r#"{"value": [{"size": 2}]}"#
        };
        reply(200, &[("content-type", "application/json")], body)
    })
    .await;
    let group = TenantScope {
        tenant: "t1".into(),
        region: Some("north".into()),
    };
    let things = client(&srv.url).pages().list(group).await.unwrap();
    let sizes: Vec<Option<i32>> = things.iter().map(|t| t.size).collect();
    assert_eq!(sizes, [Some(1), Some(2)]);
    let requests = srv.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].path(), "/pages/t1/next");
    assert_eq!(requests[1].query_value("region").as_deref(), Some("north"));
}
