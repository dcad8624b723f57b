//! One integration-test binary: the real server on port 0, a fresh SQLite
//! file (or PostgreSQL database when SPVDESK_TEST_DATABASE_URL is set), HTTP.

mod anaf_quota_tests;
mod anaf_sample_files;
mod anaf_signature_tests;
mod anaf_wire_tests;
mod anaf_zip_tests;
mod api_companies;
mod browser;
mod cli;
mod cli_verify_signature_tests;
mod csrf;
mod pages;
mod postgres_multi;
mod support;
