//! Generated cases for the code-list rules (pattern `Codesmodel`, BR-CL-*), checked against the
//! oracle: the ANAF-accepted base invoice and the base credit note of
//! `testcases/cius-ro/mutations/`, edited as text so that every rule has documents where it
//! fires and where it stays silent, in an Invoice and a CreditNote, with the corner cases of the
//! official tests (whitespace around and inside values, empty elements and attributes, case,
//! comments/CDATA/character references inside values, contexts in the wrong place or namespace,
//! `@schemeID` present or not, the boolean cast of `cbc:ChargeIndicator`, attributes on any
//! element).
//!
//! Each case states whether its rule fires; the oracle decides, and the test demands that (a) the
//! oracle agrees with that statement (it pins the semantics down and proves the coverage) and
//! (b) our BR-CL findings equal the oracle's on every case.
//!
//! Set `EN_CODES_CASES_OUT=dir` to also keep the documents in `dir` (e.g. for `EN_EXTRA_CASES`).

use std::collections::BTreeSet;
use std::path::Path;

use spvdesk::validation::full::en::{Pattern, messages::MESSAGES};

use crate::bundle_common::{
    Answer, Bases, CaseDir, Scope, compare, mutations_dir, oracle_setup, print_report, run_oracle,
    write_case,
};

const TEST: &str = "codes_cases";

/// One generated document: an edit of a base, the rule it exercises and whether it must fire.
struct Case {
    name: String,
    base: Base,
    edits: Vec<Edit>,
    rule: &'static str,
    fires: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Invoice,
    CreditNote,
}

/// A text edit. `After`/`Before` walk a chain of anchors (each searched after the previous one)
/// and insert next to the last one, so one helper serves both bases whatever their indentation.
enum Edit {
    After(Vec<&'static str>, String),
    Before(Vec<&'static str>, String),
    Replace(&'static str, String),
    /// Replaces the first `find` after the chain of anchors.
    ReplaceAfter(Vec<&'static str>, &'static str, String),
}

fn apply(text: &str, edit: &Edit) -> Option<String> {
    let locate = |anchors: &[&str]| -> Option<(usize, usize)> {
        let mut from = 0;
        let mut found = None;
        for a in anchors {
            let at = from + text[from..].find(a)?;
            found = Some((at, at + a.len()));
            from = at + a.len();
        }
        found
    };
    let (at, with) = match edit {
        Edit::After(anchors, xml) => (locate(anchors)?.1, xml),
        Edit::Before(anchors, xml) => (locate(anchors)?.0, xml),
        Edit::Replace(find, with) => return replace_from(text, 0, find, with),
        Edit::ReplaceAfter(anchors, find, with) => {
            return replace_from(text, locate(anchors)?.1, find, with);
        }
    };
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..at]);
    out.push_str(with);
    out.push_str(&text[at..]);
    Some(out)
}

fn replace_from(text: &str, from: usize, find: &str, with: &str) -> Option<String> {
    let start = from + text[from..].find(find)?;
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..start]);
    out.push_str(with);
    out.push_str(&text[start + find.len()..]);
    Some(out)
}

/// Header-level elements go right before the seller.
fn at_root(xml: &str) -> Edit {
    Edit::Before(vec!["<cac:AccountingSupplierParty>"], xml.to_owned())
}

/// Inside the first line, after its `cbc:ID`.
fn in_line(xml: &str) -> Edit {
    Edit::After(vec!["<cbc:ID>1</cbc:ID>"], xml.to_owned())
}

/// Inside the first line's `cac:Item`.
fn in_item(xml: &str) -> Edit {
    Edit::After(vec!["<cac:Item>"], xml.to_owned())
}

fn in_seller(xml: &str) -> Edit {
    Edit::After(
        vec!["<cac:AccountingSupplierParty>", "<cac:Party>"],
        xml.to_owned(),
    )
}

fn in_buyer(xml: &str) -> Edit {
    Edit::After(
        vec!["<cac:AccountingCustomerParty>", "<cac:Party>"],
        xml.to_owned(),
    )
}

fn in_seller_legal(xml: &str) -> Edit {
    Edit::After(
        vec![
            "<cac:AccountingSupplierParty>",
            "<cac:PartyLegalEntity>",
            "</cbc:RegistrationName>",
        ],
        xml.to_owned(),
    )
}

fn in_tax_category(xml: &str) -> Edit {
    Edit::After(vec!["<cac:TaxCategory>", "</cbc:Percent>"], xml.to_owned())
}

fn element(name: &str, attrs: &str, value: &str) -> String {
    format!("<{name}{attrs}>{value}</{name}>")
}

fn replace(find: &'static str, with: &str) -> Edit {
    Edit::Replace(find, with.to_owned())
}

fn allowance(indicators: &[&str], code: &str) -> String {
    let mut s = String::from("<cac:AllowanceCharge>");
    for i in indicators {
        s += &element("cbc:ChargeIndicator", "", i);
    }
    s += &element("cbc:AllowanceChargeReasonCode", "", code);
    s += "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID=\"RON\">0.00</cbc:Amount>";
    s += "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>";
    s
}

fn doc_ref(tag: &str, scheme: &str, type_codes: &[&str]) -> String {
    let mut s = format!("<cac:{tag}>");
    s += &element("cbc:ID", scheme, "REF-1");
    for t in type_codes {
        s += &element("cbc:DocumentTypeCode", "", t);
    }
    s += &format!("</cac:{tag}>");
    s
}

fn attachment(mime: &str) -> String {
    format!(
        "<cac:AdditionalDocumentReference><cbc:ID>ATT-1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject{mime} filename=\"a.pdf\">aGVsbG8=</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>"
    )
}

fn party_id(scheme: &str) -> String {
    format!(
        "<cac:PartyIdentification>{}</cac:PartyIdentification>",
        element("cbc:ID", scheme, "P-1")
    )
}

// One case per line reads as a table; rustfmt would spread each over a dozen lines.
#[rustfmt::skip]
fn all_cases() -> Vec<Case> {
    use Base::{CreditNote as CN, Invoice as INV};
    let mut v: Vec<Case> = Vec::new();
    let mut add = |name: &str, base: Base, rule: &'static str, fires: bool, edits: Vec<Edit>| {
        v.push(Case {
            name: format!(
                "codes_{}_{}_{name}.xml",
                rule.to_lowercase().replace('-', ""),
                if base == INV { "inv" } else { "cn" }
            ),
            base,
            edits,
            rule,
            fires,
        });
    };
    let inv_type = |v: &str| {
        replace(
            "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
            &format!("<cbc:InvoiceTypeCode>{v}</cbc:InvoiceTypeCode>"),
        )
    };
    let cn_type = |v: &str| {
        replace(
            "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>",
            &format!("<cbc:CreditNoteTypeCode>{v}</cbc:CreditNoteTypeCode>"),
        )
    };

    // BR-CL-01: document type codes, per element name.
    add("base", INV, "BR-CL-01", false, vec![]);
    add("base", CN, "BR-CL-01", false, vec![]);
    add("381", INV, "BR-CL-01", true, vec![inv_type("381")]);
    add("padded_751", INV, "BR-CL-01", false, vec![inv_type("\t751\n ")]);
    add("two_codes", INV, "BR-CL-01", true, vec![inv_type("380 384")]);
    add("empty", INV, "BR-CL-01", true, vec![inv_type("")]);
    add("comment_inside", INV, "BR-CL-01", false, vec![inv_type("38<!-- c -->0")]);
    add("cdata_and_ref", INV, "BR-CL-01", false, vec![inv_type("<![CDATA[38]]>&#48;&#32;")]);
    add("nbsp", INV, "BR-CL-01", true, vec![inv_type("380&#160;")]);
    add("child_element", INV, "BR-CL-01", false, vec![inv_type("<cbc:X>380</cbc:X>")]);
    add("380", CN, "BR-CL-01", true, vec![cn_type("380")]);
    add("padded_81", CN, "BR-CL-01", false, vec![cn_type(" 81 ")]);
    add("split", CN, "BR-CL-01", true, vec![cn_type("3 81")]);
    add("self_closing", CN, "BR-CL-01", true, vec![replace("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>", "<cbc:CreditNoteTypeCode/>")]);
    add("root_in_other_namespace", CN, "BR-CL-01", true, vec![cn_type("380"), replace("xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"", "xmlns=\"urn:other\"")]);
    add("invoice_code_in_cn_ok", CN, "BR-CL-01", false, vec![at_root("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>")]);
    add("invoice_code_in_cn_bad", CN, "BR-CL-01", true, vec![at_root("<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>")]);
    add("text_then_child", INV, "BR-CL-01", false, vec![inv_type("38<cbc:X>0</cbc:X>")]);
    add("root_in_other_namespace", INV, "BR-CL-01", true, vec![inv_type("999"), replace("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"", "<Invoice xmlns=\"urn:other\"")]);
    add("other_namespace", INV, "BR-CL-01", false, vec![at_root("<InvoiceTypeCode xmlns=\"urn:other\">999</InvoiceTypeCode><cac:InvoiceTypeCode>999</cac:InvoiceTypeCode>")]);

    // BR-CL-03: every unprefixed @currencyID, on any element.
    let inv_doc_cur_attr = |v: &str| {
        replace(
            "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode>",
            &format!("<cbc:DocumentCurrencyCode currencyID=\"{v}\">RON</cbc:DocumentCurrencyCode>"),
        )
    };
    let inv_currency = |v: &str| {
        replace(
            "<cbc:PrepaidAmount currencyID=\"RON\">",
            &format!("<cbc:PrepaidAmount currencyID=\"{v}\">"),
        )
    };
    let cn_currency = |v: &str| {
        replace(
            "<cbc:PayableAmount currencyID=\"SEK\">",
            &format!("<cbc:PayableAmount currencyID=\"{v}\">"),
        )
    };
    add("base", INV, "BR-CL-03", false, vec![]);
    add("base", CN, "BR-CL-03", false, vec![]);
    add("lower", INV, "BR-CL-03", true, vec![inv_currency("ron")]);
    add("padded", INV, "BR-CL-03", false, vec![inv_currency(" RON\t")]);
    add("char_refs", INV, "BR-CL-03", false, vec![inv_currency("&#9;RON&#10;")]);
    add("inner_tab", INV, "BR-CL-03", true, vec![inv_currency("R&#9;ON")]);
    add("empty", INV, "BR-CL-03", true, vec![inv_currency("")]);
    add("eur", INV, "BR-CL-03", false, vec![inv_currency("EUR")]);
    add("on_note", INV, "BR-CL-03", true, vec![at_root("<cbc:Note currencyID=\"ABC\">n</cbc:Note>")]);
    add("on_root", INV, "BR-CL-03", true, vec![replace("<Invoice xmlns=", "<Invoice currencyID=\"ABC\" xmlns=")]);
    add("prefixed", INV, "BR-CL-03", false, vec![at_root("<cbc:Note xmlns:q=\"urn:q\" q:currencyID=\"XXX\">n</cbc:Note>")]);
    add("on_currency_code", INV, "BR-CL-03", true, vec![inv_doc_cur_attr("ABC")]);
    add("sek_lower", CN, "BR-CL-03", true, vec![cn_currency("sek")]);
    add("eur", CN, "BR-CL-03", false, vec![cn_currency("EUR")]);
    add("nbsp", CN, "BR-CL-03", true, vec![cn_currency("SEK&#160;")]);
    add("in_extension", CN, "BR-CL-03", true, vec![Edit::Before(vec!["<cbc:CustomizationID>"], "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent><Anything xmlns=\"urn:x\" currencyID=\"EURO\"/></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>".to_owned())]);
    add("xml_lang_ok", CN, "BR-CL-03", false, vec![at_root("<cbc:Note xml:lang=\"ro\" currencyID=\" EUR \">n</cbc:Note>")]);

    // BR-CL-04 / BR-CL-05: document and tax currency.
    let inv_doc_cur = |v: &str| {
        replace(
            "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode>",
            &format!("<cbc:DocumentCurrencyCode>{v}</cbc:DocumentCurrencyCode>"),
        )
    };
    let cn_doc_cur = |v: &str| {
        replace(
            "<cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>",
            &format!("<cbc:DocumentCurrencyCode>{v}</cbc:DocumentCurrencyCode>"),
        )
    };
    let cn_tax_cur = |v: &str| {
        replace(
            "<cbc:TaxCurrencyCode>RON</cbc:TaxCurrencyCode>",
            &format!("<cbc:TaxCurrencyCode>{v}</cbc:TaxCurrencyCode>"),
        )
    };
    let inv_tax_cur = |v: &str| {
        Edit::After(
            vec!["</cbc:DocumentCurrencyCode>"],
            format!("<cbc:TaxCurrencyCode>{v}</cbc:TaxCurrencyCode>"),
        )
    };
    add("base", INV, "BR-CL-04", false, vec![]);
    add("euro", INV, "BR-CL-04", true, vec![inv_doc_cur("EURO")]);
    add("padded", INV, "BR-CL-04", false, vec![inv_doc_cur("\n EUR \n")]);
    add("empty", INV, "BR-CL-04", true, vec![inv_doc_cur("")]);
    add("base", CN, "BR-CL-04", false, vec![]);
    add("abc", CN, "BR-CL-04", true, vec![cn_doc_cur("ABC")]);
    add("base", CN, "BR-CL-05", false, vec![]);
    add("split", CN, "BR-CL-05", true, vec![cn_tax_cur("RO N")]);
    add("padded", CN, "BR-CL-05", false, vec![cn_tax_cur(" EUR")]);
    add("eur", INV, "BR-CL-05", false, vec![inv_tax_cur("EUR")]);
    add("lower", INV, "BR-CL-05", true, vec![inv_tax_cur("eur")]);
    add("in_extension", INV, "BR-CL-05", true, vec![Edit::Before(vec!["<cbc:CustomizationID>"], "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent><cbc:TaxCurrencyCode>QQQ</cbc:TaxCurrencyCode></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>".to_owned())]);

    // BR-CL-06: only cac:InvoicePeriod/cbc:DescriptionCode.
    let period = |v: &str| {
        format!(
            "<cac:InvoicePeriod><cbc:StartDate>2023-12-01</cbc:StartDate><cbc:DescriptionCode>{v}</cbc:DescriptionCode></cac:InvoicePeriod>"
        )
    };
    add("35", INV, "BR-CL-06", false, vec![at_root(&period("35"))]);
    add("padded_432", INV, "BR-CL-06", false, vec![at_root(&period(" 432 "))]);
    add("1", INV, "BR-CL-06", true, vec![at_root(&period("1"))]);
    add("empty", INV, "BR-CL-06", true, vec![at_root(&period(""))]);
    add("line_period", INV, "BR-CL-06", true, vec![in_line(&period("99"))]);
    add("other_parent", INV, "BR-CL-06", false, vec![at_root("<cac:Delivery><cbc:DescriptionCode>1</cbc:DescriptionCode></cac:Delivery>")]);
    add("cac_named", INV, "BR-CL-06", false, vec![at_root("<cac:InvoicePeriod><cac:DescriptionCode>1</cac:DescriptionCode></cac:InvoicePeriod>")]);
    add("two_codes", CN, "BR-CL-06", true, vec![at_root(&period("3 35"))]);
    add("3", CN, "BR-CL-06", false, vec![at_root(&period("3"))]);

    // BR-CL-07: object identifier scheme, only when a DocumentTypeCode is exactly '130'.
    let adr = |scheme: &str, codes: &[&str]| {
        at_root(&doc_ref("AdditionalDocumentReference", scheme, codes))
    };
    add("aaa", INV, "BR-CL-07", false, vec![adr(" schemeID=\"AAA\"", &["130"])]);
    add("padded", INV, "BR-CL-07", false, vec![adr(" schemeID=\" ABT \"", &["130"])]);
    add("bad", INV, "BR-CL-07", true, vec![adr(" schemeID=\"XYZ\"", &["130"])]);
    add("empty", INV, "BR-CL-07", true, vec![adr(" schemeID=\"\"", &["130"])]);
    add("no_scheme", INV, "BR-CL-07", false, vec![adr("", &["130"])]);
    add("padded_130", INV, "BR-CL-07", false, vec![adr(" schemeID=\"XYZ\"", &[" 130"])]);
    add("second_type_130", INV, "BR-CL-07", true, vec![adr(" schemeID=\"XYZ\"", &["1", "130"])]);
    add("not_130", INV, "BR-CL-07", false, vec![adr(" schemeID=\"XYZ\"", &["50"])]);
    add("no_type", INV, "BR-CL-07", false, vec![adr(" schemeID=\"XYZ\"", &[])]);
    add("line_doc_ref", INV, "BR-CL-07", true, vec![in_line(&doc_ref("DocumentReference", " schemeID=\"XYZ\"", &["130"]))]);
    add("bad", CN, "BR-CL-07", true, vec![adr(" schemeID=\"ZZZZ\"", &["130"])]);
    add("ok", CN, "BR-CL-07", false, vec![adr(" schemeID=\"ZZZ\"", &["130"])]);

    // BR-CL-10: party identifier schemes; SEPA only below the seller or the payee.
    add("seller_0088", INV, "BR-CL-10", false, vec![in_seller(&party_id(" schemeID=\"0088\""))]);
    add("seller_sepa", INV, "BR-CL-10", false, vec![in_seller(&party_id(" schemeID=\"SEPA\""))]);
    add("buyer_sepa", INV, "BR-CL-10", true, vec![in_buyer(&party_id(" schemeID=\"SEPA\""))]);
    add("buyer_padded", INV, "BR-CL-10", false, vec![in_buyer(&party_id(" schemeID=\" 0088 \""))]);
    add("buyer_bad", INV, "BR-CL-10", true, vec![in_buyer(&party_id(" schemeID=\"9999\""))]);
    add("buyer_two", INV, "BR-CL-10", true, vec![in_buyer(&party_id(" schemeID=\"0088 0089\""))]);
    add("no_scheme", INV, "BR-CL-10", false, vec![in_buyer(&party_id(""))]);
    add("payee_sepa", INV, "BR-CL-10", false, vec![at_root(&format!("<cac:PayeeParty>{}<cac:PartyName><cbc:Name>P</cbc:Name></cac:PartyName></cac:PayeeParty>", party_id(" schemeID=\"SEPA\"")))]);
    add("seller_bad", CN, "BR-CL-10", true, vec![in_seller(&party_id(" schemeID=\"XX\""))]);
    add("seller_sepa", CN, "BR-CL-10", false, vec![in_seller(&party_id(" schemeID=\"SEPA\""))]);
    add("payee_sepa", CN, "BR-CL-10", false, vec![at_root(&format!("<cac:PayeeParty><cac:PartyName><cbc:Name>P</cbc:Name></cac:PartyName>{}</cac:PayeeParty>", party_id(" schemeID=\" SEPA\"")))]);
    add("payee_cbc_sepa", CN, "BR-CL-10", true, vec![at_root(&format!("<cbc:PayeeParty>{}</cbc:PayeeParty>", party_id(" schemeID=\"SEPA\"")))]);
    add("tax_rep_sepa", INV, "BR-CL-10", true, vec![at_root(&format!("<cac:TaxRepresentativeParty>{}<cac:PartyName><cbc:Name>R</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty>", party_id(" schemeID=\"SEPA\"")))]);
    add("seller_sepa_split", INV, "BR-CL-10", true, vec![in_seller(&party_id(" schemeID=\"SE PA\""))]);
    add("buyer_sepa_lower", CN, "BR-CL-10", true, vec![in_buyer(&party_id(" schemeID=\"sepa\""))]);

    // BR-CL-11: legal registration scheme.
    let legal = |scheme: &str| in_seller_legal(&element("cbc:CompanyID", scheme, "J12/1/2020"));
    add("ok", INV, "BR-CL-11", false, vec![legal(" schemeID=\"0007\"")]);
    add("bad", INV, "BR-CL-11", true, vec![legal(" schemeID=\"ABC\"")]);
    add("empty", INV, "BR-CL-11", true, vec![legal(" schemeID=\"\"")]);
    add("no_scheme", INV, "BR-CL-11", false, vec![legal("")]);
    add("bad", CN, "BR-CL-11", true, vec![legal(" schemeID=\"X\"")]);
    add("padded", CN, "BR-CL-11", false, vec![legal(" schemeID=\"0007 \"")]);

    // BR-CL-13: item classification list.
    let class = |list: &str| {
        in_item(&format!(
            "<cac:CommodityClassification>{}</cac:CommodityClassification>",
            element("cbc:ItemClassificationCode", list, "123")
        ))
    };
    add("sti", INV, "BR-CL-13", false, vec![class(" listID=\"STI\"")]);
    add("padded", INV, "BR-CL-13", false, vec![class(" listID=\" STI \"")]);
    add("bad", INV, "BR-CL-13", true, vec![class(" listID=\"XX\"")]);
    add("no_list", INV, "BR-CL-13", false, vec![class("")]);
    add("lower", CN, "BR-CL-13", true, vec![class(" listID=\"sti\"")]);
    add("ok", CN, "BR-CL-13", false, vec![class(" listID=\"ZZZ\"")]);

    // BR-CL-14 / BR-CL-15: countries.
    let seller_country = |v: &str| {
        Edit::Replace(
            "<cbc:IdentificationCode>RO</cbc:IdentificationCode>",
            format!("<cbc:IdentificationCode>{v}</cbc:IdentificationCode>"),
        )
    };
    add("base", INV, "BR-CL-14", false, vec![]);
    add("lower", INV, "BR-CL-14", true, vec![seller_country("ro")]);
    add("padded", INV, "BR-CL-14", false, vec![seller_country(" RO ")]);
    add("empty", INV, "BR-CL-14", true, vec![seller_country("")]);
    add("1a", INV, "BR-CL-14", false, vec![seller_country("1A")]);
    add("xx", CN, "BR-CL-14", true, vec![seller_country("XX")]);
    add("base", CN, "BR-CL-14", false, vec![]);
    let origin = |v: &str| {
        in_item(&format!(
            "<cac:OriginCountry><cbc:IdentificationCode>{v}</cbc:IdentificationCode></cac:OriginCountry>"
        ))
    };
    add("de", INV, "BR-CL-15", false, vec![origin("DE")]);
    add("deu", INV, "BR-CL-15", true, vec![origin("DEU")]);
    add("empty", CN, "BR-CL-15", true, vec![origin("")]);
    add("padded", CN, "BR-CL-15", false, vec![origin("\nFR\n")]);

    // BR-CL-16: payment means.
    let inv_pm = |v: &str| {
        replace(
            "<cbc:PaymentMeansCode name=\"credit transfer\">30</cbc:PaymentMeansCode>",
            &format!("<cbc:PaymentMeansCode name=\"credit transfer\">{v}</cbc:PaymentMeansCode>"),
        )
    };
    let cn_pm = |v: &str| {
        Edit::Before(
            vec!["<cac:TaxTotal>"],
            format!(
                "<cac:PaymentMeans><cbc:PaymentMeansCode>{v}</cbc:PaymentMeansCode></cac:PaymentMeans>"
            ),
        )
    };
    add("base", INV, "BR-CL-16", false, vec![]);
    add("zzz", INV, "BR-CL-16", false, vec![inv_pm("ZZZ")]);
    add("padded", INV, "BR-CL-16", false, vec![inv_pm(" 31 ")]);
    add("99", INV, "BR-CL-16", true, vec![inv_pm("99")]);
    add("empty", INV, "BR-CL-16", true, vec![inv_pm("")]);
    add("1", CN, "BR-CL-16", false, vec![cn_pm("1")]);
    add("0", CN, "BR-CL-16", true, vec![cn_pm("0")]);

    // BR-CL-17 / BR-CL-18: tax categories.
    let cat = |v: &str| Edit::Replace("<cbc:ID>S</cbc:ID>", format!("<cbc:ID>{v}</cbc:ID>"));
    let line_cat = |v: &str| {
        Edit::ReplaceAfter(
            vec!["<cac:ClassifiedTaxCategory>"],
            "<cbc:ID>S</cbc:ID>",
            format!("<cbc:ID>{v}</cbc:ID>"),
        )
    };
    add("base", INV, "BR-CL-17", false, vec![]);
    add("lower", INV, "BR-CL-17", true, vec![cat("s")]);
    add("padded", INV, "BR-CL-17", false, vec![cat(" S ")]);
    add("q", CN, "BR-CL-17", true, vec![cat("Q")]);
    add("ae", CN, "BR-CL-17", false, vec![cat("AE")]);
    add("cbc_parent", INV, "BR-CL-17", false, vec![at_root("<cbc:TaxCategory><cbc:ID>X</cbc:ID></cbc:TaxCategory>")]);
    add("base", INV, "BR-CL-18", false, vec![]);
    add("zz", INV, "BR-CL-18", true, vec![line_cat("ZZ")]);
    add("empty", CN, "BR-CL-18", true, vec![line_cat("")]);
    add("z", CN, "BR-CL-18", false, vec![line_cat(" Z")]);

    // BR-CL-19 / BR-CL-20: allowance and charge reason codes, chosen by the boolean cast.
    add("false_95", INV, "BR-CL-19", false, vec![at_root(&allowance(&["false"], "95"))]);
    add("zero_padded", INV, "BR-CL-19", false, vec![at_root(&allowance(&[" 0 "], " 95\n"))]);
    add("false_aa", INV, "BR-CL-19", true, vec![at_root(&allowance(&["false"], "AA"))]);
    add("false_empty", INV, "BR-CL-19", true, vec![at_root(&allowance(&["false"], ""))]);
    add("true_false_aa", INV, "BR-CL-19", true, vec![at_root(&allowance(&["true", "false"], "AA"))]);
    add("line_1", INV, "BR-CL-19", true, vec![in_line(&allowance(&["0"], "1"))]);
    add("no_indicator", INV, "BR-CL-19", false, vec![at_root(&allowance(&[], "x"))]);
    add("false_aa", CN, "BR-CL-19", true, vec![at_root(&allowance(&["false"], "AA"))]);
    add("false_105", CN, "BR-CL-19", false, vec![at_root(&allowance(&["false"], "105"))]);
    add("true_aa", INV, "BR-CL-20", false, vec![at_root(&allowance(&["true"], "AA"))]);
    add("one_padded", INV, "BR-CL-20", false, vec![at_root(&allowance(&["1"], " FC "))]);
    add("true_95", INV, "BR-CL-20", true, vec![at_root(&allowance(&["true"], "95"))]);
    add("true_padded_split", INV, "BR-CL-20", true, vec![at_root(&allowance(&[" true "], "A A"))]);
    add("line_true", INV, "BR-CL-20", true, vec![in_line(&allowance(&["true"], "ZZZZ"))]);
    add("true_zzz", CN, "BR-CL-20", false, vec![at_root(&allowance(&["true"], "ZZZ"))]);
    add("true_lower", CN, "BR-CL-20", true, vec![at_root(&allowance(&["true"], "aa"))]);

    // BR-CL-21: standard item identifier scheme.
    let std_id = |scheme: &str| {
        in_item(&format!(
            "<cac:StandardItemIdentification>{}</cac:StandardItemIdentification>",
            element("cbc:ID", scheme, "1234567890123")
        ))
    };
    add("0160", INV, "BR-CL-21", false, vec![std_id(" schemeID=\"0160\"")]);
    add("gtin", INV, "BR-CL-21", true, vec![std_id(" schemeID=\"GTIN\"")]);
    add("no_scheme", INV, "BR-CL-21", false, vec![std_id("")]);
    add("empty", CN, "BR-CL-21", true, vec![std_id(" schemeID=\"\"")]);
    add("padded", CN, "BR-CL-21", false, vec![std_id(" schemeID=\"&#10;0160\"")]);

    // BR-CL-22: VATEX codes, looked up upper-cased.
    let vatex = |v: &str| in_tax_category(&element("cbc:TaxExemptionReasonCode", "", v));
    add("ae", INV, "BR-CL-22", false, vec![vatex("VATEX-EU-AE")]);
    add("lower", INV, "BR-CL-22", false, vec![vatex("vatex-eu-ae")]);
    add("dotless_i", INV, "BR-CL-22", false, vec![vatex("vatex-eu-\u{131}c")]);
    add("padded", INV, "BR-CL-22", false, vec![vatex(" VATEX-EU-O\n")]);
    add("split", INV, "BR-CL-22", true, vec![vatex("VATEX EU-O")]);
    add("unknown", INV, "BR-CL-22", true, vec![vatex("VATEX-EU-XX")]);
    add("empty", CN, "BR-CL-22", true, vec![vatex("")]);
    add("mixed_case", CN, "BR-CL-22", false, vec![vatex("Vatex-Eu-Ic")]);
    add("in_line_category", CN, "BR-CL-22", true, vec![Edit::After(vec!["<cac:ClassifiedTaxCategory>", "</cbc:Percent>"], element("cbc:TaxExemptionReasonCode", "", "X"))]);

    // BR-CL-23: every unprefixed @unitCode, on any element.
    let inv_unit = |v: &str| {
        replace(
            "<cbc:InvoicedQuantity unitCode=\"C62\">",
            &format!("<cbc:InvoicedQuantity unitCode=\"{v}\">"),
        )
    };
    let cn_unit = |v: &str| {
        replace(
            "<cbc:CreditedQuantity unitCode=\"MON\">",
            &format!("<cbc:CreditedQuantity unitCode=\"{v}\">"),
        )
    };
    add("base", INV, "BR-CL-23", false, vec![]);
    add("lower", INV, "BR-CL-23", true, vec![inv_unit("c62")]);
    add("padded", INV, "BR-CL-23", false, vec![inv_unit(" H87 ")]);
    add("empty", INV, "BR-CL-23", true, vec![inv_unit("")]);
    add("inner_tab", INV, "BR-CL-23", true, vec![inv_unit("C&#9;62")]);
    add("on_note", INV, "BR-CL-23", true, vec![at_root("<cbc:Note unitCode=\"XX\">n</cbc:Note>")]);
    add("prefixed", INV, "BR-CL-23", false, vec![replace("<cbc:InvoicedQuantity unitCode=\"C62\">", "<cbc:InvoicedQuantity xmlns:q=\"urn:q\" q:unitCode=\"XX\" unitCode=\"C62\">")]);
    add("base", CN, "BR-CL-23", false, vec![]);
    add("month", CN, "BR-CL-23", true, vec![cn_unit("MONTH")]);
    add("base_quantity", CN, "BR-CL-23", true, vec![Edit::After(vec!["<cac:Price>", "</cbc:PriceAmount>"], "<cbc:BaseQuantity unitCode=\"KGM \u{a0}\">1</cbc:BaseQuantity>".to_owned())]);
    add("base_quantity_ok", CN, "BR-CL-23", false, vec![Edit::After(vec!["<cac:Price>", "</cbc:PriceAmount>"], "<cbc:BaseQuantity unitCode=\"&#13;KGM\">1</cbc:BaseQuantity>".to_owned())]);

    // BR-CL-24: MIME codes compared exactly.
    let att = |mime: &str| at_root(&attachment(mime));
    add("pdf", INV, "BR-CL-24", false, vec![att(" mimeCode=\"application/pdf\"")]);
    add("gif", INV, "BR-CL-24", true, vec![att(" mimeCode=\"image/gif\"")]);
    add("padded_png", INV, "BR-CL-24", true, vec![att(" mimeCode=\" image/png\"")]);
    add("no_mime", INV, "BR-CL-24", false, vec![att("")]);
    add("csv", CN, "BR-CL-24", false, vec![att(" mimeCode=\"text/csv\"")]);
    add("csv_upper", CN, "BR-CL-24", true, vec![att(" mimeCode=\"TEXT/CSV\"")]);

    // BR-CL-25: endpoint schemes.
    let inv_ep = |v: &str| {
        replace(
            "<cbc:EndpointID schemeID=\"9947\">RO8486152",
            &format!("<cbc:EndpointID schemeID=\"{v}\">RO8486152"),
        )
    };
    let cn_ep = |v: &str| {
        replace(
            "<cbc:EndpointID schemeID=\"0007\">1234512345",
            &format!("<cbc:EndpointID schemeID=\"{v}\">1234512345"),
        )
    };
    add("base", INV, "BR-CL-25", false, vec![]);
    add("0088", INV, "BR-CL-25", false, vec![inv_ep("0088")]);
    add("padded", INV, "BR-CL-25", false, vec![inv_ep(" 0088 ")]);
    add("9999", INV, "BR-CL-25", true, vec![inv_ep("9999")]);
    add("no_scheme", INV, "BR-CL-25", false, vec![replace("<cbc:EndpointID schemeID=\"9947\">RO8486152", "<cbc:EndpointID>RO8486152")]);
    add("base", CN, "BR-CL-25", false, vec![]);
    add("xxxx", CN, "BR-CL-25", true, vec![cn_ep("XXXX")]);
    add("em_lower", CN, "BR-CL-25", true, vec![cn_ep("em")]);

    // BR-CL-26: delivery location scheme.
    let delivery = |scheme: &str| {
        at_root(&format!(
            "<cac:Delivery><cac:DeliveryLocation>{}</cac:DeliveryLocation></cac:Delivery>",
            element("cbc:ID", scheme, "5790000435975")
        ))
    };
    add("0088", INV, "BR-CL-26", false, vec![delivery(" schemeID=\"0088\"")]);
    add("gln", INV, "BR-CL-26", true, vec![delivery(" schemeID=\"GLN\"")]);
    add("no_scheme", INV, "BR-CL-26", false, vec![delivery("")]);
    add("padded", CN, "BR-CL-26", false, vec![delivery(" schemeID=\"0088\t\"")]);
    add("sepa", CN, "BR-CL-26", true, vec![delivery(" schemeID=\"SEPA\"")]);
    v
}

/// Writes every case into `out`; returns (file name, rule, fires) per case.
pub fn write_cases(mutations_dir: &Path, out: &Path) -> Vec<(String, &'static str, bool)> {
    let bases = Bases::read(mutations_dir);
    let mut names = BTreeSet::new();
    let mut written = Vec::new();
    for c in all_cases() {
        let mut text = bases.get(c.base == Base::Invoice).to_owned();
        for e in &c.edits {
            text = apply(&text, e).unwrap_or_else(|| panic!("{}: an anchor is missing", c.name));
        }
        write_case(out, &mut names, &c.name, &text);
        written.push((c.name, c.rule, c.fires));
    }
    written
}

fn codes_ids() -> BTreeSet<&'static str> {
    MESSAGES
        .iter()
        .filter(|(_, _, p, _)| *p == Pattern::Codes)
        .map(|(id, _, _, _)| *id)
        .collect()
}

#[test]
fn every_codes_rule_has_firing_and_silent_cases_in_both_documents() {
    let cases = all_cases();
    for id in codes_ids() {
        for base in [Base::Invoice, Base::CreditNote] {
            for fires in [true, false] {
                assert!(
                    cases
                        .iter()
                        .any(|c| c.rule == id && c.base == base && c.fires == fires),
                    "{id}: no case with fires={fires} on this base"
                );
            }
        }
    }
    let names: BTreeSet<_> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "duplicate case names");
}

#[test]
fn codes_cases_match_the_oracle() {
    let Some(python) = oracle_setup(TEST) else {
        return;
    };
    let dir = CaseDir::temporary();
    let written = write_cases(&mutations_dir(), &dir.path);
    dir.keep_copy("EN_CODES_CASES_OUT");
    let ids = codes_ids();
    let scope = Scope::family("the BR-CL ids of the Codes pattern", move |id| {
        ids.contains(id)
    });
    let lines = run_oracle(&python, std::slice::from_ref(&dir.path));
    let result = compare(&lines, &scope);
    print_report(TEST, &scope, &result, &|_| String::new());
    // Each case's own statement about its rule, against the oracle's answer.
    let mut wrong_expectations = 0usize;
    for (name, rule, fires) in &written {
        let Some(line) = lines.iter().find(|l| l.file.ends_with(name)) else {
            panic!("no oracle answer for {name}");
        };
        let Answer::Ids(theirs) = &line.answer else {
            continue;
        };
        if theirs.contains(&format!("{rule}:fatal")) != *fires {
            wrong_expectations += 1;
            eprintln!("EXPECTATION {name}: {rule} fires={fires}, oracle says {theirs:?}");
        }
    }
    eprintln!(
        "codes cases: {} written, {} wrong expectations",
        written.len(),
        wrong_expectations
    );
    assert_eq!(result.compared + result.aborted.len(), written.len());
    assert_eq!(result.aborted.len(), 0);
    assert_eq!(wrong_expectations, 0);
    assert!(result.differences.is_empty());
}
