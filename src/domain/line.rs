//! Invoice lines (BG-25) with item (BG-31), price (BG-29) and line allowances/charges.

use rust_decimal::Decimal;

use crate::domain::allowance::AllowanceCharge;
use crate::domain::invoice::Period;
use crate::domain::party::Identifier;
use crate::domain::vat::TaxCategory;

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLine {
    /// BT-126 line identifier.
    pub id: String,
    /// BT-127 line note.
    pub note: Option<String>,
    /// BT-129 invoiced quantity.
    pub quantity: Decimal,
    /// BT-130 UN/ECE Rec 20 unit code (H87 piece, C62 one, KGM, HUR, ...).
    pub unit_code: String,
    /// BT-131 line net amount.
    pub net_amount: Decimal,
    /// BT-133 buyer accounting reference.
    pub accounting_cost: Option<String>,
    /// BG-26 line period.
    pub period: Option<Period>,
    /// BT-132 referenced purchase order line.
    pub order_line_reference: Option<String>,
    /// BT-128 invoiced object identifier (with scheme).
    pub object_identifier: Option<Identifier>,
    /// BG-27 / BG-28.
    pub allowances_charges: Vec<AllowanceCharge>,
    pub item: Item,
    pub price: Price,
}

/// BG-31 item information.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// BT-153 item name.
    pub name: String,
    /// BT-154 item description.
    pub description: Option<String>,
    /// BT-155 seller's item identifier.
    pub seller_id: Option<String>,
    /// BT-156 buyer's item identifier.
    pub buyer_id: Option<String>,
    /// BT-157 standard identifier (GTIN...) with scheme.
    pub standard_id: Option<Identifier>,
    /// BT-158 classifications (CPV, NC/CN codes...).
    pub classifications: Vec<ItemClassification>,
    /// BT-159 country of origin.
    pub origin_country: Option<String>,
    /// BG-30 line VAT information.
    pub tax: TaxCategory,
    /// BG-32 item attributes.
    pub attributes: Vec<ItemAttribute>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemClassification {
    pub code: String,
    /// Scheme (`listID`), e.g. STI, CV (CPV), TSP (NC).
    pub list_id: Option<String>,
    pub list_version_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemAttribute {
    /// BT-160.
    pub name: String,
    /// BT-161.
    pub value: String,
}

/// BG-29 price details.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// BT-146 item net price (after the price discount).
    pub amount: Decimal,
    /// BT-149 base quantity the price applies to (default 1).
    pub base_quantity: Option<Decimal>,
    /// BT-150 unit of the base quantity.
    pub base_quantity_unit: Option<String>,
    /// BT-147 / BT-148 price discount and gross price.
    pub discount: Option<PriceDiscount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceDiscount {
    /// BT-147 discount per unit.
    pub amount: Decimal,
    /// BT-148 gross price.
    pub gross_price: Option<Decimal>,
}
