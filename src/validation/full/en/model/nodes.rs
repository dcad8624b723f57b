//! Node-set helpers for the model pattern: the handful of XPath shapes its rules use, evaluated
//! on the arena tree without building strings where the value can be borrowed.
//!
//! Every element value is `xs:untypedAtomic`, so `path = 'lit'` / `path != ''` are existential
//! string comparisons over the selected nodes (false on an empty set).

use crate::validation::full::doc::{
    Doc, NSID_CAC, NSID_CBC, NSID_CREDIT_NOTE, NSID_INVOICE, NodeId,
};
use crate::validation::full::query::Path;
use crate::validation::full::xpath;

/// `string(.) != ''`: the element or any descendant holds some text.
pub fn has_text(doc: &Doc, id: NodeId) -> bool {
    !doc.own_text(id).is_empty() || doc.child_ids(id).iter().any(|&c| has_text(doc, c))
}

/// Whether the relative path `steps` selects at least one element from `id` (`exists(a/b/c)`).
pub fn exists_path(doc: &Doc, id: NodeId, steps: Path<'_>) -> bool {
    any_path(doc, id, steps, &mut |_| true)
}

/// Whether any element the relative path `steps` selects from `id` satisfies `pred`.
pub fn any_path(
    doc: &Doc,
    id: NodeId,
    steps: Path<'_>,
    pred: &mut dyn FnMut(NodeId) -> bool,
) -> bool {
    doc.find_path(id, steps, pred).is_some()
}

/// How many elements the relative path `steps` selects from `id` (`count(a/b)`).
pub fn count_path(doc: &Doc, id: NodeId, steps: Path<'_>) -> usize {
    match steps.split_first() {
        None => 1,
        Some((&(ns, local), rest)) => doc
            .children_in(id, ns, local)
            .map(|c| count_path(doc, c, rest))
            .sum(),
    }
}

/// `(a/b/c) != ''`: some selected element has a non-empty string value.
pub fn nonempty_path(doc: &Doc, id: NodeId, steps: Path<'_>) -> bool {
    any_path(doc, id, steps, &mut |n| has_text(doc, n))
}

/// `(a/b/c) = 'lit'`: some selected element's string value is exactly `lit` (no trimming).
pub fn equals_path(doc: &Doc, id: NodeId, steps: Path<'_>, lit: &str) -> bool {
    any_path(doc, id, steps, &mut |n| doc.value(n) == lit)
}

/// `exists(@name)` for an unqualified attribute.
pub fn has_attr(doc: &Doc, id: NodeId, name: &str) -> bool {
    doc.attr(id, "", name).is_some()
}

/// `normalize-space(s) = lit` for a literal without whitespace: the trimmed value equals it
/// (inner whitespace would survive normalisation as a space, which `lit` cannot match).
pub fn normalized_is(s: &str, lit: &str) -> bool {
    xpath::trim(s) == lit
}

/// The predicate `[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']` on `id` (a
/// TaxCategory, ClassifiedTaxCategory or PartyTaxScheme). `upper-case(cbc:ID)` with no ID is
/// `upper-case(())` = '' (no match). With two IDs in one TaxScheme Saxon raises XPTY0004 and the
/// official run aborts; we answer as if each ID were tested (existentially).
/// The parenthesised variant `cac:TaxScheme/(normalize-space(upper-case(cbc:ID)) = 'VAT')` gives
/// the same answer for one TaxScheme (two of them make it an error too).
pub fn has_vat_scheme(doc: &Doc, id: NodeId) -> bool {
    // Two known steps as two loops: asked for every tax category and party tax scheme, the
    // general path walk cost more than the test.
    doc.children_in(id, NSID_CAC, "TaxScheme").any(|scheme| {
        doc.children_in(scheme, NSID_CBC, "ID")
            .any(|n| xpath::is_vat(&doc.value(n)))
    })
}

/// `/ubl:Invoice | /cn:CreditNote`: the root element of an invoice or a credit note.
pub fn is_document_root(doc: &Doc, id: NodeId) -> bool {
    doc.parent(id).is_none()
        && (doc.is_in(id, NSID_INVOICE, "Invoice") || doc.is_in(id, NSID_CREDIT_NOTE, "CreditNote"))
}

/// Whether the ancestors of `id`, nearest first, are exactly the `(ns, local)` steps given.
pub fn ancestors_are(doc: &Doc, id: NodeId, steps: Path<'_>) -> bool {
    let mut current = id;
    for &(ns, local) in steps {
        match doc.parent(current) {
            Some(p) if doc.is_in(p, ns, local) => current = p,
            _ => return false,
        }
    }
    true
}

/// `cac:InvoiceLine | cac:CreditNoteLine`.
pub fn is_line(doc: &Doc, id: NodeId) -> bool {
    doc.is_in(id, NSID_CAC, "InvoiceLine") || doc.is_in(id, NSID_CAC, "CreditNoteLine")
}

/// `[cbc:ChargeIndicator = false()]` and `[cbc:ChargeIndicator = true()]` on an AllowanceCharge:
/// (some indicator is false, some indicator is true). A value that does not cast counts as
/// neither: Saxon then treats the match pattern that compared it as not matching (pinned by the
/// oracle).
pub fn charge_indicators(doc: &Doc, id: NodeId) -> (bool, bool) {
    let (mut f, mut t) = (false, false);
    for c in doc.children_in(id, NSID_CBC, "ChargeIndicator") {
        match xpath::boolean(&doc.value(c)) {
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
    fn normalized_is_trims_but_keeps_inner_whitespace() {
        assert!(normalized_is(" 30\t", "30"));
        assert!(!normalized_is("3 0", "30"));
    }
}
