//! `url-multi-collectionFormat.json`: a query array in `collectionFormat: multi` (the name
//! repeated per item): left out, empty, and with values that need encoding.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_url_multi_collectionformat::AutoRestUrlMutliCollectionFormatTestServiceClient as Client;
use vanilla::done;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let q = client.query_operations();
    let mut c = Checks::new();
    c.check(&["UrlQueriesArrayMultiNull"], async {
        done(q.queries_array_string_multi_null().await)
    })
    .await;
    c.check(&["UrlQueriesArrayMultiEmpty"], async {
        done(
            q.queries_array_string_multi_empty()
                .array_query(vec![])
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesArrayMultiValid"], async {
        let items = ["ArrayQuery1", "begin!*'();:@ &=+$,/?#[]end", "", ""];
        done(
            q.queries_array_string_multi_valid()
                .array_query(items.iter().map(|s| Some(s.to_string())).collect())
                .await,
        )
    })
    .await;
    c.finish()
}
