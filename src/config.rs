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
    /// How often the scheduler looks for due jobs; None disables it (tests
    /// drive jobs with `jobs::run_due_once`).
    pub scheduler_tick: Option<std::time::Duration>,
    pub lifecycle: crate::services::context::LifecycleSettings,
    /// Start with the clock moved by this many seconds (sandbox mode only:
    /// lets a demo or a test see expiry and warnings without waiting).
    pub clock_offset_seconds: i64,
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
