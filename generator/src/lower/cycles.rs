//! Recursive types: a struct that contains itself, directly or through other structs, holds
//! the field that closes the cycle in a `Box` (as typify's `cycles.rs` does).

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeRef};

/// Boxes fields that would make a struct contain itself (directly or through other structs).
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
            TypeDef::Union(u) => u.variants.iter().map(|(_, n)| n.clone()).collect(),
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
    for i in 0..defs.len() {
        let TypeDef::Struct(s) = &defs[i] else {
            continue;
        };
        let name = s.name.clone();
        for f in 0..s.fields.len() {
            let target = match &defs[i] {
                TypeDef::Struct(s) => match &s.fields[f].ty {
                    TypeRef::Named(n) => n.clone(),
                    _ => continue,
                },
                _ => unreachable!(),
            };
            if reaches(defs, &target, &name) {
                if let TypeDef::Struct(s) = &mut defs[i] {
                    s.fields[f].boxed = true;
                }
            }
        }
    }
}
