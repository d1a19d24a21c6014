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
    // The display form users see: `file#/pointer: message`.
    assert_eq!(
        err.to_string(),
        format!("tests/fixtures/errors/{file}#{pointer}: {}", err.message)
    );
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
        "/definitions/Good/properties/bad/format",
        &["unknown format `int128` for type `integer`"],
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
fn inline_ref_cycle() {
    // $refs to properties (not definitions) are inlined, so a loop would never end.
    assert_error(
        "inline_ref_cycle.json",
        "inline_ref_cycle.json",
        "/definitions/A/properties/x/$ref",
        &["`#/definitions/A/properties/y` is part of a cycle of references"],
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
fn unknown_integer_format() {
    assert_error(
        "unknown_format.json",
        "unknown_format.json",
        "/definitions/A/properties/x/format",
        &["unknown format `int128` for type `integer`"],
    );
}

#[test]
fn unknown_string_format() {
    assert_error(
        "unknown_string_format.json",
        "unknown_string_format.json",
        "/definitions/A/properties/x/format",
        &["unknown format `date-tim` for type `string`"],
    );
}

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
fn missing_operation_id() {
    assert_error(
        "missing_operation_id.json",
        "missing_operation_id.json",
        "/paths/~1things/get",
        &["operation has no operationId"],
    );
}

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
fn template_placeholder_without_a_parameter() {
    assert_error(
        "template_param_not_declared.json",
        "template_param_not_declared.json",
        "/paths/~1things~1{thingId}/get",
        &["`/things/{thingId}` has 1 placeholders but 0 path parameters"],
    );
}

#[test]
fn pageable_without_the_item_array() {
    assert_error(
        "pageable_missing_item.json",
        "pageable_missing_item.json",
        "/paths/~1things/get/x-ms-pageable",
        &["page type `Page` has no array property `items`"],
    );
}

#[test]
fn discriminator_without_children() {
    assert_error(
        "discriminator_without_children.json",
        "discriminator_without_children.json",
        "/definitions/Shape/discriminator",
        &["discriminator `kind` but no schema extends `Shape`"],
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
