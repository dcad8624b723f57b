//! VAT categories (UNCL5305 subset of EN 16931), tax categories and the VAT breakdown (BG-23).

use rust_decimal::Decimal;

/// VAT category code (BT-118 / BT-151 / BT-95 / BT-102). Serialised as its code, e.g. `"AE"`.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(into = "String", from = "String")]
pub enum VatCategory {
    /// S: standard rate (21/19, 11/9/5 in Romania).
    #[default]
    Standard,
    /// Z: zero rated goods.
    ZeroRated,
    /// E: exempt from VAT (needs an exemption reason).
    Exempt,
    /// AE: reverse charge (taxare inversă).
    ReverseCharge,
    /// K: intra-community supply (livrare intracomunitară).
    IntraCommunity,
    /// G: export outside the EU.
    Export,
    /// O: outside the scope of VAT (non-VAT-registered seller).
    NotSubject,
    /// L: Canary Islands IGIC.
    Igic,
    /// M: Ceuta and Melilla IPSI.
    Ipsi,
    /// Any other code read from a foreign document, kept as written.
    Other(String),
}

impl VatCategory {
    pub fn code(&self) -> &str {
        match self {
            VatCategory::Standard => "S",
            VatCategory::ZeroRated => "Z",
            VatCategory::Exempt => "E",
            VatCategory::ReverseCharge => "AE",
            VatCategory::IntraCommunity => "K",
            VatCategory::Export => "G",
            VatCategory::NotSubject => "O",
            VatCategory::Igic => "L",
            VatCategory::Ipsi => "M",
            VatCategory::Other(code) => code,
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code.trim() {
            "S" => VatCategory::Standard,
            "Z" => VatCategory::ZeroRated,
            "E" => VatCategory::Exempt,
            "AE" => VatCategory::ReverseCharge,
            "K" => VatCategory::IntraCommunity,
            "G" => VatCategory::Export,
            "O" => VatCategory::NotSubject,
            "L" => VatCategory::Igic,
            "M" => VatCategory::Ipsi,
            other => VatCategory::Other(other.to_owned()),
        }
    }

    /// Categories whose rate must be 0 (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05).
    pub fn requires_zero_rate(&self) -> bool {
        matches!(
            self,
            VatCategory::ZeroRated
                | VatCategory::Exempt
                | VatCategory::ReverseCharge
                | VatCategory::IntraCommunity
                | VatCategory::Export
        )
    }

    /// Categories that must carry an exemption reason text or code in the
    /// breakdown (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10).
    pub fn requires_exemption_reason(&self) -> bool {
        matches!(
            self,
            VatCategory::Exempt
                | VatCategory::ReverseCharge
                | VatCategory::IntraCommunity
                | VatCategory::Export
                | VatCategory::NotSubject
        )
    }
}

impl From<VatCategory> for String {
    fn from(c: VatCategory) -> String {
        c.code().to_owned()
    }
}

impl From<String> for VatCategory {
    fn from(code: String) -> VatCategory {
        VatCategory::from_code(&code)
    }
}

/// A VAT category with its rate and, where the law asks for it, the reason for
/// exemption (BT-120 text, BT-121 VATEX code).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaxCategory {
    pub category: VatCategory,
    /// Percent; absent for category O (BR-O-05).
    pub rate: Option<Decimal>,
    pub exemption_reason_code: Option<String>,
    pub exemption_reason: Option<String>,
}

impl TaxCategory {
    pub fn new(category: VatCategory, rate: Option<Decimal>) -> Self {
        TaxCategory {
            category,
            rate,
            exemption_reason_code: None,
            exemption_reason: None,
        }
    }

    /// Category and rate, the key that groups lines into one breakdown entry.
    pub fn same_bucket(&self, other: &TaxCategory) -> bool {
        self.category == other.category
            && self.rate.unwrap_or_default() == other.rate.unwrap_or_default()
    }
}

/// One VAT breakdown entry (BG-23).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VatBreakdown {
    /// BT-116 taxable amount.
    pub taxable_amount: Decimal,
    /// BT-117 VAT amount.
    pub tax_amount: Decimal,
    /// BT-118..121.
    pub category: TaxCategory,
}
