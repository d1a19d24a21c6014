//! The `Model` and `StringEnum` derives: the wire conventions generated models rely on.

use std::collections::BTreeMap;

use apigen_runtime::{Model, StringEnum};
use serde_json::json;
use time::macros::{date, datetime};

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Service {
    display_name: Option<String>,
    #[wire(rename = "publicIPAddresses")]
    public_ip_addresses: Option<Vec<String>>,
    r#type: Option<String>,
    #[wire(date_time)]
    created_at_utc: Option<time::OffsetDateTime>,
    #[wire(date)]
    expires_on: Option<time::Date>,
    #[wire(lenient)]
    tags: Option<BTreeMap<String, String>>,
    sku: Option<Sku>,
    nested: Option<Box<Service>>,
}

#[derive(Clone, Debug, PartialEq, Model)]
struct Sku {
    name: SkuType,
    capacity: i32,
    zones: Option<Vec<String>>,
    #[wire(date_time)]
    since: time::OffsetDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, StringEnum)]
enum SkuType {
    Developer,
    #[wire(rename = "basicv2")]
    BasicV2,
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, StringEnum)]
enum State {
    #[wire(rename = "on")]
    On,
    #[wire(rename = "off")]
    Off,
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Open {
    known: Option<String>,
    #[wire(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind")]
enum Shape {
    #[serde(rename = "circle")]
    Circle(Circle),
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Circle {
    radius: f64,
    label: Option<String>,
}

#[test]
fn optional_fields_are_absent_null_or_set_and_unknown_properties_are_ignored() {
    let s: Service = serde_json::from_value(json!({
        "displayName": "apim",
        "publicIPAddresses": ["1.2.3.4"],
        "type": "Microsoft.ApiManagement/service",
        "createdAtUtc": "2024-05-01T10:11:12.1234567",
        "expiresOn": "2025-01-31",
        "tags": {"a": "x", "b": null},
        "sku": {"name": "basicv2", "capacity": 1, "since": "2024-05-01T00:00:00Z"},
        "nested": {"displayName": null, "unknownThing": {"deep": [1, 2]}},
        "notInTheSpec": 42
    }))
    .unwrap();
    assert_eq!(s.display_name.as_deref(), Some("apim"));
    assert_eq!(s.public_ip_addresses, Some(vec!["1.2.3.4".to_string()]));
    assert_eq!(s.r#type.as_deref(), Some("Microsoft.ApiManagement/service"));
    assert_eq!(
        s.created_at_utc,
        Some(datetime!(2024-05-01 10:11:12.1234567 UTC))
    );
    assert_eq!(s.expires_on, Some(date!(2025 - 01 - 31)));
    assert_eq!(s.tags.as_ref().unwrap().len(), 1, "null map values dropped");
    assert_eq!(s.sku.as_ref().unwrap().name, SkuType::BasicV2);
    assert_eq!(s.nested.as_deref(), Some(&Service::default()));
}

#[test]
fn serialising_leaves_out_none_and_uses_wire_names_and_formats() {
    let s = Service {
        display_name: Some("apim".into()),
        public_ip_addresses: Some(vec![]),
        created_at_utc: Some(datetime!(2024-05-01 10:11:12.5 UTC)),
        expires_on: Some(date!(2025 - 01 - 31)),
        sku: Some(Sku {
            name: SkuType::Other("Premium".into()),
            capacity: 2,
            zones: None,
            since: datetime!(2024-05-01 00:00:00 UTC),
        }),
        ..Default::default()
    };
    let value = serde_json::to_value(&s).unwrap();
    assert_eq!(
        value,
        json!({
            "displayName": "apim",
            "publicIPAddresses": [],
            "createdAtUtc": "2024-05-01T10:11:12.5Z",
            "expiresOn": "2025-01-31",
            "sku": {"name": "Premium", "capacity": 2, "since": "2024-05-01T00:00:00Z"}
        })
    );
    let back: Service = serde_json::from_value(value).unwrap();
    assert_eq!(back, s);
}

/// `readOnly` properties: the service sets them, so they are read and never sent back.
#[derive(Clone, Debug, Default, PartialEq, Model)]
struct ReadOnlyObj {
    #[wire(read_only)]
    id: Option<String>,
    size: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Model)]
struct ReadOnlyWithRequired {
    #[wire(read_only, rename = "provisioningState")]
    state: Option<String>,
    name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct ReadOnlyOpen {
    #[wire(read_only, date_time)]
    created: Option<time::OffsetDateTime>,
    #[wire(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[test]
fn read_only_fields_are_read_kept_and_never_sent() {
    use apigen_runtime::wire::request_body;
    let got: ReadOnlyObj = serde_json::from_value(json!({"id": "1234", "size": 2})).unwrap();
    assert_eq!(got.id.as_deref(), Some("1234"));
    // Serialising what was read keeps all of it (a cache, a copy for the user's own storage).
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        json!({"id": "1234", "size": 2})
    );
    // A request body leaves the service's properties out.
    let sent = request_body(|| serde_json::to_value(&got)).unwrap();
    assert_eq!(sent, json!({"size": 2}));

    let got: ReadOnlyWithRequired =
        serde_json::from_value(json!({"provisioningState": "Succeeded", "name": "a"})).unwrap();
    assert_eq!(got.state.as_deref(), Some("Succeeded"));
    let sent = request_body(|| serde_json::to_value(&got)).unwrap();
    assert_eq!(sent, json!({"name": "a"}));

    let got: ReadOnlyOpen =
        serde_json::from_value(json!({"created": "2024-05-01T00:00:00Z", "extra": 1})).unwrap();
    assert_eq!(got.created, Some(datetime!(2024-05-01 00:00:00 UTC)));
    let sent = request_body(|| serde_json::to_value(&got)).unwrap();
    assert_eq!(sent, json!({"extra": 1}));
    // Only inside the closure.
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        json!({"created": "2024-05-01T00:00:00Z", "extra": 1})
    );
}

#[test]
fn required_fields_must_be_present_and_non_null() {
    let missing =
        serde_json::from_str::<Sku>(r#"{"name":"Developer","since":"2024-05-01T00:00:00Z"}"#)
            .unwrap_err();
    assert!(
        missing.to_string().contains("missing field `capacity`"),
        "{missing}"
    );
    let null = serde_json::from_str::<Sku>(
        r#"{"name":"Developer","capacity":null,"since":"2024-05-01T00:00:00Z"}"#,
    )
    .unwrap_err();
    assert!(null.to_string().contains("invalid type: null"), "{null}");
    let bad_date =
        serde_json::from_str::<Sku>(r#"{"name":"Developer","capacity":1,"since":"yesterday"}"#)
            .unwrap_err();
    assert!(bad_date.to_string().contains("yesterday"), "{bad_date}");
}

#[test]
fn wrong_shapes_are_errors_that_name_the_type() {
    let err = serde_json::from_str::<Service>("[1]").unwrap_err();
    assert!(err.to_string().contains("expected struct Service"), "{err}");
    let err = serde_json::from_str::<Sku>("\"x\"").unwrap_err();
    assert!(err.to_string().contains("expected struct Sku"), "{err}");
    let err = serde_json::from_str::<Service>(r#"{"displayName": 3}"#).unwrap_err();
    assert!(
        err.to_string().contains("invalid type: integer `3`"),
        "{err}"
    );
}

#[test]
fn escaped_property_names_match_too() {
    // "\u0064" is "d": serde_json hands the key over unescaped, as an owned string.
    let s: Service = serde_json::from_str(r#"{"\u0064isplayName":"x"}"#).unwrap();
    assert_eq!(s.display_name.as_deref(), Some("x"));
}

#[test]
fn extensible_enums_keep_unknown_values_and_closed_ones_reject_them() {
    let known: SkuType = serde_json::from_str("\"Developer\"").unwrap();
    assert_eq!(known, SkuType::Developer);
    let other: SkuType = serde_json::from_str("\"Isolated\"").unwrap();
    assert_eq!(other, SkuType::Other("Isolated".into()));
    assert_eq!(serde_json::to_string(&other).unwrap(), "\"Isolated\"");
    assert_eq!(SkuType::BasicV2.as_str(), "basicv2");
    assert_eq!(SkuType::BasicV2.to_string(), "basicv2");

    assert_eq!(
        serde_json::from_str::<State>("\"off\"").unwrap(),
        State::Off
    );
    let err = serde_json::from_str::<State>("\"dimmed\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown variant `dimmed`, expected `on` or `off`"),
        "{err}"
    );
    assert!(serde_json::from_str::<State>("true").is_err());
}

#[test]
fn flattened_maps_collect_other_properties_and_write_them_back() {
    let input = json!({"known": "k", "extra": 1, "more": {"a": [true]}});
    let open: Open = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(open.known.as_deref(), Some("k"));
    assert_eq!(open.rest.len(), 2);
    assert_eq!(serde_json::to_value(&open).unwrap(), input);
}

#[test]
fn models_work_as_variants_of_internally_tagged_unions() {
    let shape: Shape = serde_json::from_str(r#"{"kind":"circle","radius":1.5}"#).unwrap();
    assert_eq!(
        shape,
        Shape::Circle(Circle {
            radius: 1.5,
            label: None
        })
    );
    assert_eq!(
        serde_json::to_value(&shape).unwrap(),
        json!({"kind": "circle", "radius": 1.5})
    );
}

#[derive(Clone, Debug, PartialEq, apigen_runtime::Union)]
#[wire(tag = "kind")]
enum Figure {
    #[wire(rename = "circle")]
    Circle(Circle),
    Square(Square),
    #[wire(other)]
    Unknown(serde_json::Value),
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Square {
    side: Option<f64>,
    kind: Option<String>,
}

#[derive(Clone, Debug, PartialEq, apigen_runtime::Union)]
#[wire(tag = "kind")]
enum ClosedFigure {
    #[wire(rename = "circle")]
    Circle(Circle),
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct Hexagon {
    edges: Option<i32>,
    #[wire(flatten)]
    extra: BTreeMap<String, f64>,
}

#[derive(Clone, Debug, PartialEq, apigen_runtime::Union)]
#[wire(tag = "kind")]
enum Tiles {
    #[wire(rename = "hexagon")]
    Hexagon(Hexagon),
}

#[test]
fn unions_pick_the_variant_by_tag_and_keep_unknown_kinds_whole() {
    let figures: Vec<Figure> = serde_json::from_value(json!([
        {"kind": "circle", "radius": 2.0},
        {"kind": "Square", "side": 3.0},
        {"kind": "hexagon", "edges": 6},
        {"noKind": true}
    ]))
    .unwrap();
    assert_eq!(
        figures[0],
        Figure::Circle(Circle {
            radius: 2.0,
            label: None
        })
    );
    // The tag is the union's, not passed on to the variant (as with serde's `tag`).
    assert_eq!(
        figures[1],
        Figure::Square(Square {
            side: Some(3.0),
            kind: None
        })
    );
    assert_eq!(
        figures[2],
        Figure::Unknown(json!({"kind": "hexagon", "edges": 6}))
    );
    assert_eq!(figures[3], Figure::Unknown(json!({"noKind": true})));
    // Written back with the tag, unknown ones exactly as read.
    assert_eq!(
        serde_json::to_value(&figures).unwrap(),
        json!([
            {"kind": "circle", "radius": 2.0},
            {"kind": "Square", "side": 3.0},
            {"kind": "hexagon", "edges": 6},
            {"noKind": true}
        ])
    );
}

/// A discriminated type others extend (`salmon`, extended by `smart_salmon`): a value without
/// the tag is the declared type.
#[derive(Clone, Debug, PartialEq, apigen_runtime::Union)]
#[wire(tag = "fishtype")]
enum AnySalmon {
    #[wire(rename = "salmon", base)]
    Salmon(Circle),
    #[wire(rename = "smart_salmon")]
    SmartSalmon(Open),
    #[wire(other)]
    Unknown(serde_json::Value),
}

#[test]
fn a_value_without_the_tag_is_the_base_variant_and_is_written_with_its_tag() {
    let plain: AnySalmon = serde_json::from_value(json!({"radius": 1.0})).unwrap();
    assert_eq!(
        plain,
        AnySalmon::Salmon(Circle {
            radius: 1.0,
            label: None
        })
    );
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({"fishtype": "salmon", "radius": 1.0})
    );
    // Tagged values pick their variant as before, extra properties kept.
    let smart = json!({"fishtype": "smart_salmon", "known": "k", "extra": [1, 3]});
    let got: AnySalmon = serde_json::from_value(smart.clone()).unwrap();
    assert!(matches!(got, AnySalmon::SmartSalmon(_)), "{got:?}");
    assert_eq!(serde_json::to_value(&got).unwrap(), smart);
    let other: AnySalmon = serde_json::from_value(json!({"fishtype": "trout"})).unwrap();
    assert!(matches!(other, AnySalmon::Unknown(_)), "{other:?}");
}

#[test]
fn a_variant_with_typed_additional_properties_does_not_see_the_tag() {
    let tiles: Tiles = serde_json::from_str(r#"{"kind":"hexagon","edges":6,"width":1.5}"#).unwrap();
    let Tiles::Hexagon(h) = &tiles;
    assert_eq!(h.edges, Some(6));
    assert_eq!(h.extra.len(), 1, "only `width`: {:?}", h.extra);
    assert_eq!(
        serde_json::to_value(&tiles).unwrap(),
        json!({"kind": "hexagon", "edges": 6, "width": 1.5})
    );
}

#[test]
fn union_errors_name_the_field_or_the_unknown_tag() {
    let err = serde_json::from_str::<Figure>(r#"{"kind":"circle","radius":"big"}"#).unwrap_err();
    assert!(
        err.to_string().contains("invalid type: string \"big\""),
        "{err}"
    );
    let err = serde_json::from_str::<ClosedFigure>(r#"{"kind":"hexagon"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown variant `hexagon`, expected `circle`"),
        "{err}"
    );
    let err = serde_json::from_str::<ClosedFigure>(r#"{"radius":1}"#).unwrap_err();
    assert!(err.to_string().contains("missing field `kind`"), "{err}");
    // Unknown kinds are kept only when they are objects.
    for not_an_object in ["null", "[1,2]", "3", "\"circle\""] {
        let err = serde_json::from_str::<Figure>(not_an_object).unwrap_err();
        assert!(
            err.to_string()
                .contains("expected an object with a `kind` property"),
            "{not_an_object}: {err}"
        );
    }
}

/// Models named like the derives' generic parameters.
#[derive(Clone, Debug, Default, PartialEq, Model)]
struct A {
    x: String,
    #[wire(flatten)]
    more: BTreeMap<String, D>,
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct D {
    y: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Model)]
struct S {}

#[test]
fn type_names_do_not_clash_with_the_derives_generics() {
    let a: A = serde_json::from_str(r#"{"x":"1","other":{"y":"2"}}"#).unwrap();
    assert_eq!(a.more["other"].y.as_deref(), Some("2"));
    let s: S = serde_json::from_str(r#"{"ignored":1}"#).unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), "{}");
}

/// Field and type names that are also the names of the derive's own variables.
#[derive(Clone, Debug, PartialEq, Model)]
struct Visitor {
    map: String,
    key: Option<String>,
    value: i32,
    r#type: Option<String>,
    deserializer: Option<bool>,
    #[wire(flatten)]
    serializer: BTreeMap<String, serde_json::Value>,
}

#[test]
fn field_names_do_not_clash_with_the_derives_variables() {
    let input =
        json!({"map": "m", "key": "k", "value": 1, "type": "t", "deserializer": true, "x": [1]});
    let v: Visitor = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(v.map, "m");
    assert_eq!(v.key.as_deref(), Some("k"));
    assert_eq!(v.value, 1);
    assert_eq!(v.r#type.as_deref(), Some("t"));
    assert_eq!(v.deserializer, Some(true));
    assert_eq!(v.serializer.len(), 1);
    assert_eq!(serde_json::to_value(&v).unwrap(), input);
}

#[test]
fn errors_inside_models_carry_the_json_path() {
    // The runtime decodes responses through serde_path_to_error; the derives' key handling must
    // let it see every property name on the way down.
    let body = r#"{"sku":{"name":"Developer","capacity":"two","since":"2024-05-01T00:00:00Z"}}"#;
    let mut de = serde_json::Deserializer::from_str(body);
    let err = serde_path_to_error::deserialize::<_, Service>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "sku.capacity");
    let body = r#"{"figures":[{"kind":"circle","radius":1},{"kind":"circle","radius":[]}]}"#;
    #[derive(Debug, Default, Model)]
    struct Drawing {
        figures: Option<Vec<Figure>>,
    }
    let mut de = serde_json::Deserializer::from_str(body);
    let err = serde_path_to_error::deserialize::<_, Drawing>(&mut de).unwrap_err();
    assert!(
        err.path().to_string().starts_with("figures[1]"),
        "{}",
        err.path()
    );
}
