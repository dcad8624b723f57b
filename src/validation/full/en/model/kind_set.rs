//! A set of [`Kind`] names as a table, for the dispatches to skip in one load the elements that
//! no arm of their `match` names (most elements of an invoice).

use crate::validation::full::en::kinds::{self, Kind};

/// The names of some kinds ([`kinds::name`]: the low byte), one flag per possible name.
pub(crate) struct KindSet([bool; 256]);

impl KindSet {
    /// The set of `names` (each a [`kinds::name`]).
    pub(crate) const fn of(names: &[Kind]) -> KindSet {
        let mut set = [false; 256];
        let mut i = 0;
        while i < names.len() {
            set[(names[i] & 0xff) as usize] = true;
            i += 1;
        }
        KindSet(set)
    }

    /// Whether the name of `kind` is in the set.
    #[inline]
    pub(crate) fn has(&self, kind: Kind) -> bool {
        // The name is one byte: the index is always in range.
        self.0
            .get(usize::from(kinds::name(kind)))
            .copied()
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_its_names_whatever_the_suffix_bits() {
        const SET: KindSet = KindSet::of(&[kinds::CBC_NOTE, kinds::CAC_TAX_TOTAL]);
        assert!(SET.has(kinds::CBC_NOTE));
        assert!(SET.has(kinds::CAC_TAX_TOTAL | kinds::AMOUNT));
        assert!(!SET.has(kinds::NONE));
        assert!(!SET.has(kinds::CBC_ID));
    }
}
