//! `Sandbox`: the simulator's state behind one mutex, persisted in its data dir. Every entry
//! point settles due uploads first (lazily, by sandbox clock) so no background task is needed
//! and moving the clock is enough to drive the lifecycle.

use super::clock;
use super::config::SandboxConfig;
use super::faults::Faults;
use super::keys;
use super::state::{self, State};
use crate::anaf::signature::Signer;
use chrono::{DateTime, Duration, Utc};
use rand::Rng as _;
use rsa::PrivateKey as RsaPrivateKey;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot create data dir {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Keys(#[from] keys::KeyError),
    #[error("signer: {0}")]
    Signer(#[from] crate::anaf::signature::SignatureError),
    #[error(transparent)]
    StateFile(#[from] state::StateFileError),
    #[error("file {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("zip: {0}")]
    Zip(#[from] crate::anaf::zip::ZipError),
    #[error(transparent)]
    Jwt(#[from] super::jwt::JwtError),
}

pub struct Sandbox {
    pub(super) cfg: SandboxConfig,
    pub(super) signer: Signer,
    pub(super) jwt_key: RsaPrivateKey,
    pub(super) cert_pem: String,
    pub(super) inner: Mutex<Inner>,
}

pub(super) struct Inner {
    pub state: State,
    /// Real-time instants of recent ANAF REST requests (the 1000/min limit).
    pub recent_requests: VecDeque<Instant>,
}

impl Sandbox {
    pub fn open(cfg: SandboxConfig) -> Result<Arc<Sandbox>, SandboxError> {
        for dir in [
            cfg.data_dir.clone(),
            cfg.data_dir.join("uploads"),
            cfg.data_dir.join("zips"),
        ] {
            std::fs::create_dir_all(&dir).map_err(|source| SandboxError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let identity = keys::load_or_generate(&cfg.data_dir)?;
        let signer = Signer::from_pem(&identity.key_pem, &identity.cert_pem)?;
        let state = state::load(&cfg.data_dir)?;
        Ok(Arc::new(Sandbox {
            cfg,
            signer,
            jwt_key: identity.key,
            cert_pem: identity.cert_pem,
            inner: Mutex::new(Inner {
                state,
                recent_requests: VecDeque::new(),
            }),
        }))
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.cfg
    }

    /// The PEM certificate that signs every answer zip (a trust anchor for spvdesk).
    pub fn certificate_pem(&self) -> &str {
        &self.cert_pem
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock must not brick the simulator: the state is only
        // ever replaced whole, so the inner value is still consistent.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn now_of(state: &State) -> DateTime<Utc> {
        clock::sandbox_now(Utc::now(), state.vol.clock_offset_seconds)
    }

    /// Sandbox time now.
    pub fn now(&self) -> DateTime<Utc> {
        Self::now_of(&self.lock().state)
    }

    pub(super) fn save(&self, state: &mut State) -> Result<(), SandboxError> {
        state::save(&self.cfg.data_dir, state)?;
        Ok(())
    }

    pub(super) fn upload_path(&self, index: u64) -> PathBuf {
        self.cfg
            .data_dir
            .join("uploads")
            .join(format!("{index}.xml"))
    }

    pub(super) fn zip_path(&self, index: u64) -> PathBuf {
        self.cfg.data_dir.join("zips").join(format!("{index}.zip"))
    }

    pub(super) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, SandboxError> {
        std::fs::read(path).map_err(|source| SandboxError::File {
            path: path.display().to_string(),
            source,
        })
    }

    pub(super) fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), SandboxError> {
        state::write_atomically(path, bytes).map_err(|source| SandboxError::File {
            path: path.display().to_string(),
            source,
        })
    }

    /// Counts one request against the per-minute limit; `false` = answer HTTP 429.
    pub(super) fn admit_request(&self) -> bool {
        let mut inner = self.lock();
        let now = Instant::now();
        while let Some(front) = inner.recent_requests.front() {
            if now.duration_since(*front).as_secs() >= 60 {
                inner.recent_requests.pop_front();
            } else {
                break;
            }
        }
        if inner.recent_requests.len() >= self.cfg.rate_limit_per_minute {
            return false;
        }
        inner.recent_requests.push_back(now);
        true
    }

    /// Applies a change to the faults and persists it when anything changed (counted
    /// triggers count down), so idle fault checks cost no disk write.
    pub fn with_faults<T>(&self, f: impl FnOnce(&mut Faults) -> T) -> Result<T, SandboxError> {
        let mut inner = self.lock();
        let before = inner.state.vol.faults.clone();
        let out = f(&mut inner.state.vol.faults);
        if inner.state.vol.faults != before {
            self.save(&mut inner.state)?;
        }
        Ok(out)
    }

    pub fn faults(&self) -> Faults {
        self.lock().state.vol.faults.clone()
    }

    /// Moves the sandbox clock by `seconds` (negative allowed); returns the new time.
    pub fn advance_clock(&self, seconds: i64) -> Result<DateTime<Utc>, SandboxError> {
        let mut inner = self.lock();
        inner.state.vol.clock_offset_seconds =
            inner.state.vol.clock_offset_seconds.saturating_add(seconds);
        self.save(&mut inner.state)?;
        Ok(Self::now_of(&inner.state))
    }

    /// Sets the sandbox clock to `t` (keeps ticking from there).
    pub fn set_clock(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, SandboxError> {
        let mut inner = self.lock();
        inner.state.vol.clock_offset_seconds = (t - Utc::now()).num_seconds();
        self.save(&mut inner.state)?;
        Ok(Self::now_of(&inner.state))
    }

    /// Forgets everything but the signing identity.
    pub fn reset(&self) -> Result<(), SandboxError> {
        let mut inner = self.lock();
        for upload in &inner.state.core.uploads {
            let _ = std::fs::remove_file(self.upload_path(upload.index));
            let _ = std::fs::remove_file(self.zip_path(upload.index));
        }
        state::remove_all(&self.cfg.data_dir);
        inner.state = State::default();
        inner.state.core_dirty = true;
        inner.recent_requests.clear();
        self.save(&mut inner.state)
    }

    /// Counts one call against a daily quota (Romanian day). `Err(limit)` when exhausted;
    /// refused calls are not counted.
    pub(super) fn take_quota(
        state: &mut State,
        now: DateTime<Utc>,
        key: &str,
        limit: u32,
    ) -> Result<(), u32> {
        let today = crate::anaf::quota::anaf_day(now);
        if state.vol.quota_day != Some(today) {
            state.vol.quota_day = Some(today);
            state.vol.quota_counters.clear();
        }
        let count = state.vol.quota_counters.entry(key.to_string()).or_insert(0);
        if *count >= limit {
            return Err(limit);
        }
        *count += 1;
        Ok(())
    }

    pub(super) fn retention(&self) -> Duration {
        Duration::days(self.cfg.retention_days)
    }
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(super) fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.r#gen::<u8>()))
        .collect()
}

/// A UUID-v4-looking trace id, as ANAF's validator returns.
pub(super) fn trace_id() -> String {
    let h = random_hex(16);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

pub(super) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit())
}
