//! The invoice document (EN 16931 core invoice), shared by Invoice and CreditNote.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::allowance::AllowanceCharge;
use crate::domain::line::InvoiceLine;
use crate::domain::party::{Delivery, Identifier, Party, Payee, TaxRepresentative};
use crate::domain::payment::PaymentMeans;
use crate::domain::vat::VatBreakdown;

/// CIUS-RO specification identifier (BT-24) demanded by BR-RO-001.
pub const CIUS_RO_CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1";

/// Which UBL document carries the invoice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum DocumentKind {
    #[default]
    Invoice,
    CreditNote,
}

/// BT-3 invoice type code (UNCL1001). Serialised as its code, e.g. `"380"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", from = "String")]
pub enum TypeCode {
    /// 380 commercial invoice.
    #[default]
    Commercial,
    /// 384 corrected invoice.
    Corrected,
    /// 389 self-billed invoice (autofactură).
    SelfBilled,
    /// 751 invoice information for accounting purposes.
    AccountingInformation,
    /// 381 credit note.
    CreditNote,
    /// Anything else, kept as read.
    Other(String),
}

impl TypeCode {
    pub fn code(&self) -> &str {
        match self {
            TypeCode::Commercial => "380",
            TypeCode::Corrected => "384",
            TypeCode::SelfBilled => "389",
            TypeCode::AccountingInformation => "751",
            TypeCode::CreditNote => "381",
            TypeCode::Other(c) => c,
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code.trim() {
            "380" => TypeCode::Commercial,
            "384" => TypeCode::Corrected,
            "389" => TypeCode::SelfBilled,
            "751" => TypeCode::AccountingInformation,
            "381" => TypeCode::CreditNote,
            other => TypeCode::Other(other.to_owned()),
        }
    }
}

impl From<TypeCode> for String {
    fn from(code: TypeCode) -> String {
        code.code().to_owned()
    }
}

impl From<String> for TypeCode {
    fn from(code: String) -> TypeCode {
        TypeCode::from_code(&code)
    }
}

/// BG-14 / BG-26 period.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// BT-8 VAT point date code (CIUS-RO: 3, 35 or 432); EN 16931 uses it on
    /// the document period only, but it is kept wherever a document has it.
    pub description_code: Option<String>,
}

/// BG-3 preceding invoice reference.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrecedingInvoice {
    /// BT-25.
    pub number: String,
    /// BT-26.
    pub issue_date: Option<NaiveDate>,
}

/// BG-24 additional supporting document (also BT-18 invoiced object identifier
/// when `type_code` is 130).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportingDocument {
    /// BT-122 (BT-18 with its scheme).
    pub id: Identifier,
    pub type_code: Option<String>,
    /// BT-123.
    pub description: Option<String>,
    /// BT-124 external location.
    pub external_uri: Option<String>,
    /// BT-125 embedded document.
    pub attachment: Option<Attachment>,
}

/// An embedded document (base64 in UBL).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The file itself (base64 in JSON, as in UBL).
    #[serde(with = "base64_bytes")]
    pub content: Vec<u8>,
    /// BT-125-1 MIME code.
    pub mime_code: String,
    /// BT-125-2 file name.
    pub filename: String,
}

/// BG-22 document totals, plus BT-110/BT-111 VAT totals.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTotals {
    /// BT-106 sum of line net amounts.
    pub line_net_total: Decimal,
    /// BT-107 sum of document allowances.
    pub allowance_total: Option<Decimal>,
    /// BT-108 sum of document charges.
    pub charge_total: Option<Decimal>,
    /// BT-109 total without VAT.
    pub tax_exclusive: Decimal,
    /// BT-110 total VAT in document currency.
    pub vat_total: Option<Decimal>,
    /// BT-111 total VAT in the VAT accounting currency (RON for foreign-currency invoices).
    pub vat_total_accounting: Option<Decimal>,
    /// BT-112 total with VAT.
    pub tax_inclusive: Decimal,
    /// BT-113 paid amount.
    pub prepaid: Option<Decimal>,
    /// BT-114 rounding amount.
    pub rounding: Option<Decimal>,
    /// BT-115 amount due for payment.
    pub payable: Decimal,
}

/// An invoice or credit note, as EN 16931 defines its content.
///
/// Values are kept as stated (e.g. `19.0` and `19.00` stay as written,
/// though they compare equal) so a document read from XML writes back the same.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub kind: DocumentKind,
    /// BT-24.
    pub customization_id: String,
    /// BT-23 business process.
    pub profile_id: Option<String>,
    /// BT-1 number; CIUS-RO wants at least one digit.
    pub number: String,
    /// BT-2.
    pub issue_date: NaiveDate,
    /// BT-9 (credit notes carry it in the first payment means).
    pub due_date: Option<NaiveDate>,
    /// BT-3.
    pub type_code: TypeCode,
    /// BT-22 notes (CIUS-RO: at most 20).
    pub notes: Vec<String>,
    /// BT-7 VAT point date.
    pub tax_point_date: Option<NaiveDate>,
    /// BT-5 invoice currency.
    pub currency: String,
    /// BT-6 VAT accounting currency; RON when BT-5 is not RON (BR-RO-030).
    pub vat_accounting_currency: Option<String>,
    /// BT-19 buyer accounting reference.
    pub accounting_cost: Option<String>,
    /// BT-10 buyer reference.
    pub buyer_reference: Option<String>,
    /// BG-14 invoicing period with BT-8.
    pub period: Option<Period>,
    /// BT-13 purchase order reference.
    pub order_reference: Option<String>,
    /// BT-14 sales order reference.
    pub sales_order_reference: Option<String>,
    /// BG-3 preceding invoices (corrections and credit notes).
    pub preceding_invoices: Vec<PrecedingInvoice>,
    /// BT-16 despatch advice reference.
    pub despatch_reference: Option<String>,
    /// BT-15 receiving advice reference.
    pub receiving_advice_reference: Option<String>,
    /// BT-17 tender or lot reference.
    pub tender_reference: Option<String>,
    /// BT-12 contract reference.
    pub contract_reference: Option<String>,
    /// BG-24 supporting documents and BT-18.
    pub supporting_documents: Vec<SupportingDocument>,
    /// BT-11 project reference.
    pub project_reference: Option<String>,
    /// BG-4.
    pub seller: Party,
    /// BG-7.
    pub buyer: Party,
    /// BG-10.
    pub payee: Option<Payee>,
    /// BG-11.
    pub tax_representative: Option<TaxRepresentative>,
    /// BG-13.
    pub delivery: Option<Delivery>,
    /// BG-16.
    pub payment_means: Vec<PaymentMeans>,
    /// BT-20 payment terms.
    pub payment_terms: Option<String>,
    /// BG-20 / BG-21.
    pub allowances_charges: Vec<AllowanceCharge>,
    /// BG-23.
    pub vat_breakdown: Vec<VatBreakdown>,
    /// BG-22.
    pub totals: DocumentTotals,
    /// BG-25.
    pub lines: Vec<InvoiceLine>,
}

impl Invoice {
    /// An empty invoice of the given kind with the CIUS-RO customization id,
    /// ready to be filled and then completed with `compute_totals`.
    pub fn new(kind: DocumentKind, number: &str, issue_date: NaiveDate, currency: &str) -> Self {
        Invoice {
            kind,
            customization_id: CIUS_RO_CUSTOMIZATION_ID.to_owned(),
            number: number.to_owned(),
            issue_date,
            type_code: match kind {
                DocumentKind::Invoice => TypeCode::Commercial,
                DocumentKind::CreditNote => TypeCode::CreditNote,
            },
            currency: currency.to_owned(),
            ..Invoice::default()
        }
    }
}

/// Bytes as a base64 string in JSON.
mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}
