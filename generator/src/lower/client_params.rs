//! Client parameters are fields, getters and `with_` methods of the one client, beside its
//! group accessors and root operations: their names must be unique among all of those. Two
//! parameters whose wire names differ only in case or punctuation (`Consent-ID` and
//! `consentId`), or a parameter named like a group (`class` and the `Class` group), would
//! otherwise declare the same item twice.

use crate::ir::{ClientParam, Group, Operation, ParamRole};
use crate::naming::Scope;

/// Methods and fields every client has.
const CLIENT_ITEMS: &[&str] = &["builder", "runtime"];

/// Renames clashing client parameters (`name2`, `name3`, … in spec order) in the client and in
/// every operation that sends them.
pub fn make_unique(
    params: &mut [ClientParam],
    groups: &mut [Group],
    root_operations: &mut [Operation],
) {
    let mut scope = Scope::new(CLIENT_ITEMS);
    for group in groups.iter() {
        scope.claim(group.module.clone());
    }
    for op in root_operations.iter() {
        scope.claim(op.method.clone());
    }
    let mut renamed: Vec<(String, String)> = Vec::new();
    for param in params.iter_mut() {
        let unique = scope.claim(param.rust_name.clone());
        if unique != param.rust_name {
            renamed.push((param.wire_name.clone(), unique.clone()));
            param.rust_name = unique;
        }
    }
    if renamed.is_empty() {
        return;
    }
    let operations = groups
        .iter_mut()
        .flat_map(|g| g.operations.iter_mut())
        .chain(root_operations.iter_mut());
    for op in operations {
        for p in op.params.iter_mut().filter(|p| p.role == ParamRole::Client) {
            if let Some((_, name)) = renamed.iter().find(|(wire, _)| *wire == p.wire_name) {
                p.rust_name = name.clone();
            }
        }
    }
}
