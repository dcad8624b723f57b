//! UBL 2.1 reader: maps any Invoice-2 or CreditNote-2 document into the
//! model. Elements are matched by namespace URI and local name, so any
//! prefixes work. What cannot be mapped is listed in [`ReadOutcome::unmapped`]
//! rather than silently dropped.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::address::Address;
use crate::domain::allowance::AllowanceCharge;
use crate::domain::invoice::{
    Attachment, DocumentKind, DocumentTotals, Invoice, Period, PrecedingInvoice,
    SupportingDocument, TypeCode,
};
use crate::domain::line::{
    InvoiceLine, Item, ItemAttribute, ItemClassification, Price, PriceDiscount,
};
use crate::domain::party::{Contact, Delivery, Identifier, Party, Payee, TaxRepresentative};
use crate::domain::payment::{CardAccount, DirectDebit, FinancialAccount, PaymentMeans};
use crate::domain::vat::{TaxCategory, VatBreakdown, VatCategory};
use crate::ubl::names::Ns;
use crate::ubl::xml_tree::{self, Node, ReadLimits, XmlError};

/// Something in the document the model has no place for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// Element path with conventional prefixes, e.g. `/Invoice/cac:Signature`.
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOutcome {
    pub invoice: Invoice,
    pub unmapped: Vec<Unmapped>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Xml(#[from] XmlError),
    #[error("the root element {0} is not a UBL 2.1 Invoice or CreditNote")]
    NotUbl(String),
    #[error("{path} is missing")]
    Missing { path: String },
    #[error("{path}: {reason}")]
    Invalid { path: String, reason: String },
}

/// Read with the default limits (10 MB, depth 64).
pub fn read_invoice(bytes: &[u8]) -> Result<ReadOutcome, ReadError> {
    read_invoice_with_limits(bytes, ReadLimits::default())
}

pub fn read_invoice_with_limits(
    bytes: &[u8],
    limits: ReadLimits,
) -> Result<ReadOutcome, ReadError> {
    let root = xml_tree::parse(bytes, limits)?;
    let kind = match (root.ns, root.name.as_ref()) {
        (Ns::Invoice, "Invoice") => DocumentKind::Invoice,
        (Ns::CreditNote, "CreditNote") => DocumentKind::CreditNote,
        _ => return Err(ReadError::NotUbl(root.name.to_string())),
    };
    let mut r = Mapper {
        unmapped: Vec::new(),
        currency: String::new(),
    };
    let invoice = r.document(&root, kind)?;
    Ok(ReadOutcome {
        invoice,
        unmapped: r.unmapped,
    })
}

/// The children of one element, with a mark for each one the mapping used.
/// The element's ancestors are kept as references so a path is only
/// formatted when something has to be reported.
struct Kids<'a, 'i> {
    node: &'a Node<'i>,
    used: Vec<bool>,
    chain: Vec<&'a Node<'i>>,
}

impl<'a, 'i> Kids<'a, 'i> {
    fn root(node: &'a Node<'i>) -> Self {
        Kids {
            node,
            used: vec![false; node.children.len()],
            chain: vec![node],
        }
    }

    fn take(&mut self, ns: Ns, name: &str) -> Option<&'a Node<'i>> {
        let node = self.node;
        for (i, c) in node.children.iter().enumerate() {
            if !self.used[i] && c.ns == ns && c.name == name {
                self.used[i] = true;
                return Some(c);
            }
        }
        None
    }

    fn take_all(&mut self, ns: Ns, name: &str) -> Vec<&'a Node<'i>> {
        let node = self.node;
        let mut found = Vec::new();
        for (i, c) in node.children.iter().enumerate() {
            if !self.used[i] && c.ns == ns && c.name == name {
                self.used[i] = true;
                found.push(c);
            }
        }
        found
    }

    fn sub(&self, child: &'a Node<'i>) -> Kids<'a, 'i> {
        let mut chain = Vec::with_capacity(self.chain.len() + 1);
        chain.extend_from_slice(&self.chain);
        chain.push(child);
        Kids {
            node: child,
            used: vec![false; child.children.len()],
            chain,
        }
    }

    /// `/Invoice/cac:...` path of this element.
    fn path(&self) -> String {
        let mut path = String::new();
        for n in &self.chain {
            path.push('/');
            path.push_str(&n.qualified());
        }
        path
    }

    fn child_path(&self, child: &Node) -> String {
        format!("{}/{}", self.path(), child.qualified())
    }
}

struct Mapper {
    unmapped: Vec<Unmapped>,
    /// BT-5, to spot amounts stated in another currency (the writer states
    /// every amount but BT-111 in the document currency).
    currency: String,
}

fn text(n: &Node) -> String {
    n.text.trim().to_owned()
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl Mapper {
    fn note(&mut self, path: String, reason: impl Into<String>) {
        self.unmapped.push(Unmapped {
            path,
            reason: reason.into(),
        });
    }

    /// Report every child the mapping did not use.
    fn done(&mut self, k: Kids<'_, '_>) {
        let node = k.node;
        if k.used.iter().all(|u| *u) {
            return;
        }
        // The distinct names the mapping used: few, so a document of many
        // unknown siblings stays linear.
        let mut used_names: Vec<(Ns, &str)> = Vec::new();
        for (c, _) in node.children.iter().zip(&k.used).filter(|(_, u)| **u) {
            if !used_names.iter().any(|(ns, n)| *ns == c.ns && *n == c.name) {
                used_names.push((c.ns, &c.name));
            }
        }
        for (i, c) in node.children.iter().enumerate() {
            if k.used[i] {
                continue;
            }
            let repeated = used_names.iter().any(|(ns, n)| *ns == c.ns && *n == c.name);
            let reason = if repeated {
                "repeated element; EN 16931 allows one here and only the first was kept"
            } else {
                "not part of the EN 16931 model"
            };
            let path = k.child_path(c);
            self.note(path, reason);
        }
    }

    fn s(&mut self, k: &mut Kids<'_, '_>, name: &str) -> Option<String> {
        k.take(Ns::Cbc, name).map(text)
    }

    fn decimal_of(&mut self, k: &Kids<'_, '_>, n: &Node) -> Option<Decimal> {
        let t = text(n);
        match Decimal::from_str(&t) {
            Ok(d) => Some(d),
            Err(_) => {
                self.note(k.child_path(n), format!("not a decimal number: {t:?}"));
                None
            }
        }
    }

    fn dec(&mut self, k: &mut Kids<'_, '_>, name: &str) -> Option<Decimal> {
        let n = k.take(Ns::Cbc, name)?;
        self.check_currency(k, n);
        self.decimal_of(k, n)
    }

    fn check_currency(&mut self, k: &Kids<'_, '_>, n: &Node) {
        if let Some(c) = n.attr("currencyID")
            && c != self.currency
        {
            let reason = format!(
                "amount in {c} differs from the document currency {}; it is written back in {}",
                self.currency, self.currency
            );
            self.note(k.child_path(n), reason);
        }
    }

    fn date(&mut self, k: &mut Kids<'_, '_>, name: &str) -> Option<NaiveDate> {
        let n = k.take(Ns::Cbc, name)?;
        let t = text(n);
        if let Some(d) = parse_date(&t) {
            return Some(d);
        }
        // xsd:date allows a time zone suffix; keep the calendar date and say so.
        if let Some(d) = t.get(..10).and_then(parse_date) {
            self.note(k.child_path(n), format!("time zone of {t:?} dropped"));
            return Some(d);
        }
        self.note(k.child_path(n), format!("not a date: {t:?}"));
        None
    }

    fn identifier(n: &Node) -> Identifier {
        Identifier {
            id: text(n),
            scheme_id: n.attr("schemeID").map(str::to_owned),
        }
    }

    fn ident(&mut self, k: &mut Kids<'_, '_>, name: &str) -> Option<Identifier> {
        k.take(Ns::Cbc, name).map(Self::identifier)
    }

    /// `<cac:Wrapper><cbc:ID>x</cbc:ID></cac:Wrapper>` style references.
    fn wrapped_id(&mut self, k: &mut Kids<'_, '_>, wrapper: &str) -> Option<String> {
        let n = k.take(Ns::Cac, wrapper)?;
        let mut w = k.sub(n);
        let id = self.s(&mut w, "ID");
        self.done(w);
        id
    }

    fn document(&mut self, root: &Node, kind: DocumentKind) -> Result<Invoice, ReadError> {
        let credit = kind == DocumentKind::CreditNote;
        let mut k = Kids::root(root);
        let mut inv = Invoice {
            kind,
            ..Invoice::default()
        };
        inv.customization_id = self.s(&mut k, "CustomizationID").unwrap_or_default();
        inv.profile_id = self.s(&mut k, "ProfileID");
        inv.number = self.s(&mut k, "ID").ok_or_else(|| ReadError::Missing {
            path: format!("{}/cbc:ID", k.path()),
        })?;
        inv.issue_date = self
            .date(&mut k, "IssueDate")
            .ok_or_else(|| ReadError::Missing {
                path: format!("{}/cbc:IssueDate", k.path()),
            })?;
        inv.due_date = if credit {
            None
        } else {
            self.date(&mut k, "DueDate")
        };
        let type_element = if credit {
            "CreditNoteTypeCode"
        } else {
            "InvoiceTypeCode"
        };
        inv.type_code = match self.s(&mut k, type_element) {
            Some(code) => TypeCode::from_code(&code),
            None if credit => TypeCode::CreditNote,
            None => TypeCode::Commercial,
        };
        inv.notes = k.take_all(Ns::Cbc, "Note").into_iter().map(text).collect();
        inv.tax_point_date = self.date(&mut k, "TaxPointDate");
        inv.currency = self.s(&mut k, "DocumentCurrencyCode").unwrap_or_default();
        self.currency.clone_from(&inv.currency);
        inv.vat_accounting_currency = self.s(&mut k, "TaxCurrencyCode");
        inv.accounting_cost = self.s(&mut k, "AccountingCost");
        inv.buyer_reference = self.s(&mut k, "BuyerReference");
        if let Some(p) = k.take(Ns::Cac, "InvoicePeriod") {
            inv.period = Some(self.period(&k, p));
        }
        if let Some(o) = k.take(Ns::Cac, "OrderReference") {
            let mut ok = k.sub(o);
            inv.order_reference = self.s(&mut ok, "ID");
            inv.sales_order_reference = self.s(&mut ok, "SalesOrderID");
            self.done(ok);
        }
        for b in k.take_all(Ns::Cac, "BillingReference") {
            let mut bk = k.sub(b);
            if let Some(d) = bk.take(Ns::Cac, "InvoiceDocumentReference") {
                let mut dk = bk.sub(d);
                let number = self.s(&mut dk, "ID").unwrap_or_default();
                let issue_date = self.date(&mut dk, "IssueDate");
                inv.preceding_invoices
                    .push(PrecedingInvoice { number, issue_date });
                self.done(dk);
            }
            self.done(bk);
        }
        inv.despatch_reference = self.wrapped_id(&mut k, "DespatchDocumentReference");
        inv.receiving_advice_reference = self.wrapped_id(&mut k, "ReceiptDocumentReference");
        inv.tender_reference = self.wrapped_id(&mut k, "OriginatorDocumentReference");
        inv.contract_reference = self.wrapped_id(&mut k, "ContractDocumentReference");
        for d in k.take_all(Ns::Cac, "AdditionalDocumentReference") {
            let doc = self.supporting_document(&k, d);
            // A credit note has no ProjectReference element: BT-11 travels as
            // a document reference of type 50.
            let is_project = credit
                && inv.project_reference.is_none()
                && doc.type_code.as_deref() == Some("50")
                && doc.id.scheme_id.is_none()
                && doc.description.is_none()
                && doc.external_uri.is_none()
                && doc.attachment.is_none();
            if is_project {
                inv.project_reference = Some(doc.id.id);
            } else {
                inv.supporting_documents.push(doc);
            }
        }
        if !credit {
            inv.project_reference = self.wrapped_id(&mut k, "ProjectReference");
        }
        inv.seller = self.role_party(&mut k, "AccountingSupplierParty")?;
        inv.buyer = self.role_party(&mut k, "AccountingCustomerParty")?;
        if let Some(p) = k.take(Ns::Cac, "PayeeParty") {
            inv.payee = Some(self.payee(&k, p));
        }
        if let Some(p) = k.take(Ns::Cac, "TaxRepresentativeParty") {
            inv.tax_representative = Some(self.tax_representative(&k, p));
        }
        if let Some(d) = k.take(Ns::Cac, "Delivery") {
            inv.delivery = Some(self.delivery(&k, d));
        }
        for pm in k.take_all(Ns::Cac, "PaymentMeans") {
            let means = self.payment_means(&k, pm, credit, &mut inv.due_date);
            inv.payment_means.push(means);
        }
        if let Some(t) = k.take(Ns::Cac, "PaymentTerms") {
            let mut tk = k.sub(t);
            inv.payment_terms = self.s(&mut tk, "Note");
            self.done(tk);
        }
        for ac in k.take_all(Ns::Cac, "AllowanceCharge") {
            let a = self.allowance_charge(&k, ac);
            inv.allowances_charges.push(a);
        }
        self.tax_totals(&mut k, &mut inv);
        let total = k
            .take(Ns::Cac, "LegalMonetaryTotal")
            .ok_or_else(|| ReadError::Missing {
                path: format!("{}/cac:LegalMonetaryTotal", k.path()),
            })?;
        let vat_total = inv.totals.vat_total;
        let vat_total_accounting = inv.totals.vat_total_accounting;
        inv.totals = self.monetary_total(&k, total);
        inv.totals.vat_total = vat_total;
        inv.totals.vat_total_accounting = vat_total_accounting;
        let (line_tag, qty_tag) = if credit {
            ("CreditNoteLine", "CreditedQuantity")
        } else {
            ("InvoiceLine", "InvoicedQuantity")
        };
        for l in k.take_all(Ns::Cac, line_tag) {
            let line = self.line(&k, l, qty_tag);
            inv.lines.push(line);
        }
        self.done(k);
        Ok(inv)
    }

    fn period(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Period {
        let mut k = parent.sub(n);
        let p = Period {
            start: self.date(&mut k, "StartDate"),
            end: self.date(&mut k, "EndDate"),
            description_code: self.s(&mut k, "DescriptionCode"),
        };
        self.done(k);
        p
    }

    fn supporting_document(&mut self, parent: &Kids<'_, '_>, n: &Node) -> SupportingDocument {
        let mut k = parent.sub(n);
        let mut d = SupportingDocument {
            id: self.ident(&mut k, "ID").unwrap_or_default(),
            type_code: self.s(&mut k, "DocumentTypeCode"),
            description: self.s(&mut k, "DocumentDescription"),
            ..SupportingDocument::default()
        };
        if let Some(a) = k.take(Ns::Cac, "Attachment") {
            let mut ak = k.sub(a);
            if let Some(obj) = ak.take(Ns::Cbc, "EmbeddedDocumentBinaryObject") {
                use base64::Engine as _;
                let compact: Vec<u8> = obj
                    .text
                    .bytes()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect();
                match base64::engine::general_purpose::STANDARD.decode(&compact) {
                    Ok(content) => {
                        d.attachment = Some(Attachment {
                            content,
                            mime_code: obj.attr("mimeCode").unwrap_or_default().to_owned(),
                            filename: obj.attr("filename").unwrap_or_default().to_owned(),
                        });
                    }
                    Err(e) => self.note(
                        ak.child_path(obj),
                        format!("attachment is not valid base64: {e}"),
                    ),
                }
            }
            if let Some(ext) = ak.take(Ns::Cac, "ExternalReference") {
                let mut ek = ak.sub(ext);
                d.external_uri = self.s(&mut ek, "URI");
                self.done(ek);
            }
            self.done(ak);
        }
        self.done(k);
        d
    }

    fn role_party(&mut self, k: &mut Kids<'_, '_>, role: &str) -> Result<Party, ReadError> {
        let missing = ReadError::Missing {
            path: format!("{}/cac:{role}/cac:Party", k.path()),
        };
        let r = k.take(Ns::Cac, role).ok_or(missing)?;
        let mut rk = k.sub(r);
        let p = rk
            .take(Ns::Cac, "Party")
            .ok_or_else(|| ReadError::Missing {
                path: format!("{}/cac:Party", rk.path()),
            })?;
        let party = self.party(&rk, p);
        self.done(rk);
        Ok(party)
    }

    fn party_name(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Option<String> {
        let mut k = parent.sub(n);
        let name = self.s(&mut k, "Name");
        self.done(k);
        name
    }

    fn party(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Party {
        let mut k = parent.sub(n);
        let mut p = Party {
            endpoint: self.ident(&mut k, "EndpointID"),
            ..Party::default()
        };
        for pi in k.take_all(Ns::Cac, "PartyIdentification") {
            let mut ik = k.sub(pi);
            if let Some(id) = self.ident(&mut ik, "ID") {
                p.identifiers.push(id);
            }
            self.done(ik);
        }
        if let Some(pn) = k.take(Ns::Cac, "PartyName") {
            p.trading_name = self.party_name(&k, pn);
        }
        if let Some(a) = k.take(Ns::Cac, "PostalAddress") {
            p.address = Some(self.address(&k, a));
        }
        for ts in k.take_all(Ns::Cac, "PartyTaxScheme") {
            let (company_id, scheme) = self.party_tax_scheme(&k, ts);
            if scheme.as_deref() == Some("VAT") && p.vat_id.is_none() {
                p.vat_id = Some(company_id);
            } else if scheme.as_deref() != Some("VAT") && p.tax_registration.is_none() {
                p.tax_registration = Some(Identifier {
                    id: company_id,
                    scheme_id: scheme,
                });
            } else {
                self.note(
                    k.child_path(ts),
                    "a second tax registration of the same kind is not modelled",
                );
            }
        }
        if let Some(le) = k.take(Ns::Cac, "PartyLegalEntity") {
            let mut lk = k.sub(le);
            p.legal_name = self.s(&mut lk, "RegistrationName").unwrap_or_default();
            p.legal_registration_id = self.ident(&mut lk, "CompanyID");
            p.legal_form = self.s(&mut lk, "CompanyLegalForm");
            self.done(lk);
        }
        if let Some(c) = k.take(Ns::Cac, "Contact") {
            let mut ck = k.sub(c);
            p.contact = Some(Contact {
                name: self.s(&mut ck, "Name"),
                telephone: self.s(&mut ck, "Telephone"),
                email: self.s(&mut ck, "ElectronicMail"),
            });
            self.done(ck);
        }
        self.done(k);
        p
    }

    fn party_tax_scheme(&mut self, parent: &Kids<'_, '_>, n: &Node) -> (String, Option<String>) {
        let mut k = parent.sub(n);
        let company_id = self.s(&mut k, "CompanyID").unwrap_or_default();
        let mut scheme = None;
        if let Some(ts) = k.take(Ns::Cac, "TaxScheme") {
            let mut tk = k.sub(ts);
            scheme = self.s(&mut tk, "ID");
            self.done(tk);
        }
        self.done(k);
        (company_id, scheme)
    }

    fn address(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Address {
        let mut k = parent.sub(n);
        let mut a = Address {
            street: self.s(&mut k, "StreetName"),
            additional_street: self.s(&mut k, "AdditionalStreetName"),
            city: self.s(&mut k, "CityName"),
            postal_code: self.s(&mut k, "PostalZone"),
            country_subentity: self.s(&mut k, "CountrySubentity"),
            ..Address::default()
        };
        if let Some(l) = k.take(Ns::Cac, "AddressLine") {
            let mut lk = k.sub(l);
            a.line3 = self.s(&mut lk, "Line");
            self.done(lk);
        }
        if let Some(c) = k.take(Ns::Cac, "Country") {
            let mut ck = k.sub(c);
            a.country_code = self.s(&mut ck, "IdentificationCode").unwrap_or_default();
            self.done(ck);
        }
        self.done(k);
        a
    }

    fn payee(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Payee {
        let mut k = parent.sub(n);
        let mut p = Payee::default();
        if let Some(pi) = k.take(Ns::Cac, "PartyIdentification") {
            let mut ik = k.sub(pi);
            p.identifier = self.ident(&mut ik, "ID");
            self.done(ik);
        }
        if let Some(pn) = k.take(Ns::Cac, "PartyName") {
            p.name = self.party_name(&k, pn).unwrap_or_default();
        }
        if let Some(le) = k.take(Ns::Cac, "PartyLegalEntity") {
            let mut lk = k.sub(le);
            p.legal_registration_id = self.ident(&mut lk, "CompanyID");
            self.done(lk);
        }
        self.done(k);
        p
    }

    fn tax_representative(&mut self, parent: &Kids<'_, '_>, n: &Node) -> TaxRepresentative {
        let mut k = parent.sub(n);
        let mut t = TaxRepresentative::default();
        if let Some(pn) = k.take(Ns::Cac, "PartyName") {
            t.name = self.party_name(&k, pn).unwrap_or_default();
        }
        if let Some(a) = k.take(Ns::Cac, "PostalAddress") {
            t.address = Some(self.address(&k, a));
        }
        if let Some(ts) = k.take(Ns::Cac, "PartyTaxScheme") {
            t.vat_id = self.party_tax_scheme(&k, ts).0;
        }
        self.done(k);
        t
    }

    fn delivery(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Delivery {
        let mut k = parent.sub(n);
        let mut d = Delivery {
            actual_date: self.date(&mut k, "ActualDeliveryDate"),
            ..Delivery::default()
        };
        if let Some(loc) = k.take(Ns::Cac, "DeliveryLocation") {
            let mut lk = k.sub(loc);
            d.location_id = self.ident(&mut lk, "ID");
            if let Some(a) = lk.take(Ns::Cac, "Address") {
                d.address = Some(self.address(&lk, a));
            }
            self.done(lk);
        }
        if let Some(dp) = k.take(Ns::Cac, "DeliveryParty") {
            let mut pk = k.sub(dp);
            if let Some(pn) = pk.take(Ns::Cac, "PartyName") {
                d.party_name = self.party_name(&pk, pn);
            }
            self.done(pk);
        }
        self.done(k);
        d
    }

    fn payment_means(
        &mut self,
        parent: &Kids<'_, '_>,
        n: &Node,
        credit: bool,
        due_date: &mut Option<NaiveDate>,
    ) -> PaymentMeans {
        let mut k = parent.sub(n);
        let mut pm = PaymentMeans::default();
        if let Some(code) = k.take(Ns::Cbc, "PaymentMeansCode") {
            pm.code = text(code);
            pm.text = code.attr("name").map(str::to_owned);
        }
        if credit {
            // BT-9 of a credit note lives here; the writer puts it in the first one.
            if let Some(due_node) = k
                .node
                .children
                .iter()
                .find(|c| c.ns == Ns::Cbc && c.name == "PaymentDueDate")
            {
                let path = k.child_path(due_node);
                if let Some(d) = self.date(&mut k, "PaymentDueDate") {
                    match due_date {
                        None => *due_date = Some(d),
                        Some(existing) if *existing == d => {}
                        Some(_) => {
                            self.note(path, "a second, different payment due date is not modelled")
                        }
                    }
                }
            }
        }
        pm.remittance_info = self.s(&mut k, "PaymentID");
        if let Some(c) = k.take(Ns::Cac, "CardAccount") {
            let mut ck = k.sub(c);
            pm.card = Some(CardAccount {
                primary_account_number: self
                    .s(&mut ck, "PrimaryAccountNumberID")
                    .unwrap_or_default(),
                network_id: self.s(&mut ck, "NetworkID").unwrap_or_default(),
                holder_name: self.s(&mut ck, "HolderName"),
            });
            self.done(ck);
        }
        if let Some(a) = k.take(Ns::Cac, "PayeeFinancialAccount") {
            let mut ak = k.sub(a);
            pm.payee_account = Some(FinancialAccount {
                id: self.s(&mut ak, "ID").unwrap_or_default(),
                name: self.s(&mut ak, "Name"),
                provider_id: self.wrapped_id(&mut ak, "FinancialInstitutionBranch"),
            });
            self.done(ak);
        }
        if let Some(m) = k.take(Ns::Cac, "PaymentMandate") {
            let mut mk = k.sub(m);
            pm.direct_debit = Some(DirectDebit {
                mandate_id: self.s(&mut mk, "ID"),
                debited_account: self.wrapped_id(&mut mk, "PayerFinancialAccount"),
            });
            self.done(mk);
        }
        self.done(k);
        pm
    }

    fn tax_category(&mut self, parent: &Kids<'_, '_>, n: &Node) -> TaxCategory {
        let mut k = parent.sub(n);
        let c = TaxCategory {
            category: VatCategory::from_code(&self.s(&mut k, "ID").unwrap_or_default()),
            rate: self.dec(&mut k, "Percent"),
            exemption_reason_code: self.s(&mut k, "TaxExemptionReasonCode"),
            exemption_reason: self.s(&mut k, "TaxExemptionReason"),
        };
        if let Some(ts) = k.take(Ns::Cac, "TaxScheme") {
            let mut tk = k.sub(ts);
            if let Some(scheme) = self.s(&mut tk, "ID")
                && scheme != "VAT"
            {
                self.note(
                    tk.path(),
                    format!("tax scheme {scheme:?} is written back as VAT"),
                );
            }
            self.done(tk);
        }
        self.done(k);
        c
    }

    fn allowance_charge(&mut self, parent: &Kids<'_, '_>, n: &Node) -> AllowanceCharge {
        let mut k = parent.sub(n);
        let mut ac = AllowanceCharge {
            is_charge: self.s(&mut k, "ChargeIndicator").as_deref() == Some("true"),
            reason_code: self.s(&mut k, "AllowanceChargeReasonCode"),
            reason: self.s(&mut k, "AllowanceChargeReason"),
            percentage: self.dec(&mut k, "MultiplierFactorNumeric"),
            amount: self.dec(&mut k, "Amount").unwrap_or_default(),
            base_amount: self.dec(&mut k, "BaseAmount"),
            tax_category: None,
        };
        if let Some(tc) = k.take(Ns::Cac, "TaxCategory") {
            ac.tax_category = Some(self.tax_category(&k, tc));
        }
        self.done(k);
        ac
    }

    fn tax_totals(&mut self, k: &mut Kids<'_, '_>, inv: &mut Invoice) {
        let mut main_seen = false;
        for tt in k.take_all(Ns::Cac, "TaxTotal") {
            let mut tk = k.sub(tt);
            let amount_node = tk.take(Ns::Cbc, "TaxAmount");
            let amount = amount_node.and_then(|a| self.decimal_of(&tk, a));
            let currency = amount_node.and_then(|a| a.attr("currencyID"));
            let subtotals = tk.take_all(Ns::Cac, "TaxSubtotal");
            let is_main =
                !main_seen && (!subtotals.is_empty() || currency.is_none_or(|c| c == inv.currency));
            if is_main {
                main_seen = true;
                if let Some(a) = amount_node {
                    self.check_currency(&tk, a);
                }
                inv.totals.vat_total = amount;
                for st in subtotals {
                    let b = self.tax_subtotal(&tk, st);
                    inv.vat_breakdown.push(b);
                }
            } else if inv.totals.vat_total_accounting.is_none() && subtotals.is_empty() {
                inv.totals.vat_total_accounting = amount;
                let written_as = inv.vat_accounting_currency.as_deref().unwrap_or("RON");
                if let Some(c) = currency
                    && c != written_as
                {
                    let reason = format!("VAT total in {c} is written back in {written_as} (BT-6)");
                    self.note(tk.path(), reason);
                }
            } else {
                self.note(tk.path(), "a further VAT total is not modelled");
                self.done(tk);
                continue;
            }
            self.done(tk);
        }
    }

    fn tax_subtotal(&mut self, parent: &Kids<'_, '_>, n: &Node) -> VatBreakdown {
        let mut k = parent.sub(n);
        let mut b = VatBreakdown {
            taxable_amount: self.dec(&mut k, "TaxableAmount").unwrap_or_default(),
            tax_amount: self.dec(&mut k, "TaxAmount").unwrap_or_default(),
            ..VatBreakdown::default()
        };
        if let Some(tc) = k.take(Ns::Cac, "TaxCategory") {
            b.category = self.tax_category(&k, tc);
        }
        self.done(k);
        b
    }

    fn monetary_total(&mut self, parent: &Kids<'_, '_>, n: &Node) -> DocumentTotals {
        let mut k = parent.sub(n);
        let t = DocumentTotals {
            line_net_total: self.dec(&mut k, "LineExtensionAmount").unwrap_or_default(),
            tax_exclusive: self.dec(&mut k, "TaxExclusiveAmount").unwrap_or_default(),
            tax_inclusive: self.dec(&mut k, "TaxInclusiveAmount").unwrap_or_default(),
            allowance_total: self.dec(&mut k, "AllowanceTotalAmount"),
            charge_total: self.dec(&mut k, "ChargeTotalAmount"),
            prepaid: self.dec(&mut k, "PrepaidAmount"),
            rounding: self.dec(&mut k, "PayableRoundingAmount"),
            payable: self.dec(&mut k, "PayableAmount").unwrap_or_default(),
            vat_total: None,
            vat_total_accounting: None,
        };
        self.done(k);
        t
    }

    fn line(&mut self, parent: &Kids<'_, '_>, n: &Node, qty_tag: &str) -> InvoiceLine {
        let mut k = parent.sub(n);
        let mut l = InvoiceLine {
            id: self.s(&mut k, "ID").unwrap_or_default(),
            note: self.s(&mut k, "Note"),
            ..InvoiceLine::default()
        };
        if let Some(q) = k.take(Ns::Cbc, qty_tag) {
            l.quantity = self.decimal_of(&k, q).unwrap_or_default();
            l.unit_code = q.attr("unitCode").unwrap_or_default().to_owned();
        }
        l.net_amount = self.dec(&mut k, "LineExtensionAmount").unwrap_or_default();
        l.accounting_cost = self.s(&mut k, "AccountingCost");
        if let Some(p) = k.take(Ns::Cac, "InvoicePeriod") {
            l.period = Some(self.period(&k, p));
        }
        if let Some(o) = k.take(Ns::Cac, "OrderLineReference") {
            let mut ok = k.sub(o);
            l.order_line_reference = self.s(&mut ok, "LineID");
            self.done(ok);
        }
        if let Some(d) = k.take(Ns::Cac, "DocumentReference") {
            let mut dk = k.sub(d);
            l.object_identifier = self.ident(&mut dk, "ID");
            if let Some(code) = self.s(&mut dk, "DocumentTypeCode")
                && code != "130"
            {
                self.note(
                    dk.path(),
                    format!("line document reference of type {code:?} is written back as 130"),
                );
            }
            self.done(dk);
        }
        for ac in k.take_all(Ns::Cac, "AllowanceCharge") {
            let a = self.allowance_charge(&k, ac);
            l.allowances_charges.push(a);
        }
        if let Some(it) = k.take(Ns::Cac, "Item") {
            l.item = self.item(&k, it);
        }
        if let Some(p) = k.take(Ns::Cac, "Price") {
            l.price = self.price(&k, p);
        }
        self.done(k);
        l
    }

    fn item(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Item {
        let mut k = parent.sub(n);
        let mut it = Item {
            description: self.s(&mut k, "Description"),
            name: self.s(&mut k, "Name").unwrap_or_default(),
            ..Item::default()
        };
        it.buyer_id = self.wrapped_id(&mut k, "BuyersItemIdentification");
        it.seller_id = self.wrapped_id(&mut k, "SellersItemIdentification");
        if let Some(s) = k.take(Ns::Cac, "StandardItemIdentification") {
            let mut sk = k.sub(s);
            it.standard_id = self.ident(&mut sk, "ID");
            self.done(sk);
        }
        if let Some(c) = k.take(Ns::Cac, "OriginCountry") {
            let mut ck = k.sub(c);
            it.origin_country = self.s(&mut ck, "IdentificationCode");
            self.done(ck);
        }
        for c in k.take_all(Ns::Cac, "CommodityClassification") {
            let mut ck = k.sub(c);
            if let Some(code) = ck.take(Ns::Cbc, "ItemClassificationCode") {
                it.classifications.push(ItemClassification {
                    code: text(code),
                    list_id: code.attr("listID").map(str::to_owned),
                    list_version_id: code.attr("listVersionID").map(str::to_owned),
                });
            }
            self.done(ck);
        }
        if let Some(tc) = k.take(Ns::Cac, "ClassifiedTaxCategory") {
            it.tax = self.tax_category(&k, tc);
        }
        for a in k.take_all(Ns::Cac, "AdditionalItemProperty") {
            let mut ak = k.sub(a);
            it.attributes.push(ItemAttribute {
                name: self.s(&mut ak, "Name").unwrap_or_default(),
                value: self.s(&mut ak, "Value").unwrap_or_default(),
            });
            self.done(ak);
        }
        self.done(k);
        it
    }

    fn price(&mut self, parent: &Kids<'_, '_>, n: &Node) -> Price {
        let mut k = parent.sub(n);
        let mut p = Price {
            amount: self.dec(&mut k, "PriceAmount").unwrap_or_default(),
            ..Price::default()
        };
        if let Some(b) = k.take(Ns::Cbc, "BaseQuantity") {
            p.base_quantity = self.decimal_of(&k, b);
            p.base_quantity_unit = b.attr("unitCode").map(str::to_owned);
        }
        if let Some(ac) = k.take(Ns::Cac, "AllowanceCharge") {
            let mut ak = k.sub(ac);
            let is_charge = self.s(&mut ak, "ChargeIndicator").as_deref() == Some("true");
            let amount = self.dec(&mut ak, "Amount");
            let gross_price = self.dec(&mut ak, "BaseAmount");
            match (is_charge, amount) {
                (false, Some(amount)) => {
                    p.discount = Some(PriceDiscount {
                        amount,
                        gross_price,
                    })
                }
                _ => self.note(
                    ak.path(),
                    "only a price discount (allowance) is modelled on a price",
                ),
            }
            self.done(ak);
        }
        self.done(k);
        p
    }
}
