//! Which structs can derive `Default`: those whose every required field has one, found by
//! iterating to a fixed point (as typify's `defaults.rs` decides per type).

use std::collections::HashSet;

use crate::ir::{TypeDef, TypeRef};

/// Marks structs whose every field has a `Default`, iterating to a fixed point.
pub(super) fn mark_defaults(defs: &mut [TypeDef]) {
    loop {
        let with_default: HashSet<String> = defs
            .iter()
            .filter_map(|d| match d {
                TypeDef::Struct(s) if s.default => Some(s.name.clone()),
                _ => None,
            })
            .collect();
        let mut changed = false;
        for d in defs.iter_mut() {
            let TypeDef::Struct(s) = d else { continue };
            if s.default {
                continue;
            }
            let ok = s
                .fields
                .iter()
                .all(|f| !f.required || has_default(&f.ty, &with_default));
            if ok {
                s.default = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn has_default(ty: &TypeRef, structs: &HashSet<String>) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::Date | TypeRef::DateTimeRfc1123 | TypeRef::Duration => false,
        TypeRef::Named(n) => structs.contains(n),
        _ => true,
    }
}
