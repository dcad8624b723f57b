//! The sandbox's business validation: ANAF validates every UBL upload with the EN 16931 and
//! CIUS-RO rules, so the sandbox runs spvdesk's own full validator and phrases each fatal finding
//! the way ANAF does (structured `tipAssert=…` lines for `validare`, `[RULE]-text` lines in error
//! files), plus ANAF's own identity check on the buyer's CIF, which is not a Schematron rule.

use super::intake::{DocumentEssentials, DocumentKind};
use crate::anaf::wire::texts::global_rule_error;
use crate::validation::{self, Flag, Limits, Mode};

pub struct RuleFailure {
    pub code: String,
    /// The official text, without our explanation (ANAF prints its own wording only).
    pub text: String,
    /// Where the rule failed (element path); empty for document-level and identity checks.
    pub location: String,
    /// Identity checks are reported as `tipAssert=E` without location/expression.
    pub identity: bool,
}

impl RuleFailure {
    pub fn structured(&self, root: &str) -> String {
        if self.identity {
            return format!(
                "tipAssert=E; codEroare={}; textEroare={}",
                self.code, self.text
            );
        }
        let location = if self.location.is_empty() {
            format!("/{root}")
        } else {
            self.location.clone()
        };
        // ANAF also prints the XPath it evaluated (`expresieValidata`); spvdesk's rules are
        // native code, so the field is present and carries the rule id instead.
        format!(
            "tipAssert=FailedAssert; codEroare={code}; localizareEroare={location}; textEroare={text}; expresieValidata={code}",
            code = self.code,
            text = self.text,
        )
    }

    pub fn error_file_line(&self) -> String {
        if self.identity {
            global_rule_error(&self.code, &self.text)
        } else {
            self.text.clone()
        }
    }
}

/// Every reason ANAF would refuse this upload: fatal findings of full validation (UBL invoices
/// and credit notes only; CII and RASP bodies are not validated by the sandbox), then the buyer
/// identification check.
pub fn check(
    kind: DocumentKind,
    body: &[u8],
    essentials: &DocumentEssentials,
    extern_buyer: bool,
) -> Vec<RuleFailure> {
    let mut out = Vec::new();
    if matches!(kind, DocumentKind::Rasp | DocumentKind::Cii) {
        return out;
    }
    let report = validation::validate(body, Mode::Full, &Limits::default());
    for finding in report.findings.iter().filter(|f| f.flag == Flag::Fatal) {
        out.push(RuleFailure {
            code: finding.rule.clone(),
            text: validation::full::official_text(finding),
            location: finding.location.clone(),
            identity: false,
        });
    }
    if essentials.buyer_cif.is_none() && !extern_buyer {
        out.push(RuleFailure {
            code: "ERRIdentif".into(),
            text: "nu a fost identificat cui cumparator".into(),
            location: String::new(),
            identity: true,
        });
    }
    out
}
