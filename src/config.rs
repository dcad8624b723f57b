//! Runtime settings, resolved once at start from flags and `SPVDESK_*` variables.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnafMode {
    /// The built-in simulator, mounted under `/sandbox`.
    Sandbox,
    /// ANAF's test environment.
    Test,
    /// ANAF production.
    Prod,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub anaf: AnafMode,
    /// Public base URL (no trailing slash), used in links and to decide
    /// whether cookies must be `Secure`.
    pub public_url: Option<String>,
    pub anaf_client_id: Option<String>,
    pub anaf_client_secret: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub secret_key: Vec<u8>,
}

impl Settings {
    pub fn cookies_secure(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    pub fn default_database_url(data_dir: &Path) -> String {
        data_dir
            .join("spvdesk.sqlite3")
            .to_string_lossy()
            .into_owned()
    }
}
