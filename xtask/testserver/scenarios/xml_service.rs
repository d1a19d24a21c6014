//! `xml-service.json`: XML request and response bodies (attributes, wrapped and unwrapped
//! lists, lists at the root, empty lists and nodes, `x-ms-text`, models named by their
//! `xml.name`, bytes and URLs) and the Azure Storage shapes of the same swagger (containers,
//! blobs, service properties, ACLs). GETs check the decoded model; PUTs send the document
//! the server holds, which it compares with its own.

#[path = "../vanilla.rs"]
mod vanilla;

use std::collections::BTreeMap;

use apigen_runtime::date_time;
use testserver_scenarios::{eq, Checks, Outcome};
use ts_xml_service::models::*;
use ts_xml_service::operations::XmlOperationsClient;
use ts_xml_service::AutoRestSwaggerBatXmlServiceClient as Client;
use vanilla::{done, value};

fn slideshow() -> Slideshow {
    Slideshow {
        title: Some("Sample Slide Show".into()),
        date: Some("Date of publication".into()),
        author: Some("Yours Truly".into()),
        slides: Some(vec![
            Slide {
                type_: Some("all".into()),
                title: Some("Wake up to WonderWidgets!".into()),
                items: None,
            },
            Slide {
                type_: Some("all".into()),
                title: Some("Overview".into()),
                items: Some(vec![
                    "Why WonderWidgets are great".into(),
                    String::new(),
                    "Who buys WonderWidgets".into(),
                ]),
            },
        ]),
    }
}

fn apples(good: &[&str], bad: &[&str]) -> AppleBarrel {
    let list = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect());
    AppleBarrel {
        good_apples: list(good),
        bad_apples: list(bad),
    }
}

fn banana(name: &str, flavor: &str, expiration: &str) -> Banana {
    Banana {
        name: Some(name.into()),
        flavor: Some(flavor.into()),
        expiration: Some(date_time::parse(expiration).expect("a date-time")),
    }
}

fn bananas() -> Vec<Banana> {
    vec![
        banana("Cavendish", "Sweet", "2018-02-28T00:40:00.123Z"),
        banana("Plantain", "Savory", "2018-02-28T00:40:00.123Z"),
    ]
}

fn retention() -> Option<RetentionPolicy> {
    Some(RetentionPolicy {
        enabled: true,
        days: Some(7),
    })
}

fn service_properties() -> StorageServiceProperties {
    let metrics = |include_apis| Metrics {
        version: Some("1.0".into()),
        enabled: true,
        include_apis: Some(include_apis),
        retention_policy: retention(),
    };
    StorageServiceProperties {
        logging: Some(Logging {
            version: "1.0".into(),
            delete: true,
            read: false,
            write: true,
            retention_policy: retention().expect("set"),
        }),
        hour_metrics: Some(metrics(false)),
        minute_metrics: Some(metrics(true)),
        cors: None,
        default_service_version: None,
        delete_retention_policy: None,
    }
}

fn acls() -> Vec<SignedIdentifier> {
    vec![SignedIdentifier {
        id: "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=".into(),
        access_policy: AccessPolicy {
            start: date_time::parse("2009-09-28T08:49:37.123Z").expect("a date-time"),
            expiry: date_time::parse("2009-09-29T08:49:37.123Z").expect("a date-time"),
            permission: "rwd".into(),
        },
    }]
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let mut c = Checks::new();
    xml_documents(&client, &mut c).await;
    storage_documents(&client, &mut c).await;
    json_operations(&client, &mut c).await;
    c.finish()
}

/// The swagger's two JSON operations: a JSON body in an XML service needs none of the XML.
async fn json_operations(client: &Client, c: &mut Checks) {
    let xml = client.xml_operations();
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
}

/// The `xml` scenarios: one shape each, read and written.
async fn xml_documents(client: &Client, c: &mut Checks) {
    let k = &client.xml_operations();
    c.check(&["GetSimpleXML"], async {
        value("slideshow", k.xml_get_simple().await, slideshow())
    })
    .await;
    c.check(&["PutSimpleXML"], async {
        done(k.xml_put_simple(slideshow()).await)
    })
    .await;
    c.check(&["GetWrappedXMLList"], async {
        let want = apples(&["Fuji", "Gala"], &["Red Delicious"]);
        value("barrel", k.xml_get_wrapped_lists().await, want)
    })
    .await;
    c.check(&["PutWrappedXMLList"], async {
        let barrel = apples(&["Fuji", "Gala"], &["Red Delicious"]);
        done(k.xml_put_wrapped_lists(barrel).await)
    })
    .await;
    c.check(&["GetEmptyXMLList"], async {
        value("slideshow", k.xml_get_empty_list().await, Slideshow::default())
    })
    .await;
    c.check(&["PutEmptyXMLList"], async {
        let empty = Slideshow {
            slides: Some(Vec::new()),
            ..Slideshow::default()
        };
        done(k.xml_put_empty_list(empty).await)
    })
    .await;
    c.check(&["GetEmptyWrappedXMLList"], async {
        value("barrel", k.xml_get_empty_wrapped_lists().await, apples(&[], &[]))
    })
    .await;
    c.check(&["PutEmptyWrappedXMLList"], async {
        done(k.xml_put_empty_wrapped_lists(apples(&[], &[])).await)
    })
    .await;
    c.check(&["GetXMLListAtRoot"], async {
        value("bananas", k.xml_get_root_list().await, bananas())
    })
    .await;
    c.check(&["PutXMLListAtRoot"], async {
        done(k.xml_put_root_list(bananas()).await)
    })
    .await;
    c.check(&["GetXMLListAtRootSingle"], async {
        let one = bananas()[..1].to_vec();
        value("bananas", k.xml_get_root_list_single_item().await, one)
    })
    .await;
    c.check(&["PutXMLListAtRootSingle"], async {
        done(k.xml_put_root_list_single_item(bananas()[..1].to_vec()).await)
    })
    .await;
    c.check(&["GetEmptyXMLListAtRoot"], async {
        value("bananas", k.xml_get_empty_root_list().await, Vec::new())
    })
    .await;
    c.check(&["PutEmptyXMLListAtRoot"], async {
        done(k.xml_put_empty_root_list(Vec::new()).await)
    })
    .await;
    let unknown = || banana("Unknown Banana", "", "2012-02-24T00:53:52.789Z");
    c.check(&["GetXMLEmptyNode"], async {
        value("banana", k.xml_get_empty_child_element().await, unknown())
    })
    .await;
    c.check(&["PutXMLEmptyNode"], async {
        done(k.xml_put_empty_child_element(unknown()).await)
    })
    .await;
    let no_meta = || RootWithRefAndNoMeta {
        ref_to_model: Some(ComplexTypeNoMeta {
            id: Some("myid".into()),
        }),
        something: Some("else".into()),
    };
    c.check(&["GetRootWithRefAndNoMetaXML"], async {
        value("root", k.xml_get_complex_type_ref_no_meta().await, no_meta())
    })
    .await;
    c.check(&["PutRootWithRefAndNoMetaXML"], async {
        done(k.xml_put_complex_type_ref_no_meta(no_meta()).await)
    })
    .await;
    let with_meta = || RootWithRefAndMeta {
        ref_to_model: Some(ComplexTypeWithMeta {
            id: Some("myid".into()),
        }),
        something: Some("else".into()),
    };
    c.check(&["GetRootWithRefAndMetaXML"], async {
        value("root", k.xml_get_complex_type_ref_with_meta().await, with_meta())
    })
    .await;
    c.check(&["PutRootWithRefAndMetaXML"], async {
        done(k.xml_put_complex_type_ref_with_meta(with_meta()).await)
    })
    .await;
    c.check(&["GetWithXMsText"], async {
        let want = ObjectWithXmsTextProperty {
            language: Some("english".into()),
            content: Some("I am text".into()),
        };
        value("data", client.xml_get_xms_text().await, want)
    })
    .await;
    let bytes = || ModelWithByteProperty {
        // `format: byte`: the client decodes the base64 the document carries.
        bytes: Some(b"Hello world".to_vec()),
    };
    c.check(&["XmlGetBytes"], async {
        value("model", k.xml_get_bytes().await, bytes())
    })
    .await;
    c.check(&["XmlPutBytes"], async { done(k.xml_put_binary(bytes()).await) })
        .await;
    let url = || ModelWithUrlProperty {
        url: Some("https://myaccount.blob.core.windows.net/".into()),
    };
    c.check(&["XmlGetUrl"], async {
        value("model", k.xml_get_uri().await, url())
    })
    .await;
    c.check(&["XmlPutUrl"], async { done(k.xml_put_uri(url()).await) })
        .await;
}

/// The Azure Storage documents: container and blob lists, service properties, ACLs.
async fn storage_documents(client: &Client, c: &mut Checks) {
    let k = &client.xml_operations();
    c.check(&["StorageListContainersXML"], async {
        let list = k.xml_list_containers().await?;
        eq("service endpoint", list.service_endpoint.as_str(), "https://myaccount.blob.core.windows.net/")?;
        eq("max results", list.max_results, 3)?;
        eq("next marker", list.next_marker.as_str(), "video")?;
        let containers = list.containers.unwrap_or_default();
        let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
        eq("names", names, vec!["audio", "images", "textfiles"])?;
        let first = &containers[0].properties;
        eq("etag", first.etag.as_str(), "0x8CACB9BD7C6B1B2")?;
        eq("last modified", first.last_modified, date_time::parse("Wed, 26 Oct 2016 20:39:39 GMT")?)?;
        eq("public access", first.public_access.clone(), Some(PublicAccessType::Container))
    })
    .await;
    c.check(&["StorageListBlobsXML"], async { list_blobs(k).await })
        .await;
    c.check(&["StorageGetServicePropertiesXML"], async {
        value("properties", k.xml_get_service_properties().await, service_properties())
    })
    .await;
    c.check(&["StoragePutServicePropertiesXML"], async {
        done(k.xml_put_service_properties(service_properties()).await)
    })
    .await;
    c.check(&["StorageGetContainerACLXML"], async {
        value("acls", k.xml_get_acls().await, acls())
    })
    .await;
    c.check(&["StoragePutContainerACLXML"], async {
        done(k.xml_put_acls(acls()).await)
    })
    .await;
}

async fn list_blobs(k: &XmlOperationsClient<'_>) -> Outcome {
    let list = k.xml_list_blobs().await?;
    eq(
        "container",
        list.container_name.as_str(),
        "https://myaccount.blob.core.windows.net/mycontainer",
    )?;
    // Left out of the document, required: empty.
    eq("prefix", list.prefix.as_str(), "")?;
    eq("next marker", list.next_marker.as_str(), "")?;
    let blobs = list.blobs.blob.unwrap_or_default();
    eq("blobs", blobs.len(), 5)?;
    let second = &blobs[1];
    eq("name", second.name.as_str(), "blob2.txt")?;
    eq("snapshot", second.snapshot.as_str(), "2009-09-09T09:20:03.0427659Z")?;
    eq("deleted", second.deleted, false)?;
    eq("length", second.properties.content_length, Some(5000))?;
    eq("encoding", second.properties.content_encoding.as_deref(), Some("gzip"))?;
    eq("language", second.properties.content_language.as_deref(), Some(""))?;
    eq("blob type", second.properties.blob_type.clone(), Some(BlobType::BlockBlob))?;
    let metadata: BTreeMap<String, String> = [
        ("Color", "green"),
        ("BlobNumber", "02"),
        ("SomeMetadataName", "SomeMetadataValue"),
        ("x-ms-invalid-name", "nasdf$@#$$"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    eq("metadata", second.metadata.clone(), Some(metadata))?;
    let last = &blobs[4].properties;
    eq("sequence number", last.blob_sequence_number, Some(3))?;
    eq("lease", last.lease_status.clone(), Some(LeaseStatus::Locked))
}
