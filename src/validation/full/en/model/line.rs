//! What the BR-21..23, BR-25 and BR-26 asserts of a line context (`cac:InvoiceLine | cac:CreditNoteLine`) read,
//! found in one pass over the line's children: each assert looked its children up again, about
//! ten scans of the same children per line.

use super::nodes::{has_attr, has_text};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};

/// The answers of a line's BR-21..23, BR-25 and BR-26 (BR-24 asks for an amount: see
/// `routes::Route::AmountExists`), each exactly as [`super::business::holds_key`] gives it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Line {
    /// BR-21: `(cbc:ID) != ''`.
    id_text: bool,
    /// BR-22: `exists(cbc:InvoicedQuantity) or exists(cbc:CreditedQuantity)`.
    quantity: bool,
    /// BR-23: `exists(cbc:InvoicedQuantity/@unitCode) or exists(cbc:CreditedQuantity/@unitCode)`.
    unit: bool,
    /// BR-25: `(cac:Item/cbc:Name) != ''`.
    item_name: bool,
    /// BR-26: `exists(cac:Price/cbc:PriceAmount)`.
    price: bool,
}

impl Line {
    /// The answers for the line element `line`.
    pub fn new(doc: &Doc, line: NodeId) -> Line {
        let mut facts = Line::default();
        for &c in doc.child_ids(line) {
            match (doc.ns_id(c), doc.local(c)) {
                (NSID_CBC, "ID") => facts.id_text |= has_text(doc, c),
                (NSID_CBC, "InvoicedQuantity" | "CreditedQuantity") => {
                    facts.quantity = true;
                    facts.unit |= has_attr(doc, c, "unitCode");
                }
                (NSID_CAC, "Item") => {
                    facts.item_name |= doc
                        .children_in(c, NSID_CBC, "Name")
                        .any(|n| has_text(doc, n));
                }
                (NSID_CAC, "Price") => facts.price |= doc.exists_in(c, NSID_CBC, "PriceAmount"),
                _ => {}
            }
        }
        facts
    }

    /// Whether the assert whose `business::rule_key` is `key` holds; `None` for the keys this
    /// summary does not answer.
    pub fn holds(&self, key: u16) -> Option<bool> {
        Some(match key {
            21 => self.id_text,
            22 => self.quantity,
            23 => self.unit,
            25 => self.item_name,
            26 => self.price,
            _ => return None,
        })
    }
}
