//! HEAD operations that ask whether a resource exists (AutoRest's rule): no body, and the
//! spec documents a 404, so 404 is the answer `false` rather than an error.

use openapiv3::{Operation as SpecOperation, StatusCode};

use crate::ir::{HttpMethod, OperationKind, ResponseShape};

/// Whether the operation's call yields `bool` (2xx `true`, 404 `false`).
pub(super) fn is_existence_check(
    method: HttpMethod,
    op: &SpecOperation,
    response: &ResponseShape,
    kind: &OperationKind,
) -> bool {
    method == HttpMethod::Head
        && *response == ResponseShape::Empty
        && *kind == OperationKind::Plain
        && op.responses.responses.contains_key(&StatusCode::Code(404))
}
