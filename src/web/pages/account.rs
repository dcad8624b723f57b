//! First-run setup, login, logout and the language switch.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::redirect;
use crate::i18n::Lang;
use crate::services::{ServiceError, users};
use crate::web::AppState;
use crate::web::auth::SESSION_USER;
use crate::web::context::{PageCtx, flash};
use crate::web::error::AppError;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    ctx: PageCtx,
    name: String,
    email: String,
    error_email: Option<&'static str>,
    error_password: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn has_users(state: &AppState) -> Result<bool, AppError> {
    Ok(state.db(users::count).await? > 0)
}

pub async fn setup_form(
    state: web::Data<AppState>,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    if has_users(&state).await? {
        return Ok(redirect("/login"));
    }
    Ok(render(
        &SetupPage {
            ctx,
            name: String::new(),
            email: String::new(),
            error_email: None,
            error_password: None,
        },
        actix_web::http::StatusCode::OK,
    ))
}

pub(crate) fn render<T: Template>(tpl: &T, status: actix_web::http::StatusCode) -> HttpResponse {
    match tpl.render() {
        Ok(body) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}

pub async fn setup_submit(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageCtx,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    if has_users(&state).await? {
        // Setup is only for the very first account; later ones come from an administrator.
        return Err(AppError::Forbidden);
    }
    let form = form.into_inner();
    let now = state.now_naive();
    let (email, name, password) = (form.email.clone(), form.name.clone(), form.password.clone());
    let created = state
        .db(move |conn| {
            users::create(
                conn,
                users::NewAccount {
                    email: &email,
                    name: &name,
                    password: &password,
                },
                now,
            )
        })
        .await;
    match created {
        Ok(user) => {
            session.renew();
            session
                .insert(SESSION_USER, &user.id)
                .map_err(AppError::internal)?;
            flash(&session, "success", "setup.done");
            Ok(redirect("/"))
        }
        Err(AppError::Validation(errors)) => Ok(render(
            &SetupPage {
                ctx,
                name: form.name,
                email: form.email,
                error_email: errors.get("email"),
                error_password: errors.get("password"),
            },
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    error: Option<String>,
}

pub async fn login_form(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    if !has_users(&state).await? {
        return Ok(redirect("/setup"));
    }
    if session.get::<String>(SESSION_USER).ok().flatten().is_some() && ctx.user.is_some() {
        return Ok(redirect("/"));
    }
    Ok(render(
        &LoginPage {
            ctx,
            email: String::new(),
            error: None,
        },
        actix_web::http::StatusCode::OK,
    ))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn login_submit(
    state: web::Data<AppState>,
    session: Session,
    ctx: PageCtx,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let now = state.now_naive();
    let (email, password) = (form.email.clone(), form.password.clone());
    let result = state
        .db(
            move |conn| match users::authenticate(conn, &email, &password, now) {
                Ok(user) => Ok(Ok(user)),
                Err(e @ (ServiceError::InvalidCredentials | ServiceError::Throttled { .. })) => {
                    Ok(Err(e))
                }
                Err(e) => Err(e),
            },
        )
        .await?;
    match result {
        Ok(user) => {
            session.renew();
            session
                .insert(SESSION_USER, &user.id)
                .map_err(AppError::internal)?;
            if let Some(lang) = user.language {
                let _ = session.insert("lang", lang);
            }
            Ok(redirect("/"))
        }
        Err(e) => {
            let message = AppError::from(e).message(ctx.t.lang);
            let message = if message == ctx.t.get("error.unauthorized") {
                ctx.t.get("login.failed").to_string()
            } else {
                message
            };
            Ok(render(
                &LoginPage {
                    ctx,
                    email: form.email,
                    error: Some(message),
                },
                actix_web::http::StatusCode::UNAUTHORIZED,
            ))
        }
    }
}

pub async fn logout(session: Session) -> HttpResponse {
    session.purge();
    redirect("/login")
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
}

/// Switches the language for this session and, for a logged-in user,
/// remembers it on their account.
pub async fn switch_language(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<LangForm>,
) -> Result<HttpResponse, AppError> {
    let lang =
        Lang::parse(&form.lang).ok_or_else(|| AppError::bad_request("error.invalid_language"))?;
    session
        .insert("lang", lang.code())
        .map_err(AppError::internal)?;
    if let Some(uid) = session.get::<String>(SESSION_USER).ok().flatten() {
        state
            .db(move |conn| users::set_language(conn, &uid, lang.code()))
            .await?;
    }
    // Back to the page the switch was pressed on, if it was one of ours.
    let back = req
        .headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_string());
    Ok(redirect(&back))
}
