//! The endpoint from a server URL template: OpenAPI `servers[0]` with `variables`, or Azure's
//! `x-ms-parameterized-host`. The client builder fills it in once, when the client is built.

use crate::error::{Error, Result};
use url::Url;

/// A `{name}` of the server URL template, with the spec's default and allowed values.
///
/// ```
/// use apigen_runtime::ServerVariable;
/// const REGION: ServerVariable = ServerVariable { name: "region", default: Some("eu"), allowed: &["eu", "us"] };
/// assert_eq!(REGION.default, Some("eu"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerVariable {
    /// The placeholder's name.
    pub name: &'static str,
    /// The value used when none is set; without one, the value must be set.
    pub default: Option<&'static str>,
    /// The only values allowed (OpenAPI `enum`); empty when any value is.
    pub allowed: &'static [&'static str],
}

/// `template` with each `{variable}` replaced by the value set for it (as is: variables are
/// parts of a URL, such as a host and port) or its default.
/// `url` with `scheme` (`http` or `https`) in place of its own, when one is given.
pub(crate) fn with_scheme(mut url: Url, scheme: Option<&str>) -> Result<Url> {
    match scheme {
        None => Ok(url),
        Some(s @ ("http" | "https")) => {
            // Both are special schemes: `set_scheme` cannot fail between them.
            let _ = url.set_scheme(s);
            Ok(url)
        }
        Some(other) => Err(Error::InvalidRequest(format!(
            "server scheme `{other}`: expected `http` or `https`"
        ))),
    }
}

pub(crate) fn expand(
    template: &str,
    variables: &[ServerVariable],
    values: &[(String, String)],
) -> Result<String> {
    let fail = |why: String| Error::InvalidRequest(format!("server URL `{template}`: {why}"));
    if let Some((name, _)) = values
        .iter()
        .find(|(n, _)| !variables.iter().any(|v| v.name == n))
    {
        let known: Vec<&str> = variables.iter().map(|v| v.name).collect();
        return Err(fail(format!(
            "no variable `{name}` (it has: {})",
            known.join(", ")
        )));
    }
    let mut url = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| fail("unclosed `{`".into()))?;
        let name = &rest[open + 1..close];
        let variable = variables
            .iter()
            .find(|v| v.name == name)
            .ok_or_else(|| fail(format!("`{{{name}}}` is not a declared variable")))?;
        let value = values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .or(variable.default)
            .ok_or_else(|| {
                fail(format!(
                    "variable `{name}` has no default; set it with `.server_variable(\"{name}\", …)`"
                ))
            })?;
        if !variable.allowed.is_empty() && !variable.allowed.contains(&value) {
            return Err(fail(format!(
                "`{value}` is not allowed for `{name}` (allowed: {})",
                variable.allowed.join(", ")
            )));
        }
        url.push_str(&rest[..open]);
        url.push_str(value);
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARS: &[ServerVariable] = &[
        ServerVariable {
            name: "region",
            default: Some("eu"),
            allowed: &["eu", "us"],
        },
        ServerVariable {
            name: "account",
            default: None,
            allowed: &[],
        },
    ];

    fn set(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_fill_what_is_not_set_and_the_last_value_set_wins() {
        let t = "https://{account}.{region}.example.com/v1";
        assert_eq!(
            expand(t, VARS, &set(&[("account", "a"), ("account", "b")])).unwrap(),
            "https://b.eu.example.com/v1"
        );
        assert_eq!(
            expand(t, VARS, &set(&[("account", "x"), ("region", "us")])).unwrap(),
            "https://x.us.example.com/v1"
        );
    }

    #[test]
    fn bad_values_name_the_variable() {
        let t = "https://{account}.{region}.example.com";
        let e = expand(t, VARS, &[]).unwrap_err().to_string();
        assert!(e.contains("variable `account` has no default"), "{e}");
        let e = expand(t, VARS, &set(&[("account", "a"), ("region", "mars")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`mars` is not allowed for `region` (allowed: eu, us)"),
            "{e}"
        );
        let e = expand(t, VARS, &set(&[("acount", "a")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no variable `acount` (it has: region, account)"),
            "{e}"
        );
        let e = expand("https://{zone}.example.com", VARS, &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("`{zone}` is not a declared variable"), "{e}");
    }
}
