//! Sandbox settings: where state lives and the knobs that ANAF does not document precisely.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub data_dir: PathBuf,
    /// Public base URL (e.g. `http://127.0.0.1:9000/sandbox`), shown on the index page only;
    /// redirects never depend on it.
    pub public_base: Option<String>,
    /// Seconds (sandbox clock) between upload and the final `ok`/`nok`.
    pub processing_delay_seconds: i64,
    /// Seconds between the final state and the list entries becoming visible.
    pub index_lag_seconds: i64,
    pub quotas: QuotaLimits,
    /// Requests per minute on ANAF's REST paths before HTTP 429.
    pub rate_limit_per_minute: usize,
    /// Registered OAuth clients; empty = accept any non-empty id/secret pair.
    pub oauth_clients: Vec<OAuthClient>,
    /// CIFs in the "executari silite" register (accepted with `executare=DA`).
    pub executare_register: Vec<String>,
    /// ANAF serves validare/transformare only on prod (`/test/...` answers 404).
    pub validare_on_test: bool,
    /// Access-token lifetime minted by OAuth (ANAF: 90 days).
    pub access_token_seconds: i64,
    /// Refresh-token lifetime (ANAF: 365 days).
    pub refresh_token_seconds: i64,
    /// Authorization codes must be exchanged within this many seconds (ANAF: 60).
    pub code_ttl_seconds: i64,
    /// Messages and downloads disappear after this many days (ANAF: 60).
    pub retention_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: String,
}

/// Daily limits, ANAF-API.md §6. Configurable because ANAF says "limits may change".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaLimits {
    pub rasp_uploads_per_cif: u32,
    pub stare_per_message: u32,
    pub list_simple_per_cif: u32,
    pub list_paged_per_cif: u32,
    pub download_per_message: u32,
}

impl Default for QuotaLimits {
    fn default() -> Self {
        QuotaLimits {
            rasp_uploads_per_cif: 1000,
            stare_per_message: 100,
            list_simple_per_cif: 1500,
            list_paged_per_cif: 100_000,
            download_per_message: 10,
        }
    }
}

impl SandboxConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        SandboxConfig {
            data_dir: data_dir.into(),
            public_base: None,
            processing_delay_seconds: 2,
            index_lag_seconds: 0,
            quotas: QuotaLimits::default(),
            rate_limit_per_minute: 1000,
            oauth_clients: Vec::new(),
            executare_register: Vec::new(),
            validare_on_test: false,
            access_token_seconds: 90 * 24 * 3600,
            refresh_token_seconds: 365 * 24 * 3600,
            code_ttl_seconds: 60,
            retention_days: 60,
        }
    }

    pub fn client_allowed(&self, id: &str, secret: &str) -> bool {
        if id.is_empty() || secret.is_empty() {
            return false;
        }
        self.oauth_clients.is_empty()
            || self
                .oauth_clients
                .iter()
                .any(|c| c.client_id == id && c.client_secret == secret)
    }

    pub fn client_known(&self, id: &str) -> bool {
        !id.is_empty()
            && (self.oauth_clients.is_empty()
                || self.oauth_clients.iter().any(|c| c.client_id == id))
    }
}
