//! The source map: where each part of a document the generator built (the bundle of `load`, the
//! OpenAPI 3 document of `convert`) was written in the user's spec files.
//!
//! The stages after `load` work in the coordinates of the document they are given and report
//! problems there ([`Location::bundle`]); the source map handed along with the document turns
//! such a location into the user's file and JSON pointer ([`SourceMap::relocate`]). Nothing is
//! written into the documents themselves.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Location};

/// Pointer into a built document -> the user location its subtree was read from. A pointer is
/// located by its longest recorded prefix (whole segments), followed by the rest of the pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    spans: BTreeMap<String, Location>,
}

/// `pointer` has `prefix` as a prefix of whole segments.
fn under(pointer: &str, prefix: &str) -> bool {
    pointer
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The longest key of `map` that `pointer` is under, and the rest of the pointer.
fn longest<'m, 'p, V>(map: &'m BTreeMap<String, V>, pointer: &'p str) -> Option<(&'m V, &'p str)> {
    let mut prefix = pointer;
    loop {
        if let Some(value) = map.get(prefix) {
            return Some((value, &pointer[prefix.len()..]));
        }
        prefix = &prefix[..prefix.rfind('/')?];
    }
}

impl SourceMap {
    /// Records that the subtree at `pointer` was read from `origin`.
    pub(crate) fn insert(&mut self, pointer: impl Into<String>, origin: Location) {
        self.spans.insert(pointer.into(), origin);
    }

    /// Where the item at `pointer` was written. A pointer outside every recorded subtree stays a
    /// bundle location (the maps built by `load` always record the root, so this does not happen
    /// for them).
    pub fn locate(&self, pointer: &str) -> Location {
        match longest(&self.spans, pointer) {
            Some((origin, rest)) => {
                Location::new(&origin.file, format!("{}{rest}", origin.pointer))
            }
            None => Location::bundle(pointer),
        }
    }

    /// [`SourceMap::locate`] for a location that may be in the built document.
    pub fn resolve(&self, location: &Location) -> Location {
        if location.is_bundle() {
            self.locate(&location.pointer)
        } else {
            location.clone()
        }
    }

    /// The error with its location in the user's file.
    pub fn relocate(&self, mut error: Error) -> Error {
        if let Some(location) = &error.location {
            error.location = Some(self.resolve(location));
        }
        error
    }

    /// The map of a document made from this one by moving subtrees: `moves` maps a pointer of
    /// the new document to the pointer of this one its subtree was made from (the longest
    /// prefix applies); pointers under no move are where they were.
    pub(crate) fn derive(&self, moves: &BTreeMap<String, String>) -> SourceMap {
        let translate = |pointer: &str| match longest(moves, pointer) {
            Some((old, rest)) => format!("{old}{rest}"),
            None => pointer.to_string(),
        };
        // The new map needs a span wherever the composition can change course: at each move, at
        // each old span, and at each old span inside a moved subtree, seen from the new place.
        let mut keys: BTreeSet<String> = moves.keys().cloned().collect();
        keys.extend(self.spans.keys().cloned());
        for (new, old) in moves {
            let inside = self
                .spans
                .range(old.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(old.as_str()))
                .filter(|k| under(k, old));
            for key in inside {
                keys.insert(format!("{new}{}", &key[old.len()..]));
            }
        }
        SourceMap {
            spans: keys
                .into_iter()
                .map(|key| {
                    let origin = self.locate(&translate(&key));
                    (key, origin)
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(spans: &[(&str, &str, &str)]) -> SourceMap {
        let mut map = SourceMap::default();
        for (pointer, file, at) in spans {
            map.insert(*pointer, Location::new(file, *at));
        }
        map
    }

    /// Each `(pointer, file, at)`: `pointer` is located at `file#at`.
    #[track_caller]
    fn assert_locates(map: &SourceMap, cases: &[(&str, &str, &str)]) {
        for (pointer, file, at) in cases {
            assert_eq!(map.locate(pointer), Location::new(file, *at), "{pointer}");
        }
    }

    #[test]
    fn locates_by_the_longest_whole_segment_prefix() {
        let m = map(&[
            ("", "a.json", ""),
            ("/definitions/X", "b.json", "/definitions/Y"),
        ]);
        assert_locates(
            &m,
            &[
                ("/info/title", "a.json", "/info/title"),
                (
                    "/definitions/X/properties/p",
                    "b.json",
                    "/definitions/Y/properties/p",
                ),
                // `/definitions/XY` is not inside `/definitions/X`.
                ("/definitions/XY", "a.json", "/definitions/XY"),
            ],
        );
    }

    #[test]
    fn derive_composes_moves_with_the_spans_inside_them() {
        let m = map(&[
            ("", "a.json", ""),
            ("/paths/~1p", "a.json", "/x-ms-paths/~1p"),
            // An inlined `$ref` inside a parameter that moves to another index.
            (
                "/paths/~1p/get/parameters/1/items",
                "c.json",
                "/definitions/I",
            ),
        ]);
        let moves: BTreeMap<String, String> = [
            ("/paths/~1p/get/parameters/0", "/paths/~1p/get/parameters/1"),
            (
                "/paths/~1p/get/parameters/0/schema",
                "/paths/~1p/get/parameters/1",
            ),
            // The parameter that was at 0 becomes the request body.
            ("/paths/~1p/get/requestBody", "/paths/~1p/get/parameters/0"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let p = "/x-ms-paths/~1p/get";
        assert_locates(
            &m.derive(&moves),
            &[
                (
                    "/paths/~1p/get/parameters/0/schema/items/format",
                    "c.json",
                    "/definitions/I/format",
                ),
                (
                    "/paths/~1p/get/parameters/0/schema/type",
                    "a.json",
                    &format!("{p}/parameters/1/type"),
                ),
                (
                    "/paths/~1p/get/requestBody",
                    "a.json",
                    &format!("{p}/parameters/0"),
                ),
                (
                    "/paths/~1p/get/x-ms-pageable",
                    "a.json",
                    &format!("{p}/x-ms-pageable"),
                ),
            ],
        );
    }

    #[test]
    fn relocates_only_bundle_locations() {
        let m = map(&[("", "a.json", "")]);
        let e = m.relocate(Error::at(&Location::bundle("/produces"), "bad"));
        assert_eq!(e.location, Some(Location::new("a.json", "/produces")));
        let e = m.relocate(Error::at(&Location::new("b.json", "/x"), "bad"));
        assert_eq!(e.location, Some(Location::new("b.json", "/x")));
    }
}
