//! The one macro generated code uses: it gives an operation's builder type (a newtype around
//! a [`Call`](crate::Call), [`PagedCall`](crate::PagedCall) or [`LroCall`](crate::LroCall) that
//! adds typed setters for the operation's optional parameters) the finishing methods of the call
//! it wraps, so generated code stays one line per builder.

/// Forwards `send`/`.await`, `into_stream`/`into_call`, or `begin`/`.await` from an operation
/// builder `$builder(call)` to the wrapped runtime call.
///
/// ```
/// use apigen_runtime::{operation_builder, Call, Json};
/// pub struct GetThing(Call<serde_json::Value>);
/// operation_builder!(GetThing => Call<serde_json::Value>);
/// ```
#[macro_export]
macro_rules! operation_builder {
    ($builder:ident => Call<$t:ty $(, $d:ty)?>) => {
        impl $builder {
            /// Sends the request; the response has the status, headers and body.
            pub async fn send(self) -> $crate::Result<$crate::Response<$t>> {
                self.0.send().await
            }
        }
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<$t>;
            type IntoFuture = <$crate::Call<$t $(, $d)?> as ::std::future::IntoFuture>::IntoFuture;
            fn into_future(self) -> Self::IntoFuture {
                ::std::future::IntoFuture::into_future(self.0)
            }
        }
    };
    ($builder:ident => PagedCall<$t:ty>) => {
        impl $builder {
            /// The items of all pages, fetched one page at a time as the stream is read.
            pub fn into_stream(self) -> $crate::Pager<$t> {
                self.0.into_stream()
            }
            /// The runtime call, for whole pages ([`PagedCall::pages`]($crate::PagedCall::pages)).
            pub fn into_call(self) -> $crate::PagedCall<$t> {
                self.0
            }
        }
    };
    ($builder:ident => LroCall<$t:ty $(, $d:ty)?>) => {
        impl $builder {
            /// Starts the operation and returns a poller to drive, inspect or save.
            pub async fn begin(self) -> $crate::Result<$crate::Poller<$t $(, $d)?>> {
                self.0.begin().await
            }
        }
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<$t>;
            type IntoFuture = <$crate::LroCall<$t $(, $d)?> as ::std::future::IntoFuture>::IntoFuture;
            fn into_future(self) -> Self::IntoFuture {
                ::std::future::IntoFuture::into_future(self.0)
            }
        }
    };
}
