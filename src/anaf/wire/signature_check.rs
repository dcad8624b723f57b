//! `POST /api/validate/signature` answer: `{"msg":"..."}`, HTTP 200 for both valid and invalid,
//! told apart only by wording (with Romanian diacritics), HTTP 400 for a bad request.

use serde::{Deserialize, Serialize};

use super::anaf_error::fold_for_matching;
use super::{WireError, parse_json, to_json};

/// ANAF's exact texts, for the simulator.
pub const SIGNATURE_VALID_MSG: &str = "Fișierele încărcate au fost validate cu succes, din perspectiva autenticității semnăturii aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. Documentul factură de tip XML cu semnătura de validare atașată, este considerat document original din perspectiva legislativă și este generat prin intermediul sistemului național RO e-Factura.";
pub const SIGNATURE_INVALID_MSG: &str = "Fișierele încărcate NU au putut fi validate cu succes, din perspectiva autenticității semnăturii aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. Documentul factură de tip XML cu semnătura de validare atașată, NU poate fi considerat document original din perspectiva legislativă și NU este generat prin intermediul sistemului național RO e-Factura.";
pub const SIGNATURE_BAD_REQUEST_MSG: &str = "Eroare tehnică: request incorect. Cauza: cel puțin unul din documente NU a fost încărcat sau NU este un fisier de tip XML specific facturii electronice.";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureCheckResponse {
    pub msg: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheckOutcome {
    Valid,
    Invalid,
    BadRequest,
    Unknown,
}

impl SignatureCheckResponse {
    pub fn from_json(body: &[u8]) -> Result<Self, WireError> {
        parse_json(body, "signature check JSON")
    }

    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// Matched case- and accent-insensitively; "NU au putut" must be checked before the
    /// positive wording, which it contains.
    pub fn outcome(&self) -> SignatureCheckOutcome {
        let m = fold_for_matching(&self.msg);
        if m.contains("eroare tehnica") || m.contains("request incorect") {
            SignatureCheckOutcome::BadRequest
        } else if m.contains("nu au putut fi validate") {
            SignatureCheckOutcome::Invalid
        } else if m.contains("au fost validate cu succes") {
            SignatureCheckOutcome::Valid
        } else {
            SignatureCheckOutcome::Unknown
        }
    }
}
