//! The error file inside a `nok` zip: `<header xmlns="mfp:anaf:dgti:efactura:mesajEroriFactuta:v1"
//! Index_incarcare=".." Cif_emitent=".."><Error errorMessage=".."/>...</header>`
//! (namespace spelled "Factuta" by ANAF; capitalised attributes; `Error`, not `Errors`).

use super::xml_out::{DECLARATION_STANDALONE_YES, header_element};
use super::{AnafError, WireError, expect_root, parse_response_xml};

pub const ERROR_FILE_NAMESPACE: &str = "mfp:anaf:dgti:efactura:mesajEroriFactuta:v1";
const PAYLOAD: &str = "error file (mesajEroriFactuta)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorFile {
    pub index_incarcare: String,
    pub cif_emitent: Option<String>,
    /// One `errorMessage` per finding; may contain line breaks and tabs.
    pub errors: Vec<String>,
}

impl ErrorFile {
    pub fn from_xml(body: &[u8]) -> Result<Self, WireError> {
        let doc = parse_response_xml(body, PAYLOAD)?;
        let root = expect_root(&doc, PAYLOAD, "header")?;
        Ok(Self {
            index_incarcare: root
                .attribute("Index_incarcare")
                .ok_or(WireError::Missing {
                    payload: PAYLOAD,
                    what: "Index_incarcare",
                })?
                .to_owned(),
            cif_emitent: root.attribute("Cif_emitent").map(str::to_owned),
            errors: root
                .child_elements()
                .filter(|e| e.local == "Error" || e.local == "Errors")
                .filter_map(|e| e.attribute("errorMessage").map(str::to_owned))
                .collect(),
        })
    }

    /// Byte-for-byte the layout of ANAF's 2026 production error files, trailing newline
    /// included.
    pub fn to_xml(&self) -> String {
        let mut attributes: Vec<(&str, &str)> = vec![("Index_incarcare", &self.index_incarcare)];
        if let Some(c) = &self.cif_emitent {
            attributes.push(("Cif_emitent", c));
        }
        let children: Vec<(&str, &str, &str)> = self
            .errors
            .iter()
            .map(|m| ("Error", "errorMessage", m.as_str()))
            .collect();
        format!(
            "{DECLARATION_STANDALONE_YES}\n{}\n",
            header_element(ERROR_FILE_NAMESPACE, &attributes, &children)
        )
    }

    /// The findings, classified (the duplicate rule becomes [`AnafError::Duplicate`]).
    pub fn classified(&self) -> Vec<AnafError> {
        self.errors.iter().map(|m| AnafError::classify(m)).collect()
    }
}
