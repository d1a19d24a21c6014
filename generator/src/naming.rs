//! Rust names for spec names: types in `UpperCamelCase`, fields and methods in `snake_case`,
//! keywords avoided, and collisions resolved with a stable numeric suffix.
//!
//! Words are split as heck splits them (at case changes, digits stay with their word, an
//! acronym ends before the capital that starts the next word: `HTTPServer` is `http_server`),
//! with one rule added for acronyms: **an acronym followed by a single lower-case letter keeps
//! it** (a plural or a version: `LROs`, `IDs`, `IPv4`) and is one word, so `LROs_Put200` is
//! `lros_put200` / `LrosPut200`, not `lr_os_put200`, and `LROSADs` is `lrosads`. The rule
//! applies to every name: groups, methods, builders, fields, parameters, types and variants.
//!
//! Names in other scripts are transliterated to ASCII first (`Café` -> `Cafe`), and a leading sign is a word (`-1` -> `Minus1`); a name left
//! with no letter or digit is `value` / `Value`; a leading digit gets `n` / `V`; a keyword gets
//! a trailing `_` (`self_`, `crate_`, `super_`: these cannot be raw identifiers), and a type or
//! variant that would be `Self` is `SelfValue`. Uniqueness within a scope is [`Scope`]'s job:
//! names that differ only in case or punctuation (`fooBar`, `foo_bar`) meet there.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "gen",
];

/// Keeps only characters that can appear in an identifier, splitting words at the others, and
/// writes an acronym with a one-letter lower-case tail (`LROs`) as one capitalised word
/// (`Lros`) so heck does not split it before its last capital.
fn words(name: &str) -> String {
    // Other scripts are transliterated (`Café` is `Cafe`, `名前` is `Ming Qian`), so a name
    // keeps its meaning and is never empty because it had no ASCII letter.
    let ascii = if name.is_ascii() {
        name.to_string()
    } else {
        deunicode::deunicode(name)
    };
    // A leading sign is a word (`+1` / `-1`, sort keys `-created` / `+created`), not
    // punctuation to drop: such values often come in pairs.
    let ascii = match ascii.as_bytes() {
        [b'+', next, ..] if next.is_ascii_alphanumeric() => format!("plus {}", &ascii[1..]),
        [b'-', next, ..] if next.is_ascii_alphanumeric() => format!("minus {}", &ascii[1..]),
        _ => ascii,
    };
    let chars: Vec<char> = ascii
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let tail = chars.get(i + run).copied();
        let after_tail = chars.get(i + run + 1).copied();
        let one_letter_tail = tail.is_some_and(|c| c.is_ascii_lowercase())
            && !after_tail.is_some_and(|c| c.is_ascii_lowercase());
        if run >= 2 && one_letter_tail {
            out.push(chars[i]);
            out.extend(chars[i + 1..i + run].iter().map(char::to_ascii_lowercase));
        } else {
            out.extend(&chars[i..i + run]);
        }
        i += run;
    }
    out
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
    // `Self` cannot be a type or variant name, and `Self_` is not upper camel case.
    if out == "Self" {
        out = "SelfValue".into();
    }
    out
}

/// Characters an enum variant name keeps at most: values that are whole sentences (or long
/// transliterations) would make names no one can type; the value itself stays in the docs and
/// on the wire, and [`Scope`] tells truncated names apart.
pub const MAX_VARIANT_CHARS: usize = 64;

/// `name` cut to [`MAX_VARIANT_CHARS`] characters.
pub fn capped(mut name: String) -> String {
    if let Some((end, _)) = name.char_indices().nth(MAX_VARIANT_CHARS) {
        name.truncate(end);
    }
    name
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
        assert_eq!(camel("Self"), "SelfValue");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("super"), "super_");
        // Other scripts are transliterated; a name of symbols only is still a name.
        assert_eq!(camel("Café"), "Cafe");
        assert_eq!(snake("prénom"), "prenom");
        assert_eq!(camel("名前"), "MingQian");
        assert_eq!(camel("+"), "Value");
        assert_eq!(snake(""), "value");
        // Signs are words.
        assert_eq!(camel("+1"), "Plus1");
        assert_eq!(camel("-1"), "Minus1");
        assert_eq!(snake("-created"), "minus_created");
        assert_eq!(snake("a-b"), "a_b");
        let mut scope = Scope::default();
        assert_eq!(scope.claim("get".into()), "get");
        assert_eq!(scope.claim("get".into()), "get2");
        assert_eq!(scope.claim("v2".into()), "v2");
        assert_eq!(scope.claim("v2".into()), "v2_2");
    }

    #[test]
    fn acronyms_read_as_words() {
        // AutoRest test-server ids.
        assert_eq!(snake("LROs"), "lros");
        assert_eq!(snake("LROSADs"), "lrosads");
        assert_eq!(snake("LROs_Put200"), "lros_put200");
        assert_eq!(camel("LROsCustomHeader"), "LrosCustomHeader");
        assert_eq!(camel("LROSADs"), "Lrosads");
        // Plurals and versions anywhere in a name.
        assert_eq!(snake("listAPIs"), "list_apis");
        assert_eq!(snake("getIDsByName"), "get_ids_by_name");
        assert_eq!(snake("IPv4Address"), "ipv4_address");
        assert_eq!(camel("IPv6"), "Ipv6");
        // Longer lower-case tails start a new word after the acronym, as before.
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake("ETags"), "e_tags");
        assert_eq!(camel("APIVersion"), "ApiVersion");
        assert_eq!(snake("OAuth2"), "o_auth2");
        // Plain words and single capitals are untouched.
        assert_eq!(snake("As"), "as_");
        assert_eq!(snake("resourceGroupName"), "resource_group_name");
        assert_eq!(camel("ApiManagementService"), "ApiManagementService");
        assert_eq!(snake("API"), "api");
    }
}
