//! Command-line entry points other than the server.

pub mod accounts;
