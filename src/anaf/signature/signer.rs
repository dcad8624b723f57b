//! Signing in ANAF's current detached format, for our ANAF simulator.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use sha1::Sha1;
use sha2_11::{Digest, Sha256};

use super::SignatureError;
use super::certificate::ParsedCertificate;
use super::dsig::{ALG_C14N, ALG_RSA_SHA1, ALG_SHA256, XMLDSIG_NAMESPACE};
use super::trust_store::pem_certificate_blocks;

/// A signing key and the certificate that goes into `KeyInfo`.
pub struct Signer {
    key: RsaPrivateKey,
    cert_der: Vec<u8>,
    subject: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("Signer")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// `key_pem`: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`); `cert_pem`: the first
    /// `CERTIFICATE` block is used and must carry the key's public half.
    pub fn from_pem(key_pem: &str, cert_pem: &str) -> Result<Self, SignatureError> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(key_pem))
            .map_err(|e| SignatureError::Key(format!("not an RSA private key in PEM: {e}")))?;
        let cert_der = pem_certificate_blocks(cert_pem.as_bytes())?
            .into_iter()
            .next()
            .ok_or_else(|| SignatureError::Certificate("no CERTIFICATE block".to_owned()))?;
        let cert = ParsedCertificate::from_der(&cert_der)?;
        if cert.rsa_public_key()? != RsaPublicKey::from(&key) {
            return Err(SignatureError::Key(
                "the certificate does not belong to the private key".to_owned(),
            ));
        }
        Ok(Self {
            key,
            subject: cert.info().subject,
            cert_der,
        })
    }

    /// The certificate's subject as written into `X509SubjectName`.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.cert_der
    }

    /// `semnatura_{idx}.xml` for `xml`, byte-compatible with ANAF's current format: one line,
    /// `standalone="no"` declaration, base64 wrapped at 76 characters with `&#13;` + LF, no
    /// trailing newline.
    pub fn sign_detached(&self, xml: &[u8]) -> Result<String, SignatureError> {
        let digest = STANDARD.encode(Sha256::digest(xml));
        let signed_info_c14n = format!(
            "<SignedInfo xmlns=\"{XMLDSIG_NAMESPACE}\">\
             <CanonicalizationMethod Algorithm=\"{ALG_C14N}\"></CanonicalizationMethod>\
             <SignatureMethod Algorithm=\"{ALG_RSA_SHA1}\"></SignatureMethod>\
             <Reference URI=\"\"><DigestMethod Algorithm=\"{ALG_SHA256}\"></DigestMethod>\
             <DigestValue>{digest}</DigestValue></Reference></SignedInfo>"
        );
        let signature = self
            .key
            .sign(
                Pkcs1v15Sign::new::<Sha1>(),
                &Sha1::digest(signed_info_c14n.as_bytes()),
            )
            .map_err(|e| SignatureError::Signing(e.to_string()))?;
        Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\
             <Signature xmlns=\"{XMLDSIG_NAMESPACE}\"><SignedInfo>\
             <CanonicalizationMethod Algorithm=\"{ALG_C14N}\"/>\
             <SignatureMethod Algorithm=\"{ALG_RSA_SHA1}\"/>\
             <Reference URI=\"\"><DigestMethod Algorithm=\"{ALG_SHA256}\"/>\
             <DigestValue>{digest}</DigestValue></Reference></SignedInfo>\
             <SignatureValue>{}</SignatureValue><KeyInfo><X509Data>\
             <X509SubjectName>{}</X509SubjectName>\
             <X509Certificate>{}</X509Certificate></X509Data></KeyInfo></Signature>",
            wrap_base64(&signature),
            escape_text(&self.subject),
            wrap_base64(&self.cert_der),
        ))
    }
}

/// Base64 in 76-character lines separated by `&#13;` + LF, as Java's MIME encoder output looks
/// once its CR is escaped by the XML writer.
fn wrap_base64(bytes: &[u8]) -> String {
    let encoded = STANDARD.encode(bytes);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    lines.join("&#13;\n")
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_java_mime() {
        let wrapped = wrap_base64(&[0u8; 120]);
        let lines: Vec<&str> = wrapped.split("&#13;\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[..2].iter().all(|l| l.len() == 76));
        assert!(!wrapped.ends_with('\n'));
    }
}
