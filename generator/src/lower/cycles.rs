//! Recursive types: a struct or union that contains itself, directly or through other types,
//! holds the field or variant that closes the cycle in a `Box` (as typify's `cycles.rs` does).

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeRef};

/// Boxes fields and variants that would make a type contain itself.
pub(super) fn box_cycles(defs: &mut [TypeDef]) {
    let index: HashMap<String, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name().to_string(), i))
        .collect();
    // Edges through which a value is stored inline (not behind Vec/Map, which allocate).
    let inline_edges = |d: &TypeDef| -> Vec<String> {
        match d {
            TypeDef::Struct(s) => s
                .fields
                .iter()
                .filter(|f| !f.boxed)
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(n) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            TypeDef::Union(u) => u
                .variants
                .iter()
                .filter(|v| !v.boxed)
                .filter_map(|v| match &v.ty {
                    TypeRef::Named(n) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            TypeDef::Enum(_) => Vec::new(),
        }
    };
    let reaches = |defs: &[TypeDef], from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(&i) = index.get(&n) {
                stack.extend(inline_edges(&defs[i]));
            }
        }
        false
    };
    // A struct field or a union variant that leads back to its own type is boxed.
    for i in 0..defs.len() {
        let name = defs[i].name().to_string();
        let slots = match &defs[i] {
            TypeDef::Struct(s) => s.fields.len(),
            TypeDef::Union(u) => u.variants.len(),
            TypeDef::Enum(_) => 0,
        };
        for slot in 0..slots {
            let target = match &defs[i] {
                TypeDef::Struct(s) => &s.fields[slot].ty,
                TypeDef::Union(u) => &u.variants[slot].ty,
                TypeDef::Enum(_) => unreachable!("enums have no slots"),
            };
            let TypeRef::Named(target) = target else {
                continue;
            };
            if reaches(defs, &target.clone(), &name) {
                match &mut defs[i] {
                    TypeDef::Struct(s) => s.fields[slot].boxed = true,
                    TypeDef::Union(u) => u.variants[slot].boxed = true,
                    TypeDef::Enum(_) => {}
                }
            }
        }
    }
}
