//! The amounts of one context element, found in one pass over its children and each cast at
//! most once: the document totals' seventeen asserts read the same six or seven amounts, and
//! looking each one up (and casting it) again per assert cost more than the arithmetic.

use std::cell::OnceCell;

use rust_decimal::Decimal;

use super::xdm::{Abort, Eval, cast_decimal};
use crate::validation::full::doc::{Doc, NSID_CBC, NodeId};

/// A `cbc` amount child some BR-CO or BR-DEC assert reads from its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// `cbc:Amount`.
    Plain,
    /// `cbc:BaseAmount`.
    Base,
    LineExtension,
    AllowanceTotal,
    ChargeTotal,
    TaxExclusive,
    TaxInclusive,
    Prepaid,
    PayableRounding,
    Payable,
    Taxable,
    Tax,
}

const COUNT: usize = 12;

impl Amount {
    /// The amount named `cbc:{local}`.
    fn of(local: &str) -> Option<Amount> {
        Some(match local {
            "Amount" => Amount::Plain,
            "BaseAmount" => Amount::Base,
            "LineExtensionAmount" => Amount::LineExtension,
            "AllowanceTotalAmount" => Amount::AllowanceTotal,
            "ChargeTotalAmount" => Amount::ChargeTotal,
            "TaxExclusiveAmount" => Amount::TaxExclusive,
            "TaxInclusiveAmount" => Amount::TaxInclusive,
            "PrepaidAmount" => Amount::Prepaid,
            "PayableRoundingAmount" => Amount::PayableRounding,
            "PayableAmount" => Amount::Payable,
            "TaxableAmount" => Amount::Taxable,
            "TaxAmount" => Amount::Tax,
            _ => return None,
        })
    }
}

/// How many children of one name an element has, and the first one.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Absent,
    One(NodeId),
    Many,
}

/// The amounts of the element `node`: which exist, found when made (every user asks that
/// first), and their values, cast on first need.
pub struct Amounts<'d> {
    doc: &'d Doc,
    slots: [Slot; COUNT],
    values: [OnceCell<Eval<Option<Decimal>>>; COUNT],
}

impl<'d> Amounts<'d> {
    pub fn new(doc: &'d Doc, node: NodeId) -> Amounts<'d> {
        let mut slots = [Slot::Absent; COUNT];
        for &c in doc.child_ids(node) {
            if doc.ns_id(c) != NSID_CBC {
                continue;
            }
            if let Some(slot) = Amount::of(doc.local(c)).and_then(|a| slots.get_mut(a as usize)) {
                *slot = match slot {
                    Slot::Absent => Slot::One(c),
                    _ => Slot::Many,
                };
            }
        }
        Amounts {
            doc,
            slots,
            values: Default::default(),
        }
    }

    fn slot(&self, amount: Amount) -> Slot {
        self.slots
            .get(amount as usize)
            .copied()
            .unwrap_or(Slot::Absent)
    }

    /// `cbc:{amount}` given to a one-item function (`xs:decimal`, `substring-after`, ...):
    /// `None` when absent (the empty sequence), [`Abort`] when repeated (XPTY0004).
    pub fn single(&self, amount: Amount) -> Eval<Option<NodeId>> {
        match self.slot(amount) {
            Slot::Absent => Ok(None),
            Slot::One(c) => Ok(Some(c)),
            Slot::Many => Err(Abort),
        }
    }

    /// `exists(cbc:{amount})`.
    pub fn exists(&self, amount: Amount) -> bool {
        !matches!(self.slot(amount), Slot::Absent)
    }

    /// `xs:decimal(cbc:{amount})`: `None` for the empty sequence.
    pub fn decimal(&self, amount: Amount) -> Eval<Option<Decimal>> {
        let Some(value) = self.values.get(amount as usize) else {
            return Ok(None);
        };
        *value.get_or_init(|| match self.single(amount)? {
            Some(child) => cast_decimal(self.doc, child).map(Some),
            None => Ok(None),
        })
    }
}
