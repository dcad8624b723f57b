//! Each element's (namespace, local name) as one small integer, worked out once per document.
//!
//! The three patterns (and the CIUS-RO rules) dispatch every element on its name: comparing
//! strings in each of them for every node cost more than their rules. [`classify`] matches each
//! element's name once, against the names any EN or CIUS-RO rule context or dispatch step tests,
//! and the patterns then switch on the integer. A name that no dispatch tests gets [`NONE`].
//!
//! Layout of a [`Kind`]: the low byte names the element (a `cbc` name, a `cac` name, or the
//! document element in its own namespace); two high bits carry the name-suffix contexts of the
//! syntax pattern, which hold in any namespace.

use std::sync::atomic::{AtomicU16, Ordering};

use crate::validation::full::doc::{
    Doc, NSID_CAC, NSID_CBC, NSID_CREDIT_NOTE, NSID_INVOICE, NodeId, NsId,
};

/// The class of an element's name; see the module documentation.
pub type Kind = u16;

/// No EN dispatch tests this name (the suffix bits may still be set).
pub const NONE: Kind = 0;

/// The local name ends in `Amount` but not in `PriceAmount` (any namespace).
pub const AMOUNT: Kind = 1 << 14;
/// The local name ends in `BinaryObject` (any namespace).
pub const BINARY_OBJECT: Kind = 1 << 15;

/// The name part of `kind`, without the suffix bits.
#[inline]
pub fn name(kind: Kind) -> Kind {
    kind & 0xff
}

// The document elements.
pub const INVOICE: Kind = 1;
pub const CREDIT_NOTE: Kind = 2;

// `cbc` names.
pub const CBC_ID: Kind = 10;
pub const CBC_INVOICE_TYPE_CODE: Kind = 11;
pub const CBC_CREDIT_NOTE_TYPE_CODE: Kind = 12;
pub const CBC_DOCUMENT_CURRENCY_CODE: Kind = 13;
pub const CBC_TAX_CURRENCY_CODE: Kind = 14;
pub const CBC_DESCRIPTION_CODE: Kind = 15;
pub const CBC_COMPANY_ID: Kind = 16;
pub const CBC_ITEM_CLASSIFICATION_CODE: Kind = 17;
pub const CBC_IDENTIFICATION_CODE: Kind = 18;
pub const CBC_PAYMENT_MEANS_CODE: Kind = 19;
pub const CBC_ALLOWANCE_CHARGE_REASON_CODE: Kind = 20;
pub const CBC_TAX_EXEMPTION_REASON_CODE: Kind = 21;
pub const CBC_EMBEDDED_DOCUMENT_BINARY_OBJECT: Kind = 22;
pub const CBC_ENDPOINT_ID: Kind = 23;
pub const CBC_PAYABLE_AMOUNT: Kind = 24;
pub const CBC_NOTE: Kind = 25;
pub const CBC_TAX_AMOUNT: Kind = 26;
pub const CBC_DOCUMENT_DESCRIPTION: Kind = 27;
pub const CBC_PAYMENT_ID: Kind = 28;
pub const CBC_ALLOWANCE_CHARGE_REASON: Kind = 29;
pub const CBC_MULTIPLIER_FACTOR_NUMERIC: Kind = 30;
pub const CBC_NETWORK_ID: Kind = 31;
pub const CBC_PRIMARY_ACCOUNT_NUMBER: Kind = 32;

// `cac` names.
pub const CAC_ADDITIONAL_DOCUMENT_REFERENCE: Kind = 40;
pub const CAC_POSTAL_ADDRESS: Kind = 41;
pub const CAC_CARD_ACCOUNT: Kind = 42;
pub const CAC_ADDRESS: Kind = 43;
pub const CAC_ALLOWANCE_CHARGE: Kind = 44;
pub const CAC_LEGAL_MONETARY_TOTAL: Kind = 45;
pub const CAC_INVOICE_LINE: Kind = 46;
pub const CAC_CREDIT_NOTE_LINE: Kind = 47;
pub const CAC_INVOICE_PERIOD: Kind = 48;
pub const CAC_ADDITIONAL_ITEM_PROPERTY: Kind = 49;
pub const CAC_PAYEE_PARTY: Kind = 50;
pub const CAC_PAYEE_FINANCIAL_ACCOUNT: Kind = 51;
pub const CAC_PAYMENT_MEANS: Kind = 52;
pub const CAC_BILLING_REFERENCE: Kind = 53;
pub const CAC_ACCOUNTING_SUPPLIER_PARTY: Kind = 54;
pub const CAC_TAX_REPRESENTATIVE_PARTY: Kind = 55;
pub const CAC_TAX_TOTAL: Kind = 56;
pub const CAC_TAX_SUBTOTAL: Kind = 57;
pub const CAC_PARTY_TAX_SCHEME: Kind = 58;
pub const CAC_TAX_CATEGORY: Kind = 59;
pub const CAC_CLASSIFIED_TAX_CATEGORY: Kind = 60;
pub const CAC_PARTY: Kind = 61;
pub const CAC_DELIVERY: Kind = 62;
pub const CAC_DOCUMENT_REFERENCE: Kind = 63;
pub const CAC_PARTY_IDENTIFICATION: Kind = 64;
pub const CAC_STANDARD_ITEM_IDENTIFICATION: Kind = 65;
pub const CAC_DELIVERY_LOCATION: Kind = 66;
pub const CAC_PARTY_LEGAL_ENTITY: Kind = 67;
pub const CAC_COMMODITY_CLASSIFICATION: Kind = 68;
pub const CAC_COUNTRY: Kind = 69;
pub const CAC_ORIGIN_COUNTRY: Kind = 70;
pub const CAC_ATTACHMENT: Kind = 71;
pub const CAC_FINANCIAL_INSTITUTION: Kind = 72;
pub const CAC_PAYER_FINANCIAL_ACCOUNT: Kind = 73;

// `cbc` names only the CIUS-RO contexts test (the CIUS-RO rules switch on the same kinds).
pub const CBC_ISSUE_DATE: Kind = 80;
pub const CBC_TAX_POINT_DATE: Kind = 81;
pub const CBC_DUE_DATE: Kind = 82;
pub const CBC_PAYMENT_DUE_DATE: Kind = 83;
pub const CBC_ACTUAL_DELIVERY_DATE: Kind = 84;
pub const CBC_START_DATE: Kind = 85;
pub const CBC_END_DATE: Kind = 86;
pub const CBC_PRICE_AMOUNT: Kind = 87;

/// A set of kind names as a table, for a dispatch to skip in one load the elements that no arm of
/// its `match` names (most elements of an invoice): one flag per possible [`name`] (the low byte).
pub(crate) struct KindSet([bool; 256]);

impl KindSet {
    /// The set of `names` (each a [`name`]).
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
            .get(usize::from(name(kind)))
            .copied()
            .unwrap_or(false)
    }
}

/// The kind of every element of `doc`, indexed by [`NodeId`].
pub fn classify(doc: &Doc) -> Vec<Kind> {
    (0..doc.nodes.len()).map(|node| of(doc, node)).collect()
}

/// The kind of element `node`: by its declaration id when it has one (nearly every element of
/// an invoice), else by its name.
#[inline]
pub fn of(doc: &Doc, node: NodeId) -> Kind {
    let by_name = || kind_of(doc.ns_id(node), doc.node(node).local.as_str());
    match doc.decl(node).and_then(|d| DECLARED.get(usize::from(d))) {
        Some(memo) => match memo.load(Ordering::Relaxed) {
            UNKNOWN => {
                let kind = by_name();
                memo.store(kind, Ordering::Relaxed);
                kind
            }
            kind => kind,
        },
        None => by_name(),
    }
}

/// The kind of each declaration id, worked out the first time an element of it shows up in
/// the process: then every element is classified by one load instead of a string `match`
/// (whose branches and jumps mispredicted for every element). A declaration id stands for one
/// (namespace, local name), and [`kind_of`] gives the same kind to every namespace the
/// validator's table numbers beyond the well-known ones, so the first element's name serves
/// all. Ids past the table (UBL 2.1 declares about 1 700 elements) are matched by name.
static DECLARED: [AtomicU16; 4096] = [const { AtomicU16::new(UNKNOWN) }; 4096];

/// A [`DECLARED`] entry not worked out yet: no kind has both suffix bits.
const UNKNOWN: Kind = Kind::MAX;

/// The kind of an element named `local` in namespace `ns`.
pub fn kind_of(ns: NsId, local: &str) -> Kind {
    let named = match ns {
        NSID_CBC => cbc(local),
        NSID_CAC => cac(local),
        NSID_INVOICE if local == "Invoice" => INVOICE,
        NSID_CREDIT_NOTE if local == "CreditNote" => CREDIT_NOTE,
        _ => NONE,
    };
    named | suffixes(local)
}

/// The suffix bits of `local`.
fn suffixes(local: &str) -> Kind {
    if local.ends_with("Amount") && !local.ends_with("PriceAmount") {
        AMOUNT
    } else if local.ends_with("BinaryObject") {
        BINARY_OBJECT
    } else {
        NONE
    }
}

fn cbc(local: &str) -> Kind {
    match local {
        "ID" => CBC_ID,
        "InvoiceTypeCode" => CBC_INVOICE_TYPE_CODE,
        "CreditNoteTypeCode" => CBC_CREDIT_NOTE_TYPE_CODE,
        "DocumentCurrencyCode" => CBC_DOCUMENT_CURRENCY_CODE,
        "TaxCurrencyCode" => CBC_TAX_CURRENCY_CODE,
        "DescriptionCode" => CBC_DESCRIPTION_CODE,
        "CompanyID" => CBC_COMPANY_ID,
        "ItemClassificationCode" => CBC_ITEM_CLASSIFICATION_CODE,
        "IdentificationCode" => CBC_IDENTIFICATION_CODE,
        "PaymentMeansCode" => CBC_PAYMENT_MEANS_CODE,
        "AllowanceChargeReasonCode" => CBC_ALLOWANCE_CHARGE_REASON_CODE,
        "TaxExemptionReasonCode" => CBC_TAX_EXEMPTION_REASON_CODE,
        "EmbeddedDocumentBinaryObject" => CBC_EMBEDDED_DOCUMENT_BINARY_OBJECT,
        "EndpointID" => CBC_ENDPOINT_ID,
        "PayableAmount" => CBC_PAYABLE_AMOUNT,
        "Note" => CBC_NOTE,
        "TaxAmount" => CBC_TAX_AMOUNT,
        "DocumentDescription" => CBC_DOCUMENT_DESCRIPTION,
        "PaymentID" => CBC_PAYMENT_ID,
        "AllowanceChargeReason" => CBC_ALLOWANCE_CHARGE_REASON,
        "MultiplierFactorNumeric" => CBC_MULTIPLIER_FACTOR_NUMERIC,
        "NetworkID" => CBC_NETWORK_ID,
        "PrimaryAccountNumber" => CBC_PRIMARY_ACCOUNT_NUMBER,
        "IssueDate" => CBC_ISSUE_DATE,
        "TaxPointDate" => CBC_TAX_POINT_DATE,
        "DueDate" => CBC_DUE_DATE,
        "PaymentDueDate" => CBC_PAYMENT_DUE_DATE,
        "ActualDeliveryDate" => CBC_ACTUAL_DELIVERY_DATE,
        "StartDate" => CBC_START_DATE,
        "EndDate" => CBC_END_DATE,
        "PriceAmount" => CBC_PRICE_AMOUNT,
        _ => NONE,
    }
}

fn cac(local: &str) -> Kind {
    match local {
        "AdditionalDocumentReference" => CAC_ADDITIONAL_DOCUMENT_REFERENCE,
        "PostalAddress" => CAC_POSTAL_ADDRESS,
        "CardAccount" => CAC_CARD_ACCOUNT,
        "Address" => CAC_ADDRESS,
        "AllowanceCharge" => CAC_ALLOWANCE_CHARGE,
        "LegalMonetaryTotal" => CAC_LEGAL_MONETARY_TOTAL,
        "InvoiceLine" => CAC_INVOICE_LINE,
        "CreditNoteLine" => CAC_CREDIT_NOTE_LINE,
        "InvoicePeriod" => CAC_INVOICE_PERIOD,
        "AdditionalItemProperty" => CAC_ADDITIONAL_ITEM_PROPERTY,
        "PayeeParty" => CAC_PAYEE_PARTY,
        "PayeeFinancialAccount" => CAC_PAYEE_FINANCIAL_ACCOUNT,
        "PaymentMeans" => CAC_PAYMENT_MEANS,
        "BillingReference" => CAC_BILLING_REFERENCE,
        "AccountingSupplierParty" => CAC_ACCOUNTING_SUPPLIER_PARTY,
        "TaxRepresentativeParty" => CAC_TAX_REPRESENTATIVE_PARTY,
        "TaxTotal" => CAC_TAX_TOTAL,
        "TaxSubtotal" => CAC_TAX_SUBTOTAL,
        "PartyTaxScheme" => CAC_PARTY_TAX_SCHEME,
        "TaxCategory" => CAC_TAX_CATEGORY,
        "ClassifiedTaxCategory" => CAC_CLASSIFIED_TAX_CATEGORY,
        "Party" => CAC_PARTY,
        "Delivery" => CAC_DELIVERY,
        "DocumentReference" => CAC_DOCUMENT_REFERENCE,
        "PartyIdentification" => CAC_PARTY_IDENTIFICATION,
        "StandardItemIdentification" => CAC_STANDARD_ITEM_IDENTIFICATION,
        "DeliveryLocation" => CAC_DELIVERY_LOCATION,
        "PartyLegalEntity" => CAC_PARTY_LEGAL_ENTITY,
        "CommodityClassification" => CAC_COMMODITY_CLASSIFICATION,
        "Country" => CAC_COUNTRY,
        "OriginCountry" => CAC_ORIGIN_COUNTRY,
        "Attachment" => CAC_ATTACHMENT,
        "FinancialInstitution" => CAC_FINANCIAL_INSTITUTION,
        "PayerFinancialAccount" => CAC_PAYER_FINANCIAL_ACCOUNT,
        _ => NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_its_names_whatever_the_suffix_bits() {
        const SET: KindSet = KindSet::of(&[CBC_NOTE, CAC_TAX_TOTAL]);
        assert!(SET.has(CBC_NOTE));
        assert!(SET.has(CAC_TAX_TOTAL | AMOUNT));
        assert!(!SET.has(NONE));
        assert!(!SET.has(CBC_ID));
    }

    #[test]
    fn names_are_told_apart_by_namespace_and_suffix() {
        assert_eq!(kind_of(NSID_CBC, "ID"), CBC_ID);
        assert_eq!(kind_of(NSID_CAC, "ID"), NONE);
        assert_eq!(kind_of(NSID_INVOICE, "Invoice"), INVOICE);
        assert_eq!(kind_of(NSID_CBC, "Invoice"), NONE);
        assert_eq!(kind_of(NSID_CBC, "LineExtensionAmount"), AMOUNT);
        assert_eq!(kind_of(NSID_CBC, "TaxAmount"), CBC_TAX_AMOUNT | AMOUNT);
        assert_eq!(kind_of(NSID_CBC, "PriceAmount"), CBC_PRICE_AMOUNT);
        assert_eq!(kind_of(NSID_CAC, "PriceAmount"), NONE);
        assert_eq!(
            kind_of(NSID_CBC, "PayableAmount"),
            CBC_PAYABLE_AMOUNT | AMOUNT
        );
        assert_eq!(
            kind_of(NSID_CBC, "EmbeddedDocumentBinaryObject"),
            CBC_EMBEDDED_DOCUMENT_BINARY_OBJECT | BINARY_OBJECT
        );
        assert_eq!(kind_of(99, "XBinaryObject"), BINARY_OBJECT);
        assert_eq!(name(CBC_PAYABLE_AMOUNT | AMOUNT), CBC_PAYABLE_AMOUNT);
    }
}
