//! Client certificate and client assertion credentials against a loopback token endpoint
//! that verifies the assertion: its signature against the certificate (webpki), its header
//! (`alg`, `x5t#S256`) and its claims (`aud`, `iss`, `sub`, `exp`, `nbf`, `jti`). Keys and
//! certificates are the test-only ones in `tests/data/` (see its README).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use apigen_runtime::credentials::{
    AzurePipelinesCredential, ClientAssertionCredential, ClientCertificateCredential,
    EnvironmentCredential, SigningAlgorithm, TokenCredential,
};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use common::*;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use serde_json::{json, Value};

const ARM: &str = "https://management.azure.com/.default";
const TENANT: &str = "my-tenant";
const CLIENT: &str = "my-client-id";
/// `x5t#S256` and `x5t` of `tests/data/cert.crt`, as OpenSSL computes them (data/README.md).
const X5T_S256: &str = "38K_1LWeIzOeMBkgTORQlO3q-3P_5vrKAt8VtzusV5c";
const X5T_SHA1: &str = "VLfcdzK9XKpa0m7UWer7PNnH3sU";

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn cert_der() -> Vec<u8> {
    CertificateDer::from_pem_file(data("cert.crt"))
        .unwrap()
        .as_ref()
        .to_vec()
}

fn form(r: &Recorded) -> HashMap<String, String> {
    url::form_urlencoded::parse(&r.body).into_owned().collect()
}

fn decode_part(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

/// What a real authority checks of a client assertion; `Err` says what is wrong.
fn verify_assertion(jwt: &str, audience: &str) -> Result<(Value, Value), String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [h, c, s] = parts[..] else {
        return Err(format!("{} parts, not 3", parts.len()));
    };
    let (header, claims) = (decode_part(h), decode_part(c));
    let alg: &dyn rustls_pki_types::SignatureVerificationAlgorithm = match header["alg"].as_str() {
        Some("PS256") => webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        Some("RS256") => webpki::ring::RSA_PKCS1_2048_8192_SHA256,
        other => return Err(format!("alg {other:?}")),
    };
    let der = CertificateDer::from(cert_der());
    let cert = webpki::EndEntityCert::try_from(&der).map_err(|e| e.to_string())?;
    let signature = URL_SAFE_NO_PAD.decode(s).map_err(|e| e.to_string())?;
    cert.verify_signature(alg, format!("{h}.{c}").as_bytes(), &signature)
        .map_err(|e| format!("signature: {e}"))?;
    if header["typ"] != "JWT" || header["x5t#S256"] != X5T_S256 {
        return Err(format!("header {header}"));
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let num = |k: &str| claims[k].as_i64().ok_or(format!("no {k}"));
    if claims["aud"] != audience {
        return Err(format!("aud {} is not {audience}", claims["aud"]));
    }
    if claims["iss"] != CLIENT || claims["sub"] != CLIENT {
        return Err(format!("iss/sub {claims}"));
    }
    if !(now < num("exp")? && num("exp")? <= now + 3600) || num("nbf")? > now + 5 {
        return Err(format!("times {claims}"));
    }
    if claims["jti"].as_str().is_none_or(|j| j.len() < 16) {
        return Err("no jti".into());
    }
    Ok((header, claims))
}

/// A token endpoint that accepts only verified assertions with a jti it has not seen.
struct Authority {
    server: TestServer,
    headers: Arc<Mutex<Vec<Value>>>,
}

async fn authority() -> Authority {
    let headers = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let url = Arc::new(Mutex::new(String::new()));
    let (h2, u2) = (headers.clone(), url.clone());
    let server = serve(move |r| {
        let (headers, seen, url) = (h2.clone(), seen.clone(), u2.clone());
        async move {
            let f = form(&r);
            let audience = format!("{}/{TENANT}/oauth2/v2.0/token", url.lock().unwrap());
            let checked = (|| {
                if f.get("grant_type").map(String::as_str) != Some("client_credentials")
                    || f.get("client_assertion_type").map(String::as_str)
                        != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    || f.contains_key("client_secret")
                {
                    return Err(format!("form {f:?}"));
                }
                let (header, claims) =
                    verify_assertion(f.get("client_assertion").ok_or("no assertion")?, &audience)?;
                if !seen.lock().unwrap().insert(claims["jti"].to_string()) {
                    return Err("jti replayed".to_string());
                }
                headers.lock().unwrap().push(header);
                Ok(())
            })();
            match checked {
                Ok(()) => json(
                    200,
                    json!({"token_type": "Bearer", "expires_in": 3600, "access_token": "cert-token"}),
                ),
                Err(why) => json(
                    401,
                    json!({"error": "invalid_client", "error_description": format!("AADSTS700027: {why}")}),
                ),
            }
        }
    })
    .await;
    *url.lock().unwrap() = server.url.clone();
    Authority { server, headers }
}

async fn token_from(cred: ClientCertificateCredential, auth: &Authority) -> String {
    let cred = cred.with_authority_host(&auth.server.url).unwrap();
    let t = cred.get_token(&[ARM]).await.unwrap();
    t.token.expose().to_string()
}

#[tokio::test]
async fn pem_ps256_assertion_is_signed_by_the_certificate_key_and_fresh_per_request() {
    let auth = authority().await;
    let cred = ClientCertificateCredential::from_file(TENANT, CLIENT, data("cert.pem"), None)
        .unwrap()
        .with_authority_host(&auth.server.url)
        .unwrap();
    assert_eq!(cred.thumbprint(), X5T_S256);
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "cert-token"
    );
    // A second request signs a new assertion (the server refuses a replayed jti).
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "cert-token"
    );
    let reqs = auth.server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].path(), format!("/{TENANT}/oauth2/v2.0/token"));
    let f = form(&reqs[0]);
    assert_eq!(
        (f["client_id"].as_str(), f["scope"].as_str()),
        (CLIENT, ARM)
    );
    assert_ne!(f["client_assertion"], form(&reqs[1])["client_assertion"]);
    let headers = auth.headers.lock().unwrap().clone();
    assert_eq!(headers[0]["alg"], "PS256");
    assert!(headers[0].get("x5t").is_none() && headers[0].get("x5c").is_none());

    // The check is real: a tampered signature or a wrong audience is refused.
    let jwt = &f["client_assertion"];
    let audience = format!("{}/{TENANT}/oauth2/v2.0/token", auth.server.url);
    let (head, sig) = jwt.rsplit_once('.').unwrap();
    let mut bad = URL_SAFE_NO_PAD.decode(sig).unwrap();
    bad[0] ^= 1;
    let tampered = format!("{head}.{}", URL_SAFE_NO_PAD.encode(bad));
    assert!(verify_assertion(&tampered, &audience)
        .unwrap_err()
        .contains("signature"));
    assert!(verify_assertion(jwt, "https://elsewhere/token")
        .unwrap_err()
        .contains("aud"));
}

#[tokio::test]
async fn rs256_carries_the_sha1_thumbprint_too_and_pkcs1_keys_work() {
    let auth = authority().await;
    let pem = std::fs::read(data("cert-pkcs1.pem")).unwrap();
    let cred = ClientCertificateCredential::from_pem(TENANT, CLIENT, pem)
        .unwrap()
        .with_algorithm(SigningAlgorithm::Rs256);
    assert_eq!(token_from(cred, &auth).await, "cert-token");
    let header = auth.headers.lock().unwrap()[0].clone();
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["x5t"], X5T_SHA1);
}

#[tokio::test]
async fn pkcs12_files_modern_and_legacy_open_with_their_password() {
    let auth = authority().await;
    for file in ["cert.pfx", "cert-legacy.pfx"] {
        let cred = ClientCertificateCredential::from_file(
            TENANT,
            CLIENT,
            data(file),
            Some("test-password"),
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(cred.thumbprint(), X5T_S256, "{file}");
        assert_eq!(token_from(cred, &auth).await, "cert-token", "{file}");
    }
    let bytes = std::fs::read(data("cert.pfx")).unwrap();
    let e = ClientCertificateCredential::from_pkcs12(TENANT, CLIENT, &bytes, "wrong-password-xyz")
        .unwrap_err()
        .to_string();
    assert!(e.contains("wrong password"), "{e}");
    assert!(!e.contains("wrong-password-xyz"), "{e}");
}

#[tokio::test]
async fn certificate_chain_goes_in_x5c_when_asked() {
    let auth = authority().await;
    let cred = ClientCertificateCredential::from_file(TENANT, CLIENT, data("cert.pem"), None)
        .unwrap()
        .with_certificate_chain(true);
    token_from(cred, &auth).await;
    let header = auth.headers.lock().unwrap()[0].clone();
    assert_eq!(header["x5c"], json!([STANDARD.encode(cert_der())]));
}

#[test]
fn unusable_files_get_errors_that_say_which_file_and_why() {
    for (file, why) in [
        ("mismatched.pem", "is for its private key"),
        ("small-key.pem", "not a usable RSA key"),
        ("cert.crt", "no unencrypted private key"),
        ("missing.pem", "cannot read"),
    ] {
        let e = ClientCertificateCredential::from_file(TENANT, CLIENT, data(file), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains(file) && e.contains(why), "{e}");
    }
    let e = ClientCertificateCredential::from_pkcs12(TENANT, CLIENT, b"not pkcs12", "")
        .unwrap_err()
        .to_string();
    assert!(e.contains("PKCS#12"), "{e}");
}

#[tokio::test]
async fn keys_and_assertions_stay_out_of_debug_and_errors() {
    // An authority that echoes the assertion it was sent in its error.
    let srv = serve(|r| async move {
        let echoed = form(&r)["client_assertion"].clone();
        json(
            400,
            json!({"error": "invalid_request", "error_description": format!("bad assertion {echoed}")}),
        )
    })
    .await;
    let pem = std::fs::read_to_string(data("cert.pem")).unwrap();
    let cred = ClientCertificateCredential::from_pem(TENANT, CLIENT, &pem)
        .unwrap()
        .with_authority_host(&srv.url)
        .unwrap();
    let debug = format!("{cred:?}");
    let key_line = pem.lines().nth(1).unwrap();
    assert!(
        !debug.contains(key_line) && debug.contains(X5T_S256),
        "{debug}"
    );
    let e = cred.get_token(&[ARM]).await.unwrap_err().to_string();
    let sent = form(&srv.last())["client_assertion"].clone();
    assert!(e.contains("bad assertion ***"), "{e}");
    assert!(!e.contains(&sent[..40]), "{e}");
}

#[tokio::test]
async fn client_assertion_credential_asks_its_callback_for_every_request() {
    let srv = serve(|r| async move {
        let f = form(&r);
        json(
            200,
            json!({"expires_in": 3600, "access_token": format!("for-{}", f["client_assertion"])}),
        )
    })
    .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let c2 = calls.clone();
    let cred = ClientAssertionCredential::new(TENANT, CLIENT, move || {
        let n = c2.fetch_add(1, Ordering::SeqCst);
        async move { Ok::<_, String>(format!("federated-{n}")) }
    })
    .with_authority_host(&srv.url)
    .unwrap();
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "for-federated-0"
    );
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "for-federated-1"
    );
    let f = form(&srv.last());
    assert_eq!(
        f["client_assertion_type"],
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert_eq!(f["grant_type"], "client_credentials");

    let failing = ClientAssertionCredential::new(TENANT, CLIENT, || async {
        Err::<String, _>("the CI has no OIDC token")
    })
    .with_authority_host(&srv.url)
    .unwrap();
    let e = failing.get_token(&[ARM]).await.unwrap_err().to_string();
    assert!(
        e.contains("ClientAssertionCredential") && e.contains("the CI has no OIDC token"),
        "{e}"
    );
    assert_eq!(srv.hits(), 2, "no request without an assertion");
}

#[tokio::test]
async fn environment_credential_takes_a_certificate_file() {
    let auth = authority().await;
    let pfx = data("cert.pfx").display().to_string();
    let env = |pfx: String, url: String| {
        move |name: &str| match name {
            "AZURE_TENANT_ID" => Some(TENANT.to_string()),
            "AZURE_CLIENT_ID" => Some(CLIENT.to_string()),
            "AZURE_CLIENT_CERTIFICATE_PATH" => Some(pfx.clone()),
            "AZURE_CLIENT_CERTIFICATE_PASSWORD" => Some("test-password".to_string()),
            "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN" => Some("true".to_string()),
            "AZURE_AUTHORITY_HOST" => Some(url.clone()),
            _ => None,
        }
    };
    let cred = EnvironmentCredential::from_lookup(&env(pfx, auth.server.url.clone()));
    assert!(cred.is_configured());
    assert_eq!(
        cred.get_token(&[ARM]).await.unwrap().token.expose(),
        "cert-token"
    );
    assert!(auth.headers.lock().unwrap()[0].get("x5c").is_some());

    let missing =
        EnvironmentCredential::from_lookup(&env("/nope.pfx".into(), auth.server.url.clone()));
    let e = missing.get_token(&[ARM]).await.unwrap_err().to_string();
    assert!(
        e.contains("AZURE_CLIENT_CERTIFICATE_PATH") && e.contains("/nope.pfx"),
        "{e}"
    );
}

#[tokio::test]
async fn azure_pipelines_credential_uses_the_service_connection_oidc_token() {
    let srv = serve(|r| async move {
        if r.path() == "/oidc" {
            if r.header("authorization") != Some("Bearer system-access-token-1") {
                return json(
                    401,
                    json!({"error": "unauthorized", "error_description": format!("bad {}", r.header("authorization").unwrap_or(""))}),
                );
            }
            assert_eq!(r.query_value("serviceConnectionId").as_deref(), Some("sc-1"));
            assert_eq!(r.query_value("api-version").as_deref(), Some("7.1"));
            return json(200, json!({"oidcToken": "pipeline-oidc-jwt"}));
        }
        let f = form(&r);
        json(
            200,
            json!({"expires_in": 3600, "access_token": format!("for-{}", f["client_assertion"])}),
        )
    })
    .await;
    let oidc = format!("{}/oidc", srv.url);
    let cred = AzurePipelinesCredential::new(TENANT, CLIENT, "sc-1", "system-access-token-1")
        .with_authority_host(&srv.url)
        .unwrap()
        .with_oidc_request_uri(&oidc);
    assert!(!format!("{cred:?}").contains("system-access-token"));
    let t = cred.get_token(&[ARM]).await.unwrap();
    assert_eq!(t.token.expose(), "for-pipeline-oidc-jwt");
    assert_eq!(srv.last().path(), format!("/{TENANT}/oauth2/v2.0/token"));

    let refused = AzurePipelinesCredential::new(TENANT, CLIENT, "sc-1", "wrong-system-token")
        .with_oidc_request_uri(&oidc)
        .with_authority_host(&srv.url)
        .unwrap();
    let e = refused.get_token(&[ARM]).await.unwrap_err().to_string();
    assert!(
        e.contains("AzurePipelinesCredential: no client assertion: the Azure Pipelines OIDC endpoint: HTTP 401"),
        "{e}"
    );
    assert!(
        e.contains("bad Bearer ***") && !e.contains("wrong-system-token"),
        "{e}"
    );
}
