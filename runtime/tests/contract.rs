//! The shapes generated code uses must compile (the contract), and behave.
#![allow(dead_code)]

use apigen_runtime as runtime;
use serde::{Deserialize, Serialize};

mod models {
    use super::*;
    #[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    pub struct AuthorizationContract {
        #[serde(default)]
        pub id: Option<String>,
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secret: Option<runtime::Secret>,
        #[serde(default, with = "apigen_runtime::date_time::option")]
        pub created: Option<time::OffsetDateTime>,
    }
    #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
    pub enum Kind {
        #[serde(rename = "oauth2")]
        OAuth2,
    }
}

pub const SPEC: runtime::ServiceSpec = runtime::ServiceSpec {
    default_endpoint: "https://management.azure.com",
    api_version: "2024-05-01",
    crate_name: "apim-client",
    crate_version: "0.1.0",
};

#[derive(Clone)]
pub struct ApimClient {
    client: runtime::Client,
    subscription_id: String,
}

impl ApimClient {
    pub fn builder(subscription_id: impl Into<String>) -> runtime::ClientBuilder<ApimClient> {
        let subscription_id = subscription_id.into();
        runtime::ClientBuilder::new(SPEC, move |client| ApimClient {
            client,
            subscription_id,
        })
    }

    pub fn get(
        &self,
        resource_group_name: &str,
        service_name: &str,
        authorization_provider_id: &str,
        authorization_id: &str,
    ) -> runtime::Call<models::AuthorizationContract> {
        self.client.request(runtime::Method::GET,
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/{serviceName}/authorizationProviders/{authorizationProviderId}/authorizations/{authorizationId}",
            &[&self.subscription_id, resource_group_name, service_name, authorization_provider_id, authorization_id])
            .call()
    }

    pub fn list(&self, rg: &str) -> ListBuilder {
        ListBuilder(
            self.client
                .request(
                    runtime::Method::GET,
                    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/items",
                    &[&self.subscription_id, rg],
                )
                .paged::<models::AuthorizationContract>("value", Some("nextLink")),
        )
    }

    pub fn delete(&self, rg: &str) -> runtime::LroCall<(), runtime::NoBody> {
        self.client
            .request(
                runtime::Method::DELETE,
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}",
                &[&self.subscription_id, rg],
            )
            .header("If-Match", "*")
            .lro::<(), runtime::NoBody>(runtime::FinalState::Location)
    }

    pub fn create(
        &self,
        rg: &str,
        body: &models::AuthorizationContract,
    ) -> runtime::LroCall<models::AuthorizationContract> {
        self.client
            .request(
                runtime::Method::PUT,
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}",
                &[&self.subscription_id, rg],
            )
            .json(body)
            .lro(runtime::FinalState::Default)
    }

    pub fn policy(&self) -> runtime::Call<String, runtime::Text> {
        self.client
            .request(runtime::Method::PUT, "/policy", &[])
            .text(
                "application/vnd.ms-azure-apim.policy+xml",
                "<policies/>".into(),
            )
            .call()
    }

    pub fn maybe(&self) -> runtime::Call<Option<models::AuthorizationContract>> {
        self.client
            .request(runtime::Method::GET, "/maybe", &[])
            .query("kind", models::Kind::OAuth2)
            .query("$top", Some(3))
            .query("$skip", None::<i32>)
            .call()
    }
}

pub struct ListBuilder(runtime::PagedCall<models::AuthorizationContract>);
impl ListBuilder {
    pub fn top(self, top: i32) -> Self {
        Self(self.0.query("$top", top))
    }
    pub fn into_stream(self) -> runtime::Pager<models::AuthorizationContract> {
        self.0.into_stream()
    }
}

fn assert_send_sync<T: Send + Sync>() {}
fn assert_send<T: Send>(_: &T) {}

#[test]
fn types_are_send_and_sync() {
    assert_send_sync::<runtime::Client>();
    assert_send_sync::<ApimClient>();
    assert_send_sync::<runtime::Error>();
    assert_send_sync::<runtime::Poller<models::AuthorizationContract>>();
    fn assert_send_only<T: Send>() {}
    assert_send_only::<runtime::Pager<models::AuthorizationContract>>();
    assert_send_sync::<runtime::Call<models::AuthorizationContract>>();
    let c = ApimClient::builder("sub")
        .credential(runtime::credentials::StaticTokenCredential::new("t"))
        .build()
        .unwrap();
    assert_send(&c.get("a", "b", "c", "d").send());
    assert_send(&c.create("rg", &Default::default()).begin());
    assert_send(&std::future::IntoFuture::into_future(c.delete("rg")));
    fn unpin<T: Unpin>(_: &T) {}
    unpin(&c.list("rg").top(2).into_stream());
}
