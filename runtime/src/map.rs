//! serde helper for optional string-keyed maps (`additionalProperties`) whose values services
//! sometimes send as `null` although the spec types them: the null entries are dropped instead
//! of failing the whole response.
//!
//! ```
//! use std::collections::BTreeMap;
//! #[derive(serde::Deserialize)]
//! struct M {
//!     #[serde(default, deserialize_with = "apigen_runtime::map::lenient")]
//!     scopes: Option<BTreeMap<String, String>>,
//! }
//! let m: M = serde_json::from_str(r#"{"scopes":{"a":"x","b":null}}"#).unwrap();
//! assert_eq!(m.scopes.unwrap().len(), 1);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// Deserialises `Option<BTreeMap<String, T>>`, skipping entries whose value is `null`.
pub fn lenient<'de, D, T>(deserializer: D) -> Result<Option<BTreeMap<String, T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let map = Option::<crate::wire::LenientMap<T>>::deserialize(deserializer)?;
    Ok(map.map(|m| m.0))
}
