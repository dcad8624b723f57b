//! XPath value helpers of this pattern, allocation-free on the usual (leaf element) path.

use crate::validation::full::doc::{AttrRef, Doc, NodeId};

/// Whether `a` is an unqualified attribute (what `@name` selects in XPath).
pub fn unqualified(a: &AttrRef<'_>) -> bool {
    a.ns.is_empty()
}

/// The unqualified attribute `local` of `node`.
pub fn attr<'a>(doc: &'a Doc, node: NodeId, local: &str) -> Option<&'a str> {
    doc.attr(node, "", local)
}

/// `upper-case(s) = target` for an upper-case ASCII `target`, without building the string:
/// every character is upper-cased (one character may become several, `ß` → `SS`) and the
/// result compared in sequence, so `ſepa` (long s) equals `SEPA` exactly as in XPath.
pub fn upper_eq(s: &str, target: &str) -> bool {
    let mut expected = target.chars();
    for c in s.chars() {
        for u in c.to_uppercase() {
            if expected.next() != Some(u) {
                return false;
            }
        }
    }
    expected.next().is_none()
}

/// `upper-case(@a) != 'SEPA'`-style test of an optional attribute: an absent attribute is the
/// empty sequence, and `upper-case(())` is the empty string.
pub fn upper_attr_eq(value: Option<&str>, target: &str) -> bool {
    upper_eq(value.unwrap_or(""), target)
}

/// `exists(a in A, b in B) a != b` on string values, the general comparison `A != B`.
/// False when either side is empty; otherwise true unless every value on both sides is equal.
pub fn any_differs(doc: &Doc, a: &[NodeId], b: &[NodeId]) -> bool {
    let Some(&first) = a.first() else {
        return false;
    };
    if b.is_empty() {
        return false;
    }
    let v = doc.value(first);
    a.iter().chain(b).any(|&n| doc.value(n) != v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_case_comparisons_follow_unicode() {
        assert!(upper_eq("vat", "VAT"));
        assert!(upper_eq("VaT", "VAT"));
        assert!(!upper_eq("VAT ", "VAT"));
        assert!(!upper_eq("VA", "VAT"));
        assert!(upper_eq("\u{17f}epa", "SEPA"));
        assert!(upper_eq("stra\u{df}e", "STRASSE"));
        assert!(upper_attr_eq(None, ""));
        assert!(!upper_attr_eq(None, "SEPA"));
    }
}
