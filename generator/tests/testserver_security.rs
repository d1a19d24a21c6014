//! The AutoRest test server's security swaggers (`security-key.json`, `security-aad.json` of
//! `@microsoft.azure/autorest.testserver` 3.3.51) generate clients with the right builder
//! calls: the API key scheme as `.azure_key(…)` sending the `security-key` header, and the
//! Entra ID scheme as the runtime's `credential` with the requirement's scope.
//!
//! The package is the one the test-server harness caches in `~/.cache/apigen`; the swaggers
//! are unpacked into a scratch directory outside the repository. Without the package the test
//! says so and passes (the harness run installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use apigen::ir::{ApiKeyLocation, SecuritySchemeKind};

const PACKAGE: &str = "microsoft.azure-autorest.testserver-3.3.51.tgz";

fn package() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let path = Path::new(&home).join(".cache/apigen").join(PACKAGE);
    path.exists().then_some(path)
}

/// The swaggers, unpacked into a fresh scratch directory.
fn unpack(tgz: &Path, names: &[&str]) -> PathBuf {
    let scratch =
        std::env::temp_dir().join(format!("apigen-testserver-security-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let members: Vec<String> = names
        .iter()
        .map(|n| format!("package/swagger/{n}"))
        .collect();
    let status = Command::new("tar")
        .arg("xzf")
        .arg(tgz)
        .arg("-C")
        .arg(&scratch)
        .args(&members)
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar failed on {}", tgz.display());
    scratch.join("package/swagger")
}

fn generate(path: &Path) -> apigen::Output {
    // The package's swaggers start with a byte-order mark; that is the loader's business
    // (issue 12), not what this test checks, so the copy here has none.
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, text.trim_start_matches('\u{feff}')).unwrap();
    let mut config = common::config(&[]);
    config.inputs = vec![path.to_path_buf()];
    config.load.allow_ref_roots = vec![path.parent().unwrap().to_path_buf()];
    apigen::generate(&config).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn security_swaggers_generate_their_builder_calls() {
    let Some(tgz) = package() else {
        eprintln!(
            "skipped: ~/.cache/apigen/{PACKAGE} is not there (the test-server harness installs it)"
        );
        return;
    };
    let dir = unpack(&tgz, &["security-key.json", "security-aad.json"]);

    let key = generate(&dir.join("security-key.json"));
    let s = &key.api.security_schemes;
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].name.as_str(), s[0].method.as_str()),
        ("AzureKey", "azure_key")
    );
    assert_eq!(
        s[0].kind,
        SecuritySchemeKind::ApiKey {
            location: ApiKeyLocation::Header,
            param: "security-key".into()
        }
    );
    let code = common::code(&key);
    assert!(code.contains("fn azure_key(self, key: impl Into<runtime::Secret>) -> Self;"));
    assert!(code.contains(".security(&[&[\"AzureKey\"]])"));

    let aad = generate(&dir.join("security-aad.json"));
    let s = &aad.api.security_schemes;
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].name.as_str(), &s[0].kind),
        (
            "AADToken",
            &SecuritySchemeKind::EntraId {
                scope: Some("https://security.microsoft.com/.default".into())
            }
        )
    );
    let code = common::code(&aad);
    // Entra ID: no extra builder call; `.credential(…)` with the spec's scope.
    assert!(code.contains(".scope(\"https://security.microsoft.com/.default\")"));
    assert!(!code.contains("trait Authentication"));
    let _ = std::fs::remove_dir_all(dir.parent().unwrap().parent().unwrap());
}
