//! Request bodies in the generated code: the argument type of each body format, how the
//! request attaches it, the body enum of an operation that accepts several media types, and
//! the parts struct of a multipart body. The types live next to the operation's builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs_or, ident, type_tokens, TypeContext};
use crate::ir::*;

/// The Rust type of one format's body value.
fn value_type(ty: &TypeRef, format: &BodyFormat, builders: &TokenStream) -> TokenStream {
    match format {
        BodyFormat::Json | BodyFormat::JsonAs(_) | BodyFormat::Form | BodyFormat::Xml { .. } => {
            type_tokens(ty, TypeContext::Operations)
        }
        BodyFormat::Text(_) => quote!(String),
        BodyFormat::Binary(_) => quote!(runtime::Bytes),
        BodyFormat::Multipart(m) if m.fields.is_empty() => quote!(runtime::Multipart),
        BodyFormat::Multipart(m) => {
            let name = format_ident!("{}", m.name);
            quote!(#builders #name)
        }
    }
}

/// The type of the body argument: the body enum when there is a choice, else the value type;
/// a required body takes anything that converts into it. `builders` is the path of the module
/// that defines the operation's body types, as for its builder (`operations::` for a root
/// operation, whose method is in `lib.rs`).
pub fn argument_type(body: &Body, builders: &TokenStream) -> TokenStream {
    let (t, converts) = if body.alternatives.is_empty() {
        let converts = matches!(body.format, BodyFormat::Binary(_));
        (value_type(&body.ty, &body.format, builders), converts)
    } else {
        let name = format_ident!("{}", body.choice_name);
        (quote!(#builders #name), true)
    };
    match (body.required, converts) {
        (true, true) => quote!(impl Into<#t>),
        (true, false) => t,
        (false, _) => quote!(Option<#t>),
    }
}

/// The type an example's body value is read as (the default media type's), or `None` when an
/// example cannot give one (multipart).
pub fn example_type(body: &Body) -> Option<TokenStream> {
    match &body.format {
        BodyFormat::Multipart(_) => None,
        BodyFormat::Binary(_) => Some(quote!(String)),
        format => Some(value_type(&body.ty, format, &TokenStream::new())),
    }
}

/// `request` with `value` attached as `format` says.
fn attach(format: &BodyFormat, request: TokenStream, value: TokenStream) -> TokenStream {
    match format {
        BodyFormat::Json => quote!(#request.json(&#value)),
        BodyFormat::JsonAs(ct) => quote!(#request.json_as(#ct, &#value)),
        BodyFormat::Form => quote!(#request.form(&#value)),
        BodyFormat::Multipart(m) if m.fields.is_empty() => quote!(#request.multipart(#value)),
        BodyFormat::Multipart(_) => quote!(#request.multipart(#value.into())),
        BodyFormat::Binary(ct) => quote!(#request.bytes(#ct, #value)),
        BodyFormat::Text(ct) => quote!(#request.text(#ct, #value)),
        BodyFormat::Xml { media, root } => super::xml::attach(media, root, request, value),
    }
}

/// The request (`base`) with the body attached, then `finish`ed; `builders` as for
/// [`argument_type`].
pub fn with_body(
    body: &Body,
    base: TokenStream,
    finish: TokenStream,
    builders: &TokenStream,
) -> TokenStream {
    let n = ident(&body.rust_name);
    let request = quote!(request);
    if body.alternatives.is_empty() {
        // A formatted body goes through the runtime's wire codec, as a field does.
        let value = super::codecs::wrap(&body.ty, false, quote!(#n));
        let attached = attach(&body.format, request.clone(), value.clone());
        return if body.required {
            let attached = attach(&body.format, base, value);
            quote!(#attached #finish)
        } else {
            // An optional body is attached only when given.
            quote! {{
                let request = #base;
                let request = match #n { Some(#n) => #attached, None => request };
                request #finish
            }}
        };
    }
    let choice = format_ident!("{}", body.choice_name);
    let (patterns, attached): (Vec<TokenStream>, Vec<TokenStream>) = choices(body)
        .map(|(variant, _, format)| {
            let v = format_ident!("{}", variant);
            (
                quote!(#builders #choice::#v(body)),
                attach(format, request.clone(), quote!(body)),
            )
        })
        .unzip();
    let chosen = if body.required {
        quote!(match #n.into() { #(#patterns => #attached,)* })
    } else {
        quote!(match #n { #(Some(#patterns) => #attached,)* None => request })
    };
    quote! {{
        let request = #base;
        let request = #chosen;
        request #finish
    }}
}

/// (variant, type, format) of every media type, the default first.
fn choices(body: &Body) -> impl Iterator<Item = (&str, &TypeRef, &BodyFormat)> {
    std::iter::once((body.format.kind_name(), &body.ty, &body.format)).chain(
        body.alternatives
            .iter()
            .map(|c| (c.variant.as_str(), &c.ty, &c.format)),
    )
}

/// The body enum and parts structs an operation's body needs.
pub fn body_types(op: &Operation) -> TokenStream {
    let Some(body) = &op.body else {
        return quote!();
    };
    let parts = choices(body).filter_map(|(_, _, format)| match format {
        BodyFormat::Multipart(m) if !m.fields.is_empty() => Some(parts_struct(op, m)),
        _ => None,
    });
    let parts: Vec<TokenStream> = parts.collect();
    if body.alternatives.is_empty() {
        return quote!(#(#parts)*);
    }
    let choice = format_ident!("{}", body.choice_name);
    let doc = format!(
        " The request body of `{}`: one variant per media type it accepts. The default's type \
         converts into it.",
        op.operation_id
    );
    let variants = choices(body).map(|(variant, ty, format)| {
        let v = format_ident!("{}", variant);
        let t = value_type(ty, format, &TokenStream::new());
        let doc = format!(" Sent as `{}`.", format.media_type());
        quote!(#[doc = #doc] #v(#t),)
    });
    let default = format_ident!("{}", body.format.kind_name());
    let default_ty = value_type(&body.ty, &body.format, &TokenStream::new());
    quote! {
        #(#parts)*

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub enum #choice {
            #(#variants)*
        }

        impl From<#default_ty> for #choice {
            fn from(body: #default_ty) -> Self {
                Self::#default(body)
            }
        }
    }
}

/// The struct of a multipart body's parts and its conversion into the runtime's body.
fn parts_struct(op: &Operation, m: &MultipartBody) -> TokenStream {
    let name = format_ident!("{}", m.name);
    let doc = format!(
        " The parts of the `multipart/form-data` body of `{}`.",
        op.operation_id
    );
    let fields = m.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let t = match &f.kind {
            PartKind::File => quote!(runtime::FilePart),
            PartKind::Files => quote!(Vec<runtime::FilePart>),
            PartKind::Value(t) => type_tokens(t, TypeContext::Operations),
        };
        let t = if f.required { t } else { quote!(Option<#t>) };
        let docs = doc_attrs_or(&f.docs, || format!("The `{}` part.", f.wire_name));
        quote!(#docs pub #n: #t,)
    });
    let steps = m.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let w = &f.wire_name;
        match (&f.kind, f.required) {
            (PartKind::File, true) => quote!(body = body.file(#w, parts.#n);),
            (PartKind::File, false) => quote! {
                if let Some(file) = parts.#n { body = body.file(#w, file); }
            },
            (PartKind::Files, true) => quote!(body = body.files(#w, parts.#n);),
            (PartKind::Files, false) => quote! {
                body = body.files(#w, parts.#n.unwrap_or_default());
            },
            (PartKind::Value(t), required) => {
                let value = super::codecs::wrap(t, !required, quote!(parts.#n));
                quote!(body = body.field(#w, &#value);)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            #(#fields)*
        }

        impl From<#name> for runtime::Multipart {
            fn from(parts: #name) -> Self {
                let mut body = runtime::Multipart::new();
                #(#steps)*
                body
            }
        }
    }
}
