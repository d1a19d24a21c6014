//! A `multipart/form-data` body: its schema's properties become the fields of a parts struct;
//! a `format: binary` (or `byte`) string is a file, an array of them several files, anything
//! else a value part.

use super::operations::OperationLowerer;
use super::schema::{SchemaRef, View};
use crate::docs::docs;
use crate::error::{Location, Result};
use crate::ir::*;
use crate::naming::{camel, snake, Scope};

impl<'a> OperationLowerer<'a, '_> {
    /// The parts struct of a multipart body, named after `builder` (inline value types after
    /// `context`); no fields when the schema names no
    /// properties (the caller then builds the `runtime::Multipart` by hand).
    pub(super) fn multipart_body(
        &mut self,
        schema: Option<SchemaRef<'a>>,
        (context, builder): (&str, &str),
        at: &Location,
    ) -> Result<MultipartBody> {
        let name = format!("{builder}Parts");
        let Some(resolved) = schema.and_then(|s| self.types.resolve(s)) else {
            return Ok(MultipartBody {
                name,
                fields: vec![],
            });
        };
        let view = View::of(resolved);
        let mut scope = Scope::new(&[]);
        let mut fields = Vec::new();
        for (wire, property) in &view.properties {
            let here = at.join("properties").join(wire);
            let property_view = self.types.resolve(*property).map(View::of);
            let kind = match property_view.as_ref() {
                Some(v) if is_file(v) => PartKind::File,
                Some(v)
                    if v.typ == Some("array")
                        && v.items
                            .and_then(|i| self.types.resolve(i))
                            .map(View::of)
                            .is_some_and(|i| is_file(&i)) =>
                {
                    PartKind::Files
                }
                _ => PartKind::Value(self.types.type_of(
                    *property,
                    &format!("{context}{}", camel(wire)),
                    &here,
                )?),
            };
            let description = property_view
                .as_ref()
                .and_then(|v| v.data.description.as_deref());
            fields.push(MultipartField {
                wire_name: wire.to_string(),
                rust_name: scope.claim(snake(wire)),
                kind,
                required: view.required.contains(wire),
                docs: docs([description]),
            });
        }
        Ok(MultipartBody { name, fields })
    }
}

fn is_file(v: &View) -> bool {
    v.typ == Some("string") && matches!(v.format.as_deref(), Some("binary" | "byte"))
}
