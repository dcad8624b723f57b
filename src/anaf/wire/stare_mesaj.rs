//! `GET stareMesaj` answer: `<header xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1"
//! stare=".." [id_descarcare=".."]/>`, or, for query errors, no `stare` and `Errors` children.

use super::xml_out::{DECLARATION_STANDALONE_YES, header_element};
use super::{AnafError, WireError, expect_root, parse_response_xml};

pub const STARE_MESAJ_NAMESPACE: &str = "mfp:anaf:dgti:efactura:stareMesajFactura:v1";
const PAYLOAD: &str = "stareMesaj response";

/// The processing state of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stare {
    /// `in prelucrare`: still processing, poll again later.
    InPrelucrare,
    /// `ok`: accepted; the zip holds the invoice and ANAF's signature.
    Ok,
    /// `nok`: rejected; the zip holds the error file and ANAF's signature.
    Nok,
    /// `XML cu erori nepreluat de sistem`: refused at upload.
    XmlCuErori,
    /// A value ANAF has not documented; kept verbatim.
    Other(String),
}

impl Stare {
    pub fn as_str(&self) -> &str {
        match self {
            Stare::InPrelucrare => "in prelucrare",
            Stare::Ok => "ok",
            Stare::Nok => "nok",
            Stare::XmlCuErori => "XML cu erori nepreluat de sistem",
            Stare::Other(s) => s,
        }
    }

    pub fn parse(value: &str) -> Self {
        match value.trim() {
            "in prelucrare" => Stare::InPrelucrare,
            "ok" => Stare::Ok,
            "nok" => Stare::Nok,
            "XML cu erori nepreluat de sistem" => Stare::XmlCuErori,
            other => Stare::Other(other.to_owned()),
        }
    }

    /// Whether the state will not change any more.
    pub fn is_final(&self) -> bool {
        matches!(self, Stare::Ok | Stare::Nok | Stare::XmlCuErori)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StareMesajResponse {
    pub stare: Option<Stare>,
    pub id_descarcare: Option<String>,
    pub errors: Vec<String>,
}

impl StareMesajResponse {
    pub fn state(stare: Stare, id_descarcare: Option<String>) -> Self {
        Self {
            stare: Some(stare),
            id_descarcare,
            errors: Vec::new(),
        }
    }

    pub fn error(message: String) -> Self {
        Self {
            stare: None,
            id_descarcare: None,
            errors: vec![message],
        }
    }

    pub fn from_xml(body: &[u8]) -> Result<Self, WireError> {
        let doc = parse_response_xml(body, PAYLOAD)?;
        let root = expect_root(&doc, PAYLOAD, "header")?;
        let response = Self {
            stare: root.attribute("stare").map(Stare::parse),
            id_descarcare: root.attribute("id_descarcare").map(str::to_owned),
            errors: root
                .child_elements()
                .filter(|e| e.local == "Errors")
                .filter_map(|e| e.attribute("errorMessage").map(str::to_owned))
                .collect(),
        };
        if response.stare.is_none() && response.errors.is_empty() {
            return Err(WireError::Missing {
                payload: PAYLOAD,
                what: "both stare and Errors",
            });
        }
        Ok(response)
    }

    /// ANAF's layout, final LF included (as in its answers and in the error files of the same
    /// service).
    pub fn to_xml(&self) -> String {
        let mut attributes: Vec<(&str, &str)> = Vec::new();
        if let Some(s) = &self.stare {
            attributes.push(("stare", s.as_str()));
        }
        if let Some(i) = &self.id_descarcare {
            attributes.push(("id_descarcare", i));
        }
        let children: Vec<(&str, &str, &str)> = self
            .errors
            .iter()
            .map(|m| ("Errors", "errorMessage", m.as_str()))
            .collect();
        format!(
            "{DECLARATION_STANDALONE_YES}\n{}\n",
            header_element(STARE_MESAJ_NAMESPACE, &attributes, &children)
        )
    }

    /// The state, or the classified query error(s).
    pub fn outcome(&self) -> Result<(&Stare, Option<&str>), Vec<AnafError>> {
        match (&self.stare, self.errors.is_empty()) {
            (Some(stare), true) => Ok((stare, self.id_descarcare.as_deref())),
            _ => Err(self.errors.iter().map(|m| AnafError::classify(m)).collect()),
        }
    }
}
