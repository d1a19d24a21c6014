//! Media types: how a request or response body of a given content type reaches Rust. Any
//! JSON type is JSON; form-urlencoded is the typed schema sent as pairs; multipart is a parts
//! struct (see `multipart`); octet-stream, images and `format: binary` are bytes; other text
//! (text/plain, XML) is a `String`. A request body with several media types becomes an enum
//! with one variant per kind, JSON (the default) first.

use openapiv3::MediaType;

use super::operations::OperationLowerer;
use super::responses::is_json;
use super::schema::{SchemaRef, View};
use super::types::TypeLowerer;
use crate::error::{Location, Result};
use crate::ir::*;
use crate::naming::camel;

/// What a media type's body is, in Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MediaKind {
    Json,
    Form,
    Multipart,
    Binary,
    Text,
    Xml,
}

impl MediaKind {
    /// The kind of `media` with this schema: the media type decides, except that a string
    /// schema of `format: binary` (Swagger's `type: file`) is bytes whatever the type says.
    pub fn of(media: &str, schema: Option<SchemaRef<'_>>, types: &TypeLowerer<'_>) -> MediaKind {
        let essence = media
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if is_json(&essence) {
            return MediaKind::Json;
        }
        if essence == "application/x-www-form-urlencoded" {
            return MediaKind::Form;
        }
        if essence.starts_with("multipart/") {
            return MediaKind::Multipart;
        }
        if super::xml::is_xml_body(&essence, schema, types) {
            return MediaKind::Xml;
        }
        let binary_schema = is_binary_string(schema, types);
        let binary_type = essence == "application/octet-stream"
            || ["image/", "audio/", "video/", "font/"]
                .iter()
                .any(|p| essence.starts_with(p))
            || matches!(
                essence.as_str(),
                "application/pdf" | "application/zip" | "application/gzip"
            );
        if binary_schema || binary_type {
            MediaKind::Binary
        } else {
            MediaKind::Text
        }
    }
}

/// A lowered request body media type.
struct Lowered {
    media: String,
    kind: MediaKind,
    ty: TypeRef,
    format: BodyFormat,
}

impl<'a> OperationLowerer<'a, '_> {
    /// The body's default media type (the first JSON one, else the first) and the choices the
    /// caller has besides it; other JSON types are the same payload and add no choice. Inline
    /// types are named after the context, generated body types after the builder (`names`).
    pub(super) fn body_media(
        &mut self,
        content: &'a indexmap::IndexMap<String, MediaType>,
        names: (&str, &str),
        at: &Location,
    ) -> Result<Option<(TypeRef, BodyFormat, Vec<BodyChoice>)>> {
        let default = content
            .keys()
            .position(|m| is_json(m))
            .or((!content.is_empty()).then_some(0));
        let Some(default) = default else {
            return Ok(None);
        };
        let mut lowered: Vec<Lowered> = Vec::new();
        for (i, (media, m)) in content.iter().enumerate() {
            let schema = m.schema.as_ref().map(SchemaRef::from);
            let kind = MediaKind::of(media, schema, self.types);
            // The default is the first JSON type: any other is the same payload.
            if i != default && kind == MediaKind::Json {
                continue;
            }
            let schema_at = at.join("content").join(media).join("schema");
            let (ty, format) = self.media_body(media, kind, schema, names, &schema_at)?;
            let entry = Lowered {
                media: media.clone(),
                kind,
                ty,
                format,
            };
            if i == default {
                lowered.insert(0, entry);
            } else {
                lowered.push(entry);
            }
        }
        let mut lowered = lowered.into_iter();
        let first = lowered.next().expect("the default media type is lowered");
        let rest: Vec<Lowered> = lowered.collect();
        let all_kinds: Vec<MediaKind> = std::iter::once(first.kind)
            .chain(rest.iter().map(|l| l.kind))
            .collect();
        let choices = rest
            .into_iter()
            .map(|l| {
                // A kind offered once is named by the kind, otherwise by the media type.
                let variant = if all_kinds.iter().filter(|k| **k == l.kind).count() == 1 {
                    l.format.kind_name().to_string()
                } else {
                    camel(&l.media.replace(['/', '+', '.', ';', '='], "_"))
                };
                BodyChoice {
                    variant,
                    ty: l.ty,
                    format: l.format,
                }
            })
            .collect();
        Ok(Some((first.ty, first.format, choices)))
    }

    /// The Rust type and sending format of one media type's body.
    fn media_body(
        &mut self,
        media: &str,
        kind: MediaKind,
        schema: Option<SchemaRef<'a>>,
        (context, builder): (&str, &str),
        at: &Location,
    ) -> Result<(TypeRef, BodyFormat)> {
        let typed = |this: &mut Self, suffix: &str| -> Result<TypeRef> {
            match schema {
                Some(s) => this.types.type_of(s, &format!("{context}{suffix}"), at),
                None => Ok(TypeRef::Value),
            }
        };
        Ok(match kind {
            MediaKind::Json => {
                let format = if media == "application/json" {
                    BodyFormat::Json
                } else {
                    BodyFormat::JsonAs(media.to_string())
                };
                (typed(self, "Body")?, format)
            }
            MediaKind::Form => (typed(self, "Form")?, BodyFormat::Form),
            MediaKind::Multipart => {
                let parts = self.multipart_body(schema, (context, builder), at)?;
                (TypeRef::Value, BodyFormat::Multipart(parts))
            }
            MediaKind::Binary => (TypeRef::Value, BodyFormat::Binary(media.to_string())),
            MediaKind::Text => (TypeRef::String, BodyFormat::Text(media.to_string())),
            MediaKind::Xml => {
                let ty = typed(self, "Body")?;
                let schema = schema.expect("an XML body has a schema");
                let root = self.xml.root(schema, self.types, &format!("{context}Body"));
                (
                    ty,
                    BodyFormat::Xml {
                        media: media.to_string(),
                        root,
                    },
                )
            }
        })
    }
}

/// `type: string, format: binary` (what a Swagger 2 `type: file` becomes): raw bytes, whatever
/// media type carries them.
pub fn is_binary_string(schema: Option<SchemaRef<'_>>, types: &TypeLowerer<'_>) -> bool {
    schema
        .and_then(|s| types.resolve(s))
        .map(View::of)
        .is_some_and(|v| v.typ == Some("string") && v.format.as_deref() == Some("binary"))
}
