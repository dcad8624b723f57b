//! Spring-style JSON that ANAF's Java services send for HTTP 400 (missing parameters) and 404
//! (unknown path): `{"timestamp":"19-08-2021 11:01:56","status":400,"error":"Bad Request",
//! "message":"..."}`; the 404 form has `path` instead of `message`.

use serde::{Deserialize, Serialize};

use super::{AnafError, WireError, parse_json, to_json};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpringError {
    /// `dd-MM-yyyy HH:mm:ss` (400) or ISO-8601 (404); kept verbatim.
    pub timestamp: String,
    pub status: u16,
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl SpringError {
    pub fn from_json(body: &[u8]) -> Result<Self, WireError> {
        parse_json(body, "Spring error JSON")
    }

    pub fn to_json(&self) -> String {
        to_json(self)
    }

    pub fn bad_request(timestamp: String, message: String) -> Self {
        Self {
            timestamp,
            status: 400,
            error: "Bad Request".to_owned(),
            message: Some(message),
            path: None,
        }
    }

    pub fn classify(&self) -> AnafError {
        match &self.message {
            Some(m) => AnafError::classify(m),
            None => AnafError::Other(format!(
                "HTTP {} {} {}",
                self.status,
                self.error,
                self.path.as_deref().unwrap_or("")
            )),
        }
    }
}
