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

    /// The `message` form (400, 401, 429, 5xx); `timestamp` is `dd-MM-yyyy HH:mm:ss`.
    pub fn with_message(timestamp: String, status: u16, error: String, message: String) -> Self {
        Self {
            timestamp,
            status,
            error,
            message: Some(message),
            path: None,
        }
    }

    pub fn bad_request(timestamp: String, message: String) -> Self {
        Self::with_message(timestamp, 400, "Bad Request".to_owned(), message)
    }

    /// Spring's 404 for an unknown path: ISO-8601 `timestamp` and `path` instead of `message`.
    pub fn not_found(timestamp_iso: String, path: String) -> Self {
        Self {
            timestamp: timestamp_iso,
            status: 404,
            error: "Not Found".to_owned(),
            message: None,
            path: Some(path),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_both_spring_forms_in_springs_key_order() {
        let bad = SpringError::bad_request("19-08-2021 11:01:56".into(), "m".into());
        assert_eq!(
            bad.to_json(),
            r#"{"timestamp":"19-08-2021 11:01:56","status":400,"error":"Bad Request","message":"m"}"#
        );
        let not_found = SpringError::not_found(
            "2022-11-02T09:49:24.123+00:00".into(),
            "/FCTEL/rest/validare/".into(),
        );
        assert_eq!(
            not_found.to_json(),
            r#"{"timestamp":"2022-11-02T09:49:24.123+00:00","status":404,"error":"Not Found","path":"/FCTEL/rest/validare/"}"#
        );
    }
}
