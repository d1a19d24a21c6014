//! The `Authorization: Bearer …` value and redactor of the last token a credential gave,
//! reused while the credential keeps giving the same token: formatting the header and the
//! token's percent-encoded form was most of what a cached token cost per request. While that
//! token is not yet due for refresh it is used without asking the credential's cache at all
//! (an async lock, a map lookup and a copy of the token per request).

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use http::HeaderValue;
use time::OffsetDateTime;

use crate::credentials::AccessToken;
use crate::error::Result;
use crate::redact::Redactor;

struct Bearer {
    token: String,
    /// The token's expiry on the monotonic clock, measured when the token was stored: reading
    /// the wall clock as a date cost more than the rest of the check.
    expires_at: Instant,
    header: HeaderValue,
    redactor: Redactor,
}

/// When a token that expires on `expires_on` (wall clock) expires on the monotonic clock.
fn monotonic(expires_on: OffsetDateTime) -> Instant {
    let left = expires_on - OffsetDateTime::now_utc();
    let now = Instant::now();
    match Duration::try_from(left) {
        Ok(left) => now
            .checked_add(left)
            .unwrap_or(now + Duration::from_secs(86_400 * 365)),
        // Already expired.
        Err(_) => now,
    }
}

/// One credential's last bearer header (see the module docs).
#[derive(Default)]
pub(crate) struct LastBearer(Mutex<Option<Bearer>>);

impl fmt::Debug for LastBearer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LastBearer")
    }
}

impl LastBearer {
    /// The last header and redactor, while its token is more than `refresh_before` from expiry
    /// (the credential's cache would return the same token).
    pub(crate) fn fresh(&self, refresh_before: Duration) -> Option<(HeaderValue, Redactor)> {
        let last = self.0.lock().unwrap_or_else(|e| e.into_inner());
        last.as_ref()
            .filter(|b| {
                b.expires_at
                    .checked_sub(refresh_before)
                    .is_some_and(|fresh_until| Instant::now() < fresh_until)
            })
            .map(|b| (b.header.clone(), b.redactor.clone()))
    }

    /// Forget the last token (it was refused).
    pub(crate) fn clear(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The header for `token` (made with `header` when the token is new) and the redactor that
    /// masks it.
    pub(crate) fn get(
        &self,
        token: AccessToken,
        header: impl FnOnce(&str) -> Result<HeaderValue>,
    ) -> Result<(HeaderValue, Redactor)> {
        let expires_on = token.expires_on;
        let token = token.token.into_inner();
        // A poisoned lock only means another request panicked mid-update: start afresh.
        let mut last = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = last.as_mut().filter(|b| b.token == token) {
            b.expires_at = monotonic(expires_on);
            return Ok((b.header.clone(), b.redactor.clone()));
        }
        let value = header(&token)?;
        let mut redactor = Redactor::default();
        redactor.add(&token);
        *last = Some(Bearer {
            token,
            expires_at: monotonic(expires_on),
            header: value.clone(),
            redactor: redactor.clone(),
        });
        Ok((value, redactor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;
    use time::OffsetDateTime;

    fn token(t: &str) -> AccessToken {
        AccessToken::new(Secret::new(t), OffsetDateTime::now_utc())
    }

    fn token_for(t: &str, valid: Duration) -> AccessToken {
        AccessToken::new(Secret::new(t), OffsetDateTime::now_utc() + valid)
    }

    fn bearer(t: &str) -> Result<HeaderValue> {
        Ok(HeaderValue::from_str(&format!("Bearer {t}")).unwrap())
    }

    #[test]
    fn a_new_token_gets_a_new_header_and_redactor() {
        let last = LastBearer::default();
        let (h1, r1) = last.get(token("token-one-123"), bearer).unwrap();
        let (again, _) = last
            .get(token("token-one-123"), |_| panic!("reused"))
            .unwrap();
        let (h2, r2) = last.get(token("token-two-456"), bearer).unwrap();
        assert_eq!(h1, "Bearer token-one-123");
        assert_eq!(again, h1);
        assert_eq!(h2, "Bearer token-two-456");
        assert_eq!(r1.text("token-one-123"), "***");
        assert_eq!(r2.text("token-one-123 token-two-456"), "token-one-123 ***");
    }

    #[test]
    fn fresh_only_until_the_refresh_window_and_not_after_clear() {
        let refresh = Duration::from_secs(300);
        let last = LastBearer::default();
        assert!(last.fresh(refresh).is_none());
        last.get(token_for("short-lived-1", Duration::from_secs(200)), bearer)
            .unwrap();
        assert!(last.fresh(refresh).is_none(), "inside the refresh window");
        last.get(
            token_for("long-lived-22", Duration::from_secs(3600)),
            bearer,
        )
        .unwrap();
        let (h, _) = last.fresh(refresh).expect("fresh");
        assert_eq!(h, "Bearer long-lived-22");
        last.clear();
        assert!(last.fresh(refresh).is_none(), "cleared");
    }
}
