//! Everything the asynchronous use cases need, built once at start.

use std::sync::Arc;

use chrono::Duration;

use crate::anaf::endpoints::AnafEndpoints;
use crate::anaf::oauth::AnafOAuth;
use crate::clock::Clock;
use crate::crypto::TokenCipher;
use crate::db::Pool;
use crate::mail::Mailer;

/// When to refresh and when to warn; configurable per instance.
#[derive(Debug, Clone)]
pub struct LifecycleSettings {
    /// Refresh an access token this long before it expires.
    pub refresh_before: Duration,
    /// Warn this many days before a token can no longer be renewed.
    pub warning_days: Vec<i64>,
    /// Validity of a token link created from the UI or the API.
    pub link_ttl: Duration,
    /// Validity of a token link sent inside a warning e-mail.
    pub mail_link_ttl: Duration,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        LifecycleSettings {
            refresh_before: Duration::days(10),
            warning_days: vec![14, 7, 3, 1],
            link_ttl: Duration::hours(24),
            mail_link_ttl: Duration::hours(72),
        }
    }
}

#[derive(Clone)]
pub struct ServiceContext {
    pub pool: Pool,
    pub cipher: TokenCipher,
    pub endpoints: AnafEndpoints,
    pub oauth: AnafOAuth,
    pub http: reqwest::Client,
    pub clock: Arc<dyn Clock>,
    pub mailer: Mailer,
    /// This instance's public base URL, for links in pages and e-mails.
    pub public_url: String,
    pub lifecycle: LifecycleSettings,
    /// Names this process in lease rows.
    pub instance_id: String,
}

impl ServiceContext {
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now().naive_utc()
    }

    /// Runs blocking database work off the async threads.
    pub async fn db<T, F>(&self, work: F) -> Result<T, super::ServiceError>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConnection) -> Result<T, super::ServiceError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|e| super::ServiceError::Internal(format!("background task failed: {e}")))?
    }
}
