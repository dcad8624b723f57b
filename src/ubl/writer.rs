//! UBL 2.1 writer: Invoice-2 or CreditNote-2 root chosen by the document kind,
//! elements in the schema's sequence order, no `schemaLocation`,
//! deterministic bytes, UTF-8 with an XML declaration.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::address::Address;
use crate::domain::allowance::AllowanceCharge;
use crate::domain::invoice::{DocumentKind, Invoice, Period, SupportingDocument};
use crate::domain::line::InvoiceLine;
use crate::domain::party::{Delivery, Identifier, Party, Payee, TaxRepresentative};
use crate::domain::payment::PaymentMeans;
use crate::domain::vat::TaxCategory;
use crate::ubl::names::{CAC_NS, CBC_NS, CREDIT_NOTE_NS, INVOICE_NS};
use crate::ubl::xml_out::XmlOut;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("BT-9: a credit note carries its due date in a payment means (BG-16); add one")]
    CreditNoteDueDateWithoutPaymentMeans,
    #[error("the text {0:?} contains a control character XML cannot carry")]
    InvalidCharacter(String),
    #[error("the invoice has no lines (BG-25)")]
    NoLines,
}

/// The document type code used in a credit note to carry BT-11 (project
/// reference), which has no element of its own there.
const PROJECT_DOCUMENT_TYPE: &str = "50";
/// Document type code of the invoiced object identifier (BT-18, BT-128).
const INVOICED_OBJECT_TYPE: &str = "130";

/// Serialise `invoice` as UBL 2.1 CIUS-RO XML.
pub fn write_invoice(invoice: &Invoice) -> Result<Vec<u8>, WriteError> {
    if invoice.lines.is_empty() {
        return Err(WriteError::NoLines);
    }
    let credit = invoice.kind == DocumentKind::CreditNote;
    if credit && invoice.due_date.is_some() && invoice.payment_means.is_empty() {
        return Err(WriteError::CreditNoteDueDateWithoutPaymentMeans);
    }
    // Room for the usual size up front: ~1 KB per line plus base64 attachments.
    let attachments: usize = invoice
        .supporting_documents
        .iter()
        .filter_map(|d| d.attachment.as_ref())
        .map(|a| a.content.len() / 3 * 4 + 4)
        .sum();
    let mut w = Writer {
        out: XmlOut::new(4096 + invoice.lines.len() * 1024 + attachments),
        invoice,
        credit,
    };
    w.document();
    if let Some(text) = w.out.invalid.take() {
        return Err(WriteError::InvalidCharacter(text));
    }
    Ok(w.out.finish().into_bytes())
}

struct Writer<'a> {
    out: XmlOut,
    invoice: &'a Invoice,
    credit: bool,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl Writer<'_> {
    fn amount(&mut self, name: &str, value: Decimal) {
        let inv = self.invoice;
        self.out
            .leaf_with(name, &[("currencyID", &inv.currency)], &value.to_string());
    }

    fn opt_amount(&mut self, name: &str, value: Option<Decimal>) {
        if let Some(v) = value {
            self.amount(name, v);
        }
    }

    fn opt_date(&mut self, name: &str, value: Option<NaiveDate>) {
        if let Some(d) = value {
            self.out.leaf(name, &date(d));
        }
    }

    fn identifier(&mut self, name: &str, id: &Identifier) {
        match &id.scheme_id {
            Some(s) => self.out.leaf_with(name, &[("schemeID", s)], &id.id),
            None => self.out.leaf(name, &id.id),
        }
    }

    fn id_wrapper(&mut self, wrapper: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.out.open(wrapper);
            self.out.leaf("cbc:ID", v);
            self.out.close(wrapper);
        }
    }

    fn document(&mut self) {
        let inv = self.invoice;
        let (root, ns) = if self.credit {
            ("CreditNote", CREDIT_NOTE_NS)
        } else {
            ("Invoice", INVOICE_NS)
        };
        self.out.open_with(
            root,
            &[("xmlns", ns), ("xmlns:cac", CAC_NS), ("xmlns:cbc", CBC_NS)],
        );
        if !inv.customization_id.is_empty() {
            self.out.leaf("cbc:CustomizationID", &inv.customization_id);
        }
        self.out.opt("cbc:ProfileID", inv.profile_id.as_deref());
        self.out.leaf("cbc:ID", &inv.number);
        self.out.leaf("cbc:IssueDate", &date(inv.issue_date));
        if self.credit {
            self.opt_date("cbc:TaxPointDate", inv.tax_point_date);
            self.out
                .leaf("cbc:CreditNoteTypeCode", inv.type_code.code());
            for note in &inv.notes {
                self.out.leaf("cbc:Note", note);
            }
        } else {
            self.opt_date("cbc:DueDate", inv.due_date);
            self.out.leaf("cbc:InvoiceTypeCode", inv.type_code.code());
            for note in &inv.notes {
                self.out.leaf("cbc:Note", note);
            }
            self.opt_date("cbc:TaxPointDate", inv.tax_point_date);
        }
        self.out.leaf("cbc:DocumentCurrencyCode", &inv.currency);
        self.out.opt(
            "cbc:TaxCurrencyCode",
            inv.vat_accounting_currency.as_deref(),
        );
        self.out
            .opt("cbc:AccountingCost", inv.accounting_cost.as_deref());
        self.out
            .opt("cbc:BuyerReference", inv.buyer_reference.as_deref());
        if let Some(p) = &inv.period {
            self.period(p);
        }
        if inv.order_reference.is_some() || inv.sales_order_reference.is_some() {
            self.out.open("cac:OrderReference");
            // The order ID is mandatory in UBL; "NA" is the customary filler
            // when only the seller's order number is known.
            self.out
                .leaf("cbc:ID", inv.order_reference.as_deref().unwrap_or("NA"));
            self.out
                .opt("cbc:SalesOrderID", inv.sales_order_reference.as_deref());
            self.out.close("cac:OrderReference");
        }
        for p in &inv.preceding_invoices {
            self.out.open("cac:BillingReference");
            self.out.open("cac:InvoiceDocumentReference");
            self.out.leaf("cbc:ID", &p.number);
            self.opt_date("cbc:IssueDate", p.issue_date);
            self.out.close("cac:InvoiceDocumentReference");
            self.out.close("cac:BillingReference");
        }
        self.id_wrapper(
            "cac:DespatchDocumentReference",
            inv.despatch_reference.as_deref(),
        );
        self.id_wrapper(
            "cac:ReceiptDocumentReference",
            inv.receiving_advice_reference.as_deref(),
        );
        if self.credit {
            self.id_wrapper(
                "cac:ContractDocumentReference",
                inv.contract_reference.as_deref(),
            );
            if let Some(project) = &inv.project_reference {
                self.supporting_document(&SupportingDocument {
                    id: Identifier::new(project.clone()),
                    type_code: Some(PROJECT_DOCUMENT_TYPE.to_owned()),
                    ..SupportingDocument::default()
                });
            }
            for d in &inv.supporting_documents {
                self.supporting_document(d);
            }
            self.id_wrapper(
                "cac:OriginatorDocumentReference",
                inv.tender_reference.as_deref(),
            );
        } else {
            self.id_wrapper(
                "cac:OriginatorDocumentReference",
                inv.tender_reference.as_deref(),
            );
            self.id_wrapper(
                "cac:ContractDocumentReference",
                inv.contract_reference.as_deref(),
            );
            for d in &inv.supporting_documents {
                self.supporting_document(d);
            }
            self.id_wrapper("cac:ProjectReference", inv.project_reference.as_deref());
        }
        self.out.open("cac:AccountingSupplierParty");
        self.party(&inv.seller);
        self.out.close("cac:AccountingSupplierParty");
        self.out.open("cac:AccountingCustomerParty");
        self.party(&inv.buyer);
        self.out.close("cac:AccountingCustomerParty");
        if let Some(p) = &inv.payee {
            self.payee(p);
        }
        if let Some(t) = &inv.tax_representative {
            self.tax_representative(t);
        }
        if let Some(d) = &inv.delivery {
            self.delivery(d);
        }
        for (i, pm) in inv.payment_means.iter().enumerate() {
            let due = if self.credit && i == 0 {
                inv.due_date
            } else {
                None
            };
            self.payment_means(pm, due);
        }
        if let Some(terms) = &inv.payment_terms {
            self.out.open("cac:PaymentTerms");
            self.out.leaf("cbc:Note", terms);
            self.out.close("cac:PaymentTerms");
        }
        for ac in &inv.allowances_charges {
            self.allowance_charge(ac);
        }
        self.tax_totals();
        self.monetary_total();
        for line in &inv.lines {
            self.line(line);
        }
        self.out.close(root);
    }

    fn period(&mut self, p: &Period) {
        self.out.open("cac:InvoicePeriod");
        self.opt_date("cbc:StartDate", p.start);
        self.opt_date("cbc:EndDate", p.end);
        self.out
            .opt("cbc:DescriptionCode", p.description_code.as_deref());
        self.out.close("cac:InvoicePeriod");
    }

    fn supporting_document(&mut self, d: &SupportingDocument) {
        self.out.open("cac:AdditionalDocumentReference");
        self.identifier("cbc:ID", &d.id);
        self.out.opt("cbc:DocumentTypeCode", d.type_code.as_deref());
        self.out
            .opt("cbc:DocumentDescription", d.description.as_deref());
        if d.attachment.is_some() || d.external_uri.is_some() {
            self.out.open("cac:Attachment");
            if let Some(a) = &d.attachment {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(&a.content);
                self.out.leaf_unescaped(
                    "cbc:EmbeddedDocumentBinaryObject",
                    &[("mimeCode", &a.mime_code), ("filename", &a.filename)],
                    &encoded,
                );
            }
            if let Some(uri) = &d.external_uri {
                self.out.open("cac:ExternalReference");
                self.out.leaf("cbc:URI", uri);
                self.out.close("cac:ExternalReference");
            }
            self.out.close("cac:Attachment");
        }
        self.out.close("cac:AdditionalDocumentReference");
    }

    fn address(&mut self, name: &str, a: &Address) {
        self.out.open(name);
        self.out.opt("cbc:StreetName", a.street.as_deref());
        self.out
            .opt("cbc:AdditionalStreetName", a.additional_street.as_deref());
        self.out.opt("cbc:CityName", a.city.as_deref());
        self.out.opt("cbc:PostalZone", a.postal_code.as_deref());
        self.out
            .opt("cbc:CountrySubentity", a.country_subentity.as_deref());
        if let Some(line) = &a.line3 {
            self.out.open("cac:AddressLine");
            self.out.leaf("cbc:Line", line);
            self.out.close("cac:AddressLine");
        }
        self.out.open("cac:Country");
        self.out.leaf("cbc:IdentificationCode", &a.country_code);
        self.out.close("cac:Country");
        self.out.close(name);
    }

    fn party_tax_scheme(&mut self, company_id: &str, scheme: Option<&str>) {
        self.out.open("cac:PartyTaxScheme");
        self.out.leaf("cbc:CompanyID", company_id);
        self.out.open("cac:TaxScheme");
        self.out.opt("cbc:ID", scheme);
        self.out.close("cac:TaxScheme");
        self.out.close("cac:PartyTaxScheme");
    }

    fn party_name(&mut self, name: &str) {
        self.out.open("cac:PartyName");
        self.out.leaf("cbc:Name", name);
        self.out.close("cac:PartyName");
    }

    fn party(&mut self, p: &Party) {
        self.out.open("cac:Party");
        if let Some(e) = &p.endpoint {
            self.identifier("cbc:EndpointID", e);
        }
        for id in &p.identifiers {
            self.out.open("cac:PartyIdentification");
            self.identifier("cbc:ID", id);
            self.out.close("cac:PartyIdentification");
        }
        if let Some(n) = &p.trading_name {
            self.party_name(n);
        }
        if let Some(a) = &p.address {
            self.address("cac:PostalAddress", a);
        }
        if let Some(vat) = &p.vat_id {
            self.party_tax_scheme(vat, Some("VAT"));
        }
        if let Some(reg) = &p.tax_registration {
            // Any scheme but VAT marks BT-32 ("TAX" is the conventional one).
            self.party_tax_scheme(&reg.id, reg.scheme_id.as_deref());
        }
        if !p.legal_name.is_empty() || p.legal_registration_id.is_some() || p.legal_form.is_some() {
            self.out.open("cac:PartyLegalEntity");
            if !p.legal_name.is_empty() {
                self.out.leaf("cbc:RegistrationName", &p.legal_name);
            }
            if let Some(id) = &p.legal_registration_id {
                self.identifier("cbc:CompanyID", id);
            }
            self.out
                .opt("cbc:CompanyLegalForm", p.legal_form.as_deref());
            self.out.close("cac:PartyLegalEntity");
        }
        if let Some(c) = &p.contact {
            self.out.open("cac:Contact");
            self.out.opt("cbc:Name", c.name.as_deref());
            self.out.opt("cbc:Telephone", c.telephone.as_deref());
            self.out.opt("cbc:ElectronicMail", c.email.as_deref());
            self.out.close("cac:Contact");
        }
        self.out.close("cac:Party");
    }

    fn payee(&mut self, p: &Payee) {
        self.out.open("cac:PayeeParty");
        if let Some(id) = &p.identifier {
            self.out.open("cac:PartyIdentification");
            self.identifier("cbc:ID", id);
            self.out.close("cac:PartyIdentification");
        }
        self.party_name(&p.name);
        if let Some(id) = &p.legal_registration_id {
            self.out.open("cac:PartyLegalEntity");
            self.identifier("cbc:CompanyID", id);
            self.out.close("cac:PartyLegalEntity");
        }
        self.out.close("cac:PayeeParty");
    }

    fn tax_representative(&mut self, t: &TaxRepresentative) {
        self.out.open("cac:TaxRepresentativeParty");
        self.party_name(&t.name);
        if let Some(a) = &t.address {
            self.address("cac:PostalAddress", a);
        }
        self.party_tax_scheme(&t.vat_id, Some("VAT"));
        self.out.close("cac:TaxRepresentativeParty");
    }

    fn delivery(&mut self, d: &Delivery) {
        self.out.open("cac:Delivery");
        self.opt_date("cbc:ActualDeliveryDate", d.actual_date);
        if d.location_id.is_some() || d.address.is_some() {
            self.out.open("cac:DeliveryLocation");
            if let Some(id) = &d.location_id {
                self.identifier("cbc:ID", id);
            }
            if let Some(a) = &d.address {
                self.address("cac:Address", a);
            }
            self.out.close("cac:DeliveryLocation");
        }
        if let Some(name) = &d.party_name {
            self.out.open("cac:DeliveryParty");
            self.party_name(name);
            self.out.close("cac:DeliveryParty");
        }
        self.out.close("cac:Delivery");
    }

    fn payment_means(&mut self, pm: &PaymentMeans, due: Option<NaiveDate>) {
        self.out.open("cac:PaymentMeans");
        match &pm.text {
            Some(t) => self
                .out
                .leaf_with("cbc:PaymentMeansCode", &[("name", t)], &pm.code),
            None => self.out.leaf("cbc:PaymentMeansCode", &pm.code),
        }
        self.opt_date("cbc:PaymentDueDate", due);
        self.out.opt("cbc:PaymentID", pm.remittance_info.as_deref());
        if let Some(card) = &pm.card {
            self.out.open("cac:CardAccount");
            self.out
                .leaf("cbc:PrimaryAccountNumberID", &card.primary_account_number);
            self.out.leaf("cbc:NetworkID", &card.network_id);
            self.out.opt("cbc:HolderName", card.holder_name.as_deref());
            self.out.close("cac:CardAccount");
        }
        if let Some(acc) = &pm.payee_account {
            self.out.open("cac:PayeeFinancialAccount");
            self.out.leaf("cbc:ID", &acc.id);
            self.out.opt("cbc:Name", acc.name.as_deref());
            self.id_wrapper("cac:FinancialInstitutionBranch", acc.provider_id.as_deref());
            self.out.close("cac:PayeeFinancialAccount");
        }
        if let Some(dd) = &pm.direct_debit {
            self.out.open("cac:PaymentMandate");
            self.out.opt("cbc:ID", dd.mandate_id.as_deref());
            self.id_wrapper("cac:PayerFinancialAccount", dd.debited_account.as_deref());
            self.out.close("cac:PaymentMandate");
        }
        self.out.close("cac:PaymentMeans");
    }

    fn tax_category(&mut self, name: &str, c: &TaxCategory) {
        self.out.open(name);
        self.out.leaf("cbc:ID", c.category.code());
        if let Some(rate) = c.rate {
            self.out.leaf("cbc:Percent", &rate.to_string());
        }
        self.out.opt(
            "cbc:TaxExemptionReasonCode",
            c.exemption_reason_code.as_deref(),
        );
        self.out
            .opt("cbc:TaxExemptionReason", c.exemption_reason.as_deref());
        self.out.open("cac:TaxScheme");
        self.out.leaf("cbc:ID", "VAT");
        self.out.close("cac:TaxScheme");
        self.out.close(name);
    }

    fn allowance_charge(&mut self, ac: &AllowanceCharge) {
        self.out.open("cac:AllowanceCharge");
        self.out.leaf(
            "cbc:ChargeIndicator",
            if ac.is_charge { "true" } else { "false" },
        );
        self.out
            .opt("cbc:AllowanceChargeReasonCode", ac.reason_code.as_deref());
        self.out
            .opt("cbc:AllowanceChargeReason", ac.reason.as_deref());
        if let Some(p) = ac.percentage {
            self.out.leaf("cbc:MultiplierFactorNumeric", &p.to_string());
        }
        self.amount("cbc:Amount", ac.amount);
        self.opt_amount("cbc:BaseAmount", ac.base_amount);
        if let Some(c) = &ac.tax_category {
            self.tax_category("cac:TaxCategory", c);
        }
        self.out.close("cac:AllowanceCharge");
    }

    fn tax_totals(&mut self) {
        let inv = self.invoice;
        if inv.totals.vat_total.is_some() || !inv.vat_breakdown.is_empty() {
            self.out.open("cac:TaxTotal");
            self.amount("cbc:TaxAmount", inv.totals.vat_total.unwrap_or_default());
            for b in &inv.vat_breakdown {
                self.out.open("cac:TaxSubtotal");
                self.amount("cbc:TaxableAmount", b.taxable_amount);
                self.amount("cbc:TaxAmount", b.tax_amount);
                self.tax_category("cac:TaxCategory", &b.category);
                self.out.close("cac:TaxSubtotal");
            }
            self.out.close("cac:TaxTotal");
        }
        if let Some(v) = inv.totals.vat_total_accounting {
            let currency = inv.vat_accounting_currency.as_deref().unwrap_or("RON");
            self.out.open("cac:TaxTotal");
            self.out
                .leaf_with("cbc:TaxAmount", &[("currencyID", currency)], &v.to_string());
            self.out.close("cac:TaxTotal");
        }
    }

    fn monetary_total(&mut self) {
        let t = &self.invoice.totals;
        self.out.open("cac:LegalMonetaryTotal");
        self.amount("cbc:LineExtensionAmount", t.line_net_total);
        self.amount("cbc:TaxExclusiveAmount", t.tax_exclusive);
        self.amount("cbc:TaxInclusiveAmount", t.tax_inclusive);
        self.opt_amount("cbc:AllowanceTotalAmount", t.allowance_total);
        self.opt_amount("cbc:ChargeTotalAmount", t.charge_total);
        self.opt_amount("cbc:PrepaidAmount", t.prepaid);
        self.opt_amount("cbc:PayableRoundingAmount", t.rounding);
        self.amount("cbc:PayableAmount", t.payable);
        self.out.close("cac:LegalMonetaryTotal");
    }

    fn line(&mut self, l: &InvoiceLine) {
        let (tag, qty) = if self.credit {
            ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        } else {
            ("cac:InvoiceLine", "cbc:InvoicedQuantity")
        };
        self.out.open(tag);
        self.out.leaf("cbc:ID", &l.id);
        self.out.opt("cbc:Note", l.note.as_deref());
        self.out
            .leaf_with(qty, &[("unitCode", &l.unit_code)], &l.quantity.to_string());
        self.amount("cbc:LineExtensionAmount", l.net_amount);
        self.out
            .opt("cbc:AccountingCost", l.accounting_cost.as_deref());
        if let Some(p) = &l.period {
            self.period(p);
        }
        if let Some(r) = &l.order_line_reference {
            self.out.open("cac:OrderLineReference");
            self.out.leaf("cbc:LineID", r);
            self.out.close("cac:OrderLineReference");
        }
        if let Some(obj) = &l.object_identifier {
            self.out.open("cac:DocumentReference");
            self.identifier("cbc:ID", obj);
            self.out.leaf("cbc:DocumentTypeCode", INVOICED_OBJECT_TYPE);
            self.out.close("cac:DocumentReference");
        }
        for ac in &l.allowances_charges {
            self.allowance_charge(ac);
        }
        self.item(l);
        self.out.open("cac:Price");
        self.amount("cbc:PriceAmount", l.price.amount);
        if let Some(b) = l.price.base_quantity {
            match &l.price.base_quantity_unit {
                Some(u) => {
                    self.out
                        .leaf_with("cbc:BaseQuantity", &[("unitCode", u)], &b.to_string())
                }
                None => self.out.leaf("cbc:BaseQuantity", &b.to_string()),
            }
        }
        if let Some(d) = &l.price.discount {
            self.out.open("cac:AllowanceCharge");
            self.out.leaf("cbc:ChargeIndicator", "false");
            self.amount("cbc:Amount", d.amount);
            self.opt_amount("cbc:BaseAmount", d.gross_price);
            self.out.close("cac:AllowanceCharge");
        }
        self.out.close("cac:Price");
        self.out.close(tag);
    }

    fn item(&mut self, l: &InvoiceLine) {
        let it = &l.item;
        self.out.open("cac:Item");
        self.out.opt("cbc:Description", it.description.as_deref());
        self.out.leaf("cbc:Name", &it.name);
        self.id_wrapper("cac:BuyersItemIdentification", it.buyer_id.as_deref());
        self.id_wrapper("cac:SellersItemIdentification", it.seller_id.as_deref());
        if let Some(id) = &it.standard_id {
            self.out.open("cac:StandardItemIdentification");
            self.identifier("cbc:ID", id);
            self.out.close("cac:StandardItemIdentification");
        }
        if let Some(c) = &it.origin_country {
            self.out.open("cac:OriginCountry");
            self.out.leaf("cbc:IdentificationCode", c);
            self.out.close("cac:OriginCountry");
        }
        for c in &it.classifications {
            self.out.open("cac:CommodityClassification");
            let mut attrs: Vec<(&str, &str)> = Vec::new();
            if let Some(l) = &c.list_id {
                attrs.push(("listID", l));
            }
            if let Some(v) = &c.list_version_id {
                attrs.push(("listVersionID", v));
            }
            self.out
                .leaf_with("cbc:ItemClassificationCode", &attrs, &c.code);
            self.out.close("cac:CommodityClassification");
        }
        self.tax_category("cac:ClassifiedTaxCategory", &it.tax);
        for a in &it.attributes {
            self.out.open("cac:AdditionalItemProperty");
            self.out.leaf("cbc:Name", &a.name);
            self.out.leaf("cbc:Value", &a.value);
            self.out.close("cac:AdditionalItemProperty");
        }
        self.out.close("cac:Item");
    }
}
