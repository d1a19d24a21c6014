//! The one macro generated code uses: it defines, once per generated crate, the generic
//! `Builder` that every operation with optional parameters returns. An operation's builder is a
//! type alias, `Builder<Marker, Call>`, with its typed setters in an `impl` of its own; the
//! finishing methods of the call it wraps (`send`/`.await`, `into_stream`/`into_call`/`.await`,
//! `begin`/`.await`, `options`) are written here once for all of them.
//!
//! A newtype per builder with those methods and an `IntoFuture` impl of its own was four
//! function bodies and two impls per builder for rustc to check; generic over the operation,
//! they are checked once. The type is defined in the generated crate (not here) so that the
//! setters can be inherent methods: Rust allows those only on a crate's own types.

/// Defines `Builder<Op, C>`: the builder of an operation with optional parameters, `Op` a
/// marker type naming the operation (so each has its own setters) and `C` the
/// [`Call`](crate::Call), [`PagedCall`](crate::PagedCall), [`LroCall`](crate::LroCall) or
/// [`ExistsCall`](crate::ExistsCall) it prepares. Invoke it once, in the module the builders'
/// modules are in; a builder is `pub type Name = Builder<NameOp, C>;` with
/// `impl Name { setters }`, made with `Name::new(call)` and set with `Self::new(self.0...)`.
///
/// `send` and `begin` return the wrapped call's future as it is, not an `async fn` of their
/// own: a coroutine per builder was a large share of a generated crate's borrow checking.
///
/// ```
/// mod generated {
///     apigen_runtime::operation_builders!();
///
///     pub enum ListThingsOp {}
///     pub type ListThings = Builder<ListThingsOp, apigen_runtime::PagedCall<serde_json::Value>>;
///     impl ListThings {
///         pub fn top(self, top: i32) -> Self {
///             Self::new(self.0.query("$top", top))
///         }
///     }
/// }
///
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use apigen_runtime::CallOptions;
/// let call = client.request(apigen_runtime::Method::GET, "/things", &[]).paged("value", Some("nextLink"));
/// let list = generated::ListThings::new(call).top(10);
/// // Every builder takes options, and pageable ones can be awaited to a Vec or streamed.
/// let all: Vec<serde_json::Value> = list.options(CallOptions::new().client_request_id("id-1")).await?;
/// # Ok(()) }
/// ```
#[macro_export]
macro_rules! operation_builders {
    () => {
        /// The builder of an operation with optional parameters: set them with the builder's
        /// own methods (see its type's page), then finish it as the call it wraps (`C`)
        /// finishes, with `.await` or the methods here.
        pub struct Builder<Op, C>(C, ::core::marker::PhantomData<fn() -> Op>);

        impl<Op, K> Builder<Op, $crate::Operation<K>> {
            /// The builder of the prepared `call`.
            pub fn new(call: $crate::Operation<K>) -> Self {
                Self(call, ::core::marker::PhantomData)
            }
            /// Options for this call: headers, request id, timeouts, limits, policies (for a
            /// pageable or long-running call, applied to every request it makes).
            pub fn options(self, options: $crate::CallOptions) -> Self {
                Self::new(self.0.options(options))
            }
            /// The runtime call (e.g. for [`Call::send_stream`]($crate::Call::send_stream), or
            /// whole pages with [`PagedCall::pages`]($crate::PagedCall::pages)).
            pub fn into_call(self) -> $crate::Operation<K> {
                self.0
            }
        }

        impl<Op, T, D: $crate::Decode<T>> Builder<Op, $crate::Call<T, D>> {
            /// Sends the request; the response has the status, headers and body.
            pub fn send(
                self,
            ) -> impl ::core::future::Future<Output = $crate::Result<$crate::Response<T>>> {
                self.0.send()
            }
        }

        impl<Op> Builder<Op, $crate::ExistsCall> {
            /// Sends the request; the response's body is whether the resource exists.
            pub fn send(
                self,
            ) -> impl ::core::future::Future<Output = $crate::Result<$crate::Response<bool>>> {
                self.0.send()
            }
        }

        impl<Op, T> Builder<Op, $crate::PagedCall<T>>
        where
            T: $crate::wire::serde::de::DeserializeOwned + ::core::marker::Send + 'static,
        {
            /// The items of all pages, fetched one page at a time as the stream is read.
            pub fn into_stream(self) -> $crate::Pager<T> {
                self.0.into_stream()
            }
        }

        impl<Op, T, D: $crate::Decode<T>> Builder<Op, $crate::LroCall<T, D>> {
            /// Starts the operation and returns a poller to drive, inspect or save.
            pub fn begin(
                self,
            ) -> impl ::core::future::Future<Output = $crate::Result<$crate::Poller<T, D>>> {
                self.0.begin()
            }
        }

        impl<Op, K> ::core::future::IntoFuture for Builder<Op, $crate::Operation<K>>
        where
            $crate::Operation<K>: ::core::future::IntoFuture,
        {
            type Output = <$crate::Operation<K> as ::core::future::IntoFuture>::Output;
            type IntoFuture = <$crate::Operation<K> as ::core::future::IntoFuture>::IntoFuture;
            /// Sends the call and reads its result: the body, every page's items collected, or
            /// a long-running operation's final result.
            fn into_future(self) -> Self::IntoFuture {
                ::core::future::IntoFuture::into_future(self.0)
            }
        }
    };
}
