//! Full validation never panics, whatever the document: extreme numbers where the rules compute,
//! and invoices mangled byte by byte. (The rules do arithmetic on values read from the document;
//! an overflow there must not take the server or the sandbox down.)

use proptest::prelude::*;
use spvdesk::validation::{Limits, Mode, validate};

use crate::sandbox_support::{credit_note_xml, invoice_xml};

const EXTREMES: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "99999999999999999999999999999999999999.99",
    "0.0000000000000000000000000000001",
    "1e400",
    "-1E-400",
    "NaN",
    "-INF",
    "-0.0",
    "",
];

/// Every element whose whole text is a number gets `value` instead.
fn with_every_number(xml: &str, value: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(open_end) = rest.find('>') {
        out.push_str(&rest[..=open_end]);
        rest = &rest[open_end + 1..];
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..text_end];
        let numeric = !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        out.push_str(if numeric { value } else { text });
        rest = &rest[text_end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn extreme_numbers_in_every_amount_never_panic() {
    let limits = Limits {
        max_findings: 100_000,
        ..Limits::default()
    };
    for base in [
        invoice_xml("F-1", "2026-03-02", "11111111", "22222222"),
        credit_note_xml("CN-1", "2026-03-02", "11111111", "22222222"),
    ] {
        for value in EXTREMES {
            let doc = with_every_number(&base, value);
            assert_ne!(doc, base);
            let report = validate(doc.as_bytes(), Mode::Full, &limits);
            // Extreme values are not valid amounts: something must say so.
            if !value.is_empty() && *value != "-0.0" {
                assert!(!report.is_valid(), "{value}: no finding");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Overwriting one byte of a valid invoice and cutting it anywhere never panics.
    #[test]
    fn mangled_invoices_never_panic_in_full_mode(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>()) {
        let mut bytes = invoice_xml("F-2", "2026-03-02", "11111111", "22222222").into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(1).min(bytes.len()));
        let _ = validate(&bytes, Mode::Full, &Limits::default());
    }
}

/// A tag with a flood of attributes where the schema lets anything through (a foreign element in
/// an extension): duplicates are still found, and finding them stays linear (a pairwise check
/// over 200 000 names would not finish).
#[test]
fn a_flood_of_attributes_in_an_extension_is_read_once() {
    let base = invoice_xml("F-1", "2026-03-02", "11111111", "22222222");
    let first = base.find("<cbc:").expect("a cbc element");
    let flood: String = (0..200_000).map(|i| format!(" a{i}=\"1\"")).collect();
    let with = |extra: &str| {
        let extension = format!(
            "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent><x:Foo xmlns:x=\"urn:x\"{flood}{extra}/></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>"
        );
        format!("{}{extension}{}", &base[..first], &base[first..])
    };
    let limits = Limits::default();
    let plain = validate(with("").as_bytes(), Mode::Full, &limits);
    assert!(
        plain
            .findings
            .iter()
            .all(|f| !f.message_en.contains("not well-formed")),
        "{:?}",
        plain.findings.first()
    );
    let twice = validate(with(" b=\"2\" a7=\"2\"").as_bytes(), Mode::Full, &limits);
    assert!(
        twice
            .findings
            .iter()
            .any(|f| f.message_en.contains("attribute 'a7' is given twice")),
        "{:?}",
        twice.findings.first()
    );
}
