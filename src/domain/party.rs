//! Parties: seller (BG-4), buyer (BG-7), payee (BG-10), tax representative
//! (BG-11) and deliver-to (BG-13).

use chrono::NaiveDate;

use crate::domain::address::Address;

/// An identifier with an optional scheme (ISO 6523 ICD, EAS, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    pub id: String,
    pub scheme_id: Option<String>,
}

impl Identifier {
    pub fn new(id: impl Into<String>) -> Self {
        Identifier {
            id: id.into(),
            scheme_id: None,
        }
    }

    pub fn with_scheme(id: impl Into<String>, scheme: impl Into<String>) -> Self {
        Identifier {
            id: id.into(),
            scheme_id: Some(scheme.into()),
        }
    }
}

/// Seller or buyer.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// BT-34 / BT-49 electronic address.
    pub endpoint: Option<Identifier>,
    /// BT-29 / BT-46 party identifiers.
    pub identifiers: Vec<Identifier>,
    /// BT-28 / BT-45 trading name.
    pub trading_name: Option<String>,
    /// BG-5 / BG-8.
    pub address: Option<Address>,
    /// BT-31 / BT-48 VAT identifier (`RO` + CIF for Romanian VAT payers).
    pub vat_id: Option<String>,
    /// BT-32 tax registration identifier under a scheme other than VAT
    /// (Romanian non-VAT-payers put their CIF here), with the scheme id.
    pub tax_registration: Option<Identifier>,
    /// BT-27 / BT-44 legal name.
    pub legal_name: String,
    /// BT-30 / BT-47 legal registration identifier (trade register number, CUI).
    pub legal_registration_id: Option<Identifier>,
    /// BT-33 additional legal information (share capital, register...).
    pub legal_form: Option<String>,
    /// BG-6 / BG-9.
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// BT-41 / BT-56.
    pub name: Option<String>,
    /// BT-42 / BT-57.
    pub telephone: Option<String>,
    /// BT-43 / BT-58.
    pub email: Option<String>,
}

/// BG-10: who receives the payment when not the seller (e.g. factoring).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payee {
    /// BT-60.
    pub identifier: Option<Identifier>,
    /// BT-59.
    pub name: String,
    /// BT-61.
    pub legal_registration_id: Option<Identifier>,
}

/// BG-11: the seller's VAT representative.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaxRepresentative {
    /// BT-62.
    pub name: String,
    /// BG-12.
    pub address: Option<Address>,
    /// BT-63.
    pub vat_id: String,
}

/// BG-13 delivery information.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// BT-70 deliver-to party name.
    pub party_name: Option<String>,
    /// BT-71 deliver-to location identifier.
    pub location_id: Option<Identifier>,
    /// BT-72 actual delivery date.
    pub actual_date: Option<NaiveDate>,
    /// BG-15 deliver-to address.
    pub address: Option<Address>,
}
