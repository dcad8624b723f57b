//! Generated cases for the `UBL-syntax` pattern (UBL-CR, UBL-SR, UBL-DT), compared with the
//! oracle: the ANAF-accepted base invoice and base credit note of `testcases/cius-ro/mutations/`
//! edited as text.
//!
//! * every table-driven UBL-CR path of the bundle (read from the .sch at run time), grouped 30
//!   per document, on both the invoice and the credit note, plus the same paths placed where
//!   they must NOT fire (one level too deep, wrong namespace);
//! * hand-written cases for every UBL-SR and UBL-DT rule and the odd UBL-CR ones: limits,
//!   repeated elements, empty values, whitespace, existential comparisons, CreditNote vs
//!   Invoice, a root in the wrong namespace.
//!
//! Each case is compared twice: against the whole bundle (profile `anaf`), and against the
//! official XSLT with only this pattern applied, since the other patterns abort on most
//! documents with repeated elements.
//!
//! `EN_SYNTAX_CASES_DIR` keeps the files in that folder (to feed `EN_EXTRA_CASES`);
//! `EN_SYNTAX_CORPUS=1` also compares the pattern alone over the whole corpus.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use spvdesk::validation::Limits;

use crate::bundle_common::{
    Bases, CaseDir, Scope, compare, conformance_dir, corpus_folders, mutations_dir, oracle_setup,
    print_report, replace_first, run_oracle_with, write_case,
};

const TEST: &str = "syntax_cases";

const NS_EXT: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Inv,
    Cn,
}

/// Where an inserted snippet goes.
#[derive(Clone, Copy)]
enum At {
    /// Child of the root element.
    Root,
    /// Child of the (only) invoice or credit note line.
    Line,
    /// Child of the seller's `cac:Party`.
    Supplier,
    /// Child of the buyer's `cac:Party`.
    Customer,
}

enum Edit {
    Insert(At, String),
    Replace(String, String),
    /// Every occurrence (for renaming prefixes).
    ReplaceAll(String, String),
}

struct Case {
    name: String,
    base: Base,
    edits: Vec<Edit>,
}

fn anchor(base: Base, at: At) -> &'static str {
    match (base, at) {
        (Base::Inv, At::Root) => "  <cac:AccountingSupplierParty>",
        (Base::Cn, At::Root) => "    <cac:AccountingSupplierParty>",
        (Base::Inv, At::Line) => "<cbc:InvoicedQuantity",
        (Base::Cn, At::Line) => "<cbc:CreditedQuantity",
        (Base::Inv, At::Supplier) => "<cbc:EndpointID schemeID=\"9947\">RO8486152</cbc:EndpointID>",
        (Base::Cn, At::Supplier) => "<cbc:EndpointID schemeID=\"0007\">1234512345</cbc:EndpointID>",
        (Base::Inv, At::Customer) => {
            "<cbc:EndpointID schemeID=\"9947\">RO34581625</cbc:EndpointID>"
        }
        (Base::Cn, At::Customer) => "<cbc:EndpointID schemeID=\"0007\">9876543210</cbc:EndpointID>",
    }
}

fn apply(text: &str, base: Base, edit: &Edit, name: &str) -> String {
    let (find, with) = match edit {
        Edit::Insert(at, xml) => {
            let a = anchor(base, *at);
            let with = match at {
                // Before the seller party (the line quantity): after the root's (line's) ID.
                At::Root | At::Line => format!("{xml}\n{a}"),
                At::Supplier | At::Customer => format!("{a}{xml}"),
            };
            (a.to_owned(), with)
        }
        Edit::Replace(find, with) => (find.clone(), with.clone()),
        Edit::ReplaceAll(find, with) => {
            assert!(text.contains(find.as_str()), "{name}: not found: {find}");
            return text.replace(find.as_str(), with);
        }
    };
    replace_first(text, &find, &with, name)
}

fn root(xml: &str) -> Edit {
    Edit::Insert(At::Root, xml.to_owned())
}
fn line(xml: &str) -> Edit {
    Edit::Insert(At::Line, xml.to_owned())
}
fn supplier(xml: &str) -> Edit {
    Edit::Insert(At::Supplier, xml.to_owned())
}
fn customer(xml: &str) -> Edit {
    Edit::Insert(At::Customer, xml.to_owned())
}
fn replace(find: &str, with: &str) -> Edit {
    Edit::Replace(find.to_owned(), with.to_owned())
}

fn case(name: &str, base: Base, edits: Vec<Edit>) -> Case {
    Case {
        name: format!("syn_{name}.xml"),
        base,
        edits,
    }
}

/// Both bases with the same edits.
fn both(v: &mut Vec<Case>, name: &str, edits: impl Fn() -> Vec<Edit>) {
    v.push(case(&format!("{name}_inv"), Base::Inv, edits()));
    v.push(case(&format!("{name}_cn"), Base::Cn, edits()));
}

/// One `not(...)` UBL-CR path of the bundle.
struct CrPath {
    id: String,
    /// Under the root (`false`) or anywhere (`//`, `true`).
    anywhere: bool,
    steps: Vec<String>,
    attr: Option<String>,
}

/// The plain-path UBL-CR params of `UBL/EN16931-UBL-syntax.sch`.
fn cr_paths(shared: &Path) -> Vec<CrPath> {
    let sch = std::fs::read_to_string(shared.join("cius-ro/schematron/UBL/EN16931-UBL-syntax.sch"))
        .unwrap();
    let mut out = Vec::new();
    for line in sch.lines() {
        let Some(rest) = line.trim().strip_prefix("<param name=\"UBL-CR-") else {
            continue;
        };
        let (num, rest) = rest.split_once('"').unwrap();
        let value = rest.split_once("value=\"").unwrap().1;
        let value = value.rsplit_once('"').unwrap().0;
        let Some(inner) = value.strip_prefix("not(").and_then(|v| v.strip_suffix(')')) else {
            continue;
        };
        if inner.contains(['[', ' ', '=']) {
            continue;
        }
        let (anywhere, inner) = match inner.strip_prefix("//") {
            Some(i) => (true, i),
            None => (false, inner),
        };
        let inner = inner.replace("(cac:InvoiceLine|cac:CreditNoteLine)", "LINE");
        let mut steps: Vec<String> = inner.split('/').map(str::to_owned).collect();
        let attr = steps
            .last()
            .and_then(|s| s.strip_prefix('@'))
            .map(str::to_owned);
        if attr.is_some() {
            steps.pop();
        }
        if steps.is_empty() || steps.iter().any(|s| s.starts_with('@')) {
            continue;
        }
        out.push(CrPath {
            id: format!("UBL-CR-{num}"),
            anywhere,
            steps,
            attr,
        });
    }
    out
}

/// Nested elements for `steps`, the attribute on the innermost one.
fn nest(steps: &[String], attr: Option<&str>) -> String {
    let mut open = String::new();
    let mut close = String::new();
    for (i, s) in steps.iter().enumerate() {
        let decl = if s.starts_with("ext:") {
            format!(" xmlns:ext=\"{NS_EXT}\"")
        } else {
            String::new()
        };
        let a = match attr {
            Some(a) if i + 1 == steps.len() => format!(" {a}=\"x\""),
            _ => String::new(),
        };
        open += &format!("<{s}{decl}{a}>");
        close = format!("</{s}>{close}");
    }
    format!("{open}x{close}")
}

/// Where a UBL-CR path goes and what to insert there.
fn cr_edit(p: &CrPath, wrap: Option<&str>) -> Edit {
    // `LINE` paths go inside the document's own line (InvoiceLine or CreditNoteLine).
    let (at, steps): (At, Vec<String>) = if p.steps[0] == "LINE" {
        (At::Line, p.steps[1..].to_vec())
    } else if p.anywhere {
        // `//a/b`: deep inside the seller party, where no root-relative path reaches.
        (At::Supplier, p.steps.clone())
    } else {
        (At::Root, p.steps.clone())
    };
    let mut xml = nest(&steps, p.attr.as_deref());
    if let Some(w) = wrap {
        xml = format!("<{w}>{xml}</{w}>");
    }
    Edit::Insert(at, xml)
}

fn cr_cases(shared: &Path) -> Vec<Case> {
    let paths = cr_paths(shared);
    assert!(paths.len() > 650, "only {} UBL-CR paths", paths.len());
    let mut v = Vec::new();
    for (i, chunk) in paths.chunks(30).enumerate() {
        for (base, tag) in [(Base::Inv, "inv"), (Base::Cn, "cn")] {
            v.push(case(
                &format!("cr_chunk{i:02}_{tag}"),
                base,
                chunk.iter().map(|p| cr_edit(p, None)).collect(),
            ));
        }
        // Negative: the same paths one level too deep (root-relative ones must not fire; the
        // `//` ones still do) and with the last step in the wrong namespace.
        v.push(case(
            &format!("cr_chunk{i:02}_deep"),
            Base::Inv,
            chunk
                .iter()
                .map(|p| cr_edit(p, Some("cac:Extra")))
                .collect(),
        ));
        let wrong_ns: Vec<Edit> = chunk
            .iter()
            .map(|p| {
                let mut q = CrPath {
                    id: p.id.clone(),
                    anywhere: p.anywhere,
                    steps: p.steps.clone(),
                    attr: p.attr.clone(),
                };
                let last = q.steps.pop().unwrap();
                let local = last.split_once(':').unwrap().1;
                q.steps.push(format!("cbc:{local}"));
                if last.starts_with("cbc:") {
                    let n = q.steps.len();
                    q.steps[n - 1] = format!("cac:{local}");
                }
                cr_edit(&q, None)
            })
            .collect();
        v.push(case(
            &format!("cr_chunk{i:02}_wrong_ns"),
            Base::Cn,
            wrong_ns,
        ));
    }
    // One document per rule for a sample (the first offender must not hide the others).
    for p in paths.iter().step_by(37) {
        v.push(case(
            &format!("cr_single_{}", p.id),
            Base::Inv,
            vec![cr_edit(p, None)],
        ));
    }
    v
}

const INV_SUP_NAME: &str = "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>";
const INV_CUS_NAME: &str = "<cbc:RegistrationName>AGROAMAT COM SRL</cbc:RegistrationName>";
const INV_MEANS: &str = "<cbc:PaymentMeansCode name=\"credit transfer\">30</cbc:PaymentMeansCode>";
const INV_LINE_NAME: &str = "<cbc:Name>test</cbc:Name>";

fn party_tax(company: &str, scheme: &str) -> String {
    format!(
        "<cac:PartyTaxScheme><cbc:CompanyID>{company}</cbc:CompanyID><cac:TaxScheme>{scheme}</cac:TaxScheme></cac:PartyTaxScheme>"
    )
}

fn reference(kind: &str, inner: &str) -> String {
    format!("<cac:{kind}>{inner}</cac:{kind}>")
}

fn adr(inner: &str) -> String {
    reference("AdditionalDocumentReference", inner)
}

fn allowance(indicators: &[&str], reasons: usize) -> String {
    let mut s = String::from("<cac:AllowanceCharge>");
    for i in indicators {
        s += &format!("<cbc:ChargeIndicator>{i}</cbc:ChargeIndicator>");
    }
    for _ in 0..reasons {
        s += "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason>";
    }
    s + "<cbc:Amount currencyID=\"RON\">1.00</cbc:Amount></cac:AllowanceCharge>"
}

fn payee(inner: &str) -> String {
    reference("PayeeParty", inner)
}

fn name(n: &str) -> String {
    format!("<cac:PartyName><cbc:Name>{n}</cbc:Name></cac:PartyName>")
}

fn means(inner: &str) -> String {
    reference("PaymentMeans", inner)
}

fn sr_dt_cases() -> Vec<Case> {
    use Base::{Cn, Inv};
    let twice = |x: &str| format!("{x}{x}");
    let id = |v: &str| format!("<cbc:ID>{v}</cbc:ID>");
    let mut v = vec![
        // Document level counts.
        case("sr01", Inv, vec![root(&twice(&reference("ContractDocumentReference", &id("1"))))]),
        case("sr01_one_ref_two_ids", Cn, vec![root(&reference("ContractDocumentReference", &twice(&id("1"))))]),
        case("sr01_empty_ids", Inv, vec![root(&twice(&reference("ContractDocumentReference", "<cbc:ID/>")))]),
        case("sr02", Inv, vec![root(&twice(&reference("ReceiptDocumentReference", &id("1"))))]),
        case("sr03", Cn, vec![root(&twice(&reference("DespatchDocumentReference", &id("1"))))]),
        case("sr04", Inv, vec![root(&twice(&adr(&format!("{}<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>", id("1")))))]),
        case("sr04_padded_code", Inv, vec![root(&twice(&adr(&format!("{}<cbc:DocumentTypeCode> 130</cbc:DocumentTypeCode>", id("1")))))]),
        case("sr04_two_ids", Cn, vec![root(&adr(&format!("{}<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>", twice(&id("1")))))]),
        case("sr05", Inv, vec![root(&reference("PaymentTerms", "<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>"))]),
        case("sr05_two_terms", Cn, vec![root(&twice(&reference("PaymentTerms", "<cbc:Note>a</cbc:Note>")))]),
        case("sr08_sr49", Inv, vec![root(&twice(&reference("InvoicePeriod", "<cbc:DescriptionCode>35</cbc:DescriptionCode>")))]),
        case("sr49_one_period", Cn, vec![root(&reference("InvoicePeriod", "<cbc:DescriptionCode>35</cbc:DescriptionCode><cbc:DescriptionCode>35</cbc:DescriptionCode>"))]),
        case("sr09_sr11_sr14", Inv, vec![replace(INV_SUP_NAME, &format!("{INV_SUP_NAME}{INV_SUP_NAME}<cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyLegalForm>a</cbc:CompanyLegalForm><cbc:CompanyLegalForm>b</cbc:CompanyLegalForm>"))]),
        case("sr09_two_entities", Inv, vec![supplier(&twice(&reference("PartyLegalEntity", "<cbc:RegistrationName>x</cbc:RegistrationName>")))]),
        case("sr10_sr40", Inv, vec![supplier(&name("second")), customer(&name("second"))]),
        case("sr10_sr40_cn", Cn, vec![supplier(&twice(&name("n"))), customer(&twice(&name("n")))]),
        case("sr12_vat_lower", Inv, vec![supplier(&party_tax("RO1", "<cbc:ID>vat</cbc:ID>"))]),
        case("sr12_vat_padded", Inv, vec![supplier(&party_tax("RO1", "<cbc:ID> VAT</cbc:ID>"))]),
        case("sr13_two_gst", Inv, vec![supplier(&twice(&party_tax("1", "<cbc:ID>GST</cbc:ID>")))]),
        case("sr13_no_scheme_id", Cn, vec![supplier(&twice(&party_tax("1", "")))]),
        case("sr13_one_gst", Inv, vec![supplier(&party_tax("1", "<cbc:ID>GST</cbc:ID>"))]),
        case("sr13_no_tax_scheme", Inv, vec![supplier(&twice("<cac:PartyTaxScheme><cbc:CompanyID>1</cbc:CompanyID></cac:PartyTaxScheme>"))]),
        case("sr42_three_schemes", Inv, vec![supplier(&twice(&party_tax("1", "<cbc:ID>FISC</cbc:ID>")))]),
        case("sr42_customer_three", Inv, vec![customer(&twice(&party_tax("1", "<cbc:ID>FISC</cbc:ID>")))]),
        case("sr15_sr17", Inv, vec![replace(INV_CUS_NAME, &format!("{INV_CUS_NAME}{INV_CUS_NAME}<cbc:CompanyID>2</cbc:CompanyID>"))]),
        case("sr16", Cn, vec![customer("<cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID>2</cbc:ID></cac:PartyIdentification>")]),
        case("sr18", Inv, vec![customer(&party_tax("RO2", "<cbc:ID>VAT</cbc:ID>"))]),
        case("sr24", Inv, vec![root(&twice("<cac:Delivery><cbc:ActualDeliveryDate>2023-12-16</cbc:ActualDeliveryDate></cac:Delivery>"))]),
        case("sr25", Cn, vec![root("<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>a</cbc:Name><cbc:Name>b</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>")]),
        case("sr25_line_delivery", Inv, vec![line("<cac:Delivery><cac:DeliveryParty><cac:PartyName><cbc:Name>a</cbc:Name></cac:PartyName><cac:PartyName><cbc:Name>b</cbc:Name></cac:PartyName></cac:DeliveryParty></cac:Delivery>")]),
        case("sr29_sepa", Inv, vec![supplier("<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">1</cbc:ID></cac:PartyIdentification>"), customer("<cac:PartyIdentification><cbc:ID schemeID=\"sepa\">2</cbc:ID></cac:PartyIdentification>")]),
        case("sr29_long_s", Inv, vec![supplier("<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">1</cbc:ID></cac:PartyIdentification>"), customer("<cac:PartyIdentification><cbc:ID schemeID=\"\u{17f}epa\">2</cbc:ID></cac:PartyIdentification>")]),
        case("sr29_one", Cn, vec![supplier("<cac:PartyIdentification><cbc:ID schemeID=\"SEPA\">1</cbc:ID></cac:PartyIdentification>"), customer("<cac:PartyIdentification><cbc:ID schemeID=\" SEPA\">2</cbc:ID></cac:PartyIdentification>")]),
        case("sr39", Inv, vec![root(&twice(&reference("ProjectReference", &id("p"))))]),
        case("sr44_same_id", Inv, vec![root(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>INV/2023/00029</cbc:PaymentID>"))]),
        case("sr44_other_id", Inv, vec![root(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>X</cbc:PaymentID>"))]),
        case("sr44_sr26_in_one_means", Inv, vec![replace("<cbc:PaymentID>INV/2023/00029</cbc:PaymentID>", "<cbc:PaymentID>INV/2023/00029</cbc:PaymentID><cbc:PaymentID>INV/2023/00029 </cbc:PaymentID>")]),
        case("sr44_nested", Inv, vec![replace("<cbc:PaymentID>INV/2023/00029</cbc:PaymentID>", "<cbc:PaymentID><cbc:PaymentID>INV/2023/00029</cbc:PaymentID></cbc:PaymentID>")]),
        case("sr44_three_same_then_other", Inv, vec![root(&means("<cbc:PaymentID>INV/2023/00029</cbc:PaymentID><cbc:PaymentID>INV/2023/00029</cbc:PaymentID><cbc:PaymentID>Z</cbc:PaymentID>"))]),
        case("sr44_elsewhere", Cn, vec![line("<cbc:PaymentID>a</cbc:PaymentID>"), root("<cbc:PaymentID>b</cbc:PaymentID>")]),
        case("sr45_sr46_sr47", Inv, vec![root(&means("<cbc:PaymentMeansCode name=\"x\">42</cbc:PaymentMeansCode><cbc:PaymentDueDate>2023-12-16</cbc:PaymentDueDate><cbc:PaymentDueDate>2023-12-16</cbc:PaymentDueDate>"))]),
        case("sr45_cn", Cn, vec![root(&twice(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2023-12-16</cbc:PaymentDueDate>")))]),
        case("sr47_same_codes", Cn, vec![root(&twice(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>")))]),
        case("sr47_padded_code", Cn, vec![root(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>")), root(&means("<cbc:PaymentMeansCode> 30</cbc:PaymentMeansCode>"))]),
        case("sr27_two_codes", Inv, vec![replace(INV_MEANS, &format!("{INV_MEANS}{INV_MEANS}"))]),
        case("sr28", Inv, vec![replace(INV_MEANS, &format!("{INV_MEANS}<cac:PaymentMandate><cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID></cac:PaymentMandate>"))]),
        // Lines.
        case("sr34_sr35_sr36", Inv, vec![line("<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note><cac:OrderLineReference><cbc:LineID>1</cbc:LineID><cbc:LineID>2</cbc:LineID></cac:OrderLineReference><cac:InvoicePeriod/><cac:InvoicePeriod/>")]),
        case("sr34_cn", Cn, vec![line("<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>")]),
        case("sr37", Inv, vec![replace("<cbc:BaseQuantity", "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID=\"RON\">1.001</cbc:Amount><cbc:Amount currencyID=\"RON\">1</cbc:Amount><cbc:BaseAmount currencyID=\"RON\">1.0001</cbc:BaseAmount></cac:AllowanceCharge><cbc:BaseQuantity")]),
        case("sr48_none", Inv, vec![replace("<cac:ClassifiedTaxCategory>", "<cac:ClassifiedTaxCategoryX>"), replace("</cac:ClassifiedTaxCategory>", "</cac:ClassifiedTaxCategoryX>")]),
        case("sr48_two", Cn, vec![line("<cac:Item><cac:ClassifiedTaxCategory/></cac:Item>")]),
        case("sr50", Inv, vec![replace(INV_LINE_NAME, &format!("<cbc:Description>b</cbc:Description>{INV_LINE_NAME}"))]),
        case("sr48_sr50_two_items", Inv, vec![line("<cac:Item><cbc:Description>b</cbc:Description></cac:Item>")]),
        // Payee.
        case("sr19_other_name", Inv, vec![root(&payee(&name("Other")))]),
        case("sr19_same_name", Inv, vec![root(&payee(&name("TOTAL SECURITY S.A.")))]),
        case("sr19_no_name", Cn, vec![root(&payee("<cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification>"))]),
        case("sr19_two_names", Inv, vec![root(&payee(&format!("{}{}", name("a"), name("TOTAL SECURITY S.A."))))]),
        case("sr19_two_names_both_seller", Inv, vec![root(&payee(&twice(&name("TOTAL SECURITY S.A."))))]),
        case("sr20_ids", Inv, vec![root(&payee(&format!("{}<cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID=\"x\">2</cbc:ID></cac:PartyIdentification>", name("a"))))]),
        case("sr20_one_sepa", Cn, vec![root(&payee(&format!("{}<cac:PartyIdentification><cbc:ID>1</cbc:ID></cac:PartyIdentification><cac:PartyIdentification><cbc:ID schemeID=\"Sepa\">2</cbc:ID></cac:PartyIdentification>", name("a"))))]),
        case("sr21", Inv, vec![root(&payee(&format!("{}<cac:PartyLegalEntity><cbc:CompanyID>1</cbc:CompanyID><cbc:CompanyID>2</cbc:CompanyID></cac:PartyLegalEntity>", name("a"))))]),
        case("sr19_in_line", Inv, vec![line(&payee(&name("a")))]),
        case("sr19_seller_without_registration_name", Inv, vec![replace(INV_SUP_NAME, ""), root(&payee(&name("a")))]),
        // Payment means, billing reference, tax representative, tax subtotal.
        case("sr06_sr07", Inv, vec![root(&reference("BillingReference", &twice("<cac:InvoiceDocumentReference><cbc:IssueDate>2023-01-01</cbc:IssueDate></cac:InvoiceDocumentReference>")))]),
        case("sr07_empty_reference", Cn, vec![root("<cac:BillingReference/>")]),
        case("sr07_empty_id", Inv, vec![root(&reference("BillingReference", "<cac:InvoiceDocumentReference><cbc:ID/></cac:InvoiceDocumentReference>"))]),
        case("sr22_sr23", Inv, vec![root(&reference("TaxRepresentativeParty", &format!("{}{}{}", name("a"), name("b"), twice(&party_tax("1", "<cbc:ID>VAT</cbc:ID>")))))]),
        case("sr22_sr23_through_party", Cn, vec![root(&reference("TaxRepresentativeParty", &reference("Party", &format!("{}{}{}", name("a"), name("b"), twice(&party_tax("1", "<cbc:ID>VAT</cbc:ID>"))))))]),
        case("sr32", Inv, vec![replace("<cbc:Percent>19.0</cbc:Percent>\n        <cac:TaxScheme>", "<cbc:Percent>19.0</cbc:Percent><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason><cbc:TaxExemptionReason>b</cbc:TaxExemptionReason>\n        <cac:TaxScheme>")]),
        case("sr32_stray_subtotal", Cn, vec![line("<cac:TaxSubtotal><cac:TaxCategory><cbc:TaxExemptionReason>a</cbc:TaxExemptionReason><cbc:TaxExemptionReason>b</cbc:TaxExemptionReason></cac:TaxCategory></cac:TaxSubtotal>")]),
        // Allowances and charges: first match, boolean casts.
        case("sr30_doc", Inv, vec![root(&allowance(&["false"], 2))]),
        case("sr31_doc", Cn, vec![root(&allowance(&[" true "], 2))]),
        case("sr30_numeric", Inv, vec![root(&allowance(&["0"], 2))]),
        case("sr31_line", Inv, vec![line(&allowance(&["1"], 2))]),
        case("sr30_bad_indicator", Inv, vec![root(&allowance(&["yes"], 2))]),
        case("sr30_bad_then_false", Inv, vec![root(&allowance(&["yes", "false"], 2))]),
        case("sr30_false_then_bad", Inv, vec![root(&allowance(&["false", "yes"], 2))]),
        case("sr30_true_and_false", Inv, vec![root(&allowance(&["true", "false"], 2))]),
        case("sr31_true_then_bad", Cn, vec![root(&allowance(&["true", "TRUE"], 2))]),
        case("sr30_no_indicator", Inv, vec![root(&allowance(&[], 2))]),
        // Supporting documents.
        case("sr33", Inv, vec![root(&adr(&format!("{}<cbc:DocumentDescription>a</cbc:DocumentDescription><cbc:DocumentDescription>b</cbc:DocumentDescription>", id("1"))))]),
        case("sr43_code_50_invoice", Inv, vec![root(&adr(&format!("{}<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>", id("1"))))]),
        case("sr43_code_50_credit_note", Cn, vec![root(&adr(&format!("{}<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>", id("1"))))]),
        case("sr43_code_916", Cn, vec![root(&adr(&format!("{}<cbc:DocumentTypeCode>916</cbc:DocumentTypeCode>", id("1"))))]),
        case("sr43_scheme_attr", Inv, vec![root(&adr("<cbc:ID scheme=\"x\">1</cbc:ID>"))]),
        case("sr43_scheme_id_attr", Inv, vec![root(&adr("<cbc:ID schemeID=\"x\">1</cbc:ID>"))]),
        case("sr43_two_codes", Inv, vec![root(&adr(&format!("{}<cbc:DocumentTypeCode>1</cbc:DocumentTypeCode><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>", id("1"))))]),
        case("sr43_in_line", Inv, vec![line(&reference("DocumentReference", &adr(&format!("{}<cbc:DocumentTypeCode>1</cbc:DocumentTypeCode>", id("1")))))]),
        // Odd UBL-CR rules.
        case("cr002_21", Inv, vec![root("<cbc:UBLVersionID>2.1</cbc:UBLVersionID>")]),
        case("cr002_20", Cn, vec![root("<cbc:UBLVersionID>2.0</cbc:UBLVersionID>")]),
        case("cr002_padded", Inv, vec![root("<cbc:UBLVersionID>2.1 </cbc:UBLVersionID>")]),
        case("cr002_two", Inv, vec![root("<cbc:UBLVersionID>2.0</cbc:UBLVersionID><cbc:UBLVersionID>2.1</cbc:UBLVersionID>")]),
        case("cr002_empty", Inv, vec![root("<cbc:UBLVersionID/>")]),
        case("cr412_invoice", Inv, vec![replace(INV_MEANS, &format!("{INV_MEANS}<cbc:PaymentDueDate>2023-12-16</cbc:PaymentDueDate>"))]),
        case("cr412_credit_note", Cn, vec![root(&means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2023-12-16</cbc:PaymentDueDate>"))]),
        case("cr663", Inv, vec![replace("unitCode=\"C62\">1.0</cbc:InvoicedQuantity>", "unitCode=\"C62\" unitCodeListID=\"x\">1.0</cbc:InvoicedQuantity>")]),
        case("cr665_no_code", Inv, vec![root(&adr("<cbc:ID schemeID=\"AAA\">1</cbc:ID>"))]),
        case("cr665_code_130", Inv, vec![root(&adr("<cbc:ID schemeID=\"AAA\">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>"))]),
        case("cr665_codes_130_and_1", Cn, vec![root(&adr("<cbc:ID schemeID=\"AAA\">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cbc:DocumentTypeCode>1</cbc:DocumentTypeCode>"))]),
        case("cr665_in_line", Inv, vec![line(&adr("<cbc:ID schemeID=\"AAA\">1</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>"))]),
        case("cr666_cr673", Inv, vec![root(&adr("<cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cbc:DocumentDescription>d</cbc:DocumentDescription><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/csv\" filename=\"a.csv\">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"))]),
        case("cr666_padded_code", Inv, vec![root(&adr("<cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130 </cbc:DocumentTypeCode><cbc:DocumentDescription>d</cbc:DocumentDescription><cac:Attachment/>"))]),
        case("cr666_cn_deep", Cn, vec![line(&reference("DocumentReference", &adr("<cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cac:Attachment/>")))]),
        // Data types.
        case("dt01_three_decimals", Inv, vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00<", "<cbc:PrepaidAmount currencyID=\"RON\">0.000<")]),
        case("dt01_trailing_space", Cn, vec![replace("<cbc:PayableAmount currencyID=\"SEK\">500<", "<cbc:PayableAmount currencyID=\"SEK\">5.00 <")]),
        case("dt01_two_dots", Inv, vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00<", "<cbc:PrepaidAmount currencyID=\"RON\">0.0.0<")]),
        case("dt01_unicode", Inv, vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00<", "<cbc:PrepaidAmount currencyID=\"RON\">0.ăî<")]),
        case("dt01_price_amount", Inv, vec![replace("<cbc:PriceAmount currencyID=\"RON\">1000.0<", "<cbc:PriceAmount currencyID=\"RON\">1000.0001<")]),
        case("dt01_price_allowance", Inv, vec![replace("<cbc:BaseQuantity", "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID=\"RON\">1.001</cbc:Amount></cac:AllowanceCharge><cbc:BaseQuantity")]),
        case("dt01_price_allowance_sibling", Inv, vec![replace("<cbc:BaseQuantity", "<cac:AllowanceCharge/><cac:Other><cbc:Amount currencyID=\"RON\">1.001</cbc:Amount></cac:Other><cbc:BaseQuantity")]),
        case("dt01_price_without_allowance", Cn, vec![replace("<cbc:PriceAmount currencyID=\"SEK\">400</cbc:PriceAmount>", "<cbc:PriceAmount currencyID=\"SEK\">400</cbc:PriceAmount><cac:Other><cbc:Amount currencyID=\"SEK\">1.001</cbc:Amount></cac:Other>")]),
        case("dt01_foreign_namespace", Inv, vec![root("<foo:TotalAmount xmlns:foo=\"urn:x\">1.001</foo:TotalAmount><BareAmount xmlns=\"\">2.222</BareAmount>")]),
        case("dt01_default_namespace_cbc", Cn, vec![root("<DebitAmount xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">1.001</DebitAmount>")]),
        case("dt01_with_children", Inv, vec![root("<cbc:ExtraAmount>1.<cbc:X>0</cbc:X>0</cbc:ExtraAmount>")]),
        case("dt01_lowercase_suffix", Inv, vec![root("<cbc:Totalamount>1.001</cbc:Totalamount>")]),
        case("dt06_dt07", Inv, vec![root(&adr("<cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject>QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"))]),
        case("dt06_only", Cn, vec![root(&adr("<cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject filename=\"a\">QQ==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"))]),
        case("dt07_qualified_filename", Inv, vec![root("<cbc:XBinaryObject xmlns:q=\"urn:q\" mimeCode=\"a\" q:filename=\"b\"/>")]),
        case("dt18_name_elsewhere", Inv, vec![replace("<cbc:Name>test</cbc:Name>", "<cbc:Name name=\"n\">test</cbc:Name>")]),
        case("dt18_name_on_root", Cn, vec![replace("<CreditNote ", "<CreditNote name=\"n\" ")]),
        case("dt18_qualified_name", Inv, vec![replace("<cbc:Name>test</cbc:Name>", "<cbc:Name xmlns:q=\"urn:q\" q:name=\"n\">test</cbc:Name>")]),
        case("dt18_payment_means_only", Cn, vec![root(&means("<cbc:PaymentMeansCode name=\"a\">30</cbc:PaymentMeansCode>"))]),
        // Value corner cases.
        case("dt01_comment_inside", Inv, vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00<", "<cbc:PrepaidAmount currencyID=\"RON\">0.0<!-- c -->0<")]),
        case("dt01_cdata_and_ref", Cn, vec![replace("<cbc:PayableAmount currencyID=\"SEK\">500<", "<cbc:PayableAmount currencyID=\"SEK\">500&#46;<![CDATA[001]]><")]),
        case("dt01_empty", Inv, vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00</cbc:PrepaidAmount>", "<cbc:PrepaidAmount currencyID=\"RON\"/>")]),
        case("sr12_two_scheme_ids", Inv, vec![supplier(&party_tax("RO1", "<cbc:ID>VAT</cbc:ID><cbc:ID>GST</cbc:ID>"))]),
        case("sr30_empty_indicator", Inv, vec![root(&allowance(&[""], 2))]),
        case("cr_qualified_scheme_id", Inv, vec![replace("<cbc:ID>INV/2023/00029</cbc:ID>", "<cbc:ID xmlns:q=\"urn:q\" q:schemeID=\"x\">INV/2023/00029</cbc:ID>")]),
        case("cr_scheme_id_on_root_id", Cn, vec![replace("<cbc:ID>2018-112</cbc:ID>", "<cbc:ID schemeID=\"x\">2018-112</cbc:ID>")]),
        case("sr19_empty_payee_name", Inv, vec![root(&payee("<cac:PartyName><cbc:Name/></cac:PartyName>"))]),
        case("payee_as_line_child_without_seller", Cn, vec![line(&payee(&name("Säljbolaget AB")))]),
        // Other prefixes: `name()` changes, the rules must not.
        case("prefixes_renamed", Inv, vec![
            root("<cbc:UUID>1</cbc:UUID><cbc:ExtraAmount>1.001</cbc:ExtraAmount>"),
            line("<cac:Price><cac:AllowanceCharge/><cbc:BaseAmount>1.001</cbc:BaseAmount></cac:Price>"),
            Edit::ReplaceAll("cbc:".into(), "b:".into()),
            Edit::ReplaceAll("cac:".into(), "Amount:".into()),
            Edit::ReplaceAll("xmlns:cbc=".into(), "xmlns:b=".into()),
            Edit::ReplaceAll("xmlns:cac=".into(), "xmlns:Amount=".into()),
        ]),
        case("default_namespace_cbc", Cn, vec![
            root("<cbc:UBLVersionID>2.0</cbc:UBLVersionID><TaxAmount xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">1.234</TaxAmount>"),
            Edit::ReplaceAll("<CreditNote xmlns:cac".into(), "<cn:CreditNote xmlns:cn=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\" xmlns:cac".into()),
            Edit::ReplaceAll("</CreditNote>".into(), "</cn:CreditNote>".into()),
        ]),
        // Root in the wrong namespace: no root context, the other contexts still run.
        case("wrong_root_namespace", Inv, vec![
            replace("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"", "<Invoice xmlns=\"urn:example:not-ubl\""),
            root(&twice(&reference("ContractDocumentReference", &id("1")))),
            root("<cbc:UUID>1</cbc:UUID>"),
            root(&payee(&name("a"))),
        ]),
        case("credit_note_root_invoice_namespace", Cn, vec![
            replace("xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"", "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""),
            root("<cbc:UUID>1</cbc:UUID>"),
        ]),
    ];
    // UBL-DT-08..28: every forbidden attribute, several per document (distinct ids).
    let attrs = [
        "schemeName",
        "schemeAgencyName",
        "schemeDataURI",
        "schemeURI",
        "format",
        "unitCodeListIdentifier",
        "unitCodeListAgencyIdentifier",
        "unitCodeListAgencyName",
        "listAgencyName",
        "listName",
        "languageID",
        "listURI",
        "listSchemeURI",
        "languageLocaleID",
        "uri",
        "currencyCodeListVersionID",
        "characterSetCode",
        "encodingCode",
        "schemeAgencyID",
        "listAgencyID",
    ];
    for (i, chunk) in attrs.chunks(5).enumerate() {
        let elements: String = chunk
            .iter()
            .map(|a| format!("<cbc:Note {a}=\"x\">n</cbc:Note>"))
            .collect();
        v.push(case(
            &format!("dt_attrs_{i}"),
            if i % 2 == 0 { Inv } else { Cn },
            vec![root(&elements)],
        ));
        let deep: String = chunk
            .iter()
            .map(|a| format!("<cbc:Note xmlns:q=\"urn:q\" q:{a}=\"x\">n</cbc:Note>"))
            .collect();
        v.push(case(
            &format!("dt_attrs_{i}_qualified"),
            Inv,
            vec![line(&deep)],
        ));
    }
    both(&mut v, "empty_elements", || {
        vec![root(
            "<cac:InvoicePeriod/><cac:InvoicePeriod/><cac:PayeeParty/><cac:BillingReference/><cac:AllowanceCharge/><cac:AdditionalDocumentReference/>",
        )]
    });
    v
}

/// Writes every generated case into `out`; returns how many were written.
pub fn write_cases(shared: &Path, out: &Path) -> usize {
    let bases = Bases::read(&mutations_dir());
    let mut cases = cr_cases(shared);
    cases.extend(sr_dt_cases());
    let mut names = BTreeSet::new();
    for c in &cases {
        let mut text = bases.get(c.base == Base::Inv).to_owned();
        for e in &c.edits {
            text = apply(&text, c.base, e, &c.name);
        }
        write_case(out, &mut names, &c.name, &text);
    }
    cases.len()
}

fn syntax_scope() -> Scope {
    Scope::family("the UBL-* ids", |id| id.starts_with("UBL-"))
}

/// Runs the oracle with `args` over `inputs` and compares the UBL-* ids of every document it
/// completes; returns (compared, aborted, differing) and adds the ids the oracle fired to
/// `fired`.
fn compare_with(
    python: &Path,
    args: &[&std::ffi::OsStr],
    inputs: &[PathBuf],
    fired: &mut BTreeSet<String>,
) -> (usize, usize, usize) {
    let scope = syntax_scope();
    let result = compare(&run_oracle_with(python, args, inputs), &scope);
    print_report(TEST, &scope, &result, &|_| String::new());
    fired.extend(result.oracle_fired.keys().cloned());
    (
        result.compared,
        result.aborted.len(),
        result.differences.len(),
    )
}

/// The official bundle XSLT with only the `UBL-syntax` pattern (mode M13) applied: the other
/// patterns abort on most documents with repeated elements (`normalize-space` of two nodes),
/// which would leave the repetition rules untested. Patterns are independent, so this is
/// exactly what the bundle reports for this pattern whenever it completes.
fn syntax_only_xslt(shared: &Path, out: &Path) -> PathBuf {
    let xslt =
        std::fs::read_to_string(shared.join("cius-ro/xslt/EN16931-CIUS_RO-UBL-validation.xslt"))
            .unwrap();
    let mut kept = String::new();
    let mut removed = 0;
    for line in xslt.lines() {
        let t = line.trim();
        if t.starts_with("<xsl:apply-templates mode=\"M")
            && t.ends_with("select=\"/\" />")
            && !t.contains("\"M13\"")
        {
            removed += 1;
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    assert_eq!(removed, 3, "the bundle XSLT changed shape");
    let path = out.join("syntax-only.xslt");
    std::fs::write(&path, kept).unwrap();
    path
}

#[test]
fn syntax_cases_match_the_oracle() {
    let Some(python) = oracle_setup(TEST) else {
        return;
    };
    let shared = conformance_dir();
    let dir = CaseDir::new("EN_SYNTAX_CASES_DIR");
    let written = write_cases(&shared, &dir.path);
    let cases = std::slice::from_ref(&dir.path);
    let mut fired = BTreeSet::new();
    let whole = compare_with(
        &python,
        &["--profile".as_ref(), "anaf".as_ref()],
        cases,
        &mut fired,
    );
    eprintln!(
        "syntax cases, whole bundle: {written} written, {} compared ({} aborted), {} differ",
        whole.0, whole.1, whole.2
    );
    let xslt = syntax_only_xslt(&shared, dir.temp.path());
    let spec = format!("syntax={}", xslt.display());
    let alone_args = ["--xslt".as_ref(), spec.as_ref()];
    let alone = compare_with(&python, &alone_args, cases, &mut fired);
    eprintln!(
        "syntax cases, UBL-syntax alone: {} compared ({} aborted), {} differ; {} distinct UBL ids fired",
        alone.0,
        alone.1,
        alone.2,
        fired.len()
    );
    // `EN_SYNTAX_CORPUS=1`: the pattern alone over the corpus too (documents the whole bundle
    // aborts on are compared this way).
    if std::env::var_os("EN_SYNTAX_CORPUS").is_some() {
        let corpus = compare_with(&python, &alone_args, &corpus_folders(), &mut fired);
        eprintln!(
            "corpus, UBL-syntax alone: {} compared ({} aborted), {} differ",
            corpus.0, corpus.1, corpus.2
        );
        assert_eq!(corpus.2, 0);
    }
    assert_eq!(whole.0 + whole.1, written);
    assert_eq!(alone.0 + alone.1, written);
    assert!(
        alone.1 <= 2,
        "the syntax pattern alone aborted on {} cases",
        alone.1
    );
    assert_eq!((whole.2, alone.2), (0, 0));
}

/// Rough cost of the pattern on a large invoice, next to parsing it (debug build: compare the
/// ratio only). `cargo test --test it syntax_timing -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run by hand"]
fn syntax_timing() {
    use spvdesk::validation::full::doc::Doc;
    use spvdesk::validation::full::en::syntax;
    let inv = Bases::read(&mutations_dir()).invoice;
    let start = inv.find("  <cac:InvoiceLine>").unwrap();
    let end = inv.find("</Invoice>").unwrap();
    let big = format!(
        "{}{}{}",
        &inv[..start],
        inv[start..end].repeat(5000),
        &inv[end..]
    );
    let limits = Limits {
        max_bytes: 100_000_000,
        ..Limits::default()
    };
    let t = std::time::Instant::now();
    let doc = Doc::parse(big.as_bytes(), &limits).unwrap();
    let parse = t.elapsed();
    let t = std::time::Instant::now();
    let mut hits = Vec::new();
    for n in 0..doc.node_count() {
        syntax::check_node(&doc, n, &mut hits);
    }
    let check = t.elapsed();
    eprintln!(
        "{} nodes: parse {parse:?}, UBL-syntax {check:?}, {} hits",
        doc.node_count(),
        hits.len()
    );
}
