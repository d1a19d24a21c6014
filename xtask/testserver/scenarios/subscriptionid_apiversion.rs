//! `subscriptionId-apiVersion.json`: the client's subscription id in the path and its
//! api-version in the query.

use testserver_scenarios::{eq, Checks};
use ts_subscriptionid_apiversion::MicrosoftAzureTestUrlClient as Client;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder("1234-5678-9012-3456"));
    let mut c = Checks::new();
    c.check(&["SubscriptionIdAndApiVersion"], async {
        let group = client
            .group_get_sample_resource_group("testgroup101")
            .await?;
        eq("name", group.name.as_deref(), Some("testgroup101"))?;
        eq("location", group.location.as_deref(), Some("West US"))
    })
    .await;
    c.finish()
}
