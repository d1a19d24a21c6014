//! `xml-service.json`: only its two JSON operations. XML bodies are out of scope (README); a
//! JSON operation in an XML service needs none of it.

#[path = "../vanilla.rs"]
mod vanilla;

use testserver_scenarios::Checks;
use ts_xml_service::models::{JsonInput, JsonOutput};
use ts_xml_service::AutoRestSwaggerBatXmlServiceClient as Client;
use vanilla::{done, value};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let xml = client.xml_operations();
    let mut c = Checks::new();
    c.check(&["jsonInputInXMLSwagger"], async {
        done(xml.xml_json_input(JsonInput { id: Some(42) }).await)
    })
    .await;
    c.check(&["jsonOutputInXMLSwagger"], async {
        value(
            "json output",
            xml.xml_json_output().await,
            JsonOutput { id: Some(42) },
        )
    })
    .await;
    c.finish()
}
