//! The mechanical CIUS-RO families as tables: maximum lengths (`BR-RO-L…`, on
//! `normalize-space()`d text) and at most two decimals (`BR-DEC-RO-…`, characters after the
//! first '.'). Each table belongs to one rule context of `RO16931-rules.sch`.

use crate::validation::full::doc::{NSID_CAC as A, NSID_CBC as B, NsId};

/// A path of (namespace, local name) steps below the context node.
pub type Steps = &'static [(NsId, &'static str)];

/// (rule id, path below the context, maximum characters).
pub type LengthRule = (&'static str, Steps, usize);

/// Root context (`/ubl:Invoice | /cn:CreditNote`).
pub const ROOT_LENGTHS: &[LengthRule] = &[
    ("BR-RO-L0201", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PostalAddress"), (B, "PostalZone")], 20),
    ("BR-RO-L0202", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PostalAddress"), (B, "PostalZone")], 20),
    ("BR-RO-L0203", &[(A, "TaxRepresentativeParty"), (A, "PostalAddress"), (B, "PostalZone")], 20),
    ("BR-RO-L0204", &[(A, "Delivery"), (A, "DeliveryLocation"), (A, "Address"), (B, "PostalZone")], 20),
    ("BR-RO-L155", &[(B, "ID")], 200),
    ("BR-RO-L0302", &[(A, "ContractDocumentReference"), (B, "ID")], 200),
    ("BR-RO-L0303", &[(A, "OrderReference"), (B, "ID")], 200),
    ("BR-RO-L0304", &[(A, "OrderReference"), (B, "SalesOrderID")], 200),
    ("BR-RO-L0305", &[(A, "ReceiptDocumentReference"), (B, "ID")], 200),
    ("BR-RO-L0306", &[(A, "DespatchDocumentReference"), (B, "ID")], 200),
    ("BR-RO-L0307", &[(A, "OriginatorDocumentReference"), (B, "ID")], 200),
    ("BR-RO-L0501", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PostalAddress"), (B, "CityName")], 50),
    ("BR-RO-L0502", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PostalAddress"), (B, "CityName")], 50),
    ("BR-RO-L0503", &[(A, "TaxRepresentativeParty"), (A, "PostalAddress"), (B, "CityName")], 50),
    ("BR-RO-L0504", &[(A, "Delivery"), (A, "DeliveryLocation"), (A, "Address"), (B, "CityName")], 50),
    ("BR-RO-L1001", &[(B, "AccountingCost")], 100),
    ("BR-RO-L1002", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PostalAddress"), (B, "AdditionalStreetName")], 100),
    ("BR-RO-L1003", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PostalAddress"), (A, "AddressLine"), (B, "Line")], 100),
    ("BR-RO-L1004", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "Contact"), (B, "Name")], 100),
    ("BR-RO-L1005", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "Contact"), (B, "Telephone")], 100),
    ("BR-RO-L1006", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "Contact"), (B, "ElectronicMail")], 100),
    ("BR-RO-L1007", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PostalAddress"), (B, "AdditionalStreetName")], 100),
    ("BR-RO-L1008", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PostalAddress"), (A, "AddressLine"), (B, "Line")], 100),
    ("BR-RO-L1009", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "Contact"), (B, "Name")], 100),
    ("BR-RO-L1010", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "Contact"), (B, "Telephone")], 100),
    ("BR-RO-L1011", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "Contact"), (B, "ElectronicMail")], 100),
    ("BR-RO-L1012", &[(A, "TaxRepresentativeParty"), (A, "PostalAddress"), (B, "AdditionalStreetName")], 100),
    ("BR-RO-L1013", &[(A, "TaxRepresentativeParty"), (A, "PostalAddress"), (A, "AddressLine"), (B, "Line")], 100),
    ("BR-RO-L1014", &[(A, "Delivery"), (A, "DeliveryLocation"), (A, "Address"), (B, "AdditionalStreetName")], 100),
    ("BR-RO-L1015", &[(A, "Delivery"), (A, "DeliveryLocation"), (A, "Address"), (A, "AddressLine"), (B, "Line")], 100),
    ("BR-RO-L151", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PostalAddress"), (B, "StreetName")], 150),
    ("BR-RO-L152", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PostalAddress"), (B, "StreetName")], 150),
    ("BR-RO-L153", &[(A, "TaxRepresentativeParty"), (A, "PostalAddress"), (B, "StreetName")], 150),
    ("BR-RO-L154", &[(A, "Delivery"), (A, "DeliveryLocation"), (A, "Address"), (B, "StreetName")], 150),
    ("BR-RO-L201", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PartyLegalEntity"), (B, "RegistrationName")], 200),
    ("BR-RO-L202", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PartyName"), (B, "Name")], 200),
    ("BR-RO-L203", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PartyLegalEntity"), (B, "RegistrationName")], 200),
    ("BR-RO-L204", &[(A, "AccountingCustomerParty"), (A, "Party"), (A, "PartyName"), (B, "Name")], 200),
    ("BR-RO-L205", &[(A, "PayeeParty"), (A, "PartyName"), (B, "Name")], 200),
    ("BR-RO-L206", &[(A, "TaxRepresentativeParty"), (A, "PartyName"), (B, "Name")], 200),
    ("BR-RO-L207", &[(A, "Delivery"), (A, "DeliveryParty"), (A, "PartyName"), (B, "Name")], 200),
    ("BR-RO-L301", &[(A, "PaymentTerms"), (B, "Note")], 300),
    ("BR-RO-L1000", &[(A, "AccountingSupplierParty"), (A, "Party"), (A, "PartyLegalEntity"), (B, "CompanyLegalForm")], 1000),
];

/// `//cac:PaymentMeans` (BR-RO-L1016 reads the `@name` attribute, handled by the rule itself).
pub const PAYMENT_MEANS_LENGTHS: &[LengthRule] = &[
    ("BR-RO-L208", &[(A, "PayeeFinancialAccount"), (B, "Name")], 200),
    ("BR-RO-L209", &[(A, "CardAccount"), (B, "HolderName")], 200),
    ("BR-RO-L140", &[(B, "PaymentID")], 140),
];

/// `cac:InvoiceLine | cac:CreditNoteLine`.
pub const LINE_LENGTHS: &[LengthRule] = &[
    ("BR-RO-L1024", &[(A, "Item"), (B, "Name")], 100),
    ("BR-RO-L1021", &[(B, "AccountingCost")], 100),
    ("BR-RO-L212", &[(A, "Item"), (B, "Description")], 200),
    ("BR-RO-L303", &[(B, "Note")], 300),
];

/// `//cac:Item/cac:AdditionalItemProperty`.
pub const ITEM_PROPERTY_LENGTHS: &[LengthRule] = &[
    ("BR-RO-L0505", &[(B, "Name")], 50),
    ("BR-RO-L1025", &[(B, "Value")], 100),
];

/// `//cac:AdditionalDocumentReference` (BR-RO-L211 reads `@filename`, handled by the rule).
pub const SUPPORTING_DOCUMENT_LENGTHS: &[LengthRule] = &[
    ("BR-RO-L0308", &[(B, "ID")], 200),
    ("BR-RO-L1020", &[(B, "DocumentDescription")], 100),
    ("BR-RO-L210", &[(A, "Attachment"), (A, "ExternalReference"), (B, "URI")], 200),
];

/// `//cac:BillingReference`.
pub const BILLING_REFERENCE_LENGTHS: &[LengthRule] =
    &[("BR-RO-L156", &[(A, "InvoiceDocumentReference"), (B, "ID")], 200)];

/// (rule id, child element of the context) for "at most 2 decimals".
pub type DecimalRule = (&'static str, &'static str);

pub const DOC_ALLOWANCE_DECIMALS: &[DecimalRule] =
    &[("BR-DEC-RO-01", "Amount"), ("BR-DEC-RO-02", "BaseAmount")];
pub const DOC_CHARGE_DECIMALS: &[DecimalRule] =
    &[("BR-DEC-RO-05", "Amount"), ("BR-DEC-RO-06", "BaseAmount")];
pub const LINE_ALLOWANCE_DECIMALS: &[DecimalRule] =
    &[("BR-DEC-RO-24", "Amount"), ("BR-DEC-RO-25", "BaseAmount")];
pub const LINE_CHARGE_DECIMALS: &[DecimalRule] =
    &[("BR-DEC-RO-27", "Amount"), ("BR-DEC-RO-28", "BaseAmount")];
pub const MONETARY_TOTAL_DECIMALS: &[DecimalRule] = &[
    ("BR-DEC-RO-09", "LineExtensionAmount"),
    ("BR-DEC-RO-10", "AllowanceTotalAmount"),
    ("BR-DEC-RO-11", "ChargeTotalAmount"),
    ("BR-DEC-RO-12", "TaxExclusiveAmount"),
    ("BR-DEC-RO-14", "TaxInclusiveAmount"),
    ("BR-DEC-RO-16", "PrepaidAmount"),
    ("BR-DEC-RO-17", "PayableRoundingAmount"),
    ("BR-DEC-RO-18", "PayableAmount"),
];
pub const TAX_SUBTOTAL_DECIMALS: &[DecimalRule] = &[
    ("BR-DEC-RO-1009", "TaxableAmount"),
    ("BR-DEC-RO-1010", "TaxAmount"),
];
