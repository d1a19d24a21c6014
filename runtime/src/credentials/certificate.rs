//! [`ClientCertificateCredential`]: the client-credentials grant with a client assertion JWT
//! signed by the certificate's RSA key (RS256 or PS256), from a PEM or PKCS#12 file. The
//! signing, hashing and file formats are ring's, rustls-pki-types' and p12-keystore's.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ring::signature::RsaKeyPair;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::json;
use time::OffsetDateTime;
use url::Url;

use super::assertion::AssertionSource;
use super::entra::{ClientAuth, Confidential};
use super::oauth::{entra_app_builders, EntraApp};
use super::{AccessToken, BoxFuture, TokenCredential};
use crate::error::{Error, Result};
use crate::Secret;

const NAME: &str = "ClientCertificateCredential";

/// How long a client assertion is valid; a fresh one is signed for every token request.
const ASSERTION_LIFETIME: time::Duration = time::Duration::minutes(10);

/// The JWS algorithm of the client assertion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SigningAlgorithm {
    /// RSASSA-PSS with SHA-256 (what Entra ID recommends); the header names the certificate
    /// by `x5t#S256`.
    #[default]
    Ps256,
    /// RSASSA-PKCS1-v1_5 with SHA-256; the header carries `x5t` (SHA-1 thumbprint) as well as
    /// `x5t#S256`, for authorities that only read the former.
    Rs256,
}

impl SigningAlgorithm {
    fn jws_name(self) -> &'static str {
        match self {
            SigningAlgorithm::Ps256 => "PS256",
            SigningAlgorithm::Rs256 => "RS256",
        }
    }

    fn padding(self) -> &'static dyn ring::signature::RsaEncoding {
        match self {
            SigningAlgorithm::Ps256 => &ring::signature::RSA_PSS_SHA256,
            SigningAlgorithm::Rs256 => &ring::signature::RSA_PKCS1_SHA256,
        }
    }
}

/// The key and the certificates that go with it.
#[derive(Clone)]
struct CertificateSigner {
    key: Arc<RsaKeyPair>,
    /// DER: the certificate of `key` first, then the rest of the file's chain.
    chain: Arc<[Vec<u8>]>,
    algorithm: SigningAlgorithm,
    send_chain: bool,
}

fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

impl CertificateSigner {
    /// From a private key (PKCS#8 or PKCS#1 DER) and certificates in any order; `source` says
    /// where they came from, for errors.
    fn new(source: &str, key: Key<'_>, certs: Vec<Vec<u8>>) -> Result<Self> {
        let fail = |m: String| Error::credential(format!("{NAME}: {source}: {m}"));
        let key = match key {
            Key::Pkcs8(der) => RsaKeyPair::from_pkcs8(der),
            Key::Pkcs1(der) => RsaKeyPair::from_der(der),
        }
        .map_err(|e| {
            fail(format!(
                "the private key is not a usable RSA key ({e}; keys of 2048 to 8192 bits are)"
            ))
        })?;
        let public = key.public().as_ref();
        let matches = |der: &Vec<u8>| {
            x509_parser::parse_x509_certificate(der)
                .map(|(_, c)| c.public_key().subject_public_key.data.as_ref() == public)
                .unwrap_or(false)
        };
        let Some(leaf) = certs.iter().position(matches) else {
            return Err(fail(if certs.is_empty() {
                "no certificate found".to_string()
            } else {
                format!(
                    "none of its {} certificate(s) is for its private key",
                    certs.len()
                )
            }));
        };
        let mut chain = certs;
        chain.swap(0, leaf);
        Ok(CertificateSigner {
            key: Arc::new(key),
            chain: chain.into(),
            algorithm: SigningAlgorithm::default(),
            send_chain: false,
        })
    }

    /// `x5t#S256`: the certificate's SHA-256 thumbprint, base64url.
    fn thumbprint_sha256(&self) -> String {
        b64url(ring::digest::digest(&ring::digest::SHA256, &self.chain[0]).as_ref())
    }

    /// The signed JWT: header `alg`, `typ`, `x5t#S256` (and `x5t`, `x5c` when asked); claims
    /// `aud` (the token endpoint), `iss` = `sub` = client id, `jti`, `nbf`, `iat`, `exp`.
    fn sign(&self, what: &str, audience: &Url, client_id: &str) -> Result<Secret> {
        let mut header = json!({
            "alg": self.algorithm.jws_name(),
            "typ": "JWT",
            "x5t#S256": self.thumbprint_sha256(),
        });
        if self.algorithm == SigningAlgorithm::Rs256 {
            let sha1 =
                ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &self.chain[0]);
            header["x5t"] = b64url(sha1.as_ref()).into();
        }
        if self.send_chain {
            header["x5c"] = self.chain.iter().map(|c| STANDARD.encode(c)).collect();
        }
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let claims = json!({
            "aud": audience.as_str(),
            "iss": client_id,
            "sub": client_id,
            "jti": uuid::Uuid::new_v4().to_string(),
            "nbf": now,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME.whole_seconds(),
        });
        let signing_input = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(claims.to_string().as_bytes())
        );
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key
            .sign(
                self.algorithm.padding(),
                &ring::rand::SystemRandom::new(),
                signing_input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| {
                Error::credential(format!("{what}: signing the client assertion failed"))
            })?;
        Ok(Secret::new(format!(
            "{signing_input}.{}",
            b64url(&signature)
        )))
    }
}

impl AssertionSource for CertificateSigner {
    fn assertion<'a>(
        &'a self,
        what: &'a str,
        audience: &'a Url,
        client_id: &'a str,
    ) -> BoxFuture<'a, Result<Secret>> {
        Box::pin(async move { self.sign(what, audience, client_id) })
    }
}

enum Key<'a> {
    Pkcs8(&'a [u8]),
    Pkcs1(&'a [u8]),
}

/// Entra ID client-credentials grant for a service principal with a certificate: every token
/// request carries a fresh client assertion JWT signed with the certificate's RSA key
/// (PS256 by default, or RS256), naming the certificate by its SHA-256 thumbprint
/// (`x5t#S256`). The certificate and key come from a PEM file (a `CERTIFICATE` and an
/// unencrypted `PRIVATE KEY` or `RSA PRIVATE KEY` block, as `az ad sp create-for-rbac
/// --create-cert` writes) or a PKCS#12 (`.pfx`/`.p12`) file with its password.
///
/// ```no_run
/// use apigen_runtime::credentials::{ClientCertificateCredential, SigningAlgorithm};
/// # fn f() -> apigen_runtime::Result<()> {
/// let c = ClientCertificateCredential::from_file("tenant", "client-id", "/etc/app/sp.pem", None)?
///     .with_algorithm(SigningAlgorithm::Rs256);
/// let p = ClientCertificateCredential::from_file("tenant", "client-id", "/etc/app/sp.pfx", Some("pfx password"))?
///     .with_certificate_chain(true); // x5c, for subject name + issuer authentication
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientCertificateCredential {
    app: EntraApp,
    signer: Arc<CertificateSigner>,
}

impl fmt::Debug for ClientCertificateCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(NAME)
            .field("tenant_id", &self.app.tenant_id)
            .field("client_id", &self.app.client_id)
            .field("x5t#S256", &self.signer.thumbprint_sha256())
            .field("algorithm", &self.signer.algorithm)
            .field("authority_host", &self.app.authority_host.as_str())
            .finish_non_exhaustive()
    }
}

impl ClientCertificateCredential {
    /// From PEM text holding the certificate (and possibly its chain) and its private key.
    pub fn from_pem(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        pem: impl AsRef<[u8]>,
    ) -> Result<Self> {
        Self::from_pem_named(tenant_id, client_id, pem.as_ref(), "PEM data")
    }

    /// From PKCS#12 (`.pfx`/`.p12`) bytes and their password (`""` when there is none).
    pub fn from_pkcs12(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        der: impl AsRef<[u8]>,
        password: &str,
    ) -> Result<Self> {
        Self::from_pkcs12_named(tenant_id, client_id, der.as_ref(), password, "PKCS#12 data")
    }

    /// From a PEM file, or a PKCS#12 file (anything that does not start with `-----BEGIN`)
    /// with `password`.
    pub fn from_file(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        path: impl AsRef<Path>,
        password: Option<&str>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let source = format!("certificate file {}", path.display());
        let bytes = std::fs::read(path)
            .map_err(|e| Error::credential(format!("{NAME}: cannot read {source}: {e}")))?;
        if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            Self::from_pem_named(tenant_id, client_id, &bytes, &source)
        } else {
            let password = password.unwrap_or("");
            Self::from_pkcs12_named(tenant_id, client_id, &bytes, password, &source)
        }
    }

    fn from_pem_named(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        pem: &[u8],
        source: &str,
    ) -> Result<Self> {
        let certs = CertificateDer::pem_slice_iter(pem)
            .map(|c| c.map(|c| c.as_ref().to_vec()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| {
                Error::credential(format!("{NAME}: {source}: malformed PEM certificate: {e}"))
            })?;
        // The PEM parser's errors may quote the text, so they are not repeated here.
        let key = PrivateKeyDer::from_pem_slice(pem).map_err(|_| {
            Error::credential(format!(
                "{NAME}: {source}: no unencrypted private key (a `PRIVATE KEY` or `RSA PRIVATE KEY` block)"
            ))
        })?;
        let key = match &key {
            PrivateKeyDer::Pkcs8(k) => Key::Pkcs8(k.secret_pkcs8_der()),
            PrivateKeyDer::Pkcs1(k) => Key::Pkcs1(k.secret_pkcs1_der()),
            _ => {
                return Err(Error::credential(format!(
                    "{NAME}: {source}: the private key is not an RSA key"
                )))
            }
        };
        let signer = CertificateSigner::new(source, key, certs)?;
        Ok(Self::with_signer(tenant_id, client_id, signer))
    }

    fn from_pkcs12_named(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        der: &[u8],
        password: &str,
        source: &str,
    ) -> Result<Self> {
        let store = p12_keystore::KeyStore::from_pkcs12(
            der,
            password,
            p12_keystore::Pkcs12ImportPolicy::Strict,
        )
        .map_err(|e| {
            Error::credential(format!(
                "{NAME}: {source}: cannot open it as PKCS#12 (wrong password, or not a PKCS#12 file): {e}"
            ))
        })?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(Error::credential(format!(
                "{NAME}: {source}: the PKCS#12 file holds no private key with its certificate"
            )));
        };
        let certs = chain.certs().iter().map(|c| c.as_der().to_vec()).collect();
        let signer = CertificateSigner::new(source, Key::Pkcs8(chain.key().as_der()), certs)?;
        Ok(Self::with_signer(tenant_id, client_id, signer))
    }

    fn with_signer(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        signer: CertificateSigner,
    ) -> Self {
        ClientCertificateCredential {
            app: EntraApp::new(tenant_id, client_id),
            signer: Arc::new(signer),
        }
    }

    /// Sign with this algorithm (default [`SigningAlgorithm::Ps256`]).
    pub fn with_algorithm(mut self, algorithm: SigningAlgorithm) -> Self {
        Arc::make_mut(&mut self.signer).algorithm = algorithm;
        self
    }

    /// Send the certificate chain in the `x5c` header (needed for subject name and issuer
    /// authentication; off by default).
    pub fn with_certificate_chain(mut self, send: bool) -> Self {
        Arc::make_mut(&mut self.signer).send_chain = send;
        self
    }

    /// The certificate's SHA-256 thumbprint as the assertion names it (`x5t#S256`, base64url).
    pub fn thumbprint(&self) -> String {
        self.signer.thumbprint_sha256()
    }
}

entra_app_builders!(ClientCertificateCredential, app);

impl TokenCredential for ClientCertificateCredential {
    fn get_token<'a>(&'a self, scopes: &'a [&'a str]) -> BoxFuture<'a, Result<AccessToken>> {
        Box::pin(async move {
            let grant = Confidential {
                app: self.app.clone(),
                auth: ClientAuth::Assertion(self.signer.clone()),
            };
            grant.get_token(NAME, scopes).await
        })
    }
    fn name(&self) -> &'static str {
        NAME
    }
}
