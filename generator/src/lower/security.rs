//! Security schemes (`components.securitySchemes`) and the requirements that pick them (the
//! spec's and each operation's `security`): which builder calls the client offers and what
//! each request carries.
//!
//! - `apiKey` (header, query, cookie), `http` `basic` and `bearer`: one builder call each;
//! - OAuth2 with a `clientCredentials` flow: client id and secret against its `tokenUrl`, with
//!   the scopes the requirements name (`refreshUrl` is not needed for that grant);
//! - other OAuth2 flows and `openIdConnect`: a bearer token, static or from a token provider
//!   (the generated client does not run browser or discovery flows itself);
//! - OAuth2 against Entra ID (`login.microsoftonline.com`, Azure's `azure_auth`): the runtime's
//!   `credential`, as for every Azure client; no extra call.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as Spec};

use crate::docs::docs;
use crate::ir::{ApiKeyLocation, SecurityScheme, SecuritySchemeKind};
use crate::naming::{snake, Scope};

/// Methods of the runtime's `ClientBuilder`: a generated method of the same name would never
/// be called (inherent methods win), so such a scheme's method gets an `_auth` suffix.
const BUILDER_METHODS: &[&str] = &[
    "allow_credential_origin",
    "api_version",
    "application_id",
    "azure_china",
    "azure_public",
    "azure_us_government",
    "build",
    "cloud",
    "connect_timeout",
    "credential",
    "endpoint",
    "force_polling_interval",
    "http_client",
    "limits",
    "lro_deadline",
    "max_body_size",
    "max_redirects",
    "max_retries",
    "max_retry_after",
    "min_polling_interval",
    "new",
    "per_call_policy",
    "per_try_policy",
    "per_try_timeout",
    "polling_interval",
    "retry",
    "retry_delays",
    "scope",
    "security_scheme",
    "timeout",
    "token_refresh_before",
    "transport",
];

/// Hosts of Entra ID authorities (public, US Government, China, legacy).
const ENTRA_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.windows.net",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
];

/// The spec's schemes and requirements, lowered once for every operation.
pub(super) struct Security {
    pub schemes: Vec<SecurityScheme>,
    /// Operations carry their requirement only when the runtime needs it: some scheme is not
    /// Entra ID (which goes on every request anyway).
    mark_requests: bool,
}

impl Security {
    /// Lowers the schemes; `skipped` gets a note for each one the client cannot offer.
    pub fn of(api: &OpenAPI, skipped: &mut Vec<String>) -> Security {
        let declared: Vec<(&String, &Spec)> = api
            .components
            .iter()
            .flat_map(|c| &c.security_schemes)
            .filter_map(|(name, s)| match s {
                ReferenceOr::Item(s) => Some((name, s)),
                ReferenceOr::Reference { reference } => {
                    skipped.push(format!(
                        "security scheme `{name}`: a $ref (`{reference}`) is not supported"
                    ));
                    None
                }
            })
            .collect();
        let scopes = requested_scopes(api);
        let mut names = Scope::new(BUILDER_METHODS);
        let mut schemes = Vec::new();
        for (name, spec) in declared {
            let requested = scopes.get(name.as_str()).cloned().unwrap_or_default();
            let Some(kind) = kind(name, spec, requested, skipped) else {
                continue;
            };
            let base = snake(name);
            let base = if BUILDER_METHODS.contains(&base.as_str()) {
                format!("{base}_auth")
            } else {
                base
            };
            schemes.push(SecurityScheme {
                name: name.clone(),
                method: names.claim(base),
                kind,
                docs: docs([description(spec)]),
            });
        }
        let mark_requests = schemes
            .iter()
            .any(|s| !matches!(s.kind, SecuritySchemeKind::EntraId { .. }));
        Security {
            schemes,
            mark_requests,
        }
    }

    /// What an operation's request carries (see [`crate::ir::Operation::security`]): its own
    /// `security`, else the spec's.
    pub fn requirement(
        &self,
        operation: Option<&[SecurityRequirement]>,
        api: &OpenAPI,
        skipped: &mut Vec<String>,
        operation_id: &str,
    ) -> Option<Vec<Vec<String>>> {
        let requirement = operation.or(api.security.as_deref())?;
        // `{}` among alternatives makes auth optional: send a credential when one is set.
        let alternatives: Vec<&SecurityRequirement> =
            requirement.iter().filter(|r| !r.is_empty()).collect();
        if alternatives.is_empty() {
            return Some(Vec::new());
        }
        if !self.mark_requests {
            return None;
        }
        let mut out = Vec::new();
        for alternative in alternatives {
            let names: Vec<String> = alternative.keys().cloned().collect();
            match names
                .iter()
                .find(|n| !self.schemes.iter().any(|s| &s.name == *n))
            {
                Some(unknown) => skipped.push(format!(
                    "{operation_id}: security requirement names `{unknown}`, which is not a supported declared scheme; that alternative is left out"
                )),
                None => out.push(names),
            }
        }
        // Nothing usable: every configured credential goes, rather than none.
        (!out.is_empty()).then_some(out)
    }
}

/// Per scheme, the scopes every requirement of the spec names, in first-seen order.
fn requested_scopes(api: &OpenAPI) -> IndexMap<&str, Vec<String>> {
    let operations = api.paths.iter().filter_map(|(_, p)| match p {
        ReferenceOr::Item(item) => Some(item.iter().map(|(_, op)| op)),
        ReferenceOr::Reference { .. } => None,
    });
    let requirements = api.security.iter().flatten().chain(
        operations
            .flatten()
            .flat_map(|op| op.security.iter().flatten()),
    );
    let mut out: IndexMap<&str, Vec<String>> = IndexMap::new();
    for requirement in requirements {
        for (name, scopes) in requirement {
            let entry = out.entry(name.as_str()).or_default();
            for s in scopes {
                if !entry.contains(s) {
                    entry.push(s.clone());
                }
            }
        }
    }
    out
}

fn description(spec: &Spec) -> Option<&str> {
    match spec {
        Spec::APIKey { description, .. }
        | Spec::HTTP { description, .. }
        | Spec::OAuth2 { description, .. }
        | Spec::OpenIDConnect { description, .. } => description.as_deref(),
    }
}

fn kind(
    name: &str,
    spec: &Spec,
    requested: Vec<String>,
    skipped: &mut Vec<String>,
) -> Option<SecuritySchemeKind> {
    Some(match spec {
        Spec::APIKey {
            location,
            name: param,
            ..
        } => SecuritySchemeKind::ApiKey {
            location: match location {
                openapiv3::APIKeyLocation::Header => ApiKeyLocation::Header,
                openapiv3::APIKeyLocation::Query => ApiKeyLocation::Query,
                openapiv3::APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            },
            param: param.clone(),
        },
        Spec::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            SecuritySchemeKind::Basic
        }
        Spec::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            SecuritySchemeKind::Bearer { scopes: requested }
        }
        Spec::HTTP { scheme, .. } => {
            skipped.push(format!(
                "security scheme `{name}`: HTTP `{scheme}` authentication is not supported (basic and bearer are)"
            ));
            return None;
        }
        Spec::OAuth2 { flows, .. } => {
            let urls = [
                flows
                    .implicit
                    .as_ref()
                    .map(|f| f.authorization_url.as_str()),
                flows
                    .authorization_code
                    .as_ref()
                    .map(|f| f.authorization_url.as_str()),
                flows
                    .authorization_code
                    .as_ref()
                    .map(|f| f.token_url.as_str()),
                flows.password.as_ref().map(|f| f.token_url.as_str()),
                flows
                    .client_credentials
                    .as_ref()
                    .map(|f| f.token_url.as_str()),
            ];
            if urls.into_iter().flatten().any(is_entra) {
                let scope = requested.into_iter().find(|s| s.contains("://"));
                SecuritySchemeKind::EntraId { scope }
            } else if let Some(flow) = &flows.client_credentials {
                let scopes = if requested.is_empty() {
                    flow.scopes.keys().cloned().collect()
                } else {
                    requested
                };
                SecuritySchemeKind::OAuth2ClientCredentials {
                    token_url: flow.token_url.clone(),
                    scopes,
                }
            } else {
                SecuritySchemeKind::Bearer { scopes: requested }
            }
        }
        Spec::OpenIDConnect { .. } => SecuritySchemeKind::Bearer { scopes: requested },
    })
}

fn is_entra(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|h| ENTRA_HOSTS.contains(&h.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> OpenAPI {
        serde_yaml::from_str(yaml).unwrap()
    }

    const BASE: &str = "openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n";

    #[test]
    fn scheme_kinds_and_method_names() {
        let api = spec(&format!(
            "{BASE}security: [{{ cc: [read] }}]\ncomponents:\n  securitySchemes:\n    api-key: {{ type: apiKey, in: cookie, name: sid }}\n    timeout: {{ type: http, scheme: basic }}\n    digest: {{ type: http, scheme: digest }}\n    cc: {{ type: oauth2, flows: {{ clientCredentials: {{ tokenUrl: 'https://a.example/t', scopes: {{ read: r, write: w }} }} }} }}\n    aad: {{ type: oauth2, flows: {{ implicit: {{ authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize', scopes: {{}} }} }} }}\n"
        ));
        let mut skipped = Vec::new();
        let s = Security::of(&api, &mut skipped);
        let got: Vec<(&str, &str, &SecuritySchemeKind)> = s
            .schemes
            .iter()
            .map(|s| (s.name.as_str(), s.method.as_str(), &s.kind))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "api-key",
                    "api_key",
                    &SecuritySchemeKind::ApiKey {
                        location: ApiKeyLocation::Cookie,
                        param: "sid".into()
                    }
                ),
                // `timeout` is a builder method already.
                ("timeout", "timeout_auth", &SecuritySchemeKind::Basic),
                (
                    "cc",
                    "cc",
                    &SecuritySchemeKind::OAuth2ClientCredentials {
                        token_url: "https://a.example/t".into(),
                        scopes: vec!["read".into()]
                    }
                ),
                ("aad", "aad", &SecuritySchemeKind::EntraId { scope: None }),
            ]
        );
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].contains("`digest`"), "{skipped:?}");
    }

    #[test]
    fn requirements_anonymous_optional_and_unknown() {
        let api = spec(&format!(
            "{BASE}security: [{{ k: [] }}]\ncomponents:\n  securitySchemes:\n    k: {{ type: apiKey, in: header, name: x-key }}\n    b: {{ type: http, scheme: bearer }}\n"
        ));
        let mut skipped = Vec::new();
        let s = Security::of(&api, &mut skipped);
        let req = |r: Option<Vec<SecurityRequirement>>, skipped: &mut Vec<String>| {
            s.requirement(r.as_deref(), &api, skipped, "op")
        };
        let named = |names: &[&[&str]]| -> Vec<SecurityRequirement> {
            names
                .iter()
                .map(|n| n.iter().map(|s| (s.to_string(), vec![])).collect())
                .collect()
        };
        assert_eq!(req(None, &mut skipped), Some(vec![vec!["k".to_string()]]));
        assert_eq!(req(Some(vec![]), &mut skipped), Some(vec![]));
        assert_eq!(req(Some(named(&[&[]])), &mut skipped), Some(vec![]));
        assert_eq!(
            req(Some(named(&[&[], &["k", "b"]])), &mut skipped),
            Some(vec![vec!["k".to_string(), "b".to_string()]])
        );
        assert!(skipped.is_empty());
        assert_eq!(req(Some(named(&[&["nope"]])), &mut skipped), None);
        assert!(skipped[0].contains("`nope`"), "{skipped:?}");
    }
}
