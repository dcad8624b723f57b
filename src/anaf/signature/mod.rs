//! ANAF's signatures on `descarcare` archives: verification of both formats seen in the wild,
//! and signing in the current format for our simulator. See ANAF-API.md §4.3.
//!
//! - **Current (2025+, detached)**: `semnatura_{idx}.xml` is a lone `<Signature>`;
//!   `DigestValue` = base64(SHA-256(raw bytes of `{idx}.xml`)) — no canonicalisation, despite
//!   `URI=""` — and `SignatureValue` = RSA PKCS#1 v1.5 SHA-1 over C14N of `SignedInfo`. Generic
//!   XML-DSig verifiers reject it.
//! - **Old (2023 test environment, enveloped)**: the signature file is the document itself with
//!   a `<Signature>` appended to its root; exc-c14n + RSA-SHA256; digest over inclusive C14N of
//!   the document minus the Signature. Line breaks were added inside the Signature (and one
//!   after it) *after* signing, so whitespace-only text there is ignored when the strict form
//!   does not verify. The `{idx}.xml` member must canonicalise to the same digest.
//!
//! Crypto comes from the RustCrypto crates (`rsa`, `sha1`, `sha2`) and `x509-cert`; only
//! canonical XML is written here (see [`c14n`]).

pub mod c14n;
pub mod certificate;
mod dsig;
mod signer;
mod trust_store;
mod verify;

pub use certificate::{CertificateInfo, ValidityAtNow};
pub use signer::Signer;
pub use trust_store::{TrustBasis, TrustStore};
pub use verify::{
    SignatureFormat, VerificationReport, verify, verify_at, verify_zip, verify_zip_at,
};

use crate::anaf::xml_tree::XmlError;
use crate::anaf::zip::ZipError;

/// The outcome of checking a signature whose files could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signature and content intact; signed by a trusted certificate (`signer` = its subject).
    TrustedIntact { signer: String },
    /// Signature and content intact, but the certificate is not in (or issued by one in) the
    /// trust store.
    UntrustedIntact { signer: String },
    /// The content or the signature does not match.
    Altered { reason: String },
}

impl Verdict {
    /// Valid = intact and trusted.
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::TrustedIntact { .. })
    }
}

/// The files could not be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum SignatureError {
    #[error("signature file is not well-formed XML: {0}")]
    SignatureXml(#[source] XmlError),
    #[error("signed document is not well-formed XML: {0}")]
    DocumentXml(#[source] XmlError),
    #[error("signature file is not an ANAF signature: {0}")]
    Malformed(String),
    #[error("unsupported signature feature: {0}")]
    Unsupported(String),
    #[error("certificate problem: {0}")]
    Certificate(String),
    #[error("private key problem: {0}")]
    Key(String),
    #[error("signing failed: {0}")]
    Signing(String),
    #[error("archive problem: {0}")]
    Zip(#[from] ZipError),
}
