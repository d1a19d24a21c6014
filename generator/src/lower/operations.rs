//! One operation: its parameters (see `parameters`), body, responses (see `responses`) and
//! kind (plain, pageable, long-running).

use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ReferenceOr, RequestBody, StatusCode,
};
use serde_json::Value;

use super::azure::{self, LongRunningOptions, Pageable};
use super::names::OperationNames;
use super::parameter_groups::{Member, ParamGroups};
use super::responses::pick_media;
use super::schema::View;
use super::types::TypeLowerer;
use crate::convert::Converted;
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::naming::{camel, snake, Scope};

pub(super) struct OperationLowerer<'a, 't> {
    pub api: &'a OpenAPI,
    /// The source map (for locations in the IR and in skip notes) and the Swagger facts.
    pub converted: &'a Converted,
    pub types: &'t mut TypeLowerer<'a>,
    pub client_params: Vec<ClientParam>,
    /// The client's api-version, when the spec declares one.
    pub api_version: Option<String>,
    /// `api_version` came from a client (global) parameter, which no method's replaces.
    pub api_version_is_global: bool,
    pub skipped: Vec<String>,
    pub security: &'a super::security::Security,
    /// The codecs of the XML bodies seen so far.
    pub xml: super::xml::XmlCollector,
    /// The parameter groups seen so far.
    pub param_groups: ParamGroups,
}

/// Names a parameter's setter cannot take: `self`, and the methods every operation builder
/// has (`runtime::operation_builders!`), which a setter of the same name would define twice
/// (E0592; salesloft's `new`, visagecloud's and elasticbeanstalk's `options`).
const BUILDER_METHODS: &[&str] = &[
    "self",
    "new",
    "options",
    "into_call",
    "send",
    "into_stream",
    "begin",
    "into_future",
];

impl<'a> OperationLowerer<'a, '_> {
    /// Lowers one operation, to be called `names`.
    pub fn operation(
        &mut self,
        path: &str,
        method: HttpMethod,
        op: &'a SpecOperation,
        shared: &'a [ReferenceOr<Parameter>],
        at: &Location,
        names: OperationNames,
    ) -> Result<Operation> {
        let operation_id = names.operation_id;
        let context = camel(&operation_id);

        let mut scope = Scope::new(BUILDER_METHODS);
        let (mut params, mut members) = self.parameters(op, shared, &context, at, &mut scope)?;
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
        let (path, undeclared) = super::path_template::resolve(path, &params, &mut scope);
        // After the declared ones: those keep their URL order among themselves.
        params.extend(undeclared);

        let body = match &op.request_body {
            Some(body) => match self.body(
                body,
                (&context, &names.builder),
                &at.join("requestBody"),
                &mut scope,
            )? {
                Some((body, member)) => {
                    members.extend(member);
                    Some(body)
                }
                None => None,
            },
            None => None,
        };
        let groups = self
            .param_groups
            .add(&operation_id, &context, members, at, &mut scope)?;

        let (response, response_headers, success_statuses) = self.responses(op, &context, at)?;
        let response_headers: Vec<(String, String)> = response_headers
            .into_iter()
            .map(|(n, d)| (n, d.join(" ")))
            .collect();
        let kind = self.kind(op, &response, &context, at)?;
        // A long-running PUT or PATCH ends in the resource its 200/201 promises, even when the
        // initial 202 has no body; a POST or DELETE may end with nothing (a final 204).
        let response = match (&kind, response) {
            (OperationKind::LongRunning { .. }, ResponseShape::OptionalJson(t))
                if matches!(method, HttpMethod::Put | HttpMethod::Patch) =>
            {
                ResponseShape::Json(t)
            }
            (OperationKind::LongRunning { .. }, ResponseShape::Json(t))
                if method == HttpMethod::Post =>
            {
                ResponseShape::OptionalJson(t)
            }
            (_, response) => response,
        };

        let examples: indexmap::IndexMap<String, azure::ExampleRef> =
            azure::extension(&op.extensions, "x-ms-examples", at)?.unwrap_or_default();
        let examples = examples
            .into_iter()
            .map(|(name, example)| (name, example.reference))
            .collect();

        let security = self.security.requirement(
            op.security.as_deref(),
            self.api,
            &mut self.skipped,
            &operation_id,
        );
        let exists = super::head::is_existence_check(method, op, &response, &kind);
        Ok(Operation {
            exists,
            security,
            operation_id,
            method: names.method,
            builder_name: names.builder,
            http_method: method,
            path,
            docs: docs([op.summary.as_deref(), op.description.as_deref()]),
            params,
            body,
            groups,
            response,
            kind,
            response_headers,
            success_statuses,
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

    fn body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        (context, builder): (&str, &str),
        at: &Location,
        scope: &mut Scope,
    ) -> Result<Option<(Body, Option<Member>)>> {
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
        let client_name: Option<String> =
            azure::extension(&body.extensions, "x-ms-client-name", &at)?;
        let body_name = self.converted.facts.body_names.get(&at.pointer);
        let name = client_name
            .as_deref()
            .or(body_name.map(String::as_str))
            .unwrap_or("body");
        let wire_name = body_name.map_or("body", String::as_str).to_string();
        // A body without a media type (`content: {}`, as converters write for an optional
        // body nobody described) has nothing to send.
        let Some((ty, format, alternatives)) =
            self.body_media(&body.content, (context, builder), &at)?
        else {
            return Ok(None);
        };
        let rust_name = scope.claim(snake(name));
        let body_docs = docs([body.description.as_deref()]);
        // A required body joins its parameter group when its value is a plain typed value (the
        // group is then an argument, so the request attaches it as usual); an optional one, or
        // one with a choice of media types, bytes or parts, stays its own argument.
        let grouping: Option<azure::ParameterGrouping> =
            azure::extension(&body.extensions, "x-ms-parameter-grouping", &at)?;
        let field_ty = match &format {
            BodyFormat::Json
            | BodyFormat::JsonAs(_)
            | BodyFormat::Form
            | BodyFormat::Xml { .. } => Some(ty.clone()),
            BodyFormat::Text(_) => Some(TypeRef::String),
            BodyFormat::Binary(_) | BodyFormat::Multipart(_) => None,
        };
        let member = match (grouping, field_ty) {
            (Some(grouping), Some(field_ty)) if alternatives.is_empty() && body.required => {
                Some(Member {
                    grouping,
                    wire_name: wire_name.clone(),
                    field: snake(name),
                    local: rust_name.clone(),
                    ty: field_ty,
                    required: body.required,
                    docs: body_docs.clone(),
                    at: at.clone(),
                })
            }
            _ => None,
        };
        let body = Body {
            wire_name,
            rust_name,
            ty,
            required: body.required,
            grouped: member.is_some(),
            format,
            docs: body_docs,
            alternatives,
            choice_name: format!("{builder}Body"),
        };
        Ok(Some((body, member)))
    }

    fn kind(
        &mut self,
        op: &'a SpecOperation,
        response: &ResponseShape,
        context: &str,
        at: &Location,
    ) -> Result<OperationKind> {
        let lro = azure::flag(&op.extensions, "x-ms-long-running-operation", at)?;
        let pageable: Option<Pageable> = azure::extension(&op.extensions, "x-ms-pageable", at)?;
        if let Some(pageable) = pageable {
            let here = at.join("x-ms-pageable");
            if lro {
                let at = self.converted.sources.resolve(at);
                self.skipped.push(format!("{at}: pageable long-running operation; generated as long-running, its final page is returned without following nextLink"));
            } else {
                let item_name = pageable.item_name.unwrap_or_else(|| "value".into());
                let next_link_name = match pageable.next_link_name {
                    None => Some("nextLink".to_string()),
                    Some(Value::Null) => None,
                    Some(Value::String(name)) => Some(name),
                    Some(_) => {
                        let why = "its `nextLinkName` is neither a string nor null";
                        return Ok(self.not_pageable(&here, why));
                    }
                };
                let page = match response {
                    ResponseShape::Json(TypeRef::Named(n))
                    | ResponseShape::OptionalJson(TypeRef::Named(n)) => n.clone(),
                    // `x-ms-pageable` is an AutoRest hint, not an OpenAPI rule: a response that
                    // is the bare array (or no object) has no next link, so it is one page.
                    _ => {
                        return Ok(self.not_pageable(
                            &here,
                            "the response is not an object with the item array",
                        ))
                    }
                };
                let Some(item) = self.page_item(op, &item_name, context, at) else {
                    let why = format!("page type `{page}` has no array property `{item_name}`");
                    return Ok(self.not_pageable(&here, &why));
                };
                let item = item?;
                return Ok(OperationKind::Paged {
                    item,
                    item_name,
                    next_link_name,
                    // Linked once every operation is lowered (`next_operation`).
                    next_operation: None,
                });
            }
        }
        if lro {
            let options: Option<LongRunningOptions> =
                azure::extension(&op.extensions, "x-ms-long-running-operation-options", at)?;
            let final_state = match options.and_then(|o| o.final_state_via).as_deref() {
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

    /// A plain operation, noted as skipped, for an `x-ms-pageable` whose response cannot be
    /// paged: the hint is AutoRest's, not an OpenAPI rule, so the spec is valid and the
    /// operation returns the whole response.
    fn not_pageable(&mut self, here: &Location, why: &str) -> OperationKind {
        let at = self.converted.sources.resolve(here);
        self.skipped.push(format!(
            "{at}: pageable operation, but {why}; generated as a plain operation returning the whole response"
        ));
        OperationKind::Plain
    }

    /// The item type of a page: the `item_name` array of the 2xx JSON schema; inline item
    /// types are named after `context`.
    fn page_item(
        &mut self,
        op: &'a SpecOperation,
        item_name: &str,
        context: &str,
        at: &Location,
    ) -> Option<Result<TypeRef>> {
        let (code, response) = op
            .responses
            .responses
            .iter()
            .find(|(c, _)| matches!(c, StatusCode::Code(200..=299) | StatusCode::Range(2)))?;
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
                return Some(self.types.type_of(item, &format!("{context}Item"), &here));
            }
            stack.extend(view.all_of.iter().filter_map(|p| self.types.resolve(*p)));
        }
        let _ = view;
        None
    }
}
