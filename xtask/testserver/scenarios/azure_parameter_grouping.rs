//! `azure-parameter-grouping.json`: operations whose `x-ms-parameter-grouping` parameters
//! are set one by one (the generator flattens the groups for now).

use testserver_scenarios::{Checks, Outcome};
use ts_azure_parameter_grouping::models::EncryptionAlgorithmType;
use ts_azure_parameter_grouping::AutoRestParameterGroupingTestServiceClient as Client;

fn done<T>(r: ts_azure_parameter_grouping::runtime::Result<T>) -> Outcome {
    r.map(|_| ()).map_err(Into::into)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["postParameterGroupingRequiredParameters"], async {
        done(
            client
                .parameter_grouping_post_required("path", 1234)
                .custom_header("header")
                .query(21)
                .await,
        )
    })
    .await;
    c.check(&["postParameterGroupingOptionalParameters"], async {
        done(
            client
                .parameter_grouping_post_optional()
                .custom_header("header")
                .query(21)
                .await,
        )
    })
    .await;
    c.check(&["PostParameterGroupingWithReservedWords"], async {
        done(
            client
                .parameter_grouping_post_reserved_words()
                .from("bob")
                .accept("yes")
                .await,
        )
    })
    .await;
    c.check(&["postParameterGroupingMultipleParameterGroups"], async {
        done(
            client
                .parameter_grouping_post_multi_param_groups()
                .header_one("header")
                .query_one(21)
                .header_two("header2")
                .query_two(42)
                .await,
        )
    })
    .await;
    c.check(
        &["postParameterGroupingSharedParameterGroupObject"],
        async {
            done(
                client
                    .parameter_grouping_post_shared_parameter_group_object()
                    .header_one("header")
                    .query_one(21)
                    .await,
            )
        },
    )
    .await;
    c.check(&["PutParameterGroupingConstant"], async {
        done(
            client
                .file_and_directory_operations()
                .parameter_grouping_group_with_constant()
                .grouped_constant(EncryptionAlgorithmType::Foo)
                .grouped_parameter("bar")
                .await,
        )
    })
    .await;
    c.finish()
}
