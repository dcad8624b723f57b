//! Who is asking: a browser session, or an API client with a bearer token
//! (optionally scoped to a company with `X-Company`).

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};

use super::AppState;
use super::error::AppError;
use crate::db::models::{Company, User};
use crate::services::companies::{self, Role};
use crate::services::{api_tokens, users};

pub const SESSION_USER: &str = "uid";

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("application state missing"))
}

/// A logged-in browser user.
pub struct CurrentUser(pub User);

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let state = state(req);
        Box::pin(async move {
            let state = state?;
            let uid = session
                .get::<String>(SESSION_USER)
                .ok()
                .flatten()
                .ok_or(AppError::LoginRequired)?;
            let user = state
                .db(move |conn| users::find(conn, &uid))
                .await
                .map_err(|e| match e {
                    AppError::NotFound => AppError::LoginRequired,
                    other => other,
                })?;
            Ok(CurrentUser(user))
        })
    }
}

/// An API client authenticated by `Authorization: Bearer <token>`.
pub struct ApiUser(pub User);

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
        .filter(|t| !t.is_empty())
}

impl FromRequest for ApiUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = state(req);
        Box::pin(async move {
            let state = state?;
            let token = token.ok_or(AppError::Unauthorized)?;
            let now = state.now_naive();
            let user = state
                .db(move |conn| api_tokens::authenticate(conn, &token, now))
                .await?;
            Ok(ApiUser(user))
        })
    }
}

/// An API call scoped to one company through the `X-Company` header.
/// Missing header: 400. A company the user is not a member of (or that does
/// not exist): 403, the same answer for both.
pub struct CompanyScope {
    pub user: User,
    pub company: Company,
    pub role: Role,
}

impl FromRequest for CompanyScope {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let company_header = req
            .headers()
            .get("X-Company")
            .map(|v| v.to_str().map(|s| s.trim().to_string()));
        let user_future = ApiUser::from_request(req, payload);
        let state = state(req);
        Box::pin(async move {
            let ApiUser(user) = user_future.await?;
            let state = state?;
            let company_id = match company_header {
                None => {
                    return Err(AppError::BadRequest {
                        code: "missing_company",
                        key: "error.missing_company",
                        detail: None,
                    });
                }
                Some(Err(_)) => return Err(AppError::Forbidden),
                Some(Ok(id)) if id.is_empty() => {
                    return Err(AppError::BadRequest {
                        code: "missing_company",
                        key: "error.missing_company",
                        detail: None,
                    });
                }
                Some(Ok(id)) => id,
            };
            let uid = user.id.clone();
            let found = state
                .db(move |conn| companies::get_for_user(conn, &uid, &company_id))
                .await;
            match found {
                Ok((company, role)) => Ok(CompanyScope {
                    user,
                    company,
                    role,
                }),
                Err(AppError::NotFound) => Err(AppError::Forbidden),
                Err(other) => Err(other),
            }
        })
    }
}
