//! Quick validation: what the OASIS UBL 2.1 Invoice / CreditNote XSD checks, natively.
//!
//! * `ubl_tables` is generated from the XSDs by `tools/gen_ubl_tables.py` (committed; no schema
//!   file is read at run time), `schema` defines its row types.
//! * `validator` streams the tokens of `tokenizer` (our own: one UTF-8 check per document)
//!   with an explicit stack of open elements, matching children with `content_model` and
//!   values with `datatypes`.
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
//! * More than 128 namespace declarations in scope at once are refused (a memory
//!   bound; real invoices use fewer than 20).
//! * Lines point at the `<` of a start tag; libxml2 reports the line where the tag ends.
//! * After the first misplaced child of an element, its later children are not matched
//!   against the content model (one mistake, one finding); they are still validated by their
//!   own declarations.

mod content_model;
mod datatypes;
pub(crate) mod messages;
pub(crate) mod namespaces;
pub mod position;
pub(crate) mod schema;
#[rustfmt::skip]
pub(crate) mod ubl_tables;
pub mod tokenizer;
mod validator;
mod value;

use crate::validation::full::doc::Doc;
use crate::validation::{Finding, Limits};

/// Runs the XSD-equivalent checks over one document.
pub fn validate_quick(bytes: &[u8], limits: &Limits) -> Vec<Finding> {
    if bytes.len() > limits.max_bytes {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return vec![messages::too_large(len, limits.max_bytes)];
    }
    validator::Validator::new(bytes, limits).run()
}

/// Quick validation that also builds the tree full validation needs, in the same pass. The tree
/// is exactly what [`Doc::parse`] would give; it is `None` when the pass could not complete it
/// (too large, not well-formed, wrong root, stopped at the findings limit...), and then the
/// caller decides with [`Doc::parse`] as before.
pub fn validate_quick_with_tree(bytes: &[u8], limits: &Limits) -> (Vec<Finding>, Option<Doc>) {
    if bytes.len() > limits.max_bytes {
        return (validate_quick(bytes, limits), None);
    }
    validator::Validator::new(bytes, limits)
        .with_tree()
        .run_with_tree()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::full::doc::WELL_KNOWN_NAMESPACES;

    /// The validator hands its namespace ids to the tree builder unchanged for these.
    #[test]
    fn the_tables_start_with_the_trees_well_known_namespaces() {
        for (i, uri) in WELL_KNOWN_NAMESPACES.iter().enumerate() {
            let id = u8::try_from(i).unwrap();
            assert_eq!(schema::namespace_uri(id), *uri);
            assert_eq!(schema::namespace_id(uri).unwrap_or(0), id);
        }
    }

    #[test]
    fn the_single_pass_tree_borrows_ubl_names_and_equals_the_parsed_one() {
        let xml = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" xmlns:x=\"urn:x\"><cbc:ID x:a=\"1\">A</cbc:ID><x:y/></Invoice>";
        let limits = Limits::default();
        let (_, tree) = validate_quick_with_tree(xml.as_bytes(), &limits);
        let tree = tree.unwrap();
        assert_eq!(Some(tree), Doc::parse(xml.as_bytes(), &limits).ok());
        // Not well-formed, or not an invoice: no tree from this pass (the caller decides).
        assert!(validate_quick_with_tree(b"<Invoice", &limits).1.is_none());
        assert!(validate_quick_with_tree(b"<a/>", &limits).1.is_none());
    }
}
