//! CSRF protection for cookie-authenticated requests.
//!
//! Two layers: cross-site requests are refused by their `Sec-Fetch-Site` /
//! `Origin` headers, and every unsafe request must echo the session's token,
//! either in the `X-CSRF-Token` header (htmx sends it via `hx-headers`) or in
//! the `csrf_token` form field. The JSON API authenticates with bearer tokens,
//! never cookies, so it is exempt; so is the ANAF simulator.

use actix_session::{Session, SessionExt};
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;

use super::error::AppError;
use crate::services::api_tokens::random_secret;

const SESSION_KEY: &str = "csrf";
pub const FORM_FIELD: &str = "csrf_token";
pub const HEADER: &str = "X-CSRF-Token";
/// Forms larger than this are refused before the token is looked for.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The session's token, created on first use.
pub fn token(session: &Session) -> String {
    if let Ok(Some(existing)) = session.get::<String>(SESSION_KEY) {
        return existing;
    }
    let fresh = random_secret(32);
    let _ = session.insert(SESSION_KEY, &fresh);
    fresh
}

fn is_exempt(path: &str) -> bool {
    path.starts_with("/api/v1/") || path.starts_with("/sandbox/") || path == "/healthz"
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cross_site(req: &ServiceRequest) -> bool {
    if let Some(site) = req
        .headers()
        .get("Sec-Fetch-Site")
        .and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return true;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match (
        req.headers()
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok()),
        host,
    ) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        _ => false,
    }
}

fn form_token(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FORM_FIELD)
        .map(|(_, v)| v)
}

pub async fn protect<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: actix_web::middleware::Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_exempt(req.path()) {
        return next.call(req).await;
    }
    if cross_site(&req) {
        return Err(AppError::Csrf.into());
    }
    let expected = req.get_session().get::<String>(SESSION_KEY).ok().flatten();
    let Some(expected) = expected else {
        return Err(AppError::Csrf.into());
    };
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let presented = match header_token {
        Some(t) => Some(t),
        None => {
            let is_form = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
            if !is_form {
                None
            } else {
                // Read the form, look for the token, and hand the same bytes
                // on to the handler.
                let mut payload = req.take_payload();
                let mut body = BytesMut::new();
                while let Some(chunk) = payload.next().await {
                    let chunk = chunk?;
                    if body.len() + chunk.len() > MAX_FORM_BYTES {
                        return Err(AppError::bad_request("error.too_large").into());
                    }
                    body.extend_from_slice(&chunk);
                }
                let body: Bytes = body.freeze();
                let token = form_token(&body);
                req.set_payload(actix_web::dev::Payload::from(body));
                token
            }
        }
    };
    match presented {
        Some(p) if constant_time_eq(p.as_bytes(), expected.as_bytes()) => next.call(req).await,
        _ => Err(AppError::Csrf.into()),
    }
}
