//! Acceptance 1: every valid corpus document parses, and
//! read(write(read(x))) == read(x) field by field.

use std::path::PathBuf;

use spvdesk::ubl::{read_invoice, write_invoice};

use crate::shared_data::{conformance_dir, skip_unless_present};

/// The sets of valid documents (CIUS-RO and EN 16931).
const VALID_SETS: &[&str] = &[
    "testcases/cius-ro/phive-1.0.9",
    "testcases/cius-ro/oca-anaf-accepted",
    "testcases/cius-ro/oca-fixtures",
    "testcases/cius-ro/anaf-examples",
    "testcases/en16931/examples",
    "testcases/en16931/testfiles",
];

pub fn corpus_files() -> Option<Vec<PathBuf>> {
    let base = conformance_dir();
    if skip_unless_present(&base.join("testcases"), "UBL corpus round-trip tests") {
        return None;
    }
    let mut files = Vec::new();
    for set in VALID_SETS {
        let dir = base.join(set);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
            .collect();
        entries.sort();
        assert!(!entries.is_empty(), "no documents in {}", dir.display());
        files.extend(entries);
    }
    Some(files)
}

#[test]
fn every_valid_corpus_document_round_trips() {
    let Some(files) = corpus_files() else { return };
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let first = match read_invoice(&bytes) {
            Ok(o) => o,
            Err(e) => {
                failures.push(format!("{}: read failed: {e}", path.display()));
                continue;
            }
        };
        let written = match write_invoice(&first.invoice) {
            Ok(w) => w,
            Err(e) => {
                failures.push(format!("{}: write failed: {e}", path.display()));
                continue;
            }
        };
        let second = read_invoice(&written)
            .unwrap_or_else(|e| panic!("{}: re-read failed: {e}", path.display()));
        if second.invoice != first.invoice {
            failures.push(format!(
                "{}: round trip differs: {}",
                path.display(),
                first_difference(&first.invoice, &second.invoice)
            ));
        }
        assert!(
            second.unmapped.is_empty(),
            "{}: our own output has unmapped parts: {:?}",
            path.display(),
            second.unmapped
        );
        // Writing is deterministic.
        assert_eq!(
            write_invoice(&second.invoice).unwrap(),
            written,
            "{}",
            path.display()
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
    eprintln!("round-tripped {} corpus documents", files.len());
}

#[test]
fn unmapped_parts_are_reported_not_dropped() {
    let base = conformance_dir();
    let path = base.join("testcases/en16931/testfiles/Invoice-Max_content.xml");
    if skip_unless_present(&path, "unmapped-report test") {
        return;
    }
    let outcome = read_invoice(&std::fs::read(&path).unwrap()).unwrap();
    let paths: Vec<&str> = outcome.unmapped.iter().map(|u| u.path.as_str()).collect();
    assert!(paths.contains(&"/Invoice/cbc:UBLVersionID"), "{paths:?}");
    let inv = &outcome.invoice;
    assert_eq!(inv.number, "2018210");
    assert_eq!(inv.seller.identifiers.len(), 2);
    assert_eq!(inv.payment_means.len(), 4);
    assert_eq!(inv.lines[0].item.attributes.len(), 2);
    assert_eq!(
        inv.totals.vat_total_accounting,
        Some("249".parse().unwrap())
    );
    let attachment = inv
        .supporting_documents
        .iter()
        .find_map(|d| d.attachment.as_ref())
        .unwrap();
    assert_eq!(attachment.filename, "testfilnamn.abc");
}

/// The region around the first difference of two debug renderings, so a
/// failure names the field without printing two whole invoices.
fn first_difference(a: &impl std::fmt::Debug, b: &impl std::fmt::Debug) -> String {
    let (a, b) = (format!("{a:?}"), format!("{b:?}"));
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = a.floor_char_boundary(at.saturating_sub(200));
    let a_to = a.ceil_char_boundary((at + 120).min(a.len()));
    let b_to = b.ceil_char_boundary((at + 120).min(b.len()));
    format!(
        "\n  read:      ...{}\n  roundtrip: ...{}",
        &a[from..a_to],
        &b[from.min(b.len())..b_to]
    )
}
