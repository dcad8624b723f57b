//! `GET descarcare?id=..` answer: zip bytes on success; in-band JSON `{"eroare","titlu":
//! "Descarcare mesaj"}` (HTTP 200, sometimes served as text/plain) or Spring JSON (HTTP 400).

use super::body::{BodyKind, sniff, start_of};
use super::lista::EroareBody;
use super::{SpringError, WireError, parse_json};

pub use super::texts::DESCARCARE_TITLU;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DescarcareResponse {
    Zip(Vec<u8>),
    Error(EroareBody),
    BadRequest(SpringError),
}

impl DescarcareResponse {
    /// Sniffs the body (never trusts the content type). A WAF page is `Err(WafBlocked)`.
    pub fn from_body(body: &[u8]) -> Result<Self, WireError> {
        const PAYLOAD: &str = "descarcare";
        match sniff(body) {
            BodyKind::Zip => Ok(Self::Zip(body.to_vec())),
            BodyKind::Html => Err(WireError::WafBlocked),
            BodyKind::Json => {
                let value: serde_json::Value = parse_json(body, PAYLOAD)?;
                if value.get("eroare").is_some() {
                    Ok(Self::Error(parse_json(body, PAYLOAD)?))
                } else {
                    Ok(Self::BadRequest(parse_json(body, PAYLOAD)?))
                }
            }
            kind => Err(WireError::UnrecognisedBody {
                payload: PAYLOAD,
                kind,
                start: start_of(body),
            }),
        }
    }

    pub fn to_body(&self) -> Vec<u8> {
        match self {
            Self::Zip(z) => z.clone(),
            Self::Error(e) => e.to_json().into_bytes(),
            Self::BadRequest(e) => e.to_json().into_bytes(),
        }
    }
}
