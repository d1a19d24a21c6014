//! `lro.json`: `x-ms-long-running-operation` through `Azure-AsyncOperation`, `Location`,
//! provisioning states, retries and every error path the server scripts. Every operation is
//! awaited as a user would; one that must fail has to return an error, not hang or succeed.

use std::time::Duration;

use testserver_scenarios::{fail, Checks, Outcome};
use ts_lro::models::{Product, Sku, SubProduct};
use ts_lro::runtime::CallOptions;
use ts_lro::AutoRestLongRunningOperationTestServiceClient as Client;

/// The request id the custom-header scenarios expect on the first request and every poll.
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

fn product() -> Product {
    Product {
        location: Some("West US".into()),
        ..Default::default()
    }
}

fn sku() -> Sku {
    Sku {
        name: Some("sku".into()),
        id: Some("100".into()),
    }
}

fn sub_product() -> SubProduct {
    SubProduct::default()
}

fn succeeds<T>(result: ts_lro::runtime::Result<T>) -> Outcome {
    result.map(|_| ()).map_err(Into::into)
}

fn fails<T>(result: ts_lro::runtime::Result<T>) -> Outcome {
    match result {
        Ok(_) => fail("succeeded; the server scripts a failure"),
        Err(_) => Ok(()),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // The server asks for no delay; polls need not wait the default minimum.
    let client = testserver_scenarios::client!(Client::builder(); force_polling_interval(Duration::from_millis(1)));
    let mut c = Checks::new();
    let lros = client.lros();
    c.check(&["LROPutInlineComplete"], async {
        succeeds(lros.put200_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPatchInlineCompleteIgnoreHeaders"], async {
        succeeds(
            lros.patch200_succeeded_ignore_headers(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROPatch201WithAsyncHeader"], async {
        succeeds(lros.patch201_retry_with_async_header(Some(product())).await)
    })
    .await;
    c.check(&["LROPatch202WithAsyncAndLocationHeader"], async {
        succeeds(
            lros.patch202_retry_with_async_and_location_header(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROPutInlineComplete201"], async {
        succeeds(lros.put201_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPostAndGetList"], async {
        succeeds(lros.post202_list().await)
    })
    .await;
    c.check(&["LROPut200InlineCompleteNoState"], async {
        succeeds(lros.put200_succeeded_no_state(Some(product())).await)
    })
    .await;
    c.check(&["LROPut202Retry200"], async {
        succeeds(lros.put202_retry200(Some(product())).await)
    })
    .await;
    c.check(&["LROPutSucceededWithBody"], async {
        succeeds(lros.put201_creating_succeeded200(Some(product())).await)
    })
    .await;
    c.check(&["LROPutSucceededNoBody"], async {
        succeeds(lros.put200_updating_succeeded204(Some(product())).await)
    })
    .await;
    c.check(&["LROPutFailed"], async {
        fails(lros.put201_creating_failed200(Some(product())).await)
    })
    .await;
    c.check(&["LROPutCanceled"], async {
        fails(lros.put200_acceptedcanceled200(Some(product())).await)
    })
    .await;
    c.check(&["LROPutNoHeaderInRetry"], async {
        succeeds(lros.put_no_header_in_retry(Some(product())).await)
    })
    .await;
    c.check(&["LROPutAsyncRetrySucceeded"], async {
        succeeds(lros.put_async_retry_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPutAsyncNoRetrySucceeded"], async {
        succeeds(lros.put_async_no_retry_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPutAsyncRetryFailed"], async {
        fails(lros.put_async_retry_failed(Some(product())).await)
    })
    .await;
    c.check(&["LROPutAsyncNoRetryCanceled"], async {
        fails(lros.put_async_no_retrycanceled(Some(product())).await)
    })
    .await;
    c.check(&["LROPutAsyncNoHeaderInRetry"], async {
        succeeds(lros.put_async_no_header_in_retry(Some(product())).await)
    })
    .await;
    c.check(&["LROPutNonResourceInRetry"], async {
        succeeds(lros.put_non_resource(Some(sku())).await)
    })
    .await;
    c.check(&["LROPutNonResourceAsyncInRetry"], async {
        succeeds(lros.put_async_non_resource(Some(sku())).await)
    })
    .await;
    c.check(&["LROPutSubResourceInRetry"], async {
        succeeds(lros.put_sub_resource(Some(sub_product())).await)
    })
    .await;
    c.check(&["LROPutSubResourceAsyncInRetry"], async {
        succeeds(lros.put_async_sub_resource(Some(sub_product())).await)
    })
    .await;
    c.check(&["LRODeleteProvisioningSucceededWithBody"], async {
        succeeds(lros.delete_provisioning202_accepted200_succeeded().await)
    })
    .await;
    c.check(&["LRODeleteProvisioningFailed"], async {
        succeeds(lros.delete_provisioning202_deleting_failed200().await)
    })
    .await;
    c.check(&["LRODeleteProvisioningCanceled"], async {
        succeeds(lros.delete_provisioning202_deletingcanceled200().await)
    })
    .await;
    c.check(&["LRODeleteInlineComplete"], async {
        succeeds(lros.delete204_succeeded().await)
    })
    .await;
    c.check(&["LRODelete200"], async {
        succeeds(lros.delete202_retry200().await)
    })
    .await;
    c.check(&["LRODelete204"], async {
        succeeds(lros.delete202_no_retry204().await)
    })
    .await;
    c.check(&["LRODeleteNoHeaderInRetry"], async {
        succeeds(lros.delete_no_header_in_retry().await)
    })
    .await;
    c.check(&["LRODeleteAsyncNoHeaderInRetry"], async {
        succeeds(lros.delete_async_no_header_in_retry().await)
    })
    .await;
    c.check(&["LRODeleteAsyncRetrySucceeded"], async {
        succeeds(lros.delete_async_retry_succeeded().await)
    })
    .await;
    c.check(&["LRODeleteAsyncNoRetrySucceeded"], async {
        succeeds(lros.delete_async_no_retry_succeeded().await)
    })
    .await;
    c.check(&["LRODeleteAsyncRetryFailed"], async {
        fails(lros.delete_async_retry_failed().await)
    })
    .await;
    c.check(&["LRODeleteAsyncRetryCanceled"], async {
        fails(lros.delete_async_retrycanceled().await)
    })
    .await;
    c.check(&["LROPost200"], async {
        succeeds(lros.post200_with_payload().await)
    })
    .await;
    c.check(&["LROPostSuccededWithBody"], async {
        succeeds(lros.post202_retry200(Some(product())).await)
    })
    .await;
    c.check(&["LROPostSuccededNoBody"], async {
        succeeds(lros.post202_no_retry204(Some(product())).await)
    })
    .await;
    c.check(&["LROPostDoubleHeadersFinalLocationGet"], async {
        succeeds(lros.post_double_headers_final_location_get().await)
    })
    .await;
    c.check(&["LROPostDoubleHeadersFinalAzureHeaderGet"], async {
        succeeds(lros.post_double_headers_final_azure_header_get().await)
    })
    .await;
    c.check(&["LROPostDoubleHeadersFinalAzureHeaderGetDefault"], async {
        succeeds(
            lros.post_double_headers_final_azure_header_get_default()
                .await,
        )
    })
    .await;
    c.check(&["LROPostAsyncRetrySucceeded"], async {
        succeeds(lros.post_async_retry_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPostAsyncNoRetrySucceeded"], async {
        succeeds(lros.post_async_no_retry_succeeded(Some(product())).await)
    })
    .await;
    c.check(&["LROPostAsyncRetryFailed"], async {
        fails(lros.post_async_retry_failed(Some(product())).await)
    })
    .await;
    c.check(&["LROPostAsyncRetryCanceled"], async {
        fails(lros.post_async_retrycanceled(Some(product())).await)
    })
    .await;
    let lro_retrys = client.lro_retrys();
    c.check(&["LRORetryPutSucceededWithBody"], async {
        succeeds(
            lro_retrys
                .put201_creating_succeeded200(Some(product()))
                .await,
        )
    })
    .await;
    c.check(
        &[
            "LRORetryErrorPutAsyncSucceeded",
            "LRORetryErrorPutAsyncSucceededPolling",
        ],
        async {
            succeeds(
                lro_retrys
                    .put_async_relative_retry_succeeded(Some(product()))
                    .await,
            )
        },
    )
    .await;
    c.check(&["LRORetryErrorDelete202Accepted200Succeeded"], async {
        succeeds(
            lro_retrys
                .delete_provisioning202_accepted200_succeeded()
                .await,
        )
    })
    .await;
    c.check(&["LRORetryErrorDelete202Retry200Succeeded"], async {
        succeeds(lro_retrys.delete202_retry200().await)
    })
    .await;
    c.check(&["LRORetryErrorDeleteAsyncRetrySucceeded"], async {
        succeeds(lro_retrys.delete_async_relative_retry_succeeded().await)
    })
    .await;
    c.check(&["LRORetryErrorPost202Retry200Succeeded"], async {
        succeeds(lro_retrys.post202_retry200(Some(product())).await)
    })
    .await;
    c.check(&["LRORetryErrorPostAsyncRetrySucceeded"], async {
        succeeds(
            lro_retrys
                .post_async_relative_retry_succeeded(Some(product()))
                .await,
        )
    })
    .await;
    let lrosads = client.lrosads();
    c.check(&["LRONonRetryPut400"], async {
        fails(lrosads.put_non_retry400(Some(product())).await)
    })
    .await;
    c.check(&["LRONonRetryPut201Creating400"], async {
        fails(lrosads.put_non_retry201_creating400(Some(product())).await)
    })
    .await;
    c.check(&["LRONonRetryPut201Creating400InvalidJson"], async {
        fails(
            lrosads
                .put_non_retry201_creating400_invalid_json(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LRONonRetryPutAsyncRetry400"], async {
        fails(lrosads.put_async_relative_retry400(Some(product())).await)
    })
    .await;
    c.check(&["LRONonRetryDelete400"], async {
        fails(lrosads.delete_non_retry400().await)
    })
    .await;
    c.check(&["LRONonRetryDelete202Retry400"], async {
        fails(lrosads.delete202_non_retry400().await)
    })
    .await;
    c.check(&["LRONonRetryDeleteAsyncRetry400"], async {
        fails(lrosads.delete_async_relative_retry400().await)
    })
    .await;
    c.check(&["LRONonRetryPost400"], async {
        fails(lrosads.post_non_retry400(Some(product())).await)
    })
    .await;
    c.check(&["LRONonRetryPost202Retry400"], async {
        fails(lrosads.post202_non_retry400(Some(product())).await)
    })
    .await;
    c.check(&["LRONonRetryPostAsyncRetry400"], async {
        fails(lrosads.post_async_relative_retry400(Some(product())).await)
    })
    .await;
    c.check(&["LROErrorPut201NoProvisioningStatePayload"], async {
        fails(
            lrosads
                .put_error201_no_provisioning_state_payload(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPutAsyncNoPollingStatus"], async {
        fails(
            lrosads
                .put_async_relative_retry_no_status(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPutAsyncNoPollingStatusPayload"], async {
        fails(
            lrosads
                .put_async_relative_retry_no_status_payload(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorDeleteNoLocation"], async {
        succeeds(lrosads.delete204_succeeded().await)
    })
    .await;
    c.check(&["LROErrorDeleteAsyncNoPollingStatus"], async {
        fails(lrosads.delete_async_relative_retry_no_status().await)
    })
    .await;
    c.check(&["LROErrorPostNoLocation"], async {
        succeeds(lrosads.post202_no_location(Some(product())).await)
    })
    .await;
    c.check(&["LROErrorPostAsyncNoPollingPayload"], async {
        fails(
            lrosads
                .post_async_relative_retry_no_payload(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPut200InvalidJson"], async {
        fails(lrosads.put200_invalid_json(Some(product())).await)
    })
    .await;
    c.check(&["LROErrorPutAsyncInvalidHeader"], async {
        fails(
            lrosads
                .put_async_relative_retry_invalid_header(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPutAsyncInvalidJsonPolling"], async {
        fails(
            lrosads
                .put_async_relative_retry_invalid_json_polling(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorDelete202RetryInvalidHeader"], async {
        fails(lrosads.delete202_retry_invalid_header().await)
    })
    .await;
    c.check(&["LROErrorDeleteAsyncInvalidHeader"], async {
        fails(lrosads.delete_async_relative_retry_invalid_header().await)
    })
    .await;
    c.check(&["LROErrorDeleteAsyncInvalidJsonPolling"], async {
        fails(
            lrosads
                .delete_async_relative_retry_invalid_json_polling()
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPost202RetryInvalidHeader"], async {
        fails(lrosads.post202_retry_invalid_header(Some(product())).await)
    })
    .await;
    c.check(&["LROErrorPostAsyncInvalidHeader"], async {
        fails(
            lrosads
                .post_async_relative_retry_invalid_header(Some(product()))
                .await,
        )
    })
    .await;
    c.check(&["LROErrorPostAsyncInvalidJsonPolling"], async {
        fails(
            lrosads
                .post_async_relative_retry_invalid_json_polling(Some(product()))
                .await,
        )
    })
    .await;
    let lros_custom_header = client.lros_custom_header();
    c.check(&["CustomHeaderPutAsyncSucceded"], async {
        succeeds(
            lros_custom_header
                .put_async_retry_succeeded(Some(product()))
                .options(CallOptions::new().client_request_id(REQUEST_ID))
                .await,
        )
    })
    .await;
    c.check(&["CustomHeaderPutSucceeded"], async {
        succeeds(
            lros_custom_header
                .put201_creating_succeeded200(Some(product()))
                .options(CallOptions::new().client_request_id(REQUEST_ID))
                .await,
        )
    })
    .await;
    c.check(&["CustomHeaderPostSucceeded"], async {
        succeeds(
            lros_custom_header
                .post202_retry200(Some(product()))
                .options(CallOptions::new().client_request_id(REQUEST_ID))
                .await,
        )
    })
    .await;
    c.check(&["CustomHeaderPostAsyncSucceded"], async {
        succeeds(
            lros_custom_header
                .post_async_retry_succeeded(Some(product()))
                .options(CallOptions::new().client_request_id(REQUEST_ID))
                .await,
        )
    })
    .await;
    c.finish()
}
