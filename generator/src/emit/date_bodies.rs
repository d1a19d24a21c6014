//! Top-level date and date-time response bodies: decoded through the runtime's wire codecs
//! (`runtime::Via<runtime::wire::Date>`), as a date field of a model is, so that the text the
//! service sends (`"2024-05-01"`) reads as a `time::Date`. Requests wrap the value the same way
//! (`bodies::with_body`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeRef;

/// `, runtime::Via<codec>` for a date or date-time body (`optional`: `null` or no body is
/// `None`), or `None` for a body plain JSON decoding reads.
pub fn decoder(ty: &TypeRef, optional: bool) -> Option<TokenStream> {
    let codec = match (ty, optional) {
        (TypeRef::Date, false) => quote!(Date),
        (TypeRef::Date, true) => quote!(OptionalDate),
        (TypeRef::DateTime, false) => quote!(DateTime),
        (TypeRef::DateTime, true) => quote!(OptionalDateTime),
        _ => return None,
    };
    Some(quote!(, runtime::Via<runtime::wire::#codec>))
}
