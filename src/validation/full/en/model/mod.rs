//! Pattern `UBL-model` (`abstract/EN16931-model.sch` bound by `UBL/EN16931-UBL-model.sch`):
//! 67 rule contexts, 203 asserts (BR-27 is commented out by ANAF).
//!
//! The official XSLT turns each rule into a template of descending priority (1066 for the first
//! rule, 1000 for the last), so a node is checked by the FIRST rule, in .sch order, whose match
//! pattern it satisfies; all its asserts then run. [`context_of`] reproduces the 31 non-VAT match
//! patterns in that order; the 36 VAT category contexts come last and only match
//! `cac:TaxCategory` / `cac:ClassifiedTaxCategory`, which no earlier context matches, so they
//! are left to [`vat::check_node`].
//!
//! Match-pattern facts the dispatch follows: `cac:A/cac:B` matches such a B at any depth;
//! `/ubl:Invoice/…` only under an Invoice root (namespace `…:Invoice-2`), `/cn:CreditNote/…`
//! only under a CreditNote root; `$Amount_due` is Invoice-only. `cbc:ChargeIndicator = false()`
//! casts the untyped value to `xs:boolean`; a value that does not cast makes Saxon treat the
//! pattern as not matching.
//!
//! Who writes what: BR-nn, BR-B and BR-CL-08 are in [`business`]; BR-CO-* and BR-DEC-* in
//! [`totals`]; the VAT category contexts in [`vat`]; the document-level VAT category asserts
//! (BR-S-01..04, BR-O-11..14, BR-IC-11/12, …; context `$Invoice`) in [`document_vat`].

pub mod business;
mod dates;
pub mod document_vat;
mod line;
#[rustfmt::skip]
mod lists;
pub mod nodes;
mod routes;
pub mod totals;
pub mod vat;

use std::cell::OnceCell;

use super::kinds::{self, Kind, KindSet};
use super::{Hit, Shared};
use crate::validation::full::doc::{Doc, NSID_CAC, NSID_CBC, NSID_INVOICE, NodeId};
use nodes::{ancestors_are, charge_indicators, is_line};
use routes::{Route, routes};

/// The non-VAT rule contexts of the pattern, in .sch (priority) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// `cac:AdditionalDocumentReference` (BR-52).
    SupportingDocument,
    /// `/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount` (BR-CO-25; Invoice only).
    AmountDue,
    /// `cac:AccountingCustomerParty/cac:Party/cbc:EndpointID` (BR-63).
    BuyerEndpoint,
    /// `cac:AccountingCustomerParty/cac:Party/cac:PostalAddress` (BR-11).
    BuyerAddress,
    /// `cac:PaymentMeans/cac:CardAccount` (BR-51).
    CardAccount,
    /// `cac:Delivery/cac:DeliveryLocation/cac:Address` (BR-57).
    DeliverToAddress,
    /// `/ubl:Invoice/cac:AllowanceCharge[cbc:ChargeIndicator = false()] | /cn:CreditNote/…`.
    DocumentAllowance,
    /// `/ubl:Invoice/cac:AllowanceCharge[cbc:ChargeIndicator = true()] | /cn:CreditNote/…`.
    DocumentCharge,
    /// `cac:LegalMonetaryTotal` (anywhere).
    DocumentTotals,
    /// `/ubl:Invoice | /cn:CreditNote`.
    Document,
    /// `cac:InvoiceLine | cac:CreditNoteLine`.
    Line,
    /// `//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = false()] | //cac:CreditNoteLine/…`.
    LineAllowance,
    /// `//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = true()] | //cac:CreditNoteLine/…`.
    LineCharge,
    /// `cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod`.
    LinePeriod,
    /// `cac:InvoicePeriod` (any other).
    InvoicePeriod,
    /// `//cac:AdditionalItemProperty`.
    ItemAttribute,
    /// `cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode | …`.
    ItemClassification,
    /// `cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID | …`.
    ItemStandardId,
    /// `/ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note`.
    Note,
    /// `cac:PayeeParty`.
    Payee,
    /// `cac:PaymentMeans[cbc:PaymentMeansCode='30' or cbc:PaymentMeansCode='58']/cac:PayeeFinancialAccount`.
    PayeeAccount,
    /// `cac:PaymentMeans`.
    PaymentMeans,
    /// `cac:BillingReference`.
    PrecedingInvoice,
    /// `cac:AccountingSupplierParty`.
    Seller,
    /// `cac:AccountingSupplierParty/cac:Party/cbc:EndpointID` (BR-62).
    SellerEndpoint,
    /// `cac:AccountingSupplierParty/cac:Party/cac:PostalAddress` (BR-09).
    SellerAddress,
    /// `cac:TaxRepresentativeParty`.
    TaxRepresentative,
    /// `cac:TaxRepresentativeParty/cac:PostalAddress` (BR-20).
    TaxRepresentativeAddress,
    /// `/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal`.
    TaxTotal,
    /// `cac:TaxTotal/cac:TaxSubtotal` (any depth).
    VatBreakdown,
    /// `//cac:PartyTaxScheme[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`.
    VatIdentifier,
}

/// The asserts of each context, in .sch order. BR-CO-* / BR-DEC-* go to [`totals::holds`], the
/// VAT category ids of the document context to [`document_vat::check_document`], the rest to
/// [`business::holds`].
pub fn asserts(context: Context) -> &'static [&'static str] {
    use Context::*;
    match context {
        SupportingDocument => &["BR-52"],
        AmountDue => &["BR-CO-25"],
        BuyerEndpoint => &["BR-63"],
        BuyerAddress => &["BR-11"],
        CardAccount => &["BR-51"],
        DeliverToAddress => &["BR-57"],
        DocumentAllowance => &[
            "BR-31",
            "BR-32",
            "BR-33",
            "BR-CO-05",
            "BR-CO-21",
            "BR-DEC-01",
            "BR-DEC-02",
        ],
        DocumentCharge => &[
            "BR-36",
            "BR-37",
            "BR-38",
            "BR-CO-06",
            "BR-CO-22",
            "BR-DEC-05",
            "BR-DEC-06",
        ],
        DocumentTotals => &[
            "BR-12",
            "BR-13",
            "BR-14",
            "BR-15",
            "BR-CO-10",
            "BR-CO-11",
            "BR-CO-12",
            "BR-CO-13",
            "BR-CO-16",
            "BR-DEC-09",
            "BR-DEC-10",
            "BR-DEC-11",
            "BR-DEC-12",
            "BR-DEC-14",
            "BR-DEC-16",
            "BR-DEC-17",
            "BR-DEC-18",
        ],
        Document => lists::ROOT_ASSERTS,
        Line => &[
            "BR-21",
            "BR-22",
            "BR-23",
            "BR-24",
            "BR-25",
            "BR-26",
            "BR-28",
            "BR-CO-04",
            "BR-DEC-23",
        ],
        LineAllowance => &[
            "BR-41",
            "BR-42",
            "BR-CO-07",
            "BR-CO-23",
            "BR-DEC-24",
            "BR-DEC-25",
        ],
        LineCharge => &[
            "BR-43",
            "BR-44",
            "BR-CO-08",
            "BR-CO-24",
            "BR-DEC-27",
            "BR-DEC-28",
        ],
        LinePeriod => &["BR-30", "BR-CO-20"],
        InvoicePeriod => &["BR-29", "BR-CO-19"],
        ItemAttribute => &["BR-54"],
        ItemClassification => &["BR-65"],
        ItemStandardId => &["BR-64"],
        Note => &["BR-CL-08"],
        Payee => &["BR-17"],
        PayeeAccount => &["BR-50"],
        PaymentMeans => &["BR-49", "BR-61"],
        PrecedingInvoice => &["BR-55"],
        Seller => &["BR-CO-26"],
        SellerEndpoint => &["BR-62"],
        SellerAddress => &["BR-09"],
        TaxRepresentative => &["BR-18", "BR-19", "BR-56"],
        TaxRepresentativeAddress => &["BR-20"],
        TaxTotal => &["BR-CO-14"],
        VatBreakdown => &[
            "BR-45",
            "BR-46",
            "BR-47",
            "BR-48",
            "BR-CO-17",
            "BR-DEC-19",
            "BR-DEC-20",
        ],
        VatIdentifier => &["BR-CO-09"],
    }
}

/// What the pattern's rules read once per document and share between nodes: pass the same one
/// for every node of a document.
#[derive(Default)]
pub struct PerDocument<'a> {
    /// The lines, allowances and charges the VAT breakdowns sum, read on first need.
    vat: OnceCell<vat::Holders<'a>>,
    /// Whether the split payment category 'B' is used (BR-B-01 and BR-B-02 both ask).
    split_payment: OnceCell<bool>,
}

/// Checks `node` against this pattern's rule contexts (first match wins) and records violations.
pub fn check_node<'a>(
    doc: &'a Doc,
    node: NodeId,
    shared: &Shared<'a>,
    per_document: &PerDocument<'a>,
    out: &mut Vec<Hit>,
) {
    check_node_kind(doc, node, kinds::of(doc, node), shared, per_document, out);
}

/// [`check_node`] for an element of [`Kind`] `kind` (see [`kinds::classify`]).
pub(crate) fn check_node_kind<'a>(
    doc: &'a Doc,
    node: NodeId,
    kind: Kind,
    shared: &Shared<'a>,
    per_document: &PerDocument<'a>,
    out: &mut Vec<Hit>,
) {
    if !MAY_MATCH.has(kind) {
        return;
    }
    let parent_kind = doc
        .parent(node)
        .and_then(|p| shared.kinds().get(p).copied())
        .unwrap_or(kinds::NONE);
    let Some(context) = context_of_kind(doc, node, kind, parent_kind) else {
        // Every VAT category context ends in `cac:TaxCategory[…]` or
        // `cac:ClassifiedTaxCategory[…]`: skip the call for all other elements.
        if matches!(
            kinds::name(kind),
            kinds::CAC_TAX_CATEGORY | kinds::CAC_CLASSIFIED_TAX_CATEGORY
        ) {
            vat::check_node(doc, node, shared, &per_document.vat, out);
        }
        return;
    };
    // The document context's asserts walk paths from the root, whose children are grouped by
    // name once for them.
    let kids = (context == Context::Document).then(|| shared.root_children());
    // The amounts the context's BR-CO / BR-DEC asserts read, found once for all of them.
    let amounts = OnceCell::new();
    let amounts = || amounts.get_or_init(|| totals::Amounts::new(doc, node));
    // A line's BR-21..26, answered by one pass over its children (BR-24 by its amounts).
    let line = (context == Context::Line).then(|| line::Line::new(doc, node));
    for &(id, route) in routes(context) {
        let holds = match route {
            Route::Totals(key) => totals::holds_key(key, doc, node, shared, amounts),
            Route::AmountExists(amount) => amounts().exists(amount),
            Route::Business(key) => line.and_then(|line| line.holds(key)).unwrap_or_else(|| {
                business::holds_key(key, doc, node, kids, shared, &per_document.split_payment)
            }),
        };
        if !holds {
            fire(doc, id, node, out);
        }
    }
    if context == Context::Document {
        // Same signature as the vat helper's `vat::check_invoice_rules`: either can serve.
        document_vat::check_document_with(doc, node, shared, out);
    }
}

/// Records that assert `id` fails at context `node`, pointing where [`business::at`] says. Out
/// of line and cold: on a valid invoice no assert fails, and the hot loop stays small.
#[cold]
#[inline(never)]
fn fire(doc: &Doc, id: &'static str, node: NodeId, out: &mut Vec<Hit>) {
    push_hit(out, id, node, business::at(id, doc, node));
}

/// Records that assert `id` fails at context `context`, pointing `at` a node. Cold, like
/// [`fire`]: the rules' hot paths only test.
#[cold]
#[inline(never)]
pub(crate) fn push_hit(out: &mut Vec<Hit>, id: &'static str, context: NodeId, at: NodeId) {
    out.push(Hit {
        id,
        context,
        at,
        attr: None,
    });
}

/// The names an arm of [`context_of_kind`] tests, and the VAT category contexts' two: no other
/// element can match a context of the pattern (most elements of an invoice are of other names,
/// and skip the parent's kind and the `match`).
const MAY_MATCH: KindSet = KindSet::of(&[
    kinds::INVOICE,
    kinds::CREDIT_NOTE,
    kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE,
    kinds::CAC_POSTAL_ADDRESS,
    kinds::CAC_CARD_ACCOUNT,
    kinds::CAC_ADDRESS,
    kinds::CAC_ALLOWANCE_CHARGE,
    kinds::CAC_LEGAL_MONETARY_TOTAL,
    kinds::CAC_INVOICE_LINE,
    kinds::CAC_CREDIT_NOTE_LINE,
    kinds::CAC_INVOICE_PERIOD,
    kinds::CAC_ADDITIONAL_ITEM_PROPERTY,
    kinds::CAC_PAYEE_PARTY,
    kinds::CAC_PAYEE_FINANCIAL_ACCOUNT,
    kinds::CAC_PAYMENT_MEANS,
    kinds::CAC_BILLING_REFERENCE,
    kinds::CAC_ACCOUNTING_SUPPLIER_PARTY,
    kinds::CAC_TAX_REPRESENTATIVE_PARTY,
    kinds::CAC_TAX_TOTAL,
    kinds::CAC_TAX_SUBTOTAL,
    kinds::CAC_PARTY_TAX_SCHEME,
    kinds::CBC_PAYABLE_AMOUNT,
    kinds::CBC_ENDPOINT_ID,
    kinds::CBC_ITEM_CLASSIFICATION_CODE,
    kinds::CBC_ID,
    kinds::CBC_NOTE,
    kinds::CAC_TAX_CATEGORY,
    kinds::CAC_CLASSIFIED_TAX_CATEGORY,
]);

/// The first non-VAT context of the pattern that `id` matches (`None`: maybe a VAT context).
pub fn context_of(doc: &Doc, id: NodeId) -> Option<Context> {
    let parent_kind = doc.parent(id).map_or(kinds::NONE, |p| kinds::of(doc, p));
    context_of_kind(doc, id, kinds::of(doc, id), parent_kind)
}

/// [`context_of`] for an element of [`Kind`] `kind` whose parent is of kind `parent_kind`
/// ([`kinds::NONE`] for the root), both classified once per document: every arm tests the
/// element's own name and namespace, and most its parent's, so one integer comparison stands
/// for each.
pub(crate) fn context_of_kind(
    doc: &Doc,
    id: NodeId,
    kind: Kind,
    parent_kind: Kind,
) -> Option<Context> {
    let parent = kinds::name(parent_kind);
    // `/ubl:Invoice/x | /cn:CreditNote/x`.
    let under_root = || {
        matches!(parent, kinds::INVOICE | kinds::CREDIT_NOTE)
            && doc.parent(id).and_then(|p| doc.parent(p)).is_none()
    };
    let under_line = matches!(
        parent,
        kinds::CAC_INVOICE_LINE | kinds::CAC_CREDIT_NOTE_LINE
    );
    match kinds::name(kind) {
        kinds::INVOICE | kinds::CREDIT_NOTE if doc.parent(id).is_none() => Some(Context::Document),
        kinds::CAC_ADDITIONAL_DOCUMENT_REFERENCE => Some(Context::SupportingDocument),
        kinds::CAC_POSTAL_ADDRESS => {
            if parent == kinds::CAC_TAX_REPRESENTATIVE_PARTY {
                Some(Context::TaxRepresentativeAddress)
            } else {
                party_role(doc, id).and_then(|role| match role {
                    "AccountingCustomerParty" => Some(Context::BuyerAddress),
                    "AccountingSupplierParty" => Some(Context::SellerAddress),
                    _ => None,
                })
            }
        }
        kinds::CAC_CARD_ACCOUNT if parent == kinds::CAC_PAYMENT_MEANS => Some(Context::CardAccount),
        kinds::CAC_ADDRESS
            if parent == kinds::CAC_DELIVERY_LOCATION
                && ancestors_are(
                    doc,
                    id,
                    &[(NSID_CAC, "DeliveryLocation"), (NSID_CAC, "Delivery")],
                ) =>
        {
            Some(Context::DeliverToAddress)
        }
        kinds::CAC_ALLOWANCE_CHARGE => allowance_context(doc, id, under_root(), under_line),
        kinds::CAC_LEGAL_MONETARY_TOTAL => Some(Context::DocumentTotals),
        kinds::CAC_INVOICE_LINE | kinds::CAC_CREDIT_NOTE_LINE => Some(Context::Line),
        kinds::CAC_INVOICE_PERIOD => {
            if under_line {
                Some(Context::LinePeriod)
            } else {
                Some(Context::InvoicePeriod)
            }
        }
        kinds::CAC_ADDITIONAL_ITEM_PROPERTY => Some(Context::ItemAttribute),
        kinds::CAC_PAYEE_PARTY => Some(Context::Payee),
        kinds::CAC_PAYEE_FINANCIAL_ACCOUNT if paid_by_transfer(doc, id) => {
            Some(Context::PayeeAccount)
        }
        kinds::CAC_PAYMENT_MEANS => Some(Context::PaymentMeans),
        kinds::CAC_BILLING_REFERENCE => Some(Context::PrecedingInvoice),
        kinds::CAC_ACCOUNTING_SUPPLIER_PARTY => Some(Context::Seller),
        kinds::CAC_TAX_REPRESENTATIVE_PARTY => Some(Context::TaxRepresentative),
        kinds::CAC_TAX_TOTAL if under_root() => Some(Context::TaxTotal),
        kinds::CAC_TAX_SUBTOTAL if parent == kinds::CAC_TAX_TOTAL => Some(Context::VatBreakdown),
        kinds::CAC_PARTY_TAX_SCHEME if nodes::has_vat_scheme(doc, id) => {
            Some(Context::VatIdentifier)
        }
        kinds::CBC_PAYABLE_AMOUNT
            if parent == kinds::CAC_LEGAL_MONETARY_TOTAL
                && doc.parent(id).and_then(|p| doc.parent(p)).is_some_and(|r| {
                    doc.parent(r).is_none() && doc.is_in(r, NSID_INVOICE, "Invoice")
                }) =>
        {
            Some(Context::AmountDue)
        }
        kinds::CBC_ENDPOINT_ID if parent == kinds::CAC_PARTY => {
            party_role(doc, id).and_then(|role| match role {
                "AccountingCustomerParty" => Some(Context::BuyerEndpoint),
                "AccountingSupplierParty" => Some(Context::SellerEndpoint),
                _ => None,
            })
        }
        kinds::CBC_ITEM_CLASSIFICATION_CODE
            if parent == kinds::CAC_COMMODITY_CLASSIFICATION
                && in_line_item(doc, id, "CommodityClassification") =>
        {
            Some(Context::ItemClassification)
        }
        kinds::CBC_ID
            if parent == kinds::CAC_STANDARD_ITEM_IDENTIFICATION
                && in_line_item(doc, id, "StandardItemIdentification") =>
        {
            Some(Context::ItemStandardId)
        }
        kinds::CBC_NOTE if under_root() => Some(Context::Note),
        _ => None,
    }
}

/// For `…/cac:Party/X`: the local name of the Party's parent when it is a `cac` element.
fn party_role(doc: &Doc, id: NodeId) -> Option<&str> {
    let party = doc
        .parent(id)
        .filter(|&p| doc.is_in(p, NSID_CAC, "Party"))?;
    let role = doc.parent(party)?;
    match doc.node(role).local.as_str() {
        local @ ("AccountingCustomerParty" | "AccountingSupplierParty")
            if doc.is_in(role, NSID_CAC, local) =>
        {
            Some(local)
        }
        _ => None,
    }
}

/// `cac:InvoiceLine/cac:Item/cac:<group>/<id> | cac:CreditNoteLine/cac:Item/cac:<group>/<id>`.
fn in_line_item(doc: &Doc, id: NodeId, group: &str) -> bool {
    ancestors_are(doc, id, &[(NSID_CAC, group), (NSID_CAC, "Item")])
        && doc
            .parent(id)
            .and_then(|g| doc.parent(g))
            .and_then(|item| doc.parent(item))
            .is_some_and(|line| is_line(doc, line))
}

/// `cac:PaymentMeans[cbc:PaymentMeansCode='30' or cbc:PaymentMeansCode='58']` as the parent:
/// an exact string comparison (no trimming), existential over the codes.
fn paid_by_transfer(doc: &Doc, id: NodeId) -> bool {
    doc.parent(id)
        .filter(|&p| doc.is_in(p, NSID_CAC, "PaymentMeans"))
        .is_some_and(|pm| {
            doc.children_in(pm, NSID_CBC, "PaymentMeansCode").any(|c| {
                let v = doc.value(c);
                v == "30" || v == "58"
            })
        })
}

/// Document-level (child of the Invoice / CreditNote root) or line-level allowance or charge.
/// An AllowanceCharge elsewhere (under Price, or with an uncastable indicator) matches nothing
/// here.
fn allowance_context(
    doc: &Doc,
    id: NodeId,
    document_level: bool,
    line_level: bool,
) -> Option<Context> {
    if !document_level && !line_level {
        return None;
    }
    let (is_false, is_true) = charge_indicators(doc, id);
    match (document_level, is_false, is_true) {
        (true, true, _) => Some(Context::DocumentAllowance),
        (true, false, true) => Some(Context::DocumentCharge),
        (false, true, _) => Some(Context::LineAllowance),
        (false, false, true) => Some(Context::LineCharge),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;
    use crate::validation::full::en::{Pattern, messages};
    use crate::validation::full::ro;
    use std::collections::BTreeSet;

    const ALL: [Context; 31] = routes::ALL_CONTEXTS;

    #[test]
    fn every_model_id_is_dispatched_once_or_left_to_the_vat_contexts() {
        let listed: Vec<&str> = ALL
            .iter()
            .flat_map(|&c| asserts(c).iter().copied())
            .collect();
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(listed.len(), unique.len(), "an id is listed twice");
        let model: BTreeSet<&str> = messages::MESSAGES
            .iter()
            .filter(|(_, _, p, _)| *p == Pattern::Model)
            .map(|(id, _, _, _)| *id)
            .collect();
        assert!(unique.is_subset(&model));
        // What is left belongs to the 36 VAT category contexts (BR-x-05 … BR-x-10).
        let left: Vec<&str> = model.difference(&unique).copied().collect();
        assert!(left.iter().all(|id| document_vat::is_document_vat_rule(id)));
        assert_eq!(listed.len() + left.len(), 203);
        assert_eq!(left.len(), 54, "{left:?}");
    }

    fn parse(xml: &str) -> Doc {
        let limits = Limits::default();
        Doc::parse(xml.as_bytes(), &limits).unwrap()
    }

    fn contexts(doc: &Doc) -> Vec<(String, Option<Context>)> {
        (0..doc.nodes.len())
            .map(|n| (doc.node(n).local.to_string(), context_of(doc, n)))
            .filter(|(_, c)| c.is_some())
            .collect()
    }

    const HEAD: &str = "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\"";

    #[test]
    fn first_match_follows_the_sch_order() {
        let body = "<cac:AllowanceCharge><cbc:ChargeIndicator> true </cbc:ChargeIndicator><cbc:ChargeIndicator>0</cbc:ChargeIndicator></cac:AllowanceCharge>\
            <cac:PaymentMeans><cbc:PaymentMeansCode> 30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount/></cac:PaymentMeans>\
            <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount/></cac:PaymentMeans>\
            <cac:LegalMonetaryTotal><cbc:PayableAmount>1</cbc:PayableAmount></cac:LegalMonetaryTotal>\
            <cac:InvoiceLine><cac:InvoicePeriod/><cac:AllowanceCharge><cbc:ChargeIndicator>1</cbc:ChargeIndicator></cac:AllowanceCharge>\
            <cac:Price><cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator></cac:AllowanceCharge></cac:Price></cac:InvoiceLine>\
            <cac:InvoicePeriod/><cbc:Note/>";
        let invoice = parse(&format!(
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" {HEAD}>{body}</Invoice>"
        ));
        let got: Vec<Option<Context>> = contexts(&invoice).into_iter().map(|(_, c)| c).collect();
        use Context::*;
        assert_eq!(
            got,
            [
                Document,
                DocumentAllowance,
                PaymentMeans,
                PaymentMeans,
                PayeeAccount,
                DocumentTotals,
                AmountDue,
                Line,
                LinePeriod,
                LineCharge,
                InvoicePeriod,
                Note,
            ]
            .map(Some)
        );
        // In a credit note the amount due is no context; in a root of the wrong namespace nothing
        // anchored at the root is.
        let credit = parse(&format!(
            "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\" {HEAD}>{body}</CreditNote>"
        ));
        assert!(!contexts(&credit).iter().any(|(_, c)| *c == Some(AmountDue)));
        assert_eq!(contexts(&credit).len(), got.len() - 1);
        let wrong = parse(&format!(
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\" {HEAD}>{body}</Invoice>"
        ));
        let wrong: Vec<_> = contexts(&wrong).into_iter().map(|(_, c)| c).collect();
        assert!(!wrong.contains(&Some(Document)));
        assert!(!wrong.contains(&Some(DocumentAllowance)));
        assert!(!wrong.contains(&Some(Note)));
        assert!(wrong.contains(&Some(LineCharge)));
    }

    /// An invoice and a credit note with an element in every rule context of the `UBL-model`
    /// pattern and of the CIUS-RO rules (the guards of their arms: parents, ancestors, the
    /// payment means code, the charge indicators).
    fn every_context() -> [Doc; 2] {
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
        [
            parse(&format!(
                "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" {HEAD}>{}</Invoice>",
                body("InvoiceTypeCode", "InvoiceLine")
            )),
            parse(&format!(
                "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\" {HEAD}>{}</CreditNote>",
                body("CreditNoteTypeCode", "CreditNoteLine")
            )),
        ]
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
                model_seen.extend(context_of(doc, node).map(|c| c as usize));
                ro_seen.extend(ro::context_of(doc, node).map(|c| format!("{c:?}")));
                for name in 0..=255 {
                    let ro_context = ro::context_of_kind(doc, node, name);
                    assert!(
                        ro_context.is_none() || ro::may_match(name),
                        "CIUS-RO: {ro_context:?} for kind name {name} at {}",
                        doc.local(node)
                    );
                    for parent in 0..=255 {
                        let context = context_of_kind(doc, node, name, parent);
                        assert!(
                            context.is_none() || MAY_MATCH.has(name),
                            "UBL-model: {context:?} for kind name {name} (parent {parent}) at {}",
                            doc.local(node)
                        );
                    }
                }
            }
        }
        // The sample reaches every context, or the test above proves little.
        assert_eq!(model_seen.len(), ALL.len(), "{model_seen:?}");
        // CIUS-RO: 20 contexts, of which `Date` with seven rule ids.
        assert_eq!(ro_seen.len(), 19 + 7, "{ro_seen:?}");
    }
}
