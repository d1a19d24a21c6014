//! Decoding a body through a wire codec: a top-level `format: date` or `date-time` body is read
//! as the runtime's [`date`](crate::date)/[`date_time`](crate::date_time) modules say (the
//! text the service sends), not as `time`'s own serde form.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::response::{Decode, RawResponse};
use crate::wire::{Date, DateTime, OptionalDate, OptionalDateTime};
use crate::Result;

/// Decodes the JSON body as the codec `W`, then converts it into the call's value.
///
/// ```
/// use apigen_runtime::{wire, Decode, RawResponse, Via};
/// let r = RawResponse::new(200, Default::default(), r#""2024-05-01""#);
/// let d: time::Date = Via::<wire::Date>::decode(&r).unwrap();
/// assert_eq!(d, time::macros::date!(2024 - 05 - 01));
/// let empty = RawResponse::new(200, Default::default(), "");
/// let none: Option<time::Date> = Via::<wire::OptionalDate>::decode(&empty).unwrap();
/// assert_eq!(none, None);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Via<W>(PhantomData<fn() -> W>);

impl<T, W: DeserializeOwned + Into<T>> Decode<T> for Via<W> {
    fn decode(response: &RawResponse) -> Result<T> {
        response.json::<W>().map(Into::into)
    }
}

impl From<Date> for time::Date {
    fn from(d: Date) -> Self {
        d.0
    }
}

impl From<DateTime> for time::OffsetDateTime {
    fn from(t: DateTime) -> Self {
        t.0
    }
}

impl From<OptionalDate> for Option<time::Date> {
    fn from(d: OptionalDate) -> Self {
        d.0
    }
}

impl From<OptionalDateTime> for Option<time::OffsetDateTime> {
    fn from(t: OptionalDateTime) -> Self {
        t.0
    }
}
