//! Use cases. Each one takes a connection (or the pool) and plain data, runs
//! in one transaction, and returns typed errors a handler can translate.

pub mod anaf_tokens;
pub mod api_tokens;
pub mod companies;
pub mod context;
pub mod errors;
pub mod invoices;
pub mod oauth_flow;
pub mod outbox;
pub mod token_lifecycle;
pub mod token_links;
pub mod users;

pub use errors::{FieldErrors, ServiceError};
