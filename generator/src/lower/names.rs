//! Names of the client's items, planned from the operations' ids, methods, paths and tags
//! before any operation is lowered, so every IR value is built with its names.
//!
//! - **Operation ids.** An operation keeps its `operationId`. One without an id, and each
//!   repeat of an id already taken (in document order: paths as listed, then `get`, `put`,
//!   `post`, `delete`, `options`, `head`, `patch`), is named from its method and path in
//!   snake case, placeholders by their parameter name: `get /pets/{petId}/toys` becomes
//!   `get_pets_pet_id_toys`, `delete /` becomes `delete`. A name so made that an id already
//!   has gets `2`, `3`, … appended.
//! - **Groups.** A spec whose ids mostly (more than half of its operations) follow the Azure
//!   `Group_Operation` form (a part before the first `_` that starts with an ASCII capital, and
//!   a part after it) is grouped by them: group `Group`, method `operation`; its other
//!   operations are methods of the client itself (root operations). Any other spec is grouped
//!   by each operation's first tag, with the whole id as the method; an operation without tags
//!   is a root operation.
//! - **Uniqueness.** Methods are unique within their group, groups and root methods within the
//!   client, builder types within their module.

use std::collections::{BTreeMap, HashSet};

use crate::naming::{camel, snake, Scope};

/// What names an operation: where it is and what the spec calls it.
pub(super) struct OperationKey<'a> {
    /// `operationId`, when the spec gives one.
    pub id: Option<&'a str>,
    /// Lower-case HTTP method, e.g. `get`.
    pub method: &'a str,
    /// Path template, e.g. `/pets/{petId}`.
    pub path: &'a str,
    /// The operation's first tag.
    pub tag: Option<&'a str>,
}

/// The names of one operation's items.
#[derive(Clone, Debug, Default)]
pub(super) struct OperationNames {
    /// The spec's `operationId`, or the name made for it (see the module docs).
    pub operation_id: String,
    /// Index into [`Layout::groups`]; `None` for a root operation.
    pub group: Option<usize>,
    /// Method name, e.g. `list_by_service`.
    pub method: String,
    /// Builder type name, e.g. `ListByService`.
    pub builder: String,
}

/// The names of one group.
pub(super) struct GroupNames {
    /// Accessor and module, e.g. `api_management_service`.
    pub module: String,
    /// Handle type, e.g. `ApiManagementServiceClient`.
    pub type_name: String,
}

/// Every name, groups sorted by their spelling in the spec (output order does not depend on
/// file order) and one `OperationNames` per operation asked about, in that order.
pub(super) struct Layout {
    pub groups: Vec<GroupNames>,
    pub operations: Vec<OperationNames>,
}

/// The operation ids: the spec's, made unique, and made from method and path where missing.
fn operation_ids(ops: &[OperationKey]) -> Vec<String> {
    let mut seen = HashSet::new();
    let kept: Vec<Option<&str>> = ops
        .iter()
        .map(|op| op.id.filter(|id| seen.insert(*id)))
        .collect();
    let mut ids = Scope::new(&kept.iter().flatten().copied().collect::<Vec<_>>());
    ops.iter()
        .zip(kept)
        .map(|(op, id)| match id {
            Some(id) => id.to_string(),
            None => ids.claim(snake(&format!("{} {}", op.method, op.path))),
        })
        .collect()
}

/// `(group, method)` of an id in the Azure `Group_Operation` form.
fn azure_group(id: &str) -> Option<(&str, &str)> {
    id.split_once('_').filter(|(group, method)| {
        group.starts_with(|c: char| c.is_ascii_uppercase()) && !method.is_empty()
    })
}

/// Plans the names for `ops`.
pub(super) fn plan(client_name: &str, ops: &[OperationKey]) -> Layout {
    let ids = operation_ids(ops);
    let azure = ids.iter().filter(|id| azure_group(id).is_some()).count() * 2 > ids.len();
    let mut by_group: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    let mut root = Vec::new();
    for (i, (op, id)) in ops.iter().zip(&ids).enumerate() {
        let group = if azure {
            azure_group(id)
        } else {
            op.tag.map(|tag| (tag, id.as_str()))
        };
        match group {
            Some((group, method)) => by_group.entry(group).or_default().push((i, method)),
            None => root.push(i),
        }
    }
    let mut operations: Vec<OperationNames> = ids
        .iter()
        .map(|id| OperationNames {
            operation_id: id.clone(),
            ..OperationNames::default()
        })
        .collect();
    let mut group_scope = Scope::new(&[client_name]);
    let mut root_methods = Scope::new(&["builder", "runtime"]);
    let mut groups = Vec::new();
    for (index, (group, members)) in by_group.into_iter().enumerate() {
        let module = root_methods.claim(snake(group));
        // A group named like the service (`Widgets` in `WidgetsClient`) gets `…OperationsClient`.
        let mut type_name = format!("{}Client", camel(group));
        if type_name == client_name {
            type_name = format!("{}OperationsClient", camel(group));
        }
        let type_name = group_scope.claim(type_name);
        let mut methods = Scope::default();
        let mut builders = builder_scope(&[&type_name]);
        for (i, method) in members {
            let method = methods.claim(snake(method));
            operations[i].group = Some(index);
            operations[i].builder = builders.claim(camel(&method));
            operations[i].method = method;
        }
        groups.push(GroupNames { module, type_name });
    }
    for &i in &root {
        operations[i].method = root_methods.claim(snake(&ids[i]));
    }
    // Root builders live in `operations/`, beside the group modules, their handle types and
    // the generic `Builder` every builder type names.
    let taken: Vec<&str> = groups
        .iter()
        .flat_map(|g| [g.type_name.as_str(), g.module.as_str()])
        .chain(["Builder"])
        .collect();
    let mut root_builders = builder_scope(&taken);
    for &i in &root {
        operations[i].builder = root_builders.claim(camel(&operations[i].method));
    }
    Layout { groups, operations }
}

/// Names a builder type must not take: prelude items its module uses, and `extra`.
fn builder_scope(extra: &[&str]) -> Scope {
    let mut reserved = vec![
        "Send", "Sync", "Box", "Option", "Result", "Vec", "String", "Some", "None", "Ok", "Err",
        "Default", "Clone", "Copy", "Self",
    ];
    reserved.extend_from_slice(extra);
    Scope::new(&reserved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(id: Option<&'a str>, method: &'a str, path: &'a str) -> OperationKey<'a> {
        OperationKey {
            id,
            method,
            path,
            tag: None,
        }
    }

    /// (group module or "", method, builder) per operation.
    fn names(layout: &Layout) -> Vec<(&str, &str, &str)> {
        layout
            .operations
            .iter()
            .map(|o| {
                let group = o.group.map_or("", |g| layout.groups[g].module.as_str());
                (group, o.method.as_str(), o.builder.as_str())
            })
            .collect()
    }

    #[test]
    fn groups_sorted_methods_unique_builders_clear_of_handles() {
        let ops = [
            key(Some("Widgets_List"), "get", "/widgets"),
            key(Some("Gadgets_Get"), "get", "/gadgets/{id}"),
            key(Some("Widgets_list"), "post", "/widgets"),
            key(Some("Ping"), "get", "/ping"),
            key(Some("GadgetsClient"), "get", "/gadgets"),
        ];
        let layout = plan("ServiceClient", &ops);
        let groups: Vec<(&str, &str)> = layout
            .groups
            .iter()
            .map(|g| (g.module.as_str(), g.type_name.as_str()))
            .collect();
        assert_eq!(
            groups,
            [("gadgets", "GadgetsClient"), ("widgets", "WidgetsClient")]
        );
        assert_eq!(
            names(&layout),
            [
                ("widgets", "list", "List"),
                ("gadgets", "get", "Get"),
                ("widgets", "list2", "List2"),
                ("", "ping", "Ping"),
                // A root builder may not take a group's handle type name.
                ("", "gadgets_client", "GadgetsClient2"),
            ]
        );
    }

    #[test]
    fn missing_and_repeated_ids_are_named_from_method_and_path() {
        let ops = [
            key(None, "get", "/pets/{petId}/toys"),
            key(Some("listPets"), "get", "/pets"),
            key(Some("listPets"), "post", "/pets"),
            key(None, "delete", "/"),
            // A made name an id already has is numbered.
            key(Some("put_pets"), "get", "/other"),
            key(None, "put", "/pets"),
        ];
        let layout = plan("PetsClient", &ops);
        let ids: Vec<&str> = layout
            .operations
            .iter()
            .map(|o| o.operation_id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "get_pets_pet_id_toys",
                "listPets",
                "post_pets",
                "delete",
                "put_pets",
                "put_pets2"
            ]
        );
        let methods: Vec<&str> = layout
            .operations
            .iter()
            .map(|o| o.method.as_str())
            .collect();
        assert_eq!(
            methods,
            [
                "get_pets_pet_id_toys",
                "list_pets",
                "post_pets",
                "delete",
                "put_pets",
                "put_pets2"
            ]
        );
    }

    #[test]
    fn ids_that_differ_only_in_case_or_punctuation_get_distinct_methods() {
        let ops = [
            key(Some("getPets"), "get", "/pets"),
            key(Some("get_pets"), "get", "/pets/mine"),
            key(Some("GetPets"), "get", "/pets/yours"),
            // Made from method and path: `get_pets` too, and the id `get_pets` is taken.
            key(None, "get", "/pets"),
            key(Some("self"), "get", "/self"),
        ];
        let layout = plan("PetsClient", &ops);
        assert_eq!(
            names(&layout),
            [
                ("", "get_pets", "GetPets"),
                ("", "get_pets2", "GetPets2"),
                ("", "get_pets3", "GetPets3"),
                ("", "get_pets2_2", "GetPets22"),
                ("", "self_", "SelfValue"),
            ]
        );
        assert_eq!(layout.operations[3].operation_id, "get_pets2");
    }

    #[test]
    fn a_spec_of_azure_ids_is_grouped_by_them_and_tags_are_ignored() {
        let tagged = |id, tag| OperationKey {
            tag: Some(tag),
            ..key(Some(id), "get", "/x")
        };
        let ops = [
            tagged("Pets_List", "store"),
            tagged("Pets_Get", "store"),
            tagged("Owners_Get", "store"),
            // Not the Azure form: on the client, whatever its tag.
            tagged("PerformCheck", "checks"),
            key(Some("Pets_"), "get", "/y"),
        ];
        let layout = plan("PetstoreClient", &ops);
        assert_eq!(
            names(&layout),
            [
                ("pets", "list", "List"),
                ("pets", "get", "Get"),
                ("owners", "get", "Get"),
                ("", "perform_check", "PerformCheck"),
                // Its method may not take the `pets()` accessor.
                ("", "pets2", "Pets2"),
            ]
        );
    }

    #[test]
    fn any_other_spec_is_grouped_by_first_tag() {
        let tagged = |id, method, path| OperationKey {
            tag: Some("store"),
            ..key(id, method, path)
        };
        let ops = [
            // In a spec that does not follow it, an Azure-form id is just a name.
            tagged(Some("Pets_List"), "get", "/pets"),
            tagged(Some("get_inventory"), "get", "/store/inventory"),
            tagged(None, "post", "/store/orders"),
            // No tag: on the client.
            key(Some("health_check"), "get", "/health"),
        ];
        let layout = plan("PetstoreClient", &ops);
        assert_eq!(
            names(&layout),
            [
                ("store", "pets_list", "PetsList"),
                ("store", "get_inventory", "GetInventory"),
                ("store", "post_store_orders", "PostStoreOrders"),
                ("", "health_check", "HealthCheck"),
            ]
        );
    }
}
