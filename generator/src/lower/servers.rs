//! The server URL template: OpenAPI `servers[0]` with `variables`, or Azure's
//! `x-ms-parameterized-host` (`hostTemplate`, `useSchemePrefix`, `parameters`). Either way the
//! variables become client builder options with the spec's defaults, and the endpoint is
//! filled in once, when the client is built.

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr};
use serde_json::Value;

use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{ServerTemplate, ServerVariable};

/// The spec's server template; `None` when its server URL has no variables.
pub(super) fn server_template(api: &OpenAPI) -> Result<Option<ServerTemplate>> {
    if let Some(host) = api.extensions.get("x-ms-parameterized-host") {
        return parameterized_host(api, host).map(Some);
    }
    let Some(server) = api.servers.first() else {
        return Ok(None);
    };
    let variables: Vec<ServerVariable> = server
        .variables
        .iter()
        .flatten()
        .map(|(name, v)| ServerVariable {
            name: name.clone(),
            default: Some(v.default.clone()),
            allowed: v.enumeration.clone(),
            docs: docs([v.description.as_deref()]),
        })
        .collect();
    if variables.is_empty() {
        return Ok(None);
    }
    check_placeholders(&server.url, &variables, &Location::bundle("/servers/0/url"))?;
    Ok(Some(ServerTemplate {
        template: server.url.clone(),
        variables,
    }))
}

/// The URL with each variable's default, when every variable has one (the client's default
/// endpoint).
pub(super) fn default_url(server: &ServerTemplate) -> Option<String> {
    let mut url = server.template.clone();
    for v in &server.variables {
        url = url.replace(&format!("{{{}}}", v.name), v.default.as_deref()?);
    }
    Some(url)
}

fn parameterized_host(api: &OpenAPI, host: &Value) -> Result<ServerTemplate> {
    let at = Location::bundle("/x-ms-parameterized-host");
    let template = host
        .get("hostTemplate")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::at(&at.join("hostTemplate"), "`hostTemplate` must be a string"))?;
    let scheme_prefix = match host.get("useSchemePrefix") {
        None => true,
        Some(v) => v.as_bool().ok_or_else(|| {
            Error::at(
                &at.join("useSchemePrefix"),
                "`useSchemePrefix` must be a boolean",
            )
        })?,
    };
    // The scheme and base path of the spec's own server (Swagger `schemes`, `basePath`).
    let server = api.servers.first().and_then(|s| url_parts(&s.url));
    let (scheme, base_path) = server.unwrap_or(("https", ""));
    let template = if scheme_prefix {
        format!("{scheme}://{template}{base_path}")
    } else {
        format!("{template}{base_path}")
    };
    let mut variables = Vec::new();
    let params = host.get("parameters").and_then(Value::as_array);
    for (i, p) in params.into_iter().flatten().enumerate() {
        let here = at.join("parameters").join(i.to_string());
        variables.push(host_parameter(api, p, &here)?);
    }
    check_placeholders(&template, &variables, &at.join("hostTemplate"))?;
    Ok(ServerTemplate {
        template,
        variables,
    })
}

/// (scheme, path) of an absolute URL, without a trailing `/`.
fn url_parts(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    Some((scheme, path.trim_end_matches('/')))
}

/// A host template parameter: inline (Swagger-shaped, as the extension is not converted) or
/// a `$ref` to a shared parameter.
fn host_parameter(api: &OpenAPI, p: &Value, at: &Location) -> Result<ServerVariable> {
    if let Some(reference) = p.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/parameters/")
            .or_else(|| reference.strip_prefix("#/components/parameters/"))
            .unwrap_or(reference);
        let shared = api.components.as_ref().and_then(|c| c.parameters.get(name));
        let Some(ReferenceOr::Item(param)) = shared else {
            return Err(Error::at(
                at,
                format!("$ref to unknown parameter `{reference}`"),
            ));
        };
        return Ok(shared_variable(param));
    }
    let name = p
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::at(&at.join("name"), "a host parameter needs a `name`"))?;
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(String::from))
            .collect()
    };
    Ok(ServerVariable {
        name: name.to_string(),
        default: p.get("default").and_then(scalar),
        allowed: strings(p.get("enum")),
        docs: docs([p.get("description").and_then(Value::as_str)]),
    })
}

fn shared_variable(param: &Parameter) -> ServerVariable {
    let data = param.parameter_data_ref();
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => Some(s),
        _ => None,
    };
    let allowed = match schema.map(|s| &s.schema_kind) {
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::String(s))) => {
            s.enumeration.iter().flatten().cloned().collect()
        }
        _ => vec![],
    };
    ServerVariable {
        name: data.name.clone(),
        default: schema
            .and_then(|s| s.schema_data.default.as_ref())
            .and_then(scalar),
        allowed,
        docs: docs([data.description.as_deref()]),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Every `{placeholder}` of the template is a declared variable.
fn check_placeholders(template: &str, variables: &[ServerVariable], at: &Location) -> Result<()> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| Error::at(at, format!("`{template}` has an unclosed `{{`")))?;
        let name = &rest[open + 1..close];
        if !variables.iter().any(|v| v.name == name) {
            return Err(Error::at(
                at,
                format!("`{{{name}}}` in `{template}` is not a declared variable"),
            ));
        }
        rest = &rest[close + 1..];
    }
    Ok(())
}
