//! Incremental matching of child elements against a content model, one child at a time, so
//! the validator can stream and point at the exact child that breaks the order.

use super::schema::{
    Automaton, ElementDecl, Model, SeqItem, Symbol, Wildcard, key_matches, name_key,
};
use super::ubl_tables::ELEMENTS;

/// [`Matcher::step`] in an automaton after position `at` (`None`: before the first child).
#[inline(never)]
fn step_automaton(
    automaton: &'static Automaton,
    at: Option<u32>,
    ns: Option<u8>,
    key: u64,
    local: &str,
) -> Option<(Step, u32)> {
    let candidates = follow(automaton, at);
    for &c in candidates {
        let Some(position) = automaton.positions.get(usize::from(c)) else {
            continue;
        };
        let step = match position.symbol {
            Symbol::Element(id) if decl_matches(id, key, local) => Step::Element(id),
            Symbol::Wildcard(w) if w.admits(ns) => Step::Wildcard(w),
            _ => continue,
        };
        return Some((step, u32::from(c)));
    }
    None
}

/// The positions that may come after position `at` (`None`: first).
fn follow(automaton: &'static Automaton, at: Option<u32>) -> &'static [u16] {
    match at {
        None => automaton.first,
        Some(p) => usize::try_from(p)
            .ok()
            .and_then(|p| automaton.positions.get(p))
            .map_or(&[][..], |p| p.follow),
    }
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

/// How far the children of an element got through its content model: plain numbers (the model
/// is passed to each call), so the validator's frame of an open element stays small.
/// A sequence: `index` is the item the last child matched and `count` how many children it
/// took. An automaton: `index` is one past the position of the last child (0 before the
/// first).
#[derive(Debug, Clone, Copy, Default)]
pub struct Matcher {
    index: u32,
    count: u32,
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
    /// Consumes one child `{ns}local` of content `model`; on failure the state is left
    /// unchanged.
    #[inline(always)] // (once per element; the sequence walk is short and the automata are rare)
    pub fn step(&mut self, model: &'static Model, ns: Option<u8>, local: &str) -> Option<Step> {
        let key = name_key(ns, local);
        match model {
            Model::Sequence { items, .. } => {
                // The item the last child matched may take this one too; the items after it
                // have taken none, which keeps the walk over optional items short.
                let index = usize::try_from(self.index).ok()?;
                let current = items.get(index)?;
                if self.count < current.max
                    && key_matches(current.key, key, local, || item_name(current))
                {
                    self.count += 1;
                    return Some(Step::Element(current.element));
                }
                if self.count < current.min {
                    return None;
                }
                for (i, item) in items.iter().enumerate().skip(index + 1) {
                    if item.max > 0 && key_matches(item.key, key, local, || item_name(item)) {
                        self.index = u32::try_from(i).ok()?;
                        self.count = 1;
                        return Some(Step::Element(item.element));
                    }
                    if item.min > 0 {
                        return None;
                    }
                }
                None
            }
            Model::Automaton(automaton) => {
                let (step, at) = step_automaton(automaton, self.position(), ns, key, local)?;
                self.index = at + 1;
                Some(step)
            }
        }
    }

    /// The automaton position of the last child (`None` before the first).
    fn position(&self) -> Option<u32> {
        self.index.checked_sub(1)
    }

    /// May the content of `model` end here?
    pub fn can_end(&self, model: &'static Model) -> bool {
        match model {
            Model::Sequence {
                items,
                required_end,
            } => {
                // No required item after the current one, which has what it needs.
                let index = usize::try_from(self.index).unwrap_or(usize::MAX);
                *required_end <= index.saturating_add(1)
                    && items.get(index).is_none_or(|i| self.count >= i.min)
            }
            Model::Automaton(automaton) => match self.position() {
                None => automaton.nullable,
                Some(p) => usize::try_from(p)
                    .ok()
                    .and_then(|p| automaton.positions.get(p))
                    .is_some_and(|p| p.last),
            },
        }
    }

    /// The required elements of `model` still missing at the end (sequence models); for
    /// automata the possible next items, since "required" depends on the branch taken.
    pub fn missing(&self, model: &'static Model) -> Vec<Expected> {
        match model {
            Model::Sequence { items, .. } => {
                let index = usize::try_from(self.index).unwrap_or(usize::MAX);
                items
                    .iter()
                    .enumerate()
                    .skip(index)
                    .filter(|(i, item)| (if *i == index { self.count } else { 0 }) < item.min)
                    .map(|(_, item)| Expected::Element(item.element))
                    .collect()
            }
            Model::Automaton(_) => self.expected(model),
        }
    }

    /// What could come next in `model`: for a sequence, every item up to and including the
    /// next required one.
    pub fn expected(&self, model: &'static Model) -> Vec<Expected> {
        let mut out = Vec::new();
        match model {
            Model::Sequence { items, .. } => {
                let index = usize::try_from(self.index).unwrap_or(usize::MAX);
                for (i, item) in items.iter().enumerate().skip(index) {
                    let taken = if i == index { self.count } else { 0 };
                    if taken < item.max {
                        out.push(Expected::Element(item.element));
                    }
                    if taken < item.min {
                        break;
                    }
                }
            }
            Model::Automaton(automaton) => {
                for &c in follow(automaton, self.position()) {
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
