//! One integration-test binary: the real server on port 0, a fresh SQLite
//! file (or PostgreSQL database when SPVDESK_TEST_DATABASE_URL is set), HTTP.

mod api_companies;
mod browser;
mod cli;
mod csrf;
mod pages;
mod postgres_multi;
mod support;
