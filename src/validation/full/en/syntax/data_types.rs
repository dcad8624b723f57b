//! UBL-DT-01 (amounts) and UBL-DT-06/07 (binary objects): the two name-suffix contexts.

use super::{hit, values};
use crate::validation::full::doc::{Doc, NSID_CAC, NodeId};
use crate::validation::full::en::Hit;
use crate::validation::full::en::model::totals::chars_after_dot;

/// Context `//*[ends-with(name(), 'Amount') and not(ends-with(name(),'PriceAmount')) and
/// not(ancestor::cac:Price/cac:AllowanceCharge)]`, in any namespace. The last condition is about
/// the ancestors, not the element's own position: an amount anywhere below a `cac:Price` that
/// has a `cac:AllowanceCharge` child is skipped.
/// The name tests are the [`crate::validation::full::en::kinds::AMOUNT`] bit of the node's kind, worked out per document;
/// this is the ancestor condition alone, for a node whose name passed them.
pub fn is_amount_by_ancestors(doc: &Doc, node: NodeId) -> bool {
    !doc.ancestors(node)
        .any(|a| doc.is_in(a, NSID_CAC, "Price") && doc.exists_in(a, NSID_CAC, "AllowanceCharge"))
}

/// UBL-DT-01 `string-length(substring-after(.,'.')) <= 2`: at most two characters (of any kind)
/// after the first `.` of the string value. Known gap: for an amount with child elements (never
/// schema-valid) `Doc` keeps the own text ahead of the children's, not interleaved, so the
/// count can differ from XPath's.
pub fn check_amount(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    if chars_after_dot(&doc.value(node)) > 2 {
        out.push(hit("UBL-DT-01", node));
    }
}

/// UBL-DT-06 `(@mimeCode)`, UBL-DT-07 `(@filename)`.
pub fn check_binary_object(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    if values::attr(doc, node, "mimeCode").is_none() {
        out.push(hit("UBL-DT-06", node));
    }
    if values::attr(doc, node, "filename").is_none() {
        out.push(hit("UBL-DT-07", node));
    }
}
