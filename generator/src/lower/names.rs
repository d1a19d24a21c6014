//! Names of the client's items, planned from the operationIds before any operation is lowered,
//! so every IR value is built with its names: group accessors and handle types (the part of
//! `Group_Op` before `_`), method names (after it), and builder types.

use std::collections::BTreeMap;

use crate::naming::{camel, snake, Scope};

/// The names of one operation's items.
#[derive(Clone, Debug, Default)]
pub(super) struct OperationNames {
    /// Method name, e.g. `list_by_service`.
    pub method: String,
    /// Builder type name, e.g. `ListByService`.
    pub builder: String,
}

/// The names of one group.
pub(super) struct GroupNames {
    /// The group as the operationIds spell it, e.g. `ApiManagementService`.
    pub key: String,
    /// Accessor and module, e.g. `api_management_service`.
    pub module: String,
    /// Handle type, e.g. `ApiManagementServiceClient`.
    pub type_name: String,
}

/// Every name, groups sorted by key (output order does not depend on file order) and one
/// `OperationNames` per operationId asked about, in that order.
pub(super) struct Layout {
    pub groups: Vec<GroupNames>,
    pub operations: Vec<OperationNames>,
}

/// Plans the names for `ids` (an operation without an id gets empty names; lowering reports
/// it). Methods are unique within their group, groups and root methods within the client.
pub(super) fn plan(client_name: &str, ids: &[Option<&str>]) -> Layout {
    let mut by_group: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut root = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match id.map(|id| id.split_once('_')) {
            Some(Some((group, _))) => by_group.entry(group).or_default().push(i),
            Some(None) => root.push(i),
            None => {}
        }
    }
    let mut operations = vec![OperationNames::default(); ids.len()];
    let mut group_scope = Scope::new(&[client_name]);
    let mut root_methods = Scope::new(&["builder", "runtime"]);
    let mut groups = Vec::new();
    for (group, members) in by_group {
        let module = root_methods.claim(snake(group));
        // A group named like the service (`Widgets` in `WidgetsClient`) gets `…OperationsClient`.
        let mut type_name = format!("{}Client", camel(group));
        if type_name == client_name {
            type_name = format!("{}OperationsClient", camel(group));
        }
        let type_name = group_scope.claim(type_name);
        let mut methods = Scope::default();
        let mut builders = builder_scope(&[&type_name]);
        for i in members {
            let (_, method) = ids[i].and_then(|id| id.split_once('_')).unwrap_or_default();
            let method = methods.claim(snake(method));
            operations[i] = OperationNames {
                builder: builders.claim(camel(&method)),
                method,
            };
        }
        groups.push(GroupNames {
            key: group.to_string(),
            module,
            type_name,
        });
    }
    for &i in &root {
        operations[i].method = root_methods.claim(snake(ids[i].unwrap_or_default()));
    }
    // Root builders live in `operations/`, beside the group modules and their handle types.
    let taken: Vec<&str> = groups
        .iter()
        .flat_map(|g| [g.type_name.as_str(), g.module.as_str()])
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

    #[test]
    fn groups_sorted_methods_unique_builders_clear_of_handles() {
        let ids = [
            Some("Widgets_List"),
            Some("Gadgets_Get"),
            Some("Widgets_list"),
            Some("Ping"),
            None,
            Some("GadgetsClient"),
        ];
        let layout = plan("ServiceClient", &ids);
        let groups: Vec<(&str, &str)> = layout
            .groups
            .iter()
            .map(|g| (g.module.as_str(), g.type_name.as_str()))
            .collect();
        assert_eq!(
            groups,
            [("gadgets", "GadgetsClient"), ("widgets", "WidgetsClient")]
        );
        let names: Vec<(&str, &str)> = layout
            .operations
            .iter()
            .map(|o| (o.method.as_str(), o.builder.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("list", "List"),
                ("get", "Get"),
                ("list2", "List2"),
                ("ping", "Ping"),
                ("", ""),
                // A root builder may not take a group's handle type name.
                ("gadgets_client", "GadgetsClient2"),
            ]
        );
    }
}
