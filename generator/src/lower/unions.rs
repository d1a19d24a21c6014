//! Discriminated unions: a `discriminator` base becomes an enum over the schemas that extend
//! it with `allOf`, tagged by the discriminator property.

use openapiv3::ReferenceOr;

use super::azure;
use super::schema::View;
use super::types::TypeLowerer;
use crate::docs::docs;
use crate::error::{Error, Location, Result};
use crate::ir::{TypeDef, TypeRef, Union};

impl TypeLowerer<'_> {
    pub(super) fn define_union(
        &mut self,
        component: &str,
        rust: &str,
        view: &View,
        tag: &str,
        at: &Location,
    ) -> Result<()> {
        let mut variants = Vec::new();
        let children = self.children.get(component).cloned().unwrap_or_default();
        if children.is_empty() {
            return Err(Error::at(
                &at.join("discriminator"),
                format!("discriminator `{tag}` but no schema extends `{component}` with allOf"),
            ));
        }
        // The base's position in `defs` comes before its variants, for readable output.
        let index = self.defs.len();
        for child in children {
            let value: Option<String> = match self.components.get(&child) {
                Some(ReferenceOr::Item(s)) => azure::extension(
                    &s.schema_data.extensions,
                    "x-ms-discriminator-value",
                    &self.component_origin(&child),
                )?,
                _ => None,
            };
            let value = value.unwrap_or_else(|| child.clone());
            let TypeRef::Named(variant) = self.component(&child, at)? else {
                return Err(Error::at(
                    at,
                    format!("`{child}` extends a discriminated type but is not an object"),
                ));
            };
            variants.push((value, variant));
        }
        self.defs.insert(
            index,
            TypeDef::Union(Union {
                name: rust.to_string(),
                docs: docs([view.data.title.as_deref(), view.data.description.as_deref()]),
                tag: tag.to_string(),
                variants,
            }),
        );
        Ok(())
    }
}
