//! Stage 3, lower: `openapiv3::OpenAPI` to the generator's IR. Every naming decision, every
//! Azure extension (`x-ms-pageable`, `x-ms-long-running-operation`, `x-ms-parameter-location`,
//! `x-ms-enum`, …) and every shape decision (what `.await` returns) is made here.
//!
//! - [`names`]: operation ids (made for operations without one), groups, method and builder
//!   names, planned up front;
//! - [`operations`], [`parameters`], [`responses`]: one operation at a time;
//!   [`parameter_groups`] gathers grouped parameters into their structs across operations;
//! - [`types`] (with [`structs`], [`enums`], [`unions`]): schemas to Rust types, then
//!   [`cycles`] boxes recursive fields and [`defaults`] marks what can derive `Default`;
//! - [`azure`]: the `x-ms-*` extensions as typed structs; [`schema`]: one view of a schema;
//! - [`security`]: security schemes and the requirement each operation's requests carry.

mod azure;
mod client_params;
mod cycles;
mod defaults;
mod enums;
mod head;
mod media;
mod multipart;
mod names;
mod next_operation;
mod operations;
mod parameter_groups;
mod parameters;
mod path_template;
mod responses;
mod schema;
mod security;
mod servers;
mod statuses;
mod structs;
mod types;
mod unions;
mod xml;

use openapiv3::ReferenceOr;

use crate::convert::Converted;
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::naming::camel;
use operations::OperationLowerer;
use types::TypeLowerer;

/// Choices the spec itself does not make.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Name of the client struct; derived from `info.title` when absent.
    pub client_name: Option<String>,
}

const METHODS: &[(&str, HttpMethod)] = &[
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
];

/// An operation of the spec with where it is, before lowering.
struct Found<'a> {
    path: &'a str,
    method: HttpMethod,
    /// `method` as the spec spells it, e.g. `get`.
    method_name: &'static str,
    op: &'a openapiv3::Operation,
    shared: &'a [ReferenceOr<openapiv3::Parameter>],
    at: Location,
}

/// Lowers the converted spec; errors name the user's file and pointer.
pub fn lower(converted: &Converted, options: &Options) -> Result<Api> {
    lower_api(converted, options).map_err(|e| converted.sources.relocate(e))
}

/// [`lower`] with errors at places in the converted document.
fn lower_api(converted: &Converted, options: &Options) -> Result<Api> {
    let api = &converted.openapi;
    let client_name = options.client_name.clone().unwrap_or_else(|| {
        let name = camel(&api.info.title);
        if name.ends_with("Client") {
            name
        } else {
            format!("{name}Client")
        }
    });
    // Model names must not shadow the std types models.rs names unqualified.
    let mut types = TypeLowerer::new(api, &[&client_name, "Option", "Vec", "String", "Box"])?;

    let mut found = Vec::new();
    for (path, item) in api.paths.iter() {
        let ReferenceOr::Item(item) = item else {
            return Err(Error::at(
                &Location::bundle("/paths").join(path),
                format!("path `{path}` is a $ref, which is not supported"),
            ));
        };
        let ops = [
            &item.get,
            &item.put,
            &item.post,
            &item.delete,
            &item.options,
            &item.head,
            &item.patch,
        ];
        for ((method_name, method), op) in METHODS.iter().zip(ops) {
            let Some(op) = op else { continue };
            let at = Location::bundle("/paths").join(path).join(method_name);
            found.push(Found {
                path,
                method: *method,
                method_name,
                op,
                shared: &item.parameters,
                at,
            });
        }
    }

    // Names first, from ids, methods, paths and tags alone, so each operation is built complete.
    let keys: Vec<names::OperationKey> = found
        .iter()
        .map(|f| names::OperationKey {
            id: f.op.operation_id.as_deref(),
            method: f.method_name,
            path: f.path,
            tag: f.op.tags.first().map(String::as_str),
        })
        .collect();
    let layout = names::plan(&client_name, &keys);
    let mut skipped = Vec::new();
    let security = security::Security::of(api, &mut skipped);
    let mut lowerer = OperationLowerer {
        api,
        converted,
        types: &mut types,
        client_params: Vec::new(),
        api_version: None,
        api_version_is_global: false,
        skipped,
        security: &security,
        xml: Default::default(),
        param_groups: Default::default(),
    };
    let mut by_group: Vec<Vec<Operation>> = layout.groups.iter().map(|_| Vec::new()).collect();
    let mut root_operations = Vec::new();
    let mut next_operations = Vec::new();
    for (f, names) in found.iter().zip(layout.operations) {
        let group = names.group;
        let operation = lowerer.operation(f.path, f.method, f.op, f.shared, &f.at, names)?;
        let slot = match group {
            Some(g) => (Some(g), by_group[g].len()),
            None => (None, root_operations.len()),
        };
        let user_at = || converted.sources.resolve(&f.at).to_string();
        next_operations.extend(next_operation::requested(f.op, &f.at, user_at, slot)?);
        match group {
            Some(g) => by_group[g].push(operation),
            None => root_operations.push(operation),
        }
    }

    // Empty when the spec declares no api-version: the runtime then sends none.
    let api_version = lowerer.api_version.clone().unwrap_or_default();
    let modules: Vec<String> = layout.groups.iter().map(|g| g.module.clone()).collect();
    next_operation::link(
        next_operations,
        &mut by_group,
        &modules,
        &mut root_operations,
        &mut lowerer.skipped,
    );
    let mut client_params = std::mem::take(&mut lowerer.client_params);
    let skipped = std::mem::take(&mut lowerer.skipped);
    let xml = std::mem::take(&mut lowerer.xml).finish();
    let parameter_groups = std::mem::take(&mut lowerer.param_groups).finish();
    let mut groups: Vec<Group> = layout
        .groups
        .into_iter()
        .zip(by_group)
        .map(|(g, operations)| Group {
            operations,
            module: g.module,
            type_name: g.type_name,
        })
        .collect();
    client_params::make_unique(&mut client_params, &mut groups, &mut root_operations);

    types.lower_all()?;
    let types = types.finish();
    let server = servers::server_template(api)?;

    Ok(Api {
        client_name,
        title: api.info.title.clone(),
        docs: docs([
            Some(api.info.title.as_str()),
            api.info.description.as_deref(),
        ]),
        default_endpoint: server
            .as_ref()
            .and_then(servers::default_url)
            .or_else(|| api.servers.first().map(|s| s.url.clone()))
            .unwrap_or_else(|| "http://localhost".into()),
        server,
        api_version,
        client_params,
        root_operations,
        groups,
        types,
        skipped,
        security_schemes: security.schemes,
        xml,
        parameter_groups,
    })
}
