//! The one macro generated code uses: it gives an operation's builder type (a newtype around
//! a [`Call`](crate::Call), [`PagedCall`](crate::PagedCall) or [`LroCall`](crate::LroCall) that
//! adds typed setters for the operation's optional parameters) the finishing methods of the call
//! it wraps, so generated code stays one line per builder.

/// Forwards `send`/`.await`, `into_stream`/`into_call`/`.await`, or `begin`/`.await`, and
/// `options` from an operation builder `$builder(call)` to the wrapped runtime call.
///
/// `send` and `begin` return the wrapped call's future as it is, not an `async fn` of their
/// own: a coroutine per builder was a large share of a generated crate's borrow checking.
///
/// ```
/// use apigen_runtime::{operation_builder, Call, CallOptions, PagedCall};
/// pub struct GetThing(Call<serde_json::Value>);
/// operation_builder!(GetThing => Call<serde_json::Value>);
/// pub struct ListThings(PagedCall<serde_json::Value>);
/// operation_builder!(ListThings => PagedCall<serde_json::Value>);
///
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// let list = ListThings(client.request(apigen_runtime::Method::GET, "/things", &[]).paged("value", Some("nextLink")));
/// // Every builder takes options, and pageable ones can be awaited to a Vec or streamed.
/// let all: Vec<serde_json::Value> = list.options(CallOptions::new().client_request_id("id-1")).await?;
/// # Ok(()) }
/// ```
#[macro_export]
macro_rules! operation_builder {
    ($builder:ident => Call<$t:ty $(, $d:ty)?>) => {
        impl $builder {
            /// Sends the request; the response has the status, headers and body.
            pub fn send(self) -> impl ::std::future::Future<Output = $crate::Result<$crate::Response<$t>>> {
                self.0.send()
            }
            /// Options for this call: headers, request id, timeouts, limits, policies.
            pub fn options(self, options: $crate::CallOptions) -> Self {
                Self(self.0.options(options))
            }
            /// The runtime call (e.g. for [`Call::send_stream`]($crate::Call::send_stream)).
            pub fn into_call(self) -> $crate::Call<$t $(, $d)?> {
                self.0
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
    ($builder:ident => ExistsCall) => {
        impl $builder {
            /// Sends the request; the response's body is whether the resource exists.
            pub fn send(self) -> impl ::std::future::Future<Output = $crate::Result<$crate::Response<bool>>> {
                self.0.send()
            }
            /// Options for this call: headers, request id, timeouts, limits, policies.
            pub fn options(self, options: $crate::CallOptions) -> Self {
                Self(self.0.options(options))
            }
        }
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<bool>;
            type IntoFuture = <$crate::ExistsCall as ::std::future::IntoFuture>::IntoFuture;
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
            /// Options for this call, applied to every page request.
            pub fn options(self, options: $crate::CallOptions) -> Self {
                Self(self.0.options(options))
            }
        }
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<::std::vec::Vec<$t>>;
            type IntoFuture = <$crate::PagedCall<$t> as ::std::future::IntoFuture>::IntoFuture;
            /// Collects the items of every page.
            fn into_future(self) -> Self::IntoFuture {
                ::std::future::IntoFuture::into_future(self.0)
            }
        }
    };
    ($builder:ident => LroCall<$t:ty $(, $d:ty)?>) => {
        impl $builder {
            /// Starts the operation and returns a poller to drive, inspect or save.
            pub fn begin(self) -> impl ::std::future::Future<Output = $crate::Result<$crate::Poller<$t $(, $d)?>>> {
                self.0.begin()
            }
            /// Options for this call, applied to the first request and every poll.
            pub fn options(self, options: $crate::CallOptions) -> Self {
                Self(self.0.options(options))
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
