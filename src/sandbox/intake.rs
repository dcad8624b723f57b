//! Upload intake: the lenient first read ANAF makes of every upload before validating it.
//!
//! ANAF routes a document (which XSD, whose SPV, duplicate or not) from a few facts: document
//! kind, invoice number, issue date, seller and buyer CIF, and for RASP the upload it answers.
//! This reader takes only those, tolerating anything else, and refuses what ANAF refuses at
//! upload (not well-formed, DOCTYPE, wrong root) with Xerces-style positions. Validation proper
//! is `crate::validation`'s job (see `rules`). `crate::ubl`'s reader is not used here: it maps a
//! whole UBL document into the domain model, which intake does not need, and reads neither CII
//! nor RASP.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::anaf::wire::rasp::RASP_NAMESPACE;
use crate::anaf::wire::texts::upload_invalid_xml;
use crate::domain::ids::cif_digits_unchecked;
use crate::ubl::{CREDIT_NOTE_NS, INVOICE_NS};
use crate::validation::quick::tokenizer::predefined_entity;

const CII_NS: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocumentKind {
    Invoice,
    CreditNote,
    Cii,
    Rasp,
}

/// The facts extracted from an uploaded document; `None` = absent from the XML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentEssentials {
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub seller_cif: Option<String>,
    pub buyer_cif: Option<String>,
    /// RASP only: the upload index the buyer's message refers to, and its text.
    pub rasp_index: Option<String>,
    pub rasp_message: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ParsedDocument {
    pub kind: DocumentKind,
    pub root_local_name: String,
    pub essentials: DocumentEssentials,
}

/// Why a document is refused at intake, positioned the way Xerces reports it (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("not well-formed at {line}:{column}: {detail}")]
    NotWellFormed {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("unexpected root element {name} at {line}:{column}")]
    UnknownRoot {
        name: String,
        line: usize,
        column: usize,
    },
}

impl IntakeError {
    /// ANAF's wording for XSD/SAX failures.
    pub fn anaf_message(&self) -> String {
        match self {
            IntakeError::NotWellFormed {
                line,
                column,
                detail,
            } => upload_invalid_xml(*line as u64, *column as u64, detail),
            IntakeError::UnknownRoot { name, line, column } => upload_invalid_xml(
                *line as u64,
                *column as u64,
                &format!("cvc-elt.1.a: Cannot find the declaration of element '{name}'."),
            ),
        }
    }
}

/// One field: the element path (local names, below the root) whose text is taken.
struct FieldPath {
    path: &'static [&'static str],
    field: Field,
}

#[derive(Clone, Copy)]
enum Field {
    Number,
    IssueDate,
    Seller,
    Buyer,
}

const UBL_PATHS: &[FieldPath] = &[
    FieldPath {
        path: &["ID"],
        field: Field::Number,
    },
    FieldPath {
        path: &["IssueDate"],
        field: Field::IssueDate,
    },
    FieldPath {
        path: &[
            "AccountingSupplierParty",
            "Party",
            "PartyTaxScheme",
            "CompanyID",
        ],
        field: Field::Seller,
    },
    FieldPath {
        path: &[
            "AccountingSupplierParty",
            "Party",
            "PartyLegalEntity",
            "CompanyID",
        ],
        field: Field::Seller,
    },
    FieldPath {
        path: &[
            "AccountingCustomerParty",
            "Party",
            "PartyTaxScheme",
            "CompanyID",
        ],
        field: Field::Buyer,
    },
    FieldPath {
        path: &[
            "AccountingCustomerParty",
            "Party",
            "PartyLegalEntity",
            "CompanyID",
        ],
        field: Field::Buyer,
    },
    FieldPath {
        path: &[
            "AccountingCustomerParty",
            "Party",
            "PartyIdentification",
            "ID",
        ],
        field: Field::Buyer,
    },
];

const CII_PATHS: &[FieldPath] = &[
    FieldPath {
        path: &["ExchangedDocument", "ID"],
        field: Field::Number,
    },
    FieldPath {
        path: &["ExchangedDocument", "IssueDateTime", "DateTimeString"],
        field: Field::IssueDate,
    },
    FieldPath {
        path: &[
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "SellerTradeParty",
            "SpecifiedTaxRegistration",
            "ID",
        ],
        field: Field::Seller,
    },
    FieldPath {
        path: &[
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "SellerTradeParty",
            "SpecifiedLegalOrganization",
            "ID",
        ],
        field: Field::Seller,
    },
    FieldPath {
        path: &[
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "BuyerTradeParty",
            "SpecifiedTaxRegistration",
            "ID",
        ],
        field: Field::Buyer,
    },
    FieldPath {
        path: &[
            "SupplyChainTradeTransaction",
            "ApplicableHeaderTradeAgreement",
            "BuyerTradeParty",
            "SpecifiedLegalOrganization",
            "ID",
        ],
        field: Field::Buyer,
    },
];

/// Parses `bytes` (no DTD allowed) and extracts the essentials. `expected` restricts the
/// accepted roots the way ANAF's `standard` parameter selects the XSD.
pub fn parse_document(
    bytes: &[u8],
    expected: &[DocumentKind],
) -> Result<ParsedDocument, IntakeError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(bytes, e.valid_up_to());
        IntakeError::NotWellFormed {
            line,
            column,
            detail: "Invalid byte 1 of 1-byte UTF-8 sequence.".into(),
        }
    })?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    let mut kind: Option<DocumentKind> = None;
    let mut root_name = String::new();
    let mut current_text = String::new();
    let mut out = DocumentEssentials::default();
    let not_wf = |pos: u64, detail: String| {
        let (line, column) = line_column(bytes, usize::try_from(pos).unwrap_or(usize::MAX));
        IntakeError::NotWellFormed {
            line,
            column,
            detail,
        }
    };
    loop {
        let (root_ns, event) = match reader.read_resolved_event() {
            Err(e) => return Err(not_wf(reader.error_position(), e.to_string())),
            Ok((ns, ev)) => {
                let ns = match (kind.is_none(), ns) {
                    (true, ResolveResult::Bound(n)) => n.as_ref().to_string(),
                    _ => String::new(),
                };
                (ns, ev)
            }
        };
        let pos = reader.buffer_position();
        match &event {
            Event::Eof => break,
            Event::DocType(_) => {
                return Err(not_wf(pos, "DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\" set to true.".into()));
            }
            Event::Start(e) | Event::Empty(e) if kind.is_none() => {
                let local = e.local_name().as_ref().to_string();
                let found = match (local.as_str(), root_ns.as_str()) {
                    ("Invoice", INVOICE_NS) => Some(DocumentKind::Invoice),
                    ("CreditNote", CREDIT_NOTE_NS) => Some(DocumentKind::CreditNote),
                    ("CrossIndustryInvoice", CII_NS) => Some(DocumentKind::Cii),
                    ("header", RASP_NAMESPACE) => Some(DocumentKind::Rasp),
                    _ => None,
                };
                let qname = e.name().as_ref().to_string();
                let (line, column) = line_column(bytes, usize::try_from(pos).unwrap_or(usize::MAX));
                match found {
                    Some(k) if expected.contains(&k) => kind = Some(k),
                    _ => {
                        return Err(IntakeError::UnknownRoot {
                            name: qname,
                            line,
                            column,
                        });
                    }
                }
                if kind == Some(DocumentKind::Rasp) {
                    for attr in e.attributes().flatten() {
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        match attr.key.local_name().as_ref() {
                            "index_incarcare" => out.rasp_index = Some(value),
                            "message" => out.rasp_message = Some(value),
                            _ => {}
                        }
                    }
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(local.clone());
                }
                root_name = local;
            }
            Event::Start(e) => {
                stack.push(e.local_name().as_ref().to_string());
                current_text.clear();
            }
            Event::Text(t) => current_text.push_str(&t.xml10_content()),
            Event::CData(t) => current_text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current_text.push(c);
                } else {
                    let entity = r.xml10_content();
                    match predefined_entity(&entity) {
                        Some(text) => current_text.push_str(text),
                        None => {
                            return Err(not_wf(
                                pos,
                                format!(
                                    "The entity \"{entity}\" was referenced, but not declared."
                                ),
                            ));
                        }
                    }
                }
            }
            Event::End(_) => {
                if let Some(k) = kind {
                    record_field(k, &stack, current_text.trim(), &mut out);
                }
                stack.pop();
                current_text.clear();
            }
            _ => {}
        }
    }
    match kind {
        Some(kind) => Ok(ParsedDocument {
            kind,
            root_local_name: root_name,
            essentials: out,
        }),
        None => Err(not_wf(0, "Premature end of file.".into())),
    }
}

fn record_field(kind: DocumentKind, stack: &[String], value: &str, out: &mut DocumentEssentials) {
    if value.is_empty() || stack.len() < 2 {
        return;
    }
    let below_root: Vec<&str> = stack[1..].iter().map(String::as_str).collect();
    let paths = match kind {
        DocumentKind::Invoice | DocumentKind::CreditNote => UBL_PATHS,
        DocumentKind::Cii => CII_PATHS,
        DocumentKind::Rasp => return,
    };
    for p in paths {
        if p.path == below_root.as_slice() {
            let slot = match p.field {
                Field::Number => &mut out.number,
                Field::IssueDate => &mut out.issue_date,
                Field::Seller => &mut out.seller_cif,
                Field::Buyer => &mut out.buyer_cif,
            };
            if slot.is_none() {
                *slot = Some(match p.field {
                    Field::Seller | Field::Buyer => cif_digits_unchecked(value),
                    Field::IssueDate => normalize_date(value),
                    Field::Number => value.to_string(),
                });
            }
        }
    }
}

/// CII dates come as `yyyyMMdd` (format 102); UBL as `yyyy-MM-dd`. Store the UBL form.
fn normalize_date(raw: &str) -> String {
    if raw.len() == 8 && raw.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..])
    } else {
        raw.to_string()
    }
}

/// 1-based line and column of the character *after* byte `pos` (Xerces reports the position
/// just past the offending construct).
fn line_column(bytes: &[u8], pos: usize) -> (usize, usize) {
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_ubl_invoice_fields() {
        let xml = br#"<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
<cbc:ID>F&amp;1</cbc:ID><cbc:IssueDate>2026-01-02</cbc:IssueDate>
<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>RO 123</cbc:CompanyID></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:CompanyID>456</cbc:CompanyID></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
</Invoice>"#;
        let doc = parse_document(xml, &[DocumentKind::Invoice]).unwrap();
        assert_eq!(doc.kind, DocumentKind::Invoice);
        assert_eq!(doc.essentials.number.as_deref(), Some("F&1"));
        assert_eq!(doc.essentials.issue_date.as_deref(), Some("2026-01-02"));
        assert_eq!(doc.essentials.seller_cif.as_deref(), Some("123"));
        assert_eq!(doc.essentials.buyer_cif.as_deref(), Some("456"));
    }

    #[test]
    fn wrong_root_reports_xerces_position() {
        let err = parse_document(b"<x/>", &[DocumentKind::Invoice]).unwrap_err();
        assert_eq!(
            err.anaf_message(),
            "Fisierul transmis nu este valid. org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 5; cvc-elt.1.a: Cannot find the declaration of element 'x'. "
        );
    }

    #[test]
    fn doctype_and_garbage_are_refused() {
        assert!(
            parse_document(
                b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>",
                &[DocumentKind::Invoice]
            )
            .is_err()
        );
        assert!(parse_document(b"<Invoice", &[DocumentKind::Invoice]).is_err());
        assert!(parse_document(&[0xff, 0xfe], &[DocumentKind::Invoice]).is_err());
    }

    #[test]
    fn extracts_rasp_and_cii() {
        let rasp = br#"<header xmlns="mfp:anaf:dgti:spv:reqMesaj:v1" index_incarcare="191823" message="m"/>"#;
        let doc = parse_document(rasp, &[DocumentKind::Rasp]).unwrap();
        assert_eq!(doc.essentials.rasp_index.as_deref(), Some("191823"));
        let cii = br#"<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="r" xmlns:udt="u"><rsm:ExchangedDocument><ram:ID>T1</ram:ID><ram:IssueDateTime><udt:DateTimeString format="102">20130410</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"#;
        let doc = parse_document(cii, &[DocumentKind::Cii]).unwrap();
        assert_eq!(doc.essentials.number.as_deref(), Some("T1"));
        assert_eq!(doc.essentials.issue_date.as_deref(), Some("2013-04-10"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any byte string is either parsed or refused with a positioned error; never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = parse_document(&bytes, &[DocumentKind::Invoice, DocumentKind::Rasp]);
        }

        #[test]
        fn xml_like_input_never_panics(s in "[<>/a-zA-Z=\"' &;:#x0-9\n-]{0,200}") {
            let _ = parse_document(s.as_bytes(), &[DocumentKind::Invoice]);
        }
    }
}
