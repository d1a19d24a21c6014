//! Each stage on its own: the stages are private, so the tests that call them one at a time
//! live here; the integration tests in `tests/` go through the public API.

use std::path::{Path, PathBuf};

/// A fixture file, relative to the generator crate (the tests' working directory).
fn fixture(rel: &str) -> PathBuf {
    Path::new("tests/fixtures").join(rel)
}

mod errors {
    use super::fixture;

    #[test]
    fn load_reports_ref_errors_before_conversion() {
        let err = crate::load::load(
            &[fixture("errors/missing_pointer.json")],
            &Default::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.location.unwrap().pointer,
            "/definitions/A/properties/x/$ref"
        );
    }

    #[test]
    fn convert_reports_keyword_errors_before_lowering() {
        let bundle =
            crate::load::load(&[fixture("errors/type_number.json")], &Default::default()).unwrap();
        let err = crate::convert::convert(&bundle).unwrap_err();
        assert_eq!(
            err.location.unwrap().pointer,
            "/definitions/A/properties/x/type"
        );
    }

    #[test]
    fn lower_reports_cycles() {
        let bundle =
            crate::load::load(&[fixture("errors/alias_cycle.json")], &Default::default()).unwrap();
        let converted = crate::convert::convert(&bundle).unwrap();
        let err = crate::lower::lower(&converted, &Default::default()).unwrap_err();
        assert_eq!(err.location.unwrap().pointer, "/definitions/B/$ref");
    }
}

mod convert {
    use super::fixture;

    #[test]
    fn swagger2_conversion_styles() {
        // The conversion stage on its own: collectionFormat -> style/explode, formData -> body.
        let bundle = crate::load::load(
            &[fixture("swagger2_conversion/spec.json")],
            &Default::default(),
        )
        .unwrap();
        let openapi = crate::convert::convert(&bundle).unwrap().openapi;
        let get = openapi.paths.paths["/things/{thingId}"]
            .as_item()
            .unwrap()
            .get
            .as_ref()
            .unwrap();
        let style = |name: &str| {
            let p = get
                .parameters
                .iter()
                .filter_map(|p| p.as_item())
                .find(|p| p.parameter_data_ref().name == name)
                .unwrap();
            match p {
                openapiv3::Parameter::Query {
                    style,
                    parameter_data,
                    ..
                } => format!("{style:?} explode={:?}", parameter_data.explode),
                other => panic!("{name} is not a query parameter: {other:?}"),
            }
        };
        assert_eq!(style("tags"), "Form explode=Some(false)");
        assert_eq!(style("ids"), "Form explode=Some(true)");
        assert_eq!(style("words"), "SpaceDelimited explode=Some(false)");
        assert_eq!(style("flags"), "PipeDelimited explode=Some(false)");
        let upload = openapi.paths.paths["/things/{thingId}/upload"]
            .as_item()
            .unwrap()
            .post
            .as_ref()
            .unwrap();
        let body = upload.request_body.as_ref().unwrap().as_item().unwrap();
        let media = &body.content["multipart/form-data"];
        let schema = serde_json::to_value(media.schema.as_ref().unwrap()).unwrap();
        assert_eq!(schema["properties"]["file"]["format"], "binary");
        assert_eq!(schema["required"], serde_json::json!(["file"]));
    }
}
