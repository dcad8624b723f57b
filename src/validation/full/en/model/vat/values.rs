//! The XPath building blocks of the VAT category rules, evaluated the way Saxon does on an
//! untyped document.
//!
//! Every function returns `Result<_, Abort>`: `Err(Abort)` stands for a dynamic error that makes
//! the official XSLT abort the whole document (a cast of a non-number, a one-item function given
//! two nodes). Such documents get no official answer; our callers then treat the assert as
//! holding (the rule stays silent, the quick validator already reports the malformed value).
//! Existential operations stop at the first match, like Saxon's lazy evaluation, so an error
//! after a match is never raised — the same errors surface as in the official engine.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
use crate::validation::full::xpath;

/// A dynamic XPath error: the official transform would abort on this document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abort;

pub type Xp<T> = Result<T, Abort>;

/// The value of the only `cbc:{local}` child: `Ok(None)` when absent (the empty sequence),
/// `Err` when there are several (XPTY0004 in a one-item function such as `normalize-space`).
pub fn only_cbc<'a>(doc: &'a Doc, id: NodeId, local: &str) -> Xp<Option<Cow<'a, str>>> {
    let mut found = doc.children_in(id, NSID_CBC, local);
    let first = found.next();
    if found.next().is_some() {
        return Err(Abort);
    }
    Ok(first.map(|c| doc.value(c)))
}

/// `normalize-space(v) = code` for a code without whitespace: the same as comparing the value
/// trimmed of XML whitespace.
pub fn same_code(value: &str, code: &str) -> bool {
    xpath::trim(value) == code
}

/// `normalize-space(cbc:ID) = code` on `id` (absent `cbc:ID` gives `''`).
pub fn id_is(doc: &Doc, id: NodeId, code: &str) -> Xp<bool> {
    Ok(only_cbc(doc, id, "ID")?.is_some_and(|v| same_code(&v, code)))
}

/// `[cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']` on `holder` (a tax category or
/// a party tax scheme): true when any `cac:TaxScheme` child says VAT, in any letter case.
pub fn is_vat(doc: &Doc, holder: NodeId) -> Xp<bool> {
    for scheme in doc.children_in(holder, NSID_CAC, "TaxScheme") {
        if only_cbc(doc, scheme, "ID")?.is_some_and(|v| xpath::is_vat(&v)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `cbc:ChargeIndicator = true()` / `= false()` on an allowance or charge: each untyped value is
/// cast to `xs:boolean` (whitespace collapsed; `true`, `1`, `false`, `0`), any of them may match;
/// another value raises FORG0001 when it is reached (checked with the oracle).
pub fn charge_indicator_is(doc: &Doc, allowance_charge: NodeId, wanted: bool) -> Xp<bool> {
    for c in doc.children_in(allowance_charge, NSID_CBC, "ChargeIndicator") {
        if xpath::boolean(&doc.value(c)).ok_or(Abort)? == wanted {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `xs:decimal(cbc:{local})` of the only such child: `Ok(None)` for the empty sequence.
pub fn decimal_of(doc: &Doc, id: NodeId, local: &str) -> Xp<Option<Decimal>> {
    match only_cbc(doc, id, local)? {
        None => Ok(None),
        Some(v) => xpath::decimal(&v).map(Some).ok_or(Abort),
    }
}

/// `(cbc:Percent) > 0` style comparison: each `cbc:Percent` cast to `xs:double`, true as soon as
/// one satisfies `test`.
pub fn any_percent_double(doc: &Doc, id: NodeId, test: impl Fn(f64) -> bool) -> Xp<bool> {
    for c in doc.children_in(id, NSID_CBC, "Percent") {
        let v = xpath::double(&doc.value(c)).ok_or(Abort)?;
        if test(v) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `(cbc:Percent) >= 0` at `id`: whether any `cbc:Percent` child is at least zero as Saxon
/// compares an untyped value with `0` ([`xpath::double_is_non_negative`]: `-0.00` and `-.0` are
/// below zero, `-0` is not); `Err` at the first one that is not a number (FORG0001).
pub fn any_percent_non_negative(doc: &Doc, id: NodeId) -> Xp<bool> {
    for c in doc.children_in(id, NSID_CBC, "Percent") {
        if xpath::double_is_non_negative(&doc.value(c)).ok_or(Abort)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `id`'s parent is `cac:{local}`; returns the parent.
pub fn parent_named(doc: &Doc, id: NodeId, local: &str) -> Option<NodeId> {
    doc.nodes[id]
        .parent
        .filter(|&p| doc.is_in(p, NSID_CAC, local))
}

/// `exists(...)` over items in order with a fallible predicate: stops at the first match.
pub fn exists_where<T, I: IntoIterator<Item = T>>(
    items: I,
    mut pred: impl FnMut(T) -> Xp<bool>,
) -> Xp<bool> {
    for n in items {
        if pred(n)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;

    fn doc(xml: &str) -> Doc {
        Doc::parse(xml.as_bytes(), &Limits::default()).unwrap()
    }

    const NS: &str = r#"xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2""#;

    #[test]
    fn ids_compare_trimmed_and_fail_on_two() {
        let d = doc(&format!(
            "<cac:TaxCategory {NS}><cbc:ID> S\n</cbc:ID><cac:TaxScheme><cbc:ID> vat </cbc:ID></cac:TaxScheme></cac:TaxCategory>"
        ));
        assert_eq!(id_is(&d, 0, "S"), Ok(true));
        assert_eq!(is_vat(&d, 0), Ok(true));
        let two = doc(&format!(
            "<cac:TaxCategory {NS}><cbc:ID>S</cbc:ID><cbc:ID>S</cbc:ID></cac:TaxCategory>"
        ));
        assert_eq!(id_is(&two, 0, "S"), Err(Abort));
        let none = doc(&format!("<cac:TaxCategory {NS}/>"));
        assert_eq!(id_is(&none, 0, "O"), Ok(false));
        assert_eq!(is_vat(&none, 0), Ok(false));
    }

    #[test]
    fn charge_indicator_casts_like_xs_boolean() {
        let d = doc(&format!(
            "<cac:AllowanceCharge {NS}><cbc:ChargeIndicator> 0 </cbc:ChargeIndicator><cbc:ChargeIndicator>true</cbc:ChargeIndicator></cac:AllowanceCharge>"
        ));
        assert_eq!(charge_indicator_is(&d, 0, false), Ok(true));
        assert_eq!(charge_indicator_is(&d, 0, true), Ok(true));
        let bad = doc(&format!(
            "<cac:AllowanceCharge {NS}><cbc:ChargeIndicator>FALSE</cbc:ChargeIndicator></cac:AllowanceCharge>"
        ));
        assert_eq!(charge_indicator_is(&bad, 0, false), Err(Abort));
    }
}
