//! RASP (buyer → seller message) request body, uploaded with `standard=RASP` and found again in
//! MESAJ CUMPARATOR zips: `<header xmlns="mfp:anaf:dgti:spv:reqMesaj:v1" index_incarcare=".."
//! message=".."/>`.

use super::xml_out::{DECLARATION_STANDALONE_YES, header_element};
use super::{WireError, expect_root, parse_response_xml};

pub const RASP_NAMESPACE: &str = "mfp:anaf:dgti:spv:reqMesaj:v1";
const PAYLOAD: &str = "RASP message";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaspMessage {
    /// The upload index of the invoice the buyer answers to.
    pub index_incarcare: String,
    pub message: String,
}

impl RaspMessage {
    pub fn from_xml(body: &[u8]) -> Result<Self, WireError> {
        let doc = parse_response_xml(body, PAYLOAD)?;
        let root = expect_root(&doc, PAYLOAD, "header")?;
        let get = |what: &'static str| {
            root.attribute(what)
                .map(str::to_owned)
                .ok_or(WireError::Missing {
                    payload: PAYLOAD,
                    what,
                })
        };
        Ok(Self {
            index_incarcare: get("index_incarcare")?,
            message: get("message")?,
        })
    }

    pub fn to_xml(&self) -> String {
        format!(
            "{DECLARATION_STANDALONE_YES}\n{}",
            header_element(
                RASP_NAMESPACE,
                &[
                    ("index_incarcare", &self.index_incarcare),
                    ("message", &self.message),
                ],
                &[],
            )
        )
    }
}
