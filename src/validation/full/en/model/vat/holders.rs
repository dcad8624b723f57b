//! What the breakdown asserts (-08) read from the lines, allowances and charges, read once per
//! document. Each breakdown (and each rate) sums the lines and allowances of its category; read
//! from the tree, that walks every line's item and categories again for every breakdown.
//!
//! Every value is kept as the [`Xp`] result the tree gives, and is only looked at where the
//! direct evaluation looked: an error (two `cbc:ID`, an amount that is no number) surfaces
//! exactly when and where it did before.

use std::borrow::Cow;
use std::cell::OnceCell;

use rust_decimal::Decimal;

use super::values::{Xp, charge_indicator_is, decimal_of, only_cbc, same_code};
use crate::validation::full::doc::{Doc, NSID_CAC, NodeId};
use crate::validation::full::en::kinds;
use crate::validation::full::en::shared::{Anywhere, Shared};

/// A `cac:ClassifiedTaxCategory` of a line or a `cac:TaxCategory` of an allowance or charge.
struct Category<'a> {
    /// `cbc:ID` (only one allowed).
    id: Xp<Option<Cow<'a, str>>>,
    /// `xs:decimal(cbc:Percent)`.
    percent: Xp<Option<Decimal>>,
}

impl Category<'_> {
    fn read<'a>(doc: &'a Doc, node: NodeId) -> Category<'a> {
        Category {
            id: only_cbc(doc, node, "ID"),
            percent: decimal_of(doc, node, "Percent"),
        }
    }

    /// `normalize-space(cbc:ID) = code`.
    fn has_code(&self, code: &str) -> Xp<bool> {
        match &self.id {
            Ok(id) => Ok(id.as_deref().is_some_and(|v| same_code(v, code))),
            Err(e) => Err(*e),
        }
    }

    /// `xs:decimal(cbc:Percent) = rate`.
    fn has_rate(&self, rate: Decimal) -> Xp<bool> {
        Ok(self.percent? == Some(rate))
    }
}

/// A line, allowance or charge that is a child of the root, with its categories in order.
pub struct Holder<'a> {
    /// Nearly always exactly one: kept apart so that reading a line allocates nothing.
    first: Option<Category<'a>>,
    more: Vec<Category<'a>>,
    /// `xs:decimal(cbc:LineExtensionAmount)` of a line, `xs:decimal(cbc:Amount)` otherwise.
    pub amount: Xp<Option<Decimal>>,
    /// `cbc:ChargeIndicator = true()` / `= false()` (allowances and charges only).
    charge: Xp<bool>,
    allowance: Xp<bool>,
}

impl<'a> Holder<'a> {
    fn new(mut categories: impl Iterator<Item = Category<'a>>) -> Holder<'a> {
        Holder {
            first: categories.next(),
            more: categories.collect(),
            amount: Ok(None),
            charge: Ok(false),
            allowance: Ok(false),
        }
    }

    /// The categories in document order.
    fn categories(&self) -> impl Iterator<Item = &Category<'a>> {
        self.first.iter().chain(&self.more)
    }

    /// `[.../normalize-space(cbc:ID) = code]`: existential, stops at the first match.
    pub fn has_code(&self, code: &str) -> Xp<bool> {
        for c in self.categories() {
            if c.has_code(code)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `[.../xs:decimal(cbc:Percent) = rate]`.
    pub fn has_rate(&self, rate: Decimal) -> Xp<bool> {
        for c in self.categories() {
            if c.has_rate(rate)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `[cbc:ChargeIndicator = wanted()]`.
    pub fn indicator_is(&self, wanted: bool) -> Xp<bool> {
        if wanted { self.charge } else { self.allowance }
    }
}

/// The root's lines, allowances and charges, and where such elements are anywhere.
pub struct Holders<'a> {
    doc: &'a Doc,
    pub invoice_lines: Vec<Holder<'a>>,
    pub credit_note_lines: Vec<Holder<'a>>,
    pub allowances: Vec<Holder<'a>>,
    /// Every `cac:AllowanceCharge` at any depth, in document order, listed when the root's
    /// children do not answer (the lines anywhere are listed by [`Shared::anywhere`]).
    allowances_anywhere: OnceCell<Vec<NodeId>>,
}

impl<'a> Holders<'a> {
    /// Reads the root's children (found through `shared`'s index of them).
    pub fn gather(doc: &'a Doc, shared: &Shared<'_>) -> Holders<'a> {
        let read = |local: &str, allowance: bool| -> Vec<Holder<'a>> {
            let kids = shared.root_children().children(NSID_CAC, local);
            kids.iter().map(|&n| holder(doc, n, allowance)).collect()
        };
        let invoice_lines = read("InvoiceLine", false);
        let credit_note_lines = read("CreditNoteLine", false);
        let allowances = read("AllowanceCharge", true);
        Holders {
            doc,
            invoice_lines,
            credit_note_lines,
            allowances,
            allowances_anywhere: OnceCell::new(),
        }
    }

    /// The root's children of kind `kind`.
    fn root_children(&self, kind: usize) -> &[Holder<'a>] {
        match kind {
            INVOICE_LINE => &self.invoice_lines,
            CREDIT_NOTE_LINE => &self.credit_note_lines,
            _ => &self.allowances,
        }
    }

    /// The elements of kind `kind` at any depth, in document order.
    fn anywhere<'s>(&'s self, kind: usize, shared: &'s Shared<'_>) -> &'s [NodeId] {
        match kind {
            INVOICE_LINE => shared.anywhere(Anywhere::InvoiceLine),
            CREDIT_NOTE_LINE => shared.anywhere(Anywhere::CreditNoteLine),
            _ => self.allowances_anywhere.get_or_init(|| {
                let kinds = shared.kinds().iter().enumerate();
                kinds
                    .filter(|&(_, &k)| kinds::name(k) == kinds::CAC_ALLOWANCE_CHARGE)
                    .map(|(n, _)| n)
                    .collect()
            }),
        }
    }

    /// The root's children named `cac:{line_name}` (a line name).
    pub fn lines(&self, line_name: &str) -> &[Holder<'a>] {
        match kind_of(line_name) {
            Some(kind @ (INVOICE_LINE | CREDIT_NOTE_LINE)) => self.root_children(kind),
            _ => &[],
        }
    }

    /// `exists(//cac:{local})`.
    pub fn exists_anywhere(&self, local: &str, shared: &Shared<'_>) -> bool {
        kind_of(local).is_some_and(|k| {
            !self.root_children(k).is_empty() || !self.anywhere(k, shared).is_empty()
        })
    }

    /// `exists(//cac:{local}[pred])`: the root's children first (`on_root`, from what was read
    /// once), then the others in document order (`elsewhere`, from the tree). The root's
    /// children all failed `on_root` by then; asked again they would fail again, so they are
    /// not.
    pub fn exists_anywhere_where(
        &self,
        local: &str,
        shared: &Shared<'_>,
        mut on_root: impl FnMut(&Holder<'a>) -> Xp<bool>,
        mut elsewhere: impl FnMut(NodeId) -> Xp<bool>,
    ) -> Xp<bool> {
        let Some(kind) = kind_of(local) else {
            return Ok(false);
        };
        for h in self.root_children(kind) {
            if on_root(h)? {
                return Ok(true);
            }
        }
        let root = self.doc.root();
        for &n in self.anywhere(kind, shared) {
            if self.doc.parent(n) != Some(root) && elsewhere(n)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

const INVOICE_LINE: usize = 0;
const CREDIT_NOTE_LINE: usize = 1;
const ALLOWANCE: usize = 2;

fn kind_of(local: &str) -> Option<usize> {
    match local {
        "InvoiceLine" => Some(INVOICE_LINE),
        "CreditNoteLine" => Some(CREDIT_NOTE_LINE),
        "AllowanceCharge" => Some(ALLOWANCE),
        _ => None,
    }
}

/// Reads a line (`cac:Item/cac:ClassifiedTaxCategory`, `cbc:LineExtensionAmount`) or an
/// allowance or charge (`cac:TaxCategory`, `cbc:Amount`, the indicators).
fn holder<'a>(doc: &'a Doc, n: NodeId, allowance: bool) -> Holder<'a> {
    if allowance {
        let categories = doc
            .children_in(n, NSID_CAC, "TaxCategory")
            .map(|c| Category::read(doc, c));
        return Holder {
            amount: decimal_of(doc, n, "Amount"),
            charge: charge_indicator_is(doc, n, true),
            allowance: charge_indicator_is(doc, n, false),
            ..Holder::new(categories)
        };
    }
    let categories = doc
        .children_in(n, NSID_CAC, "Item")
        .flat_map(|item| doc.children_in(item, NSID_CAC, "ClassifiedTaxCategory"))
        .map(|c| Category::read(doc, c));
    Holder {
        amount: decimal_of(doc, n, "LineExtensionAmount"),
        ..Holder::new(categories)
    }
}
