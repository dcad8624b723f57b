//! The certificates we trust to sign ANAF archives (MF seals; the test environment's cert;
//! our simulator's cert or CA). ANAF rotates its seal roughly yearly, so this is a list.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::SignatureError;
use super::certificate::ParsedCertificate;

#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    certificates: Vec<ParsedCertificate>,
}

/// Why a signing certificate is (not) trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustBasis {
    /// The embedded certificate is, byte for byte, one in the store.
    ExactMatch,
    /// A certificate in the store (subject given) issued it: its RSA key verifies the embedded
    /// certificate's signature. One level only; no revocation or key-usage checks.
    IssuedByTrusted {
        issuer_subject: String,
    },
    NotTrusted,
}

impl TrustStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// All `CERTIFICATE` blocks of a PEM bundle (other blocks and text are skipped).
    pub fn from_pem_bundle(pem: &[u8]) -> Result<Self, SignatureError> {
        let mut store = Self::new();
        store.add_pem(pem)?;
        Ok(store)
    }

    /// Adds every `CERTIFICATE` block; returns how many were added.
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<usize, SignatureError> {
        let blocks = pem_certificate_blocks(pem)?;
        let count = blocks.len();
        for der in blocks {
            self.add_der(&der)?;
        }
        Ok(count)
    }

    pub fn add_der(&mut self, der: &[u8]) -> Result<(), SignatureError> {
        let parsed = ParsedCertificate::from_der(der)?;
        if !self.certificates.iter().any(|c| c.der == parsed.der) {
            self.certificates.push(parsed);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.certificates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty()
    }

    /// DER of every trusted certificate.
    pub fn certificates_der(&self) -> impl Iterator<Item = &[u8]> {
        self.certificates.iter().map(|c| c.der.as_slice())
    }

    pub(crate) fn evaluate(&self, signer: &ParsedCertificate) -> TrustBasis {
        if self.certificates.iter().any(|c| c.der == signer.der) {
            return TrustBasis::ExactMatch;
        }
        self.certificates
            .iter()
            .find(|c| signer.is_signed_by(c))
            .map(|c| TrustBasis::IssuedByTrusted {
                issuer_subject: c.info().subject,
            })
            .unwrap_or(TrustBasis::NotTrusted)
    }
}

/// Decodes the base64 body of each `-----BEGIN CERTIFICATE-----` block.
pub(crate) fn pem_certificate_blocks(pem: &[u8]) -> Result<Vec<Vec<u8>>, SignatureError> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let text = std::str::from_utf8(pem)
        .map_err(|_| SignatureError::Certificate("PEM data is not text".to_owned()))?;
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let end = after.find(END).ok_or_else(|| {
            SignatureError::Certificate("PEM CERTIFICATE block without END line".to_owned())
        })?;
        let body: String = after[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = STANDARD.decode(body).map_err(|e| {
            SignatureError::Certificate(format!("PEM CERTIFICATE block is not base64: {e}"))
        })?;
        blocks.push(der);
        rest = &after[end + END.len()..];
    }
    Ok(blocks)
}
