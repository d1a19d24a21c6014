//! [`TokenCache`]: the opt-in file that keeps a signed-in user's refresh and access tokens
//! between runs, so that a second run does not ask the user again.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::AccessToken;
use crate::Secret;

/// What the file says it is; a file without it is someone else's and is not read.
const FORMAT: &str = "apigen-token-cache";
const VERSION: u32 = 1;

/// A file of refresh and access tokens for [`AuthorizationCodeCredential`] and
/// [`DeviceCodeCredential`], keyed by authority, tenant, client id and scopes. Off unless a
/// credential is given one with `with_token_cache`.
///
/// - On Unix the file is written with mode `0600` (its folder, when created, `0700`), by
///   writing a new file and renaming it over the old, so a reader never sees half a file. A
///   cache file that others may read or write is not trusted: it is ignored, with a warning,
///   and replaced on the next save. On Windows the file gets the folder's permissions; put it
///   in your profile (see [`in_user_cache_dir`](Self::in_user_cache_dir)).
/// - A file that is not JSON, or not this cache's format, is ignored with a `tracing` warning
///   (never an error or a panic) and replaced on the next save.
/// - Refresh tokens are tried for other scopes of the same app too, as Entra ID's refresh
///   tokens are valid for any resource the user consented to.
/// - Writers in one process take turns; two processes saving at the same moment may lose one
///   of the two updates (the next sign-in writes it again).
///
/// [`AuthorizationCodeCredential`]: super::AuthorizationCodeCredential
/// [`DeviceCodeCredential`]: super::DeviceCodeCredential
///
/// ```
/// use apigen_runtime::credentials::TokenCache;
/// let cache = TokenCache::file("/home/me/.cache/my-tool/tokens.json");
/// assert!(cache.path().ends_with("tokens.json"));
/// ```
#[derive(Clone)]
pub struct TokenCache {
    path: Arc<PathBuf>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TokenCache").field(&self.path).finish()
    }
}

/// Which tokens an entry holds: one app (authority, tenant, client) and one set of scopes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CacheKey {
    pub(crate) authority: String,
    pub(crate) tenant: String,
    pub(crate) client_id: String,
    /// Sorted and space-separated.
    pub(crate) scopes: String,
}

impl CacheKey {
    fn same_app(&self, e: &Entry) -> bool {
        e.authority == self.authority && e.tenant == self.tenant && e.client_id == self.client_id
    }
    fn is(&self, e: &Entry) -> bool {
        self.same_app(e) && e.scopes == self.scopes
    }
}

/// What the cache holds for a key.
#[derive(Clone, Debug, Default)]
pub(crate) struct CachedTokens {
    pub(crate) access: Option<AccessToken>,
    pub(crate) refresh: Option<Secret>,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    authority: String,
    tenant: String,
    client_id: String,
    scopes: String,
    access_token: Option<Secret>,
    /// Unix seconds.
    expires_on: Option<i64>,
    refresh_token: Option<Secret>,
}

impl Entry {
    fn access(&self) -> Option<AccessToken> {
        let token = self.access_token.clone()?;
        let expires_on = OffsetDateTime::from_unix_timestamp(self.expires_on?).ok()?;
        Some(AccessToken::new(token, expires_on))
    }
    fn is_useful(&self, now: OffsetDateTime) -> bool {
        self.refresh_token.is_some() || self.access().is_some_and(|t| t.expires_on > now)
    }
}

/// One writer at a time in this process (the read-modify-write of the file).
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl TokenCache {
    /// Tokens in this file (created on the first save).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        TokenCache {
            path: Arc::new(path.into()),
        }
    }

    /// `apigen/token-cache.json` in the user's cache folder: `%LOCALAPPDATA%` on Windows,
    /// `~/Library/Caches` on macOS, else `$XDG_CACHE_HOME` or `~/.cache`. `None` when the
    /// environment names no such folder.
    pub fn in_user_cache_dir() -> Option<Self> {
        let env = |n: &str| super::process_env(n).map(PathBuf::from);
        let dir = if cfg!(windows) {
            env("LOCALAPPDATA")
        } else if cfg!(target_os = "macos") {
            env("HOME").map(|h| h.join("Library/Caches"))
        } else {
            env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
        }?;
        Some(Self::file(dir.join("apigen").join("token-cache.json")))
    }

    /// Where the tokens are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key's tokens; a refresh token from another entry of the same app when the key's
    /// own entry has none.
    pub(crate) async fn load(&self, key: &CacheKey) -> CachedTokens {
        let entries = self.read_entries().await;
        let own = entries.iter().find(|e| key.is(e));
        let refresh = own.and_then(|e| e.refresh_token.clone()).or_else(|| {
            entries
                .iter()
                .filter(|e| key.same_app(e))
                .find_map(|e| e.refresh_token.clone())
        });
        CachedTokens {
            access: own.and_then(Entry::access),
            refresh,
        }
    }

    /// Replace the key's entry (`None`: remove it). Failures are logged, never returned: a
    /// token that could not be saved is still a token.
    pub(crate) async fn save(&self, key: &CacheKey, tokens: Option<&CachedTokens>) {
        let entry = tokens.map(|t| Entry {
            authority: key.authority.clone(),
            tenant: key.tenant.clone(),
            client_id: key.client_id.clone(),
            scopes: key.scopes.clone(),
            access_token: t.access.as_ref().map(|a| a.token.clone()),
            expires_on: t.access.as_ref().map(|a| a.expires_on.unix_timestamp()),
            refresh_token: t.refresh.clone(),
        });
        let key = key.clone();
        let path = self.path.clone();
        let written = tokio::task::spawn_blocking(move || {
            let _turn = WRITING.lock().unwrap_or_else(|p| p.into_inner());
            let now = OffsetDateTime::now_utc();
            let (mut entries, ignored) = read_file(&path);
            entries.retain(|e| !key.is(e) && e.is_useful(now));
            entries.extend(entry);
            (ignored, write_file(&path, &entries))
        })
        .await;
        let path = self.path.display();
        match written {
            Ok((ignored, result)) => {
                if let Some(why) = ignored {
                    warn_ignored(&self.path, &why);
                }
                match result {
                    Ok(()) => tracing::debug!(path = %path, "token cache saved"),
                    Err(e) => tracing::warn!(path = %path, error = %e, "token cache not saved"),
                }
            }
            Err(e) => tracing::warn!(path = %path, error = %e, "token cache not saved"),
        }
    }

    async fn read_entries(&self) -> Vec<Entry> {
        let path = self.path.clone();
        let (entries, ignored) = tokio::task::spawn_blocking(move || read_file(&path))
            .await
            .unwrap_or_default();
        if let Some(why) = ignored {
            warn_ignored(&self.path, &why);
        }
        entries
    }
}

// Warnings are logged by the async callers, not on the blocking thread, so that they reach
// the caller's subscriber.
fn warn_ignored(path: &Path, why: &str) {
    tracing::warn!(path = %path.display(), "ignoring the token cache file: {why}; it is replaced on the next save");
}

/// The file's entries, or none and why (missing is no reason to warn): unreadable, open to
/// others, corrupt or someone else's.
fn read_file(path: &Path) -> (Vec<Entry>, Option<String>) {
    let ignore = |why: String| (Vec::new(), Some(why));
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), None),
        Err(e) => return ignore(format!("cannot read it ({e})")),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                return ignore(format!(
                    "its mode is {mode:o}, so other users may read or change it (0600 expected)"
                ));
            }
        }
    }
    // Only the position of a parse error is quoted: serde's messages can quote the file's
    // text, and the file is full of tokens.
    let v: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            return ignore(format!(
                "it is not JSON (line {} column {})",
                e.line(),
                e.column()
            ))
        }
    };
    if v.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return ignore(format!(
            "it is not a token cache (no \"format\": \"{FORMAT}\")"
        ));
    }
    match serde_json::from_value::<CacheFile>(v) {
        Ok(f) if f.version == VERSION => (f.entries, None),
        Ok(f) => ignore(format!(
            "it is version {} of the format; this program reads version {VERSION}",
            f.version
        )),
        Err(_) => ignore("its entries are not in the expected shape".to_string()),
    }
}

fn write_file(path: &Path, entries: &[Entry]) -> std::io::Result<()> {
    let file = CacheFile {
        format: FORMAT.to_string(),
        version: VERSION,
        entries: entries.to_vec(),
    };
    let text = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "token-cache".to_string());
    let tmp = dir.join(format!(
        ".{name}.{}.{:016x}.tmp",
        std::process::id(),
        rand::random::<u64>()
    ));
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
    let result = (|| {
        let mut f = open.open(&tmp)?;
        f.write_all(&text)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
