//! The XPath 2.0 building blocks the BR-CO / BR-DEC asserts are made of, evaluated the way Saxon
//! evaluates them over an untyped document.
//!
//! A dynamic error of the official expression (`xs:decimal` of a non-number, a one-item function
//! given two nodes, a non-boolean `cbc:ChargeIndicator` compared with `false()`) aborts the whole
//! official transform, so there is no official answer to reproduce. Such an error is carried as
//! [`Abort`] up to `totals::holds`, which then reports the assert as holding: the quick (XSD)
//! validator already reports the malformed number or the repeated element. Sub-expressions are
//! evaluated left to right and `and`/`or` short-circuit like Saxon's, so an error that Saxon never
//! reaches does not abort here either.

use rust_decimal::Decimal;

use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::xpath;

/// A dynamic XPath error: the official transform would abort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abort;

/// The result of evaluating a sub-expression that may raise a dynamic error.
pub type Eval<T> = Result<T, Abort>;

/// The child `cbc:{local}` of `node` given to a one-item function (`xs:decimal`, `upper-case`,
/// `substring-after`, ...): `None` when absent (the empty sequence), [`Abort`] when repeated
/// (XPTY0004).
pub fn single_cbc(doc: &Doc, node: NodeId, local: &str) -> Eval<Option<NodeId>> {
    let mut found = doc.children_in(node, NSID_CBC, local);
    let first = found.next();
    if found.next().is_some() {
        return Err(Abort);
    }
    Ok(first)
}

/// `xs:decimal(.)` of an element.
pub fn cast_decimal(doc: &Doc, id: NodeId) -> Eval<Decimal> {
    xpath::decimal(&doc.value(id)).ok_or(Abort)
}

/// `xs:decimal(cbc:{local})`: `None` for the empty sequence.
pub fn decimal_of(doc: &Doc, node: NodeId, local: &str) -> Eval<Option<Decimal>> {
    match single_cbc(doc, node, local)? {
        Some(child) => cast_decimal(doc, child).map(Some),
        None => Ok(None),
    }
}

/// `sum(NODES/xs:decimal(cbc:{local}))`: nodes without the child add nothing; the sum of the
/// empty sequence is 0.
pub fn sum_of(doc: &Doc, nodes: impl Iterator<Item = NodeId>, local: &str) -> Eval<Decimal> {
    let mut sum = Decimal::ZERO;
    for node in nodes {
        if let Some(d) = decimal_of(doc, node, local)? {
            sum = add(sum, d)?;
        }
    }
    Ok(sum)
}

// Saxon's decimals are unbounded; rust_decimal's stop near 7.9e28. Overflow is treated like a
// dynamic error (no answer) rather than a panic; no real invoice gets there.

pub fn add(a: Decimal, b: Decimal) -> Eval<Decimal> {
    a.checked_add(b).ok_or(Abort)
}

pub fn sub(a: Decimal, b: Decimal) -> Eval<Decimal> {
    a.checked_sub(b).ok_or(Abort)
}

pub fn mul(a: Decimal, b: Decimal) -> Eval<Decimal> {
    a.checked_mul(b).ok_or(Abort)
}

/// XPath `round()` on a decimal: halves go towards positive infinity (`round(-2.5) = -2`).
pub fn round(d: Decimal) -> Eval<Decimal> {
    Ok(add(d, Decimal::new(5, 1))?.floor())
}

/// `round(x * 10 * 10) div 100`: the bundle's rounding to two decimals (half up).
pub fn round2(d: Decimal) -> Eval<Decimal> {
    // Sums of amounts mostly have two decimals or fewer already: the rounding keeps their value.
    // Only below 2^64 units (of the last decimal), where `x * 100 + 0.5` cannot overflow.
    if d.scale() <= 2 && d.mantissa().unsigned_abs() < 1 << 64 {
        return Ok(d);
    }
    let hundred = Decimal::ONE_HUNDRED;
    round(mul(d, hundred)?)?.checked_div(hundred).ok_or(Abort)
}

/// XPath arithmetic on optional operands: the empty sequence propagates, and when the left
/// operand is empty Saxon does not evaluate the right one (so its cast errors do not happen).
pub fn opt2(
    a: Option<Decimal>,
    b: impl FnOnce() -> Eval<Option<Decimal>>,
    op: fn(Decimal, Decimal) -> Eval<Decimal>,
) -> Eval<Option<Decimal>> {
    let Some(a) = a else {
        return Ok(None);
    };
    match b()? {
        Some(b) => op(a, b).map(Some),
        None => Ok(None),
    }
}

/// `round2` of an optional value (`round(())` is the empty sequence).
pub fn opt_round2(d: Option<Decimal>) -> Eval<Option<Decimal>> {
    d.map(round2).transpose()
}

/// `a = b` between two singletons-or-empty: false when either side is empty.
pub fn eq(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a == b)
}

/// `cbc:ChargeIndicator = true()` (`want` = true) or `= false()` on the allowance/charge `ac`: each
/// `cbc:ChargeIndicator` child is cast to `xs:boolean` (`true`/`false`/`1`/`0`, whitespace
/// trimmed) and compared, in document order, until one matches; a value that is not a boolean
/// raises FORG0001.
pub fn indicator_is(doc: &Doc, ac: NodeId, want: bool) -> Eval<bool> {
    for indicator in doc.children_in(ac, NSID_CBC, "ChargeIndicator") {
        match xpath::boolean(&doc.value(indicator)) {
            Some(b) if b == want => return Ok(true),
            Some(_) => {}
            None => return Err(Abort),
        }
    }
    Ok(false)
}

/// The predicate `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` on `node`:
/// existential over the `cac:TaxScheme` children, in order; `upper-case` of a repeated `cbc:ID`
/// raises XPTY0004, of an absent one gives `''`.
pub fn has_vat_scheme(doc: &Doc, node: NodeId) -> Eval<bool> {
    for scheme in doc.children_in(node, NSID_CAC, "TaxScheme") {
        if let Some(id) = single_cbc(doc, scheme, "ID")?
            && xpath::is_vat(&doc.value(id))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The parenthesised form `[cac:TaxScheme/(normalize-space(upper-case(cbc:ID))='VAT')]` (BR-CO-04):
/// the step yields one boolean per `cac:TaxScheme`, and the effective boolean value of two or more
/// booleans is an error (FORG0006).
pub fn has_vat_scheme_ebv(doc: &Doc, node: NodeId) -> Eval<bool> {
    let mut schemes = doc.children_in(node, NSID_CAC, "TaxScheme");
    let Some(scheme) = schemes.next() else {
        return Ok(false);
    };
    let is = match single_cbc(doc, scheme, "ID")? {
        Some(id) => xpath::is_vat(&doc.value(id)),
        None => false,
    };
    if schemes.next().is_some() {
        return Err(Abort);
    }
    Ok(is)
}

/// `string-length(substring-after(s, '.'))`. A byte search (`split_once(char)` sets up a
/// searcher per call, and this runs for every amount): '.' is ASCII, so the byte after it
/// starts a character.
pub fn chars_after_dot(s: &str) -> usize {
    s.bytes()
        .position(|b| b == b'.')
        .and_then(|dot| s.get(dot + 1..))
        .map_or(0, |after| after.chars().count())
}

/// Every element of the document in document order (the `//` axis from the root).
pub fn all_elements(doc: &Doc) -> std::ops::Range<NodeId> {
    0..doc.nodes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round2_goes_half_up_also_below_zero() {
        let d = |s: &str| xpath::decimal(s).unwrap();
        assert_eq!(round2(d("1.005")), Ok(d("1.01")));
        assert_eq!(round2(d("-1.005")), Ok(d("-1.00")));
        assert_eq!(round2(d("-1.0051")), Ok(d("-1.01")));
        assert_eq!(round2(d("2.344999")), Ok(d("2.34")));
        // Two decimals or fewer keep their value, also the largest that go through the shortcut.
        assert_eq!(round2(d("-12.3")), Ok(d("-12.3")));
        assert_eq!(
            round2(d("184467440737095516.15")),
            Ok(d("184467440737095516.15"))
        );
        assert_eq!(
            round2(d("184467440737095516.16")),
            Ok(d("184467440737095516.16"))
        );
        assert_eq!(round(d("-2.5")), Ok(d("-2")));
        assert_eq!(round2(Decimal::MAX), Err(Abort));
    }

    #[test]
    fn decimals_count_every_character_after_the_first_dot() {
        assert_eq!(chars_after_dot("12"), 0);
        assert_eq!(chars_after_dot("12.50"), 2);
        assert_eq!(chars_after_dot("12.50 "), 3);
        assert_eq!(chars_after_dot("1.2.3"), 3);
        assert_eq!(chars_after_dot("1.ăî"), 2);
    }
}
