//! HTTP handlers of ANAF's REST paths: framing, auth, and the upload faults that need the
//! connection (drop / time out after the upload was recorded).

use super::efactura::Answer;
use super::http::{
    Sb, bearer, edge, internal, json_response, spring, spring_not_found, unauthorized,
};
use super::tokens::{AuthFailure, Grant};
use super::validation_ops::TransformAnswer;
use crate::anaf::wire::SignatureCheckResponse;
use crate::anaf::wire::signature_check::{
    SIGNATURE_BAD_REQUEST_MSG, SIGNATURE_INVALID_MSG, SIGNATURE_VALID_MSG,
};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use std::collections::HashMap;
use std::time::Duration;

type Query = HashMap<String, String>;

fn query(req: &HttpRequest) -> Query {
    web::Query::<Query>::from_query(req.query_string())
        .map(|q| q.into_inner())
        .unwrap_or_default()
}

fn env_of(req: &HttpRequest) -> String {
    req.match_info().get("env").unwrap_or("prod").to_string()
}

fn frame(sb: &Sb, answer: Answer) -> HttpResponse {
    match answer {
        Answer::Xml(xml) => HttpResponse::Ok().content_type("application/xml").body(xml),
        Answer::Json(json) => json_response(StatusCode::OK, json),
        Answer::BadRequest(m) => spring(sb, StatusCode::BAD_REQUEST, &m),
        Answer::Zip(bytes) => HttpResponse::Ok()
            .content_type("application/zip")
            .body(bytes),
    }
}

fn grant(sb: &Sb, req: &HttpRequest) -> Result<Grant, AuthFailure> {
    sb.authenticate(bearer(req))
}

pub async fn upload(sb: Sb, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    upload_any(sb, req, body, "upload").await
}

pub async fn upload_b2c(sb: Sb, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    upload_any(sb, req, body, "uploadb2c").await
}

async fn upload_any(sb: Sb, req: HttpRequest, body: web::Bytes, endpoint: &str) -> HttpResponse {
    if let Some(r) = edge(&sb, endpoint).await {
        return r;
    }
    let g = match grant(&sb, &req) {
        Ok(g) => g,
        Err(f) => return unauthorized(&sb, f),
    };
    let (answer, accepted) = match sb.upload(endpoint, &env_of(&req), &query(&req), &g, &body) {
        Ok(a) => a,
        Err(e) => return internal(e),
    };
    if accepted.is_some() {
        let roll = || rand::random::<f64>();
        let (drop, timeout) = sb
            .with_faults(|f| {
                let drop = f.upload_accept_then_drop.fire(roll());
                let timeout = (!drop && f.upload_accept_then_timeout.fire(roll()))
                    .then(|| f.upload_timeout_ms.unwrap_or(120_000));
                (drop, timeout)
            })
            .unwrap_or((false, None));
        if drop {
            return dropped_connection();
        }
        if let Some(ms) = timeout {
            actix_web::rt::time::sleep(Duration::from_millis(ms)).await;
        }
    }
    frame(&sb, answer)
}

/// The upload is recorded but the client never gets an answer: the body stream fails before
/// any byte, so the server closes the connection mid-response.
fn dropped_connection() -> HttpResponse {
    let failing = futures_util::stream::once(async {
        Err::<web::Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "sandbox fault: connection dropped",
        ))
    });
    HttpResponse::Ok()
        .content_type("application/xml")
        .streaming(failing)
}

pub async fn stare_mesaj(sb: Sb, req: HttpRequest) -> HttpResponse {
    if let Some(r) = edge(&sb, "stareMesaj").await {
        return r;
    }
    match grant(&sb, &req) {
        Ok(g) => sb
            .stare_mesaj(&query(&req), &g)
            .map_or_else(internal, |a| frame(&sb, a)),
        Err(f) => unauthorized(&sb, f),
    }
}

pub async fn lista_simpla(sb: Sb, req: HttpRequest) -> HttpResponse {
    if let Some(r) = edge(&sb, "listaMesajeFactura").await {
        return r;
    }
    match grant(&sb, &req) {
        Ok(g) => sb
            .lista_simpla(&query(&req), &g)
            .map_or_else(internal, |a| frame(&sb, a)),
        Err(f) => unauthorized(&sb, f),
    }
}

pub async fn lista_paginata(sb: Sb, req: HttpRequest) -> HttpResponse {
    if let Some(r) = edge(&sb, "listaMesajePaginatieFactura").await {
        return r;
    }
    match grant(&sb, &req) {
        Ok(g) => sb
            .lista_paginata(&query(&req), &g)
            .map_or_else(internal, |a| frame(&sb, a)),
        Err(f) => unauthorized(&sb, f),
    }
}

pub async fn descarcare(sb: Sb, req: HttpRequest) -> HttpResponse {
    if let Some(r) = edge(&sb, "descarcare").await {
        return r;
    }
    match grant(&sb, &req) {
        Ok(g) => sb
            .descarcare(&query(&req), &g)
            .map_or_else(internal, |a| frame(&sb, a)),
        Err(f) => unauthorized(&sb, f),
    }
}

/// validare/transformare exist only on prod hosts: `/test/...` answers Spring's 404.
fn not_on_test(sb: &Sb, req: &HttpRequest, what: &str) -> Option<HttpResponse> {
    (env_of(req) == "test" && !sb.config().validare_on_test)
        .then(|| spring_not_found(&format!("/FCTEL/rest/{what}/")))
}

/// `validare/` or `transformare/` without a standard: Spring's 404 JSON.
pub async fn no_standard(req: HttpRequest) -> HttpResponse {
    let what = if req.path().contains("/transformare") {
        "transformare"
    } else {
        "validare"
    };
    spring_not_found(&format!("/FCTEL/rest/{what}/"))
}

/// Optional auth: the no-auth host (webservicesp) serves these too, but a bearer token that is
/// present must be valid.
fn optional_auth(sb: &Sb, req: &HttpRequest) -> Option<HttpResponse> {
    bearer(req)
        .and_then(|t| sb.authenticate(Some(t)).err())
        .map(|f| unauthorized(sb, f))
}

pub async fn validare(sb: Sb, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    if let Some(r) = edge(&sb, "validare").await {
        return r;
    }
    if let Some(r) = not_on_test(&sb, &req, "validare").or_else(|| optional_auth(&sb, &req)) {
        return r;
    }
    let standard = req.match_info().get("standard").unwrap_or("");
    json_response(StatusCode::OK, sb.validare(standard, &body).to_json())
}

pub async fn transformare(sb: Sb, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    if let Some(r) = edge(&sb, "transformare").await {
        return r;
    }
    if let Some(r) = not_on_test(&sb, &req, "transformare").or_else(|| optional_auth(&sb, &req)) {
        return r;
    }
    let standard = req.match_info().get("standard").unwrap_or("");
    let validate = match req.match_info().get("novld") {
        None => true,
        Some("DA") => false,
        Some(_) => return spring_not_found("/FCTEL/rest/transformare/"),
    };
    match sb.transformare(standard, &body, validate) {
        TransformAnswer::Pdf(pdf) => HttpResponse::Ok().content_type("application/pdf").body(pdf),
        TransformAnswer::Nok(answer) => json_response(StatusCode::OK, answer.to_json()),
    }
}

pub async fn validate_signature(sb: Sb, req: HttpRequest, payload: web::Payload) -> HttpResponse {
    if let Some(r) = edge(&sb, "signature").await {
        return r;
    }
    if let Some(r) = optional_auth(&sb, &req) {
        return r;
    }
    let answer = |status: StatusCode, msg: &str| {
        let body = SignatureCheckResponse {
            msg: msg.to_owned(),
        };
        json_response(status, body.to_json())
    };
    let bad = || answer(StatusCode::BAD_REQUEST, SIGNATURE_BAD_REQUEST_MSG);
    let Ok(parts) = form_parts(&req, payload).await else {
        return bad();
    };
    let part = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, data)| data.as_slice())
    };
    let (Some(file), Some(signature)) = (part("file"), part("signature")) else {
        return bad();
    };
    let looks_xml = |b: &[u8]| {
        let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
        b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
    };
    if !looks_xml(file) || !looks_xml(signature) {
        return bad();
    }
    let msg = if sb.signature_is_valid(file, signature) {
        SIGNATURE_VALID_MSG
    } else {
        SIGNATURE_INVALID_MSG
    };
    answer(StatusCode::OK, msg)
}

/// `TestOauth/jaxrs/hello?name=X`: ANAF's token smoke test.
pub async fn hello(sb: Sb, req: HttpRequest) -> HttpResponse {
    if let Err(f) = grant(&sb, &req) {
        return unauthorized(&sb, f);
    }
    let name = query(&req).get("name").cloned().unwrap_or_default();
    let mut body = format!("Hello, \"{name}\"\n");
    for (k, v) in req.headers() {
        if k.as_str().eq_ignore_ascii_case("authorization") {
            continue;
        }
        body.push_str(&format!("headers={k}={}\n", v.to_str().unwrap_or("")));
    }
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(body)
}

/// Largest signature-check request read (an invoice of at most 10 MB plus its signature).
const MAX_SIGNATURE_FORM_BYTES: usize = 12 * 1024 * 1024;

/// The named parts of a `multipart/form-data` body; `Err` for anything that is not one (ANAF
/// answers all of those with the same "request incorect" message).
async fn form_parts(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Vec<(String, Vec<u8>)>, ()> {
    use futures_util::StreamExt;
    let mut form = actix_multipart::Multipart::new(req.headers(), payload);
    let mut parts = Vec::new();
    let mut total = 0usize;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|_| ())?;
        let name = field.name().unwrap_or_default().to_owned();
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| ())?;
            total += chunk.len();
            if total > MAX_SIGNATURE_FORM_BYTES {
                return Err(());
            }
            data.extend_from_slice(&chunk);
        }
        parts.push((name, data));
    }
    Ok(parts)
}
