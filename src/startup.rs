//! Building the application from settings: data dir, secret, database,
//! HTTP server on a given listener.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::Server;

use crate::anaf::endpoints::AnafEndpoints;
use crate::anaf::oauth::AnafOAuth;
use crate::clock::{Clock, OffsetClock};
use crate::config::{AnafMode, Settings};
use crate::crypto::TokenCipher;
use crate::db::{self, DbError, Pool};
use crate::mail::Mailer;
use crate::sandbox::{Sandbox, SandboxConfig};
use crate::secret::{self, SecretError};
use crate::services::context::LifecycleSettings;
use crate::services::context::ServiceContext;
use crate::web::{self, AppState};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("cannot start the HTTP server: {0}")]
    Http(#[from] std::io::Error),
    #[error("configuration: {0}")]
    Config(String),
}

/// Settings as given on the command line or in the environment.
#[derive(Debug, Clone)]
pub struct RawSettings {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub anaf: AnafMode,
    pub public_url: Option<String>,
    pub anaf_client_id: Option<String>,
    pub anaf_client_secret: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub secret_key: Option<String>,
    /// Seconds between scheduler rounds; 0 disables the scheduler.
    pub scheduler_tick_seconds: u64,
    /// Comma-separated days before expiry at which to warn, e.g. "14,7,3,1".
    pub token_warning_days: Option<String>,
    pub token_refresh_before_days: Option<i64>,
    pub clock_offset_seconds: i64,
}

/// Parses "14,7,3,1"; falls back to the default on an empty value.
pub fn parse_warning_days(value: &str) -> Result<Vec<i64>, String> {
    let mut days: Vec<i64> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<i64>()
                .ok()
                .filter(|d| (1..=365).contains(d))
                .ok_or_else(|| format!("SPVDESK_TOKEN_WARNING_DAYS: {s:?} is not a number of days between 1 and 365"))
        })
        .collect::<Result<_, _>>()?;
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    Ok(days)
}

impl RawSettings {
    /// Creates the data dir and the secret key if needed.
    pub fn resolve(self) -> Result<Settings, StartupError> {
        std::fs::create_dir_all(&self.data_dir).map_err(|source| StartupError::DataDir {
            path: self.data_dir.display().to_string(),
            source,
        })?;
        let secret_key = secret::load_or_create(self.secret_key.as_deref(), &self.data_dir)?;
        let database_url = self
            .database_url
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| Settings::default_database_url(&self.data_dir));
        let mut lifecycle = LifecycleSettings::default();
        if let Some(days) = self
            .token_warning_days
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        {
            lifecycle.warning_days = parse_warning_days(days).map_err(StartupError::Config)?;
        }
        if let Some(days) = self.token_refresh_before_days {
            if !(1..=80).contains(&days) {
                return Err(StartupError::Config(
                    "SPVDESK_TOKEN_REFRESH_BEFORE_DAYS must be between 1 and 80".into(),
                ));
            }
            lifecycle.refresh_before = chrono::Duration::days(days);
        }
        if self.clock_offset_seconds != 0 && self.anaf != AnafMode::Sandbox {
            return Err(StartupError::Config(
                "SPVDESK_CLOCK_OFFSET_SECONDS only works with the ANAF sandbox".into(),
            ));
        }
        Ok(Settings {
            scheduler_tick: (self.scheduler_tick_seconds > 0)
                .then(|| std::time::Duration::from_secs(self.scheduler_tick_seconds)),
            lifecycle,
            clock_offset_seconds: self.clock_offset_seconds,
            data_dir: self.data_dir,
            database_url,
            anaf: self.anaf,
            public_url: self.public_url.map(|u| u.trim_end_matches('/').to_string()),
            anaf_client_id: self.anaf_client_id,
            anaf_client_secret: self.anaf_client_secret,
            smtp_url: self.smtp_url,
            mail_from: self
                .mail_from
                .unwrap_or_else(|| "spvdesk <spvdesk@localhost>".to_string()),
            secret_key,
        })
    }
}

pub fn connect(settings: &Settings) -> Result<Pool, StartupError> {
    Ok(db::connect_and_migrate(&settings.database_url)?)
}

pub struct Application {
    port: u16,
    server: Server,
    pub clock: Arc<OffsetClock>,
    pub pool: Pool,
    /// The use-case context, for tests that drive jobs directly.
    pub services: ServiceContext,
    /// The in-process ANAF simulator (sandbox mode).
    pub sandbox: Option<Arc<Sandbox>>,
    scheduler_tick: Option<std::time::Duration>,
}

/// Opens the simulator's own state (never in the app's tables) under `dir`;
/// `base` is where this process serves it.
pub fn open_sandbox(dir: &std::path::Path, app_base: &str) -> Result<Arc<Sandbox>, StartupError> {
    let mut cfg = SandboxConfig::new(dir);
    cfg.public_base = Some(format!("{}/sandbox", app_base.trim_end_matches('/')));
    Sandbox::open(cfg).map_err(|e| StartupError::Config(format!("ANAF sandbox: {e}")))
}

/// The HTTP client every outgoing call uses: no redirects (ANAF's edge
/// redirects to login pages we must not follow), bounded time.
pub fn http_client() -> Result<reqwest::Client, StartupError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(15))
        .timeout(std::time::Duration::from_secs(120))
        .user_agent(concat!("spvdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| StartupError::Config(format!("HTTP client: {e}")))
}

/// Builds the use-case context for the given settings.
pub fn service_context(
    settings: &Settings,
    pool: Pool,
    clock: Arc<dyn Clock>,
    public_url: &str,
) -> Result<ServiceContext, StartupError> {
    let endpoints = AnafEndpoints::for_mode(settings.anaf, public_url);
    let (client_id, client_secret) = match (&settings.anaf_client_id, &settings.anaf_client_secret)
    {
        (Some(id), Some(secret)) => (id.clone(), secret.clone()),
        _ if settings.anaf == AnafMode::Sandbox => (
            SANDBOX_CLIENT_ID.to_string(),
            SANDBOX_CLIENT_SECRET.to_string(),
        ),
        _ => {
            return Err(StartupError::Config(
                "SPVDESK_ANAF_CLIENT_ID and SPVDESK_ANAF_CLIENT_SECRET are required outside the sandbox".into(),
            ));
        }
    };
    let http = http_client()?;
    let oauth = AnafOAuth::new(
        &endpoints,
        &client_id,
        &client_secret,
        &format!("{public_url}/anaf/callback"),
        http.clone(),
    )
    .map_err(|e| StartupError::Config(e.to_string()))?;
    let mailer = Mailer::from_settings(
        settings.smtp_url.as_deref(),
        &settings.mail_from,
        &settings.data_dir.join("outbox"),
    )
    .map_err(|e| StartupError::Config(e.to_string()))?;
    Ok(ServiceContext {
        pool,
        cipher: TokenCipher::from_secret(&settings.secret_key),
        endpoints,
        oauth,
        http,
        clock,
        mailer,
        public_url: public_url.to_string(),
        lifecycle: settings.lifecycle.clone(),
        instance_id: format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple()),
    })
}

/// OAuth client credentials the built-in sandbox accepts.
pub const SANDBOX_CLIENT_ID: &str = "spvdesk-sandbox";
pub const SANDBOX_CLIENT_SECRET: &str = "spvdesk-sandbox-secret";

impl Application {
    pub fn build(settings: Settings, listener: TcpListener) -> Result<Application, StartupError> {
        let pool = connect(&settings)?;
        let clock = Arc::new(OffsetClock::default());
        clock.advance(settings.clock_offset_seconds);
        let local = listener.local_addr()?;
        let port = local.port();
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{local}"));
        let services = service_context(
            &settings,
            pool.clone(),
            clock.clone() as Arc<dyn Clock>,
            &public_url,
        )?;
        let scheduler_tick = settings.scheduler_tick;
        let sandbox = match settings.anaf {
            AnafMode::Sandbox => Some(open_sandbox(
                &settings.data_dir.join("sandbox"),
                &public_url,
            )?),
            _ => None,
        };
        let state = AppState {
            pool: pool.clone(),
            settings: Arc::new(settings),
            clock: clock.clone() as Arc<dyn Clock>,
            services: services.clone(),
        };
        let server = web::serve(listener, state, sandbox.clone())?;
        Ok(Application {
            sandbox,
            port,
            server,
            clock,
            pool,
            services,
            scheduler_tick,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until stopped; the scheduler runs alongside when enabled.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let scheduler = self
            .scheduler_tick
            .map(|tick| crate::jobs::spawn(self.services.clone(), tick));
        let result = self.server.await;
        if let Some(handle) = scheduler {
            handle.abort();
        }
        result
    }
}
