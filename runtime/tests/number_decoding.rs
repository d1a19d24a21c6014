//! JSON numbers decode to the nearest `f64`, as Rust's own parser rounds them: serde_json's
//! default fast parser can land one ulp off (the test server's `2.5976931e-101`), so the
//! runtime enables its `float_roundtrip` feature.

use apigen_runtime::{Decode, Json, RawResponse};

#[test]
fn json_numbers_decode_to_the_nearest_double() {
    for text in [
        "2.5976931e-101",
        "-2.5976931e-101",
        "3e-100",
        "-5e-57",
        "1.7976931348623157e308",
        "0.1",
        "1.0000000000000002",
        "123456789.123456789",
    ] {
        let response = RawResponse::new(200, Default::default(), text);
        let got: f64 = Json::decode(&response).expect("a number");
        let want: f64 = text.parse().expect("a literal");
        assert_eq!(
            got.to_bits(),
            want.to_bits(),
            "{text}: got {got:e}, want {want:e}"
        );
    }
}

#[test]
fn numbers_inside_models_decode_the_same_way() {
    let response = RawResponse::new(200, Default::default(), r#"{"a": [2.5976931e-101]}"#);
    let got: std::collections::BTreeMap<String, Vec<f64>> = Json::decode(&response).expect("a map");
    assert_eq!(got["a"][0].to_bits(), 2.5976931e-101_f64.to_bits());
}
