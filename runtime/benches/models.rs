//! Decoding and encoding speed of models with the runtime's `Model`/`StringEnum` derives
//! against the same models with serde's derives and the attributes the generator used to emit.
//!
//! Run: `cargo bench -p apigen-runtime --bench models` (knob: APIGEN_BENCH_ITEMS, default 2000
//! items per list). Prints the median of 21 rounds for each side and their ratio.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use apigen_runtime::{Model, StringEnum};
use serde::{Deserialize, Serialize};

/// An ARM resource as the ApiManagement spec shapes one: nested properties, an enum, dates,
/// tags, and a few optional fields absent.
mod lean {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq, Model)]
    pub struct List {
        pub value: Option<Vec<Api>>,
        pub next_link: Option<String>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Model)]
    pub struct Api {
        pub id: Option<String>,
        pub name: Option<String>,
        pub r#type: Option<String>,
        pub properties: Option<ApiProperties>,
        #[wire(lenient)]
        pub tags: Option<BTreeMap<String, String>>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Model)]
    pub struct ApiProperties {
        pub display_name: Option<String>,
        pub path: Option<String>,
        pub protocols: Option<Vec<Protocol>>,
        pub api_revision: Option<String>,
        pub is_current: Option<bool>,
        pub subscription_required: Option<bool>,
        pub service_url: Option<String>,
        pub description: Option<String>,
        #[wire(date_time)]
        pub created_date_time: Option<time::OffsetDateTime>,
        pub api_version_set_id: Option<String>,
        pub terms_of_service_url: Option<String>,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash, StringEnum)]
    pub enum Protocol {
        #[wire(rename = "http")]
        Http,
        #[wire(rename = "https")]
        Https,
        #[wire(rename = "ws")]
        Ws,
        Other(String),
    }
}

/// The same models the way serde's derives did it.
mod serde_derive {
    use super::*;

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct List {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<Vec<Api>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub next_link: Option<String>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Api {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        pub r#type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub properties: Option<ApiProperties>,
        #[serde(
            default,
            deserialize_with = "apigen_runtime::map::lenient",
            skip_serializing_if = "Option::is_none"
        )]
        pub tags: Option<BTreeMap<String, String>>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ApiProperties {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub path: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub protocols: Option<Vec<Protocol>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub api_revision: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub is_current: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub subscription_required: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub service_url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(
            skip_serializing_if = "Option::is_none",
            default,
            with = "apigen_runtime::date_time::option"
        )]
        pub created_date_time: Option<time::OffsetDateTime>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub api_version_set_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub terms_of_service_url: Option<String>,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Protocol {
        #[serde(rename = "http")]
        Http,
        #[serde(rename = "https")]
        Https,
        #[serde(rename = "ws")]
        Ws,
        #[serde(untagged)]
        Other(String),
    }
}

fn list_json(items: usize) -> String {
    let value: Vec<_> = (0..items)
        .map(|i| {
            serde_json::json!({
                "id": format!("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc/apis/api-{i}"),
                "name": format!("api-{i}"),
                "type": "Microsoft.ApiManagement/service/apis",
                "tags": {"team": "edge", "cost": null},
                "properties": {
                    "displayName": format!("API {i}"),
                    "path": format!("api/{i}"),
                    "protocols": ["https", if i % 7 == 0 { "grpc" } else { "http" }],
                    "apiRevision": "1",
                    "isCurrent": true,
                    "subscriptionRequired": i % 2 == 0,
                    "serviceUrl": "https://backend.example.com",
                    "description": "An API \"with\" escapes\n and text.",
                    "createdDateTime": "2024-05-01T10:11:12.1234567Z",
                    "unknownProperty": {"nested": [1, 2, 3]}
                }
            })
        })
        .collect();
    serde_json::json!({"value": value, "nextLink": "https://management.azure.com/next"}).to_string()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let items = std::env::var("APIGEN_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let body = list_json(items);
    let rounds = 21;

    // Both sides read the same thing.
    let lean: lean::List = serde_json::from_str(&body).unwrap();
    let derived: serde_derive::List = serde_json::from_str(&body).unwrap();
    assert_eq!(
        serde_json::to_value(&lean).unwrap(),
        serde_json::to_value(&derived).unwrap()
    );

    let mb = body.len() as f64 / 1e6;
    println!("{items} items, {mb:.2} MB of JSON, median of {rounds} rounds");
    let de_serde = time(rounds, || {
        serde_json::from_str::<serde_derive::List>(&body).unwrap()
    });
    let de_lean = time(rounds, || {
        serde_json::from_str::<lean::List>(&body).unwrap()
    });
    let ser_serde = time(rounds, || serde_json::to_vec(&derived).unwrap());
    let ser_lean = time(rounds, || serde_json::to_vec(&lean).unwrap());
    let report = |what: &str, serde: Duration, ours: Duration| {
        println!(
            "{what}: serde derive {:.2} ms ({:.0} MB/s), Model derive {:.2} ms ({:.0} MB/s), ratio {:.2}",
            serde.as_secs_f64() * 1e3,
            mb / serde.as_secs_f64(),
            ours.as_secs_f64() * 1e3,
            mb / ours.as_secs_f64(),
            ours.as_secs_f64() / serde.as_secs_f64()
        );
    };
    report("decode", de_serde, de_lean);
    report("encode", ser_serde, ser_lean);
}
