//! `/api/v1/invoices`: the company's invoices and credit notes (`X-Company`). A document comes in
//! as UBL XML (`Content-Type: application/xml`, kept byte for byte) or as the model's JSON (a
//! draft); `/validate?mode=quick|full` runs the same validator as `POST /api/v1/validate`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::body::read_limited;
use super::validate::{ValidateQuery, report_json};
use crate::db::models::InvoiceRecord;
use crate::domain::invoice::Invoice;
use crate::services::invoices::{self, InvoiceSummary, MAX_PAGE, Page};
use crate::validation::Limits;
use crate::web::AppState;
use crate::web::auth::CompanyScope;
use crate::web::error::{AppError, request_lang};
use crate::web::query::page_number;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceJson {
    pub uuid: String,
    pub direction: String,
    pub kind: String,
    pub status: String,
    pub number: String,
    pub issue_date: String,
    pub currency: String,
    pub partner_name: String,
    pub partner_cif: String,
    /// BT-115 as a decimal string, e.g. `"1234.50"`.
    pub payable: String,
    /// Whether UBL bytes are stored (single view only: the list does not load documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_xml: Option<bool>,
    pub created_at: String,
    pub updated_at: String,
}

impl InvoiceJson {
    fn new(s: &InvoiceSummary, has_xml: Option<bool>) -> InvoiceJson {
        InvoiceJson {
            uuid: s.id.clone(),
            direction: s.direction.clone(),
            kind: s.kind.clone(),
            status: s.status.clone(),
            number: s.number.clone(),
            issue_date: s.issue_date.to_string(),
            currency: s.currency.clone(),
            partner_name: s.partner_name.clone(),
            partner_cif: s.partner_cif.clone(),
            payable: s.payable().to_string(),
            has_xml,
            created_at: s.created_at.and_utc().to_rfc3339(),
            updated_at: s.updated_at.and_utc().to_rfc3339(),
        }
    }

    fn of(record: &InvoiceRecord) -> InvoiceJson {
        InvoiceJson::new(&InvoiceSummary::of(record), Some(record.xml.is_some()))
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    limit: Option<String>,
    offset: Option<String>,
}

impl ListQuery {
    /// `limit` 1..=500 (default 100), `offset` from 0 (default 0); anything else is refused
    /// with the parameter's name.
    fn page(&self) -> Result<Page, AppError> {
        Ok(Page {
            limit: page_number(
                self.limit.as_deref(),
                100,
                1..=MAX_PAGE,
                "invoices.invalid_limit",
            )?,
            offset: page_number(
                self.offset.as_deref(),
                0,
                0..=i64::from(i32::MAX),
                "invoices.invalid_offset",
            )?,
        })
    }
}

/// `{"data":[…], "total", "limit", "offset"}`, newest first.
pub async fn list(
    state: web::Data<AppState>,
    scope: CompanyScope,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let page = query.page()?;
    let company_id = scope.company.id.clone();
    let (rows, total) = state
        .db(move |conn| invoices::list(conn, &company_id, page))
        .await?;
    let data: Vec<InvoiceJson> = rows.iter().map(|s| InvoiceJson::new(s, None)).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "data": data,
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    })))
}

/// UBL XML is imported as is; anything else is read as the model's JSON.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    scope: CompanyScope,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    if !scope.role.can_edit() {
        return Err(AppError::Forbidden);
    }
    let body = read_limited(payload, Limits::default().max_bytes).await?;
    let is_xml = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("xml"));
    let now = state.now_naive();
    let company = scope.company;
    let record = if is_xml {
        state
            .db(move |conn| invoices::import_xml(conn, &company, &body, now))
            .await?
    } else {
        let invoice: Invoice = serde_json::from_slice(&body).map_err(|e| AppError::BadRequest {
            code: "invalid_json",
            key: "invoices.invalid_json",
            detail: Some(e.to_string()),
        })?;
        state
            .db(move |conn| invoices::create(conn, &company, invoice, now))
            .await?
    };
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/invoices/{}", record.id)))
        .json(InvoiceJson::of(&record)))
}

async fn load(
    state: &web::Data<AppState>,
    scope: &CompanyScope,
    id: String,
) -> Result<InvoiceRecord, AppError> {
    let company_id = scope.company.id.clone();
    state
        .db(move |conn| invoices::get(conn, &company_id, &id))
        .await
}

/// The summary and the document as the model reads it (`invoice`).
pub async fn get(
    state: web::Data<AppState>,
    scope: CompanyScope,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let record = load(&state, &scope, path.into_inner()).await?;
    let mut json = serde_json::json!(InvoiceJson::of(&record));
    json["invoice"] = serde_json::json!(invoices::model(&record)?);
    Ok(HttpResponse::Ok().json(json))
}

/// The UBL XML: as stored, or as spvdesk writes it for a draft.
pub async fn xml(
    state: web::Data<AppState>,
    scope: CompanyScope,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let record = load(&state, &scope, path.into_inner()).await?;
    let bytes = web::block(move || invoices::document_xml(&record)).await??;
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .body(bytes))
}

/// Removes a draft or a received document (204); viewers may not.
pub async fn delete(
    state: web::Data<AppState>,
    scope: CompanyScope,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    if !scope.role.can_edit() {
        return Err(AppError::Forbidden);
    }
    let (company_id, id) = (scope.company.id.clone(), path.into_inner());
    state
        .db(move |conn| invoices::delete(conn, &company_id, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub async fn validate(
    req: HttpRequest,
    state: web::Data<AppState>,
    scope: CompanyScope,
    path: web::Path<String>,
    query: web::Query<ValidateQuery>,
) -> Result<HttpResponse, AppError> {
    let mode = query.mode()?;
    let record = load(&state, &scope, path.into_inner()).await?;
    let uuid = record.id.clone();
    // CPU work, off the async workers.
    let report = web::block(move || invoices::validate(&record, mode)).await??;
    let mut json = report_json(&report, mode, request_lang(&req));
    json["invoice"] = serde_json::Value::from(uuid);
    Ok(HttpResponse::Ok().json(json))
}
