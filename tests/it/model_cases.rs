//! Generated cases for the `UBL-model` pattern's context dispatch and its BR-nn, BR-B and
//! BR-CL-08 rules (plus the document-level VAT category asserts): single text edits of the two
//! bases of `testcases/cius-ro/mutations/` (an ANAF-accepted invoice and a credit note), one
//! failing and one passing variant per rule, Invoice and CreditNote, and the XPath corner cases
//! (empty elements, whitespace, repeated elements, wrong namespace, missing parents, boolean
//! casts of `cbc:ChargeIndicator`, first-match contexts); plus a sweep over six rich EN 16931
//! examples hiding, emptying or padding each of 38 elements, occurrence by occurrence. The oracle
//! decides what fires; the test only demands that we agree, on the families given by
//! `MODEL_FAMILIES` (comma list of id prefixes; default: this helper's).
//!
//! `MODEL_CASES_DIR=<dir>` also keeps the generated files there (for `EN_EXTRA_CASES`).

use std::collections::BTreeSet;
use std::path::Path;

use spvdesk::validation::Limits;
use spvdesk::validation::full::en;

use crate::bundle_common::{
    Bases, CaseDir, Scope, compare_cases, conformance_dir, env_prefixes, mutations_dir,
    oracle_setup, prefix_list, write_case,
};

const TEST: &str = "model_cases";

/// This helper's families: BR-nn, BR-B, BR-CL-08 and the VAT category asserts of the document
/// context (the ones under `vat::check_node` are another helper's).
const DEFAULT_FAMILIES: &str = "BR-0,BR-1,BR-2,BR-3,BR-4,BR-5,BR-6,BR-B,BR-CL-08,\
BR-AE-01,BR-AE-02,BR-AE-03,BR-AE-04,BR-E-01,BR-E-02,BR-E-03,BR-E-04,BR-G-01,BR-G-02,BR-G-03,\
BR-G-04,BR-IC-01,BR-IC-02,BR-IC-03,BR-IC-04,BR-IC-11,BR-IC-12,BR-IG-01,BR-IG-02,BR-IG-03,\
BR-IG-04,BR-IP-01,BR-IP-02,BR-IP-03,BR-IP-04,BR-O-01,BR-O-02,BR-O-03,BR-O-04,BR-O-11,BR-O-12,\
BR-O-13,BR-O-14,BR-S-01,BR-S-02,BR-S-03,BR-S-04,BR-Z-01,BR-Z-02,BR-Z-03,BR-Z-04";

/// One generated document: file name, base, and edits `(find, replace, occurrence)` applied in
/// order to the `occurrence`-th (0-based) match of `find`.
struct Case {
    name: String,
    base: Base,
    edits: Vec<Edit>,
}

type Edit = (String, String, usize);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Inv,
    Cn,
}
use Base::{Cn, Inv};

fn case(name: &str, base: Base, edits: Vec<Edit>) -> Case {
    Case {
        name: format!(
            "model_{}_{name}.xml",
            if base == Inv { "inv" } else { "cn" }
        ),
        base,
        edits,
    }
}

fn nth(find: &str, with: &str, n: usize) -> Edit {
    (find.to_owned(), with.to_owned(), n)
}

fn replace(find: &str, with: &str) -> Edit {
    nth(find, with, 0)
}

/// Renames the `n`-th `<prefix:local>` element (start and matching end tag) so it no longer
/// counts: removes it for the rules while keeping the document well-formed.
fn hide(tag: &str, n: usize) -> Vec<Edit> {
    vec![
        nth(&format!("<{tag}"), &format!("<{tag}Hidden"), n),
        nth(&format!("</{tag}>"), &format!("</{tag}Hidden>"), n),
    ]
}

/// Every occurrence of `find` (occurrence `usize::MAX`).
fn all(find: &str, with: &str) -> Edit {
    nth(find, with, usize::MAX)
}

/// Removes every party tax scheme (seller, buyer, representative) by renaming it.
fn no_party_tax_schemes() -> Vec<Edit> {
    vec![
        all("<cac:PartyTaxScheme>", "<cac:PartyTaxSchemeHidden>"),
        all("</cac:PartyTaxScheme>", "</cac:PartyTaxSchemeHidden>"),
    ]
}

/// The breakdown's (first subtotal's) VAT category code (`S` in both bases).
fn breakdown_category(base: Base, code: &str) -> Edit {
    let find = if base == Inv {
        "<cac:TaxCategory>\n        <cbc:ID>S</cbc:ID>"
    } else {
        "<cac:TaxCategory>\n                <cbc:ID>S</cbc:ID>"
    };
    replace(find, &format!("<cac:TaxCategory><cbc:ID>{code}</cbc:ID>"))
}

/// Inserts `xml` as a child of the document root (before the seller party).
fn root(xml: &str) -> Edit {
    replace(
        "<cac:AccountingSupplierParty>",
        &format!("{xml}<cac:AccountingSupplierParty>"),
    )
}

/// Inserts `xml` at the end of the (only) line.
fn line(base: Base, xml: &str) -> Edit {
    let end = if base == Inv {
        "</cac:InvoiceLine>"
    } else {
        "</cac:CreditNoteLine>"
    };
    replace(end, &format!("{xml}{end}"))
}

/// Inserts `xml` at the end of the line's `cac:Item`.
fn item(xml: &str) -> Edit {
    replace("</cac:Item>", &format!("{xml}</cac:Item>"))
}

/// Inserts `xml` into the first `cac:Party` (the seller's).
fn seller_party(xml: &str) -> Edit {
    replace("<cac:Party>", &format!("<cac:Party>{xml}"))
}

fn allowance(indicator: &str, inner: &str) -> String {
    format!(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>{inner}</cac:AllowanceCharge>"
    )
}

const AC_FULL: &str = "<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID=\"RON\">1.00</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
const AC_NO_AMOUNT: &str = "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
const AC_NO_REASON: &str = "<cbc:Amount currencyID=\"RON\">1.00</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
const AC_GST: &str = "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID=\"RON\">1.00</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme></cac:TaxCategory>";
const AC_VAT_NO_ID: &str = "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID=\"RON\">1.00</cbc:Amount><cac:TaxCategory><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID> vat </cbc:ID></cac:TaxScheme></cac:TaxCategory>";
const AC_EMPTY_REASON: &str =
    "<cbc:AllowanceChargeReasonCode/><cbc:Amount currencyID=\"RON\">1.00</cbc:Amount>";

fn tax_rep(inner: &str) -> String {
    format!("<cac:TaxRepresentativeParty>{inner}</cac:TaxRepresentativeParty>")
}

const REP_NAME: &str = "<cac:PartyName><cbc:Name>Rep</cbc:Name></cac:PartyName>";
const REP_ADDRESS: &str = "<cac:PostalAddress><cbc:StreetName>s</cbc:StreetName><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>";
const REP_ADDRESS_NO_COUNTRY: &str =
    "<cac:PostalAddress><cbc:StreetName>s</cbc:StreetName></cac:PostalAddress>";
const REP_VAT: &str = "<cac:PartyTaxScheme><cbc:CompanyID>DE1</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>";
const REP_VAT_LOWER: &str = "<cac:PartyTaxScheme><cbc:CompanyID>DE1</cbc:CompanyID><cac:TaxScheme><cbc:ID>\n vat\t</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>";
const REP_GST: &str = "<cac:PartyTaxScheme><cbc:CompanyID>DE1</cbc:CompanyID><cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>";

fn period(start: &str, end: &str) -> String {
    let mut s = String::from("<cac:InvoicePeriod>");
    if !start.is_empty() {
        s += &format!("<cbc:StartDate>{start}</cbc:StartDate>");
    }
    if !end.is_empty() {
        s += &format!("<cbc:EndDate>{end}</cbc:EndDate>");
    }
    s + "</cac:InvoicePeriod>"
}

fn payment_means(code: &str, inner: &str) -> String {
    format!(
        "<cac:PaymentMeans><cbc:PaymentMeansCode>{code}</cbc:PaymentMeansCode>{inner}</cac:PaymentMeans>"
    )
}

fn subtotal(inner: &str) -> Edit {
    replace(
        "</cac:TaxSubtotal>",
        &format!("</cac:TaxSubtotal><cac:TaxSubtotal>{inner}</cac:TaxSubtotal>"),
    )
}

fn category(id: &str, percent: &str, scheme: &str) -> String {
    let percent = if percent.is_empty() {
        String::new()
    } else {
        format!("<cbc:Percent>{percent}</cbc:Percent>")
    };
    format!(
        "<cac:TaxCategory><cbc:ID>{id}</cbc:ID>{percent}<cac:TaxScheme><cbc:ID>{scheme}</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
    )
}

const AMOUNTS: &str = "<cbc:TaxableAmount currencyID=\"RON\">0</cbc:TaxableAmount><cbc:TaxAmount currencyID=\"RON\">0</cbc:TaxAmount>";

/// The invoice line's VAT category code (`S` in both bases).
fn line_category(base: Base, code: &str) -> Edit {
    let find = if base == Inv {
        "<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>"
    } else {
        "<cac:ClassifiedTaxCategory>\n                <cbc:ID>S</cbc:ID>"
    };
    replace(
        find,
        &format!("<cac:ClassifiedTaxCategory><cbc:ID>{code}</cbc:ID>"),
    )
}

fn both(name: &str, edits: impl Fn(Base) -> Vec<Edit>) -> Vec<Case> {
    vec![case(name, Inv, edits(Inv)), case(name, Cn, edits(Cn))]
}

fn document_cases() -> Vec<Case> {
    let mut v = Vec::new();
    let doc_id = |b: Base| {
        if b == Inv {
            "<cbc:ID>INV/2023/00029</cbc:ID>"
        } else {
            "<cbc:ID>2018-112</cbc:ID>"
        }
    };
    v.extend(both("br01_empty", |_| {
        vec![replace(
            "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1</cbc:CustomizationID>",
            "<cbc:CustomizationID></cbc:CustomizationID>",
        )]
    }));
    v.extend(both("br01_space_only", |_| {
        vec![replace(
            "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1</cbc:CustomizationID>",
            "<cbc:CustomizationID> </cbc:CustomizationID>",
        )]
    }));
    v.extend(both("br01_missing_second_empty", |_| {
        vec![root("<cbc:CustomizationID/>")]
    }));
    v.extend(both("br02_empty", |b| {
        vec![replace(doc_id(b), "<cbc:ID/>")]
    }));
    v.extend(both("br02_child_text", |b| {
        vec![replace(doc_id(b), "<cbc:ID><x>1</x></cbc:ID>")]
    }));
    v.extend(both("br03_missing", |_| hide("cbc:IssueDate", 0)));
    v.push(case("br04_missing", Inv, hide("cbc:InvoiceTypeCode", 0)));
    v.push(case("br04_missing", Cn, hide("cbc:CreditNoteTypeCode", 0)));
    v.push(case(
        "br04_other_type_code",
        Cn,
        [
            hide("cbc:CreditNoteTypeCode", 0),
            vec![root("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>")],
        ]
        .concat(),
    ));
    v.extend(both("br05_empty", |_| {
        vec![root("<cbc:DocumentCurrencyCode/>")]
            .into_iter()
            .chain(hide("cbc:DocumentCurrencyCode", 0))
            .collect()
    }));
    v.extend(both("br06_missing", |_| hide("cbc:RegistrationName", 0)));
    v.extend(both("br06_two_one_empty", |_| {
        vec![replace(
            "<cbc:RegistrationName>",
            "<cbc:RegistrationName/><cbc:RegistrationName>",
        )]
    }));
    v.extend(both("br07_missing", |_| hide("cbc:RegistrationName", 1)));
    v.extend(both("br08_missing", |_| hide("cac:PostalAddress", 0)));
    v.extend(both("br09_empty_country", |_| {
        hide("cbc:IdentificationCode", 0)
            .into_iter()
            .chain([replace(
                "<cac:Country>",
                "<cac:Country><cbc:IdentificationCode/>",
            )])
            .collect()
    }));
    v.extend(both("br10_missing", |_| hide("cac:PostalAddress", 1)));
    v.extend(both("br11_missing_country", |_| hide("cac:Country", 1)));
    v.extend(both("br12_missing", |_| hide("cbc:LineExtensionAmount", 0)));
    v.extend(both("br13_missing", |_| hide("cbc:TaxExclusiveAmount", 0)));
    v.extend(both("br14_missing", |_| hide("cbc:TaxInclusiveAmount", 0)));
    v.extend(both("br15_missing", |_| hide("cbc:PayableAmount", 0)));
    v.push(case("br16_missing", Inv, hide("cac:InvoiceLine", 0)));
    v.push(case("br16_missing", Cn, hide("cac:CreditNoteLine", 0)));
    v.push(case(
        "br16_credit_line_in_invoice",
        Inv,
        vec![
            replace("<cac:InvoiceLine>", "<cac:CreditNoteLine>"),
            replace("</cac:InvoiceLine>", "</cac:CreditNoteLine>"),
        ],
    ));
    // Totals anywhere (not only under the root) are a DocumentTotals context.
    v.extend(both("br12_nested_totals", |b| {
        vec![line(
            b,
            "<cac:LegalMonetaryTotal><cbc:PayableAmount>1</cbc:PayableAmount></cac:LegalMonetaryTotal>",
        )]
    }));
    v
}

fn party_cases() -> Vec<Case> {
    let mut v = Vec::new();
    let payee = |inner: &str| root(&format!("<cac:PayeeParty>{inner}</cac:PayeeParty>"));
    v.extend(both("br17_no_name", |_| {
        vec![payee(
            "<cac:PartyIdentification><cbc:ID>9</cbc:ID></cac:PartyIdentification>",
        )]
    }));
    v.extend(both("br17_other_name", |_| {
        vec![payee(
            "<cac:PartyName><cbc:Name>Other</cbc:Name></cac:PartyName>",
        )]
    }));
    v.push(case(
        "br17_same_name",
        Inv,
        vec![payee(
            "<cac:PartyName><cbc:Name>TOTAL SECURITY S.A.</cbc:Name></cac:PartyName>",
        )],
    ));
    v.push(case(
        "br17_same_name_padded",
        Inv,
        vec![payee(
            "<cac:PartyName><cbc:Name> TOTAL SECURITY S.A.</cbc:Name></cac:PartyName>",
        )],
    ));
    v.extend(both("br17_same_identification", |_| {
        vec![
            seller_party("<cac:PartyIdentification><cbc:ID>77</cbc:ID></cac:PartyIdentification>"),
            payee(
                "<cac:PartyIdentification><cbc:ID>77</cbc:ID></cac:PartyIdentification><cac:PartyName><cbc:Name>Other</cbc:Name></cac:PartyName>",
            ),
        ]
    }));
    v.extend(both("br17_empty_name", |_| {
        vec![payee("<cac:PartyName><cbc:Name/></cac:PartyName>")]
    }));
    v.extend(both("br18_br19_br56_bare", |_| vec![root(&tax_rep(""))]));
    v.extend(both("br18_to_br56_ok", |_| {
        vec![root(&tax_rep(&format!("{REP_NAME}{REP_ADDRESS}{REP_VAT}")))]
    }));
    v.extend(both("br56_lower_vat", |_| {
        vec![root(&tax_rep(&format!(
            "{REP_NAME}{REP_ADDRESS}{REP_VAT_LOWER}"
        )))]
    }));
    v.extend(both("br56_gst", |_| {
        vec![root(&tax_rep(&format!("{REP_NAME}{REP_ADDRESS}{REP_GST}")))]
    }));
    v.extend(both("br20_no_country", |_| {
        vec![root(&tax_rep(&format!(
            "{REP_NAME}{REP_ADDRESS_NO_COUNTRY}{REP_VAT}"
        )))]
    }));
    v.extend(both("br62_no_scheme", |_| {
        vec![replace("<cbc:EndpointID schemeID=", "<cbc:EndpointID id=")]
    }));
    v.extend(both("br63_no_scheme", |_| {
        vec![nth("<cbc:EndpointID schemeID=", "<cbc:EndpointID id=", 1)]
    }));
    v.extend(both("br62_prefixed_scheme", |_| {
        vec![replace(
            "<cbc:EndpointID schemeID=",
            "<cbc:EndpointID cbc:schemeID=",
        )]
    }));
    // An EndpointID outside AccountingSupplierParty/Party (payee) has no rule.
    v.extend(both("br62_payee_endpoint", |_| {
        vec![root(
            "<cac:PayeeParty><cbc:EndpointID>1</cbc:EndpointID><cac:PartyName><cbc:Name>P</cbc:Name></cac:PartyName></cac:PayeeParty>",
        )]
    }));
    v.extend(both("br57_no_country", |_| {
        vec![root(
            "<cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:StreetName>s</cbc:StreetName></cac:Address></cac:DeliveryLocation></cac:Delivery>",
        )]
    }));
    v.extend(both("br57_empty_country", |_| {
        vec![root(
            "<cac:Delivery><cac:DeliveryLocation><cac:Address><cac:Country><cbc:IdentificationCode/></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery>",
        )]
    }));
    v.extend(both("br57_line_delivery", |b| {
        vec![line(
            b,
            "<cac:Delivery><cac:DeliveryLocation><cac:Address><cbc:StreetName>s</cbc:StreetName></cac:Address></cac:DeliveryLocation></cac:Delivery>",
        )]
    }));
    v
}

fn line_cases() -> Vec<Case> {
    let mut v = vec![case(
        "br21_empty",
        Inv,
        vec![replace("<cbc:ID>1</cbc:ID>", "<cbc:ID></cbc:ID>")],
    )];
    v.push(case(
        "br21_empty",
        Cn,
        vec![replace("<cbc:ID>1</cbc:ID>", "<cbc:ID></cbc:ID>")],
    ));
    v.push(case(
        "br22_br23_missing",
        Inv,
        hide("cbc:InvoicedQuantity", 0),
    ));
    v.push(case(
        "br22_br23_missing",
        Cn,
        hide("cbc:CreditedQuantity", 0),
    ));
    v.push(case(
        "br22_other_quantity",
        Cn,
        vec![
            replace("<cbc:CreditedQuantity", "<cbc:InvoicedQuantity"),
            replace("</cbc:CreditedQuantity>", "</cbc:InvoicedQuantity>"),
        ],
    ));
    v.push(case(
        "br23_no_unit",
        Inv,
        vec![replace(
            "<cbc:InvoicedQuantity unitCode=\"C62\">",
            "<cbc:InvoicedQuantity>",
        )],
    ));
    v.push(case(
        "br23_no_unit",
        Cn,
        vec![replace(
            "<cbc:CreditedQuantity unitCode=\"MON\">",
            "<cbc:CreditedQuantity>",
        )],
    ));
    v.extend(both("br24_missing", |_| hide("cbc:LineExtensionAmount", 1)));
    v.push(case(
        "br25_empty",
        Inv,
        vec![replace(
            "<cbc:Name>test</cbc:Name>",
            "<cbc:Name></cbc:Name>",
        )],
    ));
    v.push(case(
        "br25_empty",
        Cn,
        vec![replace("<cbc:Name>Service fee</cbc:Name>", "<cbc:Name/>")],
    ));
    v.extend(both("br26_missing", |_| hide("cbc:PriceAmount", 0)));
    for (tag, value) in [
        ("negative", "-1"),
        ("zero", "0"),
        ("minus_zero", "-0"),
        ("minus_zero_decimal", "-0.0"),
        ("positive", "5.00"),
        ("nan", "NaN"),
        ("exponent", "-1e0"),
        ("text", "abc"),
        ("empty", ""),
    ] {
        v.extend(both(&format!("br28_{tag}"), |_| {
            vec![replace(
                "</cac:Price>",
                &format!(
                    "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID=\"RON\">1</cbc:Amount><cbc:BaseAmount currencyID=\"RON\">{value}</cbc:BaseAmount></cac:AllowanceCharge></cac:Price>"
                ),
            )]
        }));
    }
    v.push(case(
        "br28_two_bases",
        Inv,
        vec![replace(
            "</cac:Price>",
            "<cac:AllowanceCharge><cbc:BaseAmount>-1</cbc:BaseAmount></cac:AllowanceCharge><cac:AllowanceCharge><cbc:BaseAmount>2</cbc:BaseAmount></cac:AllowanceCharge></cac:Price>",
        )],
    ));
    v.push(case(
        "br28_two_negative_bases",
        Inv,
        vec![replace(
            "</cac:Price>",
            "<cac:AllowanceCharge><cbc:BaseAmount>-1</cbc:BaseAmount></cac:AllowanceCharge><cac:AllowanceCharge><cbc:BaseAmount>-2</cbc:BaseAmount></cac:AllowanceCharge></cac:Price>",
        )],
    ));
    // Line allowances and charges.
    for (tag, indicator, inner) in [
        ("allowance_no_amount", "false", AC_NO_AMOUNT),
        ("allowance_no_reason", "false", AC_NO_REASON),
        ("allowance_ok", "false", AC_FULL),
        ("charge_no_amount", "true", AC_NO_AMOUNT),
        ("charge_no_reason", "true", AC_NO_REASON),
        ("charge_zero_one", "1", AC_NO_REASON),
        ("allowance_padded", " false\n", AC_NO_AMOUNT),
        ("indicator_upper", "FALSE", AC_NO_AMOUNT),
        ("indicator_empty", "", AC_NO_AMOUNT),
    ] {
        v.extend(both(&format!("br41_44_line_{tag}"), |b| {
            vec![line(b, &allowance(indicator, inner))]
        }));
    }
    v.push(case(
        "br41_44_two_indicators",
        Inv,
        vec![line(
            Inv,
            &format!(
                "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:ChargeIndicator>false</cbc:ChargeIndicator>{AC_NO_REASON}</cac:AllowanceCharge>"
            ),
        )],
    ));
    // Periods.
    for (tag, start, end) in [
        ("reversed", "2024-01-02", "2024-01-01"),
        ("same_day", "2024-01-01", "2024-01-01"),
        ("start_only", "2024-01-02", ""),
        ("end_only", "", "2024-01-01"),
        ("tz_reversed", "2024-01-02+14:00", "2024-01-01"),
        ("tz_ok", "2024-01-02+14:00", "2024-01-01-12:00"),
        ("padded", " 2024-01-02 ", "\n2024-01-03\t"),
        ("z_vs_plain", "2024-01-01Z", "2024-01-01"),
        ("empty_period", "", ""),
        ("bad_month", "2024-13-01", "2024-01-01"),
        ("not_leap", "2023-02-29", "2023-03-01"),
    ] {
        v.extend(both(&format!("br29_{tag}"), |_| {
            vec![root(&period(start, end))]
        }));
        v.extend(both(&format!("br30_{tag}"), |b| {
            vec![line(b, &period(start, end))]
        }));
    }
    v.push(case(
        "br29_two_start_dates",
        Inv,
        vec![root(
            "<cac:InvoicePeriod><cbc:StartDate>2024-01-05</cbc:StartDate><cbc:StartDate>2024-01-01</cbc:StartDate><cbc:EndDate>2024-01-02</cbc:EndDate></cac:InvoicePeriod>",
        )],
    ));
    v.push(case(
        "br29_period_in_delivery",
        Inv,
        vec![root(&format!(
            "<cac:Delivery>{}</cac:Delivery>",
            period("2024-02-02", "2024-01-01")
        ))],
    ));
    // Item attributes, identifiers, classifications.
    v.extend(both("br54_no_value", |_| {
        vec![item(
            "<cac:AdditionalItemProperty><cbc:Name>n</cbc:Name></cac:AdditionalItemProperty>",
        )]
    }));
    v.extend(both("br54_empty_ok", |_| {
        vec![item(
            "<cac:AdditionalItemProperty><cbc:Name/><cbc:Value/></cac:AdditionalItemProperty>",
        )]
    }));
    v.extend(both("br54_outside_item", |_| {
        vec![root("<cac:AdditionalItemProperty/>")]
    }));
    v.extend(both("br64_br65_missing", |_| {
        vec![item(
            "<cac:StandardItemIdentification><cbc:ID>1</cbc:ID></cac:StandardItemIdentification><cac:CommodityClassification><cbc:ItemClassificationCode>1</cbc:ItemClassificationCode></cac:CommodityClassification>",
        )]
    }));
    v.extend(both("br64_br65_ok", |_| {
        vec![item(
            "<cac:StandardItemIdentification><cbc:ID schemeID=\"0160\">1</cbc:ID></cac:StandardItemIdentification><cac:CommodityClassification><cbc:ItemClassificationCode listID=\"STI\">1</cbc:ItemClassificationCode></cac:CommodityClassification>",
        )]
    }));
    v.extend(both("br64_br65_outside_line", |_| {
        vec![root(
            "<cac:Item><cac:StandardItemIdentification><cbc:ID>1</cbc:ID></cac:StandardItemIdentification><cac:CommodityClassification><cbc:ItemClassificationCode>1</cbc:ItemClassificationCode></cac:CommodityClassification></cac:Item>",
        )]
    }));
    v
}

fn allowance_and_vat_cases() -> Vec<Case> {
    let mut v = Vec::new();
    for (tag, indicator, inner) in [
        ("allowance_no_amount", "false", AC_NO_AMOUNT),
        ("allowance_no_reason", "false", AC_NO_REASON),
        ("allowance_gst", "false", AC_GST),
        ("allowance_vat_no_id", "false", AC_VAT_NO_ID),
        ("allowance_ok", "false", AC_FULL),
        ("allowance_empty_reason_code", "0", AC_EMPTY_REASON),
        ("charge_no_amount", "true", AC_NO_AMOUNT),
        ("charge_no_reason", " true ", AC_NO_REASON),
        ("charge_gst", "1", AC_GST),
        ("charge_ok", "true", AC_FULL),
        ("indicator_bad", "yes", AC_NO_AMOUNT),
        ("indicator_missing", "", AC_NO_AMOUNT),
    ] {
        v.extend(both(&format!("br31_38_doc_{tag}"), |_| {
            vec![root(&allowance(indicator, inner))]
        }));
    }
    v.push(case(
        "br31_38_doc_two_indicators",
        Inv,
        vec![root(&format!(
            "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:ChargeIndicator>false</cbc:ChargeIndicator>{AC_NO_REASON}</cac:AllowanceCharge>"
        ))],
    ));
    v.push(case(
        "br31_38_doc_no_indicator_element",
        Inv,
        vec![root(&format!(
            "<cac:AllowanceCharge>{AC_NO_REASON}</cac:AllowanceCharge>"
        ))],
    ));
    // Breakdown.
    v.extend(both("br45_br46_missing", |_| {
        vec![subtotal(&category("S", "19", "VAT"))]
    }));
    v.extend(both("br47_no_category", |_| vec![subtotal(AMOUNTS)]));
    v.extend(both("br47_gst", |_| {
        vec![subtotal(&format!(
            "{AMOUNTS}{}",
            category("S", "19", "GST")
        ))]
    }));
    v.extend(both("br48_no_percent", |_| {
        vec![subtotal(&format!("{AMOUNTS}{}", category("S", "", "VAT")))]
    }));
    v.extend(both("br48_o_no_percent", |_| {
        vec![subtotal(&format!(
            "{AMOUNTS}{}",
            category(" O ", "", "vat")
        ))]
    }));
    v.extend(both("br48_lower_o", |_| {
        vec![subtotal(&format!("{AMOUNTS}{}", category("o", "", "VAT")))]
    }));
    v.extend(both("br45_nested_taxtotal", |b| {
        vec![line(
            b,
            "<cac:TaxTotal><cac:TaxSubtotal><cbc:Percent>1</cbc:Percent></cac:TaxSubtotal></cac:TaxTotal>",
        )]
    }));
    v.extend(both("br45_subtotal_outside_taxtotal", |_| {
        vec![root("<cac:TaxSubtotal/>")]
    }));
    // Payment means.
    v.extend(both("br49_no_code", |_| {
        vec![root(
            "<cac:PaymentMeans><cbc:PaymentID>1</cbc:PaymentID></cac:PaymentMeans>",
        )]
    }));
    v.extend(both("br50_br61_transfer_no_account", |_| {
        vec![root(&payment_means("30", ""))]
    }));
    v.extend(both("br50_empty_account_id", |_| {
        vec![root(&payment_means(
            "58",
            "<cac:PayeeFinancialAccount><cbc:ID/></cac:PayeeFinancialAccount>",
        ))]
    }));
    v.extend(both("br50_padded_code", |_| {
        vec![root(&payment_means(
            " 30 ",
            "<cac:PayeeFinancialAccount><cbc:Name>x</cbc:Name></cac:PayeeFinancialAccount>",
        ))]
    }));
    v.extend(both("br50_other_code", |_| {
        vec![root(&payment_means(
            "31",
            "<cac:PayeeFinancialAccount><cbc:Name>x</cbc:Name></cac:PayeeFinancialAccount>",
        ))]
    }));
    v.extend(both("br61_padded_code_no_account", |_| {
        vec![root(&payment_means("\n58 ", ""))]
    }));
    v.extend(both("br51_long_pan", |_| {
        vec![root(&payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>12345678901</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount>",
        ))]
    }));
    v.extend(both("br51_ten_digits", |_| {
        vec![root(&payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>1234567890</cbc:PrimaryAccountNumberID></cac:CardAccount>",
        ))]
    }));
    v.extend(both("br51_two_pans", |_| {
        vec![root(&payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>1</cbc:PrimaryAccountNumberID><cbc:PrimaryAccountNumberID>12345678901</cbc:PrimaryAccountNumberID></cac:CardAccount>",
        ))]
    }));
    v.extend(both("br51_diacritics", |_| {
        vec![root(&payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>ĂĂĂĂĂĂĂĂĂĂ</cbc:PrimaryAccountNumberID></cac:CardAccount>",
        ))]
    }));
    v.extend(both("br51_card_outside_means", |_| {
        vec![root(
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>12345678901</cbc:PrimaryAccountNumberID></cac:CardAccount>",
        )]
    }));
    v.extend(both("br66_two_cards", |_| {
        vec![root(&payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>1</cbc:PrimaryAccountNumberID></cac:CardAccount><cac:CardAccount><cbc:PrimaryAccountNumberID>2</cbc:PrimaryAccountNumberID></cac:CardAccount>",
        ))]
    }));
    v.extend(both("br66_br67_two_means", |_| {
        let one = payment_means(
            "48",
            "<cac:CardAccount><cbc:PrimaryAccountNumberID>1</cbc:PrimaryAccountNumberID></cac:CardAccount><cac:PaymentMandate><cbc:ID>1</cbc:ID></cac:PaymentMandate>",
        );
        vec![root(&format!("{one}{one}"))]
    }));
    v.extend(both("br67_one_mandate", |_| {
        vec![root(&payment_means(
            "59",
            "<cac:PaymentMandate><cbc:ID>1</cbc:ID></cac:PaymentMandate>",
        ))]
    }));
    // Supporting documents, preceding invoices.
    v.extend(both("br52_empty_id", |_| {
        vec![root(
            "<cac:AdditionalDocumentReference><cbc:ID/></cac:AdditionalDocumentReference>",
        )]
    }));
    v.extend(both("br52_line_reference", |b| {
        vec![line(b, "<cac:AdditionalDocumentReference/>")]
    }));
    v.extend(both("br55_no_id", |_| {
        vec![root(
            "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2023-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>",
        )]
    }));
    v.extend(both("br55_ok", |_| {
        vec![root(
            "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID/></cac:InvoiceDocumentReference></cac:BillingReference>",
        )]
    }));
    // Tax currency.
    v.push(case(
        "br53_no_total_in_tax_currency",
        Inv,
        vec![replace(
            "</cbc:DocumentCurrencyCode>",
            "</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>",
        )],
    ));
    v.push(case(
        "br53_padded_code",
        Cn,
        vec![replace(
            "<cbc:TaxCurrencyCode>RON</cbc:TaxCurrencyCode>",
            "<cbc:TaxCurrencyCode> RON</cbc:TaxCurrencyCode>",
        )],
    ));
    v.push(case(
        "br53_total_in_line",
        Inv,
        vec![
            replace(
                "</cbc:DocumentCurrencyCode>",
                "</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>",
            ),
            line(
                Inv,
                "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">1</cbc:TaxAmount></cac:TaxTotal>",
            ),
        ],
    ));
    v.push(case(
        "br53_two_codes",
        Cn,
        vec![replace(
            "<cbc:TaxCurrencyCode>RON</cbc:TaxCurrencyCode>",
            "<cbc:TaxCurrencyCode>RON</cbc:TaxCurrencyCode><cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>",
        )],
    ));
    v.push(case(
        "br53_missing_vat_total",
        Cn,
        vec![replace(
            "<cbc:TaxAmount currencyID=\"RON\">249</cbc:TaxAmount>",
            "<cbc:TaxAmount currencyID=\"EUR\">249</cbc:TaxAmount>",
        )],
    ));
    v
}

fn split_payment_and_note_cases() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(both("brb_line_b", |b| vec![line_category(b, "B")]));
    v.extend(both("brb_line_padded_b", |b| vec![line_category(b, " B")]));
    v.push(case(
        "brb_b_in_italy",
        Inv,
        vec![
            line_category(Inv, "B"),
            replace(
                "<cbc:IdentificationCode>RO</cbc:IdentificationCode>",
                "<cbc:IdentificationCode>IT</cbc:IdentificationCode>",
            ),
            nth(
                "<cbc:IdentificationCode>RO</cbc:IdentificationCode>",
                "<cbc:IdentificationCode>IT</cbc:IdentificationCode>",
                0,
            ),
            replace(
                "<cac:TaxCategory>\n        <cbc:ID>S</cbc:ID>",
                "<cac:TaxCategory><cbc:ID>B</cbc:ID>",
            ),
        ],
    ));
    v.extend(both("brb_b_allowance_with_s_line", |_| {
        vec![root(&allowance(
            "false",
            "<cbc:Amount>1</cbc:Amount><cac:TaxCategory><cbc:ID>B</cbc:ID></cac:TaxCategory>",
        ))]
    }));
    for (tag, note) in [
        ("known", "#AAI#Text"),
        ("unknown", "#XYZ#Text"),
        ("two_chars", "#AB#Text"),
        ("no_second_hash", "#XYZ text"),
        ("space_inside", "#A A#x"),
        ("lower", "#aai#x"),
        ("leading_text", "see #ZZY# below"),
        ("plain", "no subject"),
        ("diacritics", "#ĂĂĂ#"),
        ("leading_space", "# AA#x"),
        ("trailing_space", "#AA #x"),
        ("tab", "#\tAA#x"),
        ("crossing_codes", "#A A#x"),
        ("three_hashes", "#AAI#XYZ#"),
    ] {
        v.extend(both(&format!("brcl08_{tag}"), |_| {
            vec![root(&format!("<cbc:Note>{note}</cbc:Note>"))]
        }));
    }
    v.extend(both("brcl08_line_note", |b| {
        vec![line(b, "<cbc:Note>#XYZ#x</cbc:Note>")]
    }));
    v
}

/// Roots that are not `ubl:Invoice` / `cn:CreditNote`: the root-anchored contexts never match.
fn namespace_cases() -> Vec<Case> {
    vec![
        case(
            "wrong_root_namespace",
            Inv,
            vec![
                replace(
                    "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"",
                    "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"",
                ),
                root("<cbc:Note>#XYZ#</cbc:Note>"),
                root(&allowance("false", "")),
                replace("<cbc:IssueDate>2023-12-16</cbc:IssueDate>", ""),
            ],
        ),
        case(
            "wrong_root_namespace",
            Cn,
            vec![
                replace(
                    "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"",
                    "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"",
                ),
                root("<cbc:Note>#XYZ#</cbc:Note>"),
                root(&allowance("false", "")),
            ],
        ),
        case(
            "cac_in_wrong_namespace",
            Inv,
            vec![
                root(
                    "<x:PaymentMeans xmlns:x=\"urn:example\"><x:CardAccount><cbc:PrimaryAccountNumberID>12345678901</cbc:PrimaryAccountNumberID></x:CardAccount></x:PaymentMeans>",
                ),
                root("<cbc:AdditionalDocumentReference/>"),
            ],
        ),
    ]
}

fn document_vat_cases() -> Vec<Case> {
    let mut v = Vec::new();
    for code in ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"] {
        let c = code.to_lowercase();
        v.extend(both(&format!("vat_{c}_line"), |b| {
            vec![line_category(b, code)]
        }));
        v.extend(both(&format!("vat_{c}_line_breakdown"), |b| {
            vec![line_category(b, code), breakdown_category(b, code)]
        }));
        v.extend(both(&format!("vat_{c}_line_no_vat_ids"), |b| {
            [
                vec![line_category(b, code), breakdown_category(b, code)],
                no_party_tax_schemes(),
            ]
            .concat()
        }));
        // The buyer's tax scheme is not VAT: only its legal registration id remains.
        v.push(case(
            &format!("vat_{c}_line_buyer_legal_only"),
            Inv,
            vec![
                line_category(Inv, code),
                breakdown_category(Inv, code),
                nth(
                    "<cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>",
                    "<cac:TaxScheme><cbc:ID>GST</cbc:ID>",
                    1,
                ),
            ],
        ));
        for (tag, indicator) in [("allowance", "false"), ("charge", "true")] {
            let ac = allowance(
                indicator,
                &format!("<cbc:Amount>1</cbc:Amount>{}", category(code, "0", "VAT")),
            );
            v.extend(both(&format!("vat_{c}_doc_{tag}_no_vat_ids"), |_| {
                [vec![root(&ac)], no_party_tax_schemes()].concat()
            }));
            v.extend(both(&format!("vat_{c}_doc_{tag}"), |_| vec![root(&ac)]));
            v.extend(both(&format!("vat_{c}_line_{tag}_no_vat_ids"), |b| {
                [vec![line(b, &ac)], no_party_tax_schemes()].concat()
            }));
        }
        v.extend(both(&format!("vat_{c}_breakdown_only"), |b| {
            vec![breakdown_category(b, code)]
        }));
        v.extend(both(&format!("vat_{c}_padded_breakdown"), |b| {
            vec![
                line_category(b, code),
                breakdown_category(b, &format!(" {code}\n")),
            ]
        }));
        v.extend(both(&format!("vat_{c}_two_breakdowns"), |b| {
            vec![
                line_category(b, code),
                breakdown_category(b, code),
                subtotal(&format!("{AMOUNTS}{}", category(code, "0", "VAT"))),
            ]
        }));
        v.extend(both(&format!("vat_{c}_gst_scheme"), |b| {
            vec![
                replace(
                    "<cac:ClassifiedTaxCategory>",
                    &format!("<cac:ClassifiedTaxCategory><cbc:ID>{code}</cbc:ID><cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory><cac:ClassifiedTaxCategory>"),
                ),
                root(&allowance("true", &format!("<cbc:Amount>1</cbc:Amount>{}", category(code, "", "GST")))),
                line(b, "<cbc:Note>x</cbc:Note>"),
            ]
        }));
        v.extend(both(&format!("vat_{c}_exact_vs_padded_charge"), |_| {
            [
                vec![root(&allowance(
                    "1",
                    &format!(
                        "<cbc:Amount>1</cbc:Amount>{}",
                        category(&format!(" {code} "), "", "VAT")
                    ),
                ))],
                no_party_tax_schemes(),
            ]
            .concat()
        }));
    }
    // BR-O-13 / BR-O-14: an 'O' breakdown with a non-O allowance / charge (also line-level and
    // one without an ID, which normalises to '' and so differs from 'O').
    for (tag, indicator, cat) in [
        ("allowance_s", "false", category("S", "19", "VAT")),
        ("charge_s", "true", category("S", "19", "VAT")),
        ("charge_no_id", "1", "<cac:TaxCategory><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>".to_owned()),
        ("allowance_o", "0", category(" O", "", "VAT")),
    ] {
        let ac = allowance(indicator, &format!("<cbc:Amount>1</cbc:Amount>{cat}"));
        v.extend(both(&format!("vat_o_breakdown_with_{tag}"), |b| {
            vec![line_category(b, "O"), breakdown_category(b, "O"), root(&ac)]
        }));
        v.extend(both(&format!("vat_o_breakdown_with_line_{tag}"), |b| {
            vec![line_category(b, "O"), breakdown_category(b, "O"), line(b, &ac)]
        }));
    }
    // BR-IC-11 / BR-IC-12: intra-community supply needs a delivery date or period, and a
    // deliver-to country.
    let k_breakdown = |b: Base| vec![line_category(b, "K"), breakdown_category(b, "K")];
    v.extend(both("vat_k_delivery_date", |b| {
        [
            k_breakdown(b),
            vec![root(
                "<cac:Delivery><cbc:ActualDeliveryDate>2023-12-16</cbc:ActualDeliveryDate><cac:DeliveryLocation><cac:Address><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery>",
            )],
        ]
        .concat()
    }));
    v.extend(both("vat_k_short_values", |b| {
        [
            k_breakdown(b),
            vec![root(
                "<cac:Delivery><cbc:ActualDeliveryDate>1</cbc:ActualDeliveryDate><cac:DeliveryLocation><cac:Address><cac:Country><cbc:IdentificationCode>D</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation></cac:Delivery>",
            )],
        ]
        .concat()
    }));
    v.extend(both("vat_k_period_with_child", |b| {
        [
            k_breakdown(b),
            vec![root("<cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod>")],
        ]
        .concat()
    }));
    v.extend(both("vat_k_empty_period", |b| {
        [
            k_breakdown(b),
            vec![root("<cac:InvoicePeriod> </cac:InvoicePeriod>")],
        ]
        .concat()
    }));
    v
}

fn all_cases() -> Vec<Case> {
    let mut v = document_cases();
    v.extend(party_cases());
    v.extend(line_cases());
    v.extend(allowance_and_vat_cases());
    v.extend(split_payment_and_note_cases());
    v.extend(namespace_cases());
    v.extend(document_vat_cases());
    v
}

/// Writes every generated case into `out`; returns how many were written.
pub fn write_cases(mutations_dir: &Path, out: &Path) -> usize {
    let bases = Bases::read(mutations_dir);
    let cases = all_cases();
    let mut names = BTreeSet::new();
    for c in &cases {
        let mut text = bases.get(c.base == Inv).to_owned();
        for (find, with, n) in &c.edits {
            if *n == usize::MAX {
                text = text.replace(find.as_str(), with);
                continue;
            }
            let Some((at, _)) = text.match_indices(find.as_str()).nth(*n) else {
                panic!("{}: occurrence {n} of {find:?} not found", c.name);
            };
            text.replace_range(at..at + find.len(), with);
        }
        write_case(out, &mut names, &c.name, &text);
    }
    cases.len()
}

/// Rich EN 16931 examples the sweep mutates (allowances, payee, tax representative, delivery,
/// periods, preceding invoices), plus the credit note example.
const SWEEP_BASES: [&str; 6] = [
    "ubl-tc434-example2.xml",
    "ubl-tc434-example5.xml",
    "ubl-tc434-creditnote1.xml",
    "ubl-tc434-example8.xml",
    "issue116.xml",
    "sample-discount-price.xml",
];

/// Elements the sweep hides (renames), empties or pads with whitespace, occurrence by occurrence.
const SWEEP_TAGS: [&str; 38] = [
    "cbc:ID",
    "cbc:Name",
    "cbc:RegistrationName",
    "cbc:IdentificationCode",
    "cbc:CompanyID",
    "cbc:EndpointID",
    "cbc:ChargeIndicator",
    "cbc:Amount",
    "cbc:BaseAmount",
    "cbc:StartDate",
    "cbc:EndDate",
    "cbc:PaymentMeansCode",
    "cbc:TaxCurrencyCode",
    "cbc:DocumentCurrencyCode",
    "cbc:Percent",
    "cbc:TaxableAmount",
    "cbc:TaxAmount",
    "cbc:AllowanceChargeReason",
    "cbc:AllowanceChargeReasonCode",
    "cbc:InvoicedQuantity",
    "cbc:CreditedQuantity",
    "cbc:LineExtensionAmount",
    "cbc:PriceAmount",
    "cbc:Note",
    "cbc:CustomizationID",
    "cbc:IssueDate",
    "cac:PostalAddress",
    "cac:Country",
    "cac:PartyName",
    "cac:PartyTaxScheme",
    "cac:TaxScheme",
    "cac:TaxCategory",
    "cac:ClassifiedTaxCategory",
    "cac:PayeeFinancialAccount",
    "cac:InvoiceDocumentReference",
    "cac:Price",
    "cac:TaxSubtotal",
    "cac:InvoicePeriod",
];

/// Where the `n`-th `<tag …>…</tag>` element starts and where its content starts and ends (the
/// first `</tag>` after it: right for leaves and for aggregates not nested in themselves), or
/// `None`. Self-closing elements are skipped.
fn element_span(text: &str, tag: &str, n: usize) -> Option<(usize, usize, usize)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find(&open) {
        let start = from + i;
        from = start + open.len();
        let next = text[from..].chars().next()?;
        if next != ' ' && next != '>' {
            continue;
        }
        let content_start = start + text[start..].find('>')? + 1;
        if text[..content_start].ends_with("/>") {
            continue;
        }
        let content_end = content_start + text[content_start..].find(&close)?;
        if found == n {
            return Some((start, content_start, content_end));
        }
        found += 1;
    }
    None
}

/// Writes the sweep: for every base, tag and occurrence, the element hidden (renamed), doubled
/// (a copy right after it), emptied and padded with whitespace; keeps only well-formed results.
/// Returns how many were written.
pub fn write_sweep(examples_dir: &Path, out: &Path) -> usize {
    let limits = Limits::default();
    let mut written = 0;
    for base in SWEEP_BASES {
        let text = std::fs::read_to_string(examples_dir.join(base)).unwrap();
        let stem = base.trim_end_matches(".xml").replace('-', "_");
        for tag in SWEEP_TAGS {
            for n in 0..3 {
                let Some((start, content_start, content_end)) = element_span(&text, tag, n) else {
                    break;
                };
                let content = &text[content_start..content_end];
                let name_end = start + 1 + tag.len();
                let hidden = format!("{}Hidden{}", &text[..name_end], &text[name_end..]);
                let end = content_end + tag.len() + 3;
                let mut variants = vec![
                    ("hidden", fix_end_tag(&hidden, tag, start)),
                    ("doubled", format!("{}{}", &text[..end], &text[start..])),
                ];
                if tag.starts_with("cbc:") {
                    variants.push((
                        "empty",
                        format!("{}{}", &text[..content_start], &text[content_end..]),
                    ));
                    variants.push((
                        "padded",
                        format!(
                            "{} \n{content}\t {}",
                            &text[..content_start],
                            &text[content_end..]
                        ),
                    ));
                }
                for (op, mutated) in variants {
                    if spvdesk::validation::full::doc::Doc::parse(mutated.as_bytes(), &limits)
                        .is_err()
                    {
                        continue;
                    }
                    let name = format!("sweep_{stem}_{}_{n}_{op}.xml", tag.replace(':', "_"));
                    std::fs::write(out.join(name), mutated).unwrap();
                    written += 1;
                }
            }
        }
    }
    written
}

/// Renames the end tag matching the start tag renamed at `start` (the first `</tag>` after it).
fn fix_end_tag(text: &str, tag: &str, start: usize) -> String {
    let close = format!("</{tag}>");
    match text[start..].find(&close) {
        Some(i) => {
            let at = start + i;
            format!("{}</{tag}Hidden>{}", &text[..at], &text[at + close.len()..])
        }
        None => text.to_owned(),
    }
}

#[test]
fn model_cases_match_the_oracle() {
    let Some(python) = oracle_setup(TEST) else {
        return;
    };
    let base = conformance_dir();
    let dir = CaseDir::new("MODEL_CASES_DIR");
    let written = write_cases(&mutations_dir(), &dir.path)
        + write_sweep(&base.join("testcases/en16931/examples"), &dir.path);
    let families =
        env_prefixes(&["MODEL_FAMILIES"]).unwrap_or_else(|| prefix_list(DEFAULT_FAMILIES));
    let scope = Scope::prefixes("EN", families, |id| en::rule(id).is_some());
    let result = compare_cases(TEST, &python, &dir.path, written, &scope);
    eprintln!(
        "ids fired by the oracle: {:?}",
        result.oracle_fired.keys().collect::<Vec<_>>()
    );
    assert!(result.differences.is_empty());
}
