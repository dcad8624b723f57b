//! Hostile input through the CLI core: a clear finding and exit code 1 (or 2 for I/O errors),
//! never a panic, memory bounded.

use std::io::Write;
use std::path::PathBuf;

use proptest::prelude::*;
use spvdesk::cli::validate::{EXIT_ERROR, EXIT_INVALID, EXIT_VALID, OutputFormat, run};
use spvdesk::validation::{Limits, Mode, validate};

use crate::quick_support::invoice_with;

/// Runs the CLI core on one file; returns (exit code, stdout as JSON, stderr).
fn run_one(path: &std::path::Path) -> (i32, serde_json::Value, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        &[path.to_path_buf()],
        Mode::Quick,
        OutputFormat::Json,
        &mut out,
        &mut err,
    );
    let out = String::from_utf8(out).unwrap();
    let json = out.lines().next().map_or(serde_json::Value::Null, |l| {
        serde_json::from_str(l).unwrap()
    });
    (code, json, String::from_utf8(err).unwrap())
}

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn first_message(json: &serde_json::Value) -> String {
    json["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_valid_invoice_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "ok.xml", invoice_with("", "", "").as_bytes());
    let (code, json, _) = run_one(&path);
    assert_eq!(code, EXIT_VALID, "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["mode"], "quick");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
}

#[test]
fn non_xml_is_invalid_with_a_clear_finding() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("text.xml", &b"this is not XML at all"[..]),
        (
            "binary.xml",
            &[0xff, 0xfe, 0x00, 0x3c, 0x00, 0x00, 0x9f, 0x80][..],
        ),
        ("empty.xml", &b""[..]),
        ("truncated.xml", &invoice_with("", "", "").as_bytes()[..200]),
        (
            "pdf.xml",
            &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"[..],
        ),
    ] {
        let path = write_temp(&dir, name, bytes);
        let (code, json, err) = run_one(&path);
        assert_eq!(code, EXIT_INVALID, "{name}: {json} {err}");
        assert_eq!(json["valid"], false, "{name}");
        assert_eq!(json["errors"][0]["rule"], "XSD", "{name}");
        assert_eq!(json["errors"][0]["flag"], "fatal", "{name}");
        assert!(!first_message(&json).is_empty(), "{name}");
    }
}

#[test]
fn wrong_root_and_wrong_namespace_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "root.xml",
            "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>".to_owned(),
        ),
        (
            "ns.xml",
            invoice_with("", "", "").replace("xsd:Invoice-2\"", "xsd:Invoice-9\""),
        ),
        ("none.xml", "<Invoice/>".to_owned()),
    ];
    for (name, doc) in cases {
        let path = write_temp(&dir, name, doc.as_bytes());
        let (code, json, _) = run_one(&path);
        assert_eq!(code, EXIT_INVALID, "{name}");
        let message = first_message(&json);
        assert!(
            message.contains("not a UBL 2.1 Invoice or CreditNote"),
            "{name}: {message}"
        );
        assert_eq!(json["errors"][0]["line"], 1);
        assert_eq!(json["errors"][0]["column"], 1);
    }
}

#[test]
fn a_50_mb_file_is_refused_by_its_length_without_being_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.xml");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">")
            .unwrap();
        let chunk = vec![b'a'; 1024 * 1024];
        for _ in 0..50 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"</Invoice>").unwrap();
    }
    let (code, json, _) = run_one(&path);
    assert_eq!(code, EXIT_INVALID);
    let message = first_message(&json);
    assert!(message.contains("the limit is 10485760 bytes"), "{message}");
    assert_eq!(json["errors"][0]["line"], serde_json::Value::Null);
}

#[test]
fn the_size_limit_also_holds_for_bytes_in_memory() {
    let limits = Limits {
        max_bytes: 100,
        ..Limits::default()
    };
    let report = validate(invoice_with("", "", "").as_bytes(), Mode::Quick, &limits);
    assert!(!report.is_valid());
    assert!(report.findings[0].message_en.contains("limit is 100 bytes"));
}

#[test]
fn a_dtd_with_entities_is_refused_before_any_expansion() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n <!ENTITY lol \"lol\">\n");
    doc.push_str(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..10 {
        let prev = i - 1;
        let refs = format!("&lol{prev};").repeat(10);
        doc.push_str(&format!(" <!ENTITY lol{i} \"{refs}\">\n"));
    }
    doc.push_str("]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&lol9;</Invoice>\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "laughs.xml", doc.as_bytes());
    let (code, json, _) = run_one(&path);
    assert_eq!(code, EXIT_INVALID);
    assert!(first_message(&json).contains("DOCTYPE"), "{json}");
    assert_eq!(json["errors"][0]["line"], 2);
    assert_eq!(json["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn an_undefined_entity_without_a_dtd_is_not_well_formed() {
    let doc = invoice_with("", "<cbc:Note>&lol9;</cbc:Note>", "");
    let report = validate(doc.as_bytes(), Mode::Quick, &Limits::default());
    assert!(!report.is_valid());
    assert!(
        report.findings[0].message_en.contains("not well-formed"),
        "{:?}",
        report.findings
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let depth = 100_000;
    let mut doc =
        String::from("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">");
    doc.push_str(&"<a>".repeat(depth));
    doc.push_str(&"</a>".repeat(depth));
    doc.push_str("</Invoice>");
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "deep.xml", doc.as_bytes());
    let (code, json, _) = run_one(&path);
    assert_eq!(code, EXIT_INVALID);
    let messages: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("nested more than 64 levels")),
        "{messages:?}"
    );
}

#[test]
fn findings_are_capped() {
    let notes = "<cbc:Nope/>".repeat(5000);
    let doc = invoice_with("", "", "")
        .replace("</cac:InvoiceLine>", &format!("</cac:InvoiceLine>{notes}"));
    let limits = Limits {
        max_findings: 10,
        ..Limits::default()
    };
    let report = validate(doc.as_bytes(), Mode::Quick, &limits);
    assert!(report.findings.len() <= 11, "{}", report.findings.len());

    // A flood of unknown attributes on one declared element: one finding each, until the cap.
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"1\"")).collect();
    let doc = invoice_with("", "", "").replacen("<cbc:ID>", &format!("<cbc:ID{attributes}>"), 1);
    let report = validate(doc.as_bytes(), Mode::Quick, &limits);
    assert_eq!(report.findings.len(), 11);
    assert!(
        report.findings[10].message_en.contains("Too many errors"),
        "{:?}",
        report.findings[10]
    );
}

#[test]
fn a_missing_file_is_an_io_error_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let ok = write_temp(&dir, "ok.xml", invoice_with("", "", "").as_bytes());
    let missing = dir.path().join("missing.xml");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        &[ok, missing],
        Mode::Full,
        OutputFormat::Json,
        &mut out,
        &mut err,
    );
    assert_eq!(code, EXIT_ERROR);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("\"mode\":\"full\""));
    assert!(String::from_utf8(err).unwrap().contains("missing.xml"));
}

#[test]
fn no_file_is_a_usage_error() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    assert_eq!(
        run(&[], Mode::Quick, OutputFormat::Text, &mut out, &mut err),
        EXIT_ERROR
    );
    assert!(String::from_utf8(err).unwrap().contains("usage"));
}

#[test]
fn json_lines_have_the_fixed_shape() {
    let dir = tempfile::tempdir().unwrap();
    let doc = invoice_with("", "<cbc:DueDate>2020-02-30</cbc:DueDate>", "");
    let path = write_temp(&dir, "bad.xml", doc.as_bytes());
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        std::slice::from_ref(&path),
        Mode::Quick,
        OutputFormat::Json,
        &mut out,
        &mut err,
    );
    assert_eq!(code, EXIT_INVALID);
    let line = String::from_utf8(out).unwrap();
    let prefix = format!(
        "{{\"file\":{},\"mode\":\"quick\",\"valid\":false,\"errors\":[{{\"rule\":\"XSD\",\"flag\":\"fatal\",\"location\":\"/Invoice/cbc:DueDate\",\"message\":",
        serde_json::to_string(&path.display().to_string()).unwrap()
    );
    assert!(line.starts_with(&prefix), "{line}");
    assert!(line.contains("\"line\":1,\"column\":"), "{line}");
    assert_eq!(line.lines().count(), 1);
}

#[test]
fn text_output_in_romanian_has_the_romanian_messages() {
    let dir = tempfile::tempdir().unwrap();
    let doc = invoice_with("", "\n<cbc:Nope/>", "");
    let path = write_temp(&dir, "bad.xml", doc.as_bytes());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = spvdesk::cli::validate::run_with(
        std::slice::from_ref(&path),
        Mode::Quick,
        OutputFormat::Text,
        spvdesk::i18n::Lang::Ro,
        &spvdesk::validation::Limits::default(),
        &mut out,
        &mut err,
    );
    assert_eq!(code, EXIT_INVALID);
    let text = String::from_utf8(out).unwrap();
    let report = spvdesk::validation::validate(
        doc.as_bytes(),
        Mode::Quick,
        &spvdesk::validation::Limits::default(),
    );
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{}:2:1: eroare [XSD] /Invoice/cbc:Nope: {}",
            path.display(),
            report.findings[0].message_ro
        )
    );
    assert_ne!(report.findings[0].message_ro, report.findings[0].message_en);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .ends_with("nevalid (validare rapidă, 1 eroare, 0 avertismente)"),
        "{text}"
    );
}

#[test]
fn text_output_has_file_line_column_rule_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let doc = invoice_with("", "\n<cbc:Nope/>", "");
    let path = write_temp(&dir, "bad.xml", doc.as_bytes());
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        std::slice::from_ref(&path),
        Mode::Quick,
        OutputFormat::Text,
        &mut out,
        &mut err,
    );
    assert_eq!(code, EXIT_INVALID);
    let text = String::from_utf8(out).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{}:2:1: fatal [XSD] /Invoice/cbc:Nope: Element cbc:Nope is not allowed",
            path.display()
        )),
        "{first}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap()
            .ends_with("invalid (quick mode, 1 fatal, 0 warning)"),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Truncating a valid invoice anywhere or overwriting bytes never panics.
    #[test]
    fn mangled_invoices_never_panic(cut in 0usize..2000, at in 0usize..2000, byte in any::<u8>()) {
        let doc = invoice_with(
            &crate::quick_support::extension("<f:x xmlns:f=\"urn:f\"><cbc:ID>1</cbc:ID></f:x>"),
            "<cbc:Note languageID=\"ro\">n</cbc:Note>",
            "<cac:PrepaidPayment><cbc:PaidAmount currencyID=\"RON\">1</cbc:PaidAmount></cac:PrepaidPayment>",
        );
        let mut bytes = doc.into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.min(bytes.len()));
        let report = validate(&bytes, Mode::Quick, &Limits::default());
        for f in &report.findings {
            prop_assert_eq!(f.rule.as_str(), "XSD");
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = validate(&bytes, Mode::Quick, &Limits::default());
    }
}
