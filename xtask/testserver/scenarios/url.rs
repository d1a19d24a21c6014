//! `url.json`: path and query values of every type, constants the client sends by itself,
//! URL encoding, null and empty values, the collection formats of query arrays.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_url::models::UriColor;
use ts_url::AutoRestUrlTestServiceClient as Client;
use vanilla::{done, MULTIBYTE};

/// The array the csv/ssv/tsv/pipes scenarios expect.
fn array() -> Vec<String> {
    ["ArrayQuery1", "begin!*'();:@ &=+$,/?#[]end", "", ""]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder("globalStringPath"));
    let p = client.path_operations();
    let q = client.query_operations();
    let mut c = Checks::new();
    c.check(&["UrlPathsBoolTrue"], async {
        done(p.paths_get_boolean_true().await)
    })
    .await;
    c.check(&["UrlPathsBoolFalse"], async {
        done(p.paths_get_boolean_false().await)
    })
    .await;
    c.check(&["UrlPathsIntPositive"], async {
        done(p.paths_get_int_one_million().await)
    })
    .await;
    c.check(&["UrlPathsIntNegative"], async {
        done(p.paths_get_int_negative_one_million().await)
    })
    .await;
    c.check(&["UrlPathsLongPositive"], async {
        done(p.paths_get_ten_billion().await)
    })
    .await;
    c.check(&["UrlPathsLongNegative"], async {
        done(p.paths_get_negative_ten_billion().await)
    })
    .await;
    c.check(&["UrlPathsFloatPositive"], async {
        done(p.paths_float_scientific_positive(1.034e20).await)
    })
    .await;
    c.check(&["UrlPathsFloatNegative"], async {
        done(p.paths_float_scientific_negative(-1.034e-20).await)
    })
    .await;
    c.check(&["UrlPathsDoublePositive"], async {
        done(p.paths_double_decimal_positive(9999999.999).await)
    })
    .await;
    c.check(&["UrlPathsDoubleNegative"], async {
        done(p.paths_double_decimal_negative(-9999999.999).await)
    })
    .await;
    c.check(&["UrlPathsStringUnicode"], async {
        done(p.paths_string_unicode().await)
    })
    .await;
    c.check(&["UrlPathsStringUrlEncoded"], async {
        done(p.paths_string_url_encoded().await)
    })
    .await;
    c.check(&["UrlPathsStringUrlNonEncoded"], async {
        done(p.paths_string_url_non_encoded().await)
    })
    .await;
    c.check(&["UrlPathsStringEmpty"], async {
        done(p.paths_string_empty().await)
    })
    .await;
    c.check(&["UrlPathsEnumValid"], async {
        done(p.paths_enum_valid(UriColor::GreenColor).await)
    })
    .await;
    c.check(&["UrlPathsByteEmpty"], async {
        done(p.paths_byte_empty().await)
    })
    .await;
    // `format: byte` and `base64url` values are bytes; the client encodes them.
    c.check(&["UrlPathsByteMultiByte"], async {
        done(p.paths_byte_multi_byte(MULTIBYTE.as_bytes().to_vec()).await)
    })
    .await;
    c.check(&["UrlPathsStringBase64Url"], async {
        done(p.paths_base64_url(b"lorem".to_vec()).await)
    })
    .await;
    c.check(&["UrlPathsArrayCSVInPath"], async {
        let items = ["ArrayPath1", "begin!*'();:@ &=+$,/?#[]end", "", ""];
        done(
            q.paths_array_csv_in_path(items.iter().map(|s| s.to_string()).collect())
                .await,
        )
    })
    .await;
    c.check(&["UrlPathsDateValid"], async {
        done(p.paths_date_valid().await)
    })
    .await;
    c.check(&["UrlPathsDateTimeValid"], async {
        done(p.paths_date_time_valid().await)
    })
    .await;
    c.check(&["UrlPathsIntUnixTime"], async {
        done(p.paths_unix_time_url(1_460_505_600).await)
    })
    .await;
    c.check(&["UrlQueriesBoolTrue"], async {
        done(p.queries_get_boolean_true().await)
    })
    .await;
    c.check(&["UrlQueriesBoolFalse"], async {
        done(p.queries_get_boolean_false().await)
    })
    .await;
    c.check(&["UrlQueriesBoolNull"], async {
        done(q.queries_get_boolean_null().await)
    })
    .await;
    c.check(&["UrlQueriesIntPositive"], async {
        done(q.queries_get_int_one_million().await)
    })
    .await;
    c.check(&["UrlQueriesIntNegative"], async {
        done(q.queries_get_int_negative_one_million().await)
    })
    .await;
    c.check(&["UrlQueriesIntNull"], async {
        done(q.queries_get_int_null().await)
    })
    .await;
    c.check(&["UrlQueriesLongPositive"], async {
        done(q.queries_get_ten_billion().await)
    })
    .await;
    c.check(&["UrlQueriesLongNegative"], async {
        done(q.queries_get_negative_ten_billion().await)
    })
    .await;
    c.check(&["UrlQueriesLongNull"], async {
        done(q.queries_get_long_null().await)
    })
    .await;
    c.check(&["UrlQueriesFloatPositive"], async {
        done(q.queries_float_scientific_positive(1.034e20).await)
    })
    .await;
    c.check(&["UrlQueriesFloatNegative"], async {
        done(q.queries_float_scientific_negative(-1.034e-20).await)
    })
    .await;
    c.check(&["UrlQueriesFloatNull"], async {
        done(q.queries_float_null().await)
    })
    .await;
    c.check(&["UrlQueriesDoublePositive"], async {
        done(q.queries_double_decimal_positive(9999999.999).await)
    })
    .await;
    c.check(&["UrlQueriesDoubleNegative"], async {
        done(q.queries_double_decimal_negative(-9999999.999).await)
    })
    .await;
    c.check(&["UrlQueriesDoubleNull"], async {
        done(q.queries_double_null().await)
    })
    .await;
    c.check(&["UrlQueriesStringUnicode"], async {
        done(q.queries_string_unicode().await)
    })
    .await;
    c.check(&["UrlQueriesStringUrlEncoded"], async {
        done(q.queries_string_url_encoded().await)
    })
    .await;
    c.check(&["UrlQueriesStringEmpty"], async {
        done(q.queries_string_empty().await)
    })
    .await;
    c.check(&["UrlQueriesStringNull"], async {
        done(q.queries_string_null().await)
    })
    .await;
    c.check(&["UrlQueriesEnumValid"], async {
        done(
            q.queries_enum_valid()
                .enum_query(UriColor::GreenColor)
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesEnumNull"], async {
        done(q.queries_enum_null().await)
    })
    .await;
    c.check(&["UrlQueriesByteEmpty"], async {
        done(q.queries_byte_empty().await)
    })
    .await;
    c.check(&["UrlQueriesByteMultiByte"], async {
        done(
            q.queries_byte_multi_byte()
                .byte_query(MULTIBYTE.as_bytes().to_vec())
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesByteNull"], async {
        done(q.queries_byte_null().await)
    })
    .await;
    c.check(&["UrlQueriesDateValid"], async {
        done(q.queries_date_valid().await)
    })
    .await;
    c.check(&["UrlQueriesDateNull"], async {
        done(q.queries_date_null().await)
    })
    .await;
    c.check(&["UrlQueriesDateTimeValid"], async {
        done(q.queries_date_time_valid().await)
    })
    .await;
    c.check(&["UrlQueriesDateTimeNull"], async {
        done(q.queries_date_time_null().await)
    })
    .await;
    c.check(&["UrlQueriesArrayCsvNull"], async {
        done(q.queries_array_string_csv_null().await)
    })
    .await;
    c.check(&["UrlQueriesArrayCsvEmpty"], async {
        done(q.queries_array_string_csv_empty().array_query(vec![]).await)
    })
    .await;
    c.check(&["UrlQueriesArrayCsvValid"], async {
        done(
            q.queries_array_string_csv_valid()
                .array_query(array())
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesArraySsvValid"], async {
        done(
            q.queries_array_string_ssv_valid()
                .array_query(array())
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesArrayTsvValid"], async {
        done(
            q.queries_array_string_tsv_valid()
                .array_query(array())
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesArrayPipesValid"], async {
        done(
            q.queries_array_string_pipes_valid()
                .array_query(array())
                .await,
        )
    })
    .await;
    c.check(&["UrlQueriesArrayNoCollectionFormatValid"], async {
        done(
            q.queries_array_string_no_collection_format_empty()
                .array_query(vec!["hello".into(), "nihao".into(), "bonjour".into()])
                .await,
        )
    })
    .await;
    path_items(&client, &mut c).await;
    c.finish()
}

/// The `pathitem` scenarios: path and query parameters declared on the client (global), the
/// path item and the operation, the queries of each level left out in turn. The client-wide
/// query is set on the built client, so one scenario pair uses a client without it.
async fn path_items(client: &Client, c: &mut Checks) {
    let with_global = client.clone().with_global_string_query("globalStringQuery");
    let (q, g) = (client.query_operations(), with_global.query_operations());
    let (item, local) = ("pathItemStringPath", "localStringPath");
    c.check(&["UrlPathItemGetAll"], async {
        done(
            g.path_items_get_all_with_values(item, local)
                .path_item_string_query("pathItemStringQuery")
                .local_string_query("localStringQuery")
                .await,
        )
    })
    .await;
    c.check(&["UrlPathItemGetGlobalNull"], async {
        done(
            q.path_items_get_global_query_null(item, local)
                .path_item_string_query("pathItemStringQuery")
                .local_string_query("localStringQuery")
                .await,
        )
    })
    .await;
    c.check(&["UrlPathItemGetGlobalAndLocalNull"], async {
        done(
            q.path_items_get_global_and_local_query_null(item, local)
                .path_item_string_query("pathItemStringQuery")
                .await,
        )
    })
    .await;
    c.check(&["UrlPathItemGetPathItemAndLocalNull"], async {
        done(
            g.path_items_get_local_path_item_query_null(item, local)
                .await,
        )
    })
    .await;
}
