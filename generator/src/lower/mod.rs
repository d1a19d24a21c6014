//! Stage 3, lower: `openapiv3::OpenAPI` to the generator's IR. Every naming decision, every
//! Azure extension (`x-ms-pageable`, `x-ms-long-running-operation`, `x-ms-parameter-location`,
//! `x-ms-enum`, …) and every shape decision (what `.await` returns) is made here.

mod schema;
mod types;

use std::collections::BTreeMap;

use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response, StatusCode,
};
use serde_json::Value;

use crate::convert::Converted;
use crate::docs::{docs, push_paragraph};
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::naming::{camel, snake, Scope};
use schema::{SchemaRef, View};
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
    let mut lowerer = OperationLowerer {
        api,
        converted,
        types: &mut types,
        client_params: Vec::new(),
        api_version: None,
        skipped: Vec::new(),
    };

    let mut by_group: BTreeMap<String, Vec<Operation>> = BTreeMap::new();
    let mut group_order: Vec<String> = Vec::new();
    let mut root_operations = Vec::new();
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
            let operation = lowerer.operation(path, *method, op, &item.parameters, &at)?;
            match operation.operation_id.split_once('_') {
                Some((group, _)) => {
                    if !by_group.contains_key(group) {
                        group_order.push(group.to_string());
                    }
                    by_group
                        .entry(group.to_string())
                        .or_default()
                        .push(operation);
                }
                None => root_operations.push(operation),
            }
        }
    }

    let api_version = lowerer
        .api_version
        .clone()
        .unwrap_or_else(|| api.info.version.clone());
    let client_params = std::mem::take(&mut lowerer.client_params);
    let skipped = std::mem::take(&mut lowerer.skipped);

    // Groups sorted by name so output order does not depend on file order.
    let mut group_scope = Scope::new(&[&client_name]);
    let mut root_methods = Scope::new(&["builder", "runtime"]);
    let mut groups = Vec::new();
    for (group, mut operations) in by_group {
        let module = root_methods.claim(snake(&group));
        // A group named like the service (`Widgets` in `WidgetsClient`) gets `…OperationsClient`.
        let mut type_name = format!("{}Client", camel(&group));
        if type_name == client_name {
            type_name = format!("{}OperationsClient", camel(&group));
        }
        let type_name = group_scope.claim(type_name);
        name_methods(&mut operations, &type_name);
        groups.push(Group {
            module,
            type_name,
            operations,
        });
    }
    for op in &mut root_operations {
        op.method = root_methods.claim(snake(&op.operation_id));
    }
    let mut root_builders = builder_scope(&group_scope_names(&groups));
    name_builders(&mut root_operations, &mut root_builders);

    types.lower_all()?;
    let types = types.finish();

    Ok(Api {
        client_name,
        docs: docs([
            Some(api.info.title.as_str()),
            api.info.description.as_deref(),
        ]),
        default_endpoint: api
            .servers
            .first()
            .map(|s| s.url.clone())
            .unwrap_or_else(|| "http://localhost".into()),
        api_version,
        client_params,
        root_operations,
        groups,
        types,
        skipped,
    })
}

/// Method names within a group: the part of the `operationId` after `_`, unique.
fn name_methods(operations: &mut [Operation], group_type: &str) {
    let mut scope = Scope::default();
    for op in operations.iter_mut() {
        let (_, method) = op
            .operation_id
            .split_once('_')
            .unwrap_or(("", &op.operation_id));
        op.method = scope.claim(snake(method));
    }
    let mut types = builder_scope(&[group_type]);
    name_builders(operations, &mut types);
}

/// Names a builder type must not take: prelude items its module uses, and `extra`.
fn builder_scope(extra: &[&str]) -> Scope {
    let mut reserved = vec![
        "Send", "Sync", "Box", "Option", "Result", "Vec", "String", "Some", "None", "Ok", "Err",
        "Default", "Clone", "Copy", "Self",
    ];
    reserved.extend_from_slice(extra);
    Scope::new(&reserved)
}

fn group_scope_names(groups: &[Group]) -> Vec<&str> {
    groups
        .iter()
        .flat_map(|g| [g.type_name.as_str(), g.module.as_str()])
        .collect()
}

fn name_builders(operations: &mut [Operation], scope: &mut Scope) {
    for op in operations.iter_mut() {
        op.builder_name = scope.claim(camel(&op.method));
    }
}

/// Response headers by name, with the descriptions the success responses give them.
type ResponseHeaders = Vec<(String, Vec<String>)>;

struct OperationLowerer<'a, 't> {
    api: &'a OpenAPI,
    /// The source map (for locations in the IR and in skip notes) and the Swagger facts.
    converted: &'a Converted,
    types: &'t mut TypeLowerer<'a>,
    client_params: Vec<ClientParam>,
    api_version: Option<String>,
    skipped: Vec<String>,
}

impl<'a> OperationLowerer<'a, '_> {
    fn operation(
        &mut self,
        path: &str,
        method: HttpMethod,
        op: &'a SpecOperation,
        shared: &'a [ReferenceOr<Parameter>],
        at: &Location,
    ) -> Result<Operation> {
        let operation_id = op
            .operation_id
            .clone()
            .ok_or_else(|| Error::at(at, "operation has no operationId"))?;
        let context = camel(&operation_id);

        // Path-item parameters apply unless the operation redefines them.
        let mut params = Vec::new();
        let mut scope = Scope::new(&["self"]);
        let mut all: Vec<(&ReferenceOr<Parameter>, Location)> = Vec::new();
        for (i, p) in shared.iter().enumerate() {
            let item_at =
                Location::new(&at.file, at.pointer.rsplit_once('/').map_or("", |(p, _)| p));
            all.push((p, item_at.join("parameters").join(i.to_string())));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            all.push((p, at.join("parameters").join(i.to_string())));
        }
        let mut seen: Vec<(String, String)> = Vec::new();
        for (p, p_at) in all.iter().rev() {
            let (param, global, p_at) = self.parameter(p, p_at)?;
            let key = (
                param.parameter_data_ref().name.clone(),
                location_name(param).to_string(),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            if let Some(lowered) = self.lower_param(param, global, &context, &p_at, &mut scope)? {
                params.push(lowered);
            }
        }
        params.reverse();
        // Client parameters in the order the spec lists them, each once per client.
        for p in params.iter().filter(|p| p.client && p.constant.is_none()) {
            let required = p.required || p.location == ParamLocation::Path;
            match self
                .client_params
                .iter_mut()
                .find(|c| c.wire_name == p.wire_name)
            {
                // Required if any operation requires it.
                Some(known) => known.required |= required,
                None => self.client_params.push(ClientParam {
                    wire_name: p.wire_name.clone(),
                    rust_name: p.rust_name.clone(),
                    required,
                    docs: p.docs.clone(),
                }),
            }
        }
        // Required path parameters in URL order, then the rest as the spec lists them.
        let order = |p: &Param| {
            path.find(&format!("{{{}}}", p.wire_name))
                .unwrap_or(usize::MAX)
        };
        params.sort_by_key(|p| {
            if p.location == ParamLocation::Path {
                order(p)
            } else {
                usize::MAX
            }
        });
        for p in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !path.contains(&format!("{{{}}}", p.wire_name)) {
                return Err(Error::at(
                    at,
                    format!(
                        "path parameter `{}` does not appear in `{path}`",
                        p.wire_name
                    ),
                ));
            }
        }
        let placeholders = path.matches('{').count();
        let path_params = params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .count();
        if placeholders != path_params {
            return Err(Error::at(
                at,
                format!(
                    "`{path}` has {placeholders} placeholders but {path_params} path parameters"
                ),
            ));
        }

        let body = match &op.request_body {
            Some(body) => Some(self.body(body, &context, &at.join("requestBody"), &mut scope)?),
            None => None,
        };

        let (response, response_headers) = self.responses(op, &context, at)?;
        let response_headers: Vec<(String, String)> = response_headers
            .into_iter()
            .map(|(n, d)| (n, d.join(" ")))
            .collect();
        let kind = self.kind(op, &response, at)?;
        // A long-running PUT, PATCH or POST ends in the resource or result its 200/201 promises,
        // even when the initial 202 has no body; only a DELETE may end with nothing.
        let response = match (&kind, response) {
            (OperationKind::LongRunning { .. }, ResponseShape::OptionalJson(t))
                if method != HttpMethod::Delete =>
            {
                ResponseShape::Json(t)
            }
            (_, response) => response,
        };

        let mut op_docs = docs([op.summary.as_deref(), op.description.as_deref()]);
        if !response_headers.is_empty() {
            let list: Vec<String> = response_headers
                .iter()
                .map(|(n, d)| {
                    if d.is_empty() {
                        format!("`{n}`")
                    } else {
                        format!("`{n}`: {d}")
                    }
                })
                .collect();
            push_paragraph(
                &mut op_docs,
                &format!("Response headers (see `.send()`): {}", list.join("; ")),
            );
        }
        let examples = op
            .extensions
            .get("x-ms-examples")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(name, v)| {
                        Some((name.clone(), v.get("$ref")?.as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();

        Ok(Operation {
            operation_id,
            method: String::new(),
            builder_name: String::new(),
            http_method: method,
            path: path.to_string(),
            docs: op_docs,
            params,
            body,
            response,
            kind,
            response_headers,
            examples,
            source_file: self
                .converted
                .sources
                .resolve(at)
                .file
                .display()
                .to_string(),
        })
    }

    /// Resolves a parameter; `true` when it came from the shared `parameters` section, which
    /// makes it a client parameter unless `x-ms-parameter-location: method` says otherwise.
    /// The location is the parameter's own: `at`, or the shared parameter's.
    fn parameter(
        &self,
        p: &'a ReferenceOr<Parameter>,
        at: &Location,
    ) -> Result<(&'a Parameter, bool, Location)> {
        match p {
            ReferenceOr::Item(p) => Ok((p, false, at.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/parameters/")
                    .ok_or_else(|| {
                        Error::at(
                            at,
                            format!("$ref `{reference}` must point to #/components/parameters/…"),
                        )
                    })?;
                let target = self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.parameters.get(name))
                    .ok_or_else(|| Error::at(at, format!("$ref to unknown parameter `{name}`")))?;
                match target {
                    ReferenceOr::Item(p) => Ok((
                        p,
                        true,
                        Location::bundle("/components/parameters").join(name),
                    )),
                    ReferenceOr::Reference { .. } => Err(Error::at(
                        at,
                        format!("parameter `{name}` is itself a $ref"),
                    )),
                }
            }
        }
    }

    fn lower_param(
        &mut self,
        param: &'a Parameter,
        global: bool,
        context: &str,
        at: &Location,
        scope: &mut Scope,
    ) -> Result<Option<Param>> {
        let data = param.parameter_data_ref();
        let at = at.clone();
        let location = match param {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => {
                self.skipped.push(format!(
                    "{}: cookie parameter `{}` is not supported; not sent",
                    self.converted.sources.resolve(&at),
                    data.name
                ));
                return Ok(None);
            }
        };
        let declared = data
            .extensions
            .get("x-ms-parameter-location")
            .and_then(Value::as_str);
        let client = match declared {
            Some("client") => true,
            Some("method") => false,
            _ => global,
        };
        let schema = match &data.format {
            ParameterSchemaOrContent::Schema(s) => SchemaRef::from(s),
            ParameterSchemaOrContent::Content(_) => {
                return Err(Error::at(
                    &at,
                    "parameters with `content` are not supported; use `schema`",
                ))
            }
        };
        let resolved = self.types.resolve(schema);
        let view = resolved.map(View::of);
        let enum_values: Vec<String> = view
            .as_ref()
            .map(|v| {
                v.enumeration
                    .iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if data.name == "api-version" && location == ParamLocation::Query {
            // Sent by the runtime on every request; its value is a property of the client.
            if let Some(v) = enum_values.first() {
                self.api_version.get_or_insert_with(|| v.clone());
            }
            return Ok(None);
        }
        let constant = (data.required && enum_values.len() == 1).then(|| enum_values[0].clone());
        let rust_name = snake(
            data.extensions
                .get("x-ms-client-name")
                .and_then(Value::as_str)
                .unwrap_or(&data.name),
        );
        let ty = if constant.is_some() {
            TypeRef::String
        } else {
            self.types.type_of(
                schema,
                &format!("{context}{}", camel(&data.name)),
                &at.join("schema"),
            )?
        };
        let tab_delimited = self.converted.facts.tab_delimited.contains(&at.pointer);
        let format = view.as_ref().and_then(|v| v.format.as_deref());
        let style = param_style(param, &ty, format, tab_delimited);
        let param_docs = docs([data.description.as_deref()]);
        let rust_name = if client {
            rust_name
        } else {
            scope.claim(rust_name)
        };
        Ok(Some(Param {
            wire_name: data.name.clone(),
            rust_name,
            location,
            ty,
            style,
            required: data.required,
            constant,
            client,
            docs: param_docs,
        }))
    }

    fn body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        context: &str,
        at: &Location,
        scope: &mut Scope,
    ) -> Result<Body> {
        let (body, at) = match body {
            ReferenceOr::Item(b) => (b, at.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.trim_start_matches("#/components/requestBodies/");
                match self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.request_bodies.get(name))
                {
                    Some(ReferenceOr::Item(b)) => {
                        (b, Location::bundle("/components/requestBodies").join(name))
                    }
                    _ => {
                        return Err(Error::at(
                            at,
                            format!("$ref to unknown request body `{reference}`"),
                        ))
                    }
                }
            }
        };
        let body_name = self.converted.facts.body_names.get(&at.pointer);
        let name = body
            .extensions
            .get("x-ms-client-name")
            .and_then(Value::as_str)
            .or(body_name.map(String::as_str))
            .unwrap_or("body");
        let wire_name = body_name.map_or("body", String::as_str).to_string();
        let rust_name = scope.claim(snake(name));
        let (media, content) = pick_media(&body.content)
            .ok_or_else(|| Error::at(&at, "request body has no content type"))?;
        let schema = content.schema.as_ref().map(SchemaRef::from);
        let schema_at = at.join("content").join(media).join("schema");
        let (ty, format) = if is_json(media) {
            let ty = match schema {
                Some(s) => self
                    .types
                    .type_of(s, &format!("{context}Body"), &schema_at)?,
                None => TypeRef::Value,
            };
            (ty, BodyFormat::Json)
        } else {
            (TypeRef::String, BodyFormat::Text(media.to_string()))
        };
        Ok(Body {
            wire_name,
            rust_name,
            ty,
            required: body.required,
            format,
            docs: docs([body.description.as_deref()]),
        })
    }

    /// Decides what `.await` returns from the success responses.
    fn responses(
        &mut self,
        op: &'a SpecOperation,
        context: &str,
        at: &Location,
    ) -> Result<(ResponseShape, ResponseHeaders)> {
        let mut bodies: Vec<Option<TypeRef>> = Vec::new();
        let mut text = false;
        let mut headers: Vec<(String, Vec<String>)> = Vec::new();
        for (code, response) in op.responses.responses.iter() {
            let success = match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            };
            if !success {
                continue;
            }
            let (response, response_at) =
                self.response(response, &at.join("responses").join(code.to_string()))?;
            for (name, header) in &response.headers {
                let desc = match header {
                    ReferenceOr::Item(h) => h.description.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                let desc = crate::docs::docs([Some(desc.as_str())]).0.join(" ");
                match headers
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    Some((_, d)) => {
                        if !d.contains(&desc) {
                            d.push(desc)
                        }
                    }
                    None => headers.push((name.clone(), vec![desc])),
                }
            }
            match pick_media(&response.content) {
                None => bodies.push(None),
                Some((media, content)) if is_json(media) => {
                    let ty = match &content.schema {
                        Some(s) => self.types.type_of(
                            s.into(),
                            &format!("{context}Response"),
                            &response_at.join("content").join(media).join("schema"),
                        )?,
                        None => TypeRef::Value,
                    };
                    bodies.push(Some(ty));
                }
                Some(_) => {
                    text = true;
                    bodies.push(None);
                }
            }
        }
        for (_, d) in headers.iter_mut() {
            d.retain(|s| !s.is_empty());
        }
        if text {
            return Ok((ResponseShape::Text, headers));
        }
        let mut distinct: Vec<&TypeRef> = Vec::new();
        for ty in bodies.iter().flatten() {
            if !distinct.contains(&ty) {
                distinct.push(ty);
            }
        }
        let shape = match distinct.as_slice() {
            [] => ResponseShape::Empty,
            [one] if bodies.iter().all(Option::is_some) => ResponseShape::Json((*one).clone()),
            [one] => ResponseShape::OptionalJson((*one).clone()),
            _ => {
                let at = self.converted.sources.resolve(at);
                self.skipped.push(format!("{at}: success responses have different body types; `.await` returns serde_json::Value"));
                ResponseShape::Json(TypeRef::Value)
            }
        };
        Ok((shape, headers))
    }

    /// Resolves a response (at `at`), with its own location: `at` or the shared response's.
    fn response(
        &self,
        response: &'a ReferenceOr<Response>,
        at: &Location,
    ) -> Result<(&'a Response, Location)> {
        match response {
            ReferenceOr::Item(r) => Ok((r, at.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference.trim_start_matches("#/components/responses/");
                match self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.responses.get(name))
                {
                    Some(ReferenceOr::Item(r)) => {
                        Ok((r, Location::bundle("/components/responses").join(name)))
                    }
                    _ => Err(Error::at(
                        at,
                        format!("$ref to unknown response `{reference}`"),
                    )),
                }
            }
        }
    }

    fn kind(
        &mut self,
        op: &'a SpecOperation,
        response: &ResponseShape,
        at: &Location,
    ) -> Result<OperationKind> {
        let lro = op
            .extensions
            .get("x-ms-long-running-operation")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if let Some(pageable) = op.extensions.get("x-ms-pageable") {
            let here = at.join("x-ms-pageable");
            if lro {
                let at = self.converted.sources.resolve(at);
                self.skipped.push(format!("{at}: pageable long-running operation; generated as long-running, its final page is returned without following nextLink"));
            } else {
                let item_name = pageable
                    .get("itemName")
                    .and_then(Value::as_str)
                    .unwrap_or("value")
                    .to_string();
                let next_link_name = match pageable.get("nextLinkName") {
                    None => Some("nextLink".to_string()),
                    Some(Value::Null) => None,
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(_) => {
                        return Err(Error::at(
                            &here.join("nextLinkName"),
                            "must be a string or null",
                        ))
                    }
                };
                let page = match response {
                    ResponseShape::Json(TypeRef::Named(n))
                    | ResponseShape::OptionalJson(TypeRef::Named(n)) => n.clone(),
                    _ => {
                        return Err(Error::at(
                            &here,
                            "a pageable operation must return an object with the item array",
                        ))
                    }
                };
                let item = self.page_item(op, &item_name, at).ok_or_else(|| {
                    Error::at(
                        &here,
                        format!("page type `{page}` has no array property `{item_name}`"),
                    )
                })??;
                return Ok(OperationKind::Paged {
                    item,
                    item_name,
                    next_link_name,
                });
            }
        }
        if lro {
            let final_state = match op
                .extensions
                .get("x-ms-long-running-operation-options")
                .and_then(|o| o.get("final-state-via"))
                .and_then(Value::as_str)
            {
                None => FinalState::Default,
                Some("azure-async-operation") => FinalState::AzureAsyncOperation,
                Some("location") => FinalState::Location,
                Some("original-uri") => FinalState::OriginalUri,
                Some("operation-location") => FinalState::OperationLocation,
                Some(other) => {
                    return Err(Error::at(
                        &at.join("x-ms-long-running-operation-options")
                            .join("final-state-via"),
                        format!("unknown final-state-via `{other}`"),
                    ))
                }
            };
            return Ok(OperationKind::LongRunning { final_state });
        }
        Ok(OperationKind::Plain)
    }

    /// The item type of a page: the `item_name` array of the 2xx JSON schema.
    fn page_item(
        &mut self,
        op: &'a SpecOperation,
        item_name: &str,
        at: &Location,
    ) -> Option<Result<TypeRef>> {
        let (code, response) = op
            .responses
            .responses
            .iter()
            .find(|(c, _)| matches!(c, StatusCode::Code(200..=299)))?;
        let here = at.join("responses").join(code.to_string());
        let (response, here) = self.response(response, &here).ok()?;
        let (media, content) = pick_media(&response.content)?;
        let page = self.types.resolve(content.schema.as_ref()?.into())?;
        let here = here.join("content").join(media).join("schema");
        let mut view = View::of(page);
        // The array may be inherited through allOf.
        let mut stack = vec![page];
        while let Some(schema) = stack.pop() {
            view = View::of(schema);
            if let Some((_, items)) = view.properties.iter().find(|(n, _)| *n == item_name) {
                let items = *items;
                let array = self.types.resolve(items)?;
                let array_view = View::of(array);
                let item = array_view.items?;
                let context = format!(
                    "{}Item",
                    camel(op.operation_id.as_deref().unwrap_or("Page"))
                );
                return Some(self.types.type_of(item, &context, &here));
            }
            stack.extend(view.all_of.iter().filter_map(|p| self.types.resolve(*p)));
        }
        let _ = view;
        None
    }
}

fn location_name(p: &Parameter) -> &'static str {
    match p {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or("").trim();
    media == "application/json" || media.ends_with("+json") || media == "text/json"
}

/// JSON when offered, otherwise the first media type.
fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    content
        .iter()
        .find(|(m, _)| is_json(m))
        .or_else(|| content.iter().next())
        .map(|(m, c)| (m.as_str(), c))
}

/// How a parameter is written beyond its type: OpenAPI `style`/`explode` for arrays (what
/// `convert` made of Swagger's `collectionFormat`), RFC 1123 for `date-time-rfc1123`.
fn param_style(
    param: &Parameter,
    ty: &TypeRef,
    format: Option<&str>,
    tab_delimited: bool,
) -> ParamStyle {
    use openapiv3::QueryStyle;
    match ty {
        TypeRef::Vec(_) => {}
        TypeRef::DateTime if matches!(format, Some("date-time-rfc1123" | "date-time-rfc7231")) => {
            return ParamStyle::Rfc1123
        }
        _ => return ParamStyle::Plain,
    }
    if tab_delimited {
        return ParamStyle::Delimited('\t');
    }
    match param {
        // OpenAPI 3: `form` explodes unless told otherwise; other styles do not.
        Parameter::Query {
            style,
            parameter_data,
            ..
        } => {
            let explode = parameter_data
                .explode
                .unwrap_or(matches!(style, QueryStyle::Form));
            match style {
                QueryStyle::SpaceDelimited => ParamStyle::Delimited(' '),
                QueryStyle::PipeDelimited => ParamStyle::Delimited('|'),
                QueryStyle::Form if explode => ParamStyle::Repeated,
                _ => ParamStyle::Plain,
            }
        }
        _ => ParamStyle::Plain,
    }
}
