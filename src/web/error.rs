//! One error type for every handler. It renders as JSON under `/api/`, as
//! an htmx fragment for htmx requests, and as a full page otherwise; the
//! choice is made by `render_errors` which sees the request.

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};

use crate::i18n::{Lang, tr};
use crate::services::{FieldErrors, ServiceError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("authentication required")]
    Unauthorized,
    #[error("login required")]
    LoginRequired,
    #[error("CSRF check failed")]
    Csrf,
    #[error("bad request: {key}")]
    BadRequest {
        code: &'static str,
        key: &'static str,
        detail: Option<String>,
    },
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("throttled for {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn bad_request(key: &'static str) -> AppError {
        AppError::BadRequest {
            code: "bad_request",
            key,
            detail: None,
        }
    }

    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string())
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Unauthorized | AppError::LoginRequired => "unauthorized",
            AppError::Csrf => "csrf_failed",
            AppError::BadRequest { code, .. } => code,
            AppError::Validation(_) => "validation_failed",
            AppError::Throttled { .. } => "too_many_attempts",
            AppError::Conflict(_) => "conflict",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => tr(lang, "error.not_found").into(),
            AppError::Forbidden => tr(lang, "error.forbidden").into(),
            AppError::Unauthorized | AppError::LoginRequired => {
                tr(lang, "error.unauthorized").into()
            }
            AppError::Csrf => tr(lang, "error.csrf").into(),
            AppError::BadRequest { key, detail, .. } => match detail {
                Some(d) => format!("{}: {d}", tr(lang, key)),
                None => tr(lang, key).into(),
            },
            AppError::Validation(fields) => {
                let parts: Vec<String> = fields
                    .0
                    .iter()
                    .map(|(f, k)| format!("{f}: {}", tr(lang, k)))
                    .collect();
                format!("{} {}", tr(lang, "error.validation"), parts.join("; "))
            }
            AppError::Throttled { minutes } => {
                tr(lang, "error.throttled").replace("{minutes}", &minutes.to_string())
            }
            AppError::Conflict(key) => tr(lang, key).into(),
            AppError::Internal(_) => tr(lang, "error.internal").into(),
        }
    }

    pub fn json_body(&self, lang: Lang) -> serde_json::Value {
        let mut error = serde_json::json!({"code": self.code(), "message": self.message(lang)});
        if let AppError::Validation(fields) = self {
            let map: serde_json::Map<String, serde_json::Value> = fields
                .0
                .iter()
                .map(|(f, k)| ((*f).to_string(), serde_json::Value::from(tr(lang, k))))
                .collect();
            error["fields"] = serde_json::Value::Object(map);
        }
        serde_json::json!({ "error": error })
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Validation(f) => AppError::Validation(f),
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::Conflict(k) => AppError::Conflict(k),
            ServiceError::InvalidCredentials => AppError::Unauthorized,
            ServiceError::Throttled { minutes } => AppError::Throttled { minutes },
            ServiceError::Db(db) => AppError::Internal(db.to_string()),
            ServiceError::BadDocument { key, detail } => AppError::BadRequest {
                code: "invalid_document",
                key,
                detail: Some(detail),
            },
            ServiceError::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        AppError::Internal(format!("database pool: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::LoginRequired => StatusCode::SEE_OTHER,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The default rendering is JSON in Romanian; `render_errors` replaces it
    /// with the request's language and kind.
    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
        HttpResponse::build(self.status_code()).json(self.json_body(Lang::Ro))
    }
}

/// Language of the request: the user's choice stored in the session, else the
/// browser's `Accept-Language`, else Romanian.
pub fn request_lang(req: &actix_web::HttpRequest) -> Lang {
    use actix_session::SessionExt;
    if let Ok(Some(code)) = req.get_session().get::<String>("lang")
        && let Some(lang) = Lang::parse(&code)
    {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Middleware body: re-renders an `AppError` for the kind of request it
/// answers.
pub async fn render_errors<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<ServiceResponse<EitherBody<B, BoxBody>>, actix_web::Error> {
    let is_api = req.path().starts_with("/api/v1/");
    let is_htmx = req.headers().contains_key("HX-Request");
    let res = next.call(req).await?;
    let Some(app_error) = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
    else {
        return Ok(res.map_into_left_body());
    };
    let lang = request_lang(res.request());
    let status = app_error.status_code();
    let response = if matches!(app_error, AppError::LoginRequired) && !is_api {
        if is_htmx {
            HttpResponse::Ok()
                .insert_header(("HX-Redirect", "/login"))
                .finish()
        } else {
            HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/login"))
                .finish()
        }
    } else if is_api || matches!(app_error, AppError::LoginRequired) {
        let status = if matches!(app_error, AppError::LoginRequired) {
            StatusCode::UNAUTHORIZED
        } else {
            status
        };
        HttpResponse::build(status).json(app_error.json_body(lang))
    } else {
        let message = escape(&app_error.message(lang));
        let body = if is_htmx {
            format!("<div class=\"flash flash-error\" role=\"alert\">{message}</div>")
        } else {
            let title = escape(tr(lang, "error.title"));
            let home = escape(tr(lang, "nav.home"));
            format!(
                "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
                 <title>{title} · spvdesk</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
                 <body><main class=\"container narrow\"><h1>{title}</h1>\
                 <div class=\"flash flash-error\" role=\"alert\">{message}</div>\
                 <p><a href=\"/\">{home}</a></p></main></body></html>",
                lang.code()
            )
        };
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(body)
    };
    let (req, _) = res.into_parts();
    Ok(ServiceResponse::new(req, response).map_into_right_body())
}
