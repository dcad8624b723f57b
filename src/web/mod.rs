//! The actix-web application: pages, JSON API, sessions, CSRF, i18n.
//! Handlers are thin: they parse, call a service, render.

pub mod api;
pub mod auth;
pub mod context;
pub mod csrf;
pub mod error;
pub mod pages;
pub mod query;
pub mod static_files;

use std::net::TcpListener;
use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::{self, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{DbConnection, Pool};
use crate::services::ServiceError;
use error::AppError;

pub struct AppState {
    pub pool: Pool,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub services: crate::services::context::ServiceContext,
}

impl AppState {
    /// Runs blocking diesel work on the thread pool with a pooled connection.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ServiceError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
        .map_err(AppError::from)
    }

    pub fn now_naive(&self) -> chrono::NaiveDateTime {
        self.clock.now().naive_utc()
    }
}

/// Starts the server on an already bound listener (port 0 in tests) and
/// returns it to be awaited.
pub fn serve(
    listener: TcpListener,
    state: AppState,
    sandbox: Option<Arc<crate::sandbox::Sandbox>>,
) -> std::io::Result<Server> {
    let secure = state.settings.cookies_secure();
    let key = Key::derive_from(&state.settings.secret_key);
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        let session = SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
            .cookie_name("spvdesk_session".into())
            .cookie_secure(secure)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_content_security(CookieContentSecurity::Private)
            .session_lifecycle(
                PersistentSession::default()
                    .session_ttl(actix_web::cookie::time::Duration::days(14)),
            )
            .build();
        App::new()
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(1024 * 1024)
                    .error_handler(|e, _| {
                        AppError::BadRequest {
                            code: "invalid_json",
                            key: "error.invalid_json",
                            detail: Some(e.to_string()),
                        }
                        .into()
                    }),
            )
            .app_data(
                web::FormConfig::default()
                    .limit(1024 * 1024)
                    .error_handler(|e, _| {
                        AppError::BadRequest {
                            code: "invalid_form",
                            key: "error.invalid_form",
                            detail: Some(e.to_string()),
                        }
                        .into()
                    }),
            )
            .app_data(web::QueryConfig::default().error_handler(|e, _| {
                AppError::BadRequest {
                    code: "invalid_query",
                    key: "error.invalid_query",
                    detail: Some(e.to_string()),
                }
                .into()
            }))
            .wrap(from_fn(csrf::protect))
            .wrap(from_fn(error::render_errors))
            .wrap(session)
            .wrap(
                middleware::DefaultHeaders::new()
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("Referrer-Policy", "same-origin"))
                    .add(("X-Frame-Options", "DENY")),
            )
            .wrap(middleware::Logger::new("%r %s %Dms").log_target("spvdesk::http"))
            .route("/healthz", web::get().to(healthz))
            .configure(|cfg| {
                // The ANAF simulator, in this process, for the sandbox mode.
                if let Some(sb) = sandbox.clone() {
                    cfg.service(web::scope("/sandbox").configure(crate::sandbox::configure(sb)));
                }
            })
            .service(static_files::scope())
            .service(api::scope())
            .configure(pages::configure)
            .default_service(web::to(not_found))
    })
    .listen(listener)?
    .run();
    Ok(server)
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let check = state
        .db(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SELECT 1")
                .map_err(|e| ServiceError::Db(crate::db::DbError::Query(e)))
        })
        .await;
    match check {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({"status": "ok", "database": "ok"})),
        Err(e) => HttpResponse::ServiceUnavailable()
            .json(serde_json::json!({"status": "error", "database": e.to_string()})),
    }
}
