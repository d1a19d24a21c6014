//! `security-aad.json`: an OAuth2 (Entra ID) scheme: the client asks its credential for a
//! token for the spec's scope and sends it as a bearer token.

#[path = "../vanilla.rs"]
mod vanilla;

use apigen_runtime::credentials::{AccessToken, BoxFuture, TokenCredential};
use testserver_scenarios::{url, Checks};
use ts_security_aad::AutorestSecurityAadClient as Client;
use vanilla::done;

/// A credential whose token is the scopes it was asked for: the server checks that the
/// bearer token is the spec's scope, so this shows the client asked for the right one.
struct ScopeEcho;

impl TokenCredential for ScopeEcho {
    fn get_token<'a>(
        &'a self,
        scopes: &'a [&'a str],
    ) -> BoxFuture<'a, apigen_runtime::Result<AccessToken>> {
        let token = scopes.join(" ");
        Box::pin(async move {
            let expires =
                apigen_runtime::date_time::parse("2999-01-01T00:00:00Z").expect("a date-time");
            Ok(AccessToken::new(token, expires))
        })
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let base = url();
    let client = Client::builder()
        .endpoint(&base)
        .expect("endpoint")
        .credential(ScopeEcho)
        .http_client(testserver_scenarios::http())
        .build()
        .expect("client");
    let mut c = Checks::new();
    c.check(&["SecurityAad"], async { done(client.head().await) })
        .await;
    c.finish()
}
