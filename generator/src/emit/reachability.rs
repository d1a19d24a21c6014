//! Which models each operation group needs, so that a crate built with some groups' features
//! compiles only their models. Pure: the IR in, one [`Need`] per model out.
//!
//! A group needs the models its operations name (parameters, bodies and their alternatives,
//! multipart parts, responses, page items, long-running results) and, transitively, whatever
//! those name: struct fields, union variants (a discriminator base's children), array items and
//! map values, and a struct's `allOf` parents.

use std::collections::HashMap;

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
///
/// Linear in the models, their references and the groups (a bit per group and model): the
/// model graph is condensed into its strongly connected components (models that name each
/// other need the same groups), whose group sets flow along the references in one pass. A
/// search from every group instead costs groups × models, minutes for the largest specs.
pub(crate) fn model_needs(api: &Api) -> HashMap<&str, Need> {
    let graph = ModelGraph::of(api);
    let groups = api.groups.len();
    // Bit `g` of a model's set: group `g` needs it; bit `groups`: the root operations do.
    let mut named = GroupSets::new(graph.len(), groups + 1);
    for (g, group) in api.groups.iter().enumerate() {
        for name in operation_names(&group.operations) {
            if let Some(&m) = graph.index.get(name) {
                named.insert(m, g);
            }
        }
    }
    for name in operation_names(&api.root_operations) {
        if let Some(&m) = graph.index.get(name) {
            named.insert(m, groups);
        }
    }
    let components = graph.components();
    let by_group = components.propagate(&graph, &named);
    // What is always compiled must compile alone: what the root operations and the models no
    // group names reach is always compiled too.
    let mut always_roots = GroupSets::new(graph.len(), 1);
    for m in 0..graph.len() {
        if by_group.iter(m).next().is_none() || by_group.contains(m, groups) {
            always_roots.insert(m, 0);
        }
    }
    let always = components.propagate(&graph, &always_roots);
    api.types
        .iter()
        .map(|t| {
            let name = t.name();
            let m = graph.index[name];
            let in_groups: Vec<usize> = by_group.iter(m).filter(|&g| g < groups).collect();
            let need = if always.contains(m, 0) || in_groups.len() == groups {
                Need::Always
            } else {
                Need::Groups(in_groups)
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

/// The models as numbers (their place in [`Api::types`]) and what each names.
struct ModelGraph<'a> {
    index: HashMap<&'a str, usize>,
    /// The models each model names (fields, variants, `allOf` parents).
    edges: Vec<Vec<usize>>,
}

impl<'a> ModelGraph<'a> {
    fn of(api: &'a Api) -> Self {
        let index: HashMap<&str, usize> = api
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name(), i))
            .collect();
        let mut names = Vec::new();
        let edges = api
            .types
            .iter()
            .map(|def| {
                names.clear();
                match def {
                    TypeDef::Struct(s) => {
                        s.fields.iter().for_each(|f| named_in(&f.ty, &mut names));
                        names.extend(s.parents.iter().map(String::as_str));
                    }
                    TypeDef::Union(u) => {
                        u.variants.iter().for_each(|v| named_in(&v.ty, &mut names))
                    }
                    TypeDef::Enum(_) => {}
                }
                // A name without a model (a spec's dangling name) has nothing to follow.
                names.iter().filter_map(|n| index.get(n).copied()).collect()
            })
            .collect();
        ModelGraph { index, edges }
    }

    fn len(&self) -> usize {
        self.edges.len()
    }

    /// The strongly connected components (Tarjan's algorithm, without recursion: a spec's
    /// reference chains can be deeper than the stack).
    fn components(&self) -> Components {
        const UNSEEN: usize = usize::MAX;
        let n = self.len();
        let mut order = vec![UNSEEN; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut of = vec![0; n];
        let mut count = 0;
        let mut next_order = 0;
        // (model, index of its next edge to follow)
        let mut calls: Vec<(usize, usize)> = Vec::new();
        for start in 0..n {
            if order[start] != UNSEEN {
                continue;
            }
            calls.push((start, 0));
            while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
                if *edge == 0 {
                    order[v] = next_order;
                    low[v] = next_order;
                    next_order += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                if let Some(&w) = self.edges[v].get(*edge) {
                    *edge += 1;
                    if order[w] == UNSEEN {
                        calls.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        of[w] = count;
                        if w == v {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
        Components { of, count }
    }
}

/// Each model's strongly connected component. Tarjan numbers a component only after every
/// component it reaches, so descending numbers are an order in which references point down.
struct Components {
    of: Vec<usize>,
    count: usize,
}

impl Components {
    /// The sets `roots` gives the models, each model's set also flowing to every model it
    /// names, transitively.
    fn propagate(&self, graph: &ModelGraph, roots: &GroupSets) -> GroupSets {
        let mut by_component = GroupSets::new(self.count, roots.bits);
        for m in 0..graph.len() {
            by_component.union_from(self.of[m], roots, m);
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); self.count];
        for (m, &c) in self.of.iter().enumerate() {
            members[c].push(m);
        }
        for c in (0..self.count).rev() {
            for &m in &members[c] {
                for &target in &graph.edges[m] {
                    let d = self.of[target];
                    if d != c {
                        by_component.union_within(d, c);
                    }
                }
            }
        }
        let mut by_model = GroupSets::new(graph.len(), roots.bits);
        for m in 0..graph.len() {
            by_model.union_from(m, &by_component, self.of[m]);
        }
        by_model
    }
}

/// A set of small numbers (groups) for each of a number of rows (models or components), as
/// bits.
struct GroupSets {
    bits: usize,
    words_per_row: usize,
    words: Vec<u64>,
}

impl GroupSets {
    fn new(rows: usize, bits: usize) -> Self {
        let words_per_row = bits.div_ceil(64);
        GroupSets {
            bits,
            words_per_row,
            words: vec![0; rows * words_per_row],
        }
    }

    fn row(&self, row: usize) -> &[u64] {
        &self.words[row * self.words_per_row..(row + 1) * self.words_per_row]
    }

    fn insert(&mut self, row: usize, bit: usize) {
        self.words[row * self.words_per_row + bit / 64] |= 1 << (bit % 64);
    }

    fn contains(&self, row: usize, bit: usize) -> bool {
        self.row(row)[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The bits of a row, ascending.
    fn iter(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.row(row).iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |b| word & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }

    /// Adds `other`'s row `from` to this set's row `row`.
    fn union_from(&mut self, row: usize, other: &GroupSets, from: usize) {
        let w = self.words_per_row;
        for (a, b) in self.words[row * w..(row + 1) * w]
            .iter_mut()
            .zip(other.row(from))
        {
            *a |= b;
        }
    }

    /// Adds row `from` to row `row` (two different rows).
    fn union_within(&mut self, row: usize, from: usize) {
        let w = self.words_per_row;
        for i in 0..w {
            self.words[row * w + i] |= self.words[from * w + i];
        }
    }
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

    #[test]
    fn models_in_a_cycle_need_what_any_of_them_needs_and_root_use_wins() {
        // a names Head, which names Ring1 <-> Ring2 -> Tail; b names Ring2; the root client
        // names Shared, which b names too.
        let types = vec![
            model("Head", &[named("Ring1")]),
            model("Ring1", &[named("Ring2")]),
            model("Ring2", &[named("Ring1"), named("Tail")]),
            model("Tail", &[]),
            model("Shared", &[]),
            model("OnlyC", &[]),
        ];
        let op = |ty: &str| operation(ResponseShape::Json(named(ty)), OperationKind::Plain, &[]);
        let a = group("a", vec![op("Head")]);
        let b = group("b", vec![op("Ring2"), op("Shared")]);
        let c = group("c", vec![op("OnlyC")]);
        let api = api(types, vec![a, b, c], vec![op("Shared")]);
        let needs = model_needs(&api);
        assert_eq!(needs["Head"], Need::Groups(vec![0]));
        for name in ["Ring1", "Ring2", "Tail"] {
            assert_eq!(needs[name], Need::Groups(vec![0, 1]), "{name}");
        }
        assert_eq!(needs["Shared"], Need::Always);
        assert_eq!(needs["OnlyC"], Need::Groups(vec![2]));
    }
}
