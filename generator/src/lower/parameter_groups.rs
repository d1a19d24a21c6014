//! Parameter groups (`x-ms-parameter-grouping`): parameters of an operation gathered into one
//! struct, named as AutoRest names it (the extension's `name`; else `{MethodGroup}{Method}`
//! and its `postfix`, or `Parameters`). Operations that name the same group share one type.
//! Reference: <https://github.com/Azure/autorest/blob/main/docs/extensions/readme.md>.

use super::azure::ParameterGrouping;
use crate::error::{Error, Location, Result};
use crate::ir::{Docs, GroupArg, GroupField, ParamGroup, TypeRef};
use crate::naming::{camel, snake, Scope};

/// A grouped parameter (or request body) of one operation, before it joins its group.
pub(super) struct Member {
    pub grouping: ParameterGrouping,
    /// The parameter's name on the wire.
    pub wire_name: String,
    /// The field's name (the parameter's, before the operation's scope made it unique).
    pub field: String,
    /// The operation's name for it ([`crate::ir::Param::rust_name`]).
    pub local: String,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    pub at: Location,
}

/// The groups of every operation lowered so far.
#[derive(Default)]
pub(super) struct ParamGroups {
    groups: Vec<ParamGroup>,
}

impl ParamGroups {
    /// Adds an operation's grouped members (`context` is its `{MethodGroup}{Method}`) and
    /// returns the groups it takes, each argument or setter named in `scope`. A group an
    /// earlier operation made must agree: the same field has the same type and requiredness,
    /// and a required field is in every operation that takes the group (it could not be sent
    /// otherwise).
    pub fn add(
        &mut self,
        operation_id: &str,
        context: &str,
        members: Vec<Member>,
        at: &Location,
        scope: &mut Scope,
    ) -> Result<Vec<GroupArg>> {
        let mut args: Vec<GroupArg> = Vec::new();
        for member in members {
            let name = type_name(&member.grouping, context);
            let i = match args.iter().position(|a| a.type_name == name) {
                Some(i) => i,
                None => {
                    args.push(GroupArg {
                        rust_name: String::new(),
                        type_name: name.clone(),
                        required: false,
                        members: Vec::new(),
                    });
                    args.len() - 1
                }
            };
            args[i]
                .members
                .push((member.field.clone(), member.local.clone()));
            let group = self.group(&name, operation_id);
            match group.fields.iter().find(|f| f.rust_name == member.field) {
                Some(f) if f.ty != member.ty || f.required != member.required => {
                    return Err(Error::at(
                        &member.at,
                        format!(
                            "parameter group `{name}` already has a field `{}` of another type or requiredness (from `{}`)",
                            member.field, group.operations[0]
                        ),
                    ));
                }
                Some(_) => {}
                None if member.required && group.operations.len() > 1 => {
                    return Err(Error::at(
                        &member.at,
                        format!(
                            "required parameter `{}` joins parameter group `{name}`, which `{}` takes without it",
                            member.field, group.operations[0]
                        ),
                    ));
                }
                None => group.fields.push(GroupField {
                    wire_name: member.wire_name,
                    rust_name: member.field,
                    ty: member.ty,
                    required: member.required,
                    docs: member.docs,
                }),
            }
        }
        for arg in &mut args {
            let group = self.groups.iter().find(|g| g.name == arg.type_name);
            let group = group.expect("every argument's group was made above");
            if let Some(missing) = group
                .fields
                .iter()
                .find(|f| f.required && !arg.members.iter().any(|(field, _)| *field == f.rust_name))
            {
                return Err(Error::at(
                    at,
                    format!(
                        "takes parameter group `{}` without its required parameter `{}`",
                        arg.type_name, missing.rust_name
                    ),
                ));
            }
            arg.required = group.is_required();
            arg.rust_name = scope.claim(snake(&arg.type_name));
        }
        Ok(args)
    }

    /// The group named `name`, made if new, with `operation_id` among its operations.
    fn group(&mut self, name: &str, operation_id: &str) -> &mut ParamGroup {
        let i = match self.groups.iter().position(|g| g.name == name) {
            Some(i) => i,
            None => {
                self.groups.push(ParamGroup {
                    name: name.to_string(),
                    fields: Vec::new(),
                    operations: Vec::new(),
                });
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[i];
        if !group.operations.iter().any(|o| o == operation_id) {
            group.operations.push(operation_id.to_string());
        }
        group
    }

    /// Every group, sorted by name.
    pub fn finish(mut self) -> Vec<ParamGroup> {
        self.groups.sort_by(|a, b| a.name.cmp(&b.name));
        self.groups
    }
}

/// The group's type name, as AutoRest makes it.
fn type_name(grouping: &ParameterGrouping, context: &str) -> String {
    match (&grouping.name, &grouping.postfix) {
        (Some(name), _) => camel(name),
        (None, Some(postfix)) => format!("{context}{}", camel(postfix)),
        (None, None) => format!("{context}Parameters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grouping(name: Option<&str>, postfix: Option<&str>) -> ParameterGrouping {
        ParameterGrouping {
            name: name.map(String::from),
            postfix: postfix.map(String::from),
        }
    }

    #[test]
    fn names_follow_autorest() {
        let context = "ParameterGroupingPostMultiParamGroups";
        assert_eq!(
            type_name(&grouping(Some("first-parameter-group"), None), context),
            "FirstParameterGroup"
        );
        assert_eq!(
            type_name(&grouping(None, Some("second-param-group")), context),
            "ParameterGroupingPostMultiParamGroupsSecondParamGroup"
        );
        assert_eq!(
            type_name(&grouping(None, None), context),
            "ParameterGroupingPostMultiParamGroupsParameters"
        );
    }
}
