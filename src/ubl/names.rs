//! Namespace URIs of UBL 2.1. The reader matches on these, never on prefixes.

pub const INVOICE_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub const CREDIT_NOTE_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
pub const CAC_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub const CBC_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The namespaces the mapping cares about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Invoice,
    CreditNote,
    Cac,
    Cbc,
    Other,
    None,
}

impl Ns {
    pub(crate) fn from_uri(uri: &str) -> Ns {
        match uri {
            CAC_NS => Ns::Cac,
            CBC_NS => Ns::Cbc,
            INVOICE_NS => Ns::Invoice,
            CREDIT_NOTE_NS => Ns::CreditNote,
            _ => Ns::Other,
        }
    }

    /// Conventional prefix used in paths reported to users.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Ns::Cac => "cac:",
            Ns::Cbc => "cbc:",
            Ns::Other => "*:",
            Ns::Invoice | Ns::CreditNote | Ns::None => "",
        }
    }
}
