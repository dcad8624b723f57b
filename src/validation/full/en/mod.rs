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
        codes::check_node_kind(doc, node, kind, parent, &mut codes, &mut hits);
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
/// rule id with a binary search: the order sorted by id is computed once, on first use. Rows
/// with the same id keep their table order, so the answer is the first such row, exactly what
/// a linear search gives.
pub(crate) struct IdIndex(OnceLock<Vec<usize>>);

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
        let order = self.0.get_or_init(|| {
            let mut order: Vec<usize> = (0..table.len()).collect();
            // Stable: equal ids stay in table order.
            order.sort_by_key(|&i| table.get(i).map(id_of));
            order
        });
        let row = |i: usize| table.get(i).map(id_of);
        let at = order.partition_point(|&i| row(i) < Some(id));
        let &i = order.get(at)?;
        table.get(i).filter(|r| id_of(r) == id)
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
