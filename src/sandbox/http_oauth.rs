//! ANAF's OAuth endpoints. The authorize page is a plain HTML form standing in for the
//! certificate prompt: POSTing it back to the same URL (query string kept, hence the empty
//! `action`) with `cifs` redirects to `redirect_uri?code=…&state=…`.

use super::http::{Sb, internal};
use super::tokens::OAuthError;
use crate::domain::ids::cif_digits_unchecked;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use std::collections::HashMap;

type Form = HashMap<String, String>;

fn query(req: &HttpRequest) -> HashMap<String, String> {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(|q| q.into_inner())
        .unwrap_or_default()
}

fn oauth_error(error: &str, description: &str) -> HttpResponse {
    HttpResponse::BadRequest()
        .json(serde_json::json!({"error": error, "error_description": description}))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 3986 unreserved characters pass; everything else is percent-encoded.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Checks the authorize request: `Ok((client_id, redirect_uri))`, else `(error, description)`.
fn check_authorize(
    sb: &Sb,
    q: &HashMap<String, String>,
) -> Result<(String, String), (&'static str, &'static str)> {
    if q.get("response_type").map(String::as_str) != Some("code") {
        return Err(("unsupported_response_type", "response_type must be code"));
    }
    let client_id = q.get("client_id").cloned().unwrap_or_default();
    if !sb.config().client_known(&client_id) {
        return Err(("invalid_client", "Client authentication failed"));
    }
    let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
    if redirect_uri.is_empty() {
        return Err(("invalid_request", "redirect_uri is required"));
    }
    Ok((client_id, redirect_uri))
}

pub async fn authorize_page(sb: Sb, req: HttpRequest) -> HttpResponse {
    let q = query(&req);
    let (client_id, _) = match check_authorize(&sb, &q) {
        Ok(v) => v,
        Err((error, description)) => return oauth_error(error, description),
    };
    let page = format!(
        r#"<!DOCTYPE html>
<html lang="ro"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ANAF sandbox - autentificare cu certificat</title>
<style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}}input,button{{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box;margin:.5rem 0}}</style></head>
<body>
<h1>ANAF sandbox</h1>
<p>This page stands for ANAF's certificate prompt. Application <code>{client}</code> asks for access to e-Factura.</p>
<form method="post" action="">
<label for="cifs">CIFs the simulated certificate has SPV rights on (comma-separated)</label>
<input id="cifs" name="cifs" type="text" inputmode="numeric" autocomplete="off" placeholder="12345678, 87654321">
<button type="submit">Autorizare</button>
</form>
</body></html>"#,
        client = html_escape(&client_id)
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page)
}

pub async fn authorize_submit(sb: Sb, req: HttpRequest, form: web::Form<Form>) -> HttpResponse {
    let q = query(&req);
    let (client_id, redirect_uri) = match check_authorize(&sb, &q) {
        Ok(v) => v,
        Err((error, description)) => return oauth_error(error, description),
    };
    let cifs: Vec<String> = form
        .get("cifs")
        .map(|raw| {
            raw.split(|c: char| c == ',' || c.is_whitespace())
                .map(cif_digits_unchecked)
                .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
                .collect()
        })
        .unwrap_or_default();
    let code = match sb.create_auth_code(&client_id, &redirect_uri, cifs) {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    let mut location = redirect_uri.clone();
    location.push(if redirect_uri.contains('?') { '&' } else { '?' });
    location.push_str(&format!("code={}", percent_encode(&code)));
    if let Some(state) = q.get("state") {
        location.push_str(&format!("&state={}", percent_encode(state)));
    }
    HttpResponse::Found()
        .insert_header(("Location", location))
        .finish()
}

/// Client credentials from HTTP Basic (ANAF's guide) or from the form body (what several
/// clients send); both are accepted.
fn client_credentials(req: &HttpRequest, form: &Form) -> Option<(String, String)> {
    let basic = req
        .headers()
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
        .and_then(|b| B64.decode(b.trim()).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            s.split_once(':')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        });
    basic.or_else(|| {
        Some((
            form.get("client_id")?.clone(),
            form.get("client_secret")?.clone(),
        ))
    })
}

fn token_answer(result: Result<super::tokens::TokenPair, OAuthError>) -> HttpResponse {
    match result {
        Ok(pair) => HttpResponse::Ok().json(pair),
        Err(e) => oauth_error(e.error, &e.description),
    }
}

pub async fn token(sb: Sb, req: HttpRequest, form: web::Form<Form>) -> HttpResponse {
    let Some((client_id, secret)) = client_credentials(&req, &form) else {
        return oauth_error("invalid_client", "Client authentication failed");
    };
    if !sb.config().client_allowed(&client_id, &secret) {
        return oauth_error("invalid_client", "Client authentication failed");
    }
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let Some(code) = form.get("code") else {
                return oauth_error("invalid_request", "code is required");
            };
            sb.exchange_code(
                &client_id,
                code,
                form.get("redirect_uri").map(String::as_str),
            )
            .map_or_else(internal, token_answer)
        }
        Some("refresh_token") => {
            let Some(refresh) = form.get("refresh_token") else {
                return oauth_error("invalid_request", "refresh_token is required");
            };
            sb.refresh(&client_id, refresh)
                .map_or_else(internal, token_answer)
        }
        _ => oauth_error("unsupported_grant_type", "Unsupported grant type"),
    }
}

pub async fn revoke(sb: Sb, req: HttpRequest, form: web::Form<Form>) -> HttpResponse {
    let Some((client_id, secret)) = client_credentials(&req, &form) else {
        return oauth_error("invalid_client", "Client authentication failed");
    };
    if !sb.config().client_allowed(&client_id, &secret) {
        return oauth_error("invalid_client", "Client authentication failed");
    }
    let Some(token) = form.get("token").or_else(|| form.get("access_token")) else {
        return oauth_error("invalid_request", "token is required");
    };
    let redirect = sb
        .with_faults(|f| f.revoke_redirect.fire(rand::random::<f64>()))
        .unwrap_or(false);
    if redirect {
        return HttpResponse::Found()
            .insert_header(("Location", "/my.policy"))
            .finish();
    }
    match sb.revoke(token) {
        Ok(()) => HttpResponse::Ok().finish(),
        Err(e) => internal(e),
    }
}
