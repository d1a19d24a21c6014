//! Formatted values on the wire: the runtime codec (`apigen_runtime::wire::Codec`) for a type
//! that serde alone would write the wrong way (dates, date-times, RFC 1123 date-times, base64
//! and base64url bytes), lifted through `Vec` and maps as deep as the type goes, and the code
//! that puts a value through it wherever the value crosses the wire: model fields, request
//! bodies, parameters and response bodies. Types whose serde form is the wire form (uuids,
//! ISO 8601 durations) have none.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeRef;

/// The codec type for `ty` under the runtime path `root` (`apigen_runtime` or `runtime`), or
/// `None` when plain serde writes it right.
pub(crate) fn codec(ty: &TypeRef, root: &TokenStream) -> Option<TokenStream> {
    let w = quote!(#root::wire);
    Some(match ty {
        TypeRef::DateTime => quote!(#w::DateTime),
        TypeRef::Date => quote!(#w::Date),
        TypeRef::DateTimeRfc1123 => quote!(#w::Rfc1123),
        TypeRef::Bytes => quote!(#w::Base64),
        TypeRef::Base64Url => quote!(#w::Base64Url),
        TypeRef::Vec(item) => {
            let item = codec(item, root)?;
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = codec(value, root)?;
            quote!(std::collections::BTreeMap<String, #value>)
        }
        // A nullable item or value: the runtime's `Option` codec writes and reads `null`.
        TypeRef::Nullable(inner) => {
            let inner = codec(inner, root)?;
            quote!(Option<#inner>)
        }
        _ => return None,
    })
}

/// `value` (of type `ty`, or `Option` of it when `optional`) wrapped so that the runtime
/// writes it through its codec; unchanged when it has none. Scalar dates keep their newtypes.
pub(crate) fn wrap(ty: &TypeRef, optional: bool, value: TokenStream) -> TokenStream {
    let root = quote!(runtime);
    let newtype = match ty {
        TypeRef::DateTime => Some(quote!(runtime::wire::DateTime)),
        TypeRef::Date => Some(quote!(runtime::wire::Date)),
        TypeRef::DateTimeRfc1123 => Some(quote!(runtime::wire::Rfc1123)),
        _ => None,
    };
    match (newtype, optional) {
        (Some(n), false) => return quote!(#n(#value)),
        (Some(n), true) => return quote!(#value.map(#n)),
        (None, _) => {}
    }
    match codec(ty, &root) {
        Some(c) if optional => quote!(runtime::wire::Coded::<Option<#c>, _>::new(#value)),
        Some(c) => quote!(runtime::wire::Coded::<#c, _>::new(#value)),
        None => value,
    }
}

/// `, runtime::Via<codec>` or `, runtime::wire::Coded<codec, T>` for a response body of type
/// `ty` (written `t`) that needs a codec (`optional`: `null` or no body is `None`), or `None`
/// for a body plain JSON decoding reads.
pub(crate) fn decoder(ty: &TypeRef, t: &TokenStream, optional: bool) -> Option<TokenStream> {
    // Scalar dates through the `Via` newtypes, which also read `""` as no date.
    let via = match (ty, optional) {
        (TypeRef::Date, false) => Some(quote!(Date)),
        (TypeRef::Date, true) => Some(quote!(OptionalDate)),
        (TypeRef::DateTime, false) => Some(quote!(DateTime)),
        (TypeRef::DateTime, true) => Some(quote!(OptionalDateTime)),
        _ => None,
    };
    if let Some(via) = via {
        return Some(quote!(, runtime::Via<runtime::wire::#via>));
    }
    let c = codec(ty, &quote!(runtime))?;
    Some(if optional {
        quote!(, runtime::wire::Coded<Option<#c>, Option<#t>>)
    } else {
        quote!(, runtime::wire::Coded<#c, #t>)
    })
}
