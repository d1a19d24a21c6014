//! The default JSON name of a model field. This file is compiled into two crates: the derives
//! in `apigen-runtime-macros` and the generator (`apigen`), which includes it by path.

/// A field's snake_case Rust name in camelCase (`display_name` → `displayName`), as serde's
/// `rename_all = "camelCase"` does for the lowercase names the generator emits; a trailing
/// `_` (added to keywords, `type_`) is dropped.
pub fn default_wire_name(field: &str) -> String {
    let mut out = String::new();
    let mut capitalize = false;
    for (i, ch) in field.chars().enumerate() {
        if ch == '_' {
            capitalize = i > 0;
        } else if capitalize {
            out.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::default_wire_name;

    #[test]
    fn snake_case_becomes_camel_case() {
        assert_eq!(default_wire_name("display_name"), "displayName");
        assert_eq!(default_wire_name("id"), "id");
        assert_eq!(default_wire_name("type_"), "type");
        assert_eq!(default_wire_name("n1st"), "n1st");
        assert_eq!(
            default_wire_name("public_ip_addresses"),
            "publicIpAddresses"
        );
    }
}
