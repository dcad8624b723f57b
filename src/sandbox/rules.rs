//! The sandbox's stand-in for business validation: which essentials are missing, phrased as
//! ANAF phrases rule failures (structured `tipAssert=…` for validare, `[RULE]-text` in error
//! files). The real validator replaces this later.

use super::stub_ubl::{DocumentEssentials, DocumentKind};

pub struct RuleFailure {
    pub code: &'static str,
    pub text: &'static str,
    pub expression: &'static str,
    /// Identity checks are reported as `tipAssert=E` without location/expression.
    pub identity: bool,
}

impl RuleFailure {
    pub fn structured(&self, root: &str) -> String {
        if self.identity {
            format!(
                "tipAssert=E; codEroare={}; textEroare={}",
                self.code, self.text
            )
        } else {
            format!(
                "tipAssert=FailedAssert; codEroare={code}; localizareEroare=/{root}; textEroare=[{code}]-{text}; expresieValidata={expr}",
                code = self.code,
                text = self.text,
                expr = self.expression
            )
        }
    }

    pub fn error_file_line(&self) -> String {
        if self.identity {
            format!(
                "E: validari globale\n eroare regula: {}: {}",
                self.code, self.text
            )
        } else {
            format!("[{}]-{}", self.code, self.text)
        }
    }
}

pub fn missing_essentials(
    kind: DocumentKind,
    e: &DocumentEssentials,
    extern_buyer: bool,
) -> Vec<RuleFailure> {
    let mut out = Vec::new();
    if kind == DocumentKind::Rasp {
        return out;
    }
    if e.number.is_none() {
        out.push(RuleFailure {
            code: "BR-02",
            text: "An Invoice shall have an Invoice number (BT-1).",
            expression: "exists(cbc:ID)",
            identity: false,
        });
    }
    if e.issue_date.is_none() {
        out.push(RuleFailure {
            code: "BR-03",
            text: "An Invoice shall have an Invoice issue date (BT-2).",
            expression: "exists(cbc:IssueDate)",
            identity: false,
        });
    }
    if e.seller_cif.is_none() {
        out.push(RuleFailure {
            code: "BR-CO-26",
            text: "In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.",
            expression: "exists(cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID) or exists(cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID)",
            identity: false,
        });
    }
    if e.buyer_cif.is_none() && !extern_buyer {
        out.push(RuleFailure {
            code: "ERRIdentif",
            text: "nu a fost identificat cui cumparator",
            expression: "",
            identity: true,
        });
    }
    out
}
