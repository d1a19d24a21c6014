//! `azure-parameter-grouping.json`: operations whose `x-ms-parameter-grouping` parameters
//! are passed as one typed group: a required one as an argument, an all-optional one through
//! the builder method of its name (a group two operations name is one type).

use testserver_scenarios::{Checks, Outcome};
use ts_azure_parameter_grouping::models::EncryptionAlgorithmType;
use ts_azure_parameter_grouping::parameter_groups::{
    FirstParameterGroup, Grouper, ParameterGroupingPostMultiParamGroupsSecondParamGroup,
    ParameterGroupingPostOptionalParameters, ParameterGroupingPostRequiredParameters,
    ParameterGroupingPostReservedWordsParameters,
};
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
                .parameter_grouping_post_required(ParameterGroupingPostRequiredParameters {
                    body: 1234,
                    path: "path".into(),
                    custom_header: Some("header".into()),
                    query: Some(21),
                })
                .await,
        )
    })
    .await;
    c.check(&["postParameterGroupingOptionalParameters"], async {
        done(
            client
                .parameter_grouping_post_optional()
                .parameter_grouping_post_optional_parameters(
                    ParameterGroupingPostOptionalParameters {
                        custom_header: Some("header".into()),
                        query: Some(21),
                    },
                )
                .await,
        )
    })
    .await;
    c.check(&["PostParameterGroupingWithReservedWords"], async {
        done(
            client
                .parameter_grouping_post_reserved_words()
                .parameter_grouping_post_reserved_words_parameters(
                    ParameterGroupingPostReservedWordsParameters {
                        from: Some("bob".into()),
                        accept: Some("yes".into()),
                    },
                )
                .await,
        )
    })
    .await;
    c.check(&["postParameterGroupingMultipleParameterGroups"], async {
        done(
            client
                .parameter_grouping_post_multi_param_groups()
                .first_parameter_group(FirstParameterGroup {
                    header_one: Some("header".into()),
                    query_one: Some(21),
                })
                .parameter_grouping_post_multi_param_groups_second_param_group(
                    ParameterGroupingPostMultiParamGroupsSecondParamGroup {
                        header_two: Some("header2".into()),
                        query_two: Some(42),
                    },
                )
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
                    // The same type as the multiple-groups operation's first group.
                    .first_parameter_group(FirstParameterGroup {
                        header_one: Some("header".into()),
                        query_one: Some(21),
                    })
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
                .grouper(Grouper {
                    grouped_constant: Some(EncryptionAlgorithmType::Foo),
                    grouped_parameter: Some("bar".into()),
                })
                .await,
        )
    })
    .await;
    c.finish()
}
