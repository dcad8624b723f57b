//! The invoice domain: pure types and rules, no I/O.

pub mod address;
pub mod ids;
