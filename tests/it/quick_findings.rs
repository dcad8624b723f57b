//! What a finding says and where it points, plus verdicts on the corpus that hold without the
//! oracle (so a machine without the oracle venv still checks something real).

use spvdesk::validation::{Finding, Flag, Limits, Mode, validate};

use crate::quick_support::{conformance_dir, invoice_with, skip, xml_files};

fn findings(doc: &str) -> Vec<Finding> {
    validate(doc.as_bytes(), Mode::Quick, &Limits::default()).findings
}

#[test]
fn an_unknown_element_points_at_itself_with_the_conventional_prefix() {
    // The document uses its own prefixes; findings use cbc/cac.
    let doc = invoice_with("", "", "")
        .replace("xmlns:cbc=", "xmlns:b=")
        .replace("<cbc:", "<b:")
        .replace("</cbc:", "</b:")
        .replace(
            "<cac:AccountingSupplierParty><cac:Party/>",
            "<cac:AccountingSupplierParty><cac:Party>\n  <b:Nope/></cac:Party>",
        );
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].location,
        "/Invoice/cac:AccountingSupplierParty/cac:Party/cbc:Nope"
    );
    assert_eq!((f[0].line, f[0].column), (Some(2), Some(3)));
    assert_eq!(f[0].flag, Flag::Fatal);
    assert_eq!(f[0].rule, "XSD");
    assert!(
        f[0].message_en.contains("cbc:MarkCareIndicator"),
        "{}",
        f[0].message_en
    );
    assert!(
        f[0].message_ro.contains("nu este permis"),
        "{}",
        f[0].message_ro
    );
}

#[test]
fn a_missing_required_element_is_reported_on_its_parent() {
    let doc = invoice_with("", "", "").replace("<cac:Item/>", "");
    let f = findings(&doc);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].location, "/Invoice/cac:InvoiceLine");
    assert!(f[0].message_en.contains("cac:Item"), "{}", f[0].message_en);
}

#[test]
fn bad_values_and_attributes_are_located() {
    let doc = invoice_with(
        "",
        "<cbc:DueDate>2021-02-29</cbc:DueDate>",
        "<cac:PrepaidPayment><cbc:PaidAmount>1,5</cbc:PaidAmount></cac:PrepaidPayment>",
    );
    let f = findings(&doc);
    let locations: Vec<&str> = f.iter().map(|f| f.location.as_str()).collect();
    assert_eq!(
        locations,
        [
            "/Invoice/cbc:DueDate",
            "/Invoice/cac:PrepaidPayment/cbc:PaidAmount/@currencyID",
            "/Invoice/cac:PrepaidPayment/cbc:PaidAmount",
        ],
        "{f:?}"
    );
    assert!(
        f[0].message_en
            .contains("'2021-02-29' is not a valid xsd:date")
    );
    assert!(f[2].message_ro.contains("xsd:decimal"));
}

#[test]
fn credit_notes_are_validated_against_their_own_schema() {
    // CreditNote lines use cbc:CreditedQuantity, not cbc:InvoicedQuantity; the invoice template
    // has neither, so renaming the root and the lines gives a valid credit note.
    let doc = invoice_with("", "", "").replace("Invoice", "CreditNote");
    let f = findings(&doc);
    assert!(f.is_empty(), "{f:?}");
    let wrong = doc.replace("cac:CreditNoteLine", "cac:InvoiceLine");
    assert!(!findings(&wrong).is_empty());
}

#[test]
fn corpus_verdicts_that_do_not_need_the_oracle() {
    let testcases = conformance_dir().join("testcases");
    if !testcases.is_dir() {
        return skip(
            "corpus_verdicts_that_do_not_need_the_oracle",
            "the corpus is absent",
        );
    }
    let limits = Limits::default();
    let mut wrong = Vec::new();
    let files = xml_files(&testcases);
    for file in &files {
        let rel = file
            .strip_prefix(&testcases)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Per-rule EN16931 tests are fragments or testSet wrappers: never XSD-valid. Everything
        // else (examples, test files, CIUS-RO cases) is XSD-valid (README of the corpus).
        let expect_valid = !rel.starts_with("en16931/unit");
        let report = validate(&std::fs::read(file).unwrap(), Mode::Quick, &limits);
        if report.is_valid() != expect_valid {
            wrong.push(format!("{rel}: {:?}", report.findings.first()));
        }
    }
    assert!(files.len() > 1500, "{}", files.len());
    assert!(wrong.is_empty(), "{wrong:#?}");
}
