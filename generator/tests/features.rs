//! One small fixture spec per feature the ApiManagement spec (and ARM specs in general) needs;
//! each test snapshots the generated Rust files, so a pull request shows what a generator change
//! does to the code users get. Specific facts are asserted as well, so a test fails for the
//! right reason and not only on snapshot drift.

mod common;

use apigen::ir::{
    BodyFormat, FinalState, HttpMethod, Operation, OperationKind, ParamLocation, ParamRole,
    ParamStyle, ResponseShape, TypeDef, TypeRef,
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
    assert_eq!(api.api_version, "3.0-preview");
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
    assert_eq!(style("If-Modified-Since"), ParamStyle::Rfc1123);
    assert_eq!(style("start"), ParamStyle::Plain);
    let code = code(&out);
    for expected in [
        // Path values go through the runtime, which joins a path array with commas.
        "&runtime::wire::path_text(&days)",
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
    // A PUT/POST ends in the resource even though its 202 has no body; a DELETE ends empty.
    let service = ResponseShape::Json(TypeRef::Named("Service".into()));
    assert_eq!(op(api, "Services_CreateOrUpdate").response, service);
    assert_eq!(op(api, "Services_Backup").response, service);
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
    assert_eq!(shape.tag, "kind");
    assert_eq!(
        shape.variants,
        [
            ("circle".to_string(), "Circle".to_string()),
            ("Square".to_string(), "Square".to_string())
        ]
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
    assert_eq!(ty("whenRfc1123"), TypeRef::DateTime);
    assert_eq!(ty("day"), TypeRef::Date);
    for s in ["timeout", "uuid", "bytes", "blob", "link", "uri"] {
        assert_eq!(ty(s), TypeRef::String, "{s}");
    }
    let code = code(&out);
    assert!(code.contains("#[wire(date_time)]\n    pub when: time::OffsetDateTime,"));
    assert!(code.contains("#[wire(date)]\n    pub day: Option<time::Date>,"));
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
    assert_eq!(ids, ["listPets", "showPetById"]);
    assert_eq!(op(api, "listPets").optional().count(), 1);
    let code = code(&out);
    // lib.rs builds the builder defined in operations/, so its call field is crate-visible
    // (private, `client.list_pets()` failed with E0603); group builders stay private.
    assert!(code.contains("pub struct ListPets(pub(crate) runtime::Call<Vec<models::Pet>>);"));
    assert!(code.contains("operations::ListPets(self.runtime.request("));
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
