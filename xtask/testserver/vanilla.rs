//! Expectations the vanilla scenario binaries share, included with
//! `#[path = "../vanilla.rs"] mod vanilla;`: a call that must succeed, decode a value, be
//! rejected as an invalid body, or decode a JSON `null`.

#![allow(dead_code)] // each binary uses a part

use std::fmt::Debug;

use apigen_runtime::{Error, HeaderValue, Response, Result};
use testserver_scenarios::{eq, fail, Outcome};

/// The call succeeded; its value is not looked at (a PUT the server checks).
pub fn done<T>(r: Result<T>) -> Outcome {
    r.map(|_| ()).map_err(Into::into)
}

/// The call succeeded with `want`.
pub fn value<T: PartialEq + Debug>(what: &str, r: Result<T>, want: T) -> Outcome {
    eq(what, r?, want)
}

/// The server sent a body the declared type cannot hold: the call must fail to decode it.
pub fn rejects<T: Debug>(r: Result<T>) -> Outcome {
    match r {
        Err(Error::Deserialize { .. }) => Ok(()),
        Err(e) => fail(format!("want a decode error, got another error: {e}")),
        Ok(v) => fail(format!("want a decode error, got Ok({v:?})")),
    }
}

/// The server sent `null` (or an empty body, read as `null`) where the swagger's type cannot
/// be null: the call must fail to decode, at the JSON path `at` (`.` for the whole body, `[1]`
/// for an item, `1` for a map value, `array[2]` inside a field), keeping the body.
pub fn rejects_null_at<T: Debug>(at: &str, r: Result<T>) -> Outcome {
    match r {
        Err(Error::Deserialize { path, message, .. }) if path == at && message.contains("null") => {
            Ok(())
        }
        Err(e) => fail(format!("want a decode error for null at `{at}`, got: {e}")),
        Ok(v) => fail(format!("want a decode error for null at `{at}`, got Ok({v:?})")),
    }
}

/// One [`rejects_null_at`] check per `"scenario" => call`, all at the JSON path `at`.
macro_rules! rejects_null_at_each {
    ($checks:expr, $at:literal, $($name:literal => $call:expr),+ $(,)?) => {
        $(
            $checks
                .check(&[$name], async { $crate::vanilla::rejects_null_at($at, $call.await) })
                .await;
        )+
    };
}
pub(crate) use rejects_null_at_each;

/// What `null!` looks at: an `Option` can be null; a plain type (what the generator emits
/// for a schema it did not see as nullable) cannot, and the check says which type it was.
pub struct Probe<'a, T>(pub &'a T);

pub trait OptionNull {
    fn null_state(&self) -> std::result::Result<bool, String>;
}

impl<T> OptionNull for Probe<'_, Option<T>> {
    fn null_state(&self) -> std::result::Result<bool, String> {
        Ok(self.0.is_none())
    }
}

pub trait PlainNull {
    fn null_state(&self) -> std::result::Result<bool, String>;
}

impl<T> PlainNull for &Probe<'_, T> {
    fn null_state(&self) -> std::result::Result<bool, String> {
        Err(format!(
            "the generated return type `{}` cannot hold null",
            std::any::type_name::<T>()
        ))
    }
}

/// The server answered null (`null` or an empty body): the call must decode it as such.
/// A macro so that the `Option` case is picked by method resolution at the call site.
macro_rules! null {
    ($call:expr) => {{
        #[allow(unused_imports)]
        use $crate::vanilla::{OptionNull, PlainNull, Probe};
        match $call {
            Ok(v) => match (&Probe(&v)).null_state() {
                Ok(true) => Ok(()),
                Ok(false) => testserver_scenarios::fail(format!("want null, got {v:?}")),
                Err(why) => testserver_scenarios::fail(format!("want null, got {v:?}: {why}")),
            },
            Err(e) => testserver_scenarios::fail(format!("want null, the call failed: {e}")),
        }
    }};
}
pub(crate) use null;

/// The call succeeded with a value that prints as `want` does: for a response whose
/// generated type is not the one the swagger's format names (a string enum for a date), so
/// that the check passes unchanged once the type is right.
pub fn prints_as<T: Debug, W: Debug>(what: &str, r: Result<T>, want: W) -> Outcome {
    let got = r?;
    let (g, w) = (format!("{got:?}"), format!("{want:?}"));
    if g == w {
        Ok(())
    } else {
        fail(format!(
            "{what}: got {g} ({}), want {w} ({})",
            std::any::type_name::<T>(),
            std::any::type_name::<W>()
        ))
    }
}

/// A request value built from bytes, for a `format: byte`/`base64url` parameter: fine when the
/// generated type is bytes, an error that says so when it is a `String` (the caller would have
/// to encode by hand, which the client should do).
pub trait FromBytes: Sized {
    fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String>;
}

impl FromBytes for Vec<u8> {
    fn from_bytes(bytes: &[u8]) -> std::result::Result<Self, String> {
        Ok(bytes.to_vec())
    }
}

impl FromBytes for String {
    fn from_bytes(_: &[u8]) -> std::result::Result<Self, String> {
        Err(
            "the generated parameter type is String, not bytes: the client cannot be given \
             the bytes to encode"
                .into(),
        )
    }
}

/// The call failed with an HTTP error of status `want` (a status the swagger does not list as
/// a success).
pub fn status<T: Debug>(want: u16, r: Result<T>) -> Outcome {
    match r {
        Err(Error::Http(e)) if e.status == want => Ok(()),
        Err(e) => fail(format!("want an HTTP {want} error, got: {e}")),
        Ok(v) => fail(format!("want an HTTP {want} error, got Ok({v:?})")),
    }
}

/// The call succeeded and its response header `name`, read as the type the swagger gives it
/// (`Response::header_value`), is `want`.
pub fn header_is<T, V: HeaderValue + PartialEq + Debug>(
    r: Result<Response<T>>,
    name: &str,
    want: Option<V>,
) -> Outcome {
    let got = r?.header_value::<V>(name)?;
    eq(&format!("header {name}"), got, want)
}

/// A response the swagger says is a file (`type: file`, `format: binary`): its bytes when the
/// generated type is bytes, an error that says so when it is a `String` (decoded as JSON).
pub trait FileBytes {
    fn file_bytes(self) -> std::result::Result<Vec<u8>, String>;
}

impl FileBytes for Vec<u8> {
    fn file_bytes(self) -> std::result::Result<Vec<u8>, String> {
        Ok(self)
    }
}

impl FileBytes for String {
    fn file_bytes(self) -> std::result::Result<Vec<u8>, String> {
        Err("the generated response type is String, not bytes".into())
    }
}

/// The test server's multi-byte text, whose bytes the byte header, path and query carry.
/// Escaped: five are CJK compatibility ideographs, which an editor's normalisation would
/// change.
pub const MULTIBYTE: &str =
    "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";
