//! Paging against a loopback server: absolute and relative next links, api-version kept,
//! stop conditions, repeat detection, laziness.

mod common;

use apigen_runtime::{Error, Method};
use common::*;
use futures::{StreamExt, TryStreamExt};
use serde_json::json;

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Item {
    id: u32,
}

/// Pages of `per_page` items; `style` chooses how the next link is written.
async fn list_server(pages: u32, per_page: u32, style: &'static str) -> TestServer {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let b2 = base.clone();
    let srv = serve(move |r: Recorded| {
        let base = b2.clone();
        async move {
            let page: u32 = r
                .query_value("page")
                .map(|p| p.parse().unwrap())
                .unwrap_or(0);
            let items: Vec<_> = (0..per_page)
                .map(|i| json!({"id": page * per_page + i, "extra": {"ignored": [1,2,3]}}))
                .collect();
            let next = if page + 1 < pages {
                match style {
                    "absolute" => json!(format!(
                        "{}/items?page={}&api-version=2024-05-01",
                        base.get().unwrap(),
                        page + 1
                    )),
                    "absolute-no-version" => {
                        json!(format!("{}/items?page={}", base.get().unwrap(), page + 1))
                    }
                    "relative" => json!(format!("/items?page={}", page + 1)),
                    _ => unreachable!(),
                }
            } else {
                match page % 3 {
                    0 => json!(null),
                    1 => json!(""),
                    _ => json!(null),
                }
            };
            let mut body = json!({"value": items, "count": 999});
            if !(page + 1 >= pages && page % 3 == 2) {
                body["nextLink"] = next;
            }
            json(200, body)
        }
    })
    .await;
    base.set(srv.url.clone()).unwrap();
    srv
}

#[tokio::test]
async fn follows_absolute_and_relative_links_keeping_api_version() {
    for style in ["absolute", "absolute-no-version", "relative"] {
        for pages in [1u32, 2, 3, 5] {
            let srv = list_server(pages, 4, style).await;
            let c = client(&srv.url);
            let items: Vec<Item> = c
                .request(Method::GET, "/items", &[])
                .paged::<Item>("value", Some("nextLink"))
                .into_stream()
                .try_collect()
                .await
                .unwrap();
            assert_eq!(items.len() as u32, pages * 4, "{style} {pages}");
            assert!(items.iter().enumerate().all(|(i, it)| it.id == i as u32));
            assert_eq!(srv.hits() as u32, pages);
            for r in srv.requests() {
                assert_eq!(r.path(), "/items");
                let versions: Vec<_> = r
                    .query_pairs()
                    .into_iter()
                    .filter(|(k, _)| k == "api-version")
                    .collect();
                assert_eq!(versions.len(), 1, "{style}: {}", r.query());
                assert_eq!(versions[0].1, "2024-05-01");
            }
        }
    }
}

#[tokio::test]
async fn pages_expose_items_links_and_headers() {
    let srv = list_server(3, 2, "relative").await;
    let c = client(&srv.url);
    let pages: Vec<_> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].next_link.as_deref(), Some("/items?page=1"));
    assert_eq!(pages[0].items, vec![Item { id: 0 }, Item { id: 1 }]);
    assert_eq!(pages[2].next_link, None);
    assert_eq!(pages[1].status, 200);
    assert_eq!(
        pages[1].headers.get("content-type").unwrap(),
        "application/json"
    );
}

#[tokio::test]
async fn awaiting_a_paged_call_collects_everything() {
    let srv = list_server(3, 3, "absolute").await;
    let c = client(&srv.url);
    let all: Vec<Item> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .await
        .unwrap();
    assert_eq!(all.len(), 9);
}

#[tokio::test]
async fn no_next_link_name_means_one_page() {
    let srv = serve(|_| async {
        json(
            200,
            json!({"value": [{"id": 1}], "nextLink": "/should/not/follow"}),
        )
    })
    .await;
    let c = client(&srv.url);
    let items: Vec<Item> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", None)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, vec![Item { id: 1 }]);
    assert_eq!(srv.hits(), 1);
}

#[tokio::test]
async fn custom_item_and_link_names_and_missing_items() {
    let srv = serve(|r: Recorded| async move {
        if r.query_value("p").is_none() {
            json(
                200,
                json!({"results": [{"id": 5}], "@odata.nextLink": "/x?p=2"}),
            )
        } else {
            // An empty last page without the item field.
            json(200, json!({}))
        }
    })
    .await;
    let c = client(&srv.url);
    let items: Vec<Item> = c
        .request(Method::GET, "/x", &[])
        .paged::<Item>("results", Some("@odata.nextLink"))
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, vec![Item { id: 5 }]);
    assert_eq!(srv.hits(), 2);
}

#[tokio::test]
async fn repeating_next_link_is_an_error() {
    let srv = serve(|r: Recorded| async move {
        let n: u32 = r.query_value("p").map(|p| p.parse().unwrap()).unwrap_or(0);
        // 0 -> 1 -> 2 -> 1 ...
        let next = if n == 2 { 1 } else { n + 1 };
        json(
            200,
            json!({"value": [{"id": n}], "nextLink": format!("/items?p={next}")}),
        )
    })
    .await;
    let c = client(&srv.url);
    let mut s = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .into_stream();
    let mut ids = vec![];
    let err = loop {
        match s.next().await {
            Some(Ok(i)) => ids.push(i.id),
            Some(Err(e)) => break e,
            None => panic!("ended without error"),
        }
    };
    assert_eq!(ids, vec![0, 1, 2]);
    assert!(matches!(err, Error::Paging { .. }), "{err:?}");
    assert!(err.to_string().contains("repeats"), "{err}");
    assert!(s.next().await.is_none());
    assert_eq!(srv.hits(), 3);

    // A link pointing to itself.
    let srv = serve(|_| async { json(200, json!({"value": [], "nextLink": "/items"})) }).await;
    let c = client(&srv.url);
    let r: Result<Vec<Item>, _> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .into_stream()
        .try_collect()
        .await;
    assert!(matches!(r, Err(Error::Paging { .. })));
}

#[tokio::test]
async fn pager_is_lazy_one_page_at_a_time() {
    let srv = list_server(10, 5, "relative").await;
    let c = client(&srv.url);
    let mut s = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .into_stream();
    for _ in 0..5 {
        s.next().await.unwrap().unwrap();
    }
    assert_eq!(srv.hits(), 1);
    s.next().await.unwrap().unwrap();
    assert_eq!(srv.hits(), 2);
}

#[tokio::test]
async fn page_errors_stop_the_stream() {
    let srv = serve(|r: Recorded| async move {
        match r.query_value("p").as_deref() {
            None => json(200, json!({"value": [{"id": 1}], "nextLink": "/items?p=2"})),
            Some("2") => json(
                200,
                json!({"value": [{"id": "not a number"}], "nextLink": "/items?p=3"}),
            ),
            _ => json(404, json!({"error": {"code": "Gone", "message": "gone"}})),
        }
    })
    .await;
    let c = client(&srv.url);
    let mut s = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .into_stream();
    assert_eq!(s.next().await.unwrap().unwrap(), Item { id: 1 });
    let e = s.next().await.unwrap().unwrap_err();
    match &e {
        Error::Deserialize { path, .. } => assert_eq!(path, "value[0].id"),
        other => panic!("{other:?}"),
    }
    assert!(s.next().await.is_none());

    let srv =
        serve(|_| async { json(404, json!({"error": {"code": "Gone", "message": "gone"}})) }).await;
    let c = client(&srv.url);
    let r: Result<Vec<Item>, _> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .await;
    assert_eq!(r.unwrap_err().code(), Some("Gone"));
}

#[tokio::test]
async fn query_and_headers_apply_to_pages() {
    let srv = list_server(2, 1, "relative").await;
    let c = client(&srv.url);
    let _: Vec<Item> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .query("$top", 1)
        .header("x-custom", "v")
        .await
        .unwrap();
    let reqs = srv.requests();
    assert_eq!(reqs[0].query_value("$top").as_deref(), Some("1"));
    assert!(reqs.iter().all(|r| r.header("x-custom") == Some("v")));
    // Each page request gets its own client request id.
    assert_ne!(
        reqs[0].header("x-ms-client-request-id"),
        reqs[1].header("x-ms-client-request-id")
    );
}

#[tokio::test]
async fn a_next_operation_builds_the_pages_after_the_first() {
    // The link is a fragment that only the next operation's template makes a URL of.
    let srv = serve(|r: Recorded| async move {
        let page = match (r.path(), r.query_value("page")) {
            ("/tenants/t1/items", None) => 1,
            ("/tenants/t1/next", Some(p)) if r.query_value("flag").as_deref() == Some("true") => {
                p.parse().unwrap()
            }
            _ => return json(400, json!({"error": {"code": "WrongRequest", "message": format!("{} {}", r.path(), r.query())}})),
        };
        let mut body = json!({"value": [{"id": page}]});
        if page < 3 {
            body["nextLink"] = json!(format!("next?page={}", page + 1));
        }
        json(200, body)
    })
    .await;
    let c = client(&srv.url);
    let next = c.clone();
    let items: Vec<Item> = c
        .request(Method::GET, "/tenants/{t}/items", &["t1"])
        .paged::<Item>("value", Some("nextLink"))
        .next_operation(move |link| {
            next.request(Method::GET, "/tenants/{t}/{+link}", &["t1", link])
                .query("flag", true)
                .paged("value", None)
        })
        .options(apigen_runtime::CallOptions::new().client_request_id("call-1"))
        .await
        .unwrap();
    assert_eq!(items, vec![Item { id: 1 }, Item { id: 2 }, Item { id: 3 }]);
    let reqs = srv.requests();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs.iter()
            .all(|r| r.header("x-ms-client-request-id") == Some("call-1")),
        "the call's options apply to the next operation's requests too"
    );
}

#[tokio::test]
async fn a_next_links_own_api_version_gives_way_to_the_clients() {
    let srv = serve(|r: Recorded| async move {
        if r.query_value("page").is_none() {
            return json(
                200,
                json!({"value": [{"id": 1}], "nextLink": "/items?page=2&Api-Version=notMe&%24skiptoken=bar&t=1%2F1%2F1970%2012%3A00"}),
            );
        }
        json(200, json!({"value": [{"id": 2}]}))
    })
    .await;
    let c = client(&srv.url);
    let items: Vec<Item> = c
        .request(Method::GET, "/items", &[])
        .paged::<Item>("value", Some("nextLink"))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    let second = &srv.requests()[1];
    let versions: Vec<_> = second
        .query_pairs()
        .into_iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("api-version"))
        .collect();
    assert_eq!(
        versions,
        [("api-version".to_string(), "2024-05-01".to_string())]
    );
    assert_eq!(second.query_value("$skiptoken").as_deref(), Some("bar"));
    assert_eq!(second.query_value("t").as_deref(), Some("1/1/1970 12:00"));
}
