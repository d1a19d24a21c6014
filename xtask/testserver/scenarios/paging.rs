//! `paging.json`: `x-ms-pageable` in its shapes (item names, next-link names, next
//! operations, odata links, retries, failures, fragments).

#[path = "../products.rs"]
mod products;

use products::ids;
use testserver_scenarios::{eq, fail, Checks};
use ts_paging::models::Product;
use ts_paging::parameter_groups::{CustomParameterGroup, PagingGetMultiplePagesWithOffsetOptions};
use ts_paging::AutoRestPagingTestServiceClient as Client;

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
            ids(&paging
                .get_multiple_pages_with_offset(PagingGetMultiplePagesWithOffsetOptions {
                    offset: 100,
                    maxresults: None,
                    timeout: None,
                })
                .await?),
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
    c.check(&["PagingEmptyNextLink"], async {
        eq(
            "ids",
            ids(&paging.get_empty_next_link_name_pages().await?),
            vec![1],
        )
    })
    .await;
    c.check(&["PagingDuplicateParameters"], async {
        // The next link carries its own `$filter`: sent once, the server's value.
        eq(
            "ids",
            ids(&paging.duplicate_params().filter("foo").await?),
            vec![1],
        )
    })
    .await;
    c.check(&["PagingReturnModelWithXMSClientName"], async {
        eq(
            "ids",
            ids(&paging
                .get_paging_model_with_item_name_with_xms_client_name()
                .await?),
            vec![1],
        )
    })
    .await;
    c.check(&["PagingWithApiVersionAppend"], async {
        eq("ids", ids(&paging.append_api_version().await?), vec![1])
    })
    .await;
    c.check(&["PagingWithApiVersionReplace"], async {
        eq("ids", ids(&paging.replace_api_version().await?), vec![1])
    })
    .await;
    // The same with the parameters in a group, which the next operation takes too: the pager
    // passes the caller's group on. (The server counts no scenario for this route.)
    c.check(&["PagingFragmentWithGrouping"], async {
        let group = CustomParameterGroup {
            api_version: "1.6".into(),
            tenant: "test_user".into(),
        };
        eq(
            "ids",
            ids(&paging
                .get_multiple_pages_fragment_with_grouping_next_link(group)
                .await?),
            (1..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingFragment"], async {
        // `odata.nextLink` is a fragment (`next?page=2`) only the next operation makes a URL of.
        eq(
            "ids",
            ids(&paging
                .get_multiple_pages_fragment_next_link("test_user", "1.6")
                .await?),
            (1..=10).collect(),
        )
    })
    .await;
    c.check(&["PagingMultipleLRO"], async {
        // A pageable long-running POST: the result is the first page, read from `Location`.
        let page = paging.get_multiple_pages_lro().await?;
        let page = page.ok_or("no final page")?;
        eq(
            "ids",
            ids(page.values.as_deref().unwrap_or_default()),
            vec![1],
        )?;
        eq("has a next link", page.next_link.is_some(), true)
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
    // `maxpagesize` is optional: unset, none is sent (the server answers 400 otherwise).
    c.check(&["PagingDontSendMaxPageSize"], async {
        eq("items", paging.page_with_max_page_size().await?, vec![])
    })
    .await;
    c.finish()
}
