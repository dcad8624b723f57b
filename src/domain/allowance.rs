//! Allowances and charges, document level (BG-20/BG-21) and line level (BG-27/BG-28).

use rust_decimal::Decimal;

use crate::domain::vat::TaxCategory;

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowanceCharge {
    /// false: allowance (discount), true: charge.
    pub is_charge: bool,
    /// BT-92/99/136/141 amount, without VAT.
    pub amount: Decimal,
    /// BT-93/100/137/142 base amount the percentage applies to.
    pub base_amount: Option<Decimal>,
    /// BT-94/101/138/143 percentage (`MultiplierFactorNumeric`).
    pub percentage: Option<Decimal>,
    /// BT-95/102 VAT category; only on document level.
    pub tax_category: Option<TaxCategory>,
    /// BT-97/104/139/144 reason text.
    pub reason: Option<String>,
    /// BT-98/105/140/145 reason code (UNCL5189 for allowances, UNCL7161 for charges).
    pub reason_code: Option<String>,
}

impl AllowanceCharge {
    /// Signed effect on a net amount: charges add, allowances subtract.
    pub fn signed_amount(&self) -> Decimal {
        if self.is_charge {
            self.amount
        } else {
            -self.amount
        }
    }
}
