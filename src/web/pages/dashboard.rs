//! The portfolio dashboard: every company of the user at a glance.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::account::render;
use super::anaf::token_health;
use super::{redirect, role_key};
use crate::i18n::{Lang, counted};
use crate::services::invoices::{self, InvoiceCounts};
use crate::services::{anaf_tokens, companies, users};
use crate::web::AppState;
use crate::web::context::PageCtx;
use crate::web::error::AppError;

pub struct PortfolioRow {
    pub id: String,
    pub name: String,
    pub cif: String,
    pub sync_enabled: bool,
    pub role_key: &'static str,
    /// The ANAF connection's badge: text and class; `None` when no token covers the company.
    pub anaf: Option<(String, &'static str)>,
    /// "2 ciorne · 1 primită": drafts waiting and invoices received.
    pub invoices: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    rows: Vec<PortfolioRow>,
}

pub async fn show(state: web::Data<AppState>, ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let Some(user) = ctx.user.as_ref() else {
        let any_user = state.db(users::count).await? > 0;
        return Ok(redirect(if any_user { "/login" } else { "/setup" }));
    };
    let uid = user.id.clone();
    let (list, connections, counts) = state
        .db(move |conn| {
            let list = companies::list_for_user(conn, &uid)?;
            let ids: Vec<String> = list.iter().map(|(c, _)| c.id.clone()).collect();
            let connections = anaf_tokens::connections(conn, &ids)?;
            let counts = invoices::counts(conn, &ids)?;
            Ok((list, connections, counts))
        })
        .await?;
    let now = state.now_naive();
    let lang = ctx.t.lang;
    let rows = list
        .into_iter()
        .map(|(c, role)| PortfolioRow {
            anaf: connections.get(&c.id).map(|k| {
                let (text, badge, _, _) = token_health(
                    ctx.t,
                    &k.status,
                    k.access_expires_at,
                    k.refresh_expires_at,
                    now,
                );
                (text, badge)
            }),
            invoices: invoice_counts(lang, counts.get(&c.id).copied().unwrap_or_default()),
            id: c.id,
            name: c.name,
            cif: c.cif,
            sync_enabled: c.sync_enabled,
            role_key: role_key(role),
        })
        .collect();
    Ok(render(&DashboardPage { ctx, rows }, StatusCode::OK))
}

fn invoice_counts(lang: Lang, n: InvoiceCounts) -> String {
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    format!(
        "{} · {}",
        counted(lang, count(n.drafts), "dashboard.draft", "dashboard.drafts"),
        counted(
            lang,
            count(n.received),
            "dashboard.received_one",
            "dashboard.received"
        )
    )
}
