//! Which models each operation group needs, so that a crate built with some groups' features
//! compiles only their models. Pure: the IR in, one [`Need`] per model out.
//!
//! A group needs the models its operations name (parameters, bodies and their alternatives,
//! multipart parts, responses, page items, long-running results) and, transitively, whatever
//! those name: struct fields, union variants (a discriminator base's children), array items and
//! map values, and a struct's `allOf` parents.

use std::collections::{BTreeSet, HashMap};

use crate::ir::{
    Api, BodyFormat, Operation, OperationKind, PartKind, ResponseShape, TypeDef, TypeRef,
};

/// When a model is compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    /// Always: root operations (on the client itself) name it, every group needs it, or no
    /// operation names it (error models and other definitions a user may still read a body
    /// into).
    Always,
    /// Only with one of these groups (indexes into [`Api::groups`], ascending).
    Groups(Vec<usize>),
}

/// The [`Need`] of every model of `api`, by model name.
pub(crate) fn model_needs(api: &Api) -> HashMap<&str, Need> {
    let types: HashMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name(), t)).collect();
    let by_group: Vec<BTreeSet<&str>> = api
        .groups
        .iter()
        .map(|g| reachable(&types, operation_names(&g.operations)))
        .collect();
    // What is always compiled must compile alone: what the root operations and the models no
    // group names reach is always compiled too.
    let unnamed = api
        .types
        .iter()
        .map(TypeDef::name)
        .filter(|name| !by_group.iter().any(|g| g.contains(name)));
    let mut always_roots = operation_names(&api.root_operations);
    always_roots.extend(unnamed);
    let always = reachable(&types, always_roots);
    api.types
        .iter()
        .map(|t| {
            let name = t.name();
            let groups: Vec<usize> = (0..by_group.len())
                .filter(|&g| by_group[g].contains(name))
                .collect();
            let need = if always.contains(name) || groups.len() == by_group.len() {
                Need::Always
            } else {
                Need::Groups(groups)
            };
            (name, need)
        })
        .collect()
}

/// The model names `operations` mention themselves.
fn operation_names(operations: &[Operation]) -> Vec<&str> {
    let mut names = Vec::new();
    for op in operations {
        operation_types(op, &mut |ty| named_in(ty, &mut names));
    }
    names
}

/// The models `names` are, and those they name, transitively.
fn reachable<'a>(types: &HashMap<&str, &'a TypeDef>, names: Vec<&'a str>) -> BTreeSet<&'a str> {
    let mut pending = names;
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        // A name without a model (a spec's dangling name) has nothing to follow.
        let Some(def) = types.get(name) else { continue };
        if !seen.insert(def.name()) {
            continue;
        }
        match def {
            TypeDef::Struct(s) => {
                s.fields.iter().for_each(|f| named_in(&f.ty, &mut pending));
                pending.extend(s.parents.iter().map(String::as_str));
            }
            TypeDef::Union(u) => u
                .variants
                .iter()
                .for_each(|v| named_in(&v.ty, &mut pending)),
            TypeDef::Enum(_) => {}
        }
    }
    seen
}

/// Calls `each` with every type an operation's signature and result name.
fn operation_types<'a>(op: &'a Operation, each: &mut impl FnMut(&'a TypeRef)) {
    op.params.iter().for_each(|p| each(&p.ty));
    if let Some(body) = &op.body {
        each(&body.ty);
        body.alternatives.iter().for_each(|a| each(&a.ty));
        let formats =
            std::iter::once(&body.format).chain(body.alternatives.iter().map(|a| &a.format));
        for format in formats {
            if let BodyFormat::Multipart(m) = format {
                for field in &m.fields {
                    if let PartKind::Value(ty) = &field.kind {
                        each(ty);
                    }
                }
            }
        }
    }
    match &op.response {
        ResponseShape::Json(ty)
        | ResponseShape::OptionalJson(ty)
        | ResponseShape::Xml { ty, .. } => each(ty),
        ResponseShape::Empty | ResponseShape::Text | ResponseShape::Binary => {}
    }
    if let OperationKind::Paged { item, .. } = &op.kind {
        each(item);
    }
}

/// Pushes the model names `ty` mentions (through arrays and maps).
fn named_in<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_in(inner, out)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::*;

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    fn model(name: &str, fields: &[TypeRef]) -> TypeDef {
        TypeDef::Struct(Struct {
            name: name.into(),
            docs: Docs::default(),
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, ty)| Field {
                    wire_name: format!("f{i}"),
                    rust_name: format!("f{i}"),
                    ty: ty.clone(),
                    required: false,
                    nullable: false,
                    read_only: false,
                    boxed: false,
                    flatten: false,
                    docs: Docs::default(),
                })
                .collect(),
            default: true,
            parents: Vec::new(),
        })
    }

    fn extending(mut def: TypeDef, parent: &str) -> TypeDef {
        if let TypeDef::Struct(s) = &mut def {
            s.parents.push(parent.into());
        }
        def
    }

    fn union(name: &str, variants: &[&str]) -> TypeDef {
        TypeDef::Union(Union {
            name: name.into(),
            docs: Docs::default(),
            tagging: Tagging::Inherited { tag: "kind".into() },
            variants: variants
                .iter()
                .map(|v| UnionVariant {
                    rust_name: v.to_string(),
                    tag_value: Some(v.to_string()),
                    ty: named(v),
                    boxed: false,
                    base: false,
                })
                .collect(),
        })
    }

    fn operation(response: ResponseShape, kind: OperationKind, params: &[TypeRef]) -> Operation {
        Operation {
            operation_id: "Op".into(),
            method: "op".into(),
            builder_name: "Op".into(),
            http_method: HttpMethod::Get,
            path: "/".into(),
            docs: Docs::default(),
            params: params
                .iter()
                .map(|ty| Param {
                    wire_name: "p".into(),
                    rust_name: "p".into(),
                    location: ParamLocation::Query,
                    ty: ty.clone(),
                    style: ParamStyle::Plain,
                    role: ParamRole::Positional,
                    docs: Docs::default(),
                })
                .collect(),
            body: None,
            groups: Vec::new(),
            response,
            kind,
            response_headers: Vec::new(),
            success_statuses: None,
            examples: Vec::new(),
            source_file: "spec.json".into(),
            security: None,
            exists: false,
        }
    }

    fn group(module: &str, operations: Vec<Operation>) -> Group {
        Group {
            module: module.into(),
            type_name: format!("{module}Client"),
            operations,
        }
    }

    fn api(types: Vec<TypeDef>, groups: Vec<Group>, root_operations: Vec<Operation>) -> Api {
        Api {
            client_name: "Client".into(),
            title: "t".into(),
            docs: Docs::default(),
            default_endpoint: "http://localhost".into(),
            server: None,
            api_version: String::new(),
            client_params: Vec::new(),
            root_operations,
            groups,
            types,
            skipped: Vec::new(),
            security_schemes: Vec::new(),
            xml: XmlCodecs::default(),
            parameter_groups: Vec::new(),
        }
    }

    #[test]
    fn models_follow_fields_variants_arrays_and_maps() {
        let types = vec![
            // a's response names Page, whose items are Pet (a union of Cat and Dog, Dog
            // holding a map of Toy, which extends Thing); b's parameter names an array of Tag.
            model("Page", &[TypeRef::Vec(Box::new(named("Pet")))]),
            union("Pet", &["Cat", "Dog"]),
            model("Cat", &[]),
            model("Dog", &[TypeRef::Map(Box::new(named("Toy")))]),
            extending(model("Toy", &[]), "Thing"),
            // Toy's allOf parent: named by nothing else, needed with Toy.
            model("Thing", &[]),
            model("Tag", &[]),
            model("Shared", &[]),
            model("ErrorResponse", &[]),
            model("RootOnly", &[named("Tag")]),
            // Named by no operation, so always compiled, and so is what it names.
            model("Unnamed", &[named("Cat")]),
        ];
        let a = group(
            "a",
            vec![
                operation(
                    ResponseShape::Json(named("Page")),
                    OperationKind::Plain,
                    &[],
                ),
                operation(
                    ResponseShape::Empty,
                    OperationKind::Paged {
                        item: named("Shared"),
                        item_name: "value".into(),
                        next_link_name: None,
                        next_operation: None,
                    },
                    &[],
                ),
            ],
        );
        let b = group(
            "b",
            vec![operation(
                ResponseShape::OptionalJson(named("Shared")),
                OperationKind::Plain,
                &[TypeRef::Vec(Box::new(named("Tag")))],
            )],
        );
        let c = group(
            "c",
            vec![operation(
                ResponseShape::Json(named("Shared")),
                OperationKind::Plain,
                &[],
            )],
        );
        let root = operation(
            ResponseShape::Json(named("RootOnly")),
            OperationKind::Plain,
            &[],
        );
        let api = api(types, vec![a, b, c], vec![root]);
        let needs = model_needs(&api);
        for name in ["Page", "Pet", "Dog", "Toy", "Thing"] {
            assert_eq!(needs[name], Need::Groups(vec![0]), "{name}");
        }
        // Every group needs Shared; no operation names ErrorResponse or Unnamed (which names
        // Cat); the root client names RootOnly and, through it, Tag.
        for name in [
            "Shared",
            "ErrorResponse",
            "RootOnly",
            "Tag",
            "Unnamed",
            "Cat",
        ] {
            assert_eq!(needs[name], Need::Always, "{name}");
        }
    }

    #[test]
    fn a_model_two_groups_need_is_compiled_with_either() {
        let types = vec![model("Both", &[]), model("OnlyA", &[named("Both")])];
        let a = group(
            "a",
            vec![operation(
                ResponseShape::Json(named("OnlyA")),
                OperationKind::Plain,
                &[],
            )],
        );
        let b = group(
            "b",
            vec![operation(
                ResponseShape::Empty,
                OperationKind::Plain,
                &[named("Both")],
            )],
        );
        let c = group(
            "c",
            vec![operation(ResponseShape::Empty, OperationKind::Plain, &[])],
        );
        let api = api(types, vec![a, b, c], Vec::new());
        let needs = model_needs(&api);
        assert_eq!(needs["Both"], Need::Groups(vec![0, 1]));
        assert_eq!(needs["OnlyA"], Need::Groups(vec![0]));
    }
}
