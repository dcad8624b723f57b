//! BR-DEC-*: `string-length(substring-after(cbc:X, '.')) <= 2` on the amount `cbc:X` of the
//! context; BR-DEC-13 and BR-DEC-15 are written so that they can hardly ever fire (see there).

use super::xdm::{Abort, Eval, at_most_two_decimals, chars_after_dot};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::en::shared::{Anywhere, Shared};

/// `n` is the number after `BR-DEC-`.
pub fn holds(n: u16, doc: &Doc, node: NodeId, shared: &Shared<'_>) -> Eval<bool> {
    let amount = match n {
        // Document level allowances (01, 02), charges (05, 06), line allowances (24, 25) and
        // line charges (27, 28): each assert is bound to its own context by the dispatch.
        1 | 5 | 24 | 27 => "Amount",
        2 | 6 | 25 | 28 => "BaseAmount",
        // cac:LegalMonetaryTotal (09-18) and the invoice line (23).
        9 | 23 => "LineExtensionAmount",
        10 => "AllowanceTotalAmount",
        11 => "ChargeTotalAmount",
        12 => "TaxExclusiveAmount",
        14 => "TaxInclusiveAmount",
        16 => "PrepaidAmount",
        17 => "PayableRoundingAmount",
        18 => "PayableAmount",
        // cac:TaxTotal/cac:TaxSubtotal.
        19 => "TaxableAmount",
        20 => "TaxAmount",
        13 => return tax_total_amount(doc, shared, "DocumentCurrencyCode"),
        15 => return tax_total_amount(doc, shared, "TaxCurrencyCode"),
        _ => return Ok(true),
    };
    at_most_two_decimals(doc, node, amount)
}

/// BR-DEC-13 / BR-DEC-15 at the root:
/// `(//cac:TaxTotal/cbc:TaxAmount[@currencyID = cbc:DocumentCurrencyCode] and
///   string-length(substring-after(<same>, '.')) <= 2) or not(<same>)`.
/// The predicate looks for `cbc:DocumentCurrencyCode` (or `cbc:TaxCurrencyCode`) as a CHILD of the
/// `cbc:TaxAmount`, which a valid document never has: the selection is empty and the assert holds.
/// Reproduced literally for the documents that do have such a child.
fn tax_total_amount(doc: &Doc, shared: &Shared<'_>, code: &str) -> Eval<bool> {
    let mut selected = None;
    for &amount in shared.anywhere(Anywhere::TaxAmount) {
        if !doc
            .parent(amount)
            .is_some_and(|p| doc.is_in(p, NSID_CAC, "TaxTotal"))
        {
            continue;
        }
        let Some(currency) = doc.attr(amount, "", "currencyID") else {
            continue;
        };
        let matches = doc
            .children_in(amount, NSID_CBC, code)
            .any(|c| doc.value(c) == currency);
        if matches {
            if selected.is_some() {
                // substring-after() of two nodes: XPTY0004.
                return Err(Abort);
            }
            selected = Some(amount);
        }
    }
    Ok(selected.is_none_or(|amount| chars_after_dot(&doc.value(amount)) <= 2))
}
