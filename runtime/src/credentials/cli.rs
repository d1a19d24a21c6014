use std::path::PathBuf;
use std::time::Duration;

use time::OffsetDateTime;

use super::{scope_to_resource, AccessToken, BoxFuture, TokenCredential};
use crate::error::{Error, Result};

/// Tokens from the Azure CLI: runs
/// `az account get-access-token --output json --resource <resource> [--tenant <tenant>]`
/// (`--scope` for scopes that are not `.default`).
///
/// ```
/// use apigen_runtime::credentials::AzureCliCredential;
/// let c = AzureCliCredential::new().with_program("/usr/local/bin/az").with_tenant("contoso.onmicrosoft.com");
/// ```
#[derive(Clone, Debug)]
pub struct AzureCliCredential {
    program: PathBuf,
    tenant: Option<String>,
    timeout: Duration,
}

impl Default for AzureCliCredential {
    fn default() -> Self {
        Self::new()
    }
}

fn valid_arg(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_:/".contains(c))
}

impl AzureCliCredential {
    /// Runs `az` from `PATH`.
    pub fn new() -> Self {
        AzureCliCredential {
            program: PathBuf::from("az"),
            tenant: None,
            timeout: Duration::from_secs(30),
        }
    }

    /// Run another program instead of `az` (tests use a fake script).
    pub fn with_program(mut self, program: impl Into<PathBuf>) -> Self {
        self.program = program.into();
        self
    }

    /// Request a token for this tenant.
    pub fn with_tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Kill the CLI after this long (default 30 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn fetch(&self, scopes: &[&str]) -> Result<AccessToken> {
        let mut cmd = tokio::process::Command::new(&self.program);
        cmd.args(["account", "get-access-token", "--output", "json"]);
        let resource = scope_to_resource(scopes)?;
        if !valid_arg(&resource) {
            return Err(Error::credential(format!(
                "AzureCliCredential: invalid scope `{}`",
                scopes.join(" ")
            )));
        }
        if scopes[0].ends_with("/.default") {
            cmd.args(["--resource", &resource]);
        } else {
            cmd.args(["--scope", scopes[0]]);
        }
        if let Some(t) = &self.tenant {
            if !valid_arg(t) {
                return Err(Error::credential(format!(
                    "AzureCliCredential: invalid tenant `{t}`"
                )));
            }
            cmd.args(["--tenant", t]);
        }
        cmd.stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        let program = self.program.display().to_string();
        // ETXTBSY (26) can happen right after the program file was written (a concurrent
        // fork still holds it open): retry briefly.
        let mut spawned = cmd.spawn();
        for _ in 0..20 {
            match &spawned {
                Err(e) if e.raw_os_error() == Some(26) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    spawned = cmd.spawn();
                }
                _ => break,
            }
        }
        let child = spawned.map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::credential(format!(
                    "AzureCliCredential: Azure CLI not found (program `{program}`); install it or use another credential"
                ))
            } else {
                Error::credential(format!("AzureCliCredential: cannot run `{program}`: {e}"))
            }
        })?;
        let out = tokio::time::timeout(self.timeout, child.wait_with_output())
            .await
            .map_err(|_| {
                Error::credential(format!(
                    "AzureCliCredential: `{program}` did not finish within {:?}",
                    self.timeout
                ))
            })?
            .map_err(|e| {
                Error::credential(format!("AzureCliCredential: `{program}` failed: {e}"))
            })?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stderr: String = stderr.trim().chars().take(500).collect();
            let hint = if stderr.contains("az login") {
                " (run `az login`)"
            } else {
                ""
            };
            return Err(Error::credential(format!(
                "AzureCliCredential: `{program}` exited with {}{hint}: {stderr}",
                out.status
            )));
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|_| {
            Error::credential("AzureCliCredential: the CLI output is not JSON".to_string())
        })?;
        let token = v
            .get("accessToken")
            .and_then(|t| t.as_str())
            .ok_or_else(|| {
                Error::credential("AzureCliCredential: no accessToken in the CLI output")
            })?;
        let expires_on = match v.get("expires_on") {
            Some(serde_json::Value::Number(n)) => n
                .as_i64()
                .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()),
            Some(serde_json::Value::String(s)) => s
                .parse::<i64>()
                .ok()
                .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()),
            _ => None,
        }
        .or_else(|| {
            // Older CLIs only give "expiresOn": "2024-01-01 10:00:00.000000" in local time,
            // which cannot be read soundly here: assume UTC but cap the lifetime so the token
            // is refreshed early rather than used after it expired.
            let s = v.get("expiresOn")?.as_str()?;
            let naive = crate::date_time::parse_naive_local(s)?;
            let cap = OffsetDateTime::now_utc() + time::Duration::minutes(10);
            Some(naive.assume_utc().min(cap))
        })
        .ok_or_else(|| Error::credential("AzureCliCredential: no expiry in the CLI output"))?;
        Ok(AccessToken::new(token, expires_on))
    }
}

impl TokenCredential for AzureCliCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(self.fetch(scopes))
    }
    fn name(&self) -> &'static str {
        "AzureCliCredential"
    }
}
