//! BR-DEC-*: `string-length(substring-after(cbc:X, '.')) <= 2` on the amount `cbc:X` of the
//! context; BR-DEC-13 and BR-DEC-15 are written so that they can hardly ever fire (see there).

use super::amounts::{Amount, Amounts};
use super::xdm::{Abort, Eval, chars_after_dot};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC};
use crate::validation::full::en::shared::{Anywhere, Shared};

/// `n` is the number after `BR-DEC-`; `amounts` are the context node's. BR-DEC-13 and 15 read
/// no amount of their context: see [`tax_total_amount`].
pub fn holds(n: u16, doc: &Doc, amounts: &Amounts<'_>) -> Eval<bool> {
    let amount = match n {
        // Document level allowances (01, 02), charges (05, 06), line allowances (24, 25) and
        // line charges (27, 28): each assert is bound to its own context by the dispatch.
        1 | 5 | 24 | 27 => Amount::Plain,
        2 | 6 | 25 | 28 => Amount::Base,
        // cac:LegalMonetaryTotal (09-18) and the invoice line (23).
        9 | 23 => Amount::LineExtension,
        10 => Amount::AllowanceTotal,
        11 => Amount::ChargeTotal,
        12 => Amount::TaxExclusive,
        14 => Amount::TaxInclusive,
        16 => Amount::Prepaid,
        17 => Amount::PayableRounding,
        18 => Amount::Payable,
        // cac:TaxTotal/cac:TaxSubtotal.
        19 => Amount::Taxable,
        20 => Amount::Tax,
        _ => return Ok(true),
    };
    // `string-length(substring-after(cbc:X, '.')) <= 2`: an absent amount gives ''.
    Ok(match amounts.single(amount)? {
        Some(child) => chars_after_dot(&doc.value(child)) <= 2,
        None => true,
    })
}

/// BR-DEC-13 / BR-DEC-15 at the root:
/// `(//cac:TaxTotal/cbc:TaxAmount[@currencyID = cbc:DocumentCurrencyCode] and
///   string-length(substring-after(<same>, '.')) <= 2) or not(<same>)`.
/// The predicate looks for `cbc:DocumentCurrencyCode` (or `cbc:TaxCurrencyCode`) as a CHILD of the
/// `cbc:TaxAmount`, which a valid document never has: the selection is empty and the assert holds.
/// Reproduced literally for the documents that do have such a child.
pub fn tax_total_amount(doc: &Doc, shared: &Shared<'_>, code: &str) -> Eval<bool> {
    let mut selected = None;
    for &amount in shared.anywhere(Anywhere::TaxAmount) {
        if !doc
            .parent(amount)
            .is_some_and(|p| doc.is_in(p, NSID_CAC, "TaxTotal"))
        {
            continue;
        }
        // Amounts have no element children: the attribute is only read for those that do.
        let mut codes = doc.children_in(amount, NSID_CBC, code).peekable();
        if codes.peek().is_none() {
            continue;
        }
        let Some(currency) = doc.attr(amount, "", "currencyID") else {
            continue;
        };
        let matches = codes.any(|c| doc.value(c) == currency);
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
