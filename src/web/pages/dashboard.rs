//! The portfolio dashboard: every company of the user at a glance.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::account::render;
use super::{redirect, role_key};
use crate::services::{companies, users};
use crate::web::AppState;
use crate::web::context::PageCtx;
use crate::web::error::AppError;

pub struct PortfolioRow {
    pub id: String,
    pub name: String,
    pub cif: String,
    pub sync_enabled: bool,
    pub role_key: &'static str,
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
    let rows = state
        .db(move |conn| companies::list_for_user(conn, &uid))
        .await?
        .into_iter()
        .map(|(c, role)| PortfolioRow {
            id: c.id,
            name: c.name,
            cif: c.cif,
            sync_enabled: c.sync_enabled,
            role_key: role_key(role),
        })
        .collect();
    Ok(render(&DashboardPage { ctx, rows }, StatusCode::OK))
}
