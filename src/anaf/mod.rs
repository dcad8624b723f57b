//! Talking to ANAF. Pure parts shared by our client and our simulator:
//! [`wire`] (every payload, parsed by local name, written in ANAF's shape,
//! in-band error classification), [`zip`] (safe reading, ANAF-like writing),
//! [`signature`] (both signature formats; signing for the simulator),
//! [`quota`] (daily and per-minute limits). Client parts: [`endpoints`],
//! [`oauth`], [`jwt`] (token expiry), [`rights`] (SPV rights per CIF).

pub mod endpoints;
pub mod jwt;
pub mod oauth;
pub mod quota;
pub mod rights;
pub mod signature;
pub mod signature_remote;
pub mod wire;
pub mod xml_tree;
pub mod zip;
