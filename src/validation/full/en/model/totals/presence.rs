//! The BR-CO conditions that test presence (or a prefix), not arithmetic: BR-CO-03, 04, 05-08
//! (`true()` in the bundle), 09, 18-26.

use super::vat_prefixes::BR_CO_09_PREFIXES;
use super::xdm::{Abort, Eval, all_elements, has_vat_scheme, has_vat_scheme_ebv, single_cbc};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::xpath;

/// `n` is the number after `BR-CO-`.
pub fn holds(n: u16, doc: &Doc, node: NodeId) -> Eval<bool> {
    match n {
        // At the root: TaxPointDate (BT-7) and InvoicePeriod/DescriptionCode (BT-8) exclude
        // each other.
        3 => Ok(!(doc.exists_in(node, NSID_CBC, "TaxPointDate")
            && doc
                .children_in(node, NSID_CAC, "InvoicePeriod")
                .any(|p| doc.exists_in(p, NSID_CBC, "DescriptionCode")))),
        4 => br_co_04(doc, node),
        // ANAF bound the reason-code/reason consistency rules to `true()`.
        5..=8 => Ok(true),
        9 => br_co_09(doc, node),
        // At the root: exists(cac:TaxTotal/cac:TaxSubtotal).
        18 => Ok(doc
            .children_in(node, NSID_CAC, "TaxTotal")
            .any(|t| doc.exists_in(t, NSID_CAC, "TaxSubtotal"))),
        // Invoice period: a start date, an end date or (ANAF's addition) a description code.
        19 => Ok(["StartDate", "EndDate", "DescriptionCode"]
            .iter()
            .any(|l| doc.exists_in(node, NSID_CBC, l))),
        // Line period: a start or an end date.
        20 => Ok(["StartDate", "EndDate"]
            .iter()
            .any(|l| doc.exists_in(node, NSID_CBC, l))),
        // Each allowance/charge (document or line): a reason or a reason code.
        21..=24 => Ok(["AllowanceChargeReason", "AllowanceChargeReasonCode"]
            .iter()
            .any(|l| doc.exists_in(node, NSID_CBC, l))),
        25 => br_co_25(doc, node),
        26 => br_co_26(doc, node),
        _ => Ok(true),
    }
}

/// BR-CO-04 at an invoice/credit note line:
/// `cac:Item/cac:ClassifiedTaxCategory[cac:TaxScheme/(normalize-space(upper-case(cbc:ID))='VAT')]/cbc:ID`
/// must select something.
fn br_co_04(doc: &Doc, line: NodeId) -> Eval<bool> {
    for item in doc.children_in(line, NSID_CAC, "Item") {
        for category in doc.children_in(item, NSID_CAC, "ClassifiedTaxCategory") {
            if has_vat_scheme_ebv(doc, category)? && doc.exists_in(category, NSID_CBC, "ID") {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// BR-CO-09 at a `cac:PartyTaxScheme` with a VAT scheme:
/// `contains(' 1A AD ... ZW ', substring(cbc:CompanyID, 1, 2))`. A plain substring search: an
/// absent or empty CompanyID (`''`) always passes, so does a one-character one found anywhere in
/// the list (`R`), and so does a prefix made of a space and a letter (` R`).
fn br_co_09(doc: &Doc, scheme: NodeId) -> Eval<bool> {
    let Some(id) = single_cbc(doc, scheme, "CompanyID")? else {
        return Ok(true);
    };
    let text = doc.value(id);
    let end = text.char_indices().nth(2).map_or(text.len(), |(i, _)| i);
    Ok(BR_CO_09_PREFIXES.contains(&text[..end]))
}

/// BR-CO-25 at `/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount`:
/// `((. > 0) and (exists(//cbc:DueDate) or exists(//cac:PaymentTerms/cbc:Note))) or (. <= 0)`.
/// `.` is compared as an `xs:double` (so `NaN` fails both sides and fires); a value that is not a
/// number aborts the official transform.
fn br_co_25(doc: &Doc, amount: NodeId) -> Eval<bool> {
    let v = xpath::double(&doc.value(amount)).ok_or(Abort)?;
    if v > 0.0 {
        let terms = all_elements(doc).any(|n| {
            doc.is_in(n, NSID_CBC, "DueDate")
                || (doc.is_in(n, NSID_CBC, "Note")
                    && doc
                        .parent(n)
                        .is_some_and(|p| doc.is_in(p, NSID_CAC, "PaymentTerms")))
        });
        if terms {
            return Ok(true);
        }
    }
    Ok(v <= 0.0)
}

/// BR-CO-26 at `cac:AccountingSupplierParty`: a VAT identifier
/// (`cac:Party/cac:PartyTaxScheme[VAT scheme]/cbc:CompanyID`), a seller identifier
/// (`cac:Party/cac:PartyIdentification/cbc:ID`) or a legal registration identifier
/// (`cac:Party/cac:PartyLegalEntity/cbc:CompanyID`), tested in that order.
fn br_co_26(doc: &Doc, supplier: NodeId) -> Eval<bool> {
    let parties = || doc.children_in(supplier, NSID_CAC, "Party");
    for party in parties() {
        for scheme in doc.children_in(party, NSID_CAC, "PartyTaxScheme") {
            if has_vat_scheme(doc, scheme)? && doc.exists_in(scheme, NSID_CBC, "CompanyID") {
                return Ok(true);
            }
        }
    }
    let under_party = |group: &str, leaf: &str| {
        parties().any(|p| {
            doc.children_in(p, NSID_CAC, group)
                .any(|g| doc.exists_in(g, NSID_CBC, leaf))
        })
    };
    Ok(under_party("PartyIdentification", "ID") || under_party("PartyLegalEntity", "CompanyID"))
}
