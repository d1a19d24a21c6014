//! Rust names for spec names: types in `UpperCamelCase`, fields and methods in `snake_case`,
//! keywords avoided, and collisions resolved with a stable numeric suffix.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "gen",
];

/// Keeps only characters that can appear in an identifier, splitting words at the others.
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `snake_case` identifier for a field, parameter or method.
pub fn snake(name: &str) -> String {
    let mut out = words(name).to_snake_case();
    if out.is_empty() {
        out = "value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("n{out}");
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `UpperCamelCase` identifier for a type or variant.
pub fn camel(name: &str) -> String {
    let mut out = words(name).to_upper_camel_case();
    if out.is_empty() {
        out = "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("V{out}");
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// Hands out names unique within one scope, in the order asked.
#[derive(Debug, Default)]
pub struct Scope {
    used: HashSet<String>,
}

impl Scope {
    pub fn new(reserved: &[&str]) -> Self {
        Scope {
            used: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// `name`, or `name2`, `name3`, … if taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.used.insert(name.clone()) {
            return name;
        }
        let sep = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{name}{sep}{n}"))
            .find(|candidate| self.used.insert(candidate.clone()))
            .expect("an unused name exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("$filter"), "filter");
        assert_eq!(snake("api-version"), "api_version");
        assert_eq!(snake("If-Match"), "if_match");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("1st"), "n1st");
        assert_eq!(camel("systemData"), "SystemData");
        assert_eq!(camel("application/json"), "ApplicationJson");
        assert_eq!(camel("2xx"), "V2xx");
        let mut scope = Scope::default();
        assert_eq!(scope.claim("get".into()), "get");
        assert_eq!(scope.claim("get".into()), "get2");
        assert_eq!(scope.claim("v2".into()), "v2");
        assert_eq!(scope.claim("v2".into()), "v2_2");
    }
}
