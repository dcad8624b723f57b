//! Locating ANAF's sample payloads in `../shared/anaf/samples` at test time (never copied into
//! the repository).

use std::path::{Path, PathBuf};

/// `<CARGO_MANIFEST_DIR>/../shared/anaf/samples`, or `None` after a loud SKIPPED line (a panic
/// under `CI=true`) when it is absent.
pub fn samples_dir(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/anaf/samples");
    if dir.is_dir() {
        return Some(dir);
    }
    let why = format!(
        "SKIPPED: {test} because the ANAF samples folder {} is absent",
        dir.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{why} (CI=true makes this a failure)");
    }
    eprintln!("{why}");
    None
}

/// Every regular file directly under `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

pub fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The trust store made of every `mf-signing-certs/*.pem`.
pub fn mf_trust_store(samples: &Path) -> spvdesk::anaf::signature::TrustStore {
    let mut store = spvdesk::anaf::signature::TrustStore::new();
    for pem in files_in(&samples.join("mf-signing-certs")) {
        store.add_pem(&std::fs::read(&pem).unwrap()).unwrap();
    }
    store
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
