//! Validation of UBL 2.1 Invoice / CreditNote documents (ANAF e-Factura, CIUS-RO).
//!
//! * [`Mode::Quick`]: everything the OASIS UBL 2.1 XSD checks (root and namespace, element order,
//!   cardinality, required elements and attributes, datatypes, unknown elements/attributes,
//!   extension content), done natively over a streaming parser with tables generated from the
//!   schemas at development time (`tools/gen_ubl_tables.py`); no schema file is read at run time.
//! * [`Mode::Full`]: quick + every rule of ANAF's validation bundle 1.0.9 (EN 16931 and CIUS-RO,
//!   1,098 rule ids), natively, with the official firing semantics (see [`full`]).
//!
//! Pure code: no I/O. Hostile input is bounded by [`Limits`] (size, depth, number of findings),
//! a DOCTYPE is refused (no DTD, no entity expansion), and no input makes it panic.

mod finding;
pub mod full;
pub mod quick;

pub use finding::{Finding, Flag, Report};

/// Which rule set to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Quick,
    /// Quick + the EN 16931 and CIUS-RO business rules of ANAF's bundle.
    Full,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Quick => "quick",
            Mode::Full => "full",
        }
    }
}

/// Bounds that keep hostile input cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document accepted, in bytes (ANAF accepts up to 10 MB).
    pub max_bytes: usize,
    /// Deepest element nesting accepted (UBL invoices stay well below 30).
    pub max_depth: usize,
    /// Validation stops after this many findings (one more finding says so).
    pub max_findings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_depth: 64,
            max_findings: 200,
        }
    }
}

/// Validates one document held in memory.
pub fn validate(bytes: &[u8], mode: Mode, limits: &Limits) -> Report {
    match mode {
        Mode::Quick => Report {
            findings: quick::validate_quick(bytes, limits),
        },
        Mode::Full => full::validate_full(bytes, limits),
    }
}

/// The finding reported for a document larger than `limits.max_bytes`, without reading it; the
/// CLI uses it after looking at the file length, so a huge file is never loaded into memory.
pub fn too_large_finding(len: u64, limits: &Limits) -> Finding {
    quick::messages::too_large(len, limits.max_bytes)
}
