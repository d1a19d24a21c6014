//! `body-formdata.json`: a file uploaded as the raw request body, which the server echoes. (The
//! multipart upload's route, `FormdataStreamUploadFile`, answers twice on one response in the
//! legacy server, so it is not called.)

use testserver_scenarios::{eq, Checks};
use ts_body_formdata::AutoRestSwaggerBatFormDataServiceClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    c.check(&["StreamUploadFile"], async {
        let content = b"Test file contents".to_vec();
        let echoed = client
            .formdata()
            .formdata_upload_file_via_body(content.clone())
            .await?;
        eq("echoed file", echoed, content)
    })
    .await;
    c.finish()
}
