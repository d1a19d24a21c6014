//! `tests/conformance.rs`: replays the spec's `x-ms-examples` through the generated client.
//!
//! For every operation that references examples, one case: where its example files are, how
//! the request is shaped (method, path template, query and header parameters, body), what kind
//! of call it is, and a function that calls the operation through the PUBLIC API with the
//! example's parameter values converted to the typed arguments, returning the typed result
//! re-serialised. The loopback server, request matching, response replay (pages, polling),
//! comparison and the summary are generic and live in `apigen_runtime::testing`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::operations::has_builder;
use super::{ident, type_tokens, TypeContext};
use crate::ir::*;

pub fn conformance_file(api: &Api, crate_name: &str, options: &super::Conformance) -> TokenStream {
    let spec_base = &options.spec_base;
    let allow_list = format!("/{}", options.allow_list);
    let krate = format_ident!("{}", crate_name.replace('-', "_"));
    let client = format_ident!("{}", api.client_name);
    let mut cases = Vec::new();
    let mut runners = Vec::new();
    let ops = api.root_operations.iter().map(|op| (None, op)).chain(
        api.groups
            .iter()
            .flat_map(|g| g.operations.iter().map(move |op| (Some(g), op))),
    );
    for (group, op) in ops {
        let body_from_example = op
            .body
            .as_ref()
            .is_none_or(|b| super::bodies::example_type(b).is_some());
        // An operation with parameter groups is left out for now: its runner would have to
        // build each group from the example's parameters.
        if op.examples.is_empty() || !body_from_example || !op.groups.is_empty() {
            continue;
        }
        let runner = format_ident!(
            "run_{}_{}",
            group.map_or("root", |g| g.module.as_str()),
            op.method
        );
        runners.push(runner_fn(&client, group, op, &runner));
        let id = &op.operation_id;
        let method = op.http_method.as_str();
        let path = &op.path;
        let spec_dir = std::path::Path::new(&op.source_file)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let examples = op.examples.iter().map(|(name, file)| {
            let file = format!("/{spec_base}/{spec_dir}/{file}");
            quote!((#name, concat!(env!("CARGO_MANIFEST_DIR"), #file)))
        });
        let query: Vec<&str> = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .map(|p| p.wire_name.as_str())
            .collect();
        let headers: Vec<&str> = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Header)
            .map(|p| p.wire_name.as_str())
            .collect();
        let constants = op.params.iter().filter_map(|p| {
            let ParamRole::Constant(c) = &p.role else {
                return None;
            };
            let w = &p.wire_name;
            Some(quote!((#w, #c)))
        });
        let body = match op.body.as_ref().and_then(|b| body_wire_name(op, b)) {
            Some(name) => quote!(Some(#name)),
            None => quote!(None),
        };
        let shape = match &op.kind {
            OperationKind::Plain if op.exists => quote!(testing::Shape::Exists),
            OperationKind::Plain => quote!(testing::Shape::Plain),
            OperationKind::Paged {
                item_name,
                next_link_name,
                ..
            } => {
                let next = match next_link_name {
                    Some(n) => quote!(Some(#n)),
                    None => quote!(None),
                };
                quote!(testing::Shape::Paged { item_name: #item_name, next_link_name: #next })
            }
            OperationKind::LongRunning { .. } => quote!(testing::Shape::LongRunning),
        };
        cases.push(quote! {
            testing::Case {
                operation_id: #id,
                examples: &[#(#examples),*],
                method: #method,
                path: #path,
                query: &[#(#query),*],
                headers: &[#(#headers),*],
                constants: &[#(#constants),*],
                body: #body,
                shape: #shape,
                run: #runner,
            },
        });
    }
    let client_params = api.client_params.iter().map(|p| p.wire_name.as_str());
    let builder_args = api.client_params.iter().filter(|p| p.required).map(|p| {
        let w = &p.wire_name;
        quote!(params.string(#w)?)
    });
    let optional_client_params = api.client_params.iter().filter(|p| !p.required).map(|p| {
        let w = &p.wire_name;
        let with = format_ident!("with_{}", p.rust_name.trim_start_matches("r#"));
        quote! {
            if let Some(v) = params.optional::<String>(#w)? {
                client = client.#with(v);
            }
        }
    });
    let client_mut = api
        .client_params
        .iter()
        .any(|p| !p.required)
        .then(|| quote!(mut));
    quote! {
        //! Conformance: every `x-ms-examples` file of the spec that is present is replayed through
        //! the public API against a loopback server (see `apigen_runtime::testing`). Run with
        //! `cargo test`; prints a summary. Allowed differences are listed in the allow-list file.
        use #krate::runtime::testing;
        use #krate::runtime::testing::{Params, RunResult};
        use #krate::{models, #client};

        fn main() -> std::process::ExitCode {
            testing::run_cases(&testing::Suite {
                name: env!("CARGO_PKG_NAME"),
                allow_list: concat!(env!("CARGO_MANIFEST_DIR"), #allow_list),
                client_params: &[#(#client_params),*],
                cases: CASES,
            })
        }

        /// A client for one case, pointed at the case's loopback server.
        fn client(endpoint: &str, params: &Params) -> Result<#client, testing::BoxError> {
            let #client_mut client = #client::builder(#(#builder_args),*)
                .endpoint(endpoint)?
                .credential(#krate::runtime::credentials::StaticTokenCredential::new("conformance-token"))
                .retry(testing::no_retries())
                .build()?;
            #(#optional_client_params)*
            Ok(client)
        }

        const CASES: &[testing::Case] = &[#(#cases)*];

        #(#runners)*
    }
}

/// The example parameter that carries the body: the body parameter's wire name.
fn body_wire_name(_op: &Operation, body: &Body) -> Option<String> {
    Some(body.wire_name.clone())
}

fn arg_expr(p: &Param) -> TokenStream {
    let w = &p.wire_name;
    match &p.ty {
        TypeRef::String => quote!(&params.string(#w)?),
        other => {
            let (t, unwrap) = example_type(other);
            quote!(params.value::<#t>(#w)? #unwrap)
        }
    }
}

/// The type an example's parameter value is read as, and how to get the argument from it:
/// dates go through the runtime's tolerant parsers, as they do in models.
fn example_type(ty: &TypeRef) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::DateTime => (quote!(apigen_runtime::wire::DateTime), quote!(.0)),
        TypeRef::Date => (quote!(apigen_runtime::wire::Date), quote!(.0)),
        other => {
            let t = type_tokens(other, TypeContext::Operations);
            match super::codecs::codec(other, &quote!(apigen_runtime)) {
                Some(c) => (quote!(apigen_runtime::wire::Coded<#c, #t>), quote!(.0)),
                None => (t, quote!()),
            }
        }
    }
}

fn runner_fn(
    client: &proc_macro2::Ident,
    group: Option<&Group>,
    op: &Operation,
    runner: &proc_macro2::Ident,
) -> TokenStream {
    let method = ident(&op.method);
    let target = match group {
        Some(g) => {
            let m = ident(&g.module);
            quote!(client.#m().#method)
        }
        None => quote!(client.#method),
    };
    let mut args: Vec<TokenStream> = op.positional().map(arg_expr).collect();
    if let Some(body) = &op.body {
        let w = &body.wire_name;
        // Operations whose body an example cannot give are left out of the cases.
        let t = super::bodies::example_type(body).unwrap_or_else(|| quote!(String));
        args.push(match (body.required, body.alternatives.is_empty()) {
            (true, _) => quote!(params.value::<#t>(#w)?),
            (false, true) => quote!(params.optional::<#t>(#w)?),
            (false, false) => quote!(params.optional::<#t>(#w)?.map(Into::into)),
        });
    }
    let optional: Vec<TokenStream> = if has_builder(op) {
        op.optional()
            .map(|p| {
                let n = ident(&p.rust_name);
                let w = &p.wire_name;
                let (t, pass) = match &p.ty {
                    TypeRef::String => (quote!(String), quote!(&v)),
                    other => {
                        let (t, unwrap) = example_type(other);
                        (t, quote!(v #unwrap))
                    }
                };
                quote! {
                    if let Some(v) = params.optional::<#t>(#w)? {
                        call = call.#n(#pass);
                    }
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let finish = match &op.kind {
        OperationKind::Paged { .. } => quote!(testing::collect(call.into_stream()).await),
        _ => quote!(testing::to_json(call.await?)),
    };
    let mutability = (!optional.is_empty()).then(|| quote!(mut));
    let _ = client;
    quote! {
        fn #runner<'a>(endpoint: &'a str, params: &'a Params) -> RunResult<'a> {
            Box::pin(async move {
                let client = client(endpoint, params)?;
                let #mutability call = #target(#(#args),*);
                #(#optional)*
                #finish
            })
        }
    }
}
