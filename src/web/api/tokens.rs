//! `/api/v1/api-tokens`: an API client manages its user's tokens.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::services::api_tokens;
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::AppError;

pub async fn list(state: web::Data<AppState>, user: ApiUser) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let tokens = state.db(move |conn| api_tokens::list(conn, &uid)).await?;
    let data: Vec<serde_json::Value> = tokens
        .into_iter()
        .map(|t| {
            serde_json::json!({
                "id": t.id,
                "name": t.name,
                "createdAt": t.created_at.and_utc().to_rfc3339(),
                "lastUsedAt": t.last_used_at.map(|d| d.and_utc().to_rfc3339()),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "data": data })))
}

#[derive(Deserialize)]
pub struct CreateBody {
    name: String,
}

pub async fn create(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<CreateBody>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let now = state.now_naive();
    let name = body.into_inner().name;
    let created = state
        .db(move |conn| api_tokens::create(conn, &uid, &name, now))
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({
        "id": created.token.id,
        "name": created.token.name,
        "token": created.plaintext,
        "createdAt": created.token.created_at.and_utc().to_rfc3339(),
    })))
}

pub async fn revoke(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let id = path.into_inner();
    state
        .db(move |conn| api_tokens::revoke(conn, &uid, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
