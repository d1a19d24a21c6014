//! `parameter_groups.rs`: one struct per parameter group (`x-ms-parameter-grouping`), a plain
//! value the caller fills and passes whole. It is a module of its own, not part of `models`:
//! a group is an operation's input that never crosses the wire as one value (so no serde and
//! no codecs), and AutoRest names it in a namespace of its own, which may repeat a model's name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs_or, type_tokens, TypeContext};
use crate::ir::{Api, ParamGroup};

/// `pub mod parameter_groups;` when the API has groups.
pub fn module_declaration(api: &Api) -> TokenStream {
    if api.parameter_groups.is_empty() {
        return TokenStream::new();
    }
    quote! {
        pub mod parameter_groups;
    }
}

/// The module's file, or `None` when the API has no groups.
pub fn parameter_groups_file(api: &Api) -> Option<TokenStream> {
    if api.parameter_groups.is_empty() {
        return None;
    }
    let mut structs = Vec::new();
    // `models` is imported for the structs that name a model, compiled when any of them is.
    let mut models_users: Option<Option<Vec<usize>>> = None;
    for group in &api.parameter_groups {
        let users = users(api, group);
        let tokens = group_struct(api, group, &users);
        if tokens.to_string().contains("models ::") {
            models_users = Some(match (models_users, users) {
                (Some(None), _) | (_, None) => None,
                (None, Some(users)) => Some(users),
                (Some(Some(mut known)), Some(users)) => {
                    known.extend(users);
                    known.sort_unstable();
                    known.dedup();
                    Some(known)
                }
            });
        }
        structs.push(tokens);
    }
    let models = models_users.map(|users| {
        let cfg = super::features::cfg_of_groups(api, &users);
        quote! {
            #cfg
            use crate::models;
        }
    });
    let all = quote!(#(#structs)*);
    Some(quote! {
        //! Parameter groups: parameters the spec gathers into one value (`x-ms-parameter-grouping`).
        //! A group with a required field is an argument of its operations; one without is set
        //! with the builder method of the same name, and starts from `Default::default()`.
        #models
        #all
    })
}

fn group_struct(api: &Api, group: &ParamGroup, users: &Option<Vec<usize>>) -> TokenStream {
    let name = format_ident!("{}", group.name);
    let ids: Vec<String> = group
        .operations
        .iter()
        .map(|id| format!("`{id}`"))
        .collect();
    let doc = format!(" Parameters of {}.", ids.join(", "));
    let fields = group.fields.iter().map(|f| {
        let n = super::ident(&f.rust_name);
        let t = type_tokens(&f.ty, TypeContext::Operations);
        let t = if f.required { t } else { quote!(Option<#t>) };
        let docs = doc_attrs_or(&f.docs, || format!("The `{}` parameter.", f.wire_name));
        quote! {
            #docs
            pub #n: #t,
        }
    });
    let derive = if group.is_required() {
        quote!(#[derive(Clone, Debug)])
    } else {
        quote!(#[derive(Clone, Debug, Default)])
    };
    let cfg = super::features::cfg_of_groups(api, users);
    quote! {
        #[doc = #doc]
        #cfg
        #derive
        pub struct #name {
            #(#fields)*
        }
    }
}

/// The operation groups whose operations take `group`; `None` when a root operation does
/// (then it is always compiled).
fn users(api: &Api, group: &ParamGroup) -> Option<Vec<usize>> {
    let takes = |op: &crate::ir::Operation| op.groups.iter().any(|g| g.type_name == group.name);
    if api.root_operations.iter().any(takes) {
        return None;
    }
    Some(
        api.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.operations.iter().any(takes))
            .map(|(i, _)| i)
            .collect(),
    )
}
