//! The document totals: BR-CO-10 to BR-CO-13 and BR-CO-16 at `cac:LegalMonetaryTotal`, BR-CO-14
//! at the document's `cac:TaxTotal`, BR-CO-15 at the root. All decimal arithmetic, rounded with
//! the bundle's `round(x * 10 * 10) div 100` (half up), compared exactly.

use rust_decimal::Decimal;

use super::amounts::{Amount, Amounts};
use super::xdm::{
    Abort, Eval, add, cast_decimal, decimal_of, eq, indicator_is, opt_round2, opt2, round2, sub,
    sum_of,
};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId, NsId};
use crate::validation::full::en::shared::{Anywhere, Shared};

/// `n` is the number after `BR-CO-`; `amounts` are those of `node`. BR-CO-15 reads none of
/// them: see [`br_co_15`].
pub fn holds(
    n: u16,
    doc: &Doc,
    node: NodeId,
    shared: &Shared<'_>,
    amounts: &Amounts<'_>,
) -> Eval<bool> {
    match n {
        10 => br_co_10(doc, amounts, shared),
        11 => allowance_total(doc, node, shared, amounts, false, Amount::AllowanceTotal),
        12 => allowance_total(doc, node, shared, amounts, true, Amount::ChargeTotal),
        13 => br_co_13(amounts),
        14 => br_co_14(doc, node, amounts),
        16 => br_co_16(amounts),
        _ => Ok(true),
    }
}

/// BR-CO-10: `xs:decimal(cbc:LineExtensionAmount) = xs:decimal(round(sum(//(cac:InvoiceLine |
/// cac:CreditNoteLine)/xs:decimal(cbc:LineExtensionAmount)) * 10 * 10) div 100)`: every line of
/// the document, at any depth; an absent total fails the comparison.
fn br_co_10(doc: &Doc, totals: &Amounts<'_>, shared: &Shared<'_>) -> Eval<bool> {
    let Some(total) = totals.decimal(Amount::LineExtension)? else {
        return Ok(false);
    };
    // Both kinds of lines in document order (a sum that overflows depends on the order).
    let lines = merged(
        shared.anywhere(Anywhere::InvoiceLine),
        shared.anywhere(Anywhere::CreditNoteLine),
    );
    Ok(total == round2(sum_of(doc, lines, "LineExtensionAmount")?)?)
}

/// Two lists of nodes in document order, merged in document order.
fn merged<'a>(a: &'a [NodeId], b: &'a [NodeId]) -> impl Iterator<Item = NodeId> + 'a {
    let (mut a, mut b) = (a.iter().copied().peekable(), b.iter().copied().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// The children of `parent` named (`ns`, `local`), in document order: looked up in the root's
/// index when `parent` is the root (which has a child per line), else found by a scan.
fn children<'a>(
    doc: &'a Doc,
    shared: &'a Shared<'_>,
    parent: NodeId,
    ns: NsId,
    local: &'a str,
) -> impl Iterator<Item = NodeId> + 'a {
    let indexed = (parent == doc.root()).then(|| shared.root_children().children(ns, local));
    let scanned = indexed
        .is_none()
        .then(|| doc.children_in(parent, ns, local));
    indexed
        .into_iter()
        .flatten()
        .copied()
        .chain(scanned.into_iter().flatten())
}

/// BR-CO-11 (allowances, `charge` = false) and BR-CO-12 (charges):
/// `xs:decimal(cbc:<Total>) = (round(sum(../cac:AllowanceCharge[cbc:ChargeIndicator=<charge>()]
/// /xs:decimal(cbc:Amount)) * 10 * 10) div 100) or (not(cbc:<Total>) and
/// not(../cac:AllowanceCharge[cbc:ChargeIndicator=<charge>()]))`. `..` is the totals' parent
/// (the root in a valid document; nothing when the totals are the root element).
fn allowance_total(
    doc: &Doc,
    totals: NodeId,
    shared: &Shared<'_>,
    amounts: &Amounts<'_>,
    charge: bool,
    total: Amount,
) -> Eval<bool> {
    let declared = amounts.decimal(total)?;
    let siblings = || {
        doc.parent(totals)
            .into_iter()
            .flat_map(move |p| children(doc, shared, p, NSID_CAC, "AllowanceCharge"))
    };
    if let Some(declared) = declared {
        let mut sum = Decimal::ZERO;
        for ac in siblings() {
            if indicator_is(doc, ac, charge)?
                && let Some(amount) = decimal_of(doc, ac, "Amount")?
            {
                sum = add(sum, amount)?;
            }
        }
        return Ok(declared == round2(sum)?);
    }
    for ac in siblings() {
        if indicator_is(doc, ac, charge)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// BR-CO-13: `cbc:TaxExclusiveAmount` = line total - allowance total + charge total, in four
/// branches on which of the two optional totals exist; the empty sequence in any operand makes
/// the comparison false.
fn br_co_13(totals: &Amounts<'_>) -> Eval<bool> {
    let has_charges = totals.exists(Amount::ChargeTotal);
    let has_allowances = totals.exists(Amount::AllowanceTotal);
    let dec = |amount| totals.decimal(amount);
    let without_vat = dec(Amount::TaxExclusive)?;
    if without_vat.is_none() {
        // `() = ...` is false in every branch.
        return Ok(false);
    }
    let line_total = || dec(Amount::LineExtension);
    let expected = match (has_charges, has_allowances) {
        (true, true) => {
            let plus = opt2(line_total()?, || dec(Amount::ChargeTotal), add)?;
            opt_round2(opt2(plus, || dec(Amount::AllowanceTotal), sub)?)?
        }
        (false, true) => opt_round2(opt2(line_total()?, || dec(Amount::AllowanceTotal), sub)?)?,
        (true, false) => opt_round2(opt2(line_total()?, || dec(Amount::ChargeTotal), add)?)?,
        // Compared as they are, not rounded.
        (false, false) => line_total()?,
    };
    Ok(eq(without_vat, expected))
}

/// BR-CO-14 at `/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal`:
/// `(xs:decimal(cbc:TaxAmount) = round((sum(cac:TaxSubtotal/xs:decimal(cbc:TaxAmount)) * 10 * 10))
/// div 100) or not(cac:TaxSubtotal)`.
fn br_co_14(doc: &Doc, tax_total: NodeId, amounts: &Amounts<'_>) -> Eval<bool> {
    if let Some(declared) = amounts.decimal(Amount::Tax)? {
        let subtotals = doc.children_in(tax_total, NSID_CAC, "TaxSubtotal");
        if declared == round2(sum_of(doc, subtotals, "TaxAmount")?)? {
            return Ok(true);
        }
    }
    Ok(!doc.exists_in(tax_total, NSID_CAC, "TaxSubtotal"))
}

/// BR-CO-15 at the root: `every $Currency in cbc:DocumentCurrencyCode satisfies
/// (count(cac:TaxTotal/xs:decimal(cbc:TaxAmount[@currencyID=$Currency])) eq 1) and
/// (cac:LegalMonetaryTotal/xs:decimal(cbc:TaxInclusiveAmount) = round((cac:LegalMonetaryTotal/
/// xs:decimal(cbc:TaxExclusiveAmount) + cac:TaxTotal/xs:decimal(cbc:TaxAmount[@currencyID=
/// $Currency])) * 10 * 10) div 100)`.
/// The VAT total in the document currency must come from exactly one `cac:TaxTotal`; the
/// currency match is an exact string comparison (no trimming); no currency code: holds.
pub fn br_co_15(doc: &Doc, root: NodeId, shared: &Shared<'_>) -> Eval<bool> {
    let kids = |ns, local| children(doc, shared, root, ns, local);
    for currency in kids(NSID_CBC, "DocumentCurrencyCode") {
        let currency = doc.value(currency);
        let Some(vat) = vat_in_currency(doc, kids(NSID_CAC, "TaxTotal"), &currency)? else {
            return Ok(false);
        };
        let totals = || kids(NSID_CAC, "LegalMonetaryTotal");
        // Left operand: the sequence of every totals' TaxInclusiveAmount (cast, in order).
        let mut any_with_vat = false;
        for t in totals() {
            any_with_vat |= decimal_of(doc, t, "TaxInclusiveAmount")?.is_some();
        }
        if !any_with_vat {
            return Ok(false);
        }
        // Right operand: `+` takes at most one TaxExclusiveAmount (XPTY0004 otherwise).
        let mut without_vat = None;
        for t in totals() {
            if let Some(d) = decimal_of(doc, t, "TaxExclusiveAmount")? {
                if without_vat.is_some() {
                    return Err(Abort);
                }
                without_vat = Some(d);
            }
        }
        let Some(without_vat) = without_vat else {
            return Ok(false);
        };
        let expected = round2(add(without_vat, vat)?)?;
        let mut equal = false;
        for t in totals() {
            equal |= decimal_of(doc, t, "TaxInclusiveAmount")? == Some(expected);
        }
        if !equal {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `cac:TaxTotal/xs:decimal(cbc:TaxAmount[@currencyID=$Currency])` when it has exactly one item
/// (`count(...) eq 1`), `None` otherwise; `tax_totals` are the root's `cac:TaxTotal`s.
fn vat_in_currency(
    doc: &Doc,
    tax_totals: impl Iterator<Item = NodeId>,
    currency: &str,
) -> Eval<Option<Decimal>> {
    let mut found = None;
    let mut count = 0usize;
    for tax_total in tax_totals {
        let mut matching = doc
            .children_in(tax_total, NSID_CBC, "TaxAmount")
            .filter(|&a| doc.attr(a, "", "currencyID") == Some(currency));
        if let Some(amount) = matching.next() {
            if matching.next().is_some() {
                return Err(Abort);
            }
            found = Some(cast_decimal(doc, amount)?);
            count += 1;
        }
    }
    Ok(if count == 1 { found } else { None })
}

/// BR-CO-16: `cbc:PayableAmount` = `cbc:TaxInclusiveAmount` - `cbc:PrepaidAmount` +
/// `cbc:PayableRoundingAmount`, in four branches on which of the two optional amounts exist;
/// with a rounding amount both sides are rounded separately (`round2(payable - rounding) =
/// round2(with VAT - prepaid)`), without one the payable amount is compared unrounded.
fn br_co_16(totals: &Amounts<'_>) -> Eval<bool> {
    let has_prepaid = totals.exists(Amount::Prepaid);
    let has_rounding = totals.exists(Amount::PayableRounding);
    let dec = |amount| totals.decimal(amount);
    let due_minus_prepaid = || -> Eval<Option<Decimal>> {
        opt_round2(opt2(
            dec(Amount::TaxInclusive)?,
            || dec(Amount::Prepaid),
            sub,
        )?)
    };
    let payable = dec(Amount::Payable)?;
    Ok(match (has_prepaid, has_rounding) {
        (true, false) => payable.is_some() && eq(payable, due_minus_prepaid()?),
        (false, false) => payable.is_some() && eq(payable, dec(Amount::TaxInclusive)?),
        (prepaid, true) => {
            let left = opt_round2(opt2(payable, || dec(Amount::PayableRounding), sub)?)?;
            left.is_some()
                && if prepaid {
                    eq(left, due_minus_prepaid()?)
                } else {
                    eq(left, dec(Amount::TaxInclusive)?)
                }
        }
    })
}
