//! The conformance harness itself: a difference or a wrong request must fail a case.
#![cfg(feature = "testing")]

use apigen_runtime::testing::{diff, Params};
use serde_json::json;

#[test]
fn diff_lists_every_difference_by_pointer() {
    let expected = json!({"name": "a", "n": 1, "when": "2017-06-12T00:00:00Z", "gone": null, "list": [1, 2], "o": {"x/y": true}});
    let same = json!({"name": "a", "n": 1.0, "when": "2017-06-12T00:00:00.000Z", "list": [1, 2], "o": {"x/y": true}});
    let mut out = Vec::new();
    diff("", &expected, &same, &mut out);
    assert!(
        out.is_empty(),
        "equal up to number form, date format and null-vs-absent: {out:?}"
    );

    let other = json!({"name": "b", "n": 2, "when": "2017-06-12T00:00:01Z", "list": [1], "o": {"x/y": false}, "extra": 1});
    diff("", &expected, &other, &mut out);
    let pointers: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        ["/extra", "/list", "/n", "/name", "/o/x~1y", "/when"]
    );
    assert!(out
        .iter()
        .any(|(p, m)| p == "/name" && m.contains("expected \"a\", got \"b\"")));
}

#[test]
fn params_convert_example_values_to_typed_arguments() {
    let params = Params::new(
        json!({"s": "x", "n": 5, "b": true, "list": ["a", "b"], "null": null})
            .as_object()
            .unwrap()
            .clone(),
    );
    assert_eq!(params.string("s").unwrap(), "x");
    assert_eq!(params.string("n").unwrap(), "5");
    assert_eq!(params.string("list").unwrap(), "a,b");
    assert_eq!(params.value::<i32>("n").unwrap(), 5);
    assert_eq!(params.optional::<bool>("b").unwrap(), Some(true));
    assert_eq!(params.optional::<bool>("null").unwrap(), None);
    assert_eq!(params.optional::<bool>("missing").unwrap(), None);
    let err = params.value::<i32>("s").unwrap_err().to_string();
    assert!(err.contains("`s`"), "{err}");
    // A value that does not fit says where, for the harness to find it in the example.
    let params = Params::new(
        json!({"grants": {"code": {"clientId": "c", "scopes": null}}})
            .as_object()
            .unwrap()
            .clone(),
    );
    let err = params
        .value::<std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>>(
            "grants",
        )
        .unwrap_err();
    let mismatch = err
        .downcast_ref::<apigen_runtime::testing::ParamMismatch>()
        .expect("a ParamMismatch");
    assert_eq!(
        (mismatch.name.as_str(), mismatch.path.as_str()),
        ("grants", "code.scopes")
    );
    let params = Params::new(json!({"s": "x"}).as_object().unwrap().clone());
    assert!(params
        .string("missing")
        .unwrap_err()
        .to_string()
        .contains("no parameter `missing`"));
}
