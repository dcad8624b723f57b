//! The control API under `/__sandbox/` (JSON): tokens, supplier invoices, uploads, clock,
//! faults, reset, certificate. No authentication: the sandbox is a development tool.

use super::faults::Faults;
use super::http::{Sb, internal};
use super::state::UploadRecord;
use crate::anaf::wire::timestamp::format_anaf_message_time;
use crate::domain::ids::cif_digits_unchecked;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MintRequest {
    #[serde(default)]
    cifs: Vec<String>,
    ttl_seconds: Option<i64>,
}

pub async fn mint_tokens(sb: Sb, body: web::Json<MintRequest>) -> HttpResponse {
    let cifs: Vec<String> = body.cifs.iter().map(|c| cif_digits_unchecked(c)).collect();
    match sb.mint_tokens(&cifs, body.ttl_seconds) {
        Ok(pair) => HttpResponse::Ok().json(pair),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
pub struct IncomingRequest {
    xml: String,
}

pub async fn incoming(sb: Sb, body: web::Json<IncomingRequest>) -> HttpResponse {
    match sb.inject_incoming(body.xml.as_bytes()) {
        Ok(Ok(index)) => {
            HttpResponse::Ok().json(serde_json::json!({"index_incarcare": index.to_string()}))
        }
        Ok(Err(message)) => HttpResponse::BadRequest().json(serde_json::json!({"error": message})),
        Err(e) => internal(e),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UploadView {
    index: String,
    cif: String,
    standard: String,
    env: String,
    sha256: String,
    state: String,
    uploaded_at: String,
    download_id: Option<String>,
    seller_cif: Option<String>,
    buyer_cif: Option<String>,
    invoice_number: Option<String>,
    issue_date: Option<String>,
    source: super::state::UploadSource,
    errors: Vec<String>,
}

impl From<UploadRecord> for UploadView {
    fn from(u: UploadRecord) -> Self {
        UploadView {
            index: u.index.to_string(),
            cif: u.cif,
            standard: u.standard,
            env: u.env,
            sha256: u.sha256,
            state: u.state.stare().as_str().to_owned(),
            uploaded_at: u.uploaded_at.to_rfc3339(),
            download_id: u.download_id.map(|d| d.to_string()),
            seller_cif: u.seller_cif,
            buyer_cif: u.buyer_cif,
            invoice_number: u.number,
            issue_date: u.issue_date,
            source: u.source,
            errors: u.errors,
        }
    }
}

pub async fn uploads(sb: Sb) -> HttpResponse {
    match sb.uploads() {
        Ok(list) => {
            HttpResponse::Ok().json(list.into_iter().map(UploadView::from).collect::<Vec<_>>())
        }
        Err(e) => internal(e),
    }
}

fn clock_view(now: chrono::DateTime<chrono::Utc>) -> serde_json::Value {
    serde_json::json!({
        "now": now.to_rfc3339(),
        "nowMillis": now.timestamp_millis(),
        "romania": format_anaf_message_time(now),
    })
}

pub async fn get_clock(sb: Sb) -> HttpResponse {
    HttpResponse::Ok().json(clock_view(sb.now()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockRequest {
    advance_seconds: Option<i64>,
    /// RFC 3339 instant to jump to.
    set_to: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn set_clock(sb: Sb, body: web::Json<ClockRequest>) -> HttpResponse {
    let result = match (body.set_to, body.advance_seconds) {
        (Some(t), _) => sb.set_clock(t),
        (None, Some(s)) => sb.advance_clock(s),
        (None, None) => Ok(sb.now()),
    };
    match result.and_then(|now| sb.settle_now().map(|()| now)) {
        Ok(now) => HttpResponse::Ok().json(clock_view(now)),
        Err(e) => internal(e),
    }
}

pub async fn get_faults(sb: Sb) -> HttpResponse {
    HttpResponse::Ok().json(sb.faults())
}

/// Replaces the whole fault set (`{}` clears every fault).
pub async fn set_faults(sb: Sb, body: web::Json<Faults>) -> HttpResponse {
    let new = body.into_inner();
    match sb.with_faults(|f| *f = new.clone()) {
        Ok(()) => HttpResponse::Ok().json(new),
        Err(e) => internal(e),
    }
}

pub async fn reset(sb: Sb) -> HttpResponse {
    match sb.reset() {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({"reset": true})),
        Err(e) => internal(e),
    }
}

pub async fn certificate(sb: Sb) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/x-pem-file")
        .body(sb.certificate_pem().to_string())
}

pub async fn index(sb: Sb) -> HttpResponse {
    let base = sb.config().public_base.clone().unwrap_or_default();
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ANAF sandbox</title></head><body><h1>spvdesk ANAF sandbox</h1>\
<p>ANAF paths: <code>{base}/prod/FCTEL/rest/…</code>, <code>{base}/test/FCTEL/rest/…</code>, <code>{base}/anaf-oauth2/v1/authorize</code>.</p>\
<p>Control API: <a href=\"__sandbox/uploads\">__sandbox/uploads</a>, <a href=\"__sandbox/clock\">__sandbox/clock</a>, <a href=\"__sandbox/faults\">__sandbox/faults</a>, <a href=\"__sandbox/certificate\">__sandbox/certificate</a>.</p></body></html>"
    ))
}
