//! Paged lists: [`PagedCall`], the item stream [`Pager`] and the page stream [`Pages`]. Pages
//! after the first are fetched with the call's [`CallSender`], so the pager never sees the
//! client.

use std::collections::HashSet;
use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::{Stream, StreamExt};
use http::HeaderMap;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use url::Url;

use crate::error::{Error, Result};
use crate::message::{HttpRequest, RequestKind};
use crate::request::{Operation, Request, SendFuture};
use crate::response::RawResponse;
use crate::service::CallSender;
use crate::util::redact_url;
use crate::Method;

/// One page of a list.
///
/// ```no_run
/// # async fn f(pages: apigen_runtime::Pages<serde_json::Value>) {
/// use futures::StreamExt;
/// let mut pages = pages;
/// while let Some(page) = pages.next().await {
///     let page = page.unwrap();
///     println!("{} items, next: {:?}", page.items.len(), page.next_link);
/// }
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The next link as sent by the service (`None` on the last page).
    pub next_link: Option<String>,
    /// Status code of the page response.
    pub status: u16,
    /// Headers of the page response.
    pub headers: HeaderMap,
}

impl<T> Page<T> {
    /// `x-ms-request-id` of the page response.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-ms-request-id")
            .and_then(|v| v.to_str().ok())
    }
}

/// The kind of a paged list call: items are the array field `item_name` of each page, the
/// next link the field `next_link_name` (`None`: exactly one page).
pub struct Paged<T> {
    item_name: &'static str,
    next_link_name: Option<&'static str>,
    next_operation: Option<NextOperation<T>>,
    _m: PhantomData<fn() -> T>,
}

/// The call of the next page, from the next link (`x-ms-pageable.operationName`).
type NextOperation<T> = Arc<dyn Fn(&str) -> PagedCall<T> + Send + Sync>;

impl<T> fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paged")
            .field("item_name", &self.item_name)
            .field("next_link_name", &self.next_link_name)
            .field("next_operation", &self.next_operation.is_some())
            .finish()
    }
}

/// A paged list call. Turn it into an item stream ([`into_stream`](Operation::into_stream)), a
/// page stream ([`pages`](Operation::pages)), or `.await` it to collect every item.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
/// use futures::StreamExt;
/// let mut items = client
///     .request(apigen_runtime::Method::GET, "/subscriptions/{s}/providers/Microsoft.ApiManagement/service", &["sub"])
///     .paged::<serde_json::Value>("value", Some("nextLink"))
///     .into_stream();
/// while let Some(item) = items.next().await {
///     println!("{}", item?);
/// }
/// # Ok(()) }
/// ```
pub type PagedCall<T> = Operation<Paged<T>>;

impl Request {
    /// A paged list: items are the array field `item_name` of each page, the next link the
    /// field `next_link_name` (`None`: exactly one page).
    pub fn paged<T: DeserializeOwned>(
        self,
        item_name: &'static str,
        next_link_name: Option<&'static str>,
    ) -> PagedCall<T> {
        Operation::new(
            self,
            Paged {
                item_name,
                next_link_name,
                next_operation: None,
                _m: PhantomData,
            },
        )
    }
}

impl<T> Operation<Paged<T>> {
    /// Fetch the pages after the first with another operation (`x-ms-pageable.operationName`):
    /// `next(link)` is its call for the next link `link`, which it places where the spec says
    /// (a path or query parameter, or not at all). The items and next link of every page are
    /// read as this call's are, and this call's options apply.
    ///
    /// ```no_run
    /// # async fn f(client: apigen_runtime::Client) -> apigen_runtime::Result<()> {
    /// let next = client.clone();
    /// let all: Vec<serde_json::Value> = client
    ///     .request(apigen_runtime::Method::GET, "/tenants/{t}/items", &["t1"])
    ///     .paged("value", Some("nextLink"))
    ///     .next_operation(move |link| {
    ///         next.request(apigen_runtime::Method::GET, "/tenants/{t}/{+link}", &["t1", link])
    ///             .paged("value", Some("nextLink"))
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn next_operation(
        mut self,
        next: impl Fn(&str) -> PagedCall<T> + Send + Sync + 'static,
    ) -> Self {
        self.kind.next_operation = Some(Arc::new(next));
        self
    }
}

impl<T: DeserializeOwned + Send + 'static> Operation<Paged<T>> {
    /// Stream of items; holds at most one page in memory.
    pub fn into_stream(self) -> Pager<T> {
        Pager {
            pages: self.pages(),
            current: Vec::new().into_iter(),
        }
    }

    /// Stream of whole pages.
    pub fn pages(self) -> Pages<T> {
        let Paged {
            item_name,
            next_link_name,
            next_operation,
            ..
        } = self.kind;
        let state = match self.req.build() {
            Ok((sender, req)) => State::Next {
                sender,
                req,
                seen: HashSet::new(),
            },
            Err(e) => State::Failed(e),
        };
        let stream = futures::stream::unfold(state, move |state| {
            let next_operation = next_operation.clone();
            async move {
                match state {
                    State::Done => None,
                    State::Failed(e) => Some((Err(e), State::Done)),
                    State::Next {
                        sender,
                        req,
                        mut seen,
                    } => {
                        seen.insert(req.url.to_string());
                        let headers = req.headers.clone();
                        let raw = match sender.send(req).await {
                            Ok(r) => r,
                            Err(e) => return Some((Err(e), State::Done)),
                        };
                        if !raw.is_success() {
                            return Some((Err(raw.into_error()), State::Done));
                        }
                        let (items, next) = match parse_page::<T>(&raw, item_name, next_link_name) {
                            Ok(p) => p,
                            Err(e) => return Some((Err(e), State::Done)),
                        };
                        // What comes after this page, decided before the page takes the headers.
                        let state = match next.as_deref().filter(|l| !l.trim().is_empty()) {
                            None => State::Done,
                            Some(link) => {
                                let next_req = match &next_operation {
                                    // Sent with the first request's sender: the call's options
                                    // and context.
                                    Some(next) => next(link).req.build().map(|(_, req)| req),
                                    None => next_url(&raw.url, link).map(|url| {
                                        let mut req = HttpRequest::new(
                                            Method::GET,
                                            url,
                                            RequestKind::NextPage,
                                        );
                                        req.headers = headers;
                                        req.headers.remove(http::header::CONTENT_TYPE);
                                        req
                                    }),
                                };
                                match next_req {
                                    Err(e) => State::Failed(e),
                                    Ok(req) if seen.contains(req.url.as_str()) => {
                                        State::Failed(Error::Paging {
                                            message: format!(
                                                "the next link `{}` repeats an earlier page's link; stopping to avoid an endless loop",
                                                redact_url(&req.url)
                                            ),
                                            context: Box::new(raw.context()),
                                        })
                                    }
                                    Ok(req) => State::Next { sender, req, seen },
                                }
                            }
                        };
                        let page = Page {
                            items,
                            next_link: next,
                            status: raw.status,
                            headers: raw.headers,
                        };
                        Some((Ok(page), state))
                    }
                }
            }
        });
        Pages {
            inner: Box::pin(stream),
        }
    }
}

#[allow(clippy::large_enum_variant)] // one State lives per pager
enum State {
    Next {
        sender: CallSender,
        req: HttpRequest,
        seen: HashSet<String>,
    },
    Failed(Error),
    Done,
}

/// Resolve a next link: absolute, or relative to the URL of the page that named it (RFC 3986).
/// `api-version` is the api-version policy's business.
fn next_url(page_url: &Url, link: &str) -> Result<Url> {
    let link = link.trim();
    let url = page_url
        .join(link)
        .map_err(|e| Error::InvalidRequest(format!("invalid next link `{link}`: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::InvalidRequest(format!(
            "next link `{link}` is not an http(s) URL"
        )));
    }
    Ok(url)
}

struct PageSeed<T> {
    item_name: &'static str,
    next_link_name: Option<&'static str>,
    _m: PhantomData<fn() -> T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for PageSeed<T> {
    type Value = (Vec<T>, Option<String>);

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for PageSeed<T> {
    type Value = (Vec<T>, Option<String>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a page object with `{}`", self.item_name)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut items: Vec<T> = Vec::new();
        let mut next = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.item_name {
                items = map.next_value::<Option<Vec<T>>>()?.unwrap_or_default();
            } else if Some(key.as_ref()) == self.next_link_name {
                next = map.next_value::<Option<String>>()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok((items, next))
    }
}

fn parse_page<T: DeserializeOwned>(
    raw: &RawResponse,
    item_name: &'static str,
    next_link_name: Option<&'static str>,
) -> Result<(Vec<T>, Option<String>)> {
    let seed = PageSeed::<T> {
        item_name,
        next_link_name,
        _m: PhantomData,
    };
    let body: &[u8] = if raw.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &raw.body
    };
    // Fast path without path tracking; on failure parse again to report the serde path.
    let mut de = serde_json::Deserializer::from_slice(body);
    if let Ok(v) = seed.deserialize(&mut de).and_then(|v| de.end().map(|_| v)) {
        return Ok(v);
    }
    let seed = PageSeed::<T> {
        item_name,
        next_link_name,
        _m: PhantomData,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    let res = seed.deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    match res.and_then(|v| de.end().map(|_| v)) {
        Ok(v) => Ok(v),
        Err(e) => Err(raw.deserialize_error(track.path().to_string(), e.to_string())),
    }
}

/// A stream of pages ([`Page`]). `Unpin`.
///
/// ```no_run
/// # async fn f(client: apigen_runtime::Client) {
/// use futures::TryStreamExt;
/// let pages: Vec<_> = client.request(apigen_runtime::Method::GET, "/x", &[])
///     .paged::<serde_json::Value>("value", Some("nextLink")).pages().try_collect().await.unwrap();
/// # }
/// ```
pub struct Pages<T> {
    inner: Pin<Box<dyn Stream<Item = Result<Page<T>>> + Send>>,
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pages")
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<Page<T>>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// A stream of items across pages. `Unpin`; holds at most one page.
///
/// ```no_run
/// # async fn f(mut pager: apigen_runtime::Pager<serde_json::Value>) {
/// use futures::StreamExt;
/// while let Some(item) = pager.next().await { let _ = item.unwrap(); }
/// # }
/// ```
pub struct Pager<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
}

impl<T> fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("buffered", &self.current.len())
            .finish()
    }
}

// Nothing is pinned structurally: the page stream is boxed.
impl<T> Unpin for Pager<T> {}

impl<T> Pager<T> {
    /// The remaining pages (items of the current page not yet yielded are dropped).
    pub fn into_pages(self) -> Pages<T> {
        self.pages
    }
}

impl<T> Stream for Pager<T> {
    type Item = Result<T>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match this.pages.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(page))) => this.current = page.items.into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Operation<Paged<T>> {
    type Output = Result<Vec<T>>;
    type IntoFuture = SendFuture<Result<Vec<T>>>;

    /// Collect every item of every page.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let mut pages = self.pages();
            let mut all = Vec::new();
            while let Some(p) = pages.next().await {
                all.extend(p?.items);
            }
            Ok(all)
        })
    }
}
