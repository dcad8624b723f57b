//! `POST upload` / `uploadb2c` answer: `<header xmlns="mfp:anaf:dgti:spv:respUploadFisier:v1"
//! dateResponse=".." ExecutionStatus="0|1" [index_incarcare=".."]>[<Errors errorMessage=".."/>]`.

use super::xml_out::{DECLARATION_STANDALONE_YES, header_element};
use super::{AnafError, WireError, expect_root, parse_response_xml};

pub const UPLOAD_RESPONSE_NAMESPACE: &str = "mfp:anaf:dgti:spv:respUploadFisier:v1";
const PAYLOAD: &str = "upload response";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadResponse {
    /// `yyyyMMddHHmm`, Bucharest time (see [`super::timestamp`]); kept verbatim.
    pub date_response: Option<String>,
    /// 0 = accepted, 1 = rejected at intake.
    pub execution_status: u8,
    /// The upload index; present only when accepted.
    pub index_incarcare: Option<String>,
    /// `errorMessage` of each `Errors` child.
    pub errors: Vec<String>,
}

/// What an upload answer means for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadOutcome {
    Accepted { index_incarcare: String },
    Rejected(Vec<AnafError>),
}

impl UploadResponse {
    pub fn accepted(date_response: String, index_incarcare: String) -> Self {
        Self {
            date_response: Some(date_response),
            execution_status: 0,
            index_incarcare: Some(index_incarcare),
            errors: Vec::new(),
        }
    }

    pub fn rejected(date_response: String, error_message: String) -> Self {
        Self {
            date_response: Some(date_response),
            execution_status: 1,
            index_incarcare: None,
            errors: vec![error_message],
        }
    }

    pub fn from_xml(body: &[u8]) -> Result<Self, WireError> {
        let doc = parse_response_xml(body, PAYLOAD)?;
        let root = expect_root(&doc, PAYLOAD, "header")?;
        let status = root
            .attribute("ExecutionStatus")
            .ok_or(WireError::Missing {
                payload: PAYLOAD,
                what: "ExecutionStatus",
            })?;
        let execution_status =
            status
                .trim()
                .parse::<u8>()
                .map_err(|_| WireError::InvalidValue {
                    payload: PAYLOAD,
                    what: "ExecutionStatus",
                    value: status.to_owned(),
                })?;
        Ok(Self {
            date_response: root.attribute("dateResponse").map(str::to_owned),
            execution_status,
            index_incarcare: root.attribute("index_incarcare").map(str::to_owned),
            errors: root
                .child_elements()
                .filter(|e| e.local == "Errors")
                .filter_map(|e| e.attribute("errorMessage").map(str::to_owned))
                .collect(),
        })
    }

    /// `dateResponse` as UTC (`None` when absent).
    pub fn date_response_utc(
        &self,
    ) -> Option<Result<chrono::DateTime<chrono::Utc>, super::timestamp::TimestampError>> {
        self.date_response
            .as_deref()
            .map(super::timestamp::parse_anaf_timestamp)
    }

    /// ANAF's layout, final LF included (as in its answers and in the error files of the same
    /// service).
    pub fn to_xml(&self) -> String {
        let status = self.execution_status.to_string();
        let mut attributes: Vec<(&str, &str)> = Vec::new();
        if let Some(d) = &self.date_response {
            attributes.push(("dateResponse", d));
        }
        attributes.push(("ExecutionStatus", &status));
        if let Some(i) = &self.index_incarcare {
            attributes.push(("index_incarcare", i));
        }
        let children: Vec<(&str, &str, &str)> = self
            .errors
            .iter()
            .map(|m| ("Errors", "errorMessage", m.as_str()))
            .collect();
        format!(
            "{DECLARATION_STANDALONE_YES}\n{}\n",
            header_element(UPLOAD_RESPONSE_NAMESPACE, &attributes, &children)
        )
    }

    /// Accepted only with status 0, an index and no errors; anything else is a rejection
    /// (an answer without index cannot be polled, so treating it as accepted would lose it).
    pub fn outcome(&self) -> UploadOutcome {
        match (
            &self.index_incarcare,
            self.execution_status,
            self.errors.is_empty(),
        ) {
            (Some(index), 0, true) => UploadOutcome::Accepted {
                index_incarcare: index.clone(),
            },
            _ if self.errors.is_empty() => {
                UploadOutcome::Rejected(vec![AnafError::Other(format!(
                    "upload answer with ExecutionStatus={} and no index",
                    self.execution_status
                ))])
            }
            _ => UploadOutcome::Rejected(
                self.errors.iter().map(|m| AnafError::classify(m)).collect(),
            ),
        }
    }
}
