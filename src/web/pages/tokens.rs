//! API tokens page: create (shown once), list, revoke.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::account::render;
use super::redirect;
use crate::services::api_tokens;
use crate::web::AppState;
use crate::web::auth::CurrentUser;
use crate::web::context::{PageCtx, flash};
use crate::web::error::AppError;

pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    ctx: PageCtx,
    tokens: Vec<TokenView>,
    created: Option<String>,
}

async fn page(
    state: &AppState,
    user_id: String,
    ctx: PageCtx,
    created: Option<String>,
) -> Result<HttpResponse, AppError> {
    let never = ctx.t.get("tokens.never").to_string();
    let tokens = state
        .db(move |conn| api_tokens::list(conn, &user_id))
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created: t.created_at.format("%Y-%m-%d %H:%M").to_string(),
            last_used: t
                .last_used_at
                .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| never.clone()),
        })
        .collect();
    Ok(render(
        &TokensPage {
            ctx,
            tokens,
            created,
        },
        StatusCode::OK,
    ))
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    page(&state, user.0.id, ctx, None).await
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    form: web::Form<CreateForm>,
) -> Result<HttpResponse, AppError> {
    let now = state.now_naive();
    let uid = user.0.id.clone();
    let name = form.into_inner().name;
    let created = state
        .db(move |conn| api_tokens::create(conn, &uid, &name, now))
        .await?;
    page(&state, user.0.id, ctx, Some(created.plaintext)).await
}

pub async fn revoke(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id.clone();
    let id = path.into_inner();
    state
        .db(move |conn| api_tokens::revoke(conn, &uid, &id))
        .await?;
    flash(&session, "success", "tokens.revoked");
    Ok(redirect("/settings/tokens"))
}
