//! `models.rs`: one Rust type per `TypeDef`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident, type_tokens, TypeContext};
use crate::ir::{Enum, Field, Struct, TypeDef, TypeRef, Union};

pub fn models_file(types: &[TypeDef]) -> TokenStream {
    let items = types.iter().map(|t| match t {
        TypeDef::Struct(s) => struct_tokens(s),
        TypeDef::Enum(e) => enum_tokens(e),
        TypeDef::Union(u) => union_tokens(u),
    });
    quote! {
        //! Models: the request and response bodies of the API.
        //!
        //! Optional and read-only properties are `Option`s; properties the spec requires are
        //! plain values. Properties the service wraps in `properties` stay nested, as on the wire.
        use serde::{Deserialize, Serialize};
        #(#items)*
    }
}

/// What `#[serde(rename_all = "camelCase")]` makes of a field name (serde's own rule).
fn serde_camel(field: &str) -> String {
    let mut out = String::new();
    let mut capitalize = false;
    for (i, ch) in field.chars().enumerate() {
        if ch == '_' {
            if i > 0 {
                capitalize = true;
            }
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

fn struct_tokens(s: &Struct) -> TokenStream {
    let name = format_ident!("{}", s.name);
    let docs = doc_attrs(&s.docs);
    let default = s.default.then(|| quote!(Default,));
    let fields = s.fields.iter().map(field_tokens);
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field_tokens(f: &Field) -> TokenStream {
    let name = ident(&f.rust_name);
    let docs = doc_attrs(&f.docs);
    let mut ty = type_tokens(&f.ty, TypeContext::Models);
    if f.flatten {
        return quote! {
            #docs
            #[serde(flatten)]
            pub #name: #ty,
        };
    }
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    let mut serde = Vec::new();
    if serde_camel(&f.rust_name) != f.wire_name {
        let wire = &f.wire_name;
        serde.push(quote!(rename = #wire));
    }
    let with = match f.ty {
        TypeRef::DateTime => Some("apigen_runtime::date_time"),
        TypeRef::Date => Some("apigen_runtime::date"),
        _ => None,
    };
    // Services send `null` map values the spec does not allow; drop them rather than fail.
    if matches!(f.ty, TypeRef::Map(_)) && !f.required {
        serde.push(quote!(
            default,
            deserialize_with = "apigen_runtime::map::lenient"
        ));
    }
    let field_ty = if f.required {
        if let Some(with) = with {
            serde.push(quote!(with = #with));
        }
        ty
    } else {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
        if let Some(with) = with {
            let with = format!("{with}::option");
            serde.push(quote!(default, with = #with));
        }
        quote!(Option<#ty>)
    };
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #docs
        #serde
        pub #name: #field_ty,
    }
}

fn enum_tokens(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name);
    let docs = doc_attrs(&e.docs);
    let variants = e.variants.iter().map(|v| {
        let vname = format_ident!("{}", v.rust_name);
        let docs = doc_attrs(&v.docs);
        let wire = &v.wire_value;
        let rename = (*wire != v.rust_name).then(|| quote!(#[serde(rename = #wire)]));
        quote! { #docs #rename #vname, }
    });
    let other = e.extensible.then(|| {
        quote! {
            /// A value this version of the client does not know; kept as sent.
            #[serde(untagged)]
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
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum #name {
            #(#variants)*
            #other
        }
    }
}

fn union_tokens(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name);
    let docs = doc_attrs(&u.docs);
    let tag = &u.tag;
    let variants = u.variants.iter().map(|(value, ty)| {
        let vname = format_ident!("{}", ty);
        let ty = format_ident!("{}", ty);
        quote! {
            #[serde(rename = #value)]
            #vname(#ty),
        }
    });
    let note = format!(" Polymorphic: the `{tag}` property says which variant a value is.");
    quote! {
        #docs
        #[doc = ""]
        #[doc = #note]
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = #tag)]
        pub enum #name {
            #(#variants)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::serde_camel;

    #[test]
    fn matches_serde_camel_case() {
        assert_eq!(serde_camel("display_name"), "displayName");
        assert_eq!(serde_camel("id"), "id");
        assert_eq!(serde_camel("type_"), "type");
        assert_eq!(serde_camel("n1st"), "n1st");
    }
}
