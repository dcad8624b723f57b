//! X.509 certificate facts we show and check: subject/issuer in the RFC 2253 form ANAF's Java
//! signer writes into `X509SubjectName`, serial, validity, RSA public key, and whether an
//! issuer's key verifies a certificate's signature.

use chrono::{DateTime, Utc};
use rsa::PublicKey as RsaPublicKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pkcs8::DecodePublicKey;
use sha1::Sha1;
use sha2_11::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;

use super::SignatureError;

/// What we report about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// RFC 2253 (most specific RDN first), unknown attribute types as `OID=#hex`, like Java's
    /// `X500Principal.getName()` which ANAF uses for `X509SubjectName`.
    pub subject: String,
    pub issuer: String,
    /// Upper-case hex, no separators.
    pub serial_hex: String,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
}

/// Where `now` falls in a certificate's validity period. Informational only: ANAF's archives
/// stay valid after the seal that signed them expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityAtNow {
    NotYetValid,
    Valid,
    Expired,
}

impl CertificateInfo {
    pub fn validity_at(&self, now: DateTime<Utc>) -> ValidityAtNow {
        if now < self.not_before {
            ValidityAtNow::NotYetValid
        } else if now > self.not_after {
            ValidityAtNow::Expired
        } else {
            ValidityAtNow::Valid
        }
    }
}

/// A decoded certificate with its original DER.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCertificate {
    pub der: Vec<u8>,
    pub cert: Certificate,
}

impl ParsedCertificate {
    pub fn from_der(der: &[u8]) -> Result<Self, SignatureError> {
        let cert = Certificate::from_der(der).map_err(|e| {
            SignatureError::Certificate(format!("not a DER X.509 certificate: {e}"))
        })?;
        Ok(Self {
            der: der.to_vec(),
            cert,
        })
    }

    pub fn info(&self) -> CertificateInfo {
        let tbs = self.cert.tbs_certificate();
        let validity = tbs.validity();
        CertificateInfo {
            subject: rfc2253(tbs.subject()),
            issuer: rfc2253(tbs.issuer()),
            serial_hex: tbs
                .serial_number()
                .as_bytes()
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect(),
            not_before: to_chrono(validity.not_before.to_unix_duration()),
            not_after: to_chrono(validity.not_after.to_unix_duration()),
        }
    }

    pub fn rsa_public_key(&self) -> Result<RsaPublicKey, SignatureError> {
        let spki = self
            .cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| SignatureError::Certificate(e.to_string()))?;
        RsaPublicKey::from_public_key_der(&spki).map_err(|e| {
            SignatureError::Unsupported(format!("certificate key is not a usable RSA key: {e}"))
        })
    }

    /// Whether `issuer` names this certificate's issuer and its RSA key verifies this
    /// certificate's signature. Non-RSA issuers are reported as not verifying.
    pub fn is_signed_by(&self, issuer: &ParsedCertificate) -> bool {
        let tbs = self.cert.tbs_certificate();
        if tbs.issuer() != issuer.cert.tbs_certificate().subject() {
            return false;
        }
        let Ok(key) = issuer.rsa_public_key() else {
            return false;
        };
        let Ok(tbs_der) = tbs.to_der() else {
            return false;
        };
        let Some(signature) = self.cert.signature().as_bytes() else {
            return false;
        };
        let oid = self.cert.signature_algorithm().oid.to_string();
        let result = match oid.as_str() {
            "1.2.840.113549.1.1.5" => key.verify(
                Pkcs1v15Sign::new::<Sha1>(),
                &Sha1::digest(&tbs_der),
                signature,
            ),
            "1.2.840.113549.1.1.11" => key.verify(
                Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(&tbs_der),
                signature,
            ),
            "1.2.840.113549.1.1.12" => key.verify(
                Pkcs1v15Sign::new::<Sha384>(),
                &Sha384::digest(&tbs_der),
                signature,
            ),
            "1.2.840.113549.1.1.13" => key.verify(
                Pkcs1v15Sign::new::<Sha512>(),
                &Sha512::digest(&tbs_der),
                signature,
            ),
            _ => return false,
        };
        result.is_ok()
    }
}

fn to_chrono(since_epoch: std::time::Duration) -> DateTime<Utc> {
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
        .unwrap_or_default()
}

/// Short names Java's RFC 2253 output knows; everything else is written as `OID=#hex`.
fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "STREET",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        _ => return None,
    })
}

/// RFC 2253 string of a name, in Java's style.
pub fn rfc2253(name: &Name) -> String {
    let mut rdns: Vec<String> = Vec::new();
    for rdn in name.iter_rdn() {
        let parts: Vec<String> = rdn
            .iter()
            .map(|atv| {
                let oid = atv.oid.to_string();
                match (short_name(&oid), string_value(&atv.value)) {
                    (Some(short), Some(text)) => format!("{short}={}", escape_rfc2253(&text)),
                    _ => {
                        let der = atv.value.to_der().unwrap_or_default();
                        let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
                        format!("{oid}=#{hex}")
                    }
                }
            })
            .collect();
        rdns.push(parts.join("+"));
    }
    rdns.reverse();
    rdns.join(",")
}

/// The text of a directory string value (UTF8String, PrintableString, IA5String, ...).
fn string_value(value: &x509_cert::der::Any) -> Option<String> {
    use x509_cert::der::{Tag, Tagged};
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::TeletexString
        | Tag::VisibleString => std::str::from_utf8(value.value()).ok().map(str::to_owned),
        _ => None,
    }
}

fn escape_rfc2253(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
