//! The instance's secret key: signs session cookies and encrypts ANAF tokens.

use std::fs;
use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

const KEY_FILE: &str = "secret.key";
const KEY_BYTES: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("SPVDESK_SECRET_KEY must be base64 of at least 32 bytes")]
    TooShort,
    #[error("reading or writing the secret key file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Uses `configured` (base64) when given, else the key file in `data_dir`,
/// generating it on first start with mode 0600.
pub fn load_or_create(configured: Option<&str>, data_dir: &Path) -> Result<Vec<u8>, SecretError> {
    if let Some(value) = configured {
        let bytes = STANDARD
            .decode(value.trim())
            .unwrap_or_else(|_| value.trim().as_bytes().to_vec());
        if bytes.len() < 32 {
            return Err(SecretError::TooShort);
        }
        return Ok(bytes);
    }
    let path = data_dir.join(KEY_FILE);
    let io_err = |source| SecretError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Ok(text) = fs::read_to_string(&path) {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| SecretError::TooShort)?;
        if bytes.len() >= 32 {
            return Ok(bytes);
        }
        return Err(SecretError::TooShort);
    }
    let mut key = vec![0u8; KEY_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(mut file) => {
            file.write_all(STANDARD.encode(&key).as_bytes())
                .map_err(io_err)?;
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create(None, data_dir),
        Err(e) => Err(io_err(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(None, dir.path()).unwrap();
        let second = load_or_create(None, dir.path()).unwrap();
        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(load_or_create(Some("c2hvcnQ="), dir.path()).is_err());
    }
}
