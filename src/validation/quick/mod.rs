//! Quick validation: what the OASIS UBL 2.1 Invoice / CreditNote XSD checks, natively.
//!
//! * `ubl_tables` is generated from the XSDs by `tools/gen_ubl_tables.py` (committed; no schema
//!   file is read at run time), `schema` defines its row types.
//! * `validator` streams quick-xml events with an explicit stack of open elements, matching
//!   children with `content_model` and values with `datatypes`.
//! * Extension content (`ext:ExtensionContent`) is an `xsd:any namespace="##other"
//!   processContents="lax"` in UBL 2.1: exactly one element from a namespace other than the
//!   extension namespace; elements the UBL schema set declares globally (cbc/cac, UBL signatures,
//!   XML-DSig, XAdES) are validated, anything else is accepted, at every depth, as the XSD says.
//!
//! Reference behaviour is the oracle's XSD check (libxml2 through lxml), including its lexical
//! quirks (see `datatypes`). Verdicts agree on every document of the shared corpus plus ~600
//! generated mutations of real invoices (`tests/it/quick_vs_oracle.rs`). Known differences:
//! * `xsi:type` is always refused (libxml2 accepts it when it names the declared type itself);
//!   no e-invoice uses it.
//! * Only UTF-8 is read. A document declaring another encoding passes when its bytes are
//!   ASCII (then they are the same); otherwise it gets an "encoding not supported" finding,
//!   where libxml2 would transcode (ANAF expects UTF-8 anyway).
//! * More than 128 namespace declarations in scope at once are refused (quick-xml's memory
//!   bound; real invoices use fewer than 20).
//! * Lines point at the `<` of a start tag; libxml2 reports the line where the tag ends.
//! * After the first misplaced child of an element, its later children are not matched
//!   against the content model (one mistake, one finding); they are still validated by their
//!   own declarations.

mod content_model;
mod datatypes;
pub(crate) mod messages;
mod position;
mod schema;
#[rustfmt::skip]
mod ubl_tables;
mod validator;

use crate::validation::{Finding, Limits};

/// Runs the XSD-equivalent checks over one document.
pub fn validate_quick(bytes: &[u8], limits: &Limits) -> Vec<Finding> {
    if bytes.len() > limits.max_bytes {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return vec![messages::too_large(len, limits.max_bytes)];
    }
    validator::Validator::new(bytes, limits).run()
}
