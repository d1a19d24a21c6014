//! The Azure (AutoRest) extensions lowering reads, deserialised into typed structs: a value of
//! the wrong shape is an error at its own JSON pointer, never silently ignored.
//! Reference: <https://github.com/Azure/autorest/blob/main/docs/extensions/readme.md>.

use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::{Error, Location, Result};

/// `x-ms-pageable` on an operation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Pageable {
    /// The page's item array; `value` when absent.
    pub item_name: Option<String>,
    /// Absent: `nextLink`; `null`: a single page; anything but a string or `null` (graphrbac
    /// has `{}` and `$ref`s to it) is read by lowering as "not pageable".
    #[serde(default, deserialize_with = "present")]
    pub next_link_name: Option<Value>,
    /// The `operationId` of the operation that fetches the next pages.
    pub operation_name: Option<String>,
}

/// `x-ms-long-running-operation-options` on an operation.
#[derive(Debug, Deserialize)]
pub(super) struct LongRunningOptions {
    /// How the final result is found; checked by lowering, so the error names the value.
    #[serde(rename = "final-state-via")]
    pub final_state_via: Option<String>,
}

/// `x-ms-parameter-location` on a parameter.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum ParameterLocation {
    /// Set once on the client.
    Client,
    /// An argument of each operation.
    Method,
}

/// `x-ms-parameter-grouping` on a parameter: the group's type is `name`, else
/// `{MethodGroup}{Method}{postfix}`, else `{MethodGroup}{Method}Parameters`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct ParameterGrouping {
    pub name: Option<String>,
    pub postfix: Option<String>,
}

/// `x-ms-enum` on a string enum schema.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct XmsEnum {
    /// The enum's type name.
    pub name: Option<String>,
    /// Extensible: values other than the listed ones are valid.
    #[serde(default)]
    pub model_as_string: bool,
    /// Names and descriptions of the values.
    #[serde(default)]
    pub values: Vec<EnumValue>,
}

/// One entry of `x-ms-enum.values`.
#[derive(Debug, Deserialize)]
pub(super) struct EnumValue {
    /// The wire value (specs use strings; other JSON is kept to match against).
    pub value: Value,
    /// The variant's name.
    pub name: Option<String>,
    /// The variant's docs.
    pub description: Option<String>,
}

/// One entry of `x-ms-examples`: an example file, relative to the spec.
#[derive(Debug, Deserialize)]
pub(super) struct ExampleRef {
    #[serde(rename = "$ref")]
    pub reference: String,
}

/// The extension `name` in `extensions` (of the item at `at`) as a `T`; `None` when absent.
pub(super) fn extension<T: DeserializeOwned>(
    extensions: &IndexMap<String, Value>,
    name: &str,
    at: &Location,
) -> Result<Option<T>> {
    let Some(value) = extensions.get(name) else {
        return Ok(None);
    };
    serde_path_to_error::deserialize(value)
        .map(Some)
        .map_err(|e| {
            let mut here = at.join(name);
            for segment in e.path().iter() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        here = here.join(index.to_string())
                    }
                    serde_path_to_error::Segment::Map { key } => here = here.join(key),
                    _ => {}
                }
            }
            Error::at(&here, format!("malformed `{name}`: {}", e.inner()))
        })
}

/// A boolean extension (`x-ms-long-running-operation`, `x-ms-secret`); `false` when absent.
pub(super) fn flag(
    extensions: &IndexMap<String, Value>,
    name: &str,
    at: &Location,
) -> Result<bool> {
    Ok(extension(extensions, name, at)?.unwrap_or(false))
}

/// Tells a member that is present (even as `null`) from one that is absent.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extensions(json: Value) -> IndexMap<String, Value> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn next_link_name_absent_null_or_named() {
        let at = Location::new("spec.json", "/paths/~1a/get");
        let read = |json: Value| -> Pageable {
            extension(&extensions(json), "x-ms-pageable", &at)
                .unwrap()
                .unwrap()
        };
        assert_eq!(
            read(serde_json::json!({"x-ms-pageable": {}})).next_link_name,
            None
        );
        assert_eq!(
            read(serde_json::json!({"x-ms-pageable": {"nextLinkName": null}})).next_link_name,
            Some(Value::Null)
        );
        assert_eq!(
            read(serde_json::json!({"x-ms-pageable": {"nextLinkName": "next"}})).next_link_name,
            Some(Value::from("next"))
        );
    }

    #[test]
    fn a_malformed_extension_is_an_error_at_its_member() {
        let at = Location::new("spec.json", "/definitions/E");
        let ext = extensions(
            serde_json::json!({"x-ms-enum": {"name": "E", "values": [{"value": "a", "name": 3}]}}),
        );
        let err = extension::<XmsEnum>(&ext, "x-ms-enum", &at).unwrap_err();
        assert_eq!(
            err.location.unwrap().pointer,
            "/definitions/E/x-ms-enum/values/0/name"
        );
        assert!(
            err.message.contains("malformed `x-ms-enum`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn parameter_location_is_client_or_method() {
        let at = Location::new("spec.json", "/parameters/P");
        let ext = extensions(serde_json::json!({"x-ms-parameter-location": "client"}));
        assert_eq!(
            extension(&ext, "x-ms-parameter-location", &at).unwrap(),
            Some(ParameterLocation::Client)
        );
        let ext = extensions(serde_json::json!({"x-ms-parameter-location": "elsewhere"}));
        assert!(extension::<ParameterLocation>(&ext, "x-ms-parameter-location", &at).is_err());
    }
}
