//! What a path key's template holds besides `/` segments: placeholders (`{name}`, one
//! parameter may fill several) and, in some real specs, a query string
//! (`/search?query={query}`, `/?comp=list`).
//!
//! The rules (README, "Path templates"):
//! - a literal query pair (`comp=list`) stays in the template; the runtime sends it;
//! - a pair whose placeholder a *query* parameter declares (`query={query}` beside
//!   `in: query` `query`) is dropped from the template: the parameter sends it;
//! - a placeholder no parameter declares (`/uploads?convert={convert}` with no `convert`
//!   parameter) is a required `String` path parameter of that name, noted in its docs: the
//!   template says the value is always there, and OpenAPI says each template expression
//!   names a path parameter, which the spec forgot to declare.

use crate::ir::{
    template_placeholders, Docs, Param, ParamLocation, ParamRole, ParamStyle, TypeRef,
};
use crate::naming::{snake, Scope};

/// The distinct placeholder names of `template` in order of first appearance, without the
/// `+` of a reserved expansion.
pub(super) fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for name in template_placeholders(template) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The template with the query pairs that `params`' query parameters send dropped, and the
/// path parameters the spec left undeclared (to be appended to the operation's parameters).
pub(super) fn resolve(template: &str, params: &[Param], scope: &mut Scope) -> (String, Vec<Param>) {
    let declared = |name: &str, location: ParamLocation| {
        params
            .iter()
            .any(|p| p.location == location && p.wire_name == name)
    };
    let template = match template.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| {
                    let names = placeholders(pair);
                    names.is_empty()
                        || !names.iter().all(|n| {
                            declared(n, ParamLocation::Query) && !declared(n, ParamLocation::Path)
                        })
                })
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => template.to_string(),
    };
    let undeclared = placeholders(&template)
        .into_iter()
        .filter(|n| !declared(n, ParamLocation::Path))
        .map(|name| Param {
            wire_name: name.to_string(),
            rust_name: scope.claim(snake(name)),
            location: ParamLocation::Path,
            ty: TypeRef::String,
            style: ParamStyle::Plain,
            role: ParamRole::Positional,
            docs: Docs(vec![format!(
                "`{{{name}}}` of the path template, which the spec declares no parameter for."
            )]),
        })
        .collect();
    (template, undeclared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(name: &str) -> Param {
        Param {
            wire_name: name.into(),
            rust_name: name.into(),
            location: ParamLocation::Query,
            ty: TypeRef::String,
            style: ParamStyle::Plain,
            role: ParamRole::Optional,
            docs: Docs::default(),
        }
    }

    #[test]
    fn placeholders_are_distinct_and_in_order() {
        assert_eq!(
            placeholders("/a/System.{location}/{provider}/x/{location}/{+next}"),
            ["location", "provider", "next"]
        );
    }

    #[test]
    fn pairs_a_query_parameter_sends_leave_the_template() {
        let mut scope = Scope::new(&[]);
        let (t, extra) = resolve("/search?query={query}&v=1", &[query("query")], &mut scope);
        assert_eq!(t, "/search?v=1");
        assert!(extra.is_empty());
        let (t, _) = resolve("/search?query={query}", &[query("query")], &mut scope);
        assert_eq!(t, "/search");
    }

    #[test]
    fn undeclared_placeholders_become_required_path_parameters() {
        let mut scope = Scope::new(&["convert"]);
        let (t, extra) = resolve("/uploads?convert={convert}", &[], &mut scope);
        assert_eq!(t, "/uploads?convert={convert}");
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].wire_name, "convert");
        assert_eq!(extra[0].rust_name, "convert2");
        assert_eq!(extra[0].role, ParamRole::Positional);
    }
}
