//! The `Authorization: Bearer …` value and redactor of the last token a credential gave,
//! reused while the credential keeps giving the same token: formatting the header and the
//! token's percent-encoded form was most of what a cached token cost per request.

use std::fmt;
use std::sync::Mutex;

use http::HeaderValue;

use crate::credentials::AccessToken;
use crate::error::Result;
use crate::redact::Redactor;

struct Bearer {
    token: String,
    header: HeaderValue,
    redactor: Redactor,
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
    /// The header for `token` (made with `header` when the token is new) and the redactor that
    /// masks it.
    pub(crate) fn get(
        &self,
        token: AccessToken,
        header: impl FnOnce(&str) -> Result<HeaderValue>,
    ) -> Result<(HeaderValue, Redactor)> {
        let token = token.token.into_inner();
        // A poisoned lock only means another request panicked mid-update: start afresh.
        let mut last = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = last.as_ref().filter(|b| b.token == token) {
            return Ok((b.header.clone(), b.redactor.clone()));
        }
        let value = header(&token)?;
        let mut redactor = Redactor::default();
        redactor.add(&token);
        *last = Some(Bearer {
            token,
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
}
