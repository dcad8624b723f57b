//! Findings and reports shared by the quick (XSD-equivalent) and full (business rules) validators.

use serde::Serialize;

/// How serious a finding is. `Fatal` makes a document invalid (ANAF rejects it); `Warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    Fatal,
    Warning,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Fatal => "fatal",
            Flag::Warning => "warning",
        }
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id: `"XSD"` for everything the UBL 2.1 schema checks (structure, datatypes, and the
    /// input limits that guard the parser); business rules use their official ids (`BR-RO-010`).
    pub rule: String,
    pub flag: Flag,
    /// Element path with the conventional prefixes, e.g. `/Invoice/cac:InvoiceLine/cbc:ID`;
    /// attributes end in `/@name`. Empty when the problem is about the document as a whole.
    pub location: String,
    /// 1-based line of the start tag (or of the offending byte for well-formedness errors).
    pub line: Option<u32>,
    /// 1-based column, counted in characters from the start of the line.
    pub column: Option<u32>,
    pub message_ro: String,
    pub message_en: String,
}

/// The outcome of validating one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    /// Valid means "no fatal finding"; warnings do not make a document invalid.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.flag == Flag::Fatal)
    }

    pub fn fatal_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.flag == Flag::Fatal)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.flag == Flag::Warning)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(flag: Flag) -> Finding {
        Finding {
            rule: "XSD".to_owned(),
            flag,
            location: "/Invoice/cbc:ID".to_owned(),
            line: Some(1),
            column: Some(2),
            message_ro: "ro".to_owned(),
            message_en: "en".to_owned(),
        }
    }

    #[test]
    fn flags_serialise_in_lower_case() {
        assert_eq!(serde_json::to_string(&Flag::Fatal).unwrap(), "\"fatal\"");
        assert_eq!(
            serde_json::to_string(&Flag::Warning).unwrap(),
            "\"warning\""
        );
    }

    #[test]
    fn only_fatal_findings_make_a_report_invalid() {
        assert!(Report::default().is_valid());
        let warnings = Report {
            findings: vec![finding(Flag::Warning)],
        };
        assert!(warnings.is_valid());
        let fatal = Report {
            findings: vec![finding(Flag::Warning), finding(Flag::Fatal)],
        };
        assert!(!fatal.is_valid());
        assert_eq!((fatal.fatal_count(), fatal.warning_count()), (1, 1));
    }
}
