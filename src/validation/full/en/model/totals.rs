//! The BR-CO-* (calculations and conditions) and BR-DEC-* (at most two decimals) asserts of the
//! "UBL-model" pattern: 24 + 21 ids, evaluated at the context node the dispatch in `model` found
//! for them, with the official XPath semantics (see [`xdm`] for values, casts and errors).
//!
//! Where the official expression raises a dynamic error (a cast of a non-number, a repeated element
//! given to a one-item function) the official transform aborts without any answer; here the
//! assert then holds (does not fire): the quick/XSD check already reports the bad number or the
//! repeated element.

mod amounts;
mod decimals;
mod presence;
mod sums;
#[rustfmt::skip]
mod vat_prefixes;
mod vat_rate;
mod xdm;

pub use amounts::{Amount, Amounts};
/// UBL-DT-01 counts the decimals of every amount the same way.
pub(crate) use xdm::chars_after_dot;

use super::routes::two_digits;
use crate::validation::full::doc::{Doc, NodeId};
use crate::validation::full::en::shared::Shared;

/// Whether the assert `id` holds at `node`, the node its rule context matched (true = no finding).
/// Ids that are not BR-CO-* / BR-DEC-* of the model pattern hold.
pub fn holds(id: &str, doc: &Doc, node: NodeId) -> bool {
    holds_with(id, doc, node, &Shared::new(doc))
}

/// [`holds`] with what the document's rules share (`shared` belongs to `doc`).
pub fn holds_with(id: &str, doc: &Doc, node: NodeId, shared: &Shared<'_>) -> bool {
    let amounts = Amounts::new(doc, node);
    holds_key(rule_key(id), doc, node, shared, || &amounts)
}

/// The id of an assert of this module as a small integer: `BR-CO-nn` is nn, `BR-DEC-nn`
/// 100 + nn, anything else 0. The dispatch works the keys out once and matches on them.
pub(super) fn rule_key(id: &str) -> u16 {
    let (base, digits) = if let Some(n) = id.strip_prefix("BR-DEC-") {
        (100, n)
    } else if let Some(n) = id.strip_prefix("BR-CO-") {
        (0, n)
    } else {
        return 0;
    };
    two_digits(digits).map_or(0, |n| base + n)
}

/// [`holds_with`] for the id whose [`rule_key`] is `key`; `amounts` gives those of `node`,
/// shared by the asserts of one context node and only asked for by the asserts that read them
/// (finding them scans the node's children: the root's, for its three, would be wasted).
pub fn holds_key<'s, 'd: 's>(
    key: u16,
    doc: &Doc,
    node: NodeId,
    shared: &Shared<'_>,
    amounts: impl FnOnce() -> &'s Amounts<'d>,
) -> bool {
    let result = match key {
        113 => decimals::tax_total_amount(doc, shared, "DocumentCurrencyCode"),
        115 => decimals::tax_total_amount(doc, shared, "TaxCurrencyCode"),
        101..=199 => decimals::holds(key - 100, doc, amounts()),
        15 => sums::br_co_15(doc, node, shared),
        10..=16 => sums::holds(key, doc, node, shared, amounts()),
        17 => vat_rate::br_co_17(doc, node, amounts()),
        1..=99 => presence::holds(key, doc, node),
        _ => Ok(true),
    };
    result.unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;

    const HEAD: &str = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">"#;

    /// Parses an Invoice with `body` and evaluates `id` at the first element named `context`
    /// (the root when `context` is empty).
    fn check(body: &str, context: &str, id: &str) -> bool {
        let xml = format!("{HEAD}{body}</Invoice>");
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let node = (0..doc.nodes.len())
            .find(|&n| context.is_empty() || doc.node(n).local == context)
            .unwrap();
        holds(id, &doc, node)
    }

    fn totals(inner: &str) -> String {
        format!("<cac:LegalMonetaryTotal>{inner}</cac:LegalMonetaryTotal>")
    }

    fn line(amount: &str) -> String {
        format!(
            "<cac:InvoiceLine><cbc:LineExtensionAmount>{amount}</cbc:LineExtensionAmount></cac:InvoiceLine>"
        )
    }

    #[test]
    fn line_total_is_the_sum_rounded_half_up() {
        let lines = format!("{}{}", line("10.004"), line("0.001"));
        let with = |total: &str| {
            format!(
                "{}{lines}",
                totals(&format!(
                    "<cbc:LineExtensionAmount>{total}</cbc:LineExtensionAmount>"
                ))
            )
        };
        assert!(check(&with("10.01"), "LegalMonetaryTotal", "BR-CO-10"));
        assert!(!check(&with("10.005"), "LegalMonetaryTotal", "BR-CO-10"));
        // No total: `() = x` is false, even when a line amount is not a number (not evaluated).
        let no_total = format!("{}{}", totals(""), line("abc"));
        assert!(!check(&no_total, "LegalMonetaryTotal", "BR-CO-10"));
        // A line amount that is not a number: the official transform aborts; we hold.
        let bad = format!(
            "{}{}",
            totals("<cbc:LineExtensionAmount>1</cbc:LineExtensionAmount>"),
            line("abc")
        );
        assert!(check(&bad, "LegalMonetaryTotal", "BR-CO-10"));
    }

    #[test]
    fn vat_amount_may_differ_by_less_than_one_unit() {
        let subtotal = |taxable: &str, tax: &str, percent: &str| {
            format!(
                "<cac:TaxTotal><cac:TaxSubtotal><cbc:TaxableAmount>{taxable}</cbc:TaxableAmount><cbc:TaxAmount>{tax}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{percent}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>"
            )
        };
        let at = |t: &str, a: &str, p: &str| check(&subtotal(t, a, p), "TaxSubtotal", "BR-CO-17");
        assert!(at("1000", "190.99", "19"));
        assert!(!at("1000", "191.00", "19"));
        assert!(at("-1000", "190", "19"));
        assert!(at("1000", "0.49", "0"));
        assert!(!at("1000", "0.5", "0"));
        assert!(at("1000", "-0.5", "0"));
        assert!(!at("1000", "4", "0.4"));
    }

    #[test]
    fn decimals_are_counted_as_characters_after_the_dot() {
        let prepaid = |v: &str| totals(&format!("<cbc:PrepaidAmount>{v}</cbc:PrepaidAmount>"));
        assert!(check(&prepaid("1.50"), "LegalMonetaryTotal", "BR-DEC-16"));
        assert!(!check(&prepaid("1.50 "), "LegalMonetaryTotal", "BR-DEC-16"));
        assert!(check(&totals(""), "LegalMonetaryTotal", "BR-DEC-16"));
        // BR-DEC-13 compares @currencyID with a child of cbc:TaxAmount: holds on real documents.
        let vat = "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode><cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">1.001</cbc:TaxAmount></cac:TaxTotal>";
        assert!(check(vat, "", "BR-DEC-13"));
    }

    #[test]
    fn vat_total_in_the_document_currency_must_come_from_one_tax_total() {
        let doc = |extra: &str| {
            format!(
                "<cbc:DocumentCurrencyCode>RON</cbc:DocumentCurrencyCode><cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">19</cbc:TaxAmount></cac:TaxTotal>{extra}{}",
                totals(
                    "<cbc:TaxExclusiveAmount>100</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount>119</cbc:TaxInclusiveAmount>"
                )
            )
        };
        assert!(check(&doc(""), "", "BR-CO-15"));
        assert!(check(
            &doc(
                "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">4</cbc:TaxAmount></cac:TaxTotal>"
            ),
            "",
            "BR-CO-15"
        ));
        assert!(!check(
            &doc(
                "<cac:TaxTotal><cbc:TaxAmount currencyID=\"RON\">0</cbc:TaxAmount></cac:TaxTotal>"
            ),
            "",
            "BR-CO-15"
        ));
    }

    #[test]
    fn other_ids_hold() {
        assert!(check("", "", "BR-01"));
        assert!(check("", "", "BR-CO-05"));
        assert!(check("", "", "BR-DEC-99"));
    }
}
