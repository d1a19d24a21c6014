//! The union, nullable and wrapper fixtures decode their spec's own examples and re-encode them
//! unchanged: each fixture crate is generated with a test that reads every component schema's
//! `example` as the generated type and writes it back, and that test is run against the real
//! runtime (`cargo test` in a scratch workspace with its own target directory, as
//! `fixtures_compile.rs` does for `cargo check`).

use std::path::Path;

mod common;

/// The fixtures with examples to replay, and checks of which variant a value became.
const FIXTURES: &[(&str, &str)] = &[
    (
        "tagged_unions",
        r##"
        let zoo: models::Zoo = decode(r#"{"pets": [{"petType": "kitten"}, {"petType": "parrot"}]}"#);
        let pets = zoo.pets.unwrap();
        assert!(matches!(&pets[0], models::Pet::Kitten(c) if c.pet_type == "kitten"));
        assert!(matches!(&pets[1], models::Pet::Unknown(_)), "an unknown tag is kept");
        "##,
    ),
    (
        "untagged_unions",
        r##"
        let amount: models::Amount = decode("1");
        assert_eq!(amount, models::Amount::Integer(1));
        let amount: models::Amount = decode("1.5");
        assert_eq!(amount, models::Amount::Number(1.5));
        let charge: models::Charge = decode(r#"{"id": "c", "customer": {"id": "cus_1", "object": "customer"}}"#);
        assert!(matches!(charge.customer, Some(models::ChargeCustomer::Customer(_))));
        let issue: models::Issue = decode(r#"{"assignee": {"slug": "core"}}"#);
        assert!(matches!(issue.assignee, Some(models::IssueAssignee::Team(_))), "the member that keeps every property");
        let value: models::ValidationErrorErrorsItemValue = decode("null");
        assert_eq!(value, models::ValidationErrorErrorsItemValue::Unknown(serde_json::Value::Null));
        "##,
    ),
    (
        "discriminator_subtypes",
        r##"
        let smart: models::AnySalmon = decode(r#"{"fishtype": "SmartSalmon", "length": 1.5, "collegeDegree": "MSc", "extra": 5}"#);
        assert!(matches!(&smart, models::AnySalmon::SmartSalmon(s) if s.additional_properties.len() == 1), "{smart:?}");
        let fish: models::Fish = decode(r#"{"fishtype": "SmartSalmon", "length": 1.5, "extra": 5}"#);
        assert!(matches!(&fish, models::Fish::SmartSalmon(_)), "{fish:?}");
        // Without the tag, a value is the type it was declared as, and is written with its tag.
        let plain: models::AnySalmon = decode(r#"{"length": 2.5, "location": "alaska"}"#);
        assert!(matches!(&plain, models::AnySalmon::Salmon(s) if s.location.as_deref() == Some("alaska")), "{plain:?}");
        assert_eq!(serde_json::to_value(&plain).unwrap()["fishtype"], "Salmon");
        let shark: models::AnyShark = decode(r#"{"fishtype": "Cookiecuttershark", "length": 3.5}"#);
        assert!(matches!(shark, models::AnyShark::Cookiecuttershark(_)), "{shark:?}");
        "##,
    ),
    (
        "nullable_and_wrappers",
        r##"
        let record: models::Record = decode(r#"{"name": "r", "owner": null, "note": null, "parent": null}"#);
        assert_eq!(record.owner, None);
        assert_eq!(serde_json::to_string(&record).unwrap(), r#"{"name":"r","owner":null,"note":null,"parent":null}"#);
        "##,
    ),
];

/// A test that decodes and re-encodes every component schema's `example` of the spec.
fn examples_test(spec: &Path, api: &apigen::ir::Api, krate: &str, checks: &str) -> String {
    let text = std::fs::read_to_string(spec).unwrap();
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut cases = String::new();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas {
        let Some(example) = schema.get("example") else {
            continue;
        };
        // The fixtures' component names are already Rust type names.
        assert!(
            api.types.iter().any(|t| t.name() == name),
            "{name} has an example but is no generated type"
        );
        cases.push_str(&format!(
            "    roundtrip::<models::{name}>({name:?}, {:?});\n",
            example.to_string()
        ));
    }
    assert!(!cases.is_empty(), "the fixture has no examples");
    format!(
        r#"use {krate}::models;
use apigen_runtime::wire::serde::{{de::DeserializeOwned, Serialize}};

fn decode<T: DeserializeOwned>(json: &str) -> T {{
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{{json}}: {{e}}"))
}}

/// Decodes `json` as `T` and checks that it encodes back to the same JSON.
fn roundtrip<T: DeserializeOwned + Serialize + std::fmt::Debug>(name: &str, json: &str) {{
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let typed: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{{name}}: {{e}}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, value, "{{name}} did not round-trip: read as {{typed:?}}");
}}

#[test]
fn spec_examples_round_trip() {{
{cases}}}

#[test]
fn values_become_the_right_variant() {{
{checks}
}}
"#
    )
}

#[test]
fn union_fixtures_round_trip_their_examples() {
    let scratch = common::workspace_root().join("target/fixture-roundtrip");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut members = Vec::new();
    for (fixture, checks) in FIXTURES {
        let name = fixture.replace('_', "-");
        let config = common::scratch_config(fixture, "roundtrip");
        let inputs = common::fixture_inputs(fixture);
        let output = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dir = scratch.join(&name);
        apigen::write_files(&dir, &common::formatted(&output))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join(common::fixture(&inputs[0]));
        let krate = format!("roundtrip_{}", fixture);
        std::fs::create_dir_all(dir.join("tests")).unwrap();
        std::fs::write(
            dir.join("tests/examples.rs"),
            examples_test(&spec, &output.api, &krate, checks),
        )
        .unwrap();
        members.push(name);
    }
    common::write_workspace(&scratch, &members);
    common::cargo_test(
        &scratch,
        "examples",
        "the union fixtures' examples do not round-trip",
    );
}
