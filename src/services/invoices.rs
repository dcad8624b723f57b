//! Invoices and credit notes stored for a company: brought in as UBL XML or as the model's JSON,
//! listed, read, and validated with the one validator spvdesk has.
//!
//! A document belongs to the company that issued it (outgoing) or that it is addressed to
//! (incoming): the seller's or the buyer's CIF must be the company's. The same document (partner,
//! kind, number, issue date) is stored once.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{FieldErrors, ServiceError};
use crate::db::DbConnection;
use crate::db::models::{Company, InvoiceRecord};
use crate::db::schema::{invoices, memberships};
use crate::domain::invoice::{DocumentKind, Invoice};
use crate::domain::party::Party;
use crate::services::companies::Role;
use crate::ubl;
use crate::validation::{self, Limits, Mode, Report};

/// Who issued the document, seen from the company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The company is the seller.
    Outgoing,
    /// The company is the buyer.
    Incoming,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Outgoing => "outgoing",
            Direction::Incoming => "incoming",
        }
    }
}

/// Where a document is in its life. Only the first steps exist so far: issuing and submitting
/// to ANAF add theirs.
pub const STATUS_DRAFT: &str = "draft";
pub const STATUS_RECEIVED: &str = "received";

pub fn kind_str(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Invoice => "invoice",
        DocumentKind::CreditNote => "credit_note",
    }
}

/// A list row: everything but the document itself.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invoices)]
pub struct InvoiceSummary {
    pub id: String,
    pub company_id: String,
    pub direction: String,
    pub kind: String,
    pub status: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub currency: String,
    pub partner_name: String,
    pub partner_cif: String,
    pub payable_minor: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl InvoiceSummary {
    pub fn of(r: &InvoiceRecord) -> InvoiceSummary {
        InvoiceSummary {
            id: r.id.clone(),
            company_id: r.company_id.clone(),
            direction: r.direction.clone(),
            kind: r.kind.clone(),
            status: r.status.clone(),
            number: r.number.clone(),
            issue_date: r.issue_date,
            currency: r.currency.clone(),
            partner_name: r.partner_name.clone(),
            partner_cif: r.partner_cif.clone(),
            payable_minor: r.payable_minor,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    /// BT-115, the amount due, back from minor units.
    pub fn payable(&self) -> Decimal {
        Decimal::new(self.payable_minor, 2)
    }
}

/// Stores a UBL invoice or credit note exactly as received (the bytes are kept; the model is
/// read from them for the list and the API).
pub fn import_xml(
    conn: &mut DbConnection,
    company: &Company,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<InvoiceRecord, ServiceError> {
    let read = ubl::read_invoice(bytes).map_err(|e| ServiceError::BadDocument {
        key: "invoices.unreadable",
        detail: e.to_string(),
    })?;
    insert(conn, company, read.invoice, Some(bytes.to_vec()), now)
}

/// Stores a document given as the model (a draft: its XML is written when it is needed).
pub fn create(
    conn: &mut DbConnection,
    company: &Company,
    invoice: Invoice,
    now: NaiveDateTime,
) -> Result<InvoiceRecord, ServiceError> {
    insert(conn, company, invoice, None, now)
}

fn insert(
    conn: &mut DbConnection,
    company: &Company,
    invoice: Invoice,
    xml: Option<Vec<u8>>,
    now: NaiveDateTime,
) -> Result<InvoiceRecord, ServiceError> {
    let mut errors = FieldErrors::default();
    if invoice.number.trim().is_empty() {
        errors.add("number", "field.required");
    }
    let direction = direction_for(company, &invoice);
    if direction.is_none() {
        errors.add("seller", "invoices.not_this_company");
    }
    let payable_minor = (invoice.totals.payable * Decimal::ONE_HUNDRED)
        .round()
        .to_i64();
    if payable_minor.is_none() {
        errors.add("payable", "invoices.amount_too_large");
    }
    let (Some(direction), Some(payable_minor), true) =
        (direction, payable_minor, errors.is_empty())
    else {
        return Err(ServiceError::Validation(errors));
    };
    let partner = match direction {
        Direction::Outgoing => &invoice.buyer,
        Direction::Incoming => &invoice.seller,
    };
    let data = serde_json::to_string(&invoice)
        .map_err(|e| ServiceError::Internal(format!("invoice to JSON: {e}")))?;
    let record = InvoiceRecord {
        id: uuid::Uuid::new_v4().to_string(),
        company_id: company.id.clone(),
        direction: direction.as_str().to_owned(),
        kind: kind_str(invoice.kind).to_owned(),
        status: match direction {
            Direction::Outgoing => STATUS_DRAFT,
            Direction::Incoming => STATUS_RECEIVED,
        }
        .to_owned(),
        number: invoice.number.trim().to_owned(),
        issue_date: invoice.issue_date,
        currency: invoice.currency.clone(),
        partner_name: partner.legal_name.clone(),
        partner_cif: party_cif(partner).unwrap_or_default(),
        payable_minor,
        data,
        xml,
        created_at: now,
        updated_at: now,
    };
    conn.transaction(|conn| {
        let existing: i64 = invoices::table
            .filter(invoices::company_id.eq(&record.company_id))
            .filter(invoices::direction.eq(&record.direction))
            .filter(invoices::partner_cif.eq(&record.partner_cif))
            .filter(invoices::kind.eq(&record.kind))
            .filter(invoices::number.eq(&record.number))
            .filter(invoices::issue_date.eq(record.issue_date))
            .count()
            .get_result(conn)?;
        if existing > 0 {
            return Err(ServiceError::Conflict("invoices.duplicate"));
        }
        // Two uploads of the same file at once both pass the count; the unique index stops
        // the second, which gets the same answer.
        match diesel::insert_into(invoices::table)
            .values(&record)
            .execute(conn)
        {
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Err(ServiceError::Conflict("invoices.duplicate")),
            other => other.map(|_| ()).map_err(ServiceError::from),
        }
    })?;
    Ok(record)
}

/// Outgoing when the company is the seller, incoming when it is the buyer.
fn direction_for(company: &Company, invoice: &Invoice) -> Option<Direction> {
    let ours = normalise_cif(&company.cif);
    if party_cif(&invoice.seller).is_some_and(|c| c == ours) {
        Some(Direction::Outgoing)
    } else if party_cif(&invoice.buyer).is_some_and(|c| c == ours) {
        Some(Direction::Incoming)
    } else {
        None
    }
}

/// The CIF a party is identified by: its VAT id (BT-31/48), else its legal registration id
/// (BT-30/47), else its tax registration (BT-32), without `RO` and blanks.
fn party_cif(party: &Party) -> Option<String> {
    party
        .vat_id
        .as_deref()
        .or(party.legal_registration_id.as_ref().map(|i| i.id.as_str()))
        .or(party.tax_registration.as_ref().map(|i| i.id.as_str()))
        .map(normalise_cif)
        .filter(|c| !c.is_empty())
}

fn normalise_cif(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = compact.to_ascii_uppercase();
    upper.strip_prefix("RO").unwrap_or(&upper).to_owned()
}

/// A slice of a list: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

/// Most rows one call returns.
pub const MAX_PAGE: i64 = 500;

/// The company's documents, newest first (by issue date, then by when they were stored), and
/// how many there are in all.
pub fn list(
    conn: &mut DbConnection,
    company_id: &str,
    page: Page,
) -> Result<(Vec<InvoiceSummary>, i64), ServiceError> {
    conn.transaction(|conn| {
        let rows = invoices::table
            .filter(invoices::company_id.eq(company_id))
            .order((
                invoices::issue_date.desc(),
                invoices::created_at.desc(),
                invoices::id.asc(),
            ))
            .limit(page.limit.clamp(0, MAX_PAGE))
            .offset(page.offset.max(0))
            .select(InvoiceSummary::as_select())
            .load(conn)?;
        let total = invoices::table
            .filter(invoices::company_id.eq(company_id))
            .count()
            .get_result(conn)?;
        Ok((rows, total))
    })
}

/// Drafts waiting to be issued and invoices received, per company.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InvoiceCounts {
    pub drafts: i64,
    pub received: i64,
}

/// The counts of each of `company_ids` that has documents.
pub fn counts(
    conn: &mut DbConnection,
    company_ids: &[String],
) -> Result<std::collections::HashMap<String, InvoiceCounts>, ServiceError> {
    let rows: Vec<(String, String, i64)> = invoices::table
        .filter(invoices::company_id.eq_any(company_ids))
        .group_by((invoices::company_id, invoices::status))
        .select((
            invoices::company_id,
            invoices::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let mut out = std::collections::HashMap::<String, InvoiceCounts>::new();
    for (company_id, status, n) in rows {
        let entry = out.entry(company_id).or_default();
        match status.as_str() {
            STATUS_DRAFT => entry.drafts += n,
            STATUS_RECEIVED => entry.received += n,
            _ => {}
        }
    }
    Ok(out)
}

/// One document of the company; another company's looks the same as a missing one.
pub fn get(
    conn: &mut DbConnection,
    company_id: &str,
    id: &str,
) -> Result<InvoiceRecord, ServiceError> {
    Ok(invoices::table
        .filter(invoices::company_id.eq(company_id))
        .filter(invoices::id.eq(id))
        .select(InvoiceRecord::as_select())
        .first(conn)?)
}

/// One document of any company the user is a member of, with the user's role there.
pub fn get_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    id: &str,
) -> Result<(InvoiceRecord, Role), ServiceError> {
    let (record, role): (InvoiceRecord, String) = invoices::table
        .inner_join(
            memberships::table.on(memberships::company_id
                .eq(invoices::company_id)
                .and(memberships::user_id.eq(user_id))),
        )
        .filter(invoices::id.eq(id))
        .select((InvoiceRecord::as_select(), memberships::role))
        .first(conn)?;
    Ok((record, Role::parse(&role).unwrap_or(Role::Viewer)))
}

/// Whether a document may still be removed: nothing has been issued or sent to ANAF for it.
pub fn is_deletable(status: &str) -> bool {
    status == STATUS_DRAFT || status == STATUS_RECEIVED
}

/// Removes a draft or a received document of the company.
pub fn delete(conn: &mut DbConnection, company_id: &str, id: &str) -> Result<(), ServiceError> {
    conn.transaction(|conn| {
        let record = get(conn, company_id, id)?;
        if !is_deletable(&record.status) {
            return Err(ServiceError::Conflict("invoices.not_deletable"));
        }
        diesel::delete(invoices::table.filter(invoices::id.eq(&record.id))).execute(conn)?;
        Ok(())
    })
}

/// The document as the model holds it.
pub fn model(record: &InvoiceRecord) -> Result<Invoice, ServiceError> {
    serde_json::from_str(&record.data)
        .map_err(|e| ServiceError::Internal(format!("stored invoice {}: {e}", record.id)))
}

/// The UBL bytes of a document: as stored, or for a draft that has none yet, the XML spvdesk
/// would issue from its data.
pub fn document_xml(record: &InvoiceRecord) -> Result<Vec<u8>, ServiceError> {
    if let Some(xml) = &record.xml {
        return Ok(xml.clone());
    }
    ubl::write_invoice(&model(record)?).map_err(|e| ServiceError::BadDocument {
        key: "invoices.cannot_write",
        detail: e.to_string(),
    })
}

/// Validates a stored document with the same validator as the command line, the API and the
/// sandbox. CPU work: callers keep it off async workers.
pub fn validate(record: &InvoiceRecord, mode: Mode) -> Result<Report, ServiceError> {
    let bytes = document_xml(record)?;
    Ok(validation::validate(&bytes, mode, &Limits::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cifs_compare_without_ro_and_blanks() {
        assert_eq!(normalise_cif(" ro 1234 5678 "), "12345678");
        assert_eq!(normalise_cif("RO12345678"), "12345678");
        assert_eq!(normalise_cif("12345678"), "12345678");
    }

    #[test]
    fn a_party_is_known_by_its_vat_id_first() {
        let mut party = Party {
            vat_id: Some("RO111".into()),
            ..Party::default()
        };
        party.legal_registration_id = Some(crate::domain::party::Identifier::new("222"));
        assert_eq!(party_cif(&party).as_deref(), Some("111"));
        party.vat_id = None;
        assert_eq!(party_cif(&party).as_deref(), Some("222"));
        party.legal_registration_id = None;
        assert_eq!(party_cif(&party), None);
    }
}
