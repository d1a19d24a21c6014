//! The client's security schemes as code: the `Authentication` trait with one builder call per
//! scheme, the Entra ID scope the builder starts with, and the requirement each request
//! carries.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident};
use crate::ir::*;

/// The schemes with builder calls of their own (Entra ID uses the runtime's `credential`).
fn offered(api: &Api) -> impl Iterator<Item = &SecurityScheme> {
    api.security_schemes
        .iter()
        .filter(|s| !matches!(s.kind, SecuritySchemeKind::EntraId { .. }))
}

/// `.scope(…)` for the builder when an Entra ID requirement names a resource scope.
pub fn builder_scope(api: &Api) -> TokenStream {
    let scope = api.security_schemes.iter().find_map(|s| match &s.kind {
        SecuritySchemeKind::EntraId { scope } => scope.as_deref(),
        _ => None,
    });
    match scope {
        Some(scope) => quote!(.scope(#scope)),
        None => quote!(),
    }
}

/// `.security(&[…])` on an operation's request, when it carries a requirement.
pub fn request_requirement(op: &Operation) -> TokenStream {
    match &op.security {
        None => quote!(),
        Some(alternatives) => {
            let alternatives = alternatives.iter().map(|names| quote!(&[#(#names),*]));
            quote!(.security(&[#(#alternatives),*]))
        }
    }
}

/// A line for the crate docs' example: the first scheme's builder call.
pub fn example_call(api: &Api) -> Option<String> {
    let s = offered(api).next()?;
    let m = &s.method;
    Some(match &s.kind {
        SecuritySchemeKind::ApiKey { .. } => format!("     .{m}(\"<key>\")"),
        SecuritySchemeKind::Basic => format!("     .{m}(\"<user>\", \"<password>\")"),
        SecuritySchemeKind::Bearer { .. } => format!("     .{m}(\"<token>\")"),
        SecuritySchemeKind::OAuth2ClientCredentials { .. } => {
            let stem = m.trim_end_matches('_');
            format!("     .{stem}_client_credentials(\"<client id>\", \"<client secret>\")")
        }
        SecuritySchemeKind::EntraId { .. } => return None,
    })
}

/// The `Authentication` trait, implemented for this client's builder; nothing when the spec
/// has no scheme besides Entra ID.
pub fn builder_trait(api: &Api) -> TokenStream {
    let schemes: Vec<&SecurityScheme> = offered(api).collect();
    if schemes.is_empty() {
        return quote!();
    }
    let client = format_ident!("{}", api.client_name);
    let mut signatures = Vec::new();
    let mut bodies = Vec::new();
    for s in &schemes {
        for (doc, signature, body) in calls(s) {
            let docs = doc_attrs(&scheme_docs(s, &doc));
            signatures.push(quote!(#docs #signature;));
            bodies.push(quote!(#signature { #body }));
        }
    }
    let names: Vec<String> = schemes.iter().map(|s| format!("`{}`", s.name)).collect();
    let trait_doc = [
        " The spec's security schemes, one builder call each: `use` this trait, then call them on"
            .to_string(),
        format!(" [`{client}::builder`]. Schemes: {}.", names.join(", ")),
        String::new(),
        " Each operation sends the credentials its security requirement names, only to the".into(),
        " client's endpoint (see the runtime's auth policy); anonymous operations send none."
            .into(),
    ];
    quote! {
        #(#[doc = #trait_doc])*
        pub trait Authentication: Sized {
            #(#signatures)*
        }

        impl Authentication for runtime::ClientBuilder<#client> {
            #(#bodies)*
        }
    }
}

fn scheme_docs(s: &SecurityScheme, what: &str) -> Docs {
    let mut lines = vec![format!("{what}."), String::new()];
    match s.docs.0.split_first() {
        Some((first, rest)) => {
            lines.push(format!("Security scheme `{}`: {first}", s.name));
            lines.extend(rest.iter().cloned());
        }
        None => lines.push(format!("Security scheme `{}`.", s.name)),
    }
    Docs(lines)
}

/// The builder calls for one scheme: (what it does, signature, body).
fn calls(s: &SecurityScheme) -> Vec<(String, TokenStream, TokenStream)> {
    let name = &s.name;
    let m = ident(&s.method);
    // `type_` (a keyword escaped) gets `type_provider`, not `type__provider`.
    let stem = s.method.trim_end_matches('_');
    let provider = format_ident!("{stem}_provider");
    let set = |credential: TokenStream| quote!(self.security_scheme(#name, #credential));
    let token_calls = |scopes: &[String], what: &str| {
        vec![
            (
                format!("Sends this fixed {what} as `Authorization: Bearer`"),
                quote!(fn #m(self, token: impl Into<runtime::Secret>) -> Self),
                set(quote!(
                    runtime::credentials::SchemeCredential::bearer_token(token)
                )),
            ),
            (
                format!("Sends {what}s from this provider (cached, refreshed before expiry)"),
                quote!(fn #provider(self, credential: impl runtime::credentials::TokenCredential + 'static) -> Self),
                set(
                    quote!(runtime::credentials::SchemeCredential::token_provider(credential, &[#(#scopes),*])),
                ),
            ),
        ]
    };
    match &s.kind {
        SecuritySchemeKind::ApiKey { location, param } => {
            let (loc, where_) = match location {
                ApiKeyLocation::Header => (quote!(Header), "header"),
                ApiKeyLocation::Query => (quote!(Query), "query parameter"),
                ApiKeyLocation::Cookie => (quote!(Cookie), "cookie"),
            };
            vec![(
                format!("Sends this API key as the `{param}` {where_}"),
                quote!(fn #m(self, key: impl Into<runtime::Secret>) -> Self),
                set(quote!(runtime::credentials::SchemeCredential::api_key(
                    runtime::credentials::ApiKeyLocation::#loc, #param, key
                ))),
            )]
        }
        SecuritySchemeKind::Basic => vec![(
            "Sends this user and password as HTTP basic authentication".into(),
            quote!(fn #m(self, user: impl Into<String>, password: impl Into<runtime::Secret>) -> Self),
            set(quote!(runtime::credentials::SchemeCredential::basic(
                user, password
            ))),
        )],
        SecuritySchemeKind::Bearer { scopes } => token_calls(scopes, "bearer token"),
        SecuritySchemeKind::OAuth2ClientCredentials { token_url, scopes } => {
            let cc = format_ident!("{stem}_client_credentials");
            let mut calls = vec![(
                format!("Gets OAuth2 tokens with this client id and secret (client-credentials grant at `{token_url}`)"),
                quote!(fn #cc(self, client_id: impl Into<String>, client_secret: impl Into<runtime::Secret>) -> Self),
                set(quote!(runtime::credentials::SchemeCredential::oauth2_client_credentials(
                    #token_url, &[#(#scopes),*], client_id, client_secret
                ))),
            )];
            calls.extend(token_calls(scopes, "OAuth2 token"));
            calls
        }
        SecuritySchemeKind::EntraId { .. } => Vec::new(),
    }
}
