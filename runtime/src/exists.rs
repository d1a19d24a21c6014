//! HEAD operations that ask whether a resource exists: [`ExistsCall`] answers `true` for a
//! 2xx, `false` for a 404, and fails with [`Error::Http`](crate::Error::Http) otherwise.

use std::fmt;
use std::future::IntoFuture;

use crate::error::Result;
use crate::request::{Operation, Request, SendFuture};
use crate::response::Response;

/// The kind of an existence check (a HEAD whose spec documents 404).
pub struct Exists;

impl fmt::Debug for Exists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Exists")
    }
}

/// An existence check: `.await` gives `true` (2xx) or `false` (404); [`send`](Self::send)
/// the whole [`Response`] with that answer as its body.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// let found: bool = client
///     .request(apigen_runtime::Method::HEAD, "/things/{name}", &["a"])
///     .exists()
///     .await?;
/// # Ok(()) }
/// ```
pub type ExistsCall = Operation<Exists>;

impl Request {
    /// An existence check: 2xx is `true`, 404 `false`, any other status an error.
    pub fn exists(self) -> ExistsCall {
        Operation::new(self, Exists)
    }
}

impl Operation<Exists> {
    /// Send; the body is whether the resource exists.
    pub async fn send(self) -> Result<Response<bool>> {
        let (sender, req) = self.req.build()?;
        let raw = sender.send(req).await?;
        let found = match raw.status {
            200..=299 => true,
            404 => false,
            _ => return Err(raw.into_error()),
        };
        Ok(Response::new(raw, found))
    }
}

impl IntoFuture for Operation<Exists> {
    type Output = Result<bool>;
    type IntoFuture = SendFuture<Result<bool>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.send().await.map(Response::into_body) })
    }
}
