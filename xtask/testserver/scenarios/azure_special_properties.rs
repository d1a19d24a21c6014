//! `azure-special-properties.json`: the client-wide `api-version` and `subscriptionId`,
//! local overrides, `x-ms-skip-url-encoding`, `x-ms-client-request-id` and custom request-id
//! headers, OData query options.

use testserver_scenarios::{eq, Checks, Outcome};
use ts_azure_special_properties::runtime::CallOptions;
use ts_azure_special_properties::parameter_groups::HeaderCustomNamedRequestIdParamGroupingParameters;
use ts_azure_special_properties::AutoRestAzureSpecialParametersTestClient as Client;

const SUBSCRIPTION: &str = "1234-5678-9012-3456";
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";
const UNENCODED_PATH: &str = "path1/path2/path3";
const UNENCODED_QUERY: &str = "value1&q2=value2&q3=value3";

fn done<T>(r: ts_azure_special_properties::runtime::Result<T>) -> Outcome {
    r.map(|_| ()).map_err(Into::into)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder(SUBSCRIPTION));
    let mut c = Checks::new();

    let v = client.api_version_default_operations();
    c.check(&["AzureApiVersionMethodGlobalValid"], async {
        done(v.api_version_default_get_method_global_valid().await)
    })
    .await;
    c.check(&["AzureApiVersionMethodGlobalNotProvidedValid"], async {
        done(
            v.api_version_default_get_method_global_not_provided_valid()
                .await,
        )
    })
    .await;
    c.check(&["AzureApiVersionPathGlobalValid"], async {
        done(v.api_version_default_get_path_global_valid().await)
    })
    .await;
    c.check(&["AzureApiVersionSwaggerGlobalValid"], async {
        done(v.api_version_default_get_swagger_global_valid().await)
    })
    .await;
    let l = client.api_version_local_operations();
    c.check(&["AzureApiVersionMethodLocalValid"], async {
        done(l.api_version_local_get_method_local_valid().await)
    })
    .await;
    c.check(&["AzureApiVersionMethodLocalNull"], async {
        done(l.api_version_local_get_method_local_null().await)
    })
    .await;
    c.check(&["AzureApiVersionPathLocalValid"], async {
        done(l.api_version_local_get_path_local_valid().await)
    })
    .await;
    c.check(&["AzureApiVersionSwaggerLocalValid"], async {
        done(l.api_version_local_get_swagger_local_valid().await)
    })
    .await;

    let s = client.subscription_in_credentials_operations();
    c.check(&["AzureSubscriptionMethodGlobalValid"], async {
        done(
            s.subscription_in_credentials_post_method_global_valid()
                .await,
        )
    })
    .await;
    c.check(&["AzureSubscriptionMethodGlobalNotProvidedValid"], async {
        done(
            s.subscription_in_credentials_post_method_global_not_provided_valid()
                .await,
        )
    })
    .await;
    c.check(&["AzureSubscriptionPathGlobalValid"], async {
        done(s.subscription_in_credentials_post_path_global_valid().await)
    })
    .await;
    c.check(&["AzureSubscriptionSwaggerGlobalValid"], async {
        done(
            s.subscription_in_credentials_post_swagger_global_valid()
                .await,
        )
    })
    .await;
    let m = client.subscription_in_method_operations();
    c.check(&["AzureSubscriptionMethodLocalValid"], async {
        done(
            m.subscription_in_method_post_method_local_valid(SUBSCRIPTION)
                .await,
        )
    })
    .await;
    c.check(&["AzureSubscriptionPathLocalValid"], async {
        done(
            m.subscription_in_method_post_path_local_valid(SUBSCRIPTION)
                .await,
        )
    })
    .await;
    c.check(&["AzureSubscriptionSwaggerLocalValid"], async {
        done(
            m.subscription_in_method_post_swagger_local_valid(SUBSCRIPTION)
                .await,
        )
    })
    .await;

    let u = client.skip_url_encoding_operations();
    c.check(&["AzureMethodPathUrlEncoding"], async {
        done(
            u.skip_url_encoding_get_method_path_valid(UNENCODED_PATH)
                .await,
        )
    })
    .await;
    c.check(&["AzurePathPathUrlEncoding"], async {
        done(
            u.skip_url_encoding_get_path_path_valid(UNENCODED_PATH)
                .await,
        )
    })
    .await;
    c.check(&["AzureSwaggerPathUrlEncoding"], async {
        done(u.skip_url_encoding_get_swagger_path_valid().await)
    })
    .await;
    c.check(&["AzureMethodQueryUrlEncoding"], async {
        done(
            u.skip_url_encoding_get_method_query_valid(UNENCODED_QUERY)
                .await,
        )
    })
    .await;
    c.check(&["AzureMethodQueryUrlEncodingNull"], async {
        done(u.skip_url_encoding_get_method_query_null().await)
    })
    .await;
    c.check(&["AzurePathQueryUrlEncoding"], async {
        done(
            u.skip_url_encoding_get_path_query_valid(UNENCODED_QUERY)
                .await,
        )
    })
    .await;
    c.check(&["AzureSwaggerQueryUrlEncoding"], async {
        done(u.skip_url_encoding_get_swagger_query_valid().await)
    })
    .await;

    c.check(&["AzureXmsRequestClientOverwrite"], async {
        done(
            s.x_ms_client_request_id_get()
                .options(CallOptions::new().client_request_id(REQUEST_ID))
                .await,
        )
    })
    .await;
    c.check(&["AzureXmsRequestClientIdNull"], async {
        done(
            s.x_ms_client_request_id_get()
                .options(CallOptions::new().without_client_request_id())
                .await,
        )
    })
    .await;
    c.check(&["AzureXmsRequestClientOverwriteViaParameter"], async {
        done(s.x_ms_client_request_id_param_get(REQUEST_ID).await)
    })
    .await;
    c.check(&["AzureRequestClientIdInError"], async {
        let call = s.x_ms_client_request_id_get();
        match call
            .options(CallOptions::new().client_request_id("not-the-expected-id"))
            .await
        {
            Ok(_) => testserver_scenarios::fail("succeeded; the server answers 400"),
            Err(e) => {
                eq("status", e.status(), Some(400))?;
                eq(
                    "request id",
                    e.client_request_id(),
                    Some("not-the-expected-id"),
                )
            }
        }
    })
    .await;
    let h = client.header_operations();
    c.check(&["AzureXmsCustomNamedRequestId"], async {
        let r = h.header_custom_named_request_id(REQUEST_ID).send().await?;
        eq("foo-request-id", r.header("foo-request-id"), Some("123"))
    })
    .await;
    c.check(&["AzureXmsCustomNamedRequestIdParameterGroup"], async {
        done(
            h.header_custom_named_request_id_param_grouping(
                HeaderCustomNamedRequestIdParamGroupingParameters {
                    foo_client_request_id: REQUEST_ID.into(),
                },
            )
                .await,
        )
    })
    .await;
    c.check(&["AzureXmsCustomNamedRequestIdHead"], async {
        done(h.header_custom_named_request_id_head(REQUEST_ID).await)
    })
    .await;
    c.check(&["AzureODataFilter"], async {
        done(
            client
                .odata_operations()
                .odata_get_with_filter()
                .filter("id gt 5 and name eq 'foo'")
                .top(10)
                .orderby("id")
                .await,
        )
    })
    .await;
    c.finish()
}
