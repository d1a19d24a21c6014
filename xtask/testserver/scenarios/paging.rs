//! `paging.json`: `x-ms-pageable` in its shapes (item names, next-link names, next
//! operations, odata links, retries, failures, fragments).

use testserver_scenarios::{eq, fail, Checks};
use ts_paging::models::Product;
use ts_paging::AutoRestPagingTestServiceClient as Client;

fn ids(items: &[Product]) -> Vec<i64> {
    items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|p| p.id).unwrap_or(-1))
        .collect()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let paging = client.paging();
    let mut c = Checks::new();
    c.check(&["PagingNoItemName"], async {
        eq("ids", ids(&paging.get_no_item_name_pages().await?), vec![1])
    })
    .await;
    c.check(&["PagingNextLinkNameNull"], async {
        eq(
            "ids",
            ids(&paging.get_null_next_link_name_pages().await?),
            vec![1],
        )
    })
    .await;
    c.check(&["PagingSingle"], async {
        eq("ids", ids(&paging.get_single_pages().await?), vec![1])
    })
    .await;
    c.check(&["PagingSingleWithBodyParams"], async {
        let body = ts_paging::models::BodyParam {
            name: Some("body".into()),
        };
        eq(
            "ids",
            ids(&paging.get_single_pages_with_body_params(body).await?),
            vec![1],
        )
    })
    .await;
    c.check(&["PagingFirstResponseEmpty"], async {
        eq("ids", ids(&paging.first_response_empty().await?), vec![1])
    })
    .await;
    c.check(&["PagingMultiple"], async {
        eq(
            "ids",
            ids(&paging.get_multiple_pages().await?),
            (1..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingMultipleWithQueryParameters"], async {
        eq(
            "ids",
            ids(&paging.get_with_query_params(100).await?),
            vec![1, 2],
        )
    })
    .await;
    c.check(&["PagingOdataMultiple"], async {
        eq(
            "ids",
            ids(&paging.get_odata_multiple_pages().await?),
            (1..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingMultiplePath"], async {
        eq(
            "ids",
            ids(&paging.get_multiple_pages_with_offset(100).await?),
            [1].into_iter().chain(102..=110).collect(),
        )
    })
    .await;
    c.check(&["PagingMultipleRetryFirst"], async {
        eq(
            "ids",
            ids(&paging.get_multiple_pages_retry_first().await?),
            (1..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingMultipleRetrySecond"], async {
        eq(
            "ids",
            ids(&paging.get_multiple_pages_retry_second().await?),
            [1, 1].into_iter().chain(3..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingSingleFailure"], async {
        match paging.get_single_pages_failure().await {
            Err(e) => eq("status", e.status(), Some(400)),
            Ok(items) => fail(format!("succeeded with {} items", items.len())),
        }
    })
    .await;
    c.check(&["PagingMultipleFailure"], async {
        match paging.get_multiple_pages_failure().await {
            Err(e) => eq("status", e.status(), Some(400)),
            Ok(items) => fail(format!("succeeded with {} items", items.len())),
        }
    })
    .await;
    c.check(&["PagingMultipleFailureUri"], async {
        match paging.get_multiple_pages_failure_uri().await {
            Err(_) => Ok(()),
            Ok(items) => fail(format!("succeeded with {} items", items.len())),
        }
    })
    .await;
    c.finish()
}
