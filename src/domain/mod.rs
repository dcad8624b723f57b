//! The EN 16931 semantic invoice model as Romanian e-Factura uses it, plus the
//! validated newtypes (CIF, IBAN, county) the rest of the application relies on.
//!
//! Pure code: no I/O, no clock. Money is `rust_decimal::Decimal`, never floats.

pub mod address;
pub mod allowance;
pub mod credit_note;
pub mod ids;
pub mod invoice;
pub mod line;
pub mod party;
pub mod payment;
pub mod rounding;
pub mod totals;
pub mod vat;

pub use address::{Address, BucharestSector, County};
pub use allowance::AllowanceCharge;
pub use credit_note::{CreditError, LineSelection, credit_full, credit_partial};
pub use ids::{Cif, Iban};
pub use invoice::{
    Attachment, CIUS_RO_CUSTOMIZATION_ID, DocumentKind, DocumentTotals, Invoice, Period,
    PrecedingInvoice, SupportingDocument, TypeCode,
};
pub use line::{InvoiceLine, Item, ItemAttribute, ItemClassification, Price, PriceDiscount};
pub use party::{Contact, Delivery, Identifier, Party, Payee, TaxRepresentative};
pub use payment::{CardAccount, DirectDebit, FinancialAccount, PaymentMeans};
pub use totals::ConsistencyError;
pub use vat::{TaxCategory, VatBreakdown, VatCategory};
