//! BR-CO-17 at `cac:TaxTotal/cac:TaxSubtotal` (at any depth): the VAT category tax amount must be
//! the taxable amount times the rate, within a tolerance of one unit:
//!
//! ```text
//! (round(P) = 0 and round(xs:decimal(cbc:TaxAmount)) = 0)
//! or (round(P) != 0 and abs(TA) - 1 < R and abs(TA) + 1 > R)
//! or (not(exists(P)) and round(xs:decimal(cbc:TaxAmount)) = 0)
//! ```
//! with `P = cac:TaxCategory[VAT scheme]/xs:decimal(cbc:Percent)` and
//! `R = round(abs(xs:decimal(cbc:TaxableAmount)) * (P div 100) * 10 * 10) div 100`.
//! A rate that rounds to 0 (`0.4`) demands a tax amount that rounds to 0; the comparison uses
//! absolute values, so a negative subtotal passes with a positive tax amount and vice versa.

use rust_decimal::Decimal;

use super::amounts::{Amount, Amounts};
use super::xdm::{Abort, Eval, add, decimal_of, has_vat_scheme, mul, round, round2, sub};
use crate::validation::full::doc::{Doc, NSID_CAC, NodeId};

/// `amounts` are those of `subtotal`.
pub fn br_co_17(doc: &Doc, subtotal: NodeId, amounts: &Amounts<'_>) -> Eval<bool> {
    // P: one item per VAT tax category that has a percent.
    let (mut rate, mut rates) = (None, 0usize);
    for category in doc.children_in(subtotal, NSID_CAC, "TaxCategory") {
        if has_vat_scheme(doc, category)?
            && let Some(percent) = decimal_of(doc, category, "Percent")?
        {
            rate = rate.or(Some(percent));
            rates += 1;
        }
    }
    let tax = amounts.decimal(Amount::Tax)?;
    if rates > 1 {
        // Two VAT categories in one subtotal (XSD-invalid). Observed in the official engine:
        // without a tax amount every branch is false and the assert fails without an error; with
        // one, `P div 100` raises XPTY0004 (whatever the rates and the amount).
        return if tax.is_some() { Err(Abort) } else { Ok(false) };
    }
    let rounds_to_zero = |d: Option<Decimal>| -> Eval<bool> {
        Ok(match d {
            Some(d) => round(d)?.is_zero(),
            None => false,
        })
    };
    let Some(rate) = rate else {
        return rounds_to_zero(tax);
    };
    if round(rate)?.is_zero() {
        return rounds_to_zero(tax);
    }
    // `abs(()) - 1 < R` is false without evaluating R (Saxon does not cast the taxable amount).
    let Some(tax) = tax else {
        return Ok(false);
    };
    let Some(taxable) = amounts.decimal(Amount::Taxable)? else {
        return Ok(false);
    };
    let fraction = rate.checked_div(Decimal::ONE_HUNDRED).ok_or(Abort)?;
    let expected = round2(mul(taxable.abs(), fraction)?)?;
    let tax = tax.abs();
    Ok(sub(tax, Decimal::ONE)? < expected && add(tax, Decimal::ONE)? > expected)
}
