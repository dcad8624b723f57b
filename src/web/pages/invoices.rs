//! A company's invoices: the list with an XML upload, the invoice page, and its "Validate" action
//! (quick or full), which answers htmx with the findings fragment and a plain form post with the
//! whole page.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

use super::account::render;
use super::redirect_after_post;
use crate::db::models::{Company, InvoiceRecord};
use crate::domain::invoice::Invoice;
use crate::i18n::{Lang, counted};
use crate::services::ServiceError;
use crate::services::companies::{self, Role};
use crate::services::invoices::{self, InvoiceSummary};
use crate::validation::{Flag, Mode, Report};
use crate::web::AppState;
use crate::web::auth::CurrentUser;
use crate::web::context::{PageCtx, flash};
use crate::web::error::AppError;
use crate::web::query::page_number;

/// Amounts the way Romanian and English readers expect them (`1.234,50` / `1,234.50`).
fn money(amount: rust_decimal::Decimal, lang: Lang) -> String {
    let rounded =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    localized(&format!("{rounded:.2}"), lang)
}

/// A quantity as written on the invoice (no trailing zeros), in the reader's notation
/// (`1.234,5` / `1,234.5`).
fn quantity(value: rust_decimal::Decimal, lang: Lang) -> String {
    localized(&value.normalize().to_string(), lang)
}

/// A plain decimal (`-1234.5`) with the digit grouping and decimal point of `lang`.
fn localized(text: &str, lang: Lang) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let (group, point) = match lang {
        Lang::Ro => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The usual short name of a unit of measure (UN/ECE Recommendation 20 code, BT-130) on a
/// Romanian or English invoice, for the codes invoices use most; only names that read right
/// after any quantity ("1 buc.", "2,5 kg"). Other codes are shown as they are.
fn unit_name(code: &str, lang: Lang) -> Option<&'static str> {
    let (ro, en) = match code {
        // H87 is "piece", C62 "one": both are what Romanian invoices write as "buc.".
        "H87" | "C62" | "XPP" => ("buc.", "pcs"),
        "KGM" => ("kg", "kg"),
        "GRM" => ("g", "g"),
        "TNE" => ("t", "t"),
        "LTR" => ("l", "l"),
        "MTR" => ("m", "m"),
        "MTK" => ("m²", "m²"),
        "MTQ" => ("m³", "m³"),
        "KMT" => ("km", "km"),
        "HUR" => ("h", "h"),
        "MIN" => ("min", "min"),
        "KWH" => ("kWh", "kWh"),
        "MWH" => ("MWh", "MWh"),
        "SET" => ("set", "set"),
        "LS" => ("forfetar", "lump sum"),
        _ => return None,
    };
    Some(match lang {
        Lang::Ro => ro,
        Lang::En => en,
    })
}

pub struct InvoiceRowView {
    pub id: String,
    pub kind_key: &'static str,
    pub direction_key: &'static str,
    pub status_key: &'static str,
    pub number: String,
    pub issue_date: String,
    pub partner_name: String,
    pub amount: String,
}

fn kind_key(kind: &str) -> &'static str {
    if kind == "credit_note" {
        "invoices.kind.credit_note"
    } else {
        "invoices.kind.invoice"
    }
}

fn direction_key(direction: &str) -> &'static str {
    if direction == "incoming" {
        "invoices.direction.incoming"
    } else {
        "invoices.direction.outgoing"
    }
}

fn status_key(status: &str) -> &'static str {
    if status == invoices::STATUS_RECEIVED {
        "invoices.status.received"
    } else {
        "invoices.status.draft"
    }
}

impl InvoiceRowView {
    fn new(s: &InvoiceSummary, lang: Lang) -> InvoiceRowView {
        InvoiceRowView {
            id: s.id.clone(),
            kind_key: kind_key(&s.kind),
            direction_key: direction_key(&s.direction),
            status_key: status_key(&s.status),
            number: s.number.clone(),
            issue_date: s.issue_date.format("%d.%m.%Y").to_string(),
            partner_name: s.partner_name.clone(),
            amount: format!("{} {}", money(s.payable(), lang), s.currency),
        }
    }
}

#[derive(Template)]
#[template(path = "invoices.html")]
struct ListPage {
    ctx: PageCtx,
    company: Company,
    rows: Vec<InvoiceRowView>,
    pager: Pager,
    can_edit: bool,
    upload: UploadView,
}

/// The upload form, with what went wrong the last time.
pub struct UploadView {
    pub company_id: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "invoice_upload.html")]
struct UploadFragment {
    ctx: PageCtx,
    upload: UploadView,
}

/// Rows on one page of the list: enough for a month of a small company, short enough for a phone.
const PAGE_SIZE: i64 = 50;

/// Where the list is: rows `first..=last` of `total`, page `page` of `pages` (newest first).
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub first: i64,
    pub last: i64,
    pub total: i64,
}

impl Pager {
    fn new(page: i64, shown: usize, total: i64) -> Pager {
        let first = (page - 1) * PAGE_SIZE + 1;
        Pager {
            page,
            pages: pages_for(total),
            first,
            last: first + shown as i64 - 1,
            total,
        }
    }

    pub fn newer(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }

    pub fn older(&self) -> Option<i64> {
        (self.page < self.pages).then_some(self.page + 1)
    }
}

fn pages_for(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

impl ListQuery {
    /// `page` from 1 (default 1); anything else is refused with the parameter's name.
    fn page(&self) -> Result<i64, AppError> {
        page_number(
            self.page.as_deref(),
            1,
            1..=i64::from(i32::MAX),
            "invoices.invalid_page_number",
        )
    }
}

fn page_of(page: i64) -> invoices::Page {
    invoices::Page {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
    }
}

pub async fn list(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    mut ctx: PageCtx,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let asked = query.page()?;
    let uid = user.0.id.clone();
    let (company, role, rows, total, page) = state
        .db(move |conn| {
            let (company, role) = companies::get_for_user(conn, &uid, &id)?;
            let (rows, total) = invoices::list(conn, &company.id, page_of(asked))?;
            // A page past the end (a bookmark, documents deleted since) shows the last one.
            let last_page = pages_for(total);
            if rows.is_empty() && asked > last_page {
                let (rows, total) = invoices::list(conn, &company.id, page_of(last_page))?;
                return Ok((company, role, rows, total, last_page));
            }
            Ok((company, role, rows, total, asked))
        })
        .await?;
    ctx.select_company(&session, &company.id);
    // The page's language (a saved choice wins over the browser's).
    let lang = ctx.t.lang;
    Ok(render(
        &ListPage {
            ctx,
            upload: UploadView {
                company_id: company.id.clone(),
                error: None,
            },
            company,
            pager: Pager::new(page, rows.len(), total),
            rows: rows.iter().map(|s| InvoiceRowView::new(s, lang)).collect(),
            can_edit: role.can_edit(),
        },
        StatusCode::OK,
    ))
}

/// Largest upload read: ANAF's 10 MB limit for one invoice, plus the form's own bytes.
const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024 + 64 * 1024;

/// The bytes of the form's `file` part; `None` when there is none or it is empty.
async fn uploaded_file(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Option<Vec<u8>>, &'static str> {
    let mut form = actix_multipart::Multipart::new(req.headers(), payload);
    let mut file = None;
    let mut total = 0usize;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|_| "invoices.upload_unreadable")?;
        let is_file = field.name() == Some("file");
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| "invoices.upload_unreadable")?;
            total += chunk.len();
            if total > MAX_UPLOAD_BYTES {
                return Err("invoices.upload_too_large");
            }
            if is_file {
                data.extend_from_slice(&chunk);
            }
        }
        if is_file && !data.is_empty() {
            file = Some(data);
        }
    }
    Ok(file)
}

/// An XML file uploaded from the list (htmx, `multipart/form-data`): the new invoice's page on
/// success, the form with the reason otherwise; nothing is stored then.
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    ctx: PageCtx,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.0.id.clone();
    let lookup = id.clone();
    let (company, role) = state
        .db(move |conn| companies::get_for_user(conn, &uid, &lookup))
        .await?;
    if !role.can_edit() {
        return Err(AppError::Forbidden);
    }
    // The page's language (a saved choice wins over the browser's).
    let lang = ctx.t.lang;
    let failed = |ctx: PageCtx, message: String| {
        render(
            &UploadFragment {
                ctx,
                upload: UploadView {
                    company_id: id.clone(),
                    error: Some(message),
                },
            },
            // htmx swaps only successful answers in.
            StatusCode::OK,
        )
    };
    let bytes = match uploaded_file(&req, payload).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(failed(ctx, text(lang, "invoices.upload_missing"))),
        Err(key) => return Ok(failed(ctx, text(lang, key))),
    };
    let now = state.now_naive();
    match state
        .db(move |conn| invoices::import_xml(conn, &company, &bytes, now))
        .await
    {
        Ok(record) => {
            flash(&session, "success", "invoices.uploaded");
            Ok(redirect_after_post(
                &req,
                &format!("/invoices/{}", record.id),
            ))
        }
        Err(
            e @ (AppError::BadRequest { .. } | AppError::Validation(_) | AppError::Conflict(_)),
        ) => Ok(failed(ctx, e.message(lang))),
        Err(e) => Err(e),
    }
}

fn text(lang: Lang, key: &str) -> String {
    crate::i18n::tr(lang, key).to_owned()
}

/// One line of the invoice page's table.
pub struct LineView {
    pub id: String,
    pub name: String,
    pub quantity: String,
    /// The unit's short name ([`unit_name`]), else its code.
    pub unit: String,
    /// The UN/ECE Recommendation 20 code (BT-130), as written in the XML.
    pub unit_code: String,
    pub net: String,
}

/// One finding as the page shows it.
pub struct FindingView {
    pub fatal: bool,
    pub rule: String,
    pub location: String,
    pub position: String,
    pub message: String,
}

/// The outcome of a "Validate" click.
pub struct ReportView {
    pub mode_key: &'static str,
    pub valid: bool,
    /// "3 erori" / "3 errors".
    pub fatal: String,
    pub warnings: String,
    pub findings: Vec<FindingView>,
}

impl ReportView {
    fn new(mode: Mode, report: &Report, lang: Lang) -> ReportView {
        ReportView {
            mode_key: match mode {
                Mode::Quick => "invoices.validate_quick",
                Mode::Full => "invoices.validate_full",
            },
            valid: report.is_valid(),
            fatal: counted(
                lang,
                report.fatal_count(),
                "invoices.error",
                "invoices.errors",
            ),
            warnings: counted(
                lang,
                report.warning_count(),
                "invoices.warning",
                "invoices.warnings",
            ),
            findings: report
                .findings
                .iter()
                .map(|f| FindingView {
                    fatal: f.flag == Flag::Fatal,
                    rule: f.rule.clone(),
                    location: f.location.clone(),
                    position: match (f.line, f.column) {
                        (Some(l), Some(c)) => format!("{l}:{c}"),
                        (Some(l), None) => l.to_string(),
                        _ => String::new(),
                    },
                    message: match lang {
                        Lang::Ro => f.message_ro.clone(),
                        Lang::En => f.message_en.clone(),
                    },
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "invoice_show.html")]
struct ShowPage {
    ctx: PageCtx,
    invoice: InvoiceRowView,
    direction: String,
    partner_cif: String,
    currency: String,
    has_xml: bool,
    can_delete: bool,
    lines: Vec<LineView>,
    report: Option<ReportView>,
}

#[derive(Template)]
#[template(path = "invoice_report.html")]
struct ReportFragment {
    ctx: PageCtx,
    report: ReportView,
}

fn show_page(
    ctx: PageCtx,
    record: &InvoiceRecord,
    can_edit: bool,
    model: &Invoice,
    lang: Lang,
    report: Option<ReportView>,
) -> ShowPage {
    let lines = model
        .lines
        .iter()
        .map(|l| LineView {
            id: l.id.clone(),
            name: l.item.name.clone(),
            quantity: quantity(l.quantity, lang),
            unit: unit_name(&l.unit_code, lang).map_or_else(|| l.unit_code.clone(), str::to_owned),
            unit_code: l.unit_code.clone(),
            net: money(l.net_amount, lang),
        })
        .collect();
    ShowPage {
        ctx,
        invoice: InvoiceRowView::new(&InvoiceSummary::of(record), lang),
        direction: record.direction.clone(),
        partner_cif: record.partner_cif.clone(),
        currency: record.currency.clone(),
        has_xml: record.xml.is_some(),
        can_delete: can_edit && invoices::is_deletable(&record.status),
        lines,
        report,
    }
}

async fn load_for_user(
    state: &web::Data<AppState>,
    user: &CurrentUser,
    id: String,
) -> Result<(InvoiceRecord, Role), AppError> {
    let uid = user.0.id.clone();
    state
        .db(move |conn| invoices::get_for_user(conn, &uid, &id))
        .await
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    mut ctx: PageCtx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (record, role) = load_for_user(&state, &user, path.into_inner()).await?;
    let model = invoices::model(&record)?;
    ctx.select_company(&session, &record.company_id);
    // The page's language (a saved choice wins over the browser's).
    let lang = ctx.t.lang;
    Ok(render(
        &show_page(ctx, &record, role.can_edit(), &model, lang, None),
        StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub struct ValidateForm {
    mode: Option<String>,
}

/// "Validate": the findings fragment for htmx, the whole page for a plain form post.
pub async fn validate(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    mut ctx: PageCtx,
    path: web::Path<String>,
    form: web::Form<ValidateForm>,
) -> Result<HttpResponse, AppError> {
    let mode = match form.mode.as_deref() {
        Some("quick") => Mode::Quick,
        Some("full") | None => Mode::Full,
        Some(_) => return Err(AppError::bad_request("error.validate_mode")),
    };
    let (record, role) = load_for_user(&state, &user, path.into_inner()).await?;
    // The page's language (a saved choice wins over the browser's).
    let lang = ctx.t.lang;
    let (record, report) = web::block(move || {
        let report = invoices::validate(&record, mode);
        (record, report)
    })
    .await?;
    let report = ReportView::new(mode, &report?, lang);
    if req.headers().contains_key("HX-Request") {
        return Ok(render(&ReportFragment { ctx, report }, StatusCode::OK));
    }
    let model = invoices::model(&record)?;
    ctx.select_company(&session, &record.company_id);
    Ok(render(
        &show_page(ctx, &record, role.can_edit(), &model, lang, Some(report)),
        StatusCode::OK,
    ))
}

/// Removes a draft or a received invoice, then back to the company's list.
pub async fn delete(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id.clone();
    let id = path.into_inner();
    let company_id = state
        .db(move |conn| {
            let (record, role) = invoices::get_for_user(conn, &uid, &id)?;
            if !role.can_edit() {
                return Err(ServiceError::Forbidden);
            }
            invoices::delete(conn, &record.company_id, &record.id)?;
            Ok(record.company_id)
        })
        .await?;
    flash(&session, "success", "invoices.deleted");
    Ok(redirect_after_post(
        &req,
        &format!("/companies/{company_id}/invoices"),
    ))
}

/// The UBL XML as a download (as stored, or as spvdesk writes it for a draft).
pub async fn xml(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (record, _) = load_for_user(&state, &user, path.into_inner()).await?;
    let file_name: String = record
        .number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let bytes = web::block(move || invoices::document_xml(&record)).await??;
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}.xml\""),
        ))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn amounts_are_grouped_per_language() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        assert_eq!(money(d("1234567.5"), Lang::Ro), "1.234.567,50");
        assert_eq!(money(d("1234567.5"), Lang::En), "1,234,567.50");
        assert_eq!(money(d("-12.345"), Lang::Ro), "-12,35");
        assert_eq!(money(d("999"), Lang::En), "999.00");
        assert_eq!(money(d("0"), Lang::Ro), "0,00");
    }

    #[test]
    fn quantities_keep_their_digits_in_the_readers_notation() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        assert_eq!(quantity(d("2.500"), Lang::Ro), "2,5");
        assert_eq!(quantity(d("2.500"), Lang::En), "2.5");
        assert_eq!(quantity(d("1500"), Lang::Ro), "1.500");
        assert_eq!(quantity(d("-3.125"), Lang::Ro), "-3,125");
        assert_eq!(quantity(d("2"), Lang::En), "2");
    }

    #[test]
    fn common_units_have_short_names_and_others_keep_their_code() {
        assert_eq!(unit_name("H87", Lang::Ro), Some("buc."));
        assert_eq!(unit_name("H87", Lang::En), Some("pcs"));
        assert_eq!(unit_name("KGM", Lang::Ro), Some("kg"));
        assert_eq!(unit_name("LS", Lang::Ro), Some("forfetar"));
        assert_eq!(unit_name("DAY", Lang::Ro), None);
        assert_eq!(unit_name("h87", Lang::Ro), None);
    }
}
