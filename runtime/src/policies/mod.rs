//! The runtime's policies, one concern a file. [`Client`](crate::Client) assembles them into
//! its [`Pipeline`](crate::Pipeline); users add their own with
//! [`ClientBuilder::per_call_policy`](crate::ClientBuilder::per_call_policy),
//! [`ClientBuilder::per_try_policy`](crate::ClientBuilder::per_try_policy) or
//! [`CallOptions::policy`](crate::CallOptions::policy).

pub(crate) mod api_version;
pub(crate) mod auth;
pub(crate) mod bearer;
pub(crate) mod headers;
pub(crate) mod origin;
pub(crate) mod redirect;
pub(crate) mod request_id;
pub(crate) mod retry;
pub(crate) mod timeout;
pub(crate) mod trace;
pub(crate) mod user_agent;
