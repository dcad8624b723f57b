//! `POST /api/v1/validate?mode=quick|full`: validates the UBL invoice or credit note in the
//! request body (raw XML, at most ANAF's 10 MB) and answers every finding with its rule, flag,
//! location and message in the caller's language. `/invoices/{uuid}/validate` answers in the
//! same shape.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::body::read_limited;
use crate::i18n::Lang;
use crate::validation::{self, Finding, Limits, Mode, Report};
use crate::web::auth::ApiUser;
use crate::web::error::{AppError, request_lang};

#[derive(Deserialize)]
pub struct ValidateQuery {
    mode: Option<String>,
}

impl ValidateQuery {
    /// `full` unless the caller asks for `quick`.
    pub fn mode(&self) -> Result<Mode, AppError> {
        match self.mode.as_deref().unwrap_or("full") {
            "quick" => Ok(Mode::Quick),
            "full" => Ok(Mode::Full),
            _ => Err(AppError::BadRequest {
                code: "invalid_mode",
                key: "error.validate_mode",
                detail: None,
            }),
        }
    }
}

pub async fn validate(
    req: HttpRequest,
    _user: ApiUser,
    query: web::Query<ValidateQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let mode = query.mode()?;
    let limits = Limits::default();
    let body = read_limited(payload, limits.max_bytes).await?;
    // Validation is CPU work (microseconds to milliseconds): keep it off the async workers.
    let report = web::block(move || validation::validate(&body, mode, &limits)).await?;
    Ok(HttpResponse::Ok().json(report_json(&report, mode, request_lang(&req))))
}

/// `{"mode","valid","fatal","warnings","findings":[{rule,flag,location,line,column,message}]}`,
/// messages in `lang`.
pub fn report_json(report: &Report, mode: Mode, lang: Lang) -> serde_json::Value {
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| finding_json(f, lang))
        .collect();
    serde_json::json!({
        "mode": mode.as_str(),
        "valid": report.is_valid(),
        "fatal": report.fatal_count(),
        "warnings": report.warning_count(),
        "findings": findings,
    })
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
