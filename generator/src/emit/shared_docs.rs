//! Argument descriptions that operations of several groups share (in an ARM spec the resource
//! group and the service name, on hundreds of methods): written once on the crate's
//! `parameters` page and linked from each method's argument list, instead of repeated.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Docs};

/// A shared description: the argument's name (also its heading on the page) and its text.
struct Shared {
    name: String,
    docs: Docs,
    /// Indexes of the groups (0 for root operations) whose methods take it.
    groups: Vec<usize>,
}

/// The shared descriptions of an API, in order of first use.
pub(crate) struct SharedDocs {
    entries: Vec<Shared>,
}

impl SharedDocs {
    /// The positional arguments whose name and description recur in at least two groups. When
    /// one name has several such descriptions, the most widely used one is shared.
    pub fn of(api: &Api) -> Self {
        let mut candidates: Vec<Shared> = Vec::new();
        let groups = std::iter::once(&api.root_operations)
            .chain(api.groups.iter().map(|g| &g.operations))
            .enumerate();
        for (group, operations) in groups {
            for p in operations.iter().flat_map(|op| op.positional()) {
                if p.docs.is_empty() {
                    continue;
                }
                match candidates
                    .iter_mut()
                    .find(|c| c.name == p.rust_name && c.docs == p.docs)
                {
                    Some(c) if !c.groups.contains(&group) => c.groups.push(group),
                    Some(_) => {}
                    None => candidates.push(Shared {
                        name: p.rust_name.clone(),
                        docs: p.docs.clone(),
                        groups: vec![group],
                    }),
                }
            }
        }
        let widest = |name: &str, candidates: &[Shared]| -> usize {
            candidates
                .iter()
                .filter(|c| c.name == name)
                .map(|c| c.groups.len())
                .max()
                .unwrap_or(0)
        };
        let mut entries: Vec<Shared> = Vec::new();
        for c in &candidates {
            let wins = c.groups.len() >= 2
                && c.groups.len() == widest(&c.name, &candidates)
                && !entries.iter().any(|e| e.name == c.name);
            if wins {
                entries.push(Shared {
                    name: c.name.clone(),
                    docs: c.docs.clone(),
                    groups: c.groups.clone(),
                });
            }
        }
        SharedDocs { entries }
    }

    /// The page anchor of the argument's description when it is the shared one.
    pub fn anchor(&self, name: &str, docs: &Docs) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.name == name && e.docs == *docs)
            .map(|e| e.name.as_str())
    }

    /// The doc-only `parameters` module, one heading per description (rustdoc makes the
    /// heading `` `name` `` the anchor `name`); nothing when no description is shared.
    pub fn page(&self) -> Option<TokenStream> {
        if self.entries.is_empty() {
            return None;
        }
        let mut lines = vec![
            " Arguments that operations of several groups take, described once here; each \
             method's argument list links to its entry."
                .to_string(),
        ];
        for entry in &self.entries {
            lines.push(String::new());
            lines.push(format!(" # `{}`", entry.name));
            lines.push(String::new());
            lines.extend(entry.docs.0.iter().map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            }));
        }
        Some(quote! {
            #(#[doc = #lines])*
            pub mod parameters {}
        })
    }
}
