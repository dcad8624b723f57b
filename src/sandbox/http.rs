//! Route table and shared HTTP helpers. Every route is relative, so the same `configure`
//! serves at the root (standalone) and under `web::scope("/sandbox")` inside the app.

use super::core::{Sandbox, SandboxError};
use super::faults::Faults;
use super::tokens::AuthFailure;
use super::{http_control, http_efactura, http_oauth};
use crate::anaf::wire::SpringError;
use crate::anaf::wire::timestamp::format_anaf_message_time;
use crate::anaf::wire::waf::waf_block_page;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;
use std::time::Duration;

pub type Sb = web::Data<Arc<Sandbox>>;

/// Bodies up to this size are read; ANAF's own 10 MB check answers in-band below it.
const MAX_BODY: usize = 16 * 1024 * 1024;

pub fn configure(sb: Arc<Sandbox>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        let rest = "/{env:prod|test}/FCTEL/rest";
        cfg.app_data(web::Data::new(sb))
            .app_data(web::PayloadConfig::new(MAX_BODY))
            .app_data(web::FormConfig::default().limit(64 * 1024))
            .route("/", web::get().to(http_control::index))
            .route(
                &format!("{rest}/upload"),
                web::post().to(http_efactura::upload),
            )
            .route(
                &format!("{rest}/uploadb2c"),
                web::post().to(http_efactura::upload_b2c),
            )
            .route(
                &format!("{rest}/stareMesaj"),
                web::get().to(http_efactura::stare_mesaj),
            )
            .route(
                &format!("{rest}/listaMesajeFactura"),
                web::get().to(http_efactura::lista_simpla),
            )
            .route(
                &format!("{rest}/listaMesajePaginatieFactura"),
                web::get().to(http_efactura::lista_paginata),
            )
            .route(
                &format!("{rest}/descarcare"),
                web::get().to(http_efactura::descarcare),
            )
            .route(
                &format!("{rest}/validare"),
                web::post().to(http_efactura::no_standard),
            )
            .route(
                &format!("{rest}/validare/"),
                web::post().to(http_efactura::no_standard),
            )
            .route(
                &format!("{rest}/transformare"),
                web::post().to(http_efactura::no_standard),
            )
            .route(
                &format!("{rest}/transformare/"),
                web::post().to(http_efactura::no_standard),
            )
            .route(
                &format!("{rest}/validare/{{standard}}"),
                web::post().to(http_efactura::validare),
            )
            .route(
                &format!("{rest}/transformare/{{standard}}"),
                web::post().to(http_efactura::transformare),
            )
            .route(
                &format!("{rest}/transformare/{{standard}}/{{novld}}"),
                web::post().to(http_efactura::transformare),
            )
            .route(
                "/api/validate/signature",
                web::post().to(http_efactura::validate_signature),
            )
            .route(
                "/TestOauth/jaxrs/hello",
                web::get().to(http_efactura::hello),
            )
            .route(
                "/anaf-oauth2/v1/authorize",
                web::get().to(http_oauth::authorize_page),
            )
            .route(
                "/anaf-oauth2/v1/authorize",
                web::post().to(http_oauth::authorize_submit),
            )
            .route("/anaf-oauth2/v1/token", web::post().to(http_oauth::token))
            .route("/anaf-oauth2/v1/revoke", web::post().to(http_oauth::revoke))
            .route(
                "/__sandbox/tokens",
                web::post().to(http_control::mint_tokens),
            )
            .route(
                "/__sandbox/incoming",
                web::post().to(http_control::incoming),
            )
            .route("/__sandbox/uploads", web::get().to(http_control::uploads))
            .route("/__sandbox/clock", web::get().to(http_control::get_clock))
            .route("/__sandbox/clock", web::post().to(http_control::set_clock))
            .route("/__sandbox/faults", web::get().to(http_control::get_faults))
            .route(
                "/__sandbox/faults",
                web::post().to(http_control::set_faults),
            )
            .route("/__sandbox/reset", web::post().to(http_control::reset))
            .route(
                "/__sandbox/certificate",
                web::get().to(http_control::certificate),
            );
    }
}

/// Serves the simulator alone on `listener` until the process stops.
pub async fn run_standalone(
    listener: std::net::TcpListener,
    sb: Arc<Sandbox>,
) -> std::io::Result<()> {
    actix_web::HttpServer::new(move || actix_web::App::new().configure(configure(sb.clone())))
        .listen(listener)?
        .run()
        .await
}

pub(super) fn spring_timestamp(sb: &Sandbox) -> String {
    format_anaf_message_time(sb.now())
}

pub(super) fn spring(sb: &Sandbox, status: StatusCode, message: &str) -> HttpResponse {
    let reason = status.canonical_reason().unwrap_or("Error");
    spring_response(
        status,
        &SpringError::with_message(
            spring_timestamp(sb),
            status.as_u16(),
            reason.to_owned(),
            message.to_owned(),
        ),
    )
}

/// Spring's 404 for a path the service does not map (ISO timestamp, `path`).
pub(super) fn spring_not_found(path: &str) -> HttpResponse {
    let now = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f+00:00")
        .to_string();
    spring_response(
        StatusCode::NOT_FOUND,
        &SpringError::not_found(now, path.to_owned()),
    )
}

fn spring_response(status: StatusCode, body: &SpringError) -> HttpResponse {
    json_response(status, body.to_json())
}

/// JSON written by a wire type's own serializer (ANAF's field order and value forms).
pub(super) fn json_response(status: StatusCode, json: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("application/json")
        .body(json)
}

pub(super) fn internal(err: SandboxError) -> HttpResponse {
    tracing::error!(error = %err, "sandbox internal error");
    HttpResponse::InternalServerError().json(serde_json::json!({"status": 500, "error": "Internal Server Error", "message": err.to_string()}))
}

pub(super) fn unauthorized(sb: &Sandbox, failure: AuthFailure) -> HttpResponse {
    let message = match failure {
        AuthFailure::Missing => "Full authentication is required to access this resource",
        AuthFailure::Invalid => "Invalid access token",
        AuthFailure::Expired => "Access token expired",
    };
    spring(sb, StatusCode::UNAUTHORIZED, message)
}

pub(super) fn bearer(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get("Authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The edge in front of every ANAF endpoint: per-minute limit, injected 429 bursts, latency,
/// 5xx and the WAF's HTML page. `Some(response)` short-circuits the request.
pub(super) async fn edge(sb: &Sandbox, endpoint: &str) -> Option<HttpResponse> {
    if !sb.admit_request() {
        return Some(spring(
            sb,
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests",
        ));
    }
    let roll = || rand::random::<f64>();
    let (burst, latency, fail, waf) = sb
        .with_faults(|f| {
            // One fault per request: a trigger that did not get to answer is not consumed.
            if f.too_many_requests.is_armed() && f.too_many_requests.fire(roll()) {
                return (true, 0, None, false);
            }
            let fail = Faults::fire(&mut f.http_5xx, endpoint, roll())
                .then(|| f.http_5xx_status.unwrap_or(500));
            let waf = fail.is_none() && Faults::fire(&mut f.waf_html, endpoint, roll());
            (false, f.latency_ms, fail, waf)
        })
        .unwrap_or((false, 0, None, false));
    if burst {
        return Some(spring(
            sb,
            StatusCode::TOO_MANY_REQUESTS,
            "Too Many Requests",
        ));
    }
    if latency > 0 {
        actix_web::rt::time::sleep(Duration::from_millis(latency)).await;
    }
    if let Some(status) = fail {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return Some(spring(sb, status, "Internal Server Error"));
    }
    if waf {
        return Some(
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(waf_block_page(
                    &(rand::random::<u64>() % 10_000_000_000_000_000_000).to_string(),
                )),
        );
    }
    None
}
