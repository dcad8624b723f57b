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
    use crate::validation::Limits;
    use crate::validation::full::doc::Doc;
    use crate::validation::full::en::model::{self, routes};
    use crate::validation::full::ro;
    use std::collections::BTreeSet;

    /// An invoice and a credit note with an element in every rule context of the `UBL-model`
    /// pattern and of the CIUS-RO rules (the guards of their arms: parents, ancestors, the
    /// payment means code, the charge indicators).
    fn every_context() -> [Doc; 2] {
        let head = "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
            xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\"";
        let party = |role: &str| {
            format!(
                "<cac:{role}><cac:Party><cbc:EndpointID/><cac:PostalAddress/>\
                 <cac:PartyTaxScheme><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\
                 </cac:Party></cac:{role}>"
            )
        };
        let charges = "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator></cac:AllowanceCharge>\
            <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator></cac:AllowanceCharge>";
        let line = |name: &str| {
            format!(
                "<cac:{name}><cbc:Note/><cac:InvoicePeriod/>{charges}<cac:Item>\
                 <cac:StandardItemIdentification><cbc:ID/></cac:StandardItemIdentification>\
                 <cac:CommodityClassification><cbc:ItemClassificationCode/></cac:CommodityClassification>\
                 <cac:ClassifiedTaxCategory/><cac:AdditionalItemProperty/></cac:Item>\
                 <cac:Price><cbc:PriceAmount/>{charges}</cac:Price></cac:{name}>"
            )
        };
        let body = |type_code: &str, line_name: &str| {
            format!(
                "<cbc:IssueDate/><cbc:DueDate/><cbc:{type_code}/><cbc:Note/><cbc:TaxPointDate/>\
                 <cac:InvoicePeriod><cbc:StartDate/><cbc:EndDate/><cbc:DescriptionCode/></cac:InvoicePeriod>\
                 <cac:BillingReference/><cac:AdditionalDocumentReference/>{}{}\
                 <cac:PayeeParty/><cac:TaxRepresentativeParty><cac:PostalAddress/></cac:TaxRepresentativeParty>\
                 <cac:Delivery><cbc:ActualDeliveryDate/><cac:DeliveryLocation><cac:Address/></cac:DeliveryLocation></cac:Delivery>\
                 <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate/>\
                 <cac:CardAccount/><cac:PayeeFinancialAccount/></cac:PaymentMeans>{charges}\
                 <cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory/></cac:TaxSubtotal></cac:TaxTotal>\
                 <cac:LegalMonetaryTotal><cbc:PayableAmount/></cac:LegalMonetaryTotal>{}",
                party("AccountingSupplierParty"),
                party("AccountingCustomerParty"),
                line(line_name),
            )
        };
        let parse = |xml: String| Doc::parse(xml.as_bytes(), &Limits::default());
        let ubl = "urn:oasis:names:specification:ubl:schema:xsd";
        [
            parse(format!(
                "<Invoice xmlns=\"{ubl}:Invoice-2\" {head}>{}</Invoice>",
                body("InvoiceTypeCode", "InvoiceLine")
            )),
            parse(format!(
                "<CreditNote xmlns=\"{ubl}:CreditNote-2\" {head}>{}</CreditNote>",
                body("CreditNoteTypeCode", "CreditNoteLine")
            )),
        ]
        .map(|doc| doc.expect("the sample parses"))
    }

    /// The gates of the model and CIUS-RO dispatches are lists written by hand next to the
    /// `match`es they stand for: an arm whose name is missing from its list would never be
    /// reached. Every name is tried at every node of [`every_context`] (so the arms' guards see
    /// real shapes), under every parent name.
    #[test]
    fn the_dispatch_gates_hold_every_name_that_has_a_context() {
        let docs = every_context();
        let mut model_seen = BTreeSet::new();
        let mut ro_seen = BTreeSet::new();
        for doc in &docs {
            for node in 0..doc.node_count() {
                model_seen.extend(model::context_of(doc, node).map(|c| c as usize));
                ro_seen.extend(ro::context_of(doc, node).map(|c| format!("{c:?}")));
                for name in 0..=255 {
                    let ro_context = ro::context_of_kind(doc, node, name);
                    assert!(
                        ro_context.is_none() || ro::may_match(name),
                        "CIUS-RO: {ro_context:?} for kind name {name} at {}",
                        doc.local(node)
                    );
                    for parent in 0..=255 {
                        let context = model::context_of_kind(doc, node, name, parent);
                        assert!(
                            context.is_none() || model::MAY_MATCH.has(name),
                            "UBL-model: {context:?} for kind name {name} (parent {parent}) at {}",
                            doc.local(node)
                        );
                    }
                }
            }
        }
        // The sample reaches every context, or the test above proves little.
        assert_eq!(
            model_seen.len(),
            routes::ALL_CONTEXTS.len(),
            "{model_seen:?}"
        );
        // CIUS-RO: 20 contexts, of which `Date` with seven rule ids.
        assert_eq!(ro_seen.len(), 19 + 7, "{ro_seen:?}");
    }

    #[test]
    fn a_set_holds_its_names_whatever_the_suffix_bits() {
        const SET: KindSet = KindSet::of(&[kinds::CBC_NOTE, kinds::CAC_TAX_TOTAL]);
        assert!(SET.has(kinds::CBC_NOTE));
        assert!(SET.has(kinds::CAC_TAX_TOTAL | kinds::AMOUNT));
        assert!(!SET.has(kinds::NONE));
        assert!(!SET.has(kinds::CBC_ID));
    }
}
