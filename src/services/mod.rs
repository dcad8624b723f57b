//! Use cases. Each one takes a connection (or the pool) and plain data, runs
//! in one transaction, and returns typed errors a handler can translate.

pub mod api_tokens;
pub mod companies;
pub mod errors;
pub mod users;

pub use errors::{FieldErrors, ServiceError};
