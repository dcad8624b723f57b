//! The document walk's trie steps by declaration id, remembered for the process.
//!
//! [`tables::root_step`](super::tables::root_step) matches the element's local name as a string
//! in a `match` per trie state, for nearly every element of every invoice: its jumps and
//! compares mispredicted more than once per element. A step depends only on the state and the
//! element's (namespace, local name), which its declaration id stands for, so its answer is
//! kept in a small direct-mapped table keyed by (state, declaration id): after the first
//! invoices, a step is one multiply and one load. An entry holds its whole key, so a slot
//! another key took over is only worked out again, never misread.

use std::sync::atomic::{AtomicU64, Ordering};

/// Slots of the table: invoices take a few hundred distinct steps (2^12 entries, 32 KiB).
const SLOT_BITS: u32 = 12;

/// The remembered steps: `VALID | key << 16 | next state`, 0 when empty.
static STEPS: [AtomicU64; 1 << SLOT_BITS] = [const { AtomicU64::new(0) }; 1 << SLOT_BITS];

/// Marks a filled entry (a key of all zeros is a real key).
const VALID: u64 = 1 << 63;

/// The state an element of declaration `decl` reaches from trie `state`; `resolve` works it
/// out the first time (it must depend on nothing else).
#[inline]
pub fn step(state: u16, decl: u16, resolve: impl FnOnce() -> u16) -> u16 {
    let key = u64::from(state) << 16 | u64::from(decl);
    let tag = VALID | key << 16;
    let Some(entry) = STEPS.get(slot(key)) else {
        return resolve();
    };
    let known = entry.load(Ordering::Relaxed);
    if known & !0xffff == tag {
        return (known & 0xffff) as u16;
    }
    let next = resolve();
    entry.store(tag | u64::from(next), Ordering::Relaxed);
    next
}

/// The slot of `key`: Fibonacci hashing, whose top bits spread neighbouring keys.
fn slot(key: u64) -> usize {
    usize::try_from(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_what_resolve_says_for_each_key_even_when_keys_share_a_slot() {
        // States no walk reaches (a test walking a document beside this one could only evict
        // these entries, which the assertions allow).
        let key = |state: u16, decl: u16| u64::from(state) << 16 | u64::from(decl);
        let first = (5000, 7);
        let other = (5001..u16::MAX)
            .find(|&s| slot(key(s, 7)) == slot(key(first.0, first.1)))
            .unwrap();
        assert_eq!(step(first.0, first.1, || 1), 1);
        assert_eq!(step(other, 7, || 2), 2);
        // Evicted by `other`: worked out again, not answered with `other`'s state.
        assert_eq!(step(first.0, first.1, || 3), 3);
    }
}
