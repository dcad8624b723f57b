//! Pattern `UBL-syntax` (`abstract/EN16931-syntax.sch` bound by `UBL/EN16931-UBL-syntax.sch`):
//! UBL-CR (UBL elements and attributes EN 16931 does not use), UBL-SR (repetition limits) and
//! UBL-DT (data types), 751 asserts in 14 rule contexts.
//!
//! Like the official XSLT, every element is matched against the contexts in .sch order and only
//! the first matching one runs:
//!
//! 1. `cac:AccountingSupplierParty/cac:Party` (UBL-SR-42)
//! 2. `cac:AdditionalDocumentReference` (UBL-SR-33, 43)
//! 3. `//*[ends-with(name(), 'Amount') and ...]` (UBL-DT-01)
//! 4. `//*[ends-with(name(), 'BinaryObject')]` (UBL-DT-06, 07)
//! 5. `cac:Delivery` (UBL-SR-25)
//! 6. `cac:AllowanceCharge[cbc:ChargeIndicator = false()]` (UBL-SR-30)
//! 7. `cac:AllowanceCharge[cbc:ChargeIndicator = true()]` (UBL-SR-31)
//! 8. `/ubl:Invoice | /cn:CreditNote`: the 679 UBL-CR, UBL-DT-08..28 and most UBL-SR
//!    ([`document`], one walk over the whole document)
//! 9. `cac:InvoiceLine | cac:CreditNoteLine`, 10. `cac:PayeeParty`, 11. `cac:PaymentMeans`,
//!    12. `cac:BillingReference`, 13. `cac:TaxRepresentativeParty`, 14. `cac:TaxSubtotal`
//!    ([`repetitions`])
//!
//! None of the match patterns can raise an error except the `ChargeIndicator` casts, so
//! "first match" only matters for names matching two contexts (an `AllowanceCharge` with both a
//! false and a true indicator is an allowance). Everything is matched at any depth, exactly like
//! the relative match patterns of the XSLT.

mod data_types;
mod document;
mod repetitions;
mod step_memo;
#[rustfmt::skip]
pub mod tables;
mod values;

use super::kinds::{self, Kind};
use super::{Hit, Shared};
use crate::validation::full::doc::{Doc, NodeId};

/// Checks `node` against this pattern's rule contexts (first match wins) and records violations.
pub fn check_node(doc: &Doc, node: NodeId, out: &mut Vec<Hit>) {
    check_node_with(doc, node, &Shared::new(doc), out);
}

/// [`check_node`] with what the document's nodes share (`shared` belongs to `doc`).
pub fn check_node_with<'a>(doc: &'a Doc, node: NodeId, shared: &Shared<'a>, out: &mut Vec<Hit>) {
    check_node_kind(doc, node, kinds::of(doc, node), shared, out);
}

/// Whether an element of [`Kind`] `kind` can match a context of this pattern: a name suffix,
/// the document element or a name [`RELATIVE`] lists. One load for most elements, which match
/// none, so the caller skips the call.
#[inline]
pub(crate) fn may_match(kind: Kind) -> bool {
    kind & (kinds::AMOUNT | kinds::BINARY_OBJECT) != 0
        || matches!(kinds::name(kind), kinds::INVOICE | kinds::CREDIT_NOTE)
        || relative_rule(kind).is_some()
}

/// A context's checks of one element.
type Rule = fn(&Doc, NodeId, &mut Vec<Hit>);

/// The contexts matched by the element's name alone, by the name part of its kind (every one
/// is a `cac:` element): a table, not a `match` whose jump mispredicted for every element.
const RELATIVE: [Option<Rule>; 256] = {
    let mut rules: [Option<Rule>; 256] = [None; 256];
    rules[kinds::CAC_PARTY as usize] = Some(repetitions::supplier_party);
    rules[kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE as usize] =
        Some(repetitions::supporting_document);
    rules[kinds::CAC_DELIVERY as usize] = Some(repetitions::delivery);
    rules[kinds::CAC_ALLOWANCE_CHARGE as usize] = Some(repetitions::allowance_charge);
    rules[kinds::CAC_INVOICE_LINE as usize] = Some(repetitions::line);
    rules[kinds::CAC_CREDIT_NOTE_LINE as usize] = Some(repetitions::line);
    rules[kinds::CAC_PAYEE_PARTY as usize] = Some(repetitions::payee);
    rules[kinds::CAC_PAYMENT_MEANS as usize] = Some(repetitions::payment_means);
    rules[kinds::CAC_BILLING_REFERENCE as usize] = Some(repetitions::billing_reference);
    rules[kinds::CAC_TAX_REPRESENTATIVE_PARTY as usize] = Some(repetitions::tax_representative);
    rules[kinds::CAC_TAX_SUBTOTAL as usize] = Some(repetitions::tax_subtotal);
    rules
};

/// The [`RELATIVE`] context of an element of kind `kind`.
#[inline]
fn relative_rule(kind: Kind) -> Option<Rule> {
    RELATIVE
        .get(usize::from(kinds::name(kind)))
        .copied()
        .flatten()
}

/// [`check_node_with`] for an element of [`Kind`] `kind` (see [`kinds::classify`]).
pub(crate) fn check_node_kind<'a>(
    doc: &'a Doc,
    node: NodeId,
    kind: Kind,
    shared: &Shared<'a>,
    out: &mut Vec<Hit>,
) {
    // Contexts 3 and 4 go by the element name's suffix in any namespace: `name()` is the
    // prefixed name, but a prefix ends with ':' so `ends-with(name(), 'Amount')` is the same
    // as testing the local name, whatever prefix the document uses. The suffixes are bits of
    // the kind; only the ancestor condition of amounts is left to test.
    if kind & kinds::AMOUNT != 0 && data_types::is_amount_by_ancestors(doc, node) {
        data_types::check_amount(doc, node, out);
        return;
    }
    if kind & kinds::BINARY_OBJECT != 0 {
        data_types::check_binary_object(doc, node, out);
        return;
    }
    // `/ubl:Invoice | /cn:CreditNote` only matches the root; any other root element is matched
    // by the relative patterns like any element.
    if matches!(kinds::name(kind), kinds::INVOICE | kinds::CREDIT_NOTE)
        && doc.parent(node).is_none()
    {
        document::check(doc, node, shared.kinds(), shared.root_children(), out);
    } else if let Some(rule) = relative_rule(kind) {
        rule(doc, node, out);
    }
}

/// One finding of `id` in the context `node`, pointing at the context itself.
fn hit(id: &'static str, node: NodeId) -> Hit {
    Hit {
        id,
        context: node,
        at: node,
        attr: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;
    use crate::validation::full::en::{self, messages::MESSAGES};

    #[test]
    fn tables_and_hand_written_rules_cover_every_ubl_cr_id() {
        let ours: std::collections::BTreeSet<&str> = tables::CR_IDS
            .iter()
            .chain(tables::CR_HAND_WRITTEN.iter())
            .copied()
            .collect();
        let official: std::collections::BTreeSet<&str> = MESSAGES
            .iter()
            .map(|m| m.0)
            .filter(|id| id.starts_with("UBL-CR-"))
            .collect();
        assert_eq!(ours, official);
        assert_eq!(
            ours.len(),
            tables::CR_IDS.len() + tables::CR_HAND_WRITTEN.len()
        );
        for (attr, id) in tables::FORBIDDEN_ATTRIBUTES {
            assert_eq!(tables::forbidden_attribute(attr), Some((id, attr)));
            assert!(en::rule(id).is_some());
        }
    }

    fn ids(xml: &str) -> Vec<(&'static str, String)> {
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let mut out = Vec::new();
        for n in 0..doc.nodes.len() {
            check_node(&doc, n, &mut out);
        }
        out.iter()
            .map(|h| {
                assert!(en::rule(h.id).is_some(), "{}", h.id);
                (h.id, doc.path(h.at))
            })
            .collect()
    }

    const HEAD: &str = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">";

    #[test]
    fn forbidden_elements_fire_once_at_the_first_offender() {
        let xml = format!(
            "{HEAD}<cbc:UUID>a</cbc:UUID><cbc:UUID>b</cbc:UUID><cac:InvoiceLine><cbc:UUID>c</cbc:UUID><cac:Item><cac:ClassifiedTaxCategory/></cac:Item></cac:InvoiceLine><cac:OrderReference><cac:X><cbc:UUID/></cac:X></cac:OrderReference></Invoice>"
        );
        assert_eq!(
            ids(&xml),
            vec![
                ("UBL-CR-005", "/Invoice/cbc:UUID".to_owned()),
                ("UBL-CR-515", "/Invoice/cac:InvoiceLine/cbc:UUID".to_owned()),
            ]
        );
    }

    #[test]
    fn amounts_go_by_local_name_and_skip_price_allowances() {
        let xml = format!(
            "{HEAD}<cbc:TaxAmount>1.234</cbc:TaxAmount><x:TaxAmount xmlns:x=\"urn:x\">1.23</x:TaxAmount><cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory/></cac:Item><cac:Price><cbc:PriceAmount>1.2345</cbc:PriceAmount><cac:AllowanceCharge><cbc:BaseAmount>1.234</cbc:BaseAmount></cac:AllowanceCharge></cac:Price></cac:InvoiceLine></Invoice>"
        );
        assert_eq!(
            ids(&xml),
            vec![("UBL-DT-01", "/Invoice/cbc:TaxAmount".to_owned())]
        );
    }
}
