//! One small fixture spec per feature the ApiManagement spec (and ARM specs in general) needs;
//! each test snapshots the generated Rust files, so a pull request shows what a generator change
//! does to the code users get. Specific facts are asserted as well, so a test fails for the
//! right reason and not only on snapshot drift.

mod common;

use apigen::ir::{
    ApiKeyLocation, BodyFormat, FinalState, HttpMethod, NextArgument, Operation, OperationKind,
    ParamLocation, ParamRole, ParamStyle, ResponseShape, SecuritySchemeKind, Tagging, TypeDef,
    TypeRef, XmlKind, XmlShape,
};
use common::{code, generate_fixture};

#[test]
fn every_fixture_has_a_snapshot_test() {
    // The fixtures are discovered (common::fixtures); each needs a test here that asserts its
    // facts and snapshots its code under the fixture's name.
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for fixture in common::fixtures() {
        let snapshot = snapshots.join(format!("features__{}.snap", fixture.name));
        assert!(
            snapshot.exists(),
            "fixture {} has no snapshot test in features.rs",
            fixture.name
        );
    }
}

fn op<'a>(api: &'a apigen::ir::Api, id: &str) -> &'a Operation {
    api.groups
        .iter()
        .flat_map(|g| &g.operations)
        .chain(&api.root_operations)
        .find(|o| o.operation_id == id)
        .unwrap_or_else(|| panic!("operation {id} not generated"))
}

fn typedef<'a>(api: &'a apigen::ir::Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name() == name)
        .unwrap_or_else(|| panic!("type {name} not generated"))
}

fn field<'a>(api: &'a apigen::ir::Api, ty: &str, wire: &str) -> &'a apigen::ir::Field {
    let TypeDef::Struct(s) = typedef(api, ty) else {
        panic!("{ty} is not a struct")
    };
    s.fields
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("{ty} has no field {wire}"))
}

#[test]
fn multi_file_refs() {
    let out = generate_fixture("multi_file_refs");
    // The common-types file in another folder was read through relative $refs.
    assert_eq!(out.summary.files_read, 2);
    let api = &out.api;
    // Definitions imported from ../common: the referenced ones and what they reference.
    for name in ["Widget", "Resource", "ErrorResponse", "ErrorDetail"] {
        typedef(api, name);
    }
    // Parameters imported from ../common: subscriptionId is a client parameter.
    assert_eq!(api.client_params.len(), 1);
    assert_eq!(api.client_params[0].wire_name, "subscriptionId");
    let get = op(api, "Widgets_Get");
    assert_eq!(
        get.params.len(),
        2,
        "subscriptionId and widgetName; api-version is the runtime's"
    );
    assert_eq!(
        field(api, "Widget", "detail").ty,
        TypeRef::Named("ErrorDetail".into())
    );
    insta::assert_snapshot!("multi_file_refs", code(&out));
}

#[test]
fn swagger2_conversion() {
    let out = generate_fixture("swagger2_conversion");
    let api = &out.api;
    assert_eq!(api.default_endpoint, "https://conversion.example.com/base");
    let put = op(api, "Things_CreateOrUpdate");
    let body = put
        .body
        .as_ref()
        .expect("body parameter became the request body");
    assert_eq!(body.rust_name, "parameters");
    assert_eq!(body.ty, TypeRef::Named("Thing".into()));
    assert!(body.required);
    // The path-item parameter applies to every operation.
    assert_eq!(put.params[0].wire_name, "thingId");
    let get = op(api, "Things_Get");
    assert_eq!(
        get.params
            .iter()
            .map(|p| p.rust_name.as_str())
            .collect::<Vec<_>>(),
        [
            "thing_id",
            "tags",
            "ids",
            "words",
            "flags",
            "x_ms_client_request_tag"
        ]
    );
    let ids = get.params.iter().find(|p| p.wire_name == "ids").unwrap();
    assert_eq!(ids.ty, TypeRef::Vec(Box::new(TypeRef::I32)));
    let upload = op(api, "Things_Upload")
        .body
        .as_ref()
        .expect("formData became a body");
    // formData with a file: a multipart parts struct, the file a file part.
    let BodyFormat::Multipart(parts) = &upload.format else {
        panic!("not multipart: {:?}", upload.format)
    };
    assert_eq!(parts.fields[0].wire_name, "file");
    assert_eq!(parts.fields[0].kind, apigen::ir::PartKind::File);
    let rename = op(api, "Things_Rename")
        .body
        .as_ref()
        .expect("formData became a body");
    // formData without files: the typed fields sent form-urlencoded.
    assert_eq!(rename.format, BodyFormat::Form);
    insta::assert_snapshot!("swagger2_conversion", code(&out));
}

#[test]
fn openapi3_json() {
    let out = generate_fixture("openapi3_json");
    let api = &out.api;
    assert_eq!(api.default_endpoint, "https://pets.example.com/v3");
    // The spec declares no api-version parameter: none is sent (not `info.version`).
    assert_eq!(api.api_version, "");
    assert_eq!(field(api, "Pet", "born").ty, TypeRef::Date);
    assert!(field(api, "Pet", "name").required);
    let put = op(api, "Pets_Put");
    assert_eq!(
        put.response,
        ResponseShape::Json(TypeRef::Named("Pet".into()))
    );
    insta::assert_snapshot!("openapi3_json", code(&out));
}

#[test]
fn openapi3_yaml() {
    let out = generate_fixture("openapi3_yaml");
    let api = &out.api;
    let list = op(api, "Notes_List");
    assert_eq!(
        list.response,
        ResponseShape::Json(TypeRef::Vec(Box::new(TypeRef::Named("Note".into()))))
    );
    let top = &list.params[0];
    assert_eq!(
        (top.wire_name.as_str(), top.rust_name.as_str()),
        ("$top", "top")
    );
    assert_eq!(
        top.role,
        ParamRole::Optional,
        "x-ms-parameter-location: method keeps it on the operation"
    );
    assert_eq!(top.ty, TypeRef::I32);
    insta::assert_snapshot!("openapi3_yaml", code(&out));
}

#[test]
fn parameter_location() {
    let out = generate_fixture("parameter_location");
    let api = &out.api;
    // api-version: the single enum value of the global parameter is the client's version.
    assert_eq!(api.api_version, "2022-08-01");
    // Client parameters in spec order; only the required ones are builder arguments.
    let client: Vec<(&str, bool)> = api
        .client_params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.required))
        .collect();
    assert_eq!(
        client,
        [
            ("subscriptionId", true),
            ("x-ms-endpoint-suffix", false),
            ("tenant", false)
        ]
    );
    let get = op(api, "Vaults_Get");
    let roles: Vec<(&str, &ParamRole)> = get
        .params
        .iter()
        .map(|p| (p.rust_name.as_str(), &p.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("subscription_id", &ParamRole::Client),
            ("resource_group_name", &ParamRole::Positional),
            ("vault_name", &ParamRole::Positional),
            ("x_ms_endpoint_suffix", &ParamRole::Client),
            ("expand", &ParamRole::Optional),
            ("tenant", &ParamRole::Client),
        ]
    );
    assert!(get.params.iter().all(|p| p.wire_name != "api-version"));
    let code = code(&out);
    assert!(code.contains("pub fn builder(subscription_id: impl Into<String>)"));
    // Positional arguments are listed in the method's docs; the resource group, which two
    // groups take, links to its description, written once on the `parameters` page.
    assert!(code.contains(
        "/// # Arguments\n    /// - [`resource_group_name`](crate::parameters#resource_group_name)\n    /// - `vault_name`: The vault.\n"
    ));
    assert!(code.contains(
        "/// # `resource_group_name`\n///\n/// The resource group.\npub mod parameters {}"
    ));
    assert_eq!(code.matches("The resource group.").count(), 1);
    assert!(code.contains("pub fn with_tenant(mut self, tenant: impl Into<String>) -> Self"));
    // An optional client parameter is sent only once set (`None` is left out by the runtime).
    assert!(code.contains(".query(\"tenant\", &self.0.tenant)"));
    insta::assert_snapshot!("parameter_location", code);
}

#[test]
fn parameter_encoding() {
    let out = generate_fixture("parameter_encoding");
    let list = op(&out.api, "Reports_List");
    let style = |wire: &str| {
        list.params
            .iter()
            .find(|p| p.wire_name == wire)
            .unwrap_or_else(|| panic!("no parameter {wire}"))
            .style
    };
    assert_eq!(style("ids"), ParamStyle::Plain, "csv is the default");
    assert_eq!(style("words"), ParamStyle::Delimited(' '));
    assert_eq!(style("levels"), ParamStyle::Delimited('|'));
    assert_eq!(style("columns"), ParamStyle::Delimited('\t'));
    assert_eq!(style("tag"), ParamStyle::Repeated);
    // The type says RFC 1123 (its codec writes it), not the style.
    assert_eq!(style("If-Modified-Since"), ParamStyle::Plain);
    assert_eq!(style("start"), ParamStyle::Plain);
    let code = code(&out);
    for expected in [
        // Path values go through the runtime, which joins a path array with commas.
        "&runtime::wire::path_text(&runtime::wire::Coded::<Vec<runtime::wire::Date>, _>::new(days))",
        "&runtime::wire::path_text(&runtime::wire::DateTime(since))",
        ".query(\"start\", runtime::wire::DateTime(start))",
        ".query(\"levels\", runtime::wire::Delimited(levels, \"|\"))",
        "self.0.query(\"day\", runtime::wire::Date(day))",
        "self.0.header(\"If-Modified-Since\", runtime::wire::Rfc1123(if_modified_since))",
        "self.0.query(\"ids\", ids)",
        "self.0.query(\"words\", runtime::wire::Delimited(words, \" \"))",
        "self.0.query_each(\"tag\", tag)",
        "self.0.query(\"columns\", runtime::wire::Delimited(columns, \"\\t\"))",
    ] {
        assert!(code.contains(expected), "missing {expected}");
    }
    insta::assert_snapshot!("parameter_encoding", code);
}

#[test]
fn type_names() {
    let out = generate_fixture("type_names");
    let names: Vec<&str> = out.api.types.iter().map(|t| t.name()).collect();
    // std types the models name unqualified are not shadowed; everything else keeps its name.
    for name in ["Model", "Union", "Visitor", "Result", "Option2", "String2"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    assert!(!names.contains(&"Option") && !names.contains(&"String"));
    let code = code(&out);
    assert!(code.contains(
        "#[derive(Clone, Debug, Default, PartialEq, apigen_runtime::Model)]\npub struct Model {"
    ));
    insta::assert_snapshot!("type_names", code);
}

#[test]
fn pageable() {
    let out = generate_fixture("pageable");
    let api = &out.api;
    let kind = |id: &str| op(api, id).kind.clone();
    assert_eq!(
        kind("Items_List"),
        OperationKind::Paged {
            item: TypeRef::Named("Item".into()),
            item_name: "value".into(),
            next_link_name: Some("nextLink".into()),
            next_operation: None,
        }
    );
    let OperationKind::Paged {
        item_name,
        next_link_name,
        ..
    } = kind("Items_ListCustom")
    else {
        panic!("Items_ListCustom is not pageable")
    };
    assert_eq!(item_name, "entries");
    assert_eq!(next_link_name.as_deref(), Some("@odata.nextLink"));
    let OperationKind::Paged { next_link_name, .. } = kind("Items_ListSinglePage") else {
        panic!("Items_ListSinglePage is not pageable")
    };
    assert_eq!(
        next_link_name, None,
        "nextLinkName: null means a single page"
    );
    assert_eq!(out.summary.pageable, 3);
    insta::assert_snapshot!("pageable", code(&out));
}

#[test]
fn pageable_array_response() {
    // x-ms-pageable is an AutoRest hint: a bare-array response is one page, returned whole,
    // and the run notes why the operation is not paged.
    let out = generate_fixture("pageable_array_response");
    let list = op(&out.api, "Shares_List");
    assert_eq!(list.kind, OperationKind::Plain);
    assert_eq!(out.summary.pageable, 0);
    assert_eq!(op(&out.api, "Shares_ListPage").kind, OperationKind::Plain);
    let noted = |text: &str| out.api.skipped.iter().any(|s| s.contains(text));
    assert!(
        noted("spec.json#/paths/~1shares/get/x-ms-pageable: pageable operation, but the response is not an object with the item array"),
        "{:?}",
        out.api.skipped
    );
    assert!(
        noted("spec.json#/paths/~1shares~1page/get/x-ms-pageable: pageable operation, but page type `SharePage` has no array property `items`"),
        "{:?}",
        out.api.skipped
    );
    let code = code(&out);
    assert!(code.contains("runtime::Call<Vec<models::Share>>"), "{code}");
    insta::assert_snapshot!("pageable_array_response", code);
}

#[test]
fn client_param_names() {
    // Client parameters are client fields and methods beside the group accessors: each gets a
    // name of its own, and the operations send the renamed field.
    let out = generate_fixture("client_param_names");
    let names: Vec<(&str, &str)> = out
        .api
        .client_params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Consent-ID", "consent_id"),
            ("consentId", "consent_id2"),
            ("flightOrderId", "flight_order_id"),
            ("flight-orderId", "flight_order_id2"),
            ("class", "class2"),
        ]
    );
    let get = op(&out.api, "Consents_Get");
    let sent: Vec<&str> = get.params.iter().map(|p| p.rust_name.as_str()).collect();
    assert_eq!(
        sent,
        [
            "consent_id2",
            "consent_id",
            "flight_order_id",
            "flight_order_id2"
        ]
    );
    let code = code(&out);
    assert!(
        code.contains("pub fn class(&self) -> operations::ClassClient<'_>"),
        "{code}"
    );
    assert!(code.contains("pub fn class2(&self) -> &str"), "{code}");
    insta::assert_snapshot!("client_param_names", code);
}

#[test]
fn carriage_returns() {
    // CRLF and lone CR line ends in prose become line breaks; no doc line keeps a `\r`
    // (rustfmt and rustc refuse a bare CR in a doc comment).
    let out = generate_fixture("carriage_returns");
    let docs = &op(&out.api, "Incidents_List").docs.0;
    assert!(docs.iter().all(|l| !l.contains('\r')), "{docs:?}");
    assert!(docs.iter().any(|l| l == "Next line."), "{docs:?}");
    let code = code(&out);
    assert!(!code.contains('\r'));
    insta::assert_snapshot!("carriage_returns", code);
}

#[test]
fn next_operation() {
    let out = generate_fixture("next_operation");
    let next = |id: &str| match &op(&out.api, id).kind {
        OperationKind::Paged { next_operation, .. } => next_operation.clone(),
        other => panic!("{id} is not pageable: {other:?}"),
    };
    let list = next("Items_List").expect("Items_List names Items_ListNext");
    assert_eq!(list.group.as_deref(), Some("items"));
    assert_eq!(list.method, "list_next");
    assert_eq!(
        list.args,
        vec![
            NextArgument::Param("tenant".into(), TypeRef::String),
            NextArgument::NextLink,
            NextArgument::Param("api_version".into(), TypeRef::String),
        ],
        "the shared arguments by wire name, the next link in its own place"
    );
    let constant = next("Items_ListWithConstant").expect("names Items_ListWithConstantNext");
    assert!(constant.args.is_empty(), "the constant is the method's own");
    insta::assert_snapshot!("next_operation", code(&out));
}

#[test]
fn head_exists() {
    let out = generate_fixture("head_exists");
    let exists = |id: &str| op(&out.api, id).exists;
    assert!(
        exists("Things_CheckExistence"),
        "HEAD with a documented 404"
    );
    assert!(exists("Things_AnyExist"), "its builder answers too");
    assert!(
        !exists("Things_GetEntityTag"),
        "no 404 documented: a plain call"
    );
    assert!(!exists("Things_Get"), "not a HEAD");
    let code = code(&out);
    assert!(code.contains(
        "pub type AnyExist = crate::operations::Builder<AnyExistOp, runtime::ExistsCall>;"
    ));
    insta::assert_snapshot!("head_exists", code);
}

#[test]
fn long_running() {
    let out = generate_fixture("long_running");
    let api = &out.api;
    let final_state = |id: &str| match &op(api, id).kind {
        OperationKind::LongRunning { final_state } => *final_state,
        other => panic!("{id} is not long-running: {other:?}"),
    };
    assert_eq!(final_state("Services_CreateOrUpdate"), FinalState::Default);
    assert_eq!(final_state("Services_Delete"), FinalState::Location);
    assert_eq!(
        final_state("Services_Backup"),
        FinalState::AzureAsyncOperation
    );
    assert_eq!(final_state("Services_Restore"), FinalState::OriginalUri);
    assert_eq!(
        final_state("Services_Migrate"),
        FinalState::OperationLocation
    );
    // A PUT ends in the resource even though its 202 has no body; a POST may end in a 204
    // without one (the test server's `LROPostSuccededNoBody`), so it is optional; a DELETE
    // ends empty.
    let service = TypeRef::Named("Service".into());
    assert_eq!(
        op(api, "Services_CreateOrUpdate").response,
        ResponseShape::Json(service.clone())
    );
    assert_eq!(
        op(api, "Services_Backup").response,
        ResponseShape::OptionalJson(service)
    );
    assert_eq!(op(api, "Services_Delete").response, ResponseShape::Empty);
    assert_eq!(out.summary.long_running, 5);
    // Docs name only methods a long-running call has: no `.send()`.
    let code = code(&out);
    let group = &code[code.find("// file: src/operations/services.rs").unwrap()..];
    assert!(!group.contains(".send()"), "{group}");
    assert!(code.contains("/// Response headers the service documents: `Azure-AsyncOperation`: Where the status is polled.\n"));
    assert!(code.contains("/// Builder for `Services_Backup`: set optional parameters, then `.await` it for the final result, or `.begin()` it for a poller.\n"));
    insta::assert_snapshot!("long_running", code);
}

#[test]
fn enums() {
    let out = generate_fixture("enums");
    let api = &out.api;
    let e = |name: &str| match typedef(api, name) {
        TypeDef::Enum(e) => e.clone(),
        _ => panic!("{name} is not an enum"),
    };
    let sku = e("SkuType");
    assert!(sku.extensible);
    let variants: Vec<&str> = sku.variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(variants, ["Developer", "Standard", "Premium", "Serverless"]);
    assert_eq!(sku.variants[3].wire_value, "Consumption");
    assert_eq!(sku.variants[0].docs.0, ["Developer SKU, no SLA."]);
    assert!(!e("State").extensible);
    assert!(!e("SettingsPlain").extensible);
    assert!(e("OtherKind").extensible);
    // The enum of the query parameter and of the property is one type.
    assert_eq!(
        api.types
            .iter()
            .filter(|t| t.name().starts_with("Protocol"))
            .count(),
        1
    );
    assert_eq!(
        field(api, "Settings", "protocol").ty,
        TypeRef::Named("Protocol".into())
    );
    let code = code(&out);
    assert!(
        code.contains("Other(String)"),
        "extensible enums keep unknown values"
    );
    let state = &code[code.find("pub enum State").unwrap()..];
    let state = &state[..state.find('}').unwrap()];
    assert!(
        !state.contains("Other"),
        "closed enums have no catch-all: {state}"
    );
    insta::assert_snapshot!("enums", code);
}

#[test]
fn inheritance() {
    let out = generate_fixture("inheritance");
    let api = &out.api;
    let TypeDef::Struct(props) = typedef(api, "ApiContractProperties") else {
        panic!("not a struct")
    };
    let wire: Vec<&str> = props.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        wire,
        ["path", "description", "displayName"],
        "parents' fields first"
    );
    assert!(
        props.fields[0].required,
        "required inherited from the grandparent"
    );
    assert!(props.fields[2].required);
    assert_eq!(
        props.fields[1].docs.0,
        ["Redefined by the child: the child's definition wins."]
    );
    let TypeDef::Struct(contract) = typedef(api, "ApiContract") else {
        panic!("not a struct")
    };
    let wire: Vec<&str> = contract
        .fields
        .iter()
        .map(|f| f.wire_name.as_str())
        .collect();
    assert_eq!(wire, ["id", "type", "properties"]);
    assert_eq!(field(api, "InlineParent", "extra").ty, TypeRef::Bool);
    insta::assert_snapshot!("inheritance", code(&out));
}

#[test]
fn polymorphism() {
    let out = generate_fixture("polymorphism");
    let api = &out.api;
    let TypeDef::Union(shape) = typedef(api, "Shape") else {
        panic!("Shape is not a union")
    };
    assert_eq!(shape.tagging, Tagging::Inherited { tag: "kind".into() });
    let variants: Vec<(Option<&str>, &str)> = shape
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.rust_name.as_str()))
        .collect();
    assert_eq!(
        variants,
        [(Some("circle"), "Circle"), (Some("Square"), "Square")]
    );
    // The variants carry the base's properties but not the tag, which the Union derive writes.
    let TypeDef::Struct(circle) = typedef(api, "Circle") else {
        panic!("Circle is not a struct")
    };
    let wire: Vec<&str> = circle.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wire, ["label", "radius"]);
    let code = code(&out);
    assert!(code.contains("#[wire(tag = \"kind\")]"));
    // Kinds added to the service later do not fail a response: they are kept whole.
    assert!(code.contains("#[wire(other)]\n    Unknown(serde_json::Value),"));
    insta::assert_snapshot!("polymorphism", code);
}

#[test]
fn additional_properties() {
    let out = generate_fixture("additional_properties");
    let api = &out.api;
    let map = |t: TypeRef| TypeRef::Map(Box::new(t));
    assert_eq!(field(api, "Bag", "tags").ty, map(TypeRef::String));
    assert_eq!(field(api, "Bag", "counts").ty, map(TypeRef::I32));
    assert_eq!(
        field(api, "Bag", "nested").ty,
        map(TypeRef::Named("Entry".into()))
    );
    assert_eq!(field(api, "Bag", "anything").ty, map(TypeRef::Value));
    assert_eq!(field(api, "Bag", "freeForm").ty, TypeRef::Value);
    assert_eq!(field(api, "Bag", "untyped").ty, TypeRef::Value);
    assert_eq!(
        field(api, "Bag", "list").ty,
        TypeRef::Vec(Box::new(TypeRef::Value))
    );
    assert_eq!(field(api, "UsesMap", "labels").ty, map(TypeRef::String));
    let TypeDef::Struct(open) = typedef(api, "OpenModel") else {
        panic!("not a struct")
    };
    let extra = open.fields.last().unwrap();
    assert!(extra.flatten);
    assert_eq!(extra.ty, map(TypeRef::String));
    assert!(api.types.iter().all(|t| t.name() != "StringMap"));
    insta::assert_snapshot!("additional_properties", code(&out));
}

#[test]
fn property_attributes() {
    let out = generate_fixture("property_attributes");
    let api = &out.api;
    let f = |wire: &str| field(api, "Account", wire);
    assert!(!f("id").required, "read-only properties are never required");
    assert!(f("displayName").required);
    assert_eq!(f("password").ty, TypeRef::Secret);
    assert_eq!(f("type").rust_name, "account_type");
    assert_eq!(f("$schema").rust_name, "schema");
    assert_eq!(f("self").rust_name, "self_");
    assert_ne!(f("display_name").rust_name, f("displayName").rust_name);
    let TypeDef::Struct(account) = typedef(api, "Account") else {
        panic!("not a struct")
    };
    assert!(!account.default, "a required date-time has no Default");
    let code = code(&out);
    assert!(code.contains("pub password: Option<apigen_runtime::Secret>"));
    assert!(code.contains("#[wire(rename = \"type\")]\n    pub account_type"));
    assert!(code.contains("Mutability: create, read."));
    assert!(code.contains("Default when not set: `true`."));
    assert!(code.contains("Default when not set: `3`."));
    insta::assert_snapshot!("property_attributes", code);
}

#[test]
fn formats() {
    let out = generate_fixture("formats");
    let api = &out.api;
    let ty = |wire: &str| field(api, "Sample", wire).ty.clone();
    assert_eq!(ty("i32"), TypeRef::I32);
    assert_eq!(ty("i64"), TypeRef::I64);
    assert_eq!(ty("int"), TypeRef::I64);
    assert_eq!(ty("f32"), TypeRef::F32);
    assert_eq!(ty("f64"), TypeRef::F64);
    assert_eq!(ty("num"), TypeRef::F64);
    assert_eq!(ty("when"), TypeRef::DateTime);
    assert_eq!(ty("whenRfc1123"), TypeRef::DateTimeRfc1123);
    assert_eq!(ty("day"), TypeRef::Date);
    assert_eq!(ty("timeout"), TypeRef::Duration);
    assert_eq!(ty("uuid"), TypeRef::Uuid);
    assert_eq!(ty("bytes"), TypeRef::Bytes);
    assert_eq!(ty("days"), TypeRef::Vec(Box::new(TypeRef::DateTime)));
    for s in ["blob", "link", "uri"] {
        assert_eq!(ty(s), TypeRef::String, "{s}");
    }
    let code = code(&out);
    assert!(code.contains("#[wire(date_time)]\n    pub when: time::OffsetDateTime,"));
    assert!(code.contains("#[wire(date)]\n    pub day: Option<time::Date>,"));
    assert!(
        code.contains("#[wire(codec = Vec<apigen_runtime::wire::DateTime>)]\n    pub days: Option<Vec<time::OffsetDateTime>>,"),
        "{code}"
    );
    insta::assert_snapshot!("formats", code);
}

#[test]
fn responses() {
    let out = generate_fixture("responses");
    let api = &out.api;
    let head = op(api, "Tags_GetEntityTag");
    assert_eq!(head.http_method, apigen::ir::HttpMethod::Head);
    assert_eq!(head.response, ResponseShape::Empty);
    assert_eq!(head.response_headers[0].0, "ETag");
    let tag = TypeRef::Named("Tag".into());
    assert_eq!(
        op(api, "Tags_CreateOrUpdate").response,
        ResponseShape::Json(tag.clone())
    );
    assert_eq!(
        op(api, "Tags_Update").response,
        ResponseShape::OptionalJson(tag)
    );
    assert_eq!(op(api, "Tags_Delete").response, ResponseShape::Empty);
    assert_eq!(op(api, "Tags_Refresh").response, ResponseShape::Empty);
    let if_match = op(api, "Tags_Update")
        .params
        .iter()
        .find(|p| p.wire_name == "If-Match")
        .unwrap();
    assert_eq!(if_match.location, ParamLocation::Header);
    // The error model of `default` responses is a model of the crate.
    typedef(api, "ErrorResponse");
    insta::assert_snapshot!("responses", code(&out));
}

#[test]
fn non_json_bodies() {
    let out = generate_fixture("non_json_bodies");
    let api = &out.api;
    assert_eq!(op(api, "Policies_GetText").response, ResponseShape::Text);
    let put = op(api, "Policies_PutXml");
    assert_eq!(put.response, ResponseShape::Text);
    let body = put.body.as_ref().unwrap();
    assert_eq!(body.format, BodyFormat::Text("application/xml".into()));
    assert_eq!(body.ty, TypeRef::String);
    assert_eq!(
        op(api, "Policies_GetMixed").response,
        ResponseShape::Json(TypeRef::Named("Policy".into()))
    );
    insta::assert_snapshot!("non_json_bodies", code(&out));
}

#[test]
fn docs_escaping() {
    let out = generate_fixture("docs_escaping");
    let code = code(&out);
    // Everything rustdoc would read as a link, an HTML tag, a bare URL or a doctest is escaped.
    assert!(code.contains(r"Gets an item \[by id\]; see <https://learn.microsoft.com/rest/api/>."));
    assert!(code.contains(r"Returns \<Item\> with fields a\<b and c\>d."));
    assert!(code.contains("/// This line is indented and must not become a code block."));
    assert!(code.contains("/// ```text\n"));
    assert!(!code.contains("[brackets]"));
    assert!(code.contains(r"Value \<a\> \[see docs\] at <https://example.com/a>."));
    // HTML the specs use becomes Markdown; Markdown links stay links.
    assert!(!code.contains("<b>") && code.contains("**HTML**"));
    assert!(code.contains("a link [text](https://example.com)."));
    assert!(code.contains("/// | Field | Usage |\n    /// |---|---|\n    /// | name | filter |\n"));
    assert!(code.contains("/// Tier.\n    ///\n    /// Possible values:\n"));
    assert!(code.contains("/// Id in the form `<prefix>-[0-9]+` (inline code is not escaped)"));
    insta::assert_snapshot!("docs_escaping", code);
}

#[test]
fn root_operations() {
    let out = generate_fixture("root_operations");
    let api = &out.api;
    // ids without `Group_` and without tags: methods on the client itself.
    assert!(api.groups.is_empty());
    let ids: Vec<&str> = api
        .root_operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(ids, ["listPets", "createPet", "uploadPhoto", "showPetById"]);
    assert_eq!(op(api, "listPets").optional().count(), 1);
    let code = code(&out);
    // Body types of root operations are defined in operations/ and named from lib.rs so.
    assert!(
        code.contains("body: impl Into<operations::CreatePetBody>"),
        "{code}"
    );
    assert!(
        code.contains("operations::CreatePetBody::Form(body) =>"),
        "{code}"
    );
    assert!(
        code.contains("body: operations::UploadPhotoParts"),
        "{code}"
    );
    // lib.rs builds the builder named in operations/ (the generic one defined there) with
    // `new`, not its call field, which stays private to operations/.
    assert!(code.contains("runtime::operation_builders!();"));
    assert!(code.contains(
        "pub type ListPets = crate::operations::Builder<ListPetsOp, runtime::Call<Vec<models::Pet>>>;"
    ));
    assert!(code.contains("operations::ListPets::new(self.runtime.request("));
    insta::assert_snapshot!("root_operations", code);
}

#[test]
fn path_parameter_named_path() {
    let out = generate_fixture("path_parameter_named_path");
    let code = code(&out);
    // The template is a const, so a parameter named `path` is the value sent, not shadowed by
    // the template (the server used to receive the literal `{path}`; `-D warnings` in
    // fixtures_compile also fails on the unused argument).
    assert!(
        code.contains(r#"const PATH: &str = "/files/{path}";"#),
        "{code}"
    );
    assert!(code.contains("PATH, &[path]"), "{code}");
    insta::assert_snapshot!("path_parameter_named_path", code);
}

#[test]
fn unknown_formats() {
    let out = generate_fixture("unknown_formats");
    let api = &out.api;
    // Formats are open-ended: an unknown one keeps the base type and is named in the docs.
    let created = field(api, "Event", "created");
    assert_eq!(created.ty, TypeRef::I64);
    assert_eq!(
        created.docs.0,
        [
            "When the event happened.",
            "",
            "Format: `unix-time` (kept as the base type `integer`)."
        ]
    );
    assert_eq!(field(api, "Event", "priority").ty, TypeRef::I64);
    assert_eq!(field(api, "Event", "contact").ty, TypeRef::String);
    assert_eq!(field(api, "Event", "ratio").ty, TypeRef::F64);
    assert_eq!(
        field(api, "Event", "tags").ty,
        TypeRef::Vec(Box::new(TypeRef::String))
    );
    // A known format gets its own type and no note.
    let count = field(api, "Event", "count");
    assert_eq!(count.ty, TypeRef::I32);
    assert!(count.docs.is_empty());
    let list = op(api, "Events_List");
    let since = list.optional().next().unwrap();
    assert_eq!(since.ty, TypeRef::I64);
    assert!(since.docs.0.last().unwrap().contains("`unix-time`"));
    let kind = list.positional().next().unwrap();
    assert_eq!(kind.ty, TypeRef::String);
    assert_eq!(
        kind.docs.0,
        ["Format: `event-kind` (kept as the base type `string`)."]
    );
    insta::assert_snapshot!("unknown_formats", code(&out));
}

#[test]
fn operation_names() {
    let out = generate_fixture("operation_names");
    let api = &out.api;
    // Most ids are not in the Azure `Group_Operation` form: groups are first tags, and an
    // operation without tags is on the client itself.
    let groups: Vec<(&str, Vec<(&str, &str)>)> = api
        .groups
        .iter()
        .map(|g| {
            let ops = g
                .operations
                .iter()
                .map(|o| (o.operation_id.as_str(), o.method.as_str()))
                .collect();
            (g.module.as_str(), ops)
        })
        .collect();
    assert_eq!(
        groups,
        [(
            "pets",
            vec![
                ("listPets", "list_pets"),
                // A repeated id and a missing one: named from method and path.
                ("post_pets", "post_pets"),
                ("get_pets_pet_id_toys", "get_pets_pet_id_toys"),
                ("Store_GetInventory", "store_get_inventory"),
            ]
        )]
    );
    let root: Vec<(&str, &str)> = api
        .root_operations
        .iter()
        .map(|o| (o.operation_id.as_str(), o.method.as_str()))
        .collect();
    assert_eq!(root, [("get_health", "get_health"), ("delete", "delete")]);
    let toys = op(api, "get_pets_pet_id_toys");
    assert_eq!(
        (toys.http_method, toys.path.as_str()),
        (HttpMethod::Get, "/pets/{petId}/toys")
    );
    assert_eq!(op(api, "post_pets").http_method, HttpMethod::Post);
    let code = code(&out);
    assert!(code.contains("pub fn get_health(&self) -> operations::GetHealth {"));
    assert!(code.contains("pub fn get_pets_pet_id_toys(&self, pet_id: &str) -> GetPetsPetIdToys {"));
    insta::assert_snapshot!("operation_names", code);
}

fn schemes(api: &apigen::ir::Api) -> Vec<(&str, &str, &SecuritySchemeKind)> {
    api.security_schemes
        .iter()
        .map(|s| (s.name.as_str(), s.method.as_str(), &s.kind))
        .collect()
}

fn requirement(api: &apigen::ir::Api, id: &str) -> Option<Vec<Vec<String>>> {
    op(api, id).security.clone()
}

fn names(alternatives: &[&[&str]]) -> Option<Vec<Vec<String>>> {
    Some(
        alternatives
            .iter()
            .map(|a| a.iter().map(|s| s.to_string()).collect())
            .collect(),
    )
}

#[test]
fn security_api_key() {
    let out = generate_fixture("security_api_key");
    let api = &out.api;
    let key = |location, param: &str| SecuritySchemeKind::ApiKey {
        location,
        param: param.into(),
    };
    assert_eq!(
        schemes(api),
        [
            (
                "header_key",
                "header_key",
                &key(ApiKeyLocation::Header, "X-API-Key")
            ),
            (
                "query_key",
                "query_key",
                &key(ApiKeyLocation::Query, "code")
            ),
            ("session", "session", &key(ApiKeyLocation::Cookie, "sid")),
        ]
    );
    // The spec's requirement, an operation's own (AND, OR) and an anonymous one.
    assert_eq!(requirement(api, "listItems"), names(&[&["header_key"]]));
    assert_eq!(
        requirement(api, "getBoth"),
        names(&[&["header_key", "query_key"], &["session"]])
    );
    assert_eq!(requirement(api, "getHealth"), names(&[]));
    let code = code(&out);
    assert!(code.contains(".security(&[&[\"header_key\", \"query_key\"], &[\"session\"]])"));
    assert!(code.contains("fn header_key(self, key: impl Into<runtime::Secret>) -> Self;"));
    assert!(code.contains("impl Authentication for runtime::ClientBuilder<KeysClient>"));
    insta::assert_snapshot!("security_api_key", code);
}

#[test]
fn security_http() {
    let out = generate_fixture("security_http");
    let api = &out.api;
    assert_eq!(
        schemes(api),
        [
            ("basic", "basic", &SecuritySchemeKind::Basic),
            (
                "bearerAuth",
                "bearer_auth",
                &SecuritySchemeKind::Bearer { scopes: vec![] }
            ),
        ]
    );
    assert_eq!(
        requirement(api, "getMe"),
        names(&[&["basic"], &["bearerAuth"]])
    );
    // `security: [{}]` is anonymous.
    assert_eq!(requirement(api, "getPublic"), names(&[]));
    let code = code(&out);
    assert!(code.contains(
        "fn basic(self, user: impl Into<String>, password: impl Into<runtime::Secret>) -> Self;"
    ));
    assert!(code.contains("fn bearer_auth(self, token: impl Into<runtime::Secret>) -> Self;"));
    assert!(code.contains("fn bearer_auth_provider("));
    insta::assert_snapshot!("security_http", code);
}

#[test]
fn security_oauth2() {
    let out = generate_fixture("security_oauth2");
    let api = &out.api;
    assert_eq!(
        schemes(api),
        [
            (
                "oauth2",
                "oauth2",
                // The scopes the requirements ask for, not every declared one (`admin`).
                &SecuritySchemeKind::OAuth2ClientCredentials {
                    token_url: "https://auth.example.com/oauth/token".into(),
                    scopes: vec!["things.read".into(), "things.write".into()],
                }
            ),
            // An authorization-code flow and OpenID Connect: bring a token.
            (
                "user",
                "user",
                &SecuritySchemeKind::Bearer { scopes: vec![] }
            ),
            (
                "oidc",
                "oidc",
                &SecuritySchemeKind::Bearer {
                    scopes: vec!["openid".into()]
                }
            ),
        ]
    );
    assert_eq!(
        requirement(api, "createThing"),
        names(&[&["oauth2"], &["user"]])
    );
    let code = code(&out);
    assert!(code.contains("fn oauth2_client_credentials("));
    assert!(code.contains("\"https://auth.example.com/oauth/token\","));
    insta::assert_snapshot!("security_oauth2", code);
}

#[test]
fn security_entra() {
    let out = generate_fixture("security_entra");
    let api = &out.api;
    assert_eq!(
        schemes(api),
        [
            (
                "AADToken",
                "aad_token",
                &SecuritySchemeKind::EntraId {
                    scope: Some("https://entra.example.com/.default".into())
                }
            ),
            (
                "Key",
                "key",
                &SecuritySchemeKind::ApiKey {
                    location: ApiKeyLocation::Header,
                    param: "Ocp-Apim-Subscription-Key".into()
                }
            ),
        ]
    );
    assert_eq!(
        requirement(api, "Status_Get"),
        names(&[&["AADToken"], &["Key"]])
    );
    assert_eq!(requirement(api, "Status_Ping"), names(&[]));
    let code = code(&out);
    // Entra ID is the runtime's `credential`, with the requirement's scope; the key gets a call.
    assert!(code.contains(".scope(\"https://entra.example.com/.default\")"));
    assert!(!code.contains("fn aad_token"));
    assert!(code.contains("fn key(self, key: impl Into<runtime::Secret>) -> Self;"));
    insta::assert_snapshot!("security_entra", code);
}

#[test]
fn openapi31() {
    let out = generate_fixture("openapi31");
    let api = &out.api;
    // The path item in `components/pathItems` is reached; the webhook is not an operation.
    let grouped: usize = api.groups.iter().map(|g| g.operations.len()).sum();
    assert_eq!(grouped + api.root_operations.len(), 2);
    assert_eq!(op(api, "getPet").path, "/pets/{petId}");
    assert_eq!(op(api, "createPet").path, "/pets");
    // A description beside a `$ref` documents the field; the type is the target's.
    let owner = field(api, "Pet", "owner");
    assert_eq!(owner.ty, TypeRef::Named("Owner".into()));
    assert_eq!(owner.docs.0, ["Only a description: the owner type itself."]);
    // `type: [T, "null"]`, numeric `exclusiveMinimum`, `prefixItems`: the 3.0 shapes.
    assert_eq!(field(api, "Pet", "nickname").ty, TypeRef::String);
    assert_eq!(field(api, "Pet", "age").ty, TypeRef::I32);
    assert_eq!(field(api, "Pet", "weight").ty, TypeRef::F64);
    assert_eq!(
        field(api, "Pet", "position").ty,
        TypeRef::Vec(Box::new(TypeRef::F64))
    );
    // `const` is a one-value enum.
    assert_eq!(
        field(api, "Pet", "kind").ty,
        TypeRef::Named("PetKind".into())
    );
    let TypeDef::Enum(kind) = typedef(api, "PetKind") else {
        panic!("PetKind is not an enum")
    };
    assert_eq!(kind.variants.len(), 1);
    // A `$ref` with a description only is the referenced type; one with a constraint is an
    // `allOf` of it and the constraint, and an `allOf` that adds no properties to one `$ref`
    // is that type (the `required` sibling only tightens validation).
    for prop in ["owner", "vet"] {
        assert_eq!(field(api, "Pet", prop).ty, TypeRef::Named("Owner".into()));
    }
    // A `$defs` entry that refers to itself is a named type of its own.
    assert_eq!(
        field(api, "Pet", "tree").ty,
        TypeRef::Named("PetFamily".into())
    );
    assert_eq!(
        field(api, "PetFamily", "parents").ty,
        TypeRef::Vec(Box::new(TypeRef::Named("PetFamily".into())))
    );
    insta::assert_snapshot!("openapi31", code(&out));
}

#[test]
fn byte_order_mark() {
    // The YAML file starts with a UTF-8 byte-order mark (`openapi31_webhooks_only`: JSON).
    let raw = std::fs::read(common::fixture("byte_order_mark/spec.yaml")).unwrap();
    assert!(raw.starts_with("\u{feff}".as_bytes()));
    let out = generate_fixture("byte_order_mark");
    assert_eq!(
        op(&out.api, "listNotes").response,
        ResponseShape::Json(TypeRef::Vec(Box::new(TypeRef::String)))
    );
    insta::assert_snapshot!("byte_order_mark", code(&out));
}

#[test]
fn openapi31_webhooks_only() {
    let raw = std::fs::read(common::fixture("openapi31_webhooks_only/spec.json")).unwrap();
    assert!(raw.starts_with("\u{feff}".as_bytes()));
    let out = generate_fixture("openapi31_webhooks_only");
    let api = &out.api;
    // Accepted, with no operations; the schemas are still models.
    assert!(api.groups.is_empty() && api.root_operations.is_empty());
    typedef(api, "Order");
    insta::assert_snapshot!("openapi31_webhooks_only", code(&out));
}

#[test]
fn property_keywords() {
    // Kubernetes' JSONSchemaProps: properties named `$ref`, `properties`, `type`, `enum`,
    // `default`, `example` are fields; `$ref`s inside examples and extensions are data.
    let out = generate_fixture("property_keywords");
    let api = &out.api;
    let names: Vec<(&str, &str)> = {
        let TypeDef::Struct(s) = typedef(api, "JsonSchemaProps") else {
            panic!("JsonSchemaProps is not a struct")
        };
        s.fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
            .collect()
    };
    assert_eq!(
        names,
        [
            ("$ref", "ref_"),
            ("$schema", "schema"),
            ("properties", "properties"),
            ("type", "type_"),
            ("enum", "enum_"),
            ("default", "default"),
            ("example", "example"),
            ("items", "items"),
            ("format", "format"),
        ]
    );
    assert_eq!(field(api, "JsonSchemaProps", "$ref").ty, TypeRef::String);
    assert_eq!(
        field(api, "JsonSchemaProps", "properties").ty,
        TypeRef::Map(Box::new(TypeRef::Named("JsonSchemaProps".into())))
    );
    insta::assert_snapshot!("property_keywords", code(&out));
}

#[test]
fn rust_names() {
    // Keywords, leading digits, other scripts, names equal but for case or punctuation, and
    // names of std, runtime and generated-crate items: all valid, unique Rust
    // (fixtures_compile builds the crate with -D warnings).
    let out = generate_fixture("rust_names");
    let api = &out.api;
    let fields: Vec<&str> = {
        let TypeDef::Struct(s) = typedef(api, "Widget") else {
            panic!("Widget is not a struct")
        };
        s.fields
            .iter()
            .map(|f| f.rust_name.as_str())
            .take(13)
            .collect()
    };
    assert_eq!(
        fields,
        [
            "foo_bar",
            "foo_bar2",
            "foo_bar3",
            "foo_bar4",
            "self_",
            "self_2",
            "crate_",
            "super_",
            "type_",
            "n1st",
            "ming_qian",
            "prenom",
            "y"
        ]
    );
    let variants = |name: &str| -> Vec<String> {
        let TypeDef::Enum(e) = typedef(api, name) else {
            panic!("{name} is not an enum")
        };
        e.variants.iter().map(|v| v.rust_name.clone()).collect()
    };
    assert_eq!(variants("WidgetLetters"), ["A", "A2", "B", "B2"]);
    assert_eq!(variants("WidgetSigns"), ["Plus1", "Minus1", "V1"]);
    assert_eq!(variants("WidgetVersions"), ["V10", "V10_2", "V10_3"]);
    assert_eq!(
        variants("WidgetUnicode"),
        ["E", "MingQian", "U", "Value", "Value2"]
    );
    assert_eq!(
        variants("WidgetKeywords"),
        [
            "SelfValue",
            "SelfValue2",
            "Crate",
            "Super",
            "Type",
            "None",
            "Some"
        ]
    );
    // Models the generated code names unqualified are renamed; the others keep their names.
    for (wire, ty) in [
        ("option", "Option2"),
        ("string", "String2"),
        ("selfType", "SelfValue"),
        ("selfLower", "SelfValue2"),
        ("model3d", "V3dModel"),
        ("cafe", "Cafe"),
        ("namae", "MingQian"),
        ("result", "Result"),
        ("client", "Client"),
    ] {
        assert_eq!(field(api, "Widget", wire).ty, TypeRef::Named(ty.into()));
    }
    let group = &api.groups.iter().find(|g| g.module == "self_").unwrap();
    assert_eq!(group.type_name, "SelfValueClient");
    insta::assert_snapshot!("rust_names", code(&out));
}

fn union<'a>(api: &'a apigen::ir::Api, name: &str) -> &'a apigen::ir::Union {
    let TypeDef::Union(u) = typedef(api, name) else {
        panic!("{name} is not a union")
    };
    u
}

/// (variant name, tag value, held type) of each variant, in order.
fn variants(u: &apigen::ir::Union) -> Vec<(&str, Option<&str>, TypeRef)> {
    u.variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.tag_value.as_deref(), v.ty.clone()))
        .collect()
}

#[test]
fn tagged_unions() {
    let out = generate_fixture("tagged_unions");
    let api = &out.api;
    let named = |n: &str| TypeRef::Named(n.into());
    // Mapping values are `$ref`s or schema names; a schema mapped twice is two variants.
    let pet = union(api, "Pet");
    assert_eq!(
        pet.tagging,
        Tagging::Property {
            tag: "petType".into()
        }
    );
    assert_eq!(
        variants(pet),
        [
            ("Dog", Some("dog"), named("Dog")),
            ("Cat", Some("cat"), named("Cat")),
            ("Kitten", Some("kitten"), named("Cat")),
        ]
    );
    // Without a mapping the schema name is the value.
    assert_eq!(
        variants(union(api, "Vehicle")),
        [
            ("Car", Some("Car"), named("Car")),
            ("Bike", Some("Bike"), named("Bike")),
        ]
    );
    // No discriminator: `type` is a different constant in each member. The inline member is a
    // struct named after the union and the variant.
    let event = union(api, "Event");
    assert_eq!(event.tagging, Tagging::Property { tag: "type".into() });
    assert_eq!(
        variants(event),
        [
            ("Created", Some("created"), named("EventCreated")),
            ("DeletedEvent", Some("deleted"), named("DeletedEvent")),
        ]
    );
    // The members keep the tag property: the variant's struct reads it too.
    assert_eq!(field(api, "Dog", "petType").ty, TypeRef::String);
    let code = code(&out);
    assert!(code.contains("#[wire(tag = \"petType\", keep_tag)]"));
    insta::assert_snapshot!("tagged_unions", code);
}

#[test]
fn untagged_unions() {
    let out = generate_fixture("untagged_unions");
    let api = &out.api;
    let named = |n: &str| TypeRef::Named(n.into());
    // Stripe's expandable field: objects first, more required properties first, then the id.
    let customer = union(api, "ChargeCustomer");
    assert_eq!(customer.tagging, Tagging::Untagged);
    assert_eq!(
        variants(customer),
        [
            ("DeletedCustomer", None, named("DeletedCustomer")),
            ("Customer", None, named("Customer")),
            ("String", None, TypeRef::String),
        ]
    );
    // Primitives: integer before number, strings last, whatever the spec's order.
    assert_eq!(
        variants(union(api, "Amount")),
        [
            ("Integer", None, TypeRef::I64),
            ("Number", None, TypeRef::F64),
            ("Boolean", None, TypeRef::Bool),
            ("String", None, TypeRef::String),
        ]
    );
    // An inline object member is a struct named after the union and the variant.
    assert_eq!(
        variants(union(api, "IssueLabelsItem")),
        [
            ("Object", None, named("IssueLabelsItemObject")),
            ("String", None, TypeRef::String),
        ]
    );
    // Arrays before scalars; the members' own `nullable` leaves null to the catch-all.
    assert_eq!(
        variants(union(api, "ValidationErrorErrorsItemValue")),
        [
            ("Array", None, TypeRef::Vec(Box::new(TypeRef::String))),
            ("Integer", None, TypeRef::I64),
            ("String", None, TypeRef::String),
        ]
    );
    let code = code(&out);
    assert!(code.contains("#[wire(untagged)]"));
    insta::assert_snapshot!("untagged_unions", code);
}

#[test]
fn nullable_and_wrappers() {
    let out = generate_fixture("nullable_and_wrappers");
    let api = &out.api;
    let owner = TypeRef::Named("Owner".into());
    // Required and nullable: an Option written as null.
    for wire in ["owner", "note", "parent"] {
        let f = field(api, "Record", wire);
        assert!(f.nullable && !f.required, "{wire}");
    }
    assert_eq!(field(api, "Record", "owner").ty, owner);
    assert_eq!(field(api, "Record", "parent").ty, owner);
    // An allOf around one $ref is that type, inline or as a component.
    assert_eq!(field(api, "Record", "backup").ty, owner);
    assert_eq!(field(api, "Record", "alias").ty, owner);
    assert!(!api.types.iter().any(|t| t.name() == "OwnerAlias"));
    // Optional and nullable: absent and null are both None.
    let size = field(api, "Record", "size");
    assert!(!size.nullable && !size.required);
    assert_eq!(size.ty, TypeRef::I64);
    // Two members besides null: a union in an Option.
    assert_eq!(
        variants(union(api, "RecordLabel")),
        [
            ("Integer", None, TypeRef::I64),
            ("String", None, TypeRef::String)
        ]
    );
    // `not` stays free-form JSON, and says why.
    let anything = field(api, "Record", "anything");
    assert_eq!(anything.ty, TypeRef::Value);
    assert!(anything.docs.0.iter().any(|l| l.contains("`not`")));
    let code = code(&out);
    assert!(code.contains("#[wire(nullable)]\n    pub owner: Option<Owner>,"));
    insta::assert_snapshot!("nullable_and_wrappers", code);
}

#[test]
fn discriminator_without_children() {
    // A discriminator that no schema extends is not an error: the type is a struct whose tag
    // is an ordinary field (Azure storagecache, ticketmaster commerce, deutschebahn flinkster).
    let out = generate_fixture("discriminator_without_children");
    let api = &out.api;
    assert!(matches!(typedef(api, "Shape"), TypeDef::Struct(_)));
    assert_eq!(field(api, "Shape", "kind").ty, TypeRef::String);
    insta::assert_snapshot!("discriminator_without_children", code(&out));
}

/// The test server's `azure-special-properties.json` shapes: the client's api-version is the
/// global parameter's (here `info.version`, as it has no value of its own); a method's own
/// value is a constant of that operation, an optional one an optional parameter, both sent
/// instead of the client's (`.own_api_version()`); `x-ms-skip-url-encoding` path and query
/// parameters are sent as given; a one-value boolean enum is a constant.
#[test]
fn api_version_and_encoding() {
    let out = generate_fixture("api_version_and_encoding");
    let api = &out.api;
    assert_eq!(api.api_version, "2015-07-01-preview");
    let role = |id: &str, wire: &str| {
        op(api, id)
            .params
            .iter()
            .find(|p| p.wire_name == wire)
            .map(|p| p.role.clone())
    };
    assert_eq!(role("Specials_Global", "api-version"), None);
    assert_eq!(
        role("Specials_Local", "api-version"),
        Some(ParamRole::Constant("2.0".into()))
    );
    assert_eq!(
        role("Specials_LocalOptional", "api-version"),
        Some(ParamRole::Optional)
    );
    assert_eq!(
        role("Specials_Unencoded", "flag"),
        Some(ParamRole::Constant("true".into()))
    );
    let code = code(&out);
    assert!(
        code.contains(r#"const PATH: &str = "/unencoded/{+path}";"#),
        "{code}"
    );
    assert!(code.contains(r#".query_raw("q1", q1)"#), "{code}");
    assert!(code.contains(r#".query_raw("q2", q2)"#), "{code}");
    assert_eq!(code.matches(".own_api_version()").count(), 2, "{code}");
    insta::assert_snapshot!("api_version_and_encoding", code);
}

#[test]
fn media_types() {
    use apigen::ir::PartKind;
    let out = generate_fixture("media_types");
    let api = &out.api;
    let pet = TypeRef::Named("Pet".into());
    // Several media types: JSON is the default (`ty`), the others are the caller's choices.
    let create = op(api, "Pets_Create").body.as_ref().unwrap();
    assert_eq!((&create.ty, &create.format), (&pet, &BodyFormat::Json));
    let choices: Vec<(&str, &BodyFormat)> = create
        .alternatives
        .iter()
        .map(|c| (c.variant.as_str(), &c.format))
        .collect();
    assert_eq!(
        choices,
        [
            ("Form", &BodyFormat::Form),
            ("Text", &BodyFormat::Text("application/xml".into()))
        ]
    );
    assert_eq!(create.alternatives[0].ty, pet);
    // Any JSON type is JSON, sent with its own content type.
    let patch = op(api, "Pets_Patch");
    assert_eq!(
        patch.body.as_ref().unwrap().format,
        BodyFormat::JsonAs("application/merge-patch+json".into())
    );
    assert_eq!(patch.response, ResponseShape::Json(pet.clone()));
    // Multipart: files, file arrays and value parts.
    let BodyFormat::Multipart(parts) = &op(api, "Pets_UploadPhoto").body.as_ref().unwrap().format
    else {
        panic!("not multipart")
    };
    let kinds: Vec<(&str, &PartKind, bool)> = parts
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), &f.kind, f.required))
        .collect();
    assert_eq!(
        kinds,
        [
            ("photo", &PartKind::File, true),
            ("thumbnails", &PartKind::Files, false),
            ("caption", &PartKind::Value(TypeRef::String), true),
            ("takenAt", &PartKind::Value(TypeRef::DateTime), false),
            ("meta", &PartKind::Value(pet), false),
        ]
    );
    assert_eq!(op(api, "Pets_GetPhoto").response, ResponseShape::Binary);
    assert_eq!(op(api, "Files_Get").response, ResponseShape::Binary);
    let put = op(api, "Files_Put");
    assert_eq!(
        put.body.as_ref().unwrap().format,
        BodyFormat::Binary("application/octet-stream".into())
    );
    assert_eq!(put.response, ResponseShape::Text);
    let code = code(&out);
    assert!(code.contains("pub enum CreateBody"), "{code}");
    assert!(code.contains("impl From<models::Pet> for CreateBody"));
    assert!(code.contains("impl From<UploadPhotoParts> for runtime::Multipart"));
    insta::assert_snapshot!("media_types", code);
}

#[test]
fn parameter_styles() {
    use apigen::ir::Style;
    let out = generate_fixture("parameter_styles");
    let api = &out.api;
    let get = op(api, "Things_Get");
    let param = |name: &str| {
        get.params
            .iter()
            .find(|p| p.wire_name == name)
            .unwrap_or_else(|| panic!("no parameter {name}"))
    };
    // The operation's `trace` replaces the path item's; the path item's cookie still applies.
    assert_eq!(
        get.params.iter().filter(|p| p.wire_name == "trace").count(),
        1
    );
    assert_eq!(param("trace").role, ParamRole::Positional);
    assert_eq!(param("session").location, ParamLocation::Cookie);
    assert_eq!(param("prefs").location, ParamLocation::Cookie);
    assert_eq!(param("color").style, ParamStyle::Styled(Style::DeepObject));
    assert_eq!(
        param("point").style,
        ParamStyle::Styled(Style::Form { explode: true })
    );
    assert_eq!(
        param("flat").style,
        ParamStyle::Styled(Style::Form { explode: false })
    );
    assert_eq!(param("ids").style, ParamStyle::Delimited(' '));
    assert_eq!(param("names").style, ParamStyle::Delimited('|'));
    assert_eq!(param("tags").style, ParamStyle::Plain);
    assert_eq!(param("X-Tags").style, ParamStyle::Plain);
    assert_eq!(
        param("X-Color").style,
        ParamStyle::Styled(Style::Simple { explode: true })
    );
    assert_eq!(param("filter").style, ParamStyle::JsonText);
    assert_eq!(param("filter").ty, TypeRef::Named("Color".into()));
    let code = code(&out);
    assert!(code.contains(".cookie(\"prefs\", prefs)"), "{code}");
    assert!(code.contains("runtime::wire::JsonText(filter)"));
    insta::assert_snapshot!("parameter_styles", code);
}

#[test]
fn server_variables() {
    let out = generate_fixture("server_variables");
    let server = out.api.server.as_ref().expect("a server template");
    assert_eq!(
        server.template,
        "https://{region}.api.example.com:{port}/{basePath}"
    );
    let region = &server.variables[0];
    assert_eq!(
        (region.name.as_str(), region.default.as_deref()),
        ("region", Some("eu"))
    );
    assert_eq!(region.allowed, ["eu", "us"]);
    // The default endpoint is the template with the defaults.
    assert_eq!(
        out.api.default_endpoint,
        "https://eu.api.example.com:443/v2"
    );
    let code = code(&out);
    assert!(
        code.contains(".server_template(SERVER_URL, SERVER_VARIABLES)"),
        "{code}"
    );
    insta::assert_snapshot!("server_variables", code);
}

#[test]
fn parameterized_host() {
    // The AutoRest test server's custom-baseUrl-more-options.json: `useSchemePrefix: false`,
    // two inline host parameters and one shared one with a default.
    let out = generate_fixture("parameterized_host");
    let server = out.api.server.as_ref().expect("a server template");
    assert_eq!(server.template, "{vault}{secret}{dnsSuffix}");
    let vars: Vec<(&str, Option<&str>)> = server
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.default.as_deref()))
        .collect();
    assert_eq!(
        vars,
        [
            ("vault", None),
            ("secret", None),
            ("dnsSuffix", Some("host"))
        ]
    );
    insta::assert_snapshot!("parameterized_host", code(&out));
}

#[test]
fn feature_groups() {
    let out = generate_fixture("feature_groups");
    let files = common::formatted(&out);
    let text = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .text
            .clone()
    };
    let manifest = text("Cargo.toml");
    assert!(
        manifest.contains(
            "default = [\"owners\", \"pets\", \"stores\"]\nowners = []\npets = []\nstores = []\n"
        ),
        "one feature per group, all in default:\n{manifest}"
    );
    // The attribute on each model (the line above its docs), `None` for none.
    let models = text("src/models.rs");
    let cfg_of = |name: &str| -> Option<String> {
        let lines: Vec<&str> = models.lines().collect();
        let at = lines
            .iter()
            .position(|l| {
                l.starts_with(&format!("pub struct {name} "))
                    || l.starts_with(&format!("pub enum {name} "))
            })
            .unwrap_or_else(|| panic!("no model {name}"));
        let start = lines[..at]
            .iter()
            .rposition(|l| l.is_empty())
            .map_or(0, |i| i + 1);
        lines[start..at]
            .iter()
            .find(|l| l.starts_with("#[cfg"))
            .map(|l| l.to_string())
    };
    let pets = Some("#[cfg(feature = \"pets\")]".to_string());
    // Through the page, the union's variants (children), a map of Toy and Toy's enum.
    for name in ["PetList", "Pet", "Cat", "Dog", "Toy", "ToyColor"] {
        assert_eq!(cfg_of(name), pets, "{name}");
    }
    assert_eq!(
        cfg_of("Address"),
        Some("#[cfg(any(feature = \"owners\", feature = \"stores\"))]".into())
    );
    // Owner's allOf parent comes with Owner.
    assert_eq!(
        cfg_of("OwnerBase"),
        Some("#[cfg(feature = \"owners\")]".into())
    );
    // Every group needs Meta; the root operation Health; no operation names ErrorResponse.
    for name in ["Meta", "Health", "ErrorResponse"] {
        assert_eq!(cfg_of(name), None, "{name}");
    }
    let lib = text("src/lib.rs");
    assert!(lib.contains("#[cfg(feature = \"stores\")]\n    pub fn stores(&self)"));
    assert!(lib.contains("//! `owners`, `pets`, `stores`."), "{lib}");
    insta::assert_snapshot!("feature_groups", code(&out));
}

#[test]
fn pageable_range_status() {
    let out = generate_fixture("pageable_range_status");
    // The page comes with a `2XX` response and inherits its item array through allOf.
    let OperationKind::Paged {
        item,
        item_name,
        next_link_name,
        ..
    } = op(&out.api, "users.ListUser").kind.clone()
    else {
        panic!("users.ListUser is not pageable")
    };
    assert_eq!(item, TypeRef::Named("User".into()));
    assert_eq!(item_name, "value");
    assert_eq!(next_link_name.as_deref(), Some("@odata.nextLink"));
    insta::assert_snapshot!("pageable_range_status", code(&out));
}

#[test]
fn nested_schema_refs() {
    let out = generate_fixture("nested_schema_refs");
    let api = &out.api;
    // The nested schema refers to itself: one named type, reached from both places.
    let ip = field(api, "Server", "ipConfiguration").ty.clone();
    assert_eq!(field(api, "Interface", "primary").ty, ip);
    let TypeRef::Named(ip) = ip else {
        panic!("ipConfiguration is not a named type: {ip:?}")
    };
    assert_eq!(ip, "ServerIpConfiguration");
    let subnet = field(api, &format!("{ip}Properties"), "subnet").ty.clone();
    let TypeRef::Named(subnet) = subnet else {
        panic!("subnet is not a named type: {subnet:?}")
    };
    assert_eq!(
        field(api, &subnet, "ipConfigurations").ty,
        TypeRef::Vec(Box::new(TypeRef::Named(ip.clone())))
    );
    insta::assert_snapshot!("nested_schema_refs", code(&out));
}

#[test]
fn shared_inline_types() {
    let out = generate_fixture("shared_inline_types");
    let api = &out.api;
    let param = |id: &str, wire: &str| {
        op(api, id)
            .params
            .iter()
            .find(|p| p.wire_name == wire)
            .unwrap_or_else(|| panic!("{id} has no parameter {wire}"))
            .ty
            .clone()
    };
    // Identical inline enums are one type, named where first seen.
    assert_eq!(
        param("users.ListUser", "$select"),
        param("me.GetUser", "$select")
    );
    // Other values: a type of its own.
    assert_ne!(
        param("me.GetUser", "$select"),
        param("me.GetUser", "$expand")
    );
    // Identical inline unions too.
    let manager = field(api, "User", "manager").ty.clone();
    assert_eq!(field(api, "User", "assistant").ty, manager);
    let enums = api
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Enum(_)))
        .count();
    let unions = api
        .types
        .iter()
        .filter(|t| matches!(t, TypeDef::Union(_)))
        .count();
    assert_eq!((enums, unions), (2, 1));
    insta::assert_snapshot!("shared_inline_types", code(&out));
}

#[test]
fn nullable_response_bodies() {
    let out = generate_fixture("nullable_response_bodies");
    let api = &out.api;
    // `x-nullable` on the body schema, inline or on the referenced definition: `Option`.
    assert_eq!(
        op(api, "Flag_Get").response,
        ResponseShape::OptionalJson(TypeRef::Bool)
    );
    assert_eq!(
        op(api, "Widget_Get").response,
        ResponseShape::OptionalJson(TypeRef::Named("MaybeWidget".into()))
    );
    assert_eq!(
        op(api, "Widgets_List").response,
        ResponseShape::OptionalJson(TypeRef::Vec(Box::new(TypeRef::Named("Widget".into()))))
    );
    // Without it the body is the plain type.
    assert_eq!(
        op(api, "Count_Get").response,
        ResponseShape::Json(TypeRef::I64)
    );
    let code = code(&out);
    assert!(code.contains("runtime::Call<Option<bool>>"), "{code}");
    insta::assert_snapshot!("nullable_response_bodies", code);
}

#[test]
fn date_bodies() {
    let out = generate_fixture("date_bodies");
    let api = &out.api;
    assert_eq!(
        op(api, "Day_Get").response,
        ResponseShape::Json(TypeRef::Date)
    );
    // The `enum` of a date schema is an example, not a string enum.
    assert_eq!(
        op(api, "Day_GetMin").response,
        ResponseShape::Json(TypeRef::Date)
    );
    assert_eq!(
        op(api, "Moment_Get").response,
        ResponseShape::OptionalJson(TypeRef::DateTime)
    );
    let code = code(&out);
    // Responses decode through the wire codec, requests encode through it.
    assert!(
        code.contains("runtime::Call<time::Date, runtime::Via<runtime::wire::Date>>"),
        "{code}"
    );
    assert!(
        code.contains(
            "runtime::Call<Option<time::OffsetDateTime>, runtime::Via<runtime::wire::OptionalDateTime>>"
        ),
        "{code}"
    );
    assert!(
        code.contains(".json(&runtime::wire::Date(day_body))"),
        "{code}"
    );
    assert!(
        code.contains("runtime::wire::DateTime(moment_body)"),
        "{code}"
    );
    assert!(
        code.contains(".json(&runtime::wire::Rfc1123(stamp_body))"),
        "{code}"
    );
    insta::assert_snapshot!("date_bodies", code);
}

#[test]
fn file_responses() {
    let out = generate_fixture("file_responses");
    let api = &out.api;
    assert_eq!(op(api, "Files_GetPicture").response, ResponseShape::Binary);
    assert_eq!(
        op(api, "Files_GetName").response,
        ResponseShape::Json(TypeRef::String)
    );
    let code = code(&out);
    assert!(
        code.contains("runtime::Call<Vec<u8>, runtime::Binary>"),
        "{code}"
    );
    insta::assert_snapshot!("file_responses", code);
}

#[test]
fn long_enum_values() {
    let out = generate_fixture("long_enum_values");
    let TypeDef::Enum(status) = typedef(&out.api, "Status") else {
        panic!("Status is not an enum")
    };
    let names: Vec<&str> = status
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(names[0].len(), 64, "{names:?}");
    assert!(
        names[2].len() <= 64 && names[2].starts_with("ZaprosPriniat"),
        "{names:?}"
    );
    // Cut to the same 64 characters: told apart by a suffix.
    assert_eq!(names[1], format!("{}2", names[0]));
    assert_eq!(names[3], "Short");
    // The value itself is kept for the wire.
    assert!(status.variants[0]
        .wire_value
        .ends_with("unless it is cancelled first"));
    insta::assert_snapshot!("long_enum_values", code(&out));
}

#[test]
fn response_statuses() {
    let out = generate_fixture("response_statuses");
    let api = &out.api;
    let statuses = |id: &str| op(api, id).success_statuses.clone();
    // A 404 with a model of its own is an answer, so `.await` returns JSON for both bodies.
    assert_eq!(statuses("Items_Get"), Some(vec![200, 404]));
    assert_eq!(
        op(api, "Items_Get").response,
        ResponseShape::Json(TypeRef::Value)
    );
    // A declared 3xx is an answer; the call returns it.
    assert_eq!(statuses("Items_Put"), Some(vec![200, 301]));
    // `x-ms-error-response`, the `default` model and no body keep a 4xx an error.
    assert_eq!(statuses("Items_Delete"), Some(vec![204]));
    // Only `default`: no list, any 2xx.
    assert_eq!(statuses("Items_List"), None);
    let code = code(&out);
    assert!(code.contains(".statuses(&[200, 404])"), "{code}");
    insta::assert_snapshot!("response_statuses", code);
}

#[test]
fn discriminator_grandchildren() {
    let out = generate_fixture("discriminator_grandchildren");
    let TypeDef::Union(base) = typedef(&out.api, "PetError") else {
        panic!("PetError is not a union")
    };
    let variants: Vec<(Option<&str>, &str)> = base
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.rust_name.as_str()))
        .collect();
    // The grandchild is a variant of the base, tagged with its own value.
    assert_eq!(
        variants,
        [
            (Some("SadError"), "SadError"),
            (Some("hungry"), "HungryError"),
            (Some("QuietError"), "QuietError")
        ]
    );
    let wire: Vec<String> = match typedef(&out.api, "HungryError") {
        TypeDef::Struct(s) => s.fields.iter().map(|f| f.wire_name.clone()).collect(),
        _ => panic!("HungryError is not a struct"),
    };
    assert_eq!(wire, ["message", "reason", "food"]);
    // A child that adds nothing is its parent's type, in a variant named after it.
    assert_eq!(base.variants[2].ty, TypeRef::Named("SadError".into()));
    insta::assert_snapshot!("discriminator_grandchildren", code(&out));
}

#[test]
fn discriminator_subtypes() {
    let out = generate_fixture("discriminator_subtypes");
    let variants = |name: &str| -> Vec<(String, String, bool)> {
        let TypeDef::Union(u) = typedef(&out.api, name) else {
            panic!("{name} is not a union")
        };
        u.variants
            .iter()
            .map(|v| {
                let ty = match &v.ty {
                    TypeRef::Named(n) => n.clone(),
                    other => format!("{other:?}"),
                };
                (v.tag_value.clone().unwrap_or_default(), ty, v.base)
            })
            .collect()
    };
    let owned = |list: &[(&str, &str, bool)]| -> Vec<(String, String, bool)> {
        list.iter()
            .map(|(t, ty, b)| (t.to_string(), ty.to_string(), *b))
            .collect()
    };
    // A `$ref` to `Salmon` is it or what extends it; a value without the tag is a `Salmon`.
    assert_eq!(
        variants("AnySalmon"),
        owned(&[
            ("Salmon", "Salmon", true),
            ("SmartSalmon", "SmartSalmon", false)
        ])
    );
    assert_eq!(
        variants("AnyShark"),
        owned(&[
            ("Shark", "Shark", true),
            ("Sawshark", "Sawshark", false),
            ("Cookiecuttershark", "Shark", false)
        ])
    );
    // The root's union still holds every struct, not the sub-unions.
    assert_eq!(
        variants("Fish"),
        owned(&[
            ("Salmon", "Salmon", false),
            ("Shark", "Shark", false),
            ("SmartSalmon", "SmartSalmon", false),
            ("Sawshark", "Sawshark", false),
            ("Cookiecuttershark", "Shark", false)
        ])
    );
    let TypeDef::Struct(aquarium) = typedef(&out.api, "Aquarium") else {
        panic!("Aquarium is not a struct")
    };
    let types: Vec<&TypeRef> = aquarium.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::Named("AnySalmon".into()),
            &TypeRef::Vec(Box::new(TypeRef::Named("AnyShark".into()))),
            &TypeRef::Named("Fish".into()),
        ]
    );
    insta::assert_snapshot!("discriminator_subtypes", code(&out));
}

#[test]
fn formatted_values() {
    let out = generate_fixture("formatted_values");
    let api = &out.api;
    let ty = |wire: &str| field(api, "Record", wire).ty.clone();
    let vec = |t: TypeRef| TypeRef::Vec(Box::new(t));
    let map = |t: TypeRef| TypeRef::Map(Box::new(t));
    assert_eq!(ty("id"), TypeRef::Uuid);
    assert_eq!(ty("data"), TypeRef::Bytes);
    assert_eq!(ty("token"), TypeRef::Base64Url);
    assert_eq!(ty("modified"), TypeRef::DateTimeRfc1123);
    assert_eq!(ty("ttl"), TypeRef::Duration);
    assert_eq!(ty("chunks"), vec(TypeRef::Bytes));
    assert_eq!(ty("history"), vec(map(vec(TypeRef::Date))));
    let list = op(api, "Bytes_GetList");
    assert_eq!(list.response, ResponseShape::Json(vec(TypeRef::Bytes)));
    let param = |wire: &str| {
        list.params
            .iter()
            .find(|p| p.wire_name == wire)
            .unwrap_or_else(|| panic!("no parameter {wire}"))
    };
    assert_eq!(param("bytePath").ty, TypeRef::Bytes);
    assert_eq!(param("urlPath").ty, TypeRef::Base64Url);
    assert_eq!(param("since").ty, TypeRef::DateTimeRfc1123);
    let code = code(&out);
    for expected in [
        // Model fields name their codec, lifted through the collections that hold the value.
        "#[wire(codec = apigen_runtime::wire::Base64)]\n    pub data: Vec<u8>,",
        "#[wire(codec = apigen_runtime::wire::Rfc1123)]\n    pub modified: Option<time::OffsetDateTime>,",
        "#[wire(codec = Vec<apigen_runtime::wire::Base64>)]\n    pub chunks: Option<Vec<Vec<u8>>>,",
        "pub history: Option<Vec<std::collections::BTreeMap<String, Vec<time::Date>>>>,",
        // Uuids and durations are written by their own serde impls.
        "pub id: apigen_runtime::Uuid,",
        "pub ttl: Option<apigen_runtime::Duration>,",
        "pub owners: Option<Vec<apigen_runtime::Uuid>>,",
        // Responses decode through the codec; a body that may be absent through its `Option`.
        "runtime::Call<Vec<Vec<u8>>, runtime::wire::Coded<Vec<runtime::wire::Base64>, Vec<Vec<u8>>>>",
        "runtime::wire::Coded<\n            Option<std::collections::BTreeMap<String, runtime::wire::Date>>,",
        // Request bodies and parameters encode through it.
        ".json(&runtime::wire::Coded::<Vec<runtime::wire::Rfc1123>, _>::new(array_body))",
        ".json(&runtime::wire::Coded::<runtime::wire::Base64, _>::new(bytes_body))",
        "&runtime::wire::path_text(&runtime::wire::Coded::<runtime::wire::Base64, _>::new(byte_path))",
        "&runtime::wire::path_text(&runtime::wire::Coded::<runtime::wire::Base64Url, _>::new(url_path))",
        ".header(\"value\", runtime::wire::Coded::<runtime::wire::Base64, _>::new(value))",
        ".header(\"since\", runtime::wire::Rfc1123(since))",
        "runtime::wire::Delimited(runtime::wire::Coded::<Vec<runtime::wire::Date>, _>::new(days), \"|\")",
    ] {
        assert!(code.contains(expected), "missing {expected:?} in\n{code}");
    }
    insta::assert_snapshot!("formatted_values", code);
}

#[test]
fn xml_bodies() {
    let out = generate_fixture("xml_bodies");
    let api = &out.api;
    let shelf = TypeRef::Named("Shelf".into());
    assert_eq!(
        op(api, "Shelves_Get").response,
        ResponseShape::Xml {
            ty: shelf.clone(),
            root: "ShelfXml".into(),
            optional: false
        }
    );
    let body = op(api, "Shelves_Put").body.as_ref().unwrap();
    assert_eq!(body.ty, shelf);
    assert_eq!(
        body.format,
        BodyFormat::Xml {
            media: "text/xml".into(),
            root: "ShelfXml".into()
        }
    );
    // 200 with a list, 204 without: `Option`.
    assert_eq!(
        op(api, "Books_List").response,
        ResponseShape::Xml {
            ty: TypeRef::Vec(Box::new(TypeRef::Named("Book".into()))),
            root: "BooksXml".into(),
            optional: true
        }
    );
    assert_eq!(
        op(api, "Shelves_Summary").response,
        ResponseShape::Json(TypeRef::Named("Book".into()))
    );
    assert_eq!(op(api, "Notes_Put").response, ResponseShape::Text);
    let roots: Vec<(&str, &str)> = api
        .xml
        .roots
        .iter()
        .map(|r| (r.marker.as_str(), r.element.as_str()))
        .collect();
    assert_eq!(roots, [("ShelfXml", "shelf"), ("BooksXml", "books")]);
    assert_eq!(
        api.xml.roots[1].shape,
        XmlShape::List {
            item: "book".into(),
            shape: Box::new(XmlShape::Named("BOOK".into()))
        }
    );
    let shelf_shape = &api
        .xml
        .shapes
        .iter()
        .find(|s| s.name == "SHELF")
        .unwrap()
        .shape;
    let XmlShape::Object(fields) = shelf_shape else {
        panic!("Shelf is not an object: {shelf_shape:?}")
    };
    let fields: Vec<(&str, &str, XmlKind, bool)> = fields
        .iter()
        .map(|f| (f.json.as_str(), f.name.as_str(), f.kind, f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("id", "shelf-id", XmlKind::Attribute, false),
            ("note", "note", XmlKind::Text, false),
            ("count", "count", XmlKind::Element, true),
            ("open", "open", XmlKind::Element, false),
            ("tags", "Tags", XmlKind::Element, false),
            ("books", "book", XmlKind::Repeated, false),
            ("owner", "Librarian", XmlKind::Element, false),
            ("keeper", "Librarian", XmlKind::Element, false),
            ("metadata", "metadata", XmlKind::Element, false),
        ]
    );
    let code = code(&out);
    // The runtime's `xml` feature is on for this crate only.
    let manifest = &out.files.iter().find(|f| f.path == "Cargo.toml").unwrap();
    assert!(format!("{:?}", manifest.contents).contains(r#"features = [\"xml\"]"#));
    insta::assert_snapshot!("xml_bodies", code);
}

#[test]
fn nullable_items() {
    let out = generate_fixture("nullable_items");
    let api = &out.api;
    let nullable = |t: TypeRef| TypeRef::Nullable(Box::new(t));
    let vec = |t: TypeRef| TypeRef::Vec(Box::new(t));
    let map = |t: TypeRef| TypeRef::Map(Box::new(t));
    let product = TypeRef::Named("Product".into());
    let json = |id: &str| match &op(api, id).response {
        ResponseShape::Json(t) | ResponseShape::OptionalJson(t) => t.clone(),
        other => panic!("{id}: {other:?}"),
    };
    // `x-nullable` items and values are Options; others stay plain.
    assert_eq!(json("Items_GetStrings"), vec(nullable(TypeRef::String)));
    assert_eq!(json("Items_GetIntegers"), vec(TypeRef::I64));
    // `x-nullable` beside a `$ref`: that use of the definition may be null.
    assert_eq!(json("Items_GetProducts"), vec(nullable(product.clone())));
    assert_eq!(json("Items_GetLists"), map(nullable(vec(TypeRef::String))));
    assert_eq!(json("Items_GetNested"), map(map(nullable(TypeRef::String))));
    // A nullable body is an Option around the whole value.
    assert_eq!(
        op(api, "Items_GetMaybe").response,
        ResponseShape::OptionalJson(map(TypeRef::I64))
    );
    let put = op(api, "Items_PutStrings").body.as_ref().expect("a body");
    assert_eq!(put.ty, vec(nullable(TypeRef::String)));
    assert_eq!(
        field(api, "Wrapper", "tags").ty,
        vec(nullable(TypeRef::String))
    );
    assert_eq!(field(api, "Wrapper", "owners").ty, vec(nullable(product)));
    assert_eq!(
        field(api, "Wrapper", "labels").ty,
        map(nullable(TypeRef::String))
    );
    let code = code(&out);
    assert!(
        code.contains("pub tags: Option<Vec<Option<String>>>,"),
        "{code}"
    );
    // Map values that may be null keep their nulls; a null among others is a decode error, as
    // in arrays and bodies: no map drops them.
    assert!(
        code.contains("pub labels: Option<std::collections::BTreeMap<String, Option<String>>>,")
    );
    assert!(code.contains("pub scopes: Option<std::collections::BTreeMap<String, String>>,"));
    assert!(!code.contains("lenient"), "{code}");
    // A required one-value enum: its value is the Default, and an absent property reads as it.
    assert!(
        code.contains("#[wire(constant)]\n    pub kind: WrapperKind,"),
        "{code}"
    );
    assert!(code.contains("#[default]\n    Fixed,"), "{code}");
    insta::assert_snapshot!("nullable_items", code);
}

#[test]
fn nullable_items_openapi31() {
    let out = generate_fixture("nullable_items_openapi31");
    let api = &out.api;
    let nullable = |t: TypeRef| TypeRef::Nullable(Box::new(t));
    assert_eq!(
        op(api, "Scores_Get").response,
        ResponseShape::Json(TypeRef::Vec(Box::new(nullable(TypeRef::I64))))
    );
    // `anyOf: [X, {type: null}]` as a map value: an Option of X.
    assert_eq!(
        op(api, "Teams_Get").response,
        ResponseShape::Json(TypeRef::Map(Box::new(nullable(TypeRef::Named(
            "Team".into()
        )))))
    );
    assert_eq!(
        field(api, "Team", "members").ty,
        TypeRef::Vec(Box::new(nullable(TypeRef::String)))
    );
    insta::assert_snapshot!("nullable_items_openapi31", code(&out));
}

#[test]
fn parameter_grouping() {
    let out = generate_fixture("parameter_grouping");
    let api = &out.api;
    // One struct per group, AutoRest's names: the `name`, `{Group}{Method}{postfix}`,
    // `{Group}{Method}Parameters`; the named group two operations take is one type.
    let names: Vec<&str> = api
        .parameter_groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "QueryOptions",
            "TenantScope",
            "ThingsListWindow",
            "ThingsPutParameters"
        ]
    );
    let shared = &api.parameter_groups[0];
    assert_eq!(shared.operations, ["Things_List", "Things_DeleteAll"]);
    assert!(!shared.is_required());
    let put_group = &api.parameter_groups[3];
    let fields: Vec<(&str, bool)> = put_group
        .fields
        .iter()
        .map(|f| (f.rust_name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [
            ("thing_name", true),
            ("x_trace", false),
            ("count", false),
            ("body", true)
        ]
    );
    // A group with a required field is the method's argument (the body in it too); the
    // ungrouped optional parameter stays a builder setter.
    let put = op(api, "Things_Put");
    assert_eq!(put.positional().count(), 0);
    assert!(put.body.as_ref().unwrap().grouped);
    assert_eq!(put.required_groups().count(), 1);
    let optional: Vec<&str> = put.optional().map(|p| p.rust_name.as_str()).collect();
    assert_eq!(optional, ["force"]);
    let list = op(api, "Things_List");
    let setters: Vec<&str> = list
        .optional_groups()
        .map(|g| g.rust_name.as_str())
        .collect();
    assert_eq!(setters, ["query_options", "things_list_window"]);
    assert_eq!(list.optional().count(), 0, "no per-field setters");
    // A next operation taking the paged operation's group gets the caller's, cloned.
    let OperationKind::Paged {
        next_operation: Some(next),
        ..
    } = &op(api, "Pages_List").kind
    else {
        panic!("Pages_List is paged with a next operation");
    };
    assert_eq!(
        next.args,
        [
            NextArgument::NextLink,
            NextArgument::Group("tenant_scope".into())
        ]
    );
    let code = code(&out);
    assert!(code.contains("pub struct QueryOptions"), "{code}");
    insta::assert_snapshot!("parameter_grouping", code);
}

#[test]
fn required_defaults() {
    let out = generate_fixture("required_defaults");
    let get = op(&out.api, "Reports_Get");
    // Required with a default: a builder setter sending the default unless set. A path
    // parameter stays an argument (the URL needs it), as does one without a default.
    let roles: Vec<(&str, &ParamRole)> = get
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), &p.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("reportId", &ParamRole::Positional),
            ("format", &ParamRole::Defaulted("pdf".into())),
            ("pageSize", &ParamRole::Defaulted("30".into())),
            ("x-region", &ParamRole::Defaulted("west".into())),
            ("owner", &ParamRole::Positional),
        ]
    );
    insta::assert_snapshot!("required_defaults", code(&out));
}

/// The wire names of an operation's parameters, in order.
fn param_names(op: &Operation) -> Vec<&str> {
    op.params.iter().map(|p| p.wire_name.as_str()).collect()
}

#[test]
fn path_query_strings() {
    let out = generate_fixture("path_query_strings");
    let api = &out.api;
    // A pair that a query parameter sends leaves the template.
    let search = op(api, "searchArticles");
    assert_eq!(search.path, "/search/articles");
    assert_eq!(param_names(search), ["query", "page"]);
    // A declared path parameter in the query part is filled as any placeholder.
    assert_eq!(
        op(api, "exportHistory").path,
        "/history/export?filename={filename}"
    );
    // A placeholder declared nowhere is a required String path parameter.
    let upload = op(api, "upload");
    assert_eq!(upload.path, "/uploads?convert={convert}");
    let convert = &upload.params[0];
    assert_eq!(
        (
            convert.wire_name.as_str(),
            convert.location,
            &convert.ty,
            &convert.role
        ),
        (
            "convert",
            ParamLocation::Path,
            &TypeRef::String,
            &ParamRole::Positional
        )
    );
    // One parameter, two placeholders: the runtime gets its value for each.
    let fabric = op(api, "getFabricLocation");
    let args: Vec<&str> = fabric
        .path_args()
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(args, ["location", "provider", "location"]);
    // A literal pair stays; the runtime sends it.
    assert_eq!(
        op(api, "getContainer").path,
        "/containers/{name}?restype=container"
    );
    insta::assert_snapshot!("path_query_strings", code(&out));
}

#[test]
fn refs_into_paths() {
    let out = generate_fixture("refs_into_paths");
    let api = &out.api;
    let get = op(api, "getKey");
    // The parameter and header are another operation's, read where they are declared.
    assert_eq!(param_names(get), ["id", "per_page"]);
    assert_eq!(get.params[1].ty, TypeRef::I64);
    assert!(
        get.response_headers
            .iter()
            .any(|(h, _)| h == "ratelimit-remaining"),
        "{:?}",
        get.response_headers
    );
    assert!(
        matches!(&get.response, ResponseShape::Json(TypeRef::Named(_))),
        "{:?}",
        get.response
    );
    insta::assert_snapshot!("refs_into_paths", code(&out));
}

#[test]
fn pageable_next_link_not_a_string() {
    let out = generate_fixture("pageable_next_link_not_a_string");
    let api = &out.api;
    for id in ["Domains_List", "Keys_List"] {
        assert!(
            matches!(op(api, id).kind, OperationKind::Plain),
            "{id}: {:?}",
            op(api, id).kind
        );
    }
    assert!(
        out.api
            .skipped
            .iter()
            .any(|s| s.contains("`nextLinkName` is neither a string nor null")),
        "{:?}",
        out.api.skipped
    );
    insta::assert_snapshot!("pageable_next_link_not_a_string", code(&out));
}

#[test]
fn null_enum() {
    let out = generate_fixture("null_enum");
    let api = &out.api;
    // `enum: [null]` allows only null: no Rust enum of strings, free-form JSON.
    assert!(api.types.iter().all(|t| t.name() != "NullEnum"));
    assert_eq!(field(api, "Document", "nothing").ty, TypeRef::Value);
    assert!(
        field(api, "Document", "source").nullable || !field(api, "Document", "source").required
    );
    insta::assert_snapshot!("null_enum", code(&out));
}

#[test]
fn recursive_array_alias() {
    let out = generate_fixture("recursive_array_alias");
    let api = &out.api;
    let ResponseShape::Json(TypeRef::Vec(item)) = &op(api, "getOrderItems").response else {
        panic!("{:?}", op(api, "getOrderItems").response)
    };
    let TypeRef::Named(item) = item.as_ref() else {
        panic!("{item:?}")
    };
    // The alias's reference to itself, inside its item struct, is free-form JSON.
    assert_eq!(field(api, item, "Items").ty, TypeRef::Value);
    assert_eq!(field(api, item, "Name").ty, TypeRef::String);
    insta::assert_snapshot!("recursive_array_alias", code(&out));
}

#[test]
fn empty_request_body() {
    let out = generate_fixture("empty_request_body");
    let subscribe = op(&out.api, "subscribe");
    assert!(subscribe.body.is_none());
    assert_eq!(param_names(subscribe), ["channel"]);
    insta::assert_snapshot!("empty_request_body", code(&out));
}

#[test]
fn discriminator_repeated_member() {
    let out = generate_fixture("discriminator_repeated_member");
    let TypeDef::Union(event) = typedef(&out.api, "Event") else {
        panic!("Event is not a union")
    };
    let tags: Vec<Option<&str>> = event
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref())
        .collect();
    assert_eq!(tags, [Some("any"), Some("custom"), Some("message.new")]);
    insta::assert_snapshot!("discriminator_repeated_member", code(&out));
}

#[test]
fn xml_map_body() {
    let out = generate_fixture("xml_map_body");
    let code = code(&out);
    // The shapes use `Leaf` alone: the glob keeps `-D warnings` builds clean (fixtures_compile).
    assert!(code.contains("use apigen_runtime::xml::*;"), "{code}");
    assert!(
        code.contains("Shape::Map(&Shape::Text(Leaf::String))"),
        "{code}"
    );
    insta::assert_snapshot!("xml_map_body", code);
}

#[test]
fn builder_method_names() {
    let out = generate_fixture("builder_method_names");
    // A setter named like a builder method (`new`, `options`, `send`, `into_call`) would be
    // defined twice (E0592); the parameters keep their wire names.
    let list = op(&out.api, "listPeople");
    let names: Vec<(&str, &str)> = list
        .optional()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("new", "new2"),
            ("options", "options2"),
            ("send", "send2"),
            ("into_call", "into_call2")
        ]
    );
    let code = code(&out);
    assert!(code.contains(r#".query("new", new2)"#), "{code}");
    insta::assert_snapshot!("builder_method_names", code);
}

#[test]
fn discriminator_wrapper_chain() {
    // SpellCheck: `Answer` wraps `Response`, which wraps the sub-base `Identifiable`. Each
    // wrapper is a variant holding the struct at the end of the chain; before, resolving
    // `Answer` resolved the union being built again (a false $ref cycle).
    let out = generate_fixture("discriminator_wrapper_chain");
    let code = code(&out);
    assert!(code.contains("pub enum AnyIdentifiable"), "{code}");
    assert!(code.contains("Answer(Identifiable)"), "{code}");
    assert!(code.contains("SpellCheck(SpellCheck)"), "{code}");
    insta::assert_snapshot!("discriminator_wrapper_chain", code);
}
