//! spvdesk: a self-hosted ANAF e-Factura desk for Romanian accountants.

pub mod anaf;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod sandbox;
pub mod secret;
pub mod services;
pub mod startup;
pub mod ubl;
pub mod validation;
pub mod web;
