//! What more than one rule reads once per document.

use std::cell::OnceCell;

use super::kinds::{self, Kind};
use crate::validation::full::doc::{Doc, NodeId};
use crate::validation::full::query::ChildIndex;

/// The element names some rule selects anywhere in the document (`//cac:TaxCategory`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anywhere {
    /// `cac:TaxCategory`.
    TaxCategory,
    /// `cac:ClassifiedTaxCategory`.
    ClassifiedTaxCategory,
    /// `cac:InvoiceLine`.
    InvoiceLine,
    /// `cac:CreditNoteLine`.
    CreditNoteLine,
    /// `cbc:TaxAmount`.
    TaxAmount,
    /// `cbc:IdentificationCode`.
    IdentificationCode,
    /// `cac:PartyTaxScheme`.
    PartyTaxScheme,
    /// `cac:PartyLegalEntity`.
    PartyLegalEntity,
}

const KINDS: usize = 8;

impl Anywhere {
    /// The list an element of [`Kind`] `kind` belongs to.
    fn of(kind: Kind) -> Option<Anywhere> {
        BY_NAME
            .get(usize::from(kinds::name(kind)))
            .copied()
            .flatten()
    }
}

/// [`Anywhere::of`] by the name part of the kind: an array read per element (twice per
/// document), not a `match` whose jump mispredicted.
const BY_NAME: [Option<Anywhere>; 256] = {
    let mut lists = [None; 256];
    lists[kinds::CAC_TAX_CATEGORY as usize] = Some(Anywhere::TaxCategory);
    lists[kinds::CAC_CLASSIFIED_TAX_CATEGORY as usize] = Some(Anywhere::ClassifiedTaxCategory);
    lists[kinds::CAC_INVOICE_LINE as usize] = Some(Anywhere::InvoiceLine);
    lists[kinds::CAC_CREDIT_NOTE_LINE as usize] = Some(Anywhere::CreditNoteLine);
    lists[kinds::CBC_TAX_AMOUNT as usize] = Some(Anywhere::TaxAmount);
    lists[kinds::CBC_IDENTIFICATION_CODE as usize] = Some(Anywhere::IdentificationCode);
    lists[kinds::CAC_PARTY_TAX_SCHEME as usize] = Some(Anywhere::PartyTaxScheme);
    lists[kinds::CAC_PARTY_LEGAL_ENTITY as usize] = Some(Anywhere::PartyLegalEntity);
    lists
};

/// Built for one document and handed to every node's checks. Each part is made on first use.
pub struct Shared<'a> {
    doc: &'a Doc,
    kinds: OnceCell<Vec<Kind>>,
    root_children: OnceCell<ChildIndex<'a>>,
    anywhere: OnceCell<Lists>,
}

/// The [`Anywhere`] lists in one buffer: list `k` is `nodes[starts[k]..starts[k + 1]]`.
struct Lists {
    nodes: Vec<NodeId>,
    starts: [usize; KINDS + 1],
}

impl<'a> Shared<'a> {
    pub fn new(doc: &'a Doc) -> Shared<'a> {
        Shared {
            doc,
            kinds: OnceCell::new(),
            root_children: OnceCell::new(),
            anywhere: OnceCell::new(),
        }
    }

    /// The [`Kind`] of every element, indexed by [`NodeId`]: the names are matched once, and
    /// the patterns and the lists below switch on the integers.
    pub fn kinds(&self) -> &[Kind] {
        self.kinds.get_or_init(|| kinds::classify(self.doc))
    }

    /// The root's children grouped by name: the model's document rule and the syntax
    /// pattern's document walk both look paths up from the root.
    pub fn root_children(&self) -> &ChildIndex<'a> {
        self.root_children
            .get_or_init(|| ChildIndex::new(self.doc, self.doc.root()))
    }

    /// Every element named `kind`, at any depth, in document order: one walk over the document
    /// for all the rules that select such elements anywhere, instead of one walk each.
    pub fn anywhere(&self, kind: Anywhere) -> &[NodeId] {
        let lists = self.anywhere.get_or_init(|| {
            let kinds = self.kinds();
            // Counted first, then placed: one allocation for all the lists, not a growing
            // `Vec` each (their reallocations and frees cost more than the walk).
            let mut starts = [0; KINDS + 1];
            for &kind in kinds {
                if let Some(count) = Anywhere::of(kind).and_then(|k| starts.get_mut(k as usize + 1))
                {
                    *count += 1;
                }
            }
            let mut total = 0;
            for start in &mut starts {
                total += *start;
                *start = total;
            }
            let mut nodes = vec![0; total];
            let mut next = starts;
            for (n, &kind) in kinds.iter().enumerate() {
                if let Some(at) = Anywhere::of(kind).and_then(|k| next.get_mut(k as usize)) {
                    if let Some(slot) = nodes.get_mut(*at) {
                        *slot = n;
                    }
                    *at += 1;
                }
            }
            Lists { nodes, starts }
        });
        let k = kind as usize;
        match (lists.starts.get(k), lists.starts.get(k + 1)) {
            (Some(&start), Some(&end)) => lists.nodes.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;

    #[test]
    fn anywhere_lists_the_elements_of_each_name_in_document_order() {
        let xml = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory/></cac:Item></cac:InvoiceLine><cbc:TaxCategory/><cac:TaxTotal><cbc:TaxAmount/><cac:TaxSubtotal><cac:TaxCategory/></cac:TaxSubtotal></cac:TaxTotal><cac:InvoiceLine/></Invoice>"#;
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let shared = Shared::new(&doc);
        let names = |kind| shared.anywhere(kind).to_vec();
        let lines = names(Anywhere::InvoiceLine);
        assert_eq!(lines.len(), 2);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
        // `cbc:TaxCategory` is another name.
        assert_eq!(names(Anywhere::TaxCategory).len(), 1);
        assert_eq!(names(Anywhere::ClassifiedTaxCategory).len(), 1);
        assert_eq!(names(Anywhere::TaxAmount).len(), 1);
        assert!(names(Anywhere::CreditNoteLine).is_empty());
        for (i, kind) in [
            Anywhere::TaxCategory,
            Anywhere::ClassifiedTaxCategory,
            Anywhere::InvoiceLine,
            Anywhere::CreditNoteLine,
            Anywhere::TaxAmount,
            Anywhere::IdentificationCode,
            Anywhere::PartyTaxScheme,
            Anywhere::PartyLegalEntity,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(kind as usize, i);
        }
    }
}
