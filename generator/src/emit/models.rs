//! `models.rs`: one Rust type per `TypeDef`.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::ModelCfgs;
use super::{doc_attrs, doc_attrs_or, ident, type_tokens, TypeContext};
use crate::ir::{Enum, Field, Struct, Tagging, TypeDef, TypeRef, Union};

pub fn models_file(types: &[TypeDef], cfgs: &ModelCfgs) -> TokenStream {
    let constants = constant_enums(types);
    let items = types.iter().map(|t| {
        let cfg = cfgs.of_model(t.name());
        let item = match t {
            TypeDef::Struct(s) => struct_tokens(s, &constants),
            TypeDef::Enum(e) => enum_tokens(e),
            TypeDef::Union(u) => union_tokens(u),
        };
        quote!(#cfg #item)
    });
    quote! {
        //! Models: the request and response bodies of the API.
        //!
        //! Optional and read-only properties are `Option`s; properties the spec requires are
        //! plain values. Properties the service wraps in `properties` stay nested, as on the wire.
        //! On the wire a field is its name in camelCase unless `#[wire(rename)]` says otherwise
        //! (see [`apigen_runtime::Model`]). The derives are named by path so that no model name
        //! can clash with them.
        #(#items)*
    }
}

/// What the `Model` derive makes of a field name when there is no `rename`: the derive's own
/// rule, compiled from the same file, so the two cannot disagree.
#[path = "../../../runtime/macros/src/wire_name.rs"]
mod wire_name;
use wire_name::default_wire_name;

/// Closed enums of one value: a spec's constants. Their one value is their `Default`, and a
/// required field of one reads an absent property as it (`#[wire(constant)]`).
fn constant_enums(types: &[TypeDef]) -> HashSet<&str> {
    types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Enum(e) if is_constant(e) => Some(e.name.as_str()),
            _ => None,
        })
        .collect()
}

fn is_constant(e: &Enum) -> bool {
    !e.extensible && e.variants.len() == 1
}

fn struct_tokens(s: &Struct, constants: &HashSet<&str>) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let docs = doc_attrs_or(&s.docs, || format!("The `{}` model.", s.name));
    let default = s.default.then(|| quote!(Default,));
    let fields = s.fields.iter().map(|f| field_tokens(f, constants));
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, apigen_runtime::Model)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field_tokens(f: &Field, constants: &HashSet<&str>) -> TokenStream {
    let name = ident(&f.rust_name);
    let docs = doc_attrs_or(&f.docs, || format!("The `{}` property.", f.wire_name));
    let mut ty = type_tokens(&f.ty, TypeContext::Models);
    if f.flatten {
        return quote! {
            #docs
            #[wire(flatten)]
            pub #name: #ty,
        };
    }
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    let mut wire = Vec::new();
    if default_wire_name(&f.rust_name) != f.wire_name {
        let wire_name = &f.wire_name;
        wire.push(quote!(rename = #wire_name));
    }
    let codec = super::codecs::codec(&f.ty, &quote!(apigen_runtime));
    match (&f.ty, codec) {
        (TypeRef::DateTime, _) => wire.push(quote!(date_time)),
        (TypeRef::Date, _) => wire.push(quote!(date)),
        (_, Some(codec)) => wire.push(quote!(codec = #codec)),
        // A map's values are `Option`s only where the spec lets them be `null`: elsewhere a
        // `null` is a decode error at its path, as it is for arrays and bodies.
        _ => {}
    }
    if f.nullable {
        wire.push(quote!(nullable));
    }
    if f.read_only {
        wire.push(quote!(read_only));
    }
    if f.required
        && !f.boxed
        && matches!(&f.ty, TypeRef::Named(n) if constants.contains(n.as_str()))
    {
        wire.push(quote!(constant));
    }
    let wire = (!wire.is_empty()).then(|| quote!(#[wire(#(#wire),*)]));
    let field_ty = if f.required { ty } else { quote!(Option<#ty>) };
    quote! {
        #docs
        #wire
        pub #name: #field_ty,
    }
}

fn enum_tokens(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let docs = doc_attrs(&e.docs);
    let constant = is_constant(e);
    let variants = e.variants.iter().map(|v| {
        let vname = format_ident!("{}", v.rust_name);
        let docs = doc_attrs_or(&v.docs, || format!("`{}`.", v.wire_value));
        let wire = &v.wire_value;
        let rename = (*wire != v.rust_name).then(|| quote!(#[wire(rename = #wire)]));
        let default = constant.then(|| quote!(#[default]));
        quote! { #docs #rename #default #vname, }
    });
    let default = constant.then(|| quote!(Default,));
    let other = e.extensible.then(|| {
        quote! {
            /// A value this version of the client does not know; kept as sent.
            Other(String),
        }
    });
    let kind = if e.extensible {
        "Extensible: values added to the service later are kept in `Other`."
    } else {
        "Closed: the service sends only these values."
    };
    let kind = format!(" {kind}");
    let sep = (!e.docs.is_empty()).then(|| quote!(#[doc = ""]));
    quote! {
        #docs
        #sep
        #[doc = #kind]
        #[derive(Clone, Debug, #default PartialEq, Eq, Hash, apigen_runtime::StringEnum)]
        pub enum #name {
            #(#variants)*
            #other
        }
    }
}

fn union_tokens(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name);
    let docs = doc_attrs(&u.docs);
    let variants = u.variants.iter().map(|v| {
        let vname = format_ident!("{}", v.rust_name);
        let mut ty = type_tokens(&v.ty, TypeContext::Models);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        let what = match &v.ty {
            TypeRef::Named(n) => format!("a [`{n}`]"),
            other => format!(
                "a `{}`",
                type_tokens(other, TypeContext::Models)
                    .to_string()
                    .replace(' ', "")
            ),
        };
        let (doc, rename) = match (u.tagging.tag(), &v.tag_value) {
            (Some(tag), Some(value)) if v.base => (
                format!(" `{tag}` `{value}`, or no `{tag}`: {what}."),
                if *value != v.rust_name {
                    quote!(#[wire(rename = #value, base)])
                } else {
                    quote!(#[wire(base)])
                }
                .into(),
            ),
            (Some(tag), Some(value)) => (
                format!(" `{tag}` `{value}`: {what}."),
                (*value != v.rust_name).then(|| quote!(#[wire(rename = #value)])),
            ),
            _ => (
                format!(" {}{}.", what[..1].to_uppercase(), &what[1..]),
                None,
            ),
        };
        quote! {
            #[doc = #doc]
            #rename
            #vname(#ty),
        }
    });
    // The catch-all variant, named so that it cannot clash with a variant.
    let mut unknown = String::from("Unknown");
    while u.variants.iter().any(|v| v.rust_name == unknown) {
        unknown.push_str("Kind");
    }
    let unknown = format_ident!("{}", unknown);
    let (attr, unknown_doc, note) = match &u.tagging {
        Tagging::Inherited { tag } | Tagging::Property { tag } => {
            let keep = matches!(u.tagging, Tagging::Property { .. }).then(|| quote!(, keep_tag));
            (
                quote!(#[wire(tag = #tag #keep)]),
                format!(" A `{tag}` this version of the client does not know: the object as sent."),
                format!(
                    " Polymorphic: the `{tag}` property says which variant a value is; a value this \
                     version does not know is kept whole in `{unknown}`."
                ),
            )
        }
        Tagging::Untagged => (
            quote!(#[wire(untagged)]),
            " A value no variant takes: kept as sent.".to_string(),
            format!(
                " One of several types, tried in the order written: the first that re-encodes to \
                 the value as sent, else the first that reads it; any other value is kept whole in \
                 `{unknown}`."
            ),
        ),
    };
    quote! {
        #docs
        #[doc = ""]
        #[doc = #note]
        #[derive(Clone, Debug, PartialEq, apigen_runtime::Union)]
        #attr
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            #[wire(other)]
            #unknown(serde_json::Value),
        }
    }
}
