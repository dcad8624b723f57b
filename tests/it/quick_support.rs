//! Where the shared reference data lives, and the loud skip rule when it is absent.

use std::path::PathBuf;

/// `SPVDESK_CONFORMANCE_DIR`, default `<crate>/../shared/validation`.
pub fn conformance_dir() -> PathBuf {
    match std::env::var_os("SPVDESK_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"),
    }
}

/// Under CI a missing prerequisite is a failure; elsewhere the test says loudly that it skipped.
pub fn skip(test: &str, reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: cannot run under CI because {reason}");
    }
    eprintln!("SKIPPED: {test} because {reason}");
}

/// Every `.xml` file (any case) below `dir`, sorted.
pub fn xml_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A small XSD-valid invoice with three insertion points: before `cbc:ID` (extensions), after
/// `cbc:IssueDate` (notes, references) and after the customer party (allowances, payments).
pub fn invoice_with(before_id: &str, after_issue_date: &str, after_customer: &str) -> String {
    format!(
        r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">{before_id}<cbc:ID>1</cbc:ID><cbc:IssueDate>2020-01-01</cbc:IssueDate>{after_issue_date}<cac:AccountingSupplierParty><cac:Party/></cac:AccountingSupplierParty><cac:AccountingCustomerParty><cac:Party/></cac:AccountingCustomerParty>{after_customer}<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="RON">1</cbc:PayableAmount></cac:LegalMonetaryTotal><cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:LineExtensionAmount currencyID="RON">1</cbc:LineExtensionAmount><cac:Item/></cac:InvoiceLine></Invoice>"#
    )
}

/// Wraps `content` in `ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent`.
pub fn extension(content: &str) -> String {
    format!(
        "<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent>{content}</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>"
    )
}
