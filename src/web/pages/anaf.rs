//! The ANAF connection: the accountant's page, the OAuth start and
//! callback, token links (QR + text, live status) and the phone pages.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::account::render;
use super::redirect;
use crate::i18n::Tr;
use crate::services::oauth_flow::{self, CompleteError, FlowError};
use crate::services::token_lifecycle::{self, Revocation};
use crate::services::token_links::{self, LinkStatus};
use crate::services::{ServiceError, anaf_tokens};
use crate::web::AppState;
use crate::web::auth::CurrentUser;
use crate::web::context::{PageCtx, flash};
use crate::web::error::{AppError, request_lang};

const SESSION_OAUTH_NONCE: &str = "oauth_nonce";

pub struct CoverageView {
    pub name: String,
    pub cif: String,
    pub covered: bool,
}

pub struct TokenCard {
    pub id: String,
    pub label: String,
    pub owner: String,
    pub active: bool,
    pub status_text: String,
    pub badge_class: &'static str,
    pub days_left: i64,
    pub access_days_left: i64,
    pub access_until: String,
    pub refresh_until: String,
    pub coverage: Vec<CoverageView>,
}

#[derive(Template)]
#[template(path = "anaf.html")]
struct AnafPage {
    ctx: PageCtx,
    tokens: Vec<TokenCard>,
}

/// What a token's badge says and its colour, with the days left of the refresh and of the access
/// token. The dashboard shows the same badge for each company's connection.
pub(crate) fn token_health(
    t: Tr,
    status: &str,
    access_expires_at: chrono::NaiveDateTime,
    refresh_expires_at: chrono::NaiveDateTime,
    now: chrono::NaiveDateTime,
) -> (String, &'static str, i64, i64) {
    // What limits the token is the earlier of the two: the access token expiring unrefreshed,
    // or the refresh token ending.
    let days_left = (refresh_expires_at - now).num_days();
    let access_days_left = (access_expires_at - now).num_days();
    let (text, badge) = match status {
        anaf_tokens::STATUS_RECONNECT => {
            (t.get("anaf.status.reconnect").to_string(), "badge-danger")
        }
        anaf_tokens::STATUS_REVOKED => (t.get("anaf.status.revoked").to_string(), "badge-muted"),
        _ if access_days_left < 0 => (t.get("anaf.status.expired").to_string(), "badge-danger"),
        _ => (
            format!(
                "{} {} {}",
                t.get("anaf.status.valid"),
                days_left,
                t.get("anaf.days")
            ),
            if days_left <= 7 {
                "badge-danger"
            } else if days_left <= 30 {
                "badge-warn"
            } else {
                "badge-ok"
            },
        ),
    };
    (text, badge, days_left, access_days_left)
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id.clone();
    let owner_label = format!("{} <{}>", user.0.name, user.0.email);
    let now = state.now_naive();
    let t = ctx.t;
    let rows = state
        .db(move |conn| {
            let mut out = Vec::new();
            for token in anaf_tokens::list_for_owner(conn, &uid)? {
                let coverage = anaf_tokens::coverage(conn, &token.id)?;
                out.push((token, coverage));
            }
            Ok(out)
        })
        .await?;
    let tokens = rows
        .into_iter()
        .map(|(token, coverage)| {
            let (status_text, badge_class, days_left, access_days_left) = token_health(
                t,
                &token.status,
                token.access_expires_at,
                token.refresh_expires_at,
                now,
            );
            TokenCard {
                active: token.status == anaf_tokens::STATUS_ACTIVE,
                id: token.id,
                label: token.label,
                owner: owner_label.clone(),
                status_text,
                badge_class,
                days_left,
                access_days_left,
                access_until: token.access_expires_at.format("%Y-%m-%d").to_string(),
                refresh_until: token.refresh_expires_at.format("%Y-%m-%d").to_string(),
                coverage: coverage
                    .into_iter()
                    .map(|c| CoverageView {
                        name: c.company.name,
                        cif: c.company.cif,
                        covered: c.covered,
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(render(&AnafPage { ctx, tokens }, StatusCode::OK))
}

/// `GET /api/connect/anaf`: starts OAuth with a state bound to this session.
pub async fn connect(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    let nonce = crate::services::api_tokens::random_secret(32);
    session
        .insert(SESSION_OAUTH_NONCE, &nonce)
        .map_err(AppError::internal)?;
    let (uid, now) = (user.0.id.clone(), state.now_naive());
    let oauth_state = state
        .db(move |conn| oauth_flow::create_state(conn, &uid, Some(&nonce), None, now))
        .await?;
    Ok(redirect(&state.services.oauth.authorize_url(&oauth_state)))
}

#[derive(Template)]
#[template(path = "link_phone.html")]
struct PhonePage {
    t: Tr,
    state: &'static str,
    token: String,
    expires: String,
    message_key: &'static str,
}

fn phone_page(
    req: &HttpRequest,
    state: &'static str,
    token: &str,
    expires: String,
    message_key: &'static str,
    status: StatusCode,
) -> HttpResponse {
    render(
        &PhonePage {
            t: Tr::new(request_lang(req)),
            state,
            token: token.to_string(),
            expires,
            message_key,
        },
        status,
    )
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /anaf/callback`: ANAF sends the browser back here.
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let bad = |key: &'static str| {
        phone_page(
            &req,
            "error",
            "",
            String::new(),
            key,
            StatusCode::BAD_REQUEST,
        )
    };
    let (Some(code), Some(oauth_state)) = (query.code, query.state) else {
        return Ok(bad(if query.error.is_some() {
            "oauth.error.denied"
        } else {
            "oauth.error.unknown_state"
        }));
    };
    let nonce: Option<String> = session.get(SESSION_OAUTH_NONCE).ok().flatten();
    let now = state.now_naive();
    let claim = state
        .db(move |conn| oauth_flow::consume_state(conn, &oauth_state, nonce.as_deref(), now))
        .await?;
    let claim = match claim {
        Ok(c) => c,
        Err(
            e @ (FlowError::UnknownState
            | FlowError::Replayed
            | FlowError::Expired
            | FlowError::WrongSession
            | FlowError::LinkUnavailable),
        ) => {
            return Ok(bad(e.message_key()));
        }
    };
    let via_link = claim.link_id.is_some();
    match oauth_flow::complete(&state.services, claim, &code).await {
        Ok(_) if via_link => Ok(phone_page(
            &req,
            "done",
            "",
            String::new(),
            "",
            StatusCode::OK,
        )),
        Ok(_) => {
            let _ = session.remove(SESSION_OAUTH_NONCE);
            flash(&session, "success", "anaf.connected");
            Ok(redirect("/anaf"))
        }
        Err(CompleteError::LinkUnavailable) => Ok(bad("oauth.error.link_unavailable")),
        Err(CompleteError::OAuth(e)) => {
            tracing::warn!(error = %e, "ANAF code exchange failed");
            Ok(bad("oauth.error.exchange"))
        }
        Err(CompleteError::Service(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "anaf_link_panel.html")]
struct LinkPanel {
    t: Tr,
    qr_svg: String,
    url: String,
    expires: String,
    link_id: String,
}

pub fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(_) => String::new(),
    }
}

/// `POST /anaf/token-links` (htmx): a new link shown as QR code and text.
pub async fn create_link(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    let (uid, now, ttl) = (
        user.0.id.clone(),
        state.now_naive(),
        state.services.lifecycle.link_ttl,
    );
    let created = state
        .db(move |conn| token_links::create(conn, &uid, ttl, now))
        .await?;
    let url = format!(
        "{}/anaf/link/{}",
        state.services.public_url, created.plaintext
    );
    Ok(render(
        &LinkPanel {
            t: ctx.t,
            qr_svg: qr_svg(&url),
            expires: created
                .link
                .expires_at
                .format("%Y-%m-%d %H:%M UTC")
                .to_string(),
            link_id: created.link.id,
            url,
        },
        StatusCode::OK,
    ))
}

#[derive(Template)]
#[template(path = "anaf_link_status.html")]
struct LinkStatusFragment {
    t: Tr,
    status: &'static str,
    link_id: String,
}

/// `GET /anaf/token-links/{id}/status` (htmx polling on the accountant's page).
pub async fn link_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (uid, id, now) = (user.0.id.clone(), path.into_inner(), state.now_naive());
    let link = state
        .db(move |conn| token_links::find_for_user(conn, &uid, &id))
        .await?;
    let status = token_links::status(&link, now);
    Ok(render(
        &LinkStatusFragment {
            t: Tr::new(request_lang(&req)),
            status: status.as_str(),
            link_id: link.id,
        },
        StatusCode::OK,
    ))
}

/// `GET /anaf/link/{token}`: the page the phone opens.
pub async fn link_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let now = state.now_naive();
    let lookup = token.clone();
    let link = state
        .db(move |conn| {
            let link = token_links::find_by_plaintext(conn, &lookup)?;
            if token_links::status(&link, now) == LinkStatus::Pending {
                token_links::mark_opened(conn, &link.id, now)?;
            }
            Ok(link)
        })
        .await;
    let link = match link {
        Ok(l) => l,
        Err(AppError::NotFound) => {
            return Ok(phone_page(
                &req,
                "error",
                "",
                String::new(),
                "link.unknown",
                StatusCode::NOT_FOUND,
            ));
        }
        Err(e) => return Err(e),
    };
    let expires = link.expires_at.format("%Y-%m-%d %H:%M UTC").to_string();
    Ok(match token_links::status(&link, now) {
        LinkStatus::Pending => phone_page(&req, "pending", &token, expires, "", StatusCode::OK),
        LinkStatus::Completed => phone_page(&req, "completed", "", expires, "", StatusCode::GONE),
        LinkStatus::Expired => phone_page(&req, "expired", "", expires, "", StatusCode::GONE),
    })
}

/// `GET /anaf/link/{token}/start`: on to ANAF with a state bound to the link.
pub async fn link_start(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let now = state.now_naive();
    let started = state
        .db(move |conn| {
            let link = token_links::find_by_plaintext(conn, &token)?;
            if token_links::status(&link, now) != LinkStatus::Pending {
                return Err(ServiceError::Conflict("oauth.error.link_unavailable"));
            }
            oauth_flow::create_state(conn, &link.created_by, None, Some(&link.id), now)
        })
        .await;
    match started {
        Ok(oauth_state) => Ok(redirect(&state.services.oauth.authorize_url(&oauth_state))),
        Err(AppError::NotFound) => Ok(phone_page(
            &req,
            "error",
            "",
            String::new(),
            "link.unknown",
            StatusCode::NOT_FOUND,
        )),
        Err(AppError::Conflict(_)) => Ok(phone_page(
            &req,
            "error",
            "",
            String::new(),
            "oauth.error.link_unavailable",
            StatusCode::GONE,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct LabelForm {
    label: String,
}

pub async fn rename_token(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
    form: web::Form<LabelForm>,
) -> Result<HttpResponse, AppError> {
    let (uid, id, now, label) = (
        user.0.id.clone(),
        path.into_inner(),
        state.now_naive(),
        form.into_inner().label,
    );
    state
        .db(move |conn| anaf_tokens::rename(conn, &uid, &id, &label, now))
        .await?;
    flash(&session, "success", "anaf.renamed");
    Ok(redirect("/anaf"))
}

pub async fn revoke_token(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let revocation = token_lifecycle::revoke(&state.services, &user.0.id, &path.into_inner())
        .await
        .map_err(AppError::from)?;
    match revocation {
        Revocation::Confirmed => flash(&session, "success", "anaf.revoked"),
        Revocation::NotConfirmed => flash(&session, "info", "anaf.revoked_here_only"),
    }
    Ok(redirect("/anaf"))
}

pub async fn delete_token(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let revocation = token_lifecycle::delete(&state.services, &user.0.id, &path.into_inner())
        .await
        .map_err(AppError::from)?;
    match revocation {
        Some(Revocation::NotConfirmed) => flash(&session, "info", "anaf.deleted_here_only"),
        Some(Revocation::Confirmed) => flash(&session, "success", "anaf.revoked_and_deleted"),
        None => flash(&session, "success", "anaf.deleted"),
    }
    Ok(redirect("/anaf"))
}
