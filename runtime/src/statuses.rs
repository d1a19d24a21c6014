//! Which statuses a plain call answers with: by default any 2xx; for an operation whose spec
//! lists its responses, exactly those (AutoRest's reading of a Swagger response map).

/// The success statuses of a call: `None` is any 2xx, `Some` exactly the listed ones.
///
/// The generator lists an operation's declared 2xx and 3xx responses and the 4xx/5xx ones
/// the spec sets apart from its errors (a body model of their own, not `default`'s, and no
/// `x-ms-error-response`). An undeclared status, even a 2xx, is then an
/// [`Error::Http`](crate::Error::Http): the service answered something the client cannot
/// type. A declared 3xx is an answer too: the call returns it instead of failing (whether the
/// transport followed it first is the redirect policy's business).
///
/// ```
/// use apigen_runtime::SuccessStatuses;
/// assert!(SuccessStatuses(None).contains(204));
/// assert!(!SuccessStatuses(None).contains(300));
/// assert!(SuccessStatuses(Some(&[200, 300])).contains(300));
/// assert!(!SuccessStatuses(Some(&[200, 204])).contains(201));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SuccessStatuses(pub Option<&'static [u16]>);

impl SuccessStatuses {
    /// Whether `status` is a success.
    pub fn contains(self, status: u16) -> bool {
        match self.0 {
            None => (200..300).contains(&status),
            Some(listed) => listed.contains(&status),
        }
    }
}
