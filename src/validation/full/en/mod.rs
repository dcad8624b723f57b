//! The EN 16931 rules of ANAF's validation bundle 1.0.9 (EN 16931 1.3.8 with ANAF's edits):
//! 976 rule ids, 277 fatal and 699 warnings, in three Schematron patterns that run side by side:
//!
//! * [`model`] (`UBL-model`): the business rules BR-*, BR-CO-*, BR-DEC-*, the VAT category
//!   families (BR-S/Z/E/AE/IC/G/O/IG/IP) and BR-B;
//! * [`syntax`] (`UBL-syntax`): UBL-CR (what EN 16931 does not use), UBL-SR (repetitions) and
//!   UBL-DT (data types);
//! * [`codes`] (`Codesmodel`): the code-list rules BR-CL-*.
//!
//! Firing semantics follow the official XSLT: within one pattern every node is checked against
//! the rule contexts in .sch order and only the first matching rule runs for it; one finding per
//! context node whose assert fails.

#[rustfmt::skip]
pub mod code_lists;
pub mod codes;
#[rustfmt::skip]
pub mod explanations;
pub(crate) mod kinds;
#[rustfmt::skip]
pub mod messages;
pub mod model;
mod shared;
pub mod syntax;

pub use shared::{Anywhere, Shared};

use std::sync::OnceLock;

use crate::validation::Flag;
use crate::validation::full::doc::{Doc, NodeId};

/// The Schematron pattern a rule belongs to (first-match semantics apply within one pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    Model,
    Syntax,
    Codes,
}

/// One EN 16931 rule violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: &'static str,
    /// The rule's context node (an element; for attribute contexts, the attribute's owner).
    pub context: NodeId,
    /// Where to point the user: the offending element when there is one, else the context.
    pub at: NodeId,
    /// For attribute contexts (`//@currencyID`, `//@unitCode`, ...): the attribute's local name.
    pub attr: Option<&'static str>,
}

/// Runs every EN 16931 rule of the bundle over `doc`, node by node in document order.
pub fn check(doc: &Doc) -> Vec<Hit> {
    check_with(doc, &Shared::new(doc))
}

/// [`check`] with what the rules read once per document made by the caller (`shared` belongs
/// to `doc`): the CIUS-RO rules read the root's children and the elements' kinds too.
pub fn check_with<'a>(doc: &'a Doc, shared: &Shared<'a>) -> Vec<Hit> {
    let mut hits = Vec::new();
    let model = model::PerDocument::default();
    let mut codes = codes::Memo::default();
    // Each element's name is classified once here; the patterns switch on the integer.
    let kinds = shared.kinds();
    for (node, &kind) in kinds.iter().enumerate() {
        let parent = doc
            .parent(node)
            .and_then(|p| kinds.get(p).copied())
            .unwrap_or(kinds::NONE);
        // Elements of kind NONE start no model or syntax context; codes still reads their
        // attributes (`//@currencyID`, `//@unitCode`).
        if kind != kinds::NONE {
            model::check_node_kind(doc, node, kind, shared, &model, &mut hits);
            if syntax::may_match(kind) {
                syntax::check_node_kind(doc, node, kind, shared, &mut hits);
            }
        }
        if codes::may_fire(doc, node, kind) {
            codes::check_node_kind(doc, node, kind, parent, &mut codes, &mut hits);
        }
    }
    hits
}

/// Every EN 16931 rule id of the bundle, in the order of the .sch files.
pub fn all_ids() -> impl Iterator<Item = &'static str> {
    messages::MESSAGES.iter().map(|(id, _, _, _)| *id)
}

/// The flag and official English text of `id`.
pub fn rule(id: &str) -> Option<(Flag, &'static str)> {
    static INDEX: IdIndex = IdIndex::new();
    INDEX
        .find(messages::MESSAGES, |m| m.0, id)
        .map(|(_, flag, _, text)| (*flag, *text))
}

/// Finds a row of a generated table (kept in .sch order, which other code relies on) by its
/// rule id through a hash table of row numbers, built on first use. Rows with the same id: the
/// table keeps the first, exactly what a linear search finds. (It replaced a sorted order,
/// whose thousands of string comparisons cost more, once per process, than validating an
/// invoice.)
pub(crate) struct IdIndex(OnceLock<Vec<u32>>);

/// [`IdIndex`]'s slot of `id` before probing: FNV-1a over its bytes.
fn id_hash(id: &str) -> usize {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    // Only the low bits pick a slot: truncating on 32-bit targets is fine.
    hash as usize
}

impl IdIndex {
    pub(crate) const fn new() -> Self {
        IdIndex(OnceLock::new())
    }

    pub(crate) fn find<T>(
        &self,
        table: &'static [T],
        id_of: fn(&T) -> &'static str,
        id: &str,
    ) -> Option<&'static T> {
        // Slots hold a row number + 1 (0: empty), at most half of them used: linear probing
        // ends at an empty slot after a step or two.
        let slots = self.0.get_or_init(|| {
            let mut slots = vec![0u32; (2 * table.len()).next_power_of_two()];
            let mask = slots.len() - 1;
            for (row, r) in (1u32..).zip(table) {
                let id = id_of(r);
                let mut at = id_hash(id) & mask;
                while let Some(&taken) = slots.get(at).filter(|&&s| s != 0) {
                    let same = table.get(taken as usize - 1).map(id_of) == Some(id);
                    if same {
                        break;
                    }
                    at = (at + 1) & mask;
                }
                if let Some(slot) = slots.get_mut(at).filter(|s| **s == 0) {
                    *slot = row;
                }
            }
            slots
        });
        let mask = slots.len().checked_sub(1)?;
        let mut at = id_hash(id) & mask;
        loop {
            let row = table.get(slots.get(at).copied()?.checked_sub(1)? as usize)?;
            if id_of(row) == id {
                return Some(row);
            }
            at = (at + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_has_976_en_ids_277_of_them_fatal() {
        let ids: std::collections::BTreeSet<_> = all_ids().collect();
        assert_eq!(ids.len(), 976);
        let fatal = messages::MESSAGES
            .iter()
            .filter(|(_, f, _, _)| *f == Flag::Fatal)
            .count();
        assert_eq!(fatal, 277);
        assert_eq!(rule("BR-CO-25").map(|r| r.0), Some(Flag::Fatal));
        assert_eq!(rule("UBL-CR-001").map(|r| r.0), Some(Flag::Warning));
        // ANAF moved BR-27 into its own rules; it is not part of the EN set.
        assert!(rule("BR-27").is_none());
        // The index answers like the linear search, for every id and for unknown ones.
        for (id, flag, _, text) in messages::MESSAGES {
            assert_eq!(rule(id), Some((*flag, *text)));
        }
        for id in ["", "BR-", "BR-00", "UBL-CR-9999", "zzz"] {
            assert!(rule(id).is_none());
        }
    }
}
