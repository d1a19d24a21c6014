//! `custom-baseUrl-paging.json`: paging under a parameterized host, with next links that are
//! partial: a path to resolve against the page's URL, or a fragment for the next operation.

#[path = "../products.rs"]
mod products;

use products::ids;
use testserver_scenarios::{eq, Checks};
use ts_custom_baseurl_paging::models::Product;
use ts_custom_baseurl_paging::AutoRestParameterizedHostTestPagingClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let paging = client.paging();
    let mut c = Checks::new();
    c.check(&["PagingCustomUrlPartialNextLink"], async {
        eq(
            "ids",
            ids(&paging.get_pages_partial_url().await?),
            vec![1, 2],
        )
    })
    .await;
    c.check(&["PagingCustomUrlPartialOperationNextLink"], async {
        eq(
            "ids",
            ids(&paging.get_pages_partial_url_operation().await?),
            vec![1, 2],
        )
    })
    .await;
    c.finish()
}
