//! Malformed specs: every failure is an `Err` (never a panic) that names the spec file and the
//! JSON pointer of the offending item exactly, with a message that says what is wrong.

mod common;

use common::generate_err;

/// Runs the pipeline on `input` (under `tests/fixtures/errors/`), expecting an error at
/// `file#pointer` (file also under `tests/fixtures/errors/`) whose message contains every
/// string of `message`.
#[track_caller]
fn assert_error(input: &str, file: &str, pointer: &str, message: &[&str]) {
    let err = generate_err(&[&format!("errors/{input}")]);
    let location = err
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("error without a location: {err}"));
    assert_eq!(
        (location.file.to_str().unwrap(), location.pointer.as_str()),
        (format!("tests/fixtures/errors/{file}").as_str(), pointer),
        "wrong location for: {err}"
    );
    for part in message {
        assert!(err.message.contains(part), "message lacks {part:?}: {err}");
    }
    // The display form users see: `file#/pointer: message`, and the rule an invalid spec
    // breaks.
    let rule = err
        .rule
        .as_ref()
        .map_or(String::new(), |r| format!("{}{r}", apigen::BREAKS));
    assert_eq!(
        err.to_string(),
        format!(
            "tests/fixtures/errors/{file}#{pointer}: {}{rule}",
            err.message
        )
    );
}

/// [`assert_error`] for a spec that breaks the standard: the error names the rule.
fn assert_invalid(input: &str, pointer: &str, message: &[&str], rule: &str) {
    assert_error(input, input, pointer, message);
    let err = generate_err(&[&format!("errors/{input}")]);
    let named = err
        .rule
        .as_deref()
        .unwrap_or_else(|| panic!("no rule named: {err}"));
    assert!(named.contains(rule), "rule {named:?} lacks {rule:?}");
}

// ---- $ref ----

#[test]
fn ref_to_a_missing_file() {
    assert_error(
        "service/missing_file.json",
        "service/missing_file.json",
        "/definitions/A/properties/x/$ref",
        &[
            "tests/fixtures/errors/common/missing.json",
            "cannot be read",
        ],
    );
}

#[test]
fn ref_to_a_missing_pointer() {
    assert_error(
        "missing_pointer.json",
        "missing_pointer.json",
        "/definitions/A/properties/x/$ref",
        &[
            "`#/definitions/Nope` does not resolve",
            "nothing at `/definitions/Nope`",
        ],
    );
}

#[test]
fn ref_to_a_missing_pointer_in_another_file() {
    assert_error(
        "service/missing_pointer_other_file.json",
        "service/missing_pointer_other_file.json",
        "/definitions/A/properties/x/$ref",
        &[
            "`../common/types.json#/definitions/Nope` does not resolve",
            "tests/fixtures/errors/common/types.json has nothing at `/definitions/Nope`",
        ],
    );
}

#[test]
fn error_inside_an_imported_definition_names_its_own_file() {
    assert_error(
        "service/error_in_other_file.json",
        "common/types.json",
        "/definitions/Good/properties/bad/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn ref_fragment_that_is_not_a_pointer() {
    assert_error(
        "bad_fragment.json",
        "bad_fragment.json",
        "/definitions/A/properties/x/$ref",
        &["`#definitions/A`", "not a JSON pointer"],
    );
}

#[test]
fn ref_that_is_not_a_string() {
    assert_error(
        "ref_not_string.json",
        "ref_not_string.json",
        "/definitions/A/properties/x/$ref",
        &["$ref must be a string"],
    );
}

// ---- $ref confinement ----

#[test]
fn ref_to_an_absolute_path_is_refused() {
    assert_error(
        "ref_absolute.json",
        "ref_absolute.json",
        "/definitions/A/properties/x/$ref",
        &[
            "$ref points to /etc/passwd, outside the folders references may reach",
            "--allow-ref-root",
        ],
    );
}

#[test]
fn ref_that_climbs_out_of_the_allowed_tree_is_refused() {
    // The tests allow `tests/fixtures`; `../../../Cargo.toml` is the generator's manifest.
    assert_error(
        "ref_escapes_the_tree.json",
        "ref_escapes_the_tree.json",
        "/definitions/A/properties/x/$ref",
        &[
            "$ref points to Cargo.toml, outside the folders references may reach",
            "tests/fixtures",
        ],
    );
}

#[test]
fn ref_to_a_sibling_folder_needs_an_allowed_root() {
    // By default only the input's own folder tree is reachable: `../common` is not.
    let input = "errors/service/missing_pointer_other_file.json";
    let mut config = common::config(&[input]);
    config.load = apigen::LoadOptions::default();
    let err = apigen::generate(&config).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "tests/fixtures/{input}#/definitions/A/properties/x/$ref: $ref points to \
             tests/fixtures/errors/common/types.json, outside the folders references may reach \
             ({}); to allow it, pass `--allow-ref-root <folder>` (library: \
             `LoadOptions::allow_ref_roots`)",
            std::fs::canonicalize("tests/fixtures/errors/service")
                .unwrap()
                .display()
        )
    );
    // Allowing the parent folder lets the reference through to the next problem.
    config.load.allow_ref_roots = vec!["tests/fixtures/errors".into()];
    let err = apigen::generate(&config).unwrap_err();
    assert!(err.message.contains("does not resolve"), "{err}");
}

#[test]
fn remote_ref_is_refused_with_what_to_do() {
    assert_error(
        "ref_remote.json",
        "ref_remote.json",
        "/definitions/A/properties/x/$ref",
        &[
            "$ref `https://example.com/specs/types.json#/definitions/A` is a remote reference",
            "download the file into the spec folder and refer to it by a relative path",
        ],
    );
}

#[test]
fn error_inside_a_referenced_nested_schema_names_the_target_file() {
    // A `$ref` to a property's schema (not a definition) imports it; its errors are in the
    // target file.
    assert_error(
        "service/inline_ref_other_file.json",
        "common/nested_types.json",
        "/definitions/Good/properties/bad/type",
        &["`type` must be a string"],
    );
}

// ---- errors name the user's file, not the merged document ----

#[test]
fn top_level_produces_that_is_a_number() {
    assert_error(
        "produces_number.json",
        "produces_number.json",
        "/produces",
        &["expected an array of strings"],
    );
}

#[test]
fn operation_produces_that_is_a_number() {
    assert_error(
        "operation_produces_number.json",
        "operation_produces_number.json",
        "/paths/~1things/get/produces",
        &["expected an array of strings"],
    );
}

#[test]
fn operation_id_that_is_a_number() {
    // Found by deserialising `openapiv3`, whose flattened path items hide serde's path.
    assert_error(
        "operation_id_number.json",
        "operation_id_number.json",
        "/paths/~1things/get/operationId",
        &["invalid type: integer `5`, expected a string"],
    );
}

#[test]
fn error_in_a_response_schema_names_the_swagger_schema() {
    // Converted to `responses/200/content/<media>/schema`; reported where the user wrote it.
    assert_error(
        "response_schema_client_name.json",
        "response_schema_client_name.json",
        "/paths/~1things/get/responses/200/schema/properties/x/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn error_in_a_parameter_after_the_body_keeps_its_index() {
    // The body parameter leaves the list, so `q` is parameter 0 of the converted operation.
    assert_error(
        "parameter_after_body_client_name.json",
        "parameter_after_body_client_name.json",
        "/paths/~1things/put/parameters/1/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn error_in_a_body_schema_names_the_body_parameter() {
    assert_error(
        "body_schema_client_name.json",
        "body_schema_client_name.json",
        "/paths/~1things/put/parameters/1/schema/properties/x/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn error_in_an_openapi3_body_schema() {
    assert_error(
        "openapi3_body_schema_client_name.json",
        "openapi3_body_schema_client_name.json",
        "/paths/~1things/put/requestBody/content/application~1json/schema/properties/x/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn error_in_a_shared_parameter_names_the_shared_parameter() {
    assert_error(
        "shared_parameter_client_name.json",
        "shared_parameter_client_name.json",
        "/parameters/Q/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

// ---- nesting ----

/// Writes `text` to a file of the test's temporary folder and runs the pipeline on it.
fn generate_text_err(name: &str, text: &str) -> (std::path::PathBuf, apigen::Error) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    let mut config = common::config(&[]);
    config.inputs = vec![path.clone()];
    let err = apigen::generate(&config).unwrap_err();
    (path, err)
}

const HEADER: &str =
    "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A: ";

/// Runs the pipeline on `text` and expects an error about the file as a whole whose message
/// starts with `message`.
#[track_caller]
fn assert_text_refused(name: &str, text: &str, message: &str) {
    let (path, err) = generate_text_err(name, text);
    assert_eq!(
        err.location,
        Some(apigen::Location::new(&path, "")),
        "{err}"
    );
    assert!(err.message.starts_with(message), "{err}");
}

#[test]
fn deep_yaml_flow_nesting_is_refused_early() {
    // 75,000 levels took serde_yaml over 30 s to refuse; the pre-scan stops at level 129.
    for (name, open, close) in [("flow_seq.yaml", "[", "]"), ("flow_map.yaml", "{a: ", "}")] {
        let text = format!("{HEADER}{}1{}\n", open.repeat(75_000), close.repeat(75_000));
        // `  A: ` takes five columns; the 129th collection opens after 128 openers.
        let column = 6 + 128 * open.len();
        let message = format!(
            "invalid YAML: flow collections nested deeper than 128 levels at line 5 column {column}"
        );
        assert_text_refused(name, &text, &message);
    }
}

#[test]
fn deep_yaml_block_nesting_is_refused() {
    let text = format!("{HEADER}\n    {}x\n", "- ".repeat(20_000));
    let message = "invalid YAML: recursion limit exceeded at line 6";
    assert_text_refused("block.yaml", &text, message);
}

#[test]
fn deep_json_nesting_is_refused() {
    let text = format!(
        r#"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{}}, "x": {}{}}}"#,
        "[".repeat(75_000),
        "]".repeat(75_000)
    );
    let message = "invalid JSON: recursion limit exceeded at line 1";
    assert_text_refused("deep.json", &text, message);
}

/// Rungs `"l0"`..`"l{rungs}"`, each an object whose properties refer to the next rung (at
/// `{prefix}l{i}`) `fan_out` times; the last is a string.
fn rungs(rungs: usize, fan_out: usize, prefix: &str) -> String {
    let mut properties = Vec::new();
    for i in 0..rungs {
        let next = format!(r#"{{"$ref": "{prefix}l{}"}}"#, i + 1);
        let refs: Vec<String> = (0..fan_out).map(|k| format!(r#""p{k}": {next}"#)).collect();
        properties.push(format!(
            r#""l{i}": {{"properties": {{{}}}}}"#,
            refs.join(", ")
        ));
    }
    properties.push(format!(r#""l{rungs}": {{"type": "string"}}"#));
    properties.join(", ")
}

/// A ladder of rungs under an extension, reached from the definition `A`: references to
/// anything but a schema container or a schema nested in one are inlined.
fn ladder(rungs_: usize, fan_out: usize) -> String {
    format!(
        r##"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{}},
            "definitions": {{"A": {{"properties": {{"l0": {{"$ref": "#/x-ladder/l0"}}}}}}}},
            "x-ladder": {{{}}}}}"##,
        rungs(rungs_, fan_out, "#/x-ladder/")
    )
}

/// The same ladder inside the definition `A` itself: each rung is a schema nested in `A`.
fn schema_ladder(rungs_: usize, fan_out: usize) -> String {
    format!(
        r#"{{"swagger": "2.0", "info": {{"title": "T", "version": "1"}}, "paths": {{}},
            "definitions": {{"A": {{"properties": {{{}}}}}}}}}"#,
        rungs(rungs_, fan_out, "#/definitions/A/properties/")
    )
}

#[test]
fn references_to_nested_schemas_make_one_type_each() {
    // The bomb and the chain below, written with schemas nested in `A`: a `$ref` to a nested
    // schema makes it a named type, so neither copies nor nests anything.
    for (name, rungs, fan_out) in [("schema_bomb.json", 40, 2), ("schema_chain.json", 3_000, 1)] {
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::write(&path, schema_ladder(rungs, fan_out)).unwrap();
        let mut config = common::config(&[]);
        config.inputs = vec![path];
        let out = apigen::generate(&config).unwrap_or_else(|e| panic!("{name}: {e}"));
        // `A` and a struct for each rung that has properties.
        assert_eq!(out.api.types.len(), rungs + 1, "{name}");
    }
}

#[test]
fn reference_bomb_is_refused() {
    // 40 rungs of two references each would inline 2^40 copies: it hung before.
    let (path, err) = generate_text_err("bomb.json", &ladder(40, 2));
    let location = err.location.clone().unwrap();
    assert_eq!(location.file, path, "{err}");
    assert!(location.pointer.ends_with("/$ref"), "{err}");
    assert!(
        err.message
            .contains("inlining references would copy more than 100000 nodes"),
        "{err}"
    );
}

#[test]
fn long_chain_of_inlined_references_is_refused() {
    // Each rung nests the next inside it: 3,000 rungs made a document 9,000 levels deep.
    let (path, err) = generate_text_err("chain.json", &ladder(3_000, 1));
    assert_eq!(
        err.location,
        Some(apigen::Location::new(&path, "/x-ladder/l126/properties")),
        "{err}"
    );
    assert!(
        err.message
            .contains("nests deeper than 256 levels here, through inlined $refs"),
        "{err}"
    );
}

// ---- cycles ----

#[test]
fn alias_chain_cycle() {
    // A: {$ref B}, B: {$ref A}: no type can come out of it.
    assert_error(
        "alias_cycle.json",
        "alias_cycle.json",
        "/definitions/B/$ref",
        &[
            "schema `A` is defined only in terms of itself",
            "A -> B -> A",
        ],
    );
}

#[test]
fn allof_cycle() {
    assert_error(
        "allof_cycle.json",
        "allof_cycle.json",
        "/definitions/B/allOf/0",
        &["allOf cycle: `A` inherits from itself", "A -> B -> A"],
    );
}

#[test]
fn nested_schema_ref_cycle() {
    // $refs to properties' schemas make them named schemas; two that are only each other
    // describe no value.
    assert_error(
        "inline_ref_cycle.json",
        "inline_ref_cycle.json",
        "/definitions/A/properties/y/$ref",
        &[
            "schema `A_x` is defined only in terms of itself",
            "A_x -> A_y -> A_x",
        ],
    );
}

// ---- keywords of the wrong JSON type ----

#[test]
fn type_that_is_a_number() {
    assert_error(
        "type_number.json",
        "type_number.json",
        "/definitions/A/properties/x/type",
        &["`type` must be a string"],
    );
    let err = generate_err(&["errors/type_number.json"]);
    assert!(err.to_string().contains("the spec breaks the OpenAPI Schema Object rule \"the value of `type` MUST be a string\""), "{err}");
}

#[test]
fn type_that_is_unknown() {
    assert_error(
        "type_unknown.json",
        "type_unknown.json",
        "/definitions/A/properties/x/type",
        &["unknown type `strin`"],
    );
}

#[test]
fn openapi3_type_that_is_a_number() {
    assert_error(
        "openapi3_type_number.json",
        "openapi3_type_number.json",
        "/components/schemas/A/properties/x/type",
        &["`type` must be a string"],
    );
}

#[test]
fn schema_required_that_is_a_string() {
    assert_error(
        "required_string.json",
        "required_string.json",
        "/definitions/A/required",
        &["expected an array of strings"],
    );
}

#[test]
fn parameter_required_that_is_a_string() {
    assert_error(
        "param_required_string.json",
        "param_required_string.json",
        "/paths/~1things/get/parameters/0/required",
        &["`required` must be a boolean"],
    );
}

#[test]
fn properties_that_is_an_array() {
    assert_error(
        "properties_array.json",
        "properties_array.json",
        "/definitions/A/properties",
        &["expected a JSON object"],
    );
}

// ---- unknown values ----

#[test]
fn unknown_parameter_location() {
    assert_error(
        "unknown_in.json",
        "unknown_in.json",
        "/paths/~1things/get/parameters/0/in",
        &["unknown parameter location `somewhere`"],
    );
}

#[test]
fn unknown_final_state_via() {
    assert_error(
        "unknown_final_state.json",
        "unknown_final_state.json",
        "/paths/~1things/put/x-ms-long-running-operation-options/final-state-via",
        &["unknown final-state-via `somewhere`"],
    );
}

// ---- Azure extensions of the wrong shape, at the place the user wrote them ----

#[test]
fn long_running_flag_that_is_a_number() {
    assert_error(
        "xms_long_running_number.json",
        "xms_long_running_number.json",
        "/paths/~1things/put/x-ms-long-running-operation",
        &[
            "malformed `x-ms-long-running-operation`",
            "invalid type: integer `5`, expected a boolean",
        ],
    );
}

#[test]
fn parameter_location_after_the_body_keeps_its_index() {
    // convert drops the body parameter from `parameters`: the query parameter moves to index 0.
    assert_error(
        "xms_parameter_location_after_body.json",
        "xms_parameter_location_after_body.json",
        "/paths/~1things/put/parameters/1/x-ms-parameter-location",
        &[
            "malformed `x-ms-parameter-location`",
            "unknown variant `nowhere`",
        ],
    );
}

#[test]
fn body_client_name_names_the_body_parameter() {
    // The body parameter becomes `requestBody`, which keeps its extensions.
    assert_error(
        "xms_body_client_name_number.json",
        "xms_body_client_name_number.json",
        "/paths/~1things/put/parameters/1/x-ms-client-name",
        &[
            "malformed `x-ms-client-name`",
            "invalid type: integer `5`, expected a string",
        ],
    );
}

#[test]
fn shared_parameter_client_name_names_the_shared_parameter() {
    assert_error(
        "xms_shared_parameter_client_name.json",
        "xms_shared_parameter_client_name.json",
        "/parameters/Q/x-ms-client-name",
        &["malformed `x-ms-client-name`", "expected a string"],
    );
}

#[test]
fn enum_value_name_names_the_definition_entry() {
    // Inside the extension, the pointer goes down to the value at fault.
    assert_error(
        "xms_enum_value_name_number.json",
        "xms_enum_value_name_number.json",
        "/definitions/Color/x-ms-enum/values/0/name",
        &[
            "malformed `x-ms-enum`",
            "invalid type: integer `5`, expected a string",
        ],
    );
}

// ---- unparsable or foreign documents ----

#[test]
fn invalid_json() {
    assert_error(
        "invalid.json",
        "invalid.json",
        "",
        &["invalid JSON", "line 6 column 0"],
    );
}

#[test]
fn invalid_yaml() {
    assert_error(
        "invalid.yaml",
        "invalid.yaml",
        "",
        &["invalid YAML", "line 6 column 7"],
    );
}

#[test]
fn not_a_spec() {
    assert_error(
        "not_a_spec.json",
        "not_a_spec.json",
        "",
        &["neither `swagger` nor `openapi` is set"],
    );
}

#[test]
fn unsupported_swagger_version() {
    assert_error(
        "swagger_version.json",
        "swagger_version.json",
        "/swagger",
        &["unsupported Swagger version \"1.2\""],
    );
}

#[test]
fn missing_input_file() {
    let err = generate_err(&["errors/service"]);
    assert!(
        err.message.contains("tests/fixtures/errors/service"),
        "{err}"
    );
}

// ---- operations ----

#[test]
fn path_parameter_not_in_the_template() {
    assert_error(
        "path_param_not_in_template.json",
        "path_param_not_in_template.json",
        "/paths/~1things~1{thingId}/get",
        &["path parameter `id` does not appear in `/things/{thingId}`"],
    );
}

#[test]
fn pattern_that_is_a_number_breaks_the_schema_object_rule() {
    // api.video: `pattern: 0`.
    assert_invalid(
        "openapi3_pattern_number.json",
        "/components/schemas/A/properties/x/pattern",
        &["`pattern` must be a string"],
        "the value of `pattern` MUST be a string",
    );
}

#[test]
fn type_that_is_an_object_breaks_the_schema_object_rule() {
    // codat accounting: a `$ref` to `definitions/itemType`, a map of properties, not a schema.
    assert_invalid(
        "openapi3_type_object.json",
        "/components/schemas/Item/definitions/itemType/type",
        &["`type` must be a string"],
        "the value of `type` MUST be a string",
    );
}

#[test]
fn schema_ref_to_a_response_breaks_the_reference_object_rule() {
    // rumble.run: a response's schema is `$ref: #/components/responses/StatusMessage`.
    assert_invalid(
        "openapi3_schema_ref_to_response.json",
        "/paths/~1things/get/responses/200/content/application~1json/schema",
        &["$ref `#/components/responses/Status` must point to #/components/schemas/"],
        "a schema's `$ref` points to a Schema Object",
    );
}

// (Stage-by-stage error tests are unit tests: src/stage_tests.rs.)

#[test]
fn every_malformed_fixture_fails_without_panicking() {
    // Belt and braces over the tests above: any fixture added later is covered too.
    let dir = std::path::Path::new("tests/fixtures/errors");
    let mut inputs = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("service")] {
        for entry in std::fs::read_dir(&sub).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                inputs.push(path);
            }
        }
    }
    assert!(inputs.len() >= 25);
    for input in inputs {
        let rel = input
            .strip_prefix("tests/fixtures")
            .unwrap()
            .to_str()
            .unwrap();
        let result = std::panic::catch_unwind(|| apigen::generate(&common::config(&[rel])));
        match result {
            Ok(Err(e)) => assert!(e.location.is_some(), "{rel}: no location: {e}"),
            Ok(Ok(_)) => panic!("{rel} is malformed but generated"),
            Err(_) => panic!("{rel}: the generator panicked"),
        }
    }
}

#[test]
fn openapi31_errors_name_the_pointer_the_user_wrote() {
    // `prefixItems/0` becomes `items` in the 3.0 shape; the error still names `prefixItems/0`.
    let spec = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "components": {"schemas": {"A": {"type": "array", "prefixItems": [{"type": 5}]}}}}"#;
    let (path, err) = generate_text_err("prefix_items.json", spec);
    assert_eq!(
        err.location,
        Some(apigen::Location::new(
            &path,
            "/components/schemas/A/prefixItems/0/type"
        )),
        "{err}"
    );
    let spec = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "components": {"schemas": {"A": {"type": ["string", 3]}}}}"#;
    let (path, err) = generate_text_err("type_array.json", spec);
    assert_eq!(
        err.location,
        Some(apigen::Location::new(&path, "/components/schemas/A/type/1")),
        "{err}"
    );
}

#[test]
fn parameter_group_fields_must_agree_across_operations() {
    // `options` is one type: the second operation's `top` cannot be a string.
    assert_error(
        "parameter_group_conflict.json",
        "parameter_group_conflict.json",
        "/paths/~1b/get/parameters/0",
        &[
            "parameter group `Options`",
            "field `top` of another type",
            "`Things_A`",
        ],
    );
}
