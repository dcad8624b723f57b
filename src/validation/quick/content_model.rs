//! Incremental matching of child elements against a content model, one child at a time, so
//! the validator can stream and point at the exact child that breaks the order.

use super::schema::{
    Automaton, ElementDecl, Model, SeqItem, Symbol, Wildcard, key_matches, name_key,
};
use super::ubl_tables::ELEMENTS;

/// [`Matcher::step`] in an automaton at position `at`.
#[inline(never)]
fn step_automaton(
    automaton: &Automaton,
    at: &mut Option<u16>,
    ns: Option<u8>,
    key: u64,
    local: &str,
) -> Option<Step> {
    let candidates = match *at {
        None => automaton.first,
        Some(p) => automaton
            .positions
            .get(usize::from(p))
            .map_or(&[][..], |p| p.follow),
    };
    for &c in candidates {
        let Some(position) = automaton.positions.get(usize::from(c)) else {
            continue;
        };
        let step = match position.symbol {
            Symbol::Element(id) if decl_matches(id, key, local) => Step::Element(id),
            Symbol::Wildcard(w) if w.admits(ns) => Step::Wildcard(w),
            _ => continue,
        };
        *at = Some(c);
        return Some(step);
    }
    None
}

/// What a child element matched.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Element(u16),
    Wildcard(Wildcard),
}

/// An item of an "expected one of" list.
#[derive(Debug, Clone, Copy)]
pub enum Expected {
    Element(u16),
    Wildcard(Wildcard),
}

#[derive(Debug)]
pub enum Matcher {
    /// `index`: the sequence item the last child matched; `count`: how many children it took;
    /// `required_end`: see [`Model::Sequence`].
    Sequence {
        items: &'static [SeqItem],
        index: usize,
        count: u32,
        required_end: usize,
    },
    /// `at`: the automaton position of the last child (None before the first child).
    Automaton {
        automaton: &'static Automaton,
        at: Option<u16>,
    },
}

/// The declared name of a sequence item (needed only for names longer than a key holds).
fn item_name(item: &SeqItem) -> &'static str {
    decl(item.element).map_or("", |d| d.name)
}

fn decl(id: u16) -> Option<&'static ElementDecl> {
    ELEMENTS.get(usize::from(id))
}

fn decl_matches(id: u16, key: u64, local: &str) -> bool {
    decl(id).is_some_and(|d| key_matches(d.key, key, local, || d.name))
}

impl Matcher {
    pub fn new(model: &'static Model) -> Self {
        match model {
            Model::Sequence {
                items,
                required_end,
            } => Matcher::Sequence {
                items,
                index: 0,
                count: 0,
                required_end: *required_end,
            },
            Model::Automaton(automaton) => Matcher::Automaton {
                automaton,
                at: None,
            },
        }
    }

    /// Consumes one child `{ns}local`; on failure the state is left unchanged.
    #[inline(always)] // (once per element; the sequence walk is short and the automata are rare)
    pub fn step(&mut self, ns: Option<u8>, local: &str) -> Option<Step> {
        let key = name_key(ns, local);
        match self {
            Matcher::Sequence {
                items,
                index,
                count,
                ..
            } => {
                // The item the last child matched may take this one too; the items after it
                // have taken none, which keeps the walk over optional items short.
                let current = items.get(*index)?;
                if *count < current.max
                    && key_matches(current.key, key, local, || item_name(current))
                {
                    *count += 1;
                    return Some(Step::Element(current.element));
                }
                if *count < current.min {
                    return None;
                }
                for (i, item) in items.iter().enumerate().skip(*index + 1) {
                    if item.max > 0 && key_matches(item.key, key, local, || item_name(item)) {
                        *index = i;
                        *count = 1;
                        return Some(Step::Element(item.element));
                    }
                    if item.min > 0 {
                        return None;
                    }
                }
                None
            }
            Matcher::Automaton { automaton, at } => step_automaton(automaton, at, ns, key, local),
        }
    }

    /// May the content end here?
    pub fn can_end(&self) -> bool {
        match self {
            Matcher::Sequence {
                items,
                index,
                count,
                required_end,
            } => {
                // No required item after the current one, which has what it needs.
                *required_end <= *index + 1 && items.get(*index).is_none_or(|i| *count >= i.min)
            }
            Matcher::Automaton { automaton, at } => match at {
                None => automaton.nullable,
                Some(p) => automaton
                    .positions
                    .get(usize::from(*p))
                    .is_some_and(|p| p.last),
            },
        }
    }

    /// The required elements still missing at the end (sequence models); for automata the
    /// possible next items, since "required" depends on the branch taken.
    pub fn missing(&self) -> Vec<Expected> {
        match self {
            Matcher::Sequence {
                items,
                index,
                count,
                ..
            } => items
                .iter()
                .enumerate()
                .skip(*index)
                .filter(|(i, item)| (if *i == *index { *count } else { 0 }) < item.min)
                .map(|(_, item)| Expected::Element(item.element))
                .collect(),
            Matcher::Automaton { .. } => self.expected(),
        }
    }

    /// What could come next: for a sequence, every item up to and including the next required one.
    pub fn expected(&self) -> Vec<Expected> {
        let mut out = Vec::new();
        match self {
            Matcher::Sequence {
                items,
                index,
                count,
                ..
            } => {
                for (i, item) in items.iter().enumerate().skip(*index) {
                    let taken = if i == *index { *count } else { 0 };
                    if taken < item.max {
                        out.push(Expected::Element(item.element));
                    }
                    if taken < item.min {
                        break;
                    }
                }
            }
            Matcher::Automaton { automaton, at } => {
                let candidates = match at {
                    None => automaton.first,
                    Some(p) => automaton
                        .positions
                        .get(usize::from(*p))
                        .map_or(&[][..], |p| p.follow),
                };
                for &c in candidates {
                    if let Some(p) = automaton.positions.get(usize::from(c)) {
                        out.push(match p.symbol {
                            Symbol::Element(id) => Expected::Element(id),
                            Symbol::Wildcard(w) => Expected::Wildcard(w),
                        });
                    }
                }
            }
        }
        out
    }
}
