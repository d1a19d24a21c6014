//! The generated crate's cargo features: one per operation group, named as its module, all of
//! them in `default`. A group's module, handle and accessor are compiled with its feature; a
//! model with the features of the groups that need it ([`reachability`](super::reachability)).

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::reachability::{model_needs, Need};
use crate::ir::{Api, Group};

/// The feature that compiles a group, e.g. `api_issue`; a group named `default` gets
/// `default_group`, since `default` is the feature of all groups.
pub(crate) fn feature_name(group: &Group) -> &str {
    match group.module.trim_start_matches("r#") {
        "default" => "default_group",
        module => module,
    }
}

/// `#[cfg(feature = "…")]` for a group's items.
pub(crate) fn group_cfg(group: &Group) -> TokenStream {
    let feature = feature_name(group);
    quote!(#[cfg(feature = #feature)])
}

/// The `#[cfg]` of each model: none for a model that is always compiled.
pub(crate) struct ModelCfgs {
    by_model: HashMap<String, TokenStream>,
}

impl ModelCfgs {
    pub fn of(api: &Api) -> Self {
        let by_model = model_needs(api)
            .into_iter()
            .filter_map(|(name, need)| match need {
                Need::Always => None,
                Need::Groups(groups) => Some((name.to_string(), cfg_of_groups(api, &Some(groups)))),
            })
            .collect();
        ModelCfgs { by_model }
    }

    /// The model's attribute, if it has one.
    pub fn of_model(&self, name: &str) -> Option<&TokenStream> {
        self.by_model.get(name)
    }
}

/// `#[cfg]` for an item the operation groups `groups` need (indexes into `api.groups`);
/// nothing when `None` (always needed).
pub(crate) fn cfg_of_groups(api: &Api, groups: &Option<Vec<usize>>) -> TokenStream {
    let Some(groups) = groups else {
        return TokenStream::new();
    };
    let features = groups.iter().map(|&g| feature_name(&api.groups[g]));
    match groups.len() {
        1 => quote!(#[cfg(feature = #(#features)*)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// The `[features]` table of `Cargo.toml`; empty without groups.
pub(crate) fn cargo_features(api: &Api) -> String {
    if api.groups.is_empty() {
        return String::new();
    }
    let names: Vec<String> = api
        .groups
        .iter()
        .map(|g| format!("\"{}\"", feature_name(g)))
        .collect();
    let mut out =
        String::from("\n[features]\n# One feature per operation group; `default` has them all.\n");
    out.push_str(&format!("default = [{}]\n", names.join(", ")));
    for g in &api.groups {
        out.push_str(&format!("{} = []\n", feature_name(g)));
    }
    out
}

/// The crate docs' section on features (without the leading space of doc lines); empty
/// without groups.
pub(crate) fn crate_doc(api: &Api, crate_name: &str) -> Vec<String> {
    let Some(first) = api.groups.first() else {
        return Vec::new();
    };
    let mut lines = vec![
        String::new(),
        "# Features".to_string(),
        String::new(),
        "Each operation group is a cargo feature named as its accessor; `default` enables them"
            .to_string(),
        "all. To compile only the groups you call (and the models they need), turn the default"
            .to_string(),
        "off:".to_string(),
        String::new(),
        "```toml".to_string(),
        format!(
            "{crate_name} = {{ version = \"*\", default-features = false, features = [\"{}\"] }}",
            feature_name(first)
        ),
        "```".to_string(),
        String::new(),
        "The features:".to_string(),
    ];
    // A few names a line, so the list stays short in the source.
    let names: Vec<String> = api
        .groups
        .iter()
        .map(|g| format!("`{}`", feature_name(g)))
        .collect();
    let mut line = String::new();
    for (i, name) in names.iter().enumerate() {
        let sep = if i + 1 == names.len() { "." } else { "," };
        if !line.is_empty() && line.len() + name.len() > 88 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(name);
        line.push_str(sep);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(module: &str) -> Group {
        Group {
            module: module.into(),
            type_name: "GroupClient".into(),
            operations: Vec::new(),
        }
    }

    #[test]
    fn features_are_module_names_but_default() {
        assert_eq!(feature_name(&group("api_issue")), "api_issue");
        assert_eq!(feature_name(&group("r#type")), "type");
        assert_eq!(feature_name(&group("default")), "default_group");
    }
}
