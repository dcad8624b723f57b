//! Server-rendered pages (askama + htmx fragments).

mod account;
pub(crate) mod anaf;
mod companies;
mod dashboard;
mod invoices;
mod tokens;

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(dashboard::show))
        .route("/setup", web::get().to(account::setup_form))
        .route("/setup", web::post().to(account::setup_submit))
        .route("/login", web::get().to(account::login_form))
        .route("/login", web::post().to(account::login_submit))
        .route("/logout", web::post().to(account::logout))
        .route("/lang", web::post().to(account::switch_language))
        .route("/companies", web::get().to(companies::list))
        .route("/companies/new", web::get().to(companies::new_form))
        .route("/companies/new", web::post().to(companies::create))
        .route("/companies/{id}", web::get().to(companies::show))
        .route("/companies/{id}/edit", web::get().to(companies::edit_form))
        .route("/companies/{id}/edit", web::post().to(companies::update))
        .route("/companies/{id}/invoices", web::get().to(invoices::list))
        .route("/companies/{id}/invoices", web::post().to(invoices::upload))
        .route("/invoices/{id}", web::get().to(invoices::show))
        .route(
            "/invoices/{id}/validate",
            web::post().to(invoices::validate),
        )
        .route("/invoices/{id}/xml", web::get().to(invoices::xml))
        .route("/invoices/{id}/delete", web::post().to(invoices::delete))
        .route("/api/connect/anaf", web::get().to(anaf::connect))
        .route("/anaf", web::get().to(anaf::page))
        .route("/anaf/callback", web::get().to(anaf::callback))
        .route("/anaf/token-links", web::post().to(anaf::create_link))
        .route(
            "/anaf/token-links/{id}/status",
            web::get().to(anaf::link_status),
        )
        .route("/anaf/link/{token}", web::get().to(anaf::link_page))
        .route("/anaf/link/{token}/start", web::get().to(anaf::link_start))
        .route(
            "/anaf/tokens/{id}/label",
            web::post().to(anaf::rename_token),
        )
        .route(
            "/anaf/tokens/{id}/revoke",
            web::post().to(anaf::revoke_token),
        )
        .route(
            "/anaf/tokens/{id}/delete",
            web::post().to(anaf::delete_token),
        )
        .route("/settings/tokens", web::get().to(tokens::list))
        .route("/settings/tokens", web::post().to(tokens::create))
        .route(
            "/settings/tokens/{id}/revoke",
            web::post().to(tokens::revoke),
        );
}

pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

/// After a successful htmx form post the browser navigates; a plain form
/// post gets an ordinary redirect.
pub(crate) fn redirect_after_post(req: &actix_web::HttpRequest, to: &str) -> HttpResponse {
    if req.headers().contains_key("HX-Request") {
        HttpResponse::Ok()
            .insert_header(("HX-Redirect", to))
            .finish()
    } else {
        redirect(to)
    }
}

pub(crate) fn role_key(role: crate::services::companies::Role) -> &'static str {
    match role {
        crate::services::companies::Role::Owner => "role.owner",
        crate::services::companies::Role::Accountant => "role.accountant",
        crate::services::companies::Role::Viewer => "role.viewer",
    }
}
