//! `POST /api/v1/validate?mode=quick|full`: validates the UBL invoice or credit note in the
//! request body (raw XML, at most ANAF's 10 MB) and answers every finding with its rule, flag,
//! location and message in the caller's language. The invoice endpoint
//! (`/invoices/{uuid}/validate`) will answer with the same shape.

use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::validation::{self, Finding, Limits, Mode};
use crate::web::auth::ApiUser;
use crate::web::error::{AppError, request_lang};

#[derive(Deserialize)]
pub struct ValidateQuery {
    mode: Option<String>,
}

pub async fn validate(
    req: HttpRequest,
    _user: ApiUser,
    query: web::Query<ValidateQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let mode = match query.mode.as_deref().unwrap_or("full") {
        "quick" => Mode::Quick,
        "full" => Mode::Full,
        _ => return Err(bad_request("invalid_mode", "error.validate_mode")),
    };
    let limits = Limits::default();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest {
            code: "invalid_body",
            key: "error.validate_body",
            detail: Some(e.to_string()),
        })?;
        // Refuse as soon as the limit is passed, without buffering the rest.
        if body.len() + chunk.len() > limits.max_bytes {
            return Err(bad_request("payload_too_large", "error.validate_too_large"));
        }
        body.extend_from_slice(&chunk);
    }
    if body.is_empty() {
        return Err(bad_request("empty_body", "error.validate_empty"));
    }
    // Validation is CPU work (microseconds to milliseconds): keep it off the async workers.
    let report = web::block(move || validation::validate(&body, mode, &limits)).await?;
    let lang = request_lang(&req);
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| finding_json(f, lang))
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "mode": mode.as_str(),
        "valid": report.is_valid(),
        "fatal": report.fatal_count(),
        "warnings": report.warning_count(),
        "findings": findings,
    })))
}

fn finding_json(f: &Finding, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "rule": f.rule,
        "flag": f.flag,
        "location": f.location,
        "line": f.line,
        "column": f.column,
        "message": match lang {
            Lang::Ro => &f.message_ro,
            Lang::En => &f.message_en,
        },
    })
}

fn bad_request(code: &'static str, key: &'static str) -> AppError {
    AppError::BadRequest {
        code,
        key,
        detail: None,
    }
}
