//! `operations/`: one module per operation group with its handle type, the operation methods,
//! and a builder type for each operation that has optional parameters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::bodies;
use super::shared_docs::SharedDocs;
use super::{doc_attrs_or, ident, type_tokens, TypeContext};
use crate::docs::push_paragraph;
use crate::ir::*;

/// `operations/mod.rs`: the builder macro, the group modules, and builders of root operations.
pub fn mod_file(api: &Api) -> TokenStream {
    let modules = api.groups.iter().map(|g| {
        let module = ident(&g.module);
        let ty = format_ident!("{}", g.type_name);
        let cfg = super::features::group_cfg(g);
        quote! {
            #cfg
            pub mod #module;
            #cfg
            pub use #module::#ty;
        }
    });
    // Root methods live on the client in `lib.rs`, so they construct their builders from
    // outside this module: the builder's call field is visible to the crate.
    let builders: Vec<TokenStream> = api
        .root_operations
        .iter()
        .filter_map(builder)
        .chain(api.root_operations.iter().map(bodies::body_types))
        .collect();
    // The generic builder the operations with optional parameters return, defined once here.
    let any_builder = api
        .root_operations
        .iter()
        .chain(api.groups.iter().flat_map(|g| &g.operations))
        .any(has_builder);
    let builder_type = any_builder.then(|| quote!(runtime::operation_builders!();));
    let uses = uses_for(&quote!(#builder_type #(#builders)*));
    let doc = match api.groups.first() {
        Some(g) => vec![
            format!(
                " Operation groups. Each group is reached from the client, e.g. `client.{}()`, and",
                g.module
            ),
            " each operation with optional parameters returns a builder of the same name.".into(),
        ],
        None => vec![" Builders of the client's operations that have optional parameters.".into()],
    };
    quote! {
        #(#![doc = #doc])*
        #uses

        #builder_type
        #(#modules)*
        #(#builders)*
    }
}

/// `use` lines for whatever a module's items mention, so none is unused.
fn uses_for(items: &TokenStream) -> TokenStream {
    let text = items.to_string();
    let models = text.contains("models ::").then(|| {
        quote!(
            use crate::models;
        )
    });
    let runtime = text.contains("runtime ::").then(|| {
        quote!(
            use crate::runtime;
        )
    });
    quote!(#models #runtime)
}

pub fn group_file(api: &Api, group: &Group, shared: &SharedDocs) -> TokenStream {
    let ty = format_ident!("{}", group.type_name);
    let client = format_ident!("{}", api.client_name);
    let accessor = &group.module;
    let doc = format!(
        " Operations of the `{}` group: `client.{accessor}()`.",
        group.type_name.trim_end_matches("Client")
    );
    let methods = group
        .operations
        .iter()
        .map(|op| method(op, &quote!(self.0), &quote!(), shared));
    let builders: Vec<TokenStream> = group
        .operations
        .iter()
        .filter_map(builder)
        .chain(group.operations.iter().map(bodies::body_types))
        .collect();
    let body = quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        pub struct #ty<'a>(pub(crate) &'a crate::#client);

        impl #ty<'_> {
            #(#methods)*
        }

        #(#builders)*
    };
    let uses = uses_for(&body);
    let module_doc = format!(
        " `client.{accessor}()`: the `{}` operation group.",
        group.type_name.trim_end_matches("Client")
    );
    quote! {
        #![doc = #module_doc]
        #uses
        #body
    }
}

/// The runtime call type an operation returns, e.g. `runtime::Call<models::X>`.
pub fn call_type(op: &Operation) -> TokenStream {
    let (t, d) = response_types(&op.response);
    match &op.kind {
        OperationKind::Plain if op.exists => quote!(runtime::ExistsCall),
        OperationKind::Plain => quote!(runtime::Call<#t #d>),
        OperationKind::Paged { item, .. } => {
            let item = type_tokens(item, TypeContext::Operations);
            quote!(runtime::PagedCall<#item>)
        }
        OperationKind::LongRunning { .. } => quote!(runtime::LroCall<#t #d>),
    }
}

/// (body type, `, Decoder` when not JSON)
fn response_types(shape: &ResponseShape) -> (TokenStream, Option<TokenStream>) {
    match shape {
        ResponseShape::Empty => (quote!(()), Some(quote!(, runtime::NoBody))),
        ResponseShape::Json(ty) => {
            let t = type_tokens(ty, TypeContext::Operations);
            let decoder = super::codecs::decoder(ty, &t, false);
            (t, decoder)
        }
        ResponseShape::OptionalJson(ty) => {
            let t = type_tokens(ty, TypeContext::Operations);
            let decoder = super::codecs::decoder(ty, &t, true);
            (quote!(Option<#t>), decoder)
        }
        ResponseShape::Text => (quote!(String), Some(quote!(, runtime::Text))),
        ResponseShape::Binary => (quote!(Vec<u8>), Some(quote!(, runtime::Binary))),
        ResponseShape::Xml { ty, root, optional } => {
            super::xml::response_types(ty, root, *optional)
        }
    }
}

/// Whether the operation gets a builder type (it has optional inputs).
pub fn has_builder(op: &Operation) -> bool {
    op.optional().next().is_some() || op.optional_groups().next().is_some()
}

/// The type of a parameter group, e.g. `crate::parameter_groups::FirstParameterGroup`.
pub fn group_type(group: &GroupArg) -> TokenStream {
    let t = format_ident!("{}", group.type_name);
    quote!(crate::parameter_groups::#t)
}

/// `let Group { field: local, .. } = group;`: the group's fields as the locals the request
/// reads, as if they were the operation's own arguments. A group the next operation of a
/// paged list takes too is destructured from a clone, so the pager keeps it whole.
fn destructure(op: &Operation, group: &GroupArg) -> TokenStream {
    let t = group_type(group);
    let n = ident(&group.rust_name);
    let forwarded = matches!(
        &op.kind,
        OperationKind::Paged { next_operation: Some(next), .. }
            if next.args.contains(&NextArgument::Group(group.rust_name.clone()))
    );
    let value = if forwarded {
        quote!(#n.clone())
    } else {
        quote!(#n)
    };
    let fields = group.members.iter().map(|(field, local)| {
        let f = ident(field);
        let l = ident(local);
        if field == local {
            quote!(#f)
        } else {
            quote!(#f: #l)
        }
    });
    quote!(let #t { #(#fields,)* .. } = #value;)
}

/// Type of a positional argument: borrowed for strings, owned otherwise.
pub fn arg_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        other => type_tokens(other, TypeContext::Operations),
    }
}

/// The method's docs: the operation's, then its arguments as a list (a description many
/// groups share is linked, not repeated), optional parameters, how to finish the call, and
/// the response headers the spec documents.
fn method_docs(op: &Operation, shared: &SharedDocs) -> Docs {
    let mut docs = op.docs.clone();
    let body = op
        .body
        .iter()
        .filter(|b| b.required)
        .map(|b| (b.rust_name.as_str(), &b.docs));
    // The signature names every argument; the list adds what the spec says about them.
    let group_docs: Vec<(&str, Docs)> = op
        .required_groups()
        .map(|g| {
            let line = format!(
                "the parameter group [`{0}`](crate::parameter_groups::{0}).",
                g.type_name
            );
            (g.rust_name.as_str(), Docs(vec![line]))
        })
        .collect();
    let arguments: Vec<(&str, &Docs)> = op
        .positional()
        .map(|p| (p.rust_name.as_str(), &p.docs))
        .chain(group_docs.iter().map(|(n, d)| (*n, d)))
        .chain(body.filter(|_| !op.body.as_ref().is_some_and(|b| b.grouped)))
        .filter(|(_, docs)| !docs.is_empty())
        .collect();
    if !arguments.is_empty() {
        if !docs.is_empty() {
            docs.0.push(String::new());
        }
        docs.0.push("# Arguments".into());
        for (name, text) in arguments {
            docs.0.extend(argument_item(name, text, shared));
        }
    }
    let optional: Vec<String> = op
        .optional()
        .map(|p| p.rust_name.as_str())
        .chain(op.optional_groups().map(|g| g.rust_name.as_str()))
        .map(|n| format!("`.{n}()`"))
        .collect();
    if !optional.is_empty() {
        push_paragraph(
            &mut docs,
            &format!("Optional parameters: {}.", optional.join(", ")),
        );
    }
    match &op.kind {
        OperationKind::Paged { .. } => push_paragraph(
            &mut docs,
            "Pageable: `.into_stream()` yields the items of every page.",
        ),
        OperationKind::LongRunning { .. } => push_paragraph(
            &mut docs,
            "Long-running: `.await` waits for the final result; `.begin()` returns a poller.",
        ),
        OperationKind::Plain if op.exists => push_paragraph(
            &mut docs,
            "Existence check: `.await` yields `true` for a 2xx, `false` for a 404.",
        ),
        OperationKind::Plain => {}
    }
    if !op.response_headers.is_empty() {
        let list: Vec<String> = op
            .response_headers
            .iter()
            .map(|(n, d)| {
                if d.is_empty() {
                    format!("`{n}`")
                } else {
                    format!("`{n}`: {d}")
                }
            })
            .collect();
        // Only a plain call hands the response to the caller; pagers and pollers read it.
        let intro = match op.kind {
            OperationKind::Plain => "Response headers (see `.send()`)",
            _ => "Response headers the service documents",
        };
        push_paragraph(&mut docs, &format!("{intro}: {}", list.join("; ")));
    }
    docs
}

/// One bullet of the argument list: the name and its description, or a link to the shared
/// description. Continuation lines are indented so that they stay in the item.
fn argument_item(name: &str, docs: &Docs, shared: &SharedDocs) -> Vec<String> {
    if let Some(anchor) = shared.anchor(name, docs) {
        return vec![format!("- [`{name}`](crate::parameters#{anchor})")];
    }
    let mut lines = docs.0.iter();
    let first = lines.next().map(String::as_str).unwrap_or_default();
    let mut item = vec![format!("- `{name}`: {first}")];
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if std::mem::take(&mut blank) {
            item.push(String::new());
        }
        item.push(format!("  {line}"));
    }
    item
}

/// The operation method. `client` is the expression for the generated client (`self.0`, `self`).
pub fn method(
    op: &Operation,
    client: &TokenStream,
    builders: &TokenStream,
    shared: &SharedDocs,
) -> TokenStream {
    let name = ident(&op.method);
    let docs = doc_attrs_or(&method_docs(op, shared), || {
        format!(
            "`{}`: `{} {}`.",
            op.operation_id,
            op.http_method.as_str(),
            op.path
        )
    });

    let mut args = Vec::new();
    for p in op.positional() {
        let n = ident(&p.rust_name);
        let t = arg_type(&p.ty);
        args.push(quote!(#n: #t));
    }
    for g in op.required_groups() {
        let n = ident(&g.rust_name);
        let t = group_type(g);
        args.push(quote!(#n: #t));
    }
    let destructured = op.required_groups().map(|g| destructure(op, g));
    let destructured = quote!(#(#destructured)*);
    if let Some(body) = op.body.as_ref().filter(|b| !b.grouped) {
        let n = ident(&body.rust_name);
        let t = bodies::argument_type(body, builders);
        args.push(quote!(#n: #t));
    }

    let verb = format_ident!("{}", op.http_method.as_str());
    let path = &unencoded_placeholders(op);
    let path_args: Vec<TokenStream> = op
        .path_args()
        .into_iter()
        .map(|p| value_expr(p, client, true))
        .collect();
    let mut chain = Vec::new();
    // A method's own api-version replaces the client's; unset, none is sent.
    if op
        .params
        .iter()
        .any(|p| p.wire_name == "api-version" && p.location == ParamLocation::Query)
    {
        chain.push(quote!(.own_api_version()));
    }
    // What the builder sets (optional parameters, optional groups) is not sent here.
    let in_optional_group = |p: &Param| {
        op.optional_groups()
            .any(|g| g.members.iter().any(|(_, local)| *local == p.rust_name))
    };
    for p in op.params.iter().filter(|p| {
        p.location != ParamLocation::Path && p.role != ParamRole::Optional && !in_optional_group(p)
    }) {
        let value = value_expr(p, client, false);
        chain.push(setter_call(p, value));
    }
    chain.push(super::security::request_requirement(op));
    chain.push(success_statuses(op));
    let base = quote! {
        #client.runtime.request(runtime::Method::#verb, PATH, &[#(#path_args),*]) #(#chain)*
    };
    let finish = finish_call(op);
    let next = super::next_operation::call(op, client);
    let finish = quote!(#finish #next);
    let call_ty = call_type(op);
    let request = match &op.body {
        None => quote!(#base #finish),
        Some(body) => bodies::with_body(body, base, finish, builders),
    };
    if has_builder(op) {
        let b = format_ident!("{}", op.builder_name);
        quote! {
            #docs
            pub fn #name(&self, #(#args),*) -> #builders #b {
                // A const, not a `let`: parameters are snake_case, so none can shadow it.
                const PATH: &str = #path;
                #destructured
                #builders #b::new(#request)
            }
        }
    } else {
        quote! {
            #docs
            pub fn #name(&self, #(#args),*) -> #call_ty {
                const PATH: &str = #path;
                #destructured
                #request
            }
        }
    }
}

/// `.statuses(&[..])` for a plain call whose spec lists its answers (pagers and pollers read
/// their own statuses; an existence check reads 404 as `false`).
fn success_statuses(op: &Operation) -> TokenStream {
    match (&op.kind, op.exists, &op.success_statuses) {
        (OperationKind::Plain, false, Some(statuses)) => {
            let statuses = statuses
                .iter()
                .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
            quote!(.statuses(&[#(#statuses),*]))
        }
        _ => quote!(),
    }
}

fn finish_call(op: &Operation) -> TokenStream {
    match &op.kind {
        OperationKind::Plain if op.exists => quote!(.exists()),
        OperationKind::Plain => quote!(.call()),
        OperationKind::Paged {
            item_name,
            next_link_name,
            ..
        } => {
            let next = match next_link_name {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            quote!(.paged(#item_name, #next))
        }
        OperationKind::LongRunning { final_state } => {
            let state = format_ident!("{}", format!("{final_state:?}"));
            quote!(.lro(runtime::FinalState::#state))
        }
    }
}

/// The value sent for a parameter: the argument, the client's field, or the spec's constant.
fn value_expr(p: &Param, client: &TokenStream, in_path: bool) -> TokenStream {
    let n = ident(&p.rust_name);
    match &p.role {
        ParamRole::Constant(value) | ParamRole::Defaulted(value) => quote!(#value),
        ParamRole::Client => quote!(&#client.#n),
        // A group's field is owned: a path's text is borrowed from it.
        ParamRole::Grouped { .. } if in_path && p.ty == TypeRef::String => quote!(#n.as_str()),
        ParamRole::Grouped { required: false } => encoded(p, quote!(#n), true),
        ParamRole::Positional | ParamRole::Optional | ParamRole::Grouped { .. } => {
            match (&p.ty, in_path) {
                (TypeRef::String, true) => quote!(#n),
                (_, true) => {
                    let value = encoded(p, quote!(#n), false);
                    quote!(&runtime::wire::path_text(&#value))
                }
                (_, false) => encoded(p, quote!(#n), false),
            }
        }
    }
}

/// The path template with `{+name}` (sent unencoded, RFC 6570 reserved expansion) for each
/// `x-ms-skip-url-encoding` path parameter.
fn unencoded_placeholders(op: &Operation) -> String {
    op.params
        .iter()
        .filter(|p| p.location == ParamLocation::Path && p.style == ParamStyle::Unencoded)
        .fold(op.path.clone(), |path, p| {
            path.replace(
                &format!("{{{}}}", p.wire_name),
                &format!("{{+{}}}", p.wire_name),
            )
        })
}

/// The runtime call that adds a query, header or cookie parameter with `value`.
fn setter_call(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.wire_name;
    match (p.location, p.style) {
        (ParamLocation::Query, ParamStyle::Repeated) => quote!(.query_each(#wire, #value)),
        (ParamLocation::Query, ParamStyle::Unencoded) => quote!(.query_raw(#wire, #value)),
        (ParamLocation::Query, ParamStyle::Styled(style)) => {
            let style = style_tokens(style);
            quote!(.query_styled(#wire, #style, #value))
        }
        (ParamLocation::Query, _) => quote!(.query(#wire, #value)),
        (ParamLocation::Cookie, _) => quote!(.cookie(#wire, #value)),
        (_, ParamStyle::Styled(style)) => {
            let style = style_tokens(style);
            quote!(.header_styled(#wire, #style, #value))
        }
        _ => quote!(.header(#wire, #value)),
    }
}

/// The runtime's `wire::Style` value for a style.
fn style_tokens(style: Style) -> TokenStream {
    let style = match style {
        Style::Form { explode } => quote!(Form { explode: #explode }),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
        Style::Simple { explode } => quote!(Simple { explode: #explode }),
    };
    quote!(runtime::wire::Style::#style)
}

/// `value` wrapped so the runtime writes it the way the spec asks: formatted values through
/// their codec (date-times as RFC 3339 or RFC 1123, dates as `YYYY-MM-DD`, bytes as base64),
/// arrays with their separator (the runtime joins others with commas). `optional`: `value` is
/// an `Option`, which the runtime leaves out when `None`.
fn encoded(p: &Param, value: TokenStream, optional: bool) -> TokenStream {
    match (&p.ty, p.style) {
        (TypeRef::Vec(_), ParamStyle::Delimited(c)) => {
            let sep = c.to_string();
            let value = super::codecs::wrap(&p.ty, optional, value);
            quote!(runtime::wire::Delimited(#value, #sep))
        }
        (_, ParamStyle::JsonText) => quote!(runtime::wire::JsonText(#value)),
        (ty, _) => super::codecs::wrap(ty, optional, value),
    }
}

/// The builder type of an operation with optional parameters: the generic
/// `operations::Builder` (see `runtime::operation_builders!`) for a marker type of its own,
/// with the operation's setters.
fn builder(op: &Operation) -> Option<TokenStream> {
    if !has_builder(op) {
        return None;
    }
    let b = format_ident!("{}", op.builder_name);
    let marker = format_ident!("{}Op", op.builder_name);
    // Name only the methods the builder has (see `runtime::operation_builders!`).
    let finish = match op.kind {
        OperationKind::Plain => "`.await` it for the body, or `.send()` it for the whole response",
        OperationKind::Paged { .. } => {
            "`.into_stream()` for the items, or `.into_call()` for pages"
        }
        OperationKind::LongRunning { .. } => {
            "`.await` it for the final result, or `.begin()` it for a poller"
        }
    };
    let doc = format!(
        " Builder for `{}`: set optional parameters, then {finish}.",
        op.operation_id
    );
    let setters = op.optional().map(|p| {
        let n = ident(&p.rust_name);
        let t = arg_type(&p.ty);
        let wire = &p.wire_name;
        let docs = doc_attrs_or(&p.docs, || format!("Sets the `{wire}` parameter."));
        let call = setter_call(p, encoded(p, quote!(#n), false));
        // The caller's value replaces the default the method sent.
        let unset = match (&p.role, p.location) {
            (ParamRole::Defaulted(_), ParamLocation::Query) => quote!(.without_query(#wire)),
            (ParamRole::Defaulted(_), ParamLocation::Header) => quote!(.without_header(#wire)),
            (ParamRole::Defaulted(_), ParamLocation::Cookie) => quote!(.without_cookie(#wire)),
            _ => quote!(),
        };
        quote! {
            #docs
            pub fn #n(self, #n: #t) -> Self {
                Self::new(self.0 #unset #call)
            }
        }
    });
    let group_setters = op.optional_groups().map(|g| {
        let n = ident(&g.rust_name);
        let t = group_type(g);
        let fields: Vec<String> = g.members.iter().map(|(f, _)| format!("`{f}`")).collect();
        let doc = format!(
            " Sets the parameter group [`{0}`](crate::parameter_groups::{0}): this operation \
             sends its {1}; a `None` field is left out.",
            g.type_name,
            fields.join(", ")
        );
        let destructure = destructure(op, g);
        let calls = op
            .params
            .iter()
            .filter(|p| g.members.iter().any(|(_, local)| *local == p.rust_name))
            .map(|p| setter_call(p, value_expr(p, &quote!(), false)));
        quote! {
            #[doc = #doc]
            pub fn #n(self, #n: #t) -> Self {
                #destructure
                Self::new(self.0 #(#calls)*)
            }
        }
    });
    let kind = match &op.kind {
        OperationKind::Plain if op.exists => quote!(ExistsCall),
        OperationKind::Plain => {
            let (t, d) = response_types(&op.response);
            quote!(Call<#t #d>)
        }
        OperationKind::Paged { item, .. } => {
            let item = type_tokens(item, TypeContext::Operations);
            quote!(PagedCall<#item>)
        }
        OperationKind::LongRunning { .. } => {
            let (t, d) = response_types(&op.response);
            quote!(LroCall<#t #d>)
        }
    };
    // The marker only tells the builders apart (no value has its type); hidden, it needs no
    // docs of its own.
    Some(quote! {
        #[doc(hidden)]
        pub enum #marker {}

        #[doc = #doc]
        pub type #b = crate::operations::Builder<#marker, runtime::#kind>;

        impl #b {
            #(#setters)*
            #(#group_setters)*
        }
    })
}
