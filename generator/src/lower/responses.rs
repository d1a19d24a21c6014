//! What an operation's success responses say: the shape `.await` returns and the headers.

use openapiv3::{Operation as SpecOperation, ReferenceOr, Response, StatusCode};

use super::media::{is_binary_string, MediaKind};
use super::operations::OperationLowerer;
use super::schema::SchemaRef;
use crate::error::{Error, Location, Result};
use crate::ir::*;

/// Response headers by name, with the descriptions the success responses give them.
type ResponseHeaders = Vec<(String, Vec<String>)>;

impl<'a> OperationLowerer<'a, '_> {
    /// Decides what `.await` returns from the success responses, and which statuses those
    /// are (see [`statuses`](super::statuses)).
    pub(super) fn responses(
        &mut self,
        op: &'a SpecOperation,
        context: &str,
        at: &Location,
    ) -> Result<(ResponseShape, ResponseHeaders, Option<Vec<u16>>)> {
        let mut bodies: Vec<Option<TypeRef>> = Vec::new();
        // A success body whose schema allows `null` (`x-nullable`, `nullable`): `Option`.
        let mut nullable = false;
        let mut text = false;
        let mut binary = false;
        // The root marker of an XML body.
        let mut xml: Option<String> = None;
        let mut headers: Vec<(String, Vec<String>)> = Vec::new();
        let default_schema = op
            .responses
            .default
            .as_ref()
            .and_then(|r| self.response(r, at).ok())
            .and_then(|(r, _)| pick_media(&r.content).and_then(|(_, m)| m.schema.as_ref()));
        // A 2xx that does not resolve is reported below; another one is just not an answer.
        let answers: Vec<&StatusCode> = op
            .responses
            .responses
            .iter()
            .filter(|(code, response)| {
                matches!(code, StatusCode::Code(200..=299) | StatusCode::Range(2))
                    || self.response(response, at).is_ok_and(|(response, _)| {
                        super::statuses::is_answer(code, response, default_schema)
                    })
            })
            .map(|(code, _)| code)
            .collect();
        let statuses = super::statuses::success_statuses(op, |c| answers.contains(&c));
        for (code, response) in op.responses.responses.iter() {
            if !answers.contains(&code) {
                continue;
            }
            let (response, response_at) =
                self.response(response, &at.join("responses").join(code.to_string()))?;
            for (name, header) in &response.headers {
                let desc = match header {
                    ReferenceOr::Item(h) => h.description.clone().unwrap_or_default(),
                    _ => String::new(),
                };
                let desc = crate::docs::docs([Some(desc.as_str())]).0.join(" ");
                match headers
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    Some((_, d)) => {
                        if !d.contains(&desc) {
                            d.push(desc)
                        }
                    }
                    None => headers.push((name.clone(), vec![desc])),
                }
            }
            match pick_media(&response.content) {
                None => bodies.push(None),
                // A file (`type: file`) under a JSON `produces` is bytes, not JSON.
                Some((_, content))
                    if is_binary_string(
                        content.schema.as_ref().map(SchemaRef::from),
                        self.types,
                    ) =>
                {
                    binary = true;
                    bodies.push(None);
                }
                Some((media, content)) if is_json(media) => {
                    let ty = match &content.schema {
                        Some(s) => {
                            nullable |= self.types.is_nullable(s.into());
                            self.types.type_of(
                                s.into(),
                                &format!("{context}Response"),
                                &response_at.join("content").join(media).join("schema"),
                            )?
                        }
                        None => TypeRef::Value,
                    };
                    bodies.push(Some(ty));
                }
                Some((media, content)) => {
                    let schema = content.schema.as_ref().map(SchemaRef::from);
                    match (MediaKind::of(media, schema, self.types), schema) {
                        (MediaKind::Binary, _) => binary = true,
                        (MediaKind::Xml, Some(s)) => {
                            let schema_at = response_at.join("content").join(media).join("schema");
                            let ty =
                                self.types
                                    .type_of(s, &format!("{context}Response"), &schema_at)?;
                            let root = self.xml.root(s, self.types, &format!("{context}Response"));
                            xml = Some(root);
                            bodies.push(Some(ty));
                            continue;
                        }
                        _ => text = true,
                    }
                    bodies.push(None);
                }
            }
        }
        for (_, d) in headers.iter_mut() {
            d.retain(|s| !s.is_empty());
        }
        // Bytes hold any body; text only a UTF-8 one.
        if binary {
            return Ok((ResponseShape::Binary, headers, statuses));
        }
        if text {
            return Ok((ResponseShape::Text, headers, statuses));
        }
        let mut distinct: Vec<&TypeRef> = Vec::new();
        for ty in bodies.iter().flatten() {
            if !distinct.contains(&ty) {
                distinct.push(ty);
            }
        }
        let shape = match distinct.as_slice() {
            [] => ResponseShape::Empty,
            [one] if xml.is_some() => ResponseShape::Xml {
                ty: (*one).clone(),
                root: xml.expect("checked"),
                optional: !bodies.iter().all(Option::is_some),
            },
            [one] if bodies.iter().all(Option::is_some) && !nullable => {
                ResponseShape::Json((*one).clone())
            }
            [one] => ResponseShape::OptionalJson((*one).clone()),
            _ => {
                let at = self.converted.sources.resolve(at);
                self.skipped.push(format!("{at}: success responses have different body types; `.await` returns serde_json::Value"));
                ResponseShape::Json(TypeRef::Value)
            }
        };
        Ok((shape, headers, statuses))
    }

    /// Resolves a response (at `at`), with its own location: `at` or the shared response's.
    pub(super) fn response(
        &self,
        response: &'a ReferenceOr<Response>,
        at: &Location,
    ) -> Result<(&'a Response, Location)> {
        match response {
            ReferenceOr::Item(r) => Ok((r, at.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference.trim_start_matches("#/components/responses/");
                match self
                    .api
                    .components
                    .as_ref()
                    .and_then(|c| c.responses.get(name))
                {
                    Some(ReferenceOr::Item(r)) => {
                        Ok((r, Location::bundle("/components/responses").join(name)))
                    }
                    _ => Err(Error::at(
                        at,
                        format!("$ref to unknown response `{reference}`"),
                    )),
                }
            }
        }
    }
}

pub(super) fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or("").trim();
    media == "application/json" || media.ends_with("+json") || media == "text/json"
}

/// JSON when offered, otherwise the first media type.
pub(super) fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType)> {
    content
        .iter()
        .find(|(m, _)| is_json(m))
        .or_else(|| content.iter().next())
        .map(|(m, c)| (m.as_str(), c))
}
