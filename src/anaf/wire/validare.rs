//! `POST validare/{FACT1|FCN}` answer and the failure answer of `transformare` (same JSON):
//! `{"stare":"ok"|"nok","Messages":[{"message":".."}],"trace_id":".."}`.

use serde::{Deserialize, Serialize};

use super::body::{BodyKind, sniff};
use super::{SpringError, WireError, parse_json, to_json};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidareMessage {
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidareResponse {
    pub stare: String,
    #[serde(rename = "Messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<ValidareMessage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

/// One failed rule from the structured message form
/// `tipAssert=..; codEroare=..; localizareEroare=..; textEroare=..; expresieValidata=..`
/// (several joined by ` || `). Legacy free-form messages give only `text`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationFinding {
    pub kind: Option<String>,
    pub code: Option<String>,
    pub location: Option<String>,
    pub text: String,
    pub expression: Option<String>,
}

impl ValidareResponse {
    pub fn from_json(body: &[u8]) -> Result<Self, WireError> {
        parse_json(body, "validare JSON")
    }

    pub fn to_json(&self) -> String {
        to_json(self)
    }

    pub fn ok(trace_id: String) -> Self {
        Self {
            stare: "ok".to_owned(),
            messages: None,
            trace_id: Some(trace_id),
        }
    }

    pub fn nok(messages: Vec<String>, trace_id: String) -> Self {
        Self {
            stare: "nok".to_owned(),
            messages: Some(
                messages
                    .into_iter()
                    .map(|message| ValidareMessage { message })
                    .collect(),
            ),
            trace_id: Some(trace_id),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.stare.trim() == "ok"
    }

    pub fn message_texts(&self) -> impl Iterator<Item = &str> {
        self.messages.iter().flatten().map(|m| m.message.as_str())
    }

    /// Every message split into findings (structured form) or kept as text (legacy form).
    pub fn findings(&self) -> Vec<ValidationFinding> {
        self.message_texts()
            .flat_map(|m| m.split(" || "))
            .map(parse_finding)
            .collect()
    }
}

fn parse_finding(text: &str) -> ValidationFinding {
    if !text.contains("codEroare=") && !text.contains("tipAssert=") {
        return ValidationFinding {
            text: text.to_owned(),
            ..ValidationFinding::default()
        };
    }
    let mut finding = ValidationFinding::default();
    // `textEroare` may itself contain "; ", so split only on the known keys.
    let keys = [
        "tipAssert=",
        "codEroare=",
        "localizareEroare=",
        "textEroare=",
        "expresieValidata=",
    ];
    let mut starts: Vec<(usize, &str)> = keys
        .iter()
        .filter_map(|k| text.find(k).map(|i| (i, *k)))
        .collect();
    starts.sort();
    for (n, (start, key)) in starts.iter().enumerate() {
        let value_start = start + key.len();
        let value_end = starts.get(n + 1).map(|(s, _)| *s).unwrap_or(text.len());
        let value = text
            .get(value_start..value_end)
            .unwrap_or("")
            .trim()
            .trim_end_matches(';')
            .trim()
            .to_owned();
        match *key {
            "tipAssert=" => finding.kind = Some(value),
            "codEroare=" => finding.code = Some(value),
            "localizareEroare=" => finding.location = Some(value),
            "textEroare=" => finding.text = value,
            _ => finding.expression = Some(value),
        }
    }
    finding
}

/// `POST transformare` answer: PDF bytes on success, validare JSON on failure, a Spring 404
/// for a wrong path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformareResponse {
    Pdf(Vec<u8>),
    Nok(ValidareResponse),
    NotFound(SpringError),
}

impl TransformareResponse {
    pub fn from_body(body: &[u8]) -> Result<Self, WireError> {
        match sniff(body) {
            BodyKind::Pdf => Ok(Self::Pdf(body.to_vec())),
            BodyKind::Html => Err(WireError::WafBlocked),
            BodyKind::Json => {
                let value: serde_json::Value = parse_json(body, "transformare JSON")?;
                if value.get("stare").is_some() {
                    Ok(Self::Nok(ValidareResponse::from_json(body)?))
                } else {
                    Ok(Self::NotFound(SpringError::from_json(body)?))
                }
            }
            kind => Err(WireError::UnrecognisedBody {
                payload: "transformare",
                kind,
                start: super::body::start_of(body),
            }),
        }
    }

    pub fn to_body(&self) -> Vec<u8> {
        match self {
            Self::Pdf(pdf) => pdf.clone(),
            Self::Nok(v) => v.to_json().into_bytes(),
            Self::NotFound(e) => e.to_json().into_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_structured_findings() {
        let r = ValidareResponse::nok(
            vec!["tipAssert=FailedAssert; codEroare=UBL-CR-661; localizareEroare=/Invoice; textEroare=[UBL-CR-661]-A; b; expresieValidata=not(x) || tipAssert=E; codEroare=ERRIdentif; textEroare=CUI vanzator incorect".into()],
            "t".into(),
        );
        let f = r.findings();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].code.as_deref(), Some("UBL-CR-661"));
        assert_eq!(f[0].location.as_deref(), Some("/Invoice"));
        assert_eq!(f[0].text, "[UBL-CR-661]-A; b");
        assert_eq!(f[0].expression.as_deref(), Some("not(x)"));
        assert_eq!(f[1].code.as_deref(), Some("ERRIdentif"));
        assert_eq!(f[1].text, "CUI vanzator incorect");
    }
}
