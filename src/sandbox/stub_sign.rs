//! STUB — to be replaced by `crate::anaf::signature` once it lands.
//!
//! ANAF's current detached signature (ANAF-API.md §4.3): the digest is SHA-256 over the
//! *raw bytes* of the signed file (no canonicalisation), and the signature is RSA PKCS#1 v1.5
//! with SHA-1 over the C14N form of a fixed `SignedInfo`. Generic XMLDSig libraries cannot
//! produce or check it, so both directions are done by hand here.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use rsa09::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa09::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use rsa09::signature::{SignatureEncoding, Signer as _, Verifier as _};
use rsa09::{RsaPrivateKey, RsaPublicKey};
use sha1_010::Sha1;
use sha2::{Digest, Sha256};
use x509_cert_02::Certificate;
use x509_cert_02::der::{Decode, Encode};

const XMLDSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const C14N_ALG: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const RSA_SHA1_ALG: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const SHA256_ALG: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("private key PEM is not a PKCS#8 RSA key: {0}")]
    Key(String),
    #[error("certificate PEM is invalid: {0}")]
    Certificate(String),
    #[error("signature file is malformed: {0}")]
    Malformed(String),
    #[error("digest mismatch: the signed file was changed")]
    DigestMismatch,
    #[error("RSA-SHA1 signature over SignedInfo does not verify")]
    BadSignature,
}

/// Signs answer files the way ANAF does (mirror of the future `anaf::signature::Signer`).
pub struct Signer {
    key: SigningKey<Sha1>,
    cert_der: Vec<u8>,
    subject: String,
}

impl Signer {
    pub fn from_pem(key_pem: &str, cert_pem: &str) -> Result<Signer, SignError> {
        let key =
            RsaPrivateKey::from_pkcs8_pem(key_pem).map_err(|e| SignError::Key(e.to_string()))?;
        let cert_der = pem_to_der(cert_pem, "CERTIFICATE")?;
        let cert =
            Certificate::from_der(&cert_der).map_err(|e| SignError::Certificate(e.to_string()))?;
        let subject = cert.tbs_certificate.subject.to_string();
        Ok(Signer {
            key: SigningKey::<Sha1>::new(key),
            cert_der,
            subject,
        })
    }

    /// The whole `semnatura_{idx}.xml` file: one line, no trailing newline, base64 wrapped at
    /// 76 characters with `&#13;` + LF (what ANAF's Java serialiser emits).
    pub fn sign_detached(&self, xml: &[u8]) -> String {
        let digest_b64 = B64.encode(Sha256::digest(xml));
        let signed_info = canonical_signed_info(&digest_b64);
        let signature: Signature = self.key.sign(signed_info.as_bytes());
        let sig_b64 = wrap_base64(&B64.encode(signature.to_bytes()));
        let cert_b64 = wrap_base64(&B64.encode(&self.cert_der));
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><Signature xmlns=\"{XMLDSIG_NS}\"><SignedInfo><CanonicalizationMethod Algorithm=\"{C14N_ALG}\"/><SignatureMethod Algorithm=\"{RSA_SHA1_ALG}\"/><Reference URI=\"\"><DigestMethod Algorithm=\"{SHA256_ALG}\"/><DigestValue>{digest_b64}</DigestValue></Reference></SignedInfo><SignatureValue>{sig_b64}</SignatureValue><KeyInfo><X509Data><X509SubjectName>{}</X509SubjectName><X509Certificate>{cert_b64}</X509Certificate></X509Data></KeyInfo></Signature>",
            xml_escape_text(&self.subject)
        )
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.cert_der
    }
}

/// What a successful verification tells the caller: which certificate signed.
#[derive(Debug, Clone)]
pub struct VerifiedSignature {
    pub certificate_der: Vec<u8>,
    pub subject: String,
}

/// Verifies a detached ANAF signature against the raw bytes of the signed file. Trust in the
/// embedded certificate is the caller's decision (compare `certificate_der` with anchors).
pub fn verify_detached(xml: &[u8], signature_xml: &str) -> Result<VerifiedSignature, SignError> {
    for (alg, what) in [
        (C14N_ALG, "CanonicalizationMethod"),
        (RSA_SHA1_ALG, "SignatureMethod"),
        (SHA256_ALG, "DigestMethod"),
    ] {
        if !signature_xml.contains(&format!("Algorithm=\"{alg}\"")) {
            return Err(SignError::Malformed(format!("{what} is not {alg}")));
        }
    }
    let digest_b64 = element_text(signature_xml, "DigestValue")?;
    let sig_b64 = strip_wrapping(&element_text(signature_xml, "SignatureValue")?);
    let cert_b64 = strip_wrapping(&element_text(signature_xml, "X509Certificate")?);
    let expected_digest = B64
        .decode(digest_b64.trim())
        .map_err(|e| SignError::Malformed(format!("DigestValue: {e}")))?;
    if expected_digest.as_slice() != Sha256::digest(xml).as_slice() {
        return Err(SignError::DigestMismatch);
    }
    let cert_der = B64
        .decode(cert_b64)
        .map_err(|e| SignError::Malformed(format!("X509Certificate: {e}")))?;
    let cert =
        Certificate::from_der(&cert_der).map_err(|e| SignError::Certificate(e.to_string()))?;
    let spki_der = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| SignError::Certificate(e.to_string()))?;
    let public = RsaPublicKey::from_public_key_der(&spki_der)
        .map_err(|e| SignError::Certificate(e.to_string()))?;
    let sig_bytes = B64
        .decode(sig_b64)
        .map_err(|e| SignError::Malformed(format!("SignatureValue: {e}")))?;
    let signature = Signature::try_from(sig_bytes.as_slice())
        .map_err(|e| SignError::Malformed(format!("SignatureValue: {e}")))?;
    let signed_info = canonical_signed_info(digest_b64.trim());
    VerifyingKey::<Sha1>::new(public)
        .verify(signed_info.as_bytes(), &signature)
        .map_err(|_| SignError::BadSignature)?;
    Ok(VerifiedSignature {
        subject: cert.tbs_certificate.subject.to_string(),
        certificate_der: cert_der,
    })
}

/// Public key of a PEM certificate, DER SubjectPublicKeyInfo (handy for trust comparisons).
pub fn certificate_public_key_der(cert_pem: &str) -> Result<Vec<u8>, SignError> {
    let der = pem_to_der(cert_pem, "CERTIFICATE")?;
    let cert = Certificate::from_der(&der).map_err(|e| SignError::Certificate(e.to_string()))?;
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| SignError::Certificate(e.to_string()))?;
    let key = RsaPublicKey::from_public_key_der(&spki)
        .map_err(|e| SignError::Certificate(e.to_string()))?;
    key.to_public_key_der()
        .map(|d| d.as_bytes().to_vec())
        .map_err(|e| SignError::Certificate(e.to_string()))
}

/// C14N of ANAF's fixed SignedInfo: the default xmldsig namespace is the only one in scope, so
/// inclusive and exclusive C14N agree; empty elements become start/end pairs.
fn canonical_signed_info(digest_b64: &str) -> String {
    format!(
        "<SignedInfo xmlns=\"{XMLDSIG_NS}\"><CanonicalizationMethod Algorithm=\"{C14N_ALG}\"></CanonicalizationMethod><SignatureMethod Algorithm=\"{RSA_SHA1_ALG}\"></SignatureMethod><Reference URI=\"\"><DigestMethod Algorithm=\"{SHA256_ALG}\"></DigestMethod><DigestValue>{digest_b64}</DigestValue></Reference></SignedInfo>"
    )
}

fn wrap_base64(b64: &str) -> String {
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(76)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    lines.join("&#13;\n")
}

fn strip_wrapping(text: &str) -> String {
    text.replace("&#13;", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn element_text(doc: &str, name: &str) -> Result<String, SignError> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = doc
        .find(&open)
        .ok_or_else(|| SignError::Malformed(format!("missing {name}")))?
        + open.len();
    let len = doc[start..]
        .find(&close)
        .ok_or_else(|| SignError::Malformed(format!("unterminated {name}")))?;
    Ok(doc[start..start + len].to_string())
}

fn xml_escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) fn pem_to_der(pem: &str, label: &str) -> Result<Vec<u8>, SignError> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem
        .find(&begin)
        .ok_or_else(|| SignError::Certificate(format!("no {begin}")))?
        + begin.len();
    let len = pem[start..]
        .find(&end)
        .ok_or_else(|| SignError::Certificate(format!("no {end}")))?;
    let body: String = pem[start..start + len]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    B64.decode(body)
        .map_err(|e| SignError::Certificate(e.to_string()))
}
