//! The persisted sandbox state: one JSON document, written atomically (temp file + rename)
//! after every mutation. Uploaded bodies and answer zips live beside it as files.

use super::faults::Faults;
use super::intake::DocumentKind;
use crate::anaf::wire::Stare;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

pub const FIRST_UPLOAD_INDEX: u64 = 5_100_000_000;
pub const FIRST_MESSAGE_ID: u64 = 3_100_000_000;

/// Persisted in pieces that change at different rates, so no request rewrites everything:
/// `state.json` (tokens, codes, id counters; rewritten when `core_dirty`), `counters.json`
/// (clock, quotas, faults; small, rewritten on every save), `records/{index}.json` (one per
/// upload, rewritten when it changes) and `messages.jsonl` (append-only: messages never change).
#[derive(Debug, Clone, Default)]
pub struct State {
    pub core: CoreState,
    pub vol: VolatileState,
    pub core_dirty: bool,
    /// Upload records changed since the last save.
    pub dirty_uploads: BTreeSet<u64>,
    /// How many of `core.messages` are already in `messages.jsonl`.
    pub persisted_messages: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CoreState {
    pub next_upload_index: u64,
    pub next_message_id: u64,
    /// Keyed by SHA-256 (hex) of the token string: the store never holds usable tokens.
    pub tokens: BTreeMap<String, TokenRecord>,
    pub auth_codes: BTreeMap<String, AuthCode>,
    /// Every CIF a token was ever minted for: buyers the sandbox "knows".
    pub known_cifs: BTreeSet<String>,
    #[serde(skip)]
    pub uploads: Vec<UploadRecord>,
    #[serde(skip)]
    pub messages: Vec<MessageRecord>,
}

impl Default for CoreState {
    fn default() -> Self {
        CoreState {
            next_upload_index: FIRST_UPLOAD_INDEX,
            next_message_id: FIRST_MESSAGE_ID,
            tokens: BTreeMap::new(),
            auth_codes: BTreeMap::new(),
            known_cifs: BTreeSet::new(),
            uploads: Vec::new(),
            messages: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VolatileState {
    pub clock_offset_seconds: i64,
    pub quota_day: Option<NaiveDate>,
    pub quota_counters: BTreeMap<String, u32>,
    pub faults: Faults,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TokenKind {
    Access,
    Refresh,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenRecord {
    pub kind: TokenKind,
    pub cifs: Vec<String>,
    pub client_id: String,
    /// Simulated certificate serial (hex), reported as `serial` in lists.
    pub serial: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Set when revoked or (refresh tokens) rotated.
    pub revoked: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub cifs: Vec<String>,
    pub serial: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UploadState {
    InPrelucrare,
    Ok,
    Nok,
    Nepreluat,
}

impl UploadState {
    /// The `stare` ANAF answers for an upload in this state.
    pub fn stare(self) -> Stare {
        match self {
            UploadState::InPrelucrare => Stare::InPrelucrare,
            UploadState::Ok => Stare::Ok,
            UploadState::Nok => Stare::Nok,
            UploadState::Nepreluat => Stare::XmlCuErori,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UploadSource {
    /// Through ANAF's REST `upload`/`uploadb2c`.
    Api,
    /// Injected through `/__sandbox/incoming` (a supplier's invoice).
    Incoming,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadRecord {
    pub index: u64,
    /// The `cif` query parameter (who uploaded).
    pub cif: String,
    pub standard: String,
    pub env: String,
    pub b2c: bool,
    pub extern_buyer: bool,
    pub autofactura: bool,
    pub executare: bool,
    pub sha256: String,
    pub size: usize,
    pub uploaded_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub state: UploadState,
    pub settled_at: Option<DateTime<Utc>>,
    pub download_id: Option<u64>,
    pub kind: DocumentKind,
    pub seller_cif: Option<String>,
    pub buyer_cif: Option<String>,
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub rasp_index: Option<String>,
    pub errors: Vec<String>,
    pub source: UploadSource,
    pub forced: Option<super::faults::ForcedOutcome>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRecord {
    pub id: u64,
    /// The SPV owner the message belongs to.
    pub cif: String,
    pub upload_index: u64,
    pub tip: String,
    pub detalii: String,
    pub created_at: DateTime<Utc>,
    /// Indexing time: list entries appear (and `data_creare` reads) from here.
    pub visible_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    #[error("cannot read state file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("state file {path} is not valid JSON: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("cannot write state file {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

pub const CORE_FILE: &str = "state.json";
pub const VOLATILE_FILE: &str = "counters.json";

fn load_json<T: serde::de::DeserializeOwned + Default>(path: &Path) -> Result<T, StateFileError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| StateFileError::Parse {
            path: path.display().to_string(),
            source,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(source) => Err(StateFileError::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}

pub const RECORDS_DIR: &str = "records";
pub const MESSAGES_FILE: &str = "messages.jsonl";

pub fn load(dir: &Path) -> Result<State, StateFileError> {
    let mut core: CoreState = load_json(&dir.join(CORE_FILE))?;
    let read_err = |path: &Path| {
        let path = path.display().to_string();
        move |source| StateFileError::Read { path, source }
    };
    let records = dir.join(RECORDS_DIR);
    if records.is_dir() {
        for entry in std::fs::read_dir(&records).map_err(read_err(&records))? {
            let path = entry.map_err(read_err(&records))?.path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                let bytes = std::fs::read(&path).map_err(read_err(&path))?;
                let record: UploadRecord =
                    serde_json::from_slice(&bytes).map_err(|source| StateFileError::Parse {
                        path: path.display().to_string(),
                        source,
                    })?;
                core.uploads.push(record);
            }
        }
    }
    core.uploads.sort_by_key(|u| u.index);
    let messages_path = dir.join(MESSAGES_FILE);
    match std::fs::read_to_string(&messages_path) {
        // A torn last line (crash while appending) is dropped; every complete line is kept.
        Ok(text) => {
            core.messages = text
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(read_err(&messages_path)(e)),
    }
    let persisted_messages = core.messages.len();
    Ok(State {
        core,
        vol: load_json(&dir.join(VOLATILE_FILE))?,
        core_dirty: false,
        dirty_uploads: BTreeSet::new(),
        persisted_messages,
    })
}

/// Removes every persisted piece (the signing identity stays).
pub fn remove_all(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(RECORDS_DIR));
    let _ = std::fs::remove_file(dir.join(MESSAGES_FILE));
}

fn save_json<T: Serialize>(path: &Path, value: &T) -> Result<(), StateFileError> {
    let err = |source| StateFileError::Write {
        path: path.display().to_string(),
        source,
    };
    let bytes = serde_json::to_vec(value).map_err(|e| err(std::io::Error::other(e)))?;
    write_atomically(path, &bytes).map_err(err)
}

/// Writes what changed: new messages, changed upload records, the core, and the counters.
pub fn save(dir: &Path, state: &mut State) -> Result<(), StateFileError> {
    let write_err = |path: &Path| {
        let path = path.display().to_string();
        move |source| StateFileError::Write { path, source }
    };
    if state.persisted_messages < state.core.messages.len() {
        let path = dir.join(MESSAGES_FILE);
        let mut lines = Vec::new();
        for m in &state.core.messages[state.persisted_messages..] {
            serde_json::to_writer(&mut lines, m)
                .map_err(|e| write_err(&path)(std::io::Error::other(e)))?;
            lines.push(b'\n');
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(write_err(&path))?;
        f.write_all(&lines).map_err(write_err(&path))?;
        state.persisted_messages = state.core.messages.len();
    }
    if !state.dirty_uploads.is_empty() {
        let records = dir.join(RECORDS_DIR);
        std::fs::create_dir_all(&records).map_err(write_err(&records))?;
        for index in std::mem::take(&mut state.dirty_uploads) {
            if let Some(u) = state.core.uploads.iter().find(|u| u.index == index) {
                save_json(&records.join(format!("{index}.json")), u)?;
            }
        }
    }
    if state.core_dirty {
        save_json(&dir.join(CORE_FILE), &state.core)?;
        state.core_dirty = false;
    }
    save_json(&dir.join(VOLATILE_FILE), &state.vol)
}

/// Temp file + rename, so a crashed process never leaves a half-written file. (No fsync: this
/// is a development simulator and it writes after every request.)
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
    }
    std::fs::rename(&tmp, path)
}
