//! Where the shared reference data lives, and the loud-skip policy when it is absent.

use std::path::PathBuf;

/// The validation corpora: `SPVDESK_CONFORMANCE_DIR` or `../shared/validation`.
pub fn conformance_dir() -> PathBuf {
    match std::env::var_os("SPVDESK_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"),
    }
}

/// Skip loudly, or fail under CI, when reference data is missing.
/// Returns true when the caller should return early.
pub fn skip_unless_present(path: &std::path::Path, what: &str) -> bool {
    if path.exists() {
        return false;
    }
    let message = format!("SKIPPED: {what} because {} does not exist", path.display());
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{message} (CI=true makes this a failure)");
    }
    eprintln!("{message}");
    true
}

pub fn is_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}
