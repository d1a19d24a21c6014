//! Which declared responses are an operation's answers (its success statuses), as AutoRest
//! reads a Swagger response map: the 2xx, a declared 3xx (the call returns it), and a 4xx or
//! 5xx the spec sets apart from its errors. An undeclared status, or `default`, is an error.

use openapiv3::{Operation as SpecOperation, ReferenceOr, Response, Schema, StatusCode};

use super::responses::pick_media;

/// Whether the declared response `code` is an answer rather than an error. A 4xx or 5xx is an
/// answer only when the spec sets it apart: it has a body model of its own (not `default`'s)
/// and no `x-ms-error-response: true`, as in `404: {schema: NotFound}` next to
/// `default: {schema: Error}`. Otherwise (no body, the error model, a plain OpenAPI spec's
/// `404: Error`) it stays an error.
pub(super) fn is_answer(
    code: &StatusCode,
    response: &Response,
    default_schema: Option<&ReferenceOr<Schema>>,
) -> bool {
    let status = match code {
        StatusCode::Code(c) => *c,
        StatusCode::Range(r) => return *r == 2,
    };
    match status {
        200..=399 => true,
        400..=599 => {
            let marked_error = response
                .extensions
                .get("x-ms-error-response")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            let schema = pick_media(&response.content).and_then(|(_, m)| m.schema.as_ref());
            !marked_error && schema.is_some() && schema != default_schema
        }
        _ => false,
    }
}

/// The statuses an operation's plain call succeeds with, when its spec lists them (see
/// [`is_answer`]); `None` (any 2xx) when it lists none, or a range (`2XX`).
pub(super) fn success_statuses(
    op: &SpecOperation,
    answers: impl Fn(&StatusCode) -> bool,
) -> Option<Vec<u16>> {
    let mut out = Vec::new();
    for code in op.responses.responses.keys() {
        if !answers(code) {
            continue;
        }
        match code {
            StatusCode::Code(c) => out.push(*c),
            StatusCode::Range(_) => return None,
        }
    }
    out.sort_unstable();
    (!out.is_empty()).then_some(out)
}
