//! The JSON REST API under `/api/v1`: bearer tokens, `X-Company` scoping,
//! errors as `{"error":{"code","message"}}`.

mod anaf;
mod body;
mod companies;
mod invoices;
mod openapi;
mod tokens;
mod validate;

use actix_web::{Scope, web};

pub fn scope() -> Scope {
    web::scope("/api/v1")
        .route("/openapi.json", web::get().to(openapi::document))
        .route("/companies", web::get().to(companies::list))
        .route("/companies", web::post().to(companies::create))
        .route("/companies/{id}", web::get().to(companies::get))
        .route("/companies/{id}", web::patch().to(companies::patch))
        .route("/memberships", web::get().to(companies::memberships))
        .route("/anaf/token-links", web::post().to(anaf::create_link))
        .route(
            "/anaf/token-links/{link_token}",
            web::get().to(anaf::link_status),
        )
        .route("/validate", web::post().to(validate::validate))
        .route("/invoices", web::get().to(invoices::list))
        .route("/invoices", web::post().to(invoices::create))
        .route("/invoices/{uuid}", web::get().to(invoices::get))
        .route("/invoices/{uuid}", web::delete().to(invoices::delete))
        .route("/invoices/{uuid}/xml", web::get().to(invoices::xml))
        .route(
            "/invoices/{uuid}/validate",
            web::post().to(invoices::validate),
        )
        .route("/api-tokens", web::get().to(tokens::list))
        .route("/api-tokens", web::post().to(tokens::create))
        .route("/api-tokens/{id}", web::delete().to(tokens::revoke))
        .default_service(web::to(|| async {
            Err::<actix_web::HttpResponse, _>(super::error::AppError::NotFound)
        }))
}
