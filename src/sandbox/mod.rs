//! The local ANAF simulator: e-Factura REST (same paths, payloads, typos, quotas and signature
//! format as ANAF), ANAF OAuth, fault injection and a controllable clock. Its state lives in
//! its own data dir. See `SANDBOX.md`.
//!
//! It speaks through the client's own code, so both sides share one idea of ANAF: payloads are
//! `crate::anaf::wire` types (their `to_xml`/`to_json` write ANAF's bytes), texts come from
//! `crate::anaf::wire::texts` and `crate::anaf::quota`, answer zips are signed with
//! `crate::anaf::signature` and `crate::anaf::zip`, and uploads are validated with
//! `crate::validation`. What is the sandbox's alone: its lenient upload `intake` (ANAF routes a
//! document before validating it), state, clock, faults, OAuth and a few texts of its own.

mod clock;
mod config;
mod core;
mod efactura;
mod faults;
mod http;
mod http_control;
mod http_efactura;
mod http_oauth;
mod intake;
mod jwt;
mod keys;
mod lifecycle;
mod mini_pdf;
mod rules;
mod state;
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
