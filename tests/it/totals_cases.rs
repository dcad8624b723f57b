//! Generated cases for the BR-CO-* and BR-DEC-* rules of the EN 16931 model pattern: the
//! ANAF-accepted base invoice and base credit note of `testcases/cius-ro/mutations/`, edited as
//! text so that every rule gets documents where it holds and where it fires, plus the XPath corner
//! cases (rounding of x.xx5 half up also below zero, empty sums, several TaxTotal, tax currency,
//! whitespace around values and currency codes, empty elements, repeated elements, nested lines,
//! Invoice vs CreditNote contexts). The oracle decides what fires; the test demands that we agree
//! on every BR-CO / BR-DEC id.
//!
//! `TOTALS_CASES_OUT=dir` also writes the cases into `dir` (for `EN_EXTRA_CASES`).

use std::collections::BTreeSet;
use std::path::Path;

use spvdesk::validation::full::en;

use crate::bundle_common::{
    Bases, CaseDir, Scope, compare_cases, mutations_dir, oracle_setup, replace_first, write_case,
};

const TEST: &str = "totals_cases";

/// One text edit of a base document.
#[derive(Clone)]
enum Edit {
    /// Replaces the first occurrence of the text.
    Replace(&'static str, String),
    /// Replaces the first `<tag ...>...</tag>` block (the tag's first start to the next end).
    Block(&'static str, String),
    /// Inserts before the first occurrence of the text.
    Before(&'static str, String),
}

struct Case {
    name: String,
    base: &'static str,
    edits: Vec<Edit>,
}

fn case(name: &str, base: &'static str, edits: Vec<Edit>) -> Case {
    Case {
        name: format!("tot_{name}.xml"),
        base,
        edits,
    }
}

fn apply(mut text: String, edit: &Edit, name: &str) -> String {
    match edit {
        Edit::Replace(find, with) => replace_first(&text, find, with, name),
        Edit::Before(anchor, xml) => replace_first(&text, anchor, &format!("{xml}{anchor}"), name),
        Edit::Block(tag, with) => {
            let start = text
                .find(&format!("<{tag}>"))
                .unwrap_or_else(|| panic!("{name}: <{tag}> not found"));
            let close = format!("</{tag}>");
            let end = start
                + text[start..]
                    .find(&close)
                    .unwrap_or_else(|| panic!("{name}: {close} not found"))
                + close.len();
            text.replace_range(start..end, with);
            text
        }
    }
}

// ---- building blocks -------------------------------------------------------------------------

/// Where document level elements go, in both bases (before the first TaxTotal).
const TAX_TOTAL: &str = "<cac:TaxTotal>";
const INV_LINE_ITEM: &str = "<cac:Item>\n      <cbc:Description>";
const CN_LINE_ITEM: &str = "<cac:Item>\n            <cbc:Name>Service fee";

fn amount(local: &str, v: &str) -> String {
    format!("<cbc:{local} currencyID=\"RON\">{v}</cbc:{local}>")
}

/// `cac:LegalMonetaryTotal` with the given (element, value) pairs, in order.
fn totals(fields: &[(&str, &str)]) -> Edit {
    let inner: String = fields.iter().map(|(l, v)| amount(l, v)).collect();
    Edit::Block(
        "cac:LegalMonetaryTotal",
        format!("<cac:LegalMonetaryTotal>{inner}</cac:LegalMonetaryTotal>"),
    )
}

/// The standard totals of the base invoice (1000 + 19% VAT), with some fields replaced.
fn inv_totals(changes: &[(&'static str, &'static str)]) -> Edit {
    let mut fields = vec![
        ("LineExtensionAmount", "1000.00"),
        ("TaxExclusiveAmount", "1000.00"),
        ("TaxInclusiveAmount", "1190.00"),
        ("PrepaidAmount", "0.00"),
        ("PayableAmount", "1190.00"),
    ];
    for &(l, v) in changes {
        if let Some(f) = fields.iter_mut().find(|f| f.0 == l) {
            f.1 = v;
        }
    }
    fields.retain(|f| f.1 != "-");
    totals(&fields)
}

fn category(tag: &str, id: &str, percent: Option<&str>, scheme: &str) -> String {
    let percent = percent.map_or(String::new(), |p| format!("<cbc:Percent>{p}</cbc:Percent>"));
    format!(
        "<cac:{tag}><cbc:ID>{id}</cbc:ID>{percent}<cac:TaxScheme><cbc:ID>{scheme}</cbc:ID></cac:TaxScheme></cac:{tag}>"
    )
}

fn subtotal(taxable: &str, tax: &str, cat: &str, percent: Option<&str>) -> String {
    format!(
        "<cac:TaxSubtotal>{}{}{}</cac:TaxSubtotal>",
        amount("TaxableAmount", taxable),
        amount("TaxAmount", tax),
        category("TaxCategory", cat, percent, "VAT")
    )
}

/// Replaces the first `cac:TaxTotal` with one of the given amount and subtotals.
fn tax_total(tax: &str, subtotals: &[String]) -> Edit {
    Edit::Block(
        "cac:TaxTotal",
        format!(
            "<cac:TaxTotal>{}{}</cac:TaxTotal>",
            amount("TaxAmount", tax),
            subtotals.concat()
        ),
    )
}

/// A document or line level allowance (`indicator` false/0) or charge.
fn allowance(indicator: &str, amt: &str, base: Option<&str>, reason: bool) -> String {
    let base = base.map_or(String::new(), |b| amount("BaseAmount", b));
    let reason = if reason {
        "<cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason>"
    } else {
        ""
    };
    format!(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>{reason}{}{base}{}</cac:AllowanceCharge>",
        amount("Amount", amt),
        category("TaxCategory", "S", Some("19"), "VAT"),
    )
}

fn doc_level(xml: &str) -> Edit {
    Edit::Before(TAX_TOTAL, xml.to_owned())
}

fn in_inv_line(xml: &str) -> Edit {
    Edit::Before(INV_LINE_ITEM, xml.to_owned())
}

fn replace(find: &'static str, with: &str) -> Edit {
    Edit::Replace(find, with.to_owned())
}

/// A second invoice line (after the first one) with the given line amount.
fn extra_line(lea: &str) -> Edit {
    Edit::Before(
        "</Invoice>",
        format!(
            "<cac:InvoiceLine><cbc:ID>2</cbc:ID><cbc:InvoicedQuantity unitCode=\"C62\">1</cbc:InvoicedQuantity>{}<cac:Item><cbc:Name>x</cbc:Name>{}</cac:Item><cac:Price><cbc:PriceAmount currencyID=\"RON\">1</cbc:PriceAmount></cac:Price></cac:InvoiceLine>",
            amount("LineExtensionAmount", lea),
            category("ClassifiedTaxCategory", "S", Some("19.0"), "VAT")
        ),
    )
}

const INV_LEA: &str =
    "<cbc:LineExtensionAmount currencyID=\"RON\">1000.00</cbc:LineExtensionAmount>\n    <cac:Item>";
const INV_SUPPLIER_VAT: &str = "<cbc:CompanyID>RO8486152</cbc:CompanyID>\n        <cac:TaxScheme>";
const INV_BUYER_VAT: &str = "<cbc:CompanyID>RO34581625</cbc:CompanyID>\n        <cac:TaxScheme>";
const INV_LINE_SCHEME: &str =
    "<cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>";
const DUE_DATE: &str = "<cbc:DueDate>2023-12-16</cbc:DueDate>";
const CURRENCY: &str = "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode>";

fn line_lea(v: &str) -> Edit {
    Edit::Replace(
        INV_LEA,
        format!("{}\n    <cac:Item>", amount("LineExtensionAmount", v)),
    )
}

fn inv_line_scheme(scheme: &str) -> Edit {
    Edit::Replace(
        INV_LINE_SCHEME,
        format!(
            "<cbc:ID>{scheme}</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>"
        ),
    )
}

fn supplier_vat(company: &str) -> Edit {
    Edit::Replace(
        INV_SUPPLIER_VAT,
        format!("{company}\n        <cac:TaxScheme>"),
    )
}

fn strip_supplier_ids() -> Vec<Edit> {
    vec![
        Edit::Block("cac:PartyTaxScheme", String::new()),
        replace(
            "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>\n        <cbc:CompanyID>RO8486152</cbc:CompanyID>",
            "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>",
        ),
    ]
}

/// A subtotal-only change of the base invoice: taxable / tax / percent of the single subtotal.
fn inv_subtotal(taxable: &str, tax: &str, percent: Option<&str>) -> Vec<Edit> {
    vec![tax_total(tax, &[subtotal(taxable, tax, "S", percent)])]
}

#[rustfmt::skip]
#[allow(clippy::vec_init_then_push)]
fn all_cases() -> Vec<Case> {
    let mut v = Vec::new();
    // The bases themselves.
    v.push(case("base_inv", "inv", vec![]));
    v.push(case("base_cn", "cn", vec![]));

    // BR-CO-03: TaxPointDate and InvoicePeriod/DescriptionCode.
    let tpd = "<cbc:TaxPointDate>2023-12-16</cbc:TaxPointDate>";
    let period_code = "<cac:InvoicePeriod><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>";
    v.push(case("co03_both", "inv", vec![replace(CURRENCY, &format!("{tpd}{CURRENCY}")), Edit::Before("<cac:OrderReference>", period_code.into())]));
    v.push(case("co03_date_only", "inv", vec![replace(CURRENCY, &format!("{tpd}{CURRENCY}"))]));
    v.push(case("co03_code_only", "inv", vec![Edit::Before("<cac:OrderReference>", period_code.into())]));
    v.push(case("co03_both_cn_empty", "cn", vec![Edit::Before("<cac:AccountingSupplierParty>", "<cbc:TaxPointDate></cbc:TaxPointDate><cac:InvoicePeriod><cbc:DescriptionCode/></cac:InvoicePeriod>".into())]));

    // BR-CO-04: the line's VAT category.
    v.push(case("co04_gst", "inv", vec![inv_line_scheme("GST")]));
    v.push(case("co04_lower_padded", "inv", vec![inv_line_scheme(" vat\n")]));
    v.push(case("co04_no_id", "inv", vec![replace("<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>", "<cac:ClassifiedTaxCategory>")]));
    v.push(case("co04_empty_id", "inv", vec![replace("<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>", "<cac:ClassifiedTaxCategory><cbc:ID/>")]));
    v.push(case("co04_no_scheme_id", "cn", vec![replace("<cbc:ID>VAT</cbc:ID> \n", "\n")]));
    v.push(case("co04_second_category_vat", "inv", vec![inv_line_scheme("GST"), Edit::Before("</cac:Item>", category("ClassifiedTaxCategory", "S", Some("19"), "VAT"))]));

    // BR-CO-09: VAT identifier prefixes (seller, buyer; only VAT schemes are contexts).
    for (name, id) in [
        ("xx", "XX123"),
        ("lower", "ro123"),
        ("el", "EL123"),
        ("one_char", "R"),
        ("space_r", " R123"),
        ("empty", ""),
        ("digit", "1A2"),
        ("a1", "A1"),
        ("nbsp", "\u{a0}RO1"),
    ] {
        v.push(case(&format!("co09_{name}"), "inv", vec![supplier_vat(&format!("<cbc:CompanyID>{id}</cbc:CompanyID>"))]));
    }
    v.push(case("co09_absent", "inv", vec![supplier_vat("")]));
    v.push(case("co09_buyer", "inv", vec![Edit::Replace(INV_BUYER_VAT, "<cbc:CompanyID>12345</cbc:CompanyID>\n        <cac:TaxScheme>".into())]));
    v.push(case("co09_gst_scheme", "inv", vec![supplier_vat("<cbc:CompanyID>XX1</cbc:CompanyID>"), replace("<cbc:ID>VAT</cbc:ID>", "<cbc:ID>GST</cbc:ID>")]));
    v.push(case("co09_lower_scheme", "inv", vec![supplier_vat("<cbc:CompanyID>XX1</cbc:CompanyID>"), replace("<cbc:ID>VAT</cbc:ID>", "<cbc:ID> vat </cbc:ID>")]));
    v.push(case("co09_tax_rep", "cn", vec![Edit::Before("<cac:TaxTotal>", "<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>R</cbc:Name></cac:PartyName><cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>QQ1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:TaxRepresentativeParty>".into())]));

    // BR-CO-10: sum of the line amounts, rounded half up.
    v.push(case("co10_mismatch", "inv", vec![inv_totals(&[("LineExtensionAmount", "999.99")])]));
    v.push(case("co10_absent", "inv", vec![inv_totals(&[("LineExtensionAmount", "-")])]));
    v.push(case("co10_empty_lines", "inv", vec![Edit::Block("cac:InvoiceLine", String::new()), inv_totals(&[("LineExtensionAmount", "0")])]));
    v.push(case("co10_empty_lines_nonzero", "inv", vec![Edit::Block("cac:InvoiceLine", String::new()), inv_totals(&[("LineExtensionAmount", "0.01")])]));
    v.push(case("co10_half_up", "inv", vec![line_lea("1000.004"), extra_line("0.001"), inv_totals(&[("LineExtensionAmount", "1000.01")])]));
    v.push(case("co10_half_up_unrounded", "inv", vec![line_lea("1000.004"), extra_line("0.001"), inv_totals(&[("LineExtensionAmount", "1000.005")])]));
    v.push(case("co10_negative_half", "inv", vec![line_lea("-0.004"), extra_line("-0.001"), inv_totals(&[("LineExtensionAmount", "0")])]));
    v.push(case("co10_negative_half_minus", "inv", vec![line_lea("-0.004"), extra_line("-0.001"), inv_totals(&[("LineExtensionAmount", "-0.01")])]));
    v.push(case("co10_two_lines", "inv", vec![extra_line("10.5"), inv_totals(&[("LineExtensionAmount", "1010.50")])]));
    v.push(case("co10_two_lines_wrong", "inv", vec![extra_line("10.5")]));
    v.push(case("co10_line_without_amount", "inv", vec![replace(INV_LEA, "<cac:Item>"), inv_totals(&[("LineExtensionAmount", "0.00")])]));
    v.push(case("co10_padded", "inv", vec![inv_totals(&[("LineExtensionAmount", " 1000 ")])]));
    v.push(case("co10_nested_line", "inv", vec![in_inv_line(&format!("<cac:SubInvoiceLine><cac:InvoiceLine>{}</cac:InvoiceLine></cac:SubInvoiceLine>", amount("LineExtensionAmount", "5")))]));
    v.push(case("co10_cn_mismatch", "cn", vec![replace("<cbc:LineExtensionAmount currencyID=\"SEK\">400</cbc:LineExtensionAmount> \n        <cbc:TaxExclusiveAmount", "<cbc:LineExtensionAmount currencyID=\"SEK\">401</cbc:LineExtensionAmount> \n        <cbc:TaxExclusiveAmount")]));

    // BR-CO-11 / 12 / 13: allowances and charges on document level.
    let lea_1000 = ("LineExtensionAmount", "1000.00");
    v.push(case("co11_ok", "inv", vec![doc_level(&allowance("false", "10.005", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "989.99"), ("AllowanceTotalAmount", "10.01"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co11_wrong", "inv", vec![doc_level(&allowance("false", "10", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "990"), ("AllowanceTotalAmount", "10.01"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co11_absent_total", "inv", vec![doc_level(&allowance(" 0 ", "10", None, true))]));
    v.push(case("co11_zero_no_allowance", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000"), ("AllowanceTotalAmount", "0.00"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co11_nonzero_no_allowance", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "995"), ("AllowanceTotalAmount", "5"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co11_allowance_without_amount", "inv", vec![doc_level("<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>"), totals(&[lea_1000, ("TaxExclusiveAmount", "1000"), ("AllowanceTotalAmount", "0"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co11_negative_allowance", "inv", vec![doc_level(&allowance("false", "-2.345", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "1002.34"), ("AllowanceTotalAmount", "-2.34"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co12_ok", "inv", vec![doc_level(&allowance("true", "5", Some("50"), true)), doc_level(&allowance("1", "5.5", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "1010.5"), ("ChargeTotalAmount", "10.50"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co12_wrong", "inv", vec![doc_level(&allowance("true", "5", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "1005"), ("ChargeTotalAmount", "6"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co12_absent_total", "inv", vec![doc_level(&allowance("true", "5", None, true))]));
    v.push(case("co12_cn", "cn", vec![Edit::Before("<cac:TaxTotal>", allowance("true", "5", None, false))]));
    v.push(case("co13_all_ok", "inv", vec![doc_level(&allowance("true", "5", None, true)), doc_level(&allowance("false", "3", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "1002"), ("AllowanceTotalAmount", "3"), ("ChargeTotalAmount", "5"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_all_wrong", "inv", vec![doc_level(&allowance("true", "5", None, true)), doc_level(&allowance("false", "3", None, true)), totals(&[lea_1000, ("TaxExclusiveAmount", "1008"), ("AllowanceTotalAmount", "3"), ("ChargeTotalAmount", "5"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_charge_only_wrong", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000"), ("ChargeTotalAmount", "0.001"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_charge_only_half", "inv", vec![totals(&[("LineExtensionAmount", "1000.004"), ("TaxExclusiveAmount", "1000.01"), ("ChargeTotalAmount", "0.001"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_allowance_only_half", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "999.99"), ("AllowanceTotalAmount", "0.005"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_allowance_only_wrong", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "999.995"), ("AllowanceTotalAmount", "0.005"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co13_none_unrounded", "inv", vec![inv_totals(&[("TaxExclusiveAmount", "1000.001")])]));
    v.push(case("co13_no_exclusive", "inv", vec![inv_totals(&[("TaxExclusiveAmount", "-")])]));
    v.push(case("co13_no_line_total", "inv", vec![doc_level(&allowance("true", "5", None, true)), totals(&[("TaxExclusiveAmount", "5"), ("ChargeTotalAmount", "5"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));

    // BR-CO-14: the document's VAT total.
    v.push(case("co14_wrong", "inv", vec![tax_total("190.01", &[subtotal("1000.00", "190.00", "S", Some("19.0"))])]));
    v.push(case("co14_half_up", "inv", vec![tax_total("190.01", &[subtotal("500.00", "95.004", "S", Some("19")), subtotal("500.00", "95.001", "S", Some("19"))])]));
    v.push(case("co14_negative_half", "inv", vec![tax_total("0", &[subtotal("0.02", "0.004", "S", Some("19")), subtotal("-0.02", "-0.009", "S", Some("19"))])]));
    v.push(case("co14_absent_amount", "inv", vec![Edit::Replace("<cbc:TaxAmount currencyID=\"RON\">190.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>", "<cac:TaxSubtotal>".into())]));
    v.push(case("co14_no_subtotal_any_amount", "inv", vec![tax_total("5", &[])]));
    v.push(case("co14_cn_second_total", "cn", vec![replace("<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"RON\">1</cbc:TaxableAmount><cbc:TaxAmount currencyID=\"RON\">248</cbc:TaxAmount></cac:TaxSubtotal>")]));
    v.push(case("co14_line_tax_total", "inv", vec![in_inv_line(&format!("<cac:TaxTotal>{}{}</cac:TaxTotal>", amount("TaxAmount", "7"), subtotal("10", "1.9", "S", Some("19"))))]));

    // BR-CO-15: with VAT = without VAT + the VAT total in the document currency.
    v.push(case("co15_wrong", "inv", vec![inv_totals(&[("TaxInclusiveAmount", "1190.01"), ("PayableAmount", "1190.01")])]));
    v.push(case("co15_two_totals_same_currency", "inv", vec![Edit::Before(TAX_TOTAL, format!("<cac:TaxTotal>{}</cac:TaxTotal>", amount("TaxAmount", "0")))]));
    v.push(case("co15_no_total_in_currency", "inv", vec![replace(CURRENCY, "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>")]));
    v.push(case("co15_padded_currency", "inv", vec![replace(CURRENCY, "<cbc:DocumentCurrencyCode> RON </cbc:DocumentCurrencyCode>")]));
    v.push(case("co15_no_currency", "inv", vec![replace(CURRENCY, "")]));
    v.push(case("co15_two_currencies", "inv", vec![replace(CURRENCY, "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>")]));
    v.push(case("co15_half_up", "inv", vec![tax_total("190.005", &[subtotal("1000.00", "190.005", "S", Some("19.0"))]), inv_totals(&[("TaxInclusiveAmount", "1190.01"), ("PayableAmount", "1190.01")])]));
    v.push(case("co15_no_inclusive", "inv", vec![inv_totals(&[("TaxInclusiveAmount", "-")])]));
    v.push(case("co15_cn_wrong_tax_currency_total", "cn", vec![replace("<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"RON\">1</cbc:TaxAmount>")]));
    v.push(case("co15_cn_both_in_document_currency", "cn", vec![replace("<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"SEK\">100</cbc:TaxAmount>")]));
    v.push(case("co15_cn_wrong", "cn", vec![replace("<cbc:TaxInclusiveAmount currencyID=\"SEK\">500</cbc:TaxInclusiveAmount>", "<cbc:TaxInclusiveAmount currencyID=\"SEK\">499</cbc:TaxInclusiveAmount>")]));

    // BR-CO-16: amount due.
    v.push(case("co16_prepaid_wrong", "inv", vec![inv_totals(&[("PrepaidAmount", "100"), ("PayableAmount", "1190.00")])]));
    v.push(case("co16_prepaid_ok", "inv", vec![inv_totals(&[("PrepaidAmount", "100.005"), ("PayableAmount", "1089.99")])]));
    v.push(case("co16_prepaid_unrounded", "inv", vec![inv_totals(&[("PrepaidAmount", "100.005"), ("PayableAmount", "1089.995")])]));
    v.push(case("co16_plain_wrong", "inv", vec![inv_totals(&[("PrepaidAmount", "-"), ("PayableAmount", "1190.001")])]));
    v.push(case("co16_plain_ok", "inv", vec![inv_totals(&[("PrepaidAmount", "-"), ("PayableAmount", "1190")])]));
    v.push(case("co16_rounding_ok", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PrepaidAmount", "0.4"), ("PayableRoundingAmount", "0.4"), ("PayableAmount", "1190")])]));
    v.push(case("co16_rounding_wrong", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PrepaidAmount", "0.4"), ("PayableRoundingAmount", "-0.4"), ("PayableAmount", "1190")])]));
    v.push(case("co16_rounding_only_ok", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PayableRoundingAmount", "-0.005"), ("PayableAmount", "1189.995")])]));
    v.push(case("co16_rounding_only_wrong", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PayableRoundingAmount", "0.3"), ("PayableAmount", "1190")])]));
    v.push(case("co16_no_payable", "inv", vec![inv_totals(&[("PayableAmount", "-")])]));
    v.push(case("co16_negative", "inv", vec![inv_totals(&[("PrepaidAmount", "1200.005"), ("PayableAmount", "-10.00")])]));
    v.push(case("co16_cn_wrong", "cn", vec![replace("<cbc:PayableAmount currencyID=\"SEK\">500</cbc:PayableAmount>", "<cbc:PayableAmount currencyID=\"SEK\">501</cbc:PayableAmount>")]));

    // BR-CO-17: tax amount = taxable x rate, within one unit.
    v.extend([("co17_within", "1000.00", "190.99", Some("19")), ("co17_one_off", "1000.00", "191.00", Some("19")), ("co17_one_off_below", "1000.00", "189.00", Some("19")), ("co17_just_below", "1000.00", "189.01", Some("19")), ("co17_negative", "-1000.00", "-190.00", Some("19")), ("co17_sign_mixed", "-1000.00", "190.00", Some("19")), ("co17_zero_rate_small_tax", "1000.00", "0.49", Some("0")), ("co17_zero_rate_half_tax", "1000.00", "0.5", Some("0")), ("co17_zero_rate_negative_half", "1000.00", "-0.5", Some("0")), ("co17_small_rate_rounds_to_zero", "1000.00", "4", Some("0.4")), ("co17_small_rate_zero_tax", "1000.00", "0", Some("0.4")), ("co17_half_rate", "1000.00", "5", Some("0.5")), ("co17_no_percent_zero", "1000.00", "0.2", None), ("co17_no_percent_tax", "1000.00", "190", None), ("co17_rounding_edge", "0.05", "1.01", Some("10")), ("co17_rate_with_decimals", "333.33", "63.33", Some("19.0000"))].into_iter().map(|(name, taxable, tax, pct)| case(name, "inv", inv_subtotal(taxable, tax, pct))));
    v.push(case("co17_gst_category", "inv", vec![tax_total("190.00", &[format!("<cac:TaxSubtotal>{}{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "1000"), amount("TaxAmount", "190.00"), category("TaxCategory", "S", Some("19"), "GST"))])]));
    v.push(case("co17_no_tax_amount", "inv", vec![tax_total("0", &[format!("<cac:TaxSubtotal>{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "1000"), category("TaxCategory", "S", Some("19"), "VAT"))])]));
    v.push(case("co17_no_taxable", "inv", vec![tax_total("190", &[format!("<cac:TaxSubtotal>{}{}</cac:TaxSubtotal>", amount("TaxAmount", "190"), category("TaxCategory", "S", Some("19"), "VAT"))])]));
    v.push(case("co17_line_subtotal", "inv", vec![in_inv_line(&format!("<cac:TaxTotal>{}{}</cac:TaxTotal>", amount("TaxAmount", "7"), subtotal("10", "7", "S", Some("19"))))]));
    v.push(case("co17_cn_wrong", "cn", vec![replace("<cbc:TaxAmount currencyID=\"SEK\">100</cbc:TaxAmount>\n            <cac:TaxCategory>", "<cbc:TaxAmount currencyID=\"SEK\">90</cbc:TaxAmount>\n            <cac:TaxCategory>")]));

    // BR-CO-18: at least one VAT breakdown.
    v.push(case("co18_no_subtotal", "inv", vec![tax_total("190.00", &[])]));
    v.push(case("co18_no_tax_total", "inv", vec![Edit::Block("cac:TaxTotal", String::new())]));
    v.push(case("co18_cn_only_second", "cn", vec![Edit::Block("cac:TaxSubtotal", String::new())]));

    // BR-CO-19 / 20: periods.
    v.push(case("co19_empty_period", "inv", vec![Edit::Before("<cac:OrderReference>", "<cac:InvoicePeriod></cac:InvoicePeriod>".into())]));
    v.push(case("co19_empty_start", "inv", vec![Edit::Before("<cac:OrderReference>", "<cac:InvoicePeriod><cbc:StartDate/></cac:InvoicePeriod>".into())]));
    v.push(case("co19_end", "cn", vec![Edit::Before("<cac:AccountingSupplierParty>", "<cac:InvoicePeriod><cbc:EndDate>2018-07-31</cbc:EndDate></cac:InvoicePeriod>".into())]));
    v.push(case("co20_empty_line_period", "inv", vec![in_inv_line("<cac:InvoicePeriod></cac:InvoicePeriod>")]));
    v.push(case("co20_code_only_line_period", "inv", vec![in_inv_line("<cac:InvoicePeriod><cbc:DescriptionCode>35</cbc:DescriptionCode></cac:InvoicePeriod>")]));
    v.push(case("co20_start_line_period", "cn", vec![Edit::Before(CN_LINE_ITEM, "<cac:InvoicePeriod><cbc:StartDate>2018-07-01</cbc:StartDate></cac:InvoicePeriod>".into())]));
    v.push(case("co20_delivery_period_not_a_context", "inv", vec![in_inv_line("<cac:Delivery><cac:InvoicePeriod/></cac:Delivery>")]));

    // BR-CO-21..24: reasons of allowances and charges, and their decimals (BR-DEC-01..28).
    v.push(case("co21_dec01_02", "inv", vec![doc_level(&allowance("false", "10.001", Some("100.001"), false)), totals(&[lea_1000, ("TaxExclusiveAmount", "990"), ("AllowanceTotalAmount", "10"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co21_code_only", "inv", vec![doc_level("<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode/><cbc:Amount currencyID=\"RON\">0</cbc:Amount></cac:AllowanceCharge>")]));
    v.push(case("co22_dec05_06", "inv", vec![doc_level(&allowance("true", "10.5 ", Some("100.00\n"), false)), totals(&[lea_1000, ("TaxExclusiveAmount", "1010.5"), ("ChargeTotalAmount", "10.5"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("co22_cn", "cn", vec![Edit::Before("<cac:TaxTotal>", allowance("true", "5.123", Some("1.1"), false))]));
    v.push(case("co23_dec24_25", "inv", vec![in_inv_line(&allowance("false", "1.001", Some("2.0001"), false))]));
    v.push(case("co23_ok", "inv", vec![in_inv_line(&allowance("false", "1.00", Some("2.0"), true))]));
    v.push(case("co24_dec27_28", "inv", vec![in_inv_line(&allowance("true", "1.001", Some("2.0001"), false))]));
    v.push(case("co24_cn", "cn", vec![Edit::Before(CN_LINE_ITEM, allowance("1", "1.001", Some("2.0001"), false))]));
    v.push(case("allowance_in_price_not_a_context", "inv", vec![replace("<cbc:BaseQuantity", &format!("{}<cbc:BaseQuantity", allowance("false", "1.001", Some("2.001"), false)))]));
    v.push(case("allowance_both_indicators", "inv", vec![doc_level("<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID=\"RON\">0.001</cbc:Amount></cac:AllowanceCharge>")]));
    v.push(case("allowance_no_indicator", "inv", vec![doc_level("<cac:AllowanceCharge><cbc:Amount currencyID=\"RON\">0.001</cbc:Amount></cac:AllowanceCharge>")]));

    // BR-CO-25: positive amount due needs a due date or payment terms (Invoice only).
    v.push(case("co25_no_terms", "inv", vec![replace(DUE_DATE, "")]));
    v.push(case("co25_terms_note", "inv", vec![replace(DUE_DATE, ""), Edit::Before(TAX_TOTAL, "<cac:PaymentTerms><cbc:Note>30 days</cbc:Note></cac:PaymentTerms>".into())]));
    v.push(case("co25_empty_terms", "inv", vec![replace(DUE_DATE, ""), Edit::Before(TAX_TOTAL, "<cac:PaymentTerms></cac:PaymentTerms>".into())]));
    v.push(case("co25_empty_due_date", "inv", vec![replace(DUE_DATE, "<cbc:DueDate/>")]));
    v.push(case("co25_due_date_in_line", "inv", vec![replace(DUE_DATE, ""), in_inv_line("<cbc:DueDate>2023-12-16</cbc:DueDate>")]));
    v.push(case("co25_zero", "inv", vec![replace(DUE_DATE, ""), inv_totals(&[("PrepaidAmount", "1190"), ("PayableAmount", "0.00")])]));
    v.push(case("co25_negative", "inv", vec![replace(DUE_DATE, ""), inv_totals(&[("PrepaidAmount", "1200"), ("PayableAmount", "-10")])]));
    v.push(case("co25_cn_no_terms", "cn", vec![]));

    // BR-CO-26: the seller's identifiers.
    v.push(case("co26_none", "inv", strip_supplier_ids()));
    v.push(case("co26_party_identification", "inv", [strip_supplier_ids(), vec![replace("<cac:PartyName>\n        <cbc:Name>TOTAL", "<cac:PartyIdentification><cbc:ID/></cac:PartyIdentification><cac:PartyName>\n        <cbc:Name>TOTAL")]].concat()));
    v.push(case("co26_gst_only", "inv", vec![replace("<cbc:ID>VAT</cbc:ID>", "<cbc:ID>GST</cbc:ID>"), replace("<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>\n        <cbc:CompanyID>RO8486152</cbc:CompanyID>", "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>")]));
    v.push(case("co26_vat_lower", "inv", vec![replace("<cbc:ID>VAT</cbc:ID>", "<cbc:ID>\tvat</cbc:ID>"), replace("<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>\n        <cbc:CompanyID>RO8486152</cbc:CompanyID>", "<cbc:RegistrationName>TOTAL SECURITY S.A.</cbc:RegistrationName>")]));
    v.push(case("co26_cn_legal_only", "cn", vec![replace("<cbc:RegistrationName>Säljbolaget AB</cbc:RegistrationName>", "<cbc:RegistrationName>Säljbolaget AB</cbc:RegistrationName><cbc:CompanyID>1</cbc:CompanyID>"), Edit::Block("cac:PartyTaxScheme", String::new())]));
    v.push(case("co26_cn_none", "cn", vec![Edit::Block("cac:PartyTaxScheme", String::new())]));

    // BR-DEC on the totals, the subtotal and the line.
    v.push(case("dec09_18", "inv", vec![totals(&[("LineExtensionAmount", "1000.000"), ("TaxExclusiveAmount", "1000.000"), ("AllowanceTotalAmount", "0.000"), ("ChargeTotalAmount", "0.000"), ("TaxInclusiveAmount", "1190.000"), ("PrepaidAmount", "0.000"), ("PayableRoundingAmount", "0.000"), ("PayableAmount", "1190.000")])]));
    v.push(case("dec_trailing_space", "inv", vec![inv_totals(&[("PrepaidAmount", "0.00 ")])]));
    v.push(case("dec_no_dot", "inv", vec![inv_totals(&[("PrepaidAmount", "0"), ("PayableAmount", "1190")])]));
    v.push(case("dec19_20", "inv", inv_subtotal("1000.000", "190.000", Some("19"))));
    v.push(case("dec23", "inv", vec![line_lea("1000.001"), inv_totals(&[])]));
    v.push(case("dec23_cn", "cn", vec![replace("<cbc:LineExtensionAmount currencyID=\"SEK\">400</cbc:LineExtensionAmount> \n        <cac:Item>", "<cbc:LineExtensionAmount currencyID=\"SEK\">400.000</cbc:LineExtensionAmount> \n        <cac:Item>")]));
    v.push(case("dec13_three_decimals", "inv", vec![tax_total("190.001", &[subtotal("1000.00", "190.00", "S", Some("19.0"))])]));
    v.push(case("dec15_cn_three_decimals", "cn", vec![replace("<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount>", "<cbc:TaxAmount currencyID=\"RON\">249.001</cbc:TaxAmount>")]));
    // The only way BR-DEC-13/15 fire: a currency code element inside a TaxTotal/TaxAmount (here in
    // a line, where no other rule casts it).
    v.push(case("dec13_child_code", "inv", vec![in_inv_line("<cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">1.001<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode></cbc:TaxAmount></cac:TaxTotal>")]));
    v.push(case("dec13_child_code_ok", "inv", vec![in_inv_line("<cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">1.0<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode></cbc:TaxAmount></cac:TaxTotal>")]));
    v.push(case("dec15_child_code", "inv", vec![in_inv_line("<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">1.5<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>99</cbc:TaxAmount></cac:TaxTotal>")]));
    v.push(case("dec15_child_code_other", "inv", vec![in_inv_line("<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">1.555<cbc:TaxCurrencyCode>RON</cbc:TaxCurrencyCode></cbc:TaxAmount></cac:TaxTotal>")]));

    // Dynamic errors: the official transform aborts (not compared) unless Saxon never evaluates
    // the failing cast; these pin down which.
    let z_line = replace("<cbc:ID>S</cbc:ID>\n        <cbc:Percent>19.0</cbc:Percent>\n        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>", "<cbc:ID>XX</cbc:ID>\n        <cbc:Percent>19.0</cbc:Percent>\n        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>");
    v.push(case("lazy_co10_bad_line_no_total", "inv", vec![z_line.clone(), line_lea("abc"), inv_totals(&[("LineExtensionAmount", "-")])]));
    v.push(case("lazy_co10_bad_line", "inv", vec![z_line.clone(), line_lea("abc")]));
    v.push(case("lazy_co11_bad_allowance_no_total", "inv", vec![doc_level(&allowance("false", "abc", None, true).replace("<cbc:ID>S</cbc:ID>", "<cbc:ID>XX</cbc:ID>"))]));
    v.push(case("lazy_co17_bad_taxable_no_tax", "inv", vec![tax_total("190.00", &[format!("<cac:TaxSubtotal>{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "abc"), category("TaxCategory", "XX", Some("19"), "VAT"))])]));
    v.push(case("lazy_co17_bad_taxable_zero_rate", "inv", vec![tax_total("0", &[format!("<cac:TaxSubtotal>{}{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "abc"), amount("TaxAmount", "0"), category("TaxCategory", "XX", Some("0"), "VAT"))])]));
    v.push(case("err_co17_two_vat_categories", "inv", vec![tax_total("190.00", &[format!("<cac:TaxSubtotal>{}{}{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "1000"), amount("TaxAmount", "190"), category("TaxCategory", "XX", Some("19"), "VAT"), category("TaxCategory", "XX", Some("19"), "VAT"))])]));
    v.push(case("err_co17_second_category_gst", "inv", vec![tax_total("190.00", &[format!("<cac:TaxSubtotal>{}{}{}{}</cac:TaxSubtotal>", amount("TaxableAmount", "1000"), amount("TaxAmount", "190"), category("TaxCategory", "XX", Some("19"), "VAT"), category("TaxCategory", "XX", Some("7"), "GST"))])]));
    let two_categories = |tax: Option<&str>, p1: &str, p2: &str| {
        let tax = tax.map_or(String::new(), |t| amount("TaxAmount", t));
        vec![tax_total(
            "190.00",
            &[format!(
                "<cac:TaxSubtotal>{}{tax}{}{}</cac:TaxSubtotal>",
                amount("TaxableAmount", "1000"),
                category("TaxCategory", "XX", Some(p1), "VAT"),
                category("TaxCategory", "XX", Some(p2), "VAT")
            )],
        )]
    };
    v.push(case("err_co17_rates_0_19_tax_0", "inv", two_categories(Some("0"), "0", "19")));
    v.push(case("err_co17_rates_19_19_no_tax", "inv", two_categories(None, "19", "19")));
    v.push(case("err_co17_rates_19_0_tax_190", "inv", two_categories(Some("190"), "19", "0")));
    v.push(case("err_co17_rates_19_0_no_tax", "inv", two_categories(None, "19", "0")));
    v.push(case("err_co17_rates_0_0_tax_1", "inv", two_categories(Some("1"), "0", "0")));
    v.push(case("err_co17_rates_0_0_tax_0", "inv", two_categories(Some("0"), "0", "0")));
    v.push(case("lazy_co16_bad_rounding_no_payable", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PrepaidAmount", "0"), ("PayableRoundingAmount", "abc")])]));
    v.push(case("lazy_co16_bad_rounding_only_no_payable", "inv", vec![totals(&[lea_1000, ("TaxExclusiveAmount", "1000.00"), ("TaxInclusiveAmount", "1190.00"), ("PayableRoundingAmount", "abc")])]));
    v.push(case("lazy_co13_bad_charge_no_exclusive", "inv", vec![totals(&[lea_1000, ("ChargeTotalAmount", "abc"), ("TaxInclusiveAmount", "1190.00"), ("PayableAmount", "1190.00")])]));
    v.push(case("err_co04_two_schemes", "inv", vec![inv_line_scheme("VAT</cbc:ID></cac:TaxScheme><cac:TaxScheme><cbc:ID>VAT")]));
    v.push(case("err_co09_two_company_ids", "inv", vec![supplier_vat("<cbc:CompanyID>RO1</cbc:CompanyID><cbc:CompanyID>RO2</cbc:CompanyID>")]));
    v.push(case("err_dec_empty_prepaid", "inv", vec![replace("<cbc:PrepaidAmount currencyID=\"RON\">0.00</cbc:PrepaidAmount>", "<cbc:PrepaidAmount currencyID=\"RON\"/>")]));
    v.push(case("err_co25_exponent", "inv", vec![replace(DUE_DATE, ""), inv_totals(&[("PayableAmount", "1.19e3")])]));
    v.push(case("err_two_due_amounts", "inv", vec![replace("<cbc:PayableAmount currencyID=\"RON\">1190.00</cbc:PayableAmount>", "<cbc:PayableAmount currencyID=\"RON\">1190.00</cbc:PayableAmount><cbc:PayableAmount currencyID=\"RON\">1190.001</cbc:PayableAmount>")]));
    v.push(case("err_bad_indicator", "inv", vec![doc_level(&allowance("no", "1", None, true))]));
    v.push(case("err_bad_indicator_line", "inv", vec![in_inv_line(&allowance("no", "1", None, true))]));

    // Wrong namespace / wrong root: no context of these rules matches.
    let inv_ns = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"";
    let bad_totals = inv_totals(&[("LineExtensionAmount", "1.001"), ("PayableAmount", "5")]);
    v.push(case("root_wrong_namespace", "inv", vec![replace(inv_ns, "<Invoice xmlns=\"urn:example:Invoice-2\""), replace(DUE_DATE, ""), tax_total("1", &[]), bad_totals.clone()]));
    v.push(case("root_invoice_in_cn_namespace", "inv", vec![replace(inv_ns, "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""), replace(DUE_DATE, ""), tax_total("1", &[]), bad_totals.clone()]));
    v.push(case("root_prefixed", "inv", vec![replace(inv_ns, "<ubl:Invoice xmlns:ubl=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""), replace("</Invoice>", "</ubl:Invoice>"), replace(DUE_DATE, ""), tax_total("1", &[]), bad_totals]));
    v.push(case("foreign_totals", "inv", vec![Edit::Before(TAX_TOTAL, "<LegalMonetaryTotal xmlns=\"urn:x\"><cbc:LineExtensionAmount>1.001</cbc:LineExtensionAmount></LegalMonetaryTotal>".into())]));
    v.push(case("cbc_totals", "inv", vec![Edit::Before(TAX_TOTAL, "<cbc:LegalMonetaryTotal><cbc:LineExtensionAmount>1.001</cbc:LineExtensionAmount></cbc:LegalMonetaryTotal>".into())]));
    v.push(case("second_totals", "inv", vec![Edit::Before(TAX_TOTAL, format!("<cac:LegalMonetaryTotal>{}</cac:LegalMonetaryTotal>", amount("PayableAmount", "1.001")))]));
    v.push(case("totals_in_line", "inv", vec![in_inv_line(&format!("<cac:LegalMonetaryTotal>{}{}</cac:LegalMonetaryTotal>", amount("LineExtensionAmount", "1000"), amount("PayableAmount", "5")))]));
    v
}

/// Writes every generated case into `out`; returns how many were written.
pub fn write_cases(mutations_dir: &Path, out: &Path) -> usize {
    let bases = Bases::read(mutations_dir);
    let cases = all_cases();
    let mut names = BTreeSet::new();
    for c in &cases {
        let base = bases.get(c.base == "inv").to_owned();
        let text = c.edits.iter().fold(base, |t, e| apply(t, e, &c.name));
        write_case(out, &mut names, &c.name, &text);
    }
    cases.len()
}

/// A BR-CO / BR-DEC id of the EN model pattern (not the RO copies `BR-DEC-RO-*`).
fn mine(id: &str) -> bool {
    (id.starts_with("BR-CO-") || id.starts_with("BR-DEC-")) && en::rule(id).is_some()
}

#[test]
fn totals_cases_match_the_oracle() {
    let Some(python) = oracle_setup(TEST) else {
        return;
    };
    let dir = CaseDir::temporary();
    let written = write_cases(&mutations_dir(), &dir.path);
    dir.keep_copy("TOTALS_CASES_OUT");
    let scope = Scope::family("the EN BR-CO and BR-DEC ids", mine);
    let result = compare_cases(TEST, &python, &dir.path, written, &scope);
    assert!(
        result.differences.is_empty(),
        "{} differences",
        result.differences.len()
    );
    // Every id that can fire fired somewhere (BR-CO-05..08 are `true()` in the bundle).
    let never: Vec<String> = en::all_ids()
        .filter(|id| mine(id))
        .filter(|id| !matches!(*id, "BR-CO-05" | "BR-CO-06" | "BR-CO-07" | "BR-CO-08"))
        .filter(|id| !result.fired(id))
        .map(str::to_owned)
        .collect();
    assert!(never.is_empty(), "never fired: {never:?}");
}
