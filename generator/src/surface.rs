//! The public API surface of a generated client as text, one line per operation, for a
//! snapshot that shows API changes at a glance in review.

use crate::ir::*;

fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::I32 => "i32".into(),
        TypeRef::I64 => "i64".into(),
        TypeRef::F32 => "f32".into(),
        TypeRef::F64 => "f64".into(),
        TypeRef::DateTime => "OffsetDateTime".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTimeRfc1123 => "OffsetDateTime (RFC 1123)".into(),
        TypeRef::Bytes => "Vec<u8> (base64)".into(),
        TypeRef::Base64Url => "Vec<u8> (base64url)".into(),
        TypeRef::Duration => "Duration".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::Secret => "Secret".into(),
        TypeRef::Value => "Value".into(),
        TypeRef::Vec(t) => format!("Vec<{}>", type_text(t)),
        TypeRef::Map(t) => format!("Map<{}>", type_text(t)),
        TypeRef::Nullable(t) => format!("Option<{}>", type_text(t)),
        TypeRef::Named(n) => n.clone(),
    }
}

fn arg_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "&str".into(),
        other => type_text(other),
    }
}

fn result_text(op: &Operation) -> String {
    let body = match &op.response {
        ResponseShape::Empty => "()".into(),
        ResponseShape::Json(t) => type_text(t),
        ResponseShape::OptionalJson(t) => format!("Option<{}>", type_text(t)),
        ResponseShape::Text => "String".into(),
        ResponseShape::Binary => "Vec<u8>".into(),
        ResponseShape::Xml {
            ty,
            optional: false,
            ..
        } => type_text(ty),
        ResponseShape::Xml { ty, .. } => format!("Option<{}>", type_text(ty)),
    };
    match &op.kind {
        OperationKind::Plain if op.exists => "bool".into(),
        OperationKind::Plain => body,
        OperationKind::Paged { item, .. } => format!("Paged<{}>", type_text(item)),
        OperationKind::LongRunning { .. } => format!("LongRunning<{body}>"),
    }
}

/// One line: `group().method(args) [.optional(T)…] -> Result`.
fn operation_line(prefix: &str, op: &Operation) -> String {
    let mut args: Vec<String> = op
        .positional()
        .map(|p| format!("{}: {}", p.rust_name, arg_text(&p.ty)))
        .collect();
    args.extend(
        op.required_groups()
            .map(|g| format!("{}: {}", g.rust_name, g.type_name)),
    );
    if let Some(b) = op.body.as_ref().filter(|b| !b.grouped) {
        let t = match &b.format {
            _ if !b.alternatives.is_empty() => b.choice_name.clone(),
            BodyFormat::Json
            | BodyFormat::JsonAs(_)
            | BodyFormat::Form
            | BodyFormat::Xml { .. } => type_text(&b.ty),
            BodyFormat::Text(_) => "String".into(),
            BodyFormat::Binary(_) => "Bytes".into(),
            BodyFormat::Multipart(m) if m.fields.is_empty() => "Multipart".into(),
            BodyFormat::Multipart(m) => m.name.clone(),
        };
        args.push(if b.required {
            format!("{}: {t}", b.rust_name)
        } else {
            format!("{}: Option<{t}>", b.rust_name)
        });
    }
    let optional: Vec<String> = op
        .optional()
        .map(|p| format!(".{}({})", p.rust_name, arg_text(&p.ty)))
        .chain(
            op.optional_groups()
                .map(|g| format!(".{}({})", g.rust_name, g.type_name)),
        )
        .collect();
    let optional = if optional.is_empty() {
        String::new()
    } else {
        format!(" [{}]", optional.join(" "))
    };
    format!(
        "{prefix}{}({}){optional} -> {}  // {} {}",
        op.method,
        args.join(", "),
        result_text(op),
        op.http_method.as_str(),
        op.operation_id
    )
}

/// The public API surface of the client `api` describes, one line per builder, client
/// parameter and operation (`group().method(args) [.optional(T)…] -> Result  // HTTP id`):
/// what a reviewer reads to see how a change to a spec or to the generator changes the API.
pub fn surface(api: &Api) -> String {
    // How every operation finishes; the lines below name only the kind.
    let mut out = String::from(
        "// every operation: .options(CallOptions); T: .await -> T, .send() -> Response<T>; \
Paged<T>: .await -> Vec<T>, .into_stream() -> Stream<T>; LongRunning<T>: .await -> T, .begin() -> Poller<T>\n",
    );
    let params: Vec<String> = api
        .client_params
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("{}: impl Into<String>", p.rust_name))
        .collect();
    out.push_str(&format!(
        "{}::builder({})\n",
        api.client_name,
        params.join(", ")
    ));
    for p in api.client_params.iter().filter(|p| !p.required) {
        out.push_str(&format!(
            "{}::with_{}(self, {}: impl Into<String>) -> Self\n",
            api.client_name,
            p.rust_name.trim_start_matches("r#"),
            p.rust_name
        ));
    }
    for op in &api.root_operations {
        out.push_str(&operation_line("", op));
        out.push('\n');
    }
    for group in &api.groups {
        for op in &group.operations {
            out.push_str(&operation_line(&format!("{}().", group.module), op));
            out.push('\n');
        }
    }
    for ty in &api.types {
        out.push_str(&type_line(ty));
        out.push('\n');
    }
    out
}

/// One line per model: `struct Name { field: T, … }`, `enum Name { Variant, … }`,
/// `union Name(tag) { Variant, … }`, so renamed fields and variants show too.
fn type_line(ty: &TypeDef) -> String {
    match ty {
        TypeDef::Struct(s) => {
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| {
                    let t = type_text(&f.ty);
                    let t = if f.required || f.flatten {
                        t
                    } else {
                        format!("Option<{t}>")
                    };
                    format!("{}: {t}", f.rust_name)
                })
                .collect();
            format!("struct {} {{ {} }}", s.name, fields.join(", "))
        }
        TypeDef::Enum(e) => {
            let mut variants: Vec<&str> = e.variants.iter().map(|v| v.rust_name.as_str()).collect();
            if e.extensible {
                variants.push("Other(String)");
            }
            format!("enum {} {{ {} }}", e.name, variants.join(", "))
        }
        TypeDef::Union(u) => {
            let variants: Vec<&str> = u.variants.iter().map(|v| v.rust_name.as_str()).collect();
            let tag = u.tagging.tag().unwrap_or("untagged");
            format!("union {}({tag}) {{ {} }}", u.name, variants.join(", "))
        }
    }
}
