//! An operation's parameters: resolved through shared declarations, placed (path, query,
//! header; client or method), given a role, a type and a wire style.

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

use super::azure::{self, ParameterGrouping, ParameterLocation};
use super::operations::OperationLowerer;
use super::parameter_groups::Member;
use super::responses::is_json;
use super::schema::{SchemaRef, View};
use super::types::unknown_format_note;
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::*;
use crate::naming::{camel, snake, Scope};

/// A lowered parameter and whether this operation requires it (which decides, for a client
/// parameter, whether the client's builder asks for it); `member` when it is in a parameter
/// group.
struct LoweredParam {
    param: Param,
    required: bool,
    member: Option<Member>,
}

impl<'a> OperationLowerer<'a, '_> {
    /// The operation's parameters in spec order (path-item ones first), each client parameter
    /// also recorded on the client, and the grouped ones as members of their parameter groups;
    /// `scope` hands out the argument names.
    pub(super) fn parameters(
        &mut self,
        op: &'a openapiv3::Operation,
        shared: &'a [ReferenceOr<Parameter>],
        context: &str,
        at: &Location,
        scope: &mut Scope,
    ) -> Result<(Vec<Param>, Vec<Member>)> {
        // Path-item parameters apply unless the operation redefines them.
        let mut params = Vec::new();
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
            if let Some(lowered) = self.lower_param(param, global, context, &p_at, scope)? {
                params.push(lowered);
            }
        }
        params.reverse();
        // Client parameters in the order the spec lists them, each once per client.
        for LoweredParam {
            param: p, required, ..
        } in &params
        {
            if p.role != ParamRole::Client {
                continue;
            }
            let required = *required;
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
        let mut members = Vec::new();
        let params = params
            .into_iter()
            .map(|p| {
                members.extend(p.member);
                p.param
            })
            .collect();
        Ok((params, members))
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
    ) -> Result<Option<LoweredParam>> {
        let data = param.parameter_data_ref();
        let location = match param {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        let declared = azure::extension(&data.extensions, "x-ms-parameter-location", at)?;
        let client = match declared {
            Some(ParameterLocation::Client) => true,
            Some(ParameterLocation::Method) => false,
            None => global,
        };
        let (schema, schema_at, json_content) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => (SchemaRef::from(s), at.join("schema"), false),
            // `content` instead of a schema: the value in that media type (OpenAPI allows one).
            ParameterSchemaOrContent::Content(content) => {
                let here = at.join("content");
                let (media, m) = content.iter().next().ok_or_else(|| {
                    Error::at(&here, "a parameter's `content` must name one media type")
                })?;
                let here = here.join(media);
                let s = m.schema.as_ref().ok_or_else(|| {
                    Error::at(&here, "the parameter's media type has no `schema`")
                })?;
                (SchemaRef::from(s), here.join("schema"), is_json(media))
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
            .filter(|v: &Vec<String>| !v.is_empty())
            .unwrap_or_else(|| scalar_enum(resolved));
        if data.name == "api-version" && location == ParamLocation::Query {
            let value = enum_values.first().cloned().or_else(|| {
                view.as_ref()
                    .and_then(|v| v.data.default.as_ref())
                    .and_then(|d| d.as_str().map(String::from))
            });
            // A client (global) api-version, or a required one without a value of its own,
            // is the client's: the runtime sends it on every request, a global one's value
            // first. A method's own value, or an optional one, is the operation's parameter
            // and replaces the client's.
            if client || (data.required && value.is_none()) {
                let version = value.unwrap_or_else(|| self.api.info.version.clone());
                if self.api_version.is_none() || (client && !self.api_version_is_global) {
                    self.api_version = Some(version);
                    self.api_version_is_global = client;
                }
                return Ok(None);
            }
        }
        let constant = (data.required && enum_values.len() == 1).then(|| enum_values[0].clone());
        let client_name: Option<String> =
            azure::extension(&data.extensions, "x-ms-client-name", at)?;
        let rust_name = snake(client_name.as_deref().unwrap_or(&data.name));
        let ty = if constant.is_some() {
            TypeRef::String
        } else {
            self.types.type_of(
                schema,
                &format!("{context}{}", camel(&data.name)),
                &schema_at,
            )?
        };
        let tab_delimited = self.converted.facts.tab_delimited.contains(&at.pointer);
        let object = view
            .as_ref()
            .is_some_and(|v| v.is_struct() || v.additional.is_some() || v.typ == Some("object"));
        let style = if azure::flag(&data.extensions, "x-ms-skip-url-encoding", at)? {
            ParamStyle::Unencoded
        } else if json_content {
            ParamStyle::JsonText
        } else if object {
            object_style(param)
        } else {
            param_style(param, &ty, tab_delimited)
        };
        let mut param_docs = docs([data.description.as_deref()]);
        if let Some(note) = view.as_ref().and_then(unknown_format_note) {
            crate::docs::push_paragraph(&mut param_docs, &note);
        }
        // A path parameter is required whatever the spec says: the URL needs it.
        let required = data.required || location == ParamLocation::Path;
        // Client parameters and constants are never asked for, so they join no group.
        let grouping: Option<ParameterGrouping> =
            azure::extension(&data.extensions, "x-ms-parameter-grouping", at)?;
        let grouping = grouping.filter(|_| constant.is_none() && !client);
        // A required query, header or cookie parameter with a default need not be given: the
        // default is sent unless the caller sets another (AutoRest's client default). A path
        // parameter's value is in the URL the method builds, so it stays an argument; a
        // group's field is the caller's to fill.
        let default = view
            .as_ref()
            .and_then(|v| v.data.default.as_ref())
            .and_then(default_text)
            .filter(|_| {
                required
                    && location != ParamLocation::Path
                    && constant.is_none()
                    && !client
                    && grouping.is_none()
            });
        if let Some(default) = &default {
            crate::docs::push_paragraph(
                &mut param_docs,
                &format!("Sent as `{default}` unless set."),
            );
        }
        let role = match (constant, default) {
            (Some(value), _) => ParamRole::Constant(value),
            _ if client => ParamRole::Client,
            _ if grouping.is_some() => ParamRole::Grouped { required },
            (_, Some(default)) => ParamRole::Defaulted(default),
            _ if required => ParamRole::Positional,
            _ => ParamRole::Optional,
        };
        let field = rust_name.clone();
        let rust_name = if role == ParamRole::Client {
            rust_name
        } else {
            scope.claim(rust_name)
        };
        let member = grouping.map(|grouping| Member {
            grouping,
            wire_name: data.name.clone(),
            field,
            local: rust_name.clone(),
            ty: ty.clone(),
            required,
            docs: param_docs.clone(),
            at: at.clone(),
        });
        Ok(Some(LoweredParam {
            param: Param {
                wire_name: data.name.clone(),
                rust_name,
                location,
                ty,
                style,
                role,
                docs: param_docs,
            },
            required,
            member,
        }))
    }
}

/// The values of a boolean or integer `enum`, as sent (`[true]` -> `"true"`): a one-value one is
/// a constant like a string's (the test server's `queryConstant`).
fn scalar_enum(schema: Option<&openapiv3::Schema>) -> Vec<String> {
    use openapiv3::{SchemaKind, Type};
    match schema.map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::Boolean(b))) => b
            .enumeration
            .iter()
            .flatten()
            .map(bool::to_string)
            .collect(),
        Some(SchemaKind::Type(Type::Integer(i))) => {
            i.enumeration.iter().flatten().map(i64::to_string).collect()
        }
        _ => Vec::new(),
    }
}

/// A scalar default as sent (`30` -> `"30"`); `None` for an object, array or `null`, which
/// leaves the parameter required.
fn default_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
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

/// How an object or map parameter is written: OpenAPI 3 `style` and `explode` (`form`
/// explodes unless told otherwise, the others do not); a cookie's as JSON text.
fn object_style(param: &Parameter) -> ParamStyle {
    use openapiv3::QueryStyle;
    let explode = param.parameter_data_ref().explode;
    match param {
        Parameter::Query { style, .. } => ParamStyle::Styled(match style {
            QueryStyle::Form => Style::Form {
                explode: explode.unwrap_or(true),
            },
            QueryStyle::SpaceDelimited => Style::SpaceDelimited,
            QueryStyle::PipeDelimited => Style::PipeDelimited,
            QueryStyle::DeepObject => Style::DeepObject,
        }),
        Parameter::Header { .. } => ParamStyle::Styled(Style::Simple {
            explode: explode.unwrap_or(false),
        }),
        Parameter::Path { .. } | Parameter::Cookie { .. } => ParamStyle::Plain,
    }
}

/// How a parameter is written beyond its type: OpenAPI `style`/`explode` for arrays (what
/// `convert` made of Swagger's `collectionFormat`).
fn param_style(param: &Parameter, ty: &TypeRef, tab_delimited: bool) -> ParamStyle {
    use openapiv3::QueryStyle;
    match ty {
        TypeRef::Vec(_) => {}
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
