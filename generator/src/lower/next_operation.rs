//! `x-ms-pageable.operationName`: a paged list whose later pages come from another operation
//! (one that takes the next link as, say, an unencoded path parameter, or sends constants of
//! its own). Linked once every operation is lowered: the next one may come later in the spec.

use std::collections::HashMap;

use openapiv3::Operation as SpecOperation;

use super::azure::{self, Pageable};
use crate::error::{Location, Result};
use crate::ir::{NextArgument, NextOperation, Operation, OperationKind, ParamLocation, TypeRef};

/// A paged operation that names a next operation, found while lowering.
pub(super) struct Requested {
    /// Its group (`None`: the client's own operations) and index there.
    slot: (Option<usize>, usize),
    /// The next operation's `operationId`.
    name: String,
    /// Where the extension is, for the note when it cannot be linked.
    at: String,
}

/// The next operation `op` (lowered into `slot`) names, if any.
pub(super) fn requested(
    op: &SpecOperation,
    at: &Location,
    user_at: impl FnOnce() -> String,
    slot: (Option<usize>, usize),
) -> Result<Option<Requested>> {
    let pageable: Option<Pageable> = azure::extension(&op.extensions, "x-ms-pageable", at)?;
    Ok(pageable
        .and_then(|p| p.operation_name)
        .map(|name| Requested {
            slot,
            name,
            at: user_at(),
        }))
}

/// Sets each requested operation's `next_operation`; one that cannot be linked (unknown name,
/// an argument nothing supplies) keeps fetching the next link as it is, with a note.
pub(super) fn link(
    requested: Vec<Requested>,
    groups: &mut [Vec<Operation>],
    modules: &[String],
    root: &mut [Operation],
    skipped: &mut Vec<String>,
) {
    let mut linked = Vec::new();
    let targets = Targets::of(groups, modules, root);
    for r in requested {
        let source = operation(groups, root, r.slot);
        match resolve(source, &r.name, &targets) {
            Ok(next) => linked.push((r.slot, next)),
            Err(why) => skipped.push(format!(
                "{}: x-ms-pageable.operationName `{}` {why}; the next link is fetched as it is",
                r.at, r.name
            )),
        }
    }
    for (slot, next) in linked {
        let op = match slot {
            (Some(g), i) => &mut groups[g][i],
            (None, i) => &mut root[i],
        };
        if let OperationKind::Paged { next_operation, .. } = &mut op.kind {
            *next_operation = Some(next);
        }
    }
}

/// Whether the next-operation closure can capture an argument of type `ty`.
fn captured(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Date
            | TypeRef::DateTime
            | TypeRef::DateTimeRfc1123
            | TypeRef::Duration
            | TypeRef::Uuid
    )
}

fn operation<'a>(
    groups: &'a [Vec<Operation>],
    root: &'a [Operation],
    slot: (Option<usize>, usize),
) -> &'a Operation {
    match slot {
        (Some(g), i) => &groups[g][i],
        (None, i) => &root[i],
    }
}

/// The operations an `operationName` may name, with their group's module (`None`: the root
/// client), by operation id: the first of an id, and the first of an id in ASCII lowercase.
/// Built once, so linking is linear in the operations.
struct Targets<'a> {
    exact: HashMap<&'a str, Target<'a>>,
    lowercase: HashMap<String, Target<'a>>,
}

type Target<'a> = (Option<&'a String>, &'a Operation);

impl<'a> Targets<'a> {
    fn of(groups: &'a [Vec<Operation>], modules: &'a [String], root: &'a [Operation]) -> Self {
        let all = groups
            .iter()
            .zip(modules)
            .flat_map(|(ops, module)| ops.iter().map(move |o| (Some(module), o)))
            .chain(root.iter().map(|o| (None, o)));
        let mut targets = Targets {
            exact: HashMap::new(),
            lowercase: HashMap::new(),
        };
        for target in all {
            let id = target.1.operation_id.as_str();
            targets.exact.entry(id).or_insert(target);
            targets
                .lowercase
                .entry(id.to_ascii_lowercase())
                .or_insert(target);
        }
        targets
    }

    /// The operation of id `name`, or else of an id that differs from it in ASCII case only.
    fn get(&self, name: &str) -> Option<Target<'a>> {
        self.exact
            .get(name)
            .or_else(|| self.lowercase.get(&name.to_ascii_lowercase()))
            .copied()
    }
}

/// How `source` calls the operation `name`, or why it cannot.
fn resolve(
    source: &Operation,
    name: &str,
    targets: &Targets,
) -> std::result::Result<NextOperation, String> {
    let (group, target) = targets.get(name).ok_or("names no operation of the spec")?;
    let item = |op: &Operation| match &op.kind {
        OperationKind::Paged { item, .. } => Some(item.clone()),
        _ => None,
    };
    if item(target).is_none() || item(target) != item(source) {
        return Err("is not a paged operation with the same items".into());
    }
    if target.body.as_ref().is_some_and(|b| b.required) {
        return Err("takes a request body".into());
    }
    let args = target
        .positional()
        .map(|p| {
            if p.wire_name.eq_ignore_ascii_case("nextLink") {
                return Ok(NextArgument::NextLink);
            }
            source
                .positional()
                .find(|s| s.wire_name == p.wire_name && s.location == p.location)
                // The generated closure captures strings and `Copy` scalars.
                .filter(|s| s.ty == p.ty && captured(&s.ty))
                .map(|s| NextArgument::Param(s.rust_name.clone(), s.ty.clone()))
                .ok_or_else(|| {
                    let place = match p.location {
                        ParamLocation::Path => "path",
                        ParamLocation::Query => "query",
                        ParamLocation::Header => "header",
                        ParamLocation::Cookie => "cookie",
                    };
                    format!(
                        "takes the {place} parameter `{}`, which the paged operation does not (as a string or scalar of the same type)",
                        p.wire_name
                    )
                })
        })
        .collect::<std::result::Result<Vec<_>, String>>()?;
    // A required group goes after the positional arguments, as in the method's signature.
    let mut args = args;
    for group in target.required_groups() {
        let source_group = source
            .required_groups()
            .find(|g| g.type_name == group.type_name)
            .ok_or_else(|| {
                format!(
                    "takes the parameter group `{}`, which the paged operation does not",
                    group.type_name
                )
            })?;
        args.push(NextArgument::Group(source_group.rust_name.clone()));
    }
    Ok(NextOperation {
        group: group.map(|m| m.to_string()),
        method: target.method.clone(),
        builder: target.optional().next().is_some() || target.optional_groups().next().is_some(),
        args,
    })
}
