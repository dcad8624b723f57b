//! Which CIUS-RO rule (Schematron `<rule context=…>`) an element belongs to.
//!
//! All rules sit in ONE pattern, so the first matching rule in file order wins; the `match`
//! below lists the contexts in that order. Shadowed rules are kept as comments where they would be.

use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NSID_INVOICE, NodeId, NsId};
use crate::validation::full::en::kinds::{self, Kind, KindSet};
use crate::validation::full::xpath::boolean as as_boolean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// `cbc:IssueDate`, `cbc:TaxPointDate`, … : the date rule with this id.
    Date(&'static str),
    PriceAmount,
    InvoiceTypeCode,
    CreditNoteTypeCode,
    /// `/ubl:Invoice | /cn:CreditNote`.
    Root,
    /// `/ubl:Invoice/cac:TaxRepresentativeParty/cac:PostalAddress` (Invoice only).
    TaxRepresentativeAddress,
    PaymentMeans,
    /// `/ubl:Invoice/cac:Delivery/cac:DeliveryLocation/cac:Address` (Invoice only).
    DeliveryAddress,
    InvoicePeriodDescriptionCode,
    Line,
    ItemProperty,
    /// `/ubl:Invoice/cac:AllowanceCharge`, by charge indicator (Invoice only).
    DocAllowance,
    DocCharge,
    MonetaryTotal,
    TaxSubtotal,
    LineAllowance,
    LineCharge,
    Note,
    SupportingDocument,
    BillingReference,
}

/// The names an arm of [`context_of_kind`] tests: no element of another name matches a
/// context (most elements of an invoice skip the `match`).
const MAY_MATCH: KindSet = KindSet::of(&[
    kinds::CBC_ISSUE_DATE,
    kinds::CBC_TAX_POINT_DATE,
    kinds::CBC_DUE_DATE,
    kinds::CBC_PAYMENT_DUE_DATE,
    kinds::CBC_ACTUAL_DELIVERY_DATE,
    kinds::CBC_START_DATE,
    kinds::CBC_END_DATE,
    kinds::CBC_PRICE_AMOUNT,
    kinds::CBC_INVOICE_TYPE_CODE,
    kinds::CBC_CREDIT_NOTE_TYPE_CODE,
    kinds::CBC_DESCRIPTION_CODE,
    kinds::CBC_NOTE,
    kinds::INVOICE,
    kinds::CREDIT_NOTE,
    kinds::CAC_POSTAL_ADDRESS,
    kinds::CAC_PAYMENT_MEANS,
    kinds::CAC_ADDRESS,
    kinds::CAC_INVOICE_LINE,
    kinds::CAC_CREDIT_NOTE_LINE,
    kinds::CAC_ADDITIONAL_ITEM_PROPERTY,
    kinds::CAC_ALLOWANCE_CHARGE,
    kinds::CAC_LEGAL_MONETARY_TOTAL,
    kinds::CAC_TAX_SUBTOTAL,
    kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE,
    kinds::CAC_BILLING_REFERENCE,
]);

/// Whether an element of [`Kind`] `kind` may match a context: [`context_of_kind`] is `None` for
/// the others.
pub fn may_match(kind: Kind) -> bool {
    MAY_MATCH.has(kind)
}

/// The first rule context `id` matches, if any.
pub fn context_of(doc: &Doc, id: NodeId) -> Option<Context> {
    context_of_kind(doc, id, kinds::of(doc, id))
}

/// [`context_of`] for an element of [`Kind`] `kind` (its namespace and name, classified once per
/// document for the EN rules too): one integer stands for both.
pub fn context_of_kind(doc: &Doc, id: NodeId, kind: Kind) -> Option<Context> {
    let node = doc.node(id);
    let parent = node.parent;
    let parent_is = |ns: NsId, local: &str| parent.is_some_and(|p| doc.is_in(p, ns, local));
    let is_root_invoice = |n: Option<NodeId>| {
        n.is_some_and(|p| doc.node(p).parent.is_none() && doc.is_in(p, NSID_INVOICE, "Invoice"))
    };
    let charge_indicator = || {
        // `cbc:ChargeIndicator = false()`: any child whose value casts to that boolean;
        // (some false, some true).
        doc.children_in(id, NSID_CBC, "ChargeIndicator")
            .fold((false, false), |(f, t), c| {
                match as_boolean(&doc.value(c)) {
                    Some(false) => (true, t),
                    Some(true) => (f, true),
                    None => (f, t),
                }
            })
    };
    match kinds::name(kind) {
        kinds::CBC_ISSUE_DATE => Some(Context::Date("BR-RO-DT001")),
        kinds::CBC_TAX_POINT_DATE => Some(Context::Date("BR-RO-DT002")),
        kinds::CBC_DUE_DATE => Some(Context::Date("BR-RO-DT003")),
        kinds::CBC_PAYMENT_DUE_DATE => Some(Context::Date("BR-RO-DT003_CN")),
        kinds::CBC_ACTUAL_DELIVERY_DATE => Some(Context::Date("BR-RO-DT004")),
        kinds::CBC_START_DATE => Some(Context::Date("BR-RO-DT005")),
        kinds::CBC_END_DATE => Some(Context::Date("BR-RO-DT006")),
        kinds::CBC_PRICE_AMOUNT => Some(Context::PriceAmount),
        kinds::CBC_INVOICE_TYPE_CODE => Some(Context::InvoiceTypeCode),
        kinds::CBC_CREDIT_NOTE_TYPE_CODE => Some(Context::CreditNoteTypeCode),
        kinds::CBC_DESCRIPTION_CODE if parent_is(NSID_CAC, "InvoicePeriod") => {
            Some(Context::InvoicePeriodDescriptionCode)
        }
        kinds::CBC_NOTE => Some(Context::Note),
        kinds::INVOICE | kinds::CREDIT_NOTE if parent.is_none() => Some(Context::Root),
        kinds::CAC_POSTAL_ADDRESS
            if parent_is(NSID_CAC, "TaxRepresentativeParty")
                && is_root_invoice(parent.and_then(|p| doc.parent(p))) =>
        {
            Some(Context::TaxRepresentativeAddress)
        }
        kinds::CAC_PAYMENT_MEANS => Some(Context::PaymentMeans),
        kinds::CAC_ADDRESS if parent_is(NSID_CAC, "DeliveryLocation") => {
            let delivery = parent.and_then(|p| doc.parent(p));
            let is_delivery = delivery.is_some_and(|d| doc.is_in(d, NSID_CAC, "Delivery"));
            (is_delivery && is_root_invoice(delivery.and_then(|d| doc.parent(d))))
                .then_some(Context::DeliveryAddress)
        }
        // The second `cac:InvoiceLine | cac:CreditNoteLine` rule (BR-DEC-RO-23) is shadowed.
        kinds::CAC_INVOICE_LINE | kinds::CAC_CREDIT_NOTE_LINE => Some(Context::Line),
        kinds::CAC_ADDITIONAL_ITEM_PROPERTY if parent_is(NSID_CAC, "Item") => {
            Some(Context::ItemProperty)
        }
        kinds::CAC_ALLOWANCE_CHARGE if is_root_invoice(parent) => match charge_indicator() {
            (true, _) => Some(Context::DocAllowance),
            (false, true) => Some(Context::DocCharge),
            _ => None,
        },
        kinds::CAC_LEGAL_MONETARY_TOTAL => Some(Context::MonetaryTotal),
        // `/ubl:Invoice | cac:CreditNote` (BR-DEC-RO-13/15) would come here: the root is
        // already taken by `Context::Root`, and for a `cac:CreditNote` element both tests
        // are vacuously true, so it can never fire.
        kinds::CAC_TAX_SUBTOTAL if parent_is(NSID_CAC, "TaxTotal") => Some(Context::TaxSubtotal),
        kinds::CAC_ALLOWANCE_CHARGE
            if parent_is(NSID_CAC, "InvoiceLine") || parent_is(NSID_CAC, "CreditNoteLine") =>
        {
            match charge_indicator() {
                (true, _) => Some(Context::LineAllowance),
                (false, true) => Some(Context::LineCharge),
                _ => None,
            }
        }
        kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE => Some(Context::SupportingDocument),
        kinds::CAC_BILLING_REFERENCE => Some(Context::BillingReference),
        // `/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal` (BR-RO-L1019) is shadowed above.
        _ => None,
    }
}
