//! What more than one rule reads once per document.

use std::cell::OnceCell;

use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NodeId};
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
    fn of(doc: &Doc, n: NodeId) -> Option<Anywhere> {
        let (kind, ns) = match doc.local(n) {
            "TaxCategory" => (Anywhere::TaxCategory, NSID_CAC),
            "ClassifiedTaxCategory" => (Anywhere::ClassifiedTaxCategory, NSID_CAC),
            "InvoiceLine" => (Anywhere::InvoiceLine, NSID_CAC),
            "CreditNoteLine" => (Anywhere::CreditNoteLine, NSID_CAC),
            "TaxAmount" => (Anywhere::TaxAmount, NSID_CBC),
            "IdentificationCode" => (Anywhere::IdentificationCode, NSID_CBC),
            "PartyTaxScheme" => (Anywhere::PartyTaxScheme, NSID_CAC),
            "PartyLegalEntity" => (Anywhere::PartyLegalEntity, NSID_CAC),
            _ => return None,
        };
        (doc.ns_id(n) == ns).then_some(kind)
    }
}

/// Built for one document and handed to every node's checks. Each part is made on first use.
pub struct Shared<'a> {
    doc: &'a Doc,
    root_children: OnceCell<ChildIndex<'a>>,
    anywhere: OnceCell<[Vec<NodeId>; KINDS]>,
}

impl<'a> Shared<'a> {
    pub fn new(doc: &'a Doc) -> Shared<'a> {
        Shared {
            doc,
            root_children: OnceCell::new(),
            anywhere: OnceCell::new(),
        }
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
            let doc = self.doc;
            let mut lists: [Vec<NodeId>; KINDS] = Default::default();
            for n in 0..doc.node_count() {
                if let Some(list) = Anywhere::of(doc, n).and_then(|k| lists.get_mut(k as usize)) {
                    list.push(n);
                }
            }
            lists
        });
        lists.get(kind as usize).map_or(&[], |l| l)
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
