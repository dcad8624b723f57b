//! Building the application from settings: data dir, secret, database,
//! HTTP server on a given listener.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::Server;

use crate::clock::{Clock, OffsetClock};
use crate::config::{AnafMode, Settings};
use crate::db::{self, DbError, Pool};
use crate::secret::{self, SecretError};
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
        Ok(Settings {
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
}

impl Application {
    pub fn build(settings: Settings, listener: TcpListener) -> Result<Application, StartupError> {
        let pool = connect(&settings)?;
        let clock = Arc::new(OffsetClock::default());
        let port = listener.local_addr()?.port();
        let state = AppState {
            pool: pool.clone(),
            settings: Arc::new(settings),
            clock: clock.clone() as Arc<dyn Clock>,
        };
        let server = web::serve(listener, state)?;
        Ok(Application {
            port,
            server,
            clock,
            pool,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
