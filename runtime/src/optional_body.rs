//! A success body the spec promises but the service may leave out: [`Call::optional`] turns
//! a `Call<T>` into a `Call<Option<T>>` whose empty body is `None`.

use std::marker::PhantomData;

use crate::error::Result;
use crate::request::{Call, Operation, Plain};
use crate::response::{Decode, RawResponse};

/// Decodes with `D`, but an empty (or all-whitespace) body is `None`.
///
/// ```
/// use apigen_runtime::{Decode, Json, OptionalBody, RawResponse};
/// let empty = RawResponse::new(200, Default::default(), "");
/// let v: Option<bool> = OptionalBody::<Json>::decode(&empty).unwrap();
/// assert_eq!(v, None);
/// let full = RawResponse::new(200, Default::default(), "true");
/// assert_eq!(OptionalBody::<Json>::decode(&full).unwrap(), Some(true));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionalBody<D>(PhantomData<fn() -> D>);

impl<T, D: Decode<T>> Decode<Option<T>> for OptionalBody<D> {
    fn decode(response: &RawResponse) -> Result<Option<T>> {
        if response.body().iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        D::decode(response).map(Some)
    }
}

impl<T, D: Decode<T>> Operation<Plain<T, D>> {
    /// The same call, for a service that may answer a success without the body the spec
    /// promises (a `200` with nothing in it): an empty body is `None` instead of a decode
    /// error, any other body decodes as before. (A builder: `.into_call().optional()`.)
    ///
    /// ```no_run
    /// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
    /// use apigen_runtime::{Call, Method};
    /// let call: Call<serde_json::Value> = client.request(Method::GET, "/x", &[]).call();
    /// let maybe: Option<serde_json::Value> = call.optional().await?;
    /// # Ok(()) }
    /// ```
    pub fn optional(self) -> Call<Option<T>, OptionalBody<D>> {
        Operation::new(self.req, Plain(PhantomData))
    }
}
