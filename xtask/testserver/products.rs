//! The `Product` items of the paging swaggers (`paging.json`, `custom-baseUrl-paging.json`),
//! included by their scenarios with `#[path]`; each scenario imports its client's `Product`.

use super::Product;

/// The items' ids, `-1` for one without.
pub fn ids(items: &[Product]) -> Vec<i64> {
    items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|p| p.id).unwrap_or(-1))
        .collect()
}
