//! Node-set helpers for the model pattern: the handful of XPath shapes its rules use, evaluated
//! on the arena tree without building strings where the value can be borrowed.
//!
//! Every element value is `xs:untypedAtomic`, so `path = 'lit'` / `path != ''` are existential
//! string comparisons over the selected nodes (false on an empty set).

use std::borrow::Cow;

use crate::validation::full::doc::{Doc, NS_CAC, NS_CBC, NS_CREDIT_NOTE, NS_INVOICE, NodeId};

/// XPath whitespace (what `normalize-space` strips and the casts trim).
pub const XML_WS: [char; 4] = [' ', '\t', '\r', '\n'];

/// `string(.)` of an element: borrowed when it has no element children (the usual leaf).
pub fn value(doc: &Doc, id: NodeId) -> Cow<'_, str> {
    doc.value(id)
}

/// `string(.) != ''`: the element or any descendant holds some text.
pub fn has_text(doc: &Doc, id: NodeId) -> bool {
    !doc.own_text(id).is_empty() || doc.child_ids(id).iter().any(|&c| has_text(doc, c))
}

/// Whether the relative path `steps` selects at least one element from `id` (`exists(a/b/c)`).
pub fn exists_path(doc: &Doc, id: NodeId, steps: &[(&str, &str)]) -> bool {
    any_path(doc, id, steps, &mut |_| true)
}

/// Whether any element the relative path `steps` selects from `id` satisfies `pred`.
pub fn any_path(
    doc: &Doc,
    id: NodeId,
    steps: &[(&str, &str)],
    pred: &mut dyn FnMut(NodeId) -> bool,
) -> bool {
    match steps.split_first() {
        None => pred(id),
        Some((&(ns, local), rest)) => doc
            .children(id, ns, local)
            .any(|c| any_path(doc, c, rest, pred)),
    }
}

/// How many elements the relative path `steps` selects from `id` (`count(a/b)`).
pub fn count_path(doc: &Doc, id: NodeId, steps: &[(&str, &str)]) -> usize {
    match steps.split_first() {
        None => 1,
        Some((&(ns, local), rest)) => doc
            .children(id, ns, local)
            .map(|c| count_path(doc, c, rest))
            .sum(),
    }
}

/// `(a/b/c) != ''`: some selected element has a non-empty string value.
pub fn nonempty_path(doc: &Doc, id: NodeId, steps: &[(&str, &str)]) -> bool {
    any_path(doc, id, steps, &mut |n| has_text(doc, n))
}

/// `(a/b/c) = 'lit'`: some selected element's string value is exactly `lit` (no trimming).
pub fn equals_path(doc: &Doc, id: NodeId, steps: &[(&str, &str)], lit: &str) -> bool {
    any_path(doc, id, steps, &mut |n| value(doc, n) == lit)
}

/// `exists(@name)` for an unqualified attribute.
pub fn has_attr(doc: &Doc, id: NodeId, name: &str) -> bool {
    doc.attr(id, "", name).is_some()
}

/// `normalize-space(s) = lit` for a literal without whitespace: the trimmed value equals it
/// (inner whitespace would survive normalisation as a space, which `lit` cannot match).
pub fn normalized_is(s: &str, lit: &str) -> bool {
    s.trim_matches(XML_WS) == lit
}

/// `normalize-space(upper-case(s)) = 'VAT'`, without building the upper-cased string.
pub fn is_vat_text(s: &str) -> bool {
    s.trim_matches(XML_WS)
        .chars()
        .flat_map(char::to_uppercase)
        .eq("VAT".chars())
}

/// The predicate `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` on `id` (a
/// TaxCategory, ClassifiedTaxCategory or PartyTaxScheme). `upper-case(cbc:ID)` with no ID is
/// `upper-case(())` = '' (no match). With two IDs in one TaxScheme Saxon raises XPTY0004 and the
/// official run aborts; we answer as if each ID were tested (existentially).
/// The parenthesised variant `cac:TaxScheme/(normalize-space(upper-case(cbc:ID)) = 'VAT')` gives
/// the same answer for one TaxScheme (two of them make it an error too).
pub fn has_vat_scheme(doc: &Doc, id: NodeId) -> bool {
    any_path(
        doc,
        id,
        &[(NS_CAC, "TaxScheme"), (NS_CBC, "ID")],
        &mut |n| is_vat_text(&value(doc, n)),
    )
}

/// `/ubl:Invoice | /cn:CreditNote`: the root element of an invoice or a credit note.
pub fn is_document_root(doc: &Doc, id: NodeId) -> bool {
    doc.parent(id).is_none()
        && (doc.is(id, NS_INVOICE, "Invoice") || doc.is(id, NS_CREDIT_NOTE, "CreditNote"))
}

/// Whether `id` is a child of the document root (`/ubl:Invoice/x | /cn:CreditNote/x`).
pub fn under_document_root(doc: &Doc, id: NodeId) -> bool {
    doc.parent(id).is_some_and(|p| is_document_root(doc, p))
}

/// Whether the parent of `id` is `ns:local`.
pub fn parent_is(doc: &Doc, id: NodeId, ns: &str, local: &str) -> bool {
    doc.parent(id).is_some_and(|p| doc.is(p, ns, local))
}

/// Whether the ancestors of `id`, nearest first, are exactly the `(ns, local)` steps given.
pub fn ancestors_are(doc: &Doc, id: NodeId, steps: &[(&str, &str)]) -> bool {
    let mut current = id;
    for &(ns, local) in steps {
        match doc.parent(current) {
            Some(p) if doc.is(p, ns, local) => current = p,
            _ => return false,
        }
    }
    true
}

/// `cac:InvoiceLine | cac:CreditNoteLine`.
pub fn is_line(doc: &Doc, id: NodeId) -> bool {
    doc.is(id, NS_CAC, "InvoiceLine") || doc.is(id, NS_CAC, "CreditNoteLine")
}

/// An untyped value cast to `xs:boolean` (`cbc:ChargeIndicator = false()`): `true`/`1`,
/// `false`/`0`, surrounded by whitespace. `None` where the cast fails; Saxon then treats the
/// match pattern that compared it as not matching (pinned by the oracle).
pub fn as_boolean(s: &str) -> Option<bool> {
    match s.trim_matches(XML_WS) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `[cbc:ChargeIndicator = false()]` and `[cbc:ChargeIndicator = true()]` on an AllowanceCharge:
/// (some indicator is false, some indicator is true).
pub fn charge_indicators(doc: &Doc, id: NodeId) -> (bool, bool) {
    let (mut f, mut t) = (false, false);
    for c in doc.children(id, NS_CBC, "ChargeIndicator") {
        match as_boolean(&value(doc, c)) {
            Some(false) => f = true,
            Some(true) => t = true,
            None => {}
        }
    }
    (f, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vat_text_is_case_and_space_insensitive() {
        assert!(is_vat_text(" vat\n"));
        assert!(is_vat_text("VaT"));
        assert!(!is_vat_text("V AT"));
        assert!(!is_vat_text("VATX"));
        assert!(!is_vat_text(""));
    }

    #[test]
    fn booleans_follow_the_xsd_cast() {
        assert_eq!(as_boolean(" false "), Some(false));
        assert_eq!(as_boolean("1"), Some(true));
        assert_eq!(as_boolean("FALSE"), None);
        assert!(normalized_is(" 30\t", "30"));
        assert!(!normalized_is("3 0", "30"));
    }
}
