//! The sandbox's own signing identity: an RSA key and a self-signed certificate named like
//! ANAF's seal, generated on first start into the data dir (key mode 0600). The same key
//! signs the answer zips and the RS512 JWTs.

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, PKCS_RSA_SHA256};
use rsa::PrivateKey as RsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
// The OS random source in the `rand_core` generation rsa 0.10 takes (`rand::thread_rng` is an
// older one), reached through rsa's own dependencies rather than a crate of our own.
use rsa::sha2::digest::common::getrandom::SysRng;
use std::path::Path;

/// The key size the sandbox has always generated (ANAF's seal is RSA 2048 too).
const KEY_BITS: usize = 2048;

pub const KEY_FILE: &str = "sandbox-key.pem";
pub const CERT_FILE: &str = "sandbox-cert.pem";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key file I/O at {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("RSA key: {0}")]
    Rsa(String),
    #[error("certificate generation: {0}")]
    Cert(String),
}

pub struct Identity {
    pub key: RsaPrivateKey,
    pub key_pem: String,
    pub cert_pem: String,
}

pub fn load_or_generate(dir: &Path) -> Result<Identity, KeyError> {
    let key_path = dir.join(KEY_FILE);
    let cert_path = dir.join(CERT_FILE);
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| KeyError::Io { path, source }
    };
    if key_path.exists() && cert_path.exists() {
        let key_pem = std::fs::read_to_string(&key_path).map_err(io(&key_path))?;
        let cert_pem = std::fs::read_to_string(&cert_path).map_err(io(&cert_path))?;
        let key =
            RsaPrivateKey::from_pkcs8_pem(&key_pem).map_err(|e| KeyError::Rsa(e.to_string()))?;
        return Ok(Identity {
            key,
            key_pem,
            cert_pem,
        });
    }
    let key =
        RsaPrivateKey::new(&mut SysRng, KEY_BITS).map_err(|e| KeyError::Rsa(e.to_string()))?;
    let key_pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Rsa(e.to_string()))?
        .to_string();
    let cert_pem = self_signed_certificate(&key_pem)?;
    write_private(&key_path, key_pem.as_bytes()).map_err(io(&key_path))?;
    std::fs::write(&cert_path, cert_pem.as_bytes()).map_err(io(&cert_path))?;
    Ok(Identity {
        key,
        key_pem,
        cert_pem,
    })
}

fn self_signed_certificate(key_pem: &str) -> Result<String, KeyError> {
    let key_pair = KeyPair::from_pem_and_sign_algo(key_pem, &PKCS_RSA_SHA256)
        .map_err(|e| KeyError::Cert(e.to_string()))?;
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "RO");
    dn.push(DnType::OrganizationName, "spvdesk ANAF sandbox");
    dn.push(DnType::CommonName, "Ministerul Finantelor (sandbox)");
    params.distinguished_name = dn;
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2050, 1, 1);
    let cert = params
        .self_signed(&key_pair)
        .map_err(|e| KeyError::Cert(e.to_string()))?;
    Ok(cert.pem())
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anaf::signature::{Signer, TrustStore, Verdict, verify};

    #[test]
    fn generated_identity_signs_verifiable_answers_and_is_reloaded() {
        let dir = std::env::temp_dir().join(format!("spvdesk-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = load_or_generate(&dir).unwrap();
        let again = load_or_generate(&dir).unwrap();
        assert_eq!(first.cert_pem, again.cert_pem);
        let signer = Signer::from_pem(&first.key_pem, &first.cert_pem).unwrap();
        let xml = b"<?xml version=\"1.0\"?><Invoice/>\n";
        let sig = signer.sign_detached(xml).unwrap();
        let mut trust = TrustStore::new();
        trust.add_der(signer.certificate_der()).unwrap();
        assert!(matches!(
            verify(xml, sig.as_bytes(), &trust),
            Ok(Verdict::TrustedIntact { .. })
        ));
        assert!(sig.contains("&#13;\n"), "base64 wrapped like ANAF's");
        assert!(matches!(
            verify(b"<Invoice/>", sig.as_bytes(), &trust),
            Ok(Verdict::Altered { .. })
        ));
        let jwt = crate::sandbox::jwt::mint(
            &first.key,
            &crate::sandbox::jwt::JwtClaims {
                token_type: "access",
                serial: "ab",
                client_id: "c",
                issued_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
                expires_at: chrono::DateTime::from_timestamp(1_707_776_000, 0).unwrap(),
                jti: "j",
            },
        )
        .unwrap();
        let claims = crate::sandbox::jwt::decode_claims(&jwt).unwrap();
        assert_eq!(claims["exp"], 1_707_776_000);
        // RS512 = RSASSA-PKCS1-v1_5 with SHA-512 over `header.payload`.
        use base64::Engine as _;
        use sha2_11::Digest as _;
        let (input, sig) = jwt.rsplit_once('.').unwrap();
        let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(sig)
            .unwrap();
        first
            .key
            .to_public_key()
            .verify(
                rsa::Pkcs1v15Sign::new::<sha2_11::Sha512>(),
                &sha2_11::Sha512::digest(input.as_bytes()),
                &sig,
            )
            .unwrap();
        let _ = std::fs::remove_dir_all(dir);
    }

    /// Data dirs created before the move to rsa 0.10 hold a key written by rsa 0.9; it must
    /// load unchanged and still match its certificate (the signer checks that).
    #[test]
    fn loads_a_key_written_by_rsa_0_9() {
        let dir = std::env::temp_dir().join(format!("spvdesk-keys-rsa09-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key_pem = include_str!("../../tests/fixtures/sandbox_rsa09_key.pem");
        let cert_pem = include_str!("../../tests/fixtures/sandbox_rsa09_cert.pem");
        std::fs::write(dir.join(KEY_FILE), key_pem).unwrap();
        std::fs::write(dir.join(CERT_FILE), cert_pem).unwrap();
        let identity = load_or_generate(&dir).unwrap();
        assert_eq!(identity.key_pem, key_pem);
        assert_eq!(
            identity.key.to_pkcs8_pem(LineEnding::LF).unwrap().as_str(),
            key_pem,
            "re-encodes to the same PKCS#8 bytes"
        );
        assert!(Signer::from_pem(&identity.key_pem, &identity.cert_pem).is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }
}
