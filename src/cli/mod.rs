//! Command-line entry points other than the server.

pub mod accounts;
pub mod validate;
pub mod verify_signature;
