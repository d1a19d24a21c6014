//! `lro-parameterized-endpoints.json`: long-running POSTs under a parameterized host, polled
//! through a relative `Location`, one with a constant path parameter.

use std::time::Duration;

use testserver_scenarios::{eq, Checks};
use ts_lro_parameterized_endpoints::LroWithParamaterizedEndpointsClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // The server asks for no delay; polls need not wait the default minimum.
    let client = testserver_scenarios::client!(Client::builder(); force_polling_interval(Duration::from_millis(1)));
    let mut c = Checks::new();
    c.check(&["LROParameterizedEndpoint"], async {
        let result = client.poll_with_parameterized_endpoints().await?;
        eq("result", result.as_deref(), Some("success"))
    })
    .await;
    c.check(
        &[
            "LROConstantParameterizedPost",
            "LROConstantParameterizedGet",
        ],
        async {
            let result = client.poll_with_constant_parameterized_endpoints().await?;
            eq("result", result.as_deref(), Some("success"))
        },
    )
    .await;
    c.finish()
}
