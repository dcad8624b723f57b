//! -08, -09, -10: the VAT breakdown of a category (`$VATx`, context = the breakdown's
//! `cac:TaxCategory`, so `..` is the `cac:TaxSubtotal` and `../../..` the document root).
//!
//! The lines, allowances and charges the -08 sums read come from [`Holders`], read once per
//! document.

use std::cell::OnceCell;
use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::exact;
use super::holders::{Holder, Holders};
use super::values::{Abort, Xp, decimal_of, exists_where, id_is, only_cbc};
use super::{Family, TaxRule, TaxableRule, report};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::en::Hit;
use crate::validation::full::en::shared::Shared;
use crate::validation::full::xpath;

pub(super) fn check(
    doc: &Doc,
    tc: NodeId,
    family: &Family,
    holders: &Holders<'_>,
    shared: &Shared<'_>,
    out: &mut Vec<Hit>,
) {
    // The match pattern guarantees the ancestors; fall back to the node itself defensively.
    let subtotal = doc.nodes[tc].parent.unwrap_or(tc);
    let cbc = |local: &str| doc.first_child_in(subtotal, NSID_CBC, local).unwrap_or(tc);
    // The rate and the taxable amount both the -08 and the -09 assert read, read once (on
    // first need: not every family's asserts read them).
    let values = Values {
        doc,
        tc,
        subtotal,
        percent: OnceCell::new(),
        taxable: OnceCell::new(),
    };

    let taxable = match family.taxable {
        TaxableRule::Exact => taxable_exact(&values, holders, shared, family.code),
        TaxableRule::PerRate => taxable_per_rate(&values, holders, shared, family.code, false),
        TaxableRule::PerRateWhereUsed => {
            taxable_per_rate(&values, holders, shared, family.code, true)
        }
    };
    report(taxable, family.ids[7], tc, || cbc("TaxableAmount"), out);

    let tax = match family.tax {
        TaxRule::Zero => {
            decimal_of(doc, subtotal, "TaxAmount").map(|v| v.is_some_and(|v| v.is_zero()))
        }
        TaxRule::Computed => tax_computed(&values),
    };
    report(tax, family.ids[8], tc, || cbc("TaxAmount"), out);

    let reason = doc
        .first_child_in(tc, NSID_CBC, "TaxExemptionReason")
        .or_else(|| doc.first_child_in(tc, NSID_CBC, "TaxExemptionReasonCode"));
    let exemption = if family.exemption_required {
        reason.is_some()
    } else {
        reason.is_none()
    };
    report(
        Ok(exemption),
        family.ids[9],
        tc,
        || reason.unwrap_or(tc),
        out,
    );
}

/// The breakdown's category `tc` and subtotal, with the values more than one assert reads.
struct Values<'d> {
    doc: &'d Doc,
    tc: NodeId,
    subtotal: NodeId,
    percent: OnceCell<Xp<Option<Decimal>>>,
    taxable: OnceCell<Xp<Option<Decimal>>>,
}

impl Values<'_> {
    /// `xs:decimal(cbc:Percent)` of the category.
    fn percent(&self) -> Xp<Option<Decimal>> {
        *self
            .percent
            .get_or_init(|| decimal_of(self.doc, self.tc, "Percent"))
    }

    /// `xs:decimal(../cbc:TaxableAmount)`.
    fn taxable(&self) -> Xp<Option<Decimal>> {
        *self
            .taxable
            .get_or_init(|| decimal_of(self.doc, self.subtotal, "TaxableAmount"))
    }
}

/// `[cac:Item/cac:ClassifiedTaxCategory/normalize-space(cbc:ID) = code]` on a line.
fn line_has_code(doc: &Doc, line: NodeId, code: &str) -> Xp<bool> {
    exists_where(line_categories(doc, line), |c| id_is(doc, c, code))
}

/// `[cac:Item/cac:ClassifiedTaxCategory/xs:decimal(cbc:Percent) = $rate]` on a line.
fn line_has_rate(doc: &Doc, line: NodeId, rate: Decimal) -> Xp<bool> {
    exists_where(line_categories(doc, line), |c| {
        Ok(decimal_of(doc, c, "Percent")? == Some(rate))
    })
}

fn line_categories(doc: &Doc, line: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    doc.children_in(line, NSID_CAC, "Item")
        .flat_map(move |item| doc.children_in(item, NSID_CAC, "ClassifiedTaxCategory"))
}

/// `[cac:TaxCategory/normalize-space(cbc:ID) = code]` on an allowance or charge.
fn allowance_has_code(doc: &Doc, ac: NodeId, code: &str) -> Xp<bool> {
    exists_where(doc.children_in(ac, NSID_CAC, "TaxCategory"), |c| {
        id_is(doc, c, code)
    })
}

/// `[cac:TaxCategory/xs:decimal(cbc:Percent) = $rate]` on an allowance or charge.
fn allowance_has_rate(doc: &Doc, ac: NodeId, rate: Decimal) -> Xp<bool> {
    exists_where(doc.children_in(ac, NSID_CAC, "TaxCategory"), |c| {
        Ok(decimal_of(doc, c, "Percent")? == Some(rate))
    })
}

/// `[code][rate]` on a line, allowance or charge read once (`rate = None`: no rate predicate).
fn holder_matches(h: &Holder<'_>, code: &str, rate: Option<Decimal>) -> Xp<bool> {
    Ok(h.has_code(code)? && rate.map_or(Ok(true), |r| h.has_rate(r))?)
}

/// The lines' net amounts plus the charges minus the allowances of the category (and rate):
/// `sum(../../../cac:{line}[code][rate]/xs:decimal(cbc:LineExtensionAmount)) +
/// sum(../../../cac:AllowanceCharge[cbc:ChargeIndicator=true()][code][rate]/xs:decimal(
/// cbc:Amount)) minus the same sum for `false()`. `rate = None` drops the rate predicates
/// (-08 of the zero-rate categories).
fn category_sum(
    holders: &Holders<'_>,
    line_name: &str,
    code: &str,
    rate: Option<Decimal>,
) -> Xp<Decimal> {
    let mut lines = Decimal::ZERO;
    for line in holders.lines(line_name) {
        if holder_matches(line, code, rate)? {
            add(&mut lines, line.amount?)?;
        }
    }
    let mut sums = [Decimal::ZERO; 2];
    for (sum, charge) in sums.iter_mut().zip([true, false]) {
        for ac in &holders.allowances {
            if ac.indicator_is(charge)? && holder_matches(ac, code, rate)? {
                add(sum, ac.amount?)?;
            }
        }
    }
    lines
        .checked_add(sums[0])
        .and_then(|s| s.checked_sub(sums[1]))
        .ok_or(Abort)
}

fn add(total: &mut Decimal, value: Option<Decimal>) -> Xp<()> {
    if let Some(v) = value {
        *total = total.checked_add(v).ok_or(Abort)?;
    }
    Ok(())
}

/// Z, E, AE, K, G, O: `(exists(//cac:InvoiceLine) and (xs:decimal(../cbc:TaxableAmount) = sum))
/// or (exists(//cac:CreditNoteLine) and (... = credit note sum))`.
fn taxable_exact(
    values: &Values<'_>,
    holders: &Holders<'_>,
    shared: &Shared<'_>,
    code: &str,
) -> Xp<bool> {
    for line_name in ["InvoiceLine", "CreditNoteLine"] {
        if !holders.exists_anywhere(line_name, shared) {
            continue;
        }
        // An absent taxable amount is the empty sequence: the comparison is false.
        let Some(taxable) = values.taxable()? else {
            continue;
        };
        if taxable == category_sum(holders, line_name, code, None)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// S, L, M: `every $rate in xs:decimal(cbc:Percent) satisfies ...` with the ±1 window;
/// `where_used` (S) also demands a line or allowance/charge with that category and rate.
fn taxable_per_rate(
    values: &Values<'_>,
    holders: &Holders<'_>,
    shared: &Shared<'_>,
    code: &str,
    where_used: bool,
) -> Xp<bool> {
    // `every` over the empty sequence is true.
    let Some(rate) = values.percent()? else {
        return Ok(true);
    };
    let doc = values.doc;
    // S: exists(//cac:AllowanceCharge[code][rate]) — any depth, allowance or charge.
    let allowance_used = || {
        holders.exists_anywhere_where(
            "AllowanceCharge",
            shared,
            |h| holder_matches(h, code, Some(rate)),
            |n| Ok(allowance_has_code(doc, n, code)? && allowance_has_rate(doc, n, rate)?),
        )
    };
    for line_name in ["InvoiceLine", "CreditNoteLine"] {
        let applies = if where_used {
            holders.exists_anywhere_where(
                line_name,
                shared,
                |h| holder_matches(h, code, Some(rate)),
                |n| Ok(line_has_code(doc, n, code)? && line_has_rate(doc, n, rate)?),
            )? || allowance_used()?
        } else {
            holders.exists_anywhere(line_name, shared)
        };
        if applies && within_one(doc, values.subtotal, holders, line_name, code, rate)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `(../xs:decimal(cbc:TaxableAmount - 1) < sum) and (../xs:decimal(cbc:TaxableAmount + 1) >
/// sum)`: the subtraction runs in `xs:double` (untyped arithmetic), the cast back is exact.
fn within_one(
    doc: &Doc,
    subtotal: NodeId,
    holders: &Holders<'_>,
    line_name: &str,
    code: &str,
    rate: Decimal,
) -> Xp<bool> {
    let Some(taxable) = only_cbc(doc, subtotal, "TaxableAmount")? else {
        return Ok(false);
    };
    let taxable = xpath::double(&taxable).ok_or(Abort)?;
    let sum = category_sum(holders, line_name, code, Some(rate))?;
    if exact::compare(taxable - 1.0, sum).ok_or(Abort)? != Ordering::Less {
        return Ok(false);
    }
    Ok(exact::compare(taxable + 1.0, sum).ok_or(Abort)? == Ordering::Greater)
}

/// S, L, M -09: `(abs(xs:decimal(../cbc:TaxAmount)) - 1 < round((abs(xs:decimal(
/// ../cbc:TaxableAmount)) * (xs:decimal(cbc:Percent) div 100)) * 10 * 10) div 100) and
/// (abs(...) + 1 > ...)`.
fn tax_computed(values: &Values<'_>) -> Xp<bool> {
    // Any empty operand makes both comparisons false.
    let Some(tax) = decimal_of(values.doc, values.subtotal, "TaxAmount")? else {
        return Ok(false);
    };
    let Some(taxable) = values.taxable()? else {
        return Ok(false);
    };
    let Some(percent) = values.percent()? else {
        return Ok(false);
    };
    let hundred = Decimal::ONE_HUNDRED;
    let expected = percent
        .checked_div(hundred)
        .and_then(|rate| taxable.abs().checked_mul(rate))
        .and_then(|v| v.checked_mul(hundred))
        .map(xpath::round_half_up)
        .and_then(|v| v.checked_div(hundred))
        .ok_or(Abort)?;
    let tax = tax.abs();
    let low = tax.checked_sub(Decimal::ONE).ok_or(Abort)?;
    let high = tax.checked_add(Decimal::ONE).ok_or(Abort)?;
    Ok(low < expected && high > expected)
}
