//! `validare`, `transformare` and `/api/validate/signature` (ANAF-API.md §3.6–3.8).

use super::core::{Sandbox, trace_id};
use super::faults::Faults;
use super::intake::{self, DocumentKind};
use super::mini_pdf;
use super::rules;
use crate::anaf::wire::ValidareResponse;
use crate::anaf::wire::texts;

pub const MAX_VALIDATION_BYTES: usize = 5 * 1024 * 1024;

/// What `transformare` answers (a wrong path is answered by the router, not here).
pub enum TransformAnswer {
    Pdf(Vec<u8>),
    Nok(ValidareResponse),
}

fn nok(messages: Vec<String>) -> ValidareResponse {
    ValidareResponse::nok(messages, trace_id())
}

impl Sandbox {
    /// Validates and, on success, returns the invoice number (for the PDF).
    fn check_document(
        &self,
        endpoint: &str,
        standard: &str,
        body: &[u8],
        validate: bool,
    ) -> Result<Option<String>, ValidareResponse> {
        let kind = match standard {
            "FACT1" => DocumentKind::Invoice,
            "FCN" => DocumentKind::CreditNote,
            _ => return Err(nok(vec![texts::VALIDARE_BAD_STANDARD.into()])),
        };
        if body.len() > MAX_VALIDATION_BYTES {
            return Err(nok(vec![texts::VALIDARE_TOO_LARGE.into()]));
        }
        {
            let mut inner = self.lock();
            let faults = &mut inner.state.vol.faults;
            if Faults::fire(&mut faults.technical_error, endpoint, rand::random::<f64>()) {
                let code = faults
                    .technical_error_code
                    .clone()
                    .unwrap_or_else(|| "1814".into());
                return Err(nok(vec![texts::technical_error(&code)]));
            }
        }
        let doc = match intake::parse_document(body, &[kind]) {
            Ok(d) => d,
            Err(e) if validate => return Err(nok(vec![e.anaf_message()])),
            Err(_) => return Ok(None),
        };
        if validate {
            let failures = rules::check(kind, body, &doc.essentials, false);
            if !failures.is_empty() {
                let root = doc.root_local_name.clone();
                return Err(nok(failures.iter().map(|f| f.structured(&root)).collect()));
            }
        }
        Ok(doc.essentials.number)
    }

    pub fn validare(&self, standard: &str, body: &[u8]) -> ValidareResponse {
        match self.check_document("validare", standard, body, true) {
            Ok(_) => ValidareResponse::ok(trace_id()),
            Err(answer) => answer,
        }
    }

    /// `transformare/{std}` validates first; `transformare/{std}/DA` does not.
    pub fn transformare(&self, standard: &str, body: &[u8], validate: bool) -> TransformAnswer {
        match self.check_document("transformare", standard, body, validate) {
            Ok(number) => TransformAnswer::Pdf(mini_pdf::render(&format!(
                "Factura {} (spvdesk ANAF sandbox)",
                number.unwrap_or_else(|| "fara numar".into())
            ))),
            Err(answer) => TransformAnswer::Nok(answer),
        }
    }

    /// True when `signature` is a valid sandbox signature over the exact bytes of `file`.
    pub fn signature_is_valid(&self, file: &[u8], signature: &[u8]) -> bool {
        // ANAF's service accepts only its own seal; ours is the sandbox's certificate.
        let mut trust = crate::anaf::signature::TrustStore::new();
        if trust.add_der(self.signer.certificate_der()).is_err() {
            return false;
        }
        matches!(
            crate::anaf::signature::verify(file, signature, &trust),
            Ok(crate::anaf::signature::Verdict::TrustedIntact { .. })
        )
    }
}
