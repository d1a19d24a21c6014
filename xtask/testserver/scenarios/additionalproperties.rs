//! `additionalProperties.json`: models with `additionalProperties` of `true`, of a type, in
//! a subclass, and a property named `additionalProperties` next to them. Each PUT echoes the
//! model back with `status: true`.

#[path = "../vanilla.rs"]
mod vanilla;

use std::collections::BTreeMap;

use testserver_scenarios::serde_json::{json, Value};
use testserver_scenarios::Checks;
use ts_additionalproperties::models::{
    CatApTrue, PetApObject, PetApString, PetApTrue, PetApinProperties,
    PetApinPropertiesWithApString,
};
use ts_additionalproperties::AdditionalPropertiesClient as Client;
use vanilla::value;

fn extra(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn sizes() -> BTreeMap<String, f64> {
    [("height", 5.61), ("weight", 599.0), ("footsize", 11.5)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let client = testserver_scenarios::client!(Client::builder());
    let pets = client.pets();
    let mut c = Checks::new();
    let puppy = || {
        extra(&[
            ("birthdate", json!("2017-12-13T02:29:51Z")),
            ("complexProperty", json!({"color": "Red"})),
        ])
    };
    c.check(&["additionalPropertiesTrue"], async {
        let pet = PetApTrue {
            id: 1,
            name: Some("Puppy".into()),
            status: None,
            additional_properties: puppy(),
        };
        let want = PetApTrue {
            status: Some(true),
            ..pet.clone()
        };
        value("echo", pets.create_ap_true(pet).await, want)
    })
    .await;
    c.check(&["additionalPropertiesSubclass"], async {
        let cat = CatApTrue {
            id: 1,
            name: Some("Lisa".into()),
            status: None,
            friendly: Some(true),
            additional_properties: puppy(),
        };
        let want = CatApTrue {
            status: Some(true),
            ..cat.clone()
        };
        value("echo", pets.create_cat_ap_true(cat).await, want)
    })
    .await;
    c.check(&["additionalPropertiesTypeObject"], async {
        let sibling = json!({
            "id": 1,
            "name": "Puppy",
            "birthdate": "2017-12-13T02:29:51Z",
            "complexProperty": {"color": "Red"},
        });
        let pet = PetApObject {
            id: 2,
            name: Some("Hira".into()),
            status: None,
            additional_properties: extra(&[
                ("siblings", json!([sibling])),
                ("picture", json!("//////4=")),
            ]),
        };
        let want = PetApObject {
            status: Some(true),
            ..pet.clone()
        };
        value("echo", pets.create_ap_object(pet).await, want)
    })
    .await;
    c.check(&["additionalPropertiesTypeString"], async {
        let pet = PetApString {
            id: 3,
            name: Some("Tommy".into()),
            status: None,
            additional_properties: [("color", "red"), ("weight", "10 kg"), ("city", "Bombay")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        let want = PetApString {
            status: Some(true),
            ..pet.clone()
        };
        value("echo", pets.create_ap_string(pet).await, want)
    })
    .await;
    c.check(&["additionalPropertiesInProperties"], async {
        let pet = PetApinProperties {
            id: 4,
            name: Some("Bunny".into()),
            status: None,
            additional_properties: Some(sizes()),
        };
        let want = PetApinProperties {
            status: Some(true),
            ..pet.clone()
        };
        value("echo", pets.create_apin_properties(pet).await, want)
    })
    .await;
    c.check(
        &["additionalPropertiesInPropertiesWithAPTypeString"],
        async {
            let pet = PetApinPropertiesWithApString {
                id: 5,
                name: Some("Funny".into()),
                status: None,
                odata_location: "westus".into(),
                additional_properties: Some(sizes()),
                additional_properties2: [
                    ("color", "red"),
                    ("city", "Seattle"),
                    ("food", "tikka masala"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            };
            let want = PetApinPropertiesWithApString {
                status: Some(true),
                ..pet.clone()
            };
            value(
                "echo",
                pets.create_apin_properties_with_ap_string(pet).await,
                want,
            )
        },
    )
    .await;
    c.finish()
}
