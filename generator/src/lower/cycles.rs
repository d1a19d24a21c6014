//! Recursive types: a struct or union that contains itself, directly or through other types,
//! holds the field or variant that closes the cycle in a `Box` (as typify's `cycles.rs` does).

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeRef};

/// Boxes fields and variants that would make a type contain itself.
///
/// A slot is boxed when its type leads back to the slot's own type through slots not yet
/// boxed, in definition order (so of a two-type cycle only the first slot is boxed). The
/// searches run on numbers with one reused visit mark: a spec whose models form one large
/// cycle has a search per slot over all of them.
pub(super) fn box_cycles(defs: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = defs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name(), i))
        .collect();
    // Each definition's slots: the definition a slot names (by name, so the last of a name),
    // if it names one, and whether it is boxed (stored behind a pointer already).
    let mut slots: Vec<Vec<(Option<usize>, bool)>> = defs
        .iter()
        .map(|d| {
            let slot = |ty: &TypeRef, boxed: bool| match ty {
                TypeRef::Named(n) => (index.get(n.as_str()).copied(), boxed),
                _ => (None, boxed),
            };
            match d {
                TypeDef::Struct(s) => s.fields.iter().map(|f| slot(&f.ty, f.boxed)).collect(),
                TypeDef::Union(u) => u.variants.iter().map(|v| slot(&v.ty, v.boxed)).collect(),
                TypeDef::Enum(_) => Vec::new(),
            }
        })
        .collect();
    let owners: Vec<usize> = defs.iter().map(|d| index[d.name()]).collect();
    drop(index);
    let mut visited = vec![0u32; defs.len()];
    let mut search = 0;
    let mut stack = Vec::new();
    for i in 0..defs.len() {
        for slot in 0..slots[i].len() {
            let Some(target) = slots[i][slot].0 else {
                continue;
            };
            // Whether `target` reaches the slot's own type through unboxed slots.
            search += 1;
            stack.clear();
            stack.push(target);
            let mut closes_cycle = false;
            while let Some(n) = stack.pop() {
                if n == owners[i] {
                    closes_cycle = true;
                    break;
                }
                if visited[n] == search {
                    continue;
                }
                visited[n] = search;
                stack.extend(
                    slots[n]
                        .iter()
                        .filter(|(_, boxed)| !boxed)
                        .filter_map(|(to, _)| *to),
                );
            }
            if closes_cycle {
                slots[i][slot].1 = true;
                match &mut defs[i] {
                    TypeDef::Struct(s) => s.fields[slot].boxed = true,
                    TypeDef::Union(u) => u.variants[slot].boxed = true,
                    TypeDef::Enum(_) => {}
                }
            }
        }
    }
}
