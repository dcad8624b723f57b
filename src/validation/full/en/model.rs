//! Placeholder: the rules of this pattern are being written (see `en`).

use super::Hit;
use crate::validation::full::doc::{Doc, NodeId};

/// Checks `node` against this pattern's rule contexts (first match wins) and records violations.
pub fn check_node(_doc: &Doc, _node: NodeId, _out: &mut Vec<Hit>) {}
