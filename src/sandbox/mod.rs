//! The local ANAF simulator: e-Factura REST (same paths, payloads, typos, quotas and signature
//! format as ANAF), ANAF OAuth, fault injection and a controllable clock. Its state lives in
//! its own data dir. See `SANDBOX.md`.
//!
//! `stub_*` modules stand in for the `anaf`/`ubl` modules written in parallel and are meant
//! to be swapped for them.

mod clock;
mod config;
mod core;
mod efactura;
mod faults;
mod http;
mod http_control;
mod http_efactura;
mod http_oauth;
mod jwt;
mod keys;
mod lifecycle;
mod mini_pdf;
mod multipart;
mod rules;
mod state;
pub mod stub_ubl;
pub mod stub_wire;
mod texts;
mod tokens;
mod validation_ops;

pub use config::{OAuthClient, QuotaLimits, SandboxConfig};
pub use core::{Sandbox, SandboxError};
pub use efactura::Answer;
pub use faults::{FaultTrigger, Faults, ForcedOutcome};
pub use http::{configure, run_standalone};
pub use jwt::decode_claims;
/// File name of the sandbox's certificate in its data dir (what spvdesk trusts in sandbox mode).
pub use keys::CERT_FILE as CERTIFICATE_FILE;
pub use state::{UploadRecord, UploadSource, UploadState};
pub use tokens::{AuthFailure, Grant, OAuthError, TokenPair};
