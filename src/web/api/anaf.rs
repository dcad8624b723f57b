//! `/api/v1/anaf/token-links`: create a link (authenticated) and read its
//! status (public: the link token itself is the secret).

use actix_web::{HttpResponse, web};

use crate::services::token_links::{self, LinkStatus};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::AppError;

pub async fn create_link(
    state: web::Data<AppState>,
    user: ApiUser,
) -> Result<HttpResponse, AppError> {
    let (uid, now, ttl) = (
        user.0.id,
        state.now_naive(),
        state.services.lifecycle.link_ttl,
    );
    let created = state
        .db(move |conn| token_links::create(conn, &uid, ttl, now))
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({
        "linkToken": created.plaintext,
        "url": format!("{}/anaf/link/{}", state.services.public_url, created.plaintext),
        "expiresAt": created.link.expires_at.and_utc().to_rfc3339(),
    })))
}

pub async fn link_status(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (token, now) = (path.into_inner(), state.now_naive());
    let link = state
        .db(move |conn| token_links::find_by_plaintext(conn, &token))
        .await?;
    let status = token_links::status(&link, now);
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "status": status.as_str(),
        "expired": status == LinkStatus::Expired,
        "used": link.completed_at.is_some(),
        "completed": status == LinkStatus::Completed,
        "expiresAt": link.expires_at.and_utc().to_rfc3339(),
    })))
}
