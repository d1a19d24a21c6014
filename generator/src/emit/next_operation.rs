//! The `.next_operation(…)` of a paged list whose later pages another operation fetches
//! (`x-ms-pageable.operationName`): a closure over a clone of the client and of the
//! arguments the next operation shares with this one, calling its generated method.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{NextArgument, Operation, OperationKind, TypeRef};

/// `.next_operation(…)` for `op`, or nothing. `client` is the generated client (`self.0`,
/// `self`), cloned into the closure.
pub fn call(op: &Operation, client: &TokenStream) -> TokenStream {
    let OperationKind::Paged {
        next_operation: Some(next),
        ..
    } = &op.kind
    else {
        return TokenStream::new();
    };
    let mut captures = Vec::new();
    let args: Vec<TokenStream> = next
        .args
        .iter()
        .map(|a| match a {
            NextArgument::NextLink => quote!(page_link),
            NextArgument::Param(name, ty) => {
                let n = ident(name);
                // Arguments are borrowed strings or `Copy` scalars (lowering checks).
                if *ty == TypeRef::String {
                    captures.push(quote!(let #n = #n.to_owned();));
                    quote!(&#n)
                } else {
                    quote!(#n)
                }
            }
            // The method keeps its group whole for this (see `operations::destructure`).
            NextArgument::Group(name) => {
                let n = ident(name);
                quote!(#n.clone())
            }
        })
        .collect();
    let accessor = next.group.as_deref().map(|g| {
        let g = ident(g);
        quote!(.#g())
    });
    let method = ident(&next.method);
    let into_call = next.builder.then(|| quote!(.into_call()));
    // A next operation may take no link at all (its own path and constants make the request).
    let link = if next.args.contains(&NextArgument::NextLink) {
        quote!(page_link)
    } else {
        quote!(_)
    };
    quote! {
        .next_operation({
            let next_client = #client.clone();
            #(#captures)*
            move |#link: &str| next_client #accessor .#method(#(#args),*) #into_call
        })
    }
}
