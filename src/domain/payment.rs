//! Payment instructions (BG-16) and their sub-groups.

/// BG-16 payment means with BG-17 credit transfer, BG-18 card, BG-19 direct debit.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMeans {
    /// BT-81 UNCL4461 code: 30 credit transfer, 31 debit transfer, 42 bank
    /// account, 48/54/55 card, 49/59 direct debit, 10 cash, 97 clearing.
    pub code: String,
    /// BT-82 payment means text (`@name`).
    pub text: Option<String>,
    /// BT-83 remittance information (`PaymentID`).
    pub remittance_info: Option<String>,
    /// BG-18 card information.
    pub card: Option<CardAccount>,
    /// BG-17 payee account(s); EN 16931 allows several credit-transfer blocks,
    /// each with one account, so one per payment means here.
    pub payee_account: Option<FinancialAccount>,
    /// BG-19 direct debit.
    pub direct_debit: Option<DirectDebit>,
}

/// BG-17 credit transfer account.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FinancialAccount {
    /// BT-84 account identifier, usually an IBAN (see [`crate::domain::ids::Iban`]).
    pub id: String,
    /// BT-85 account name.
    pub name: Option<String>,
    /// BT-86 payment service provider (BIC).
    pub provider_id: Option<String>,
}

/// BG-18 payment card.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardAccount {
    /// BT-87 last digits of the card number.
    pub primary_account_number: String,
    /// Card network (`NetworkID`, mandatory in UBL).
    pub network_id: String,
    /// BT-88 card holder.
    pub holder_name: Option<String>,
}

/// BG-19 direct debit.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectDebit {
    /// BT-89 mandate reference.
    pub mandate_id: Option<String>,
    /// BT-91 debited account.
    pub debited_account: Option<String>,
}
