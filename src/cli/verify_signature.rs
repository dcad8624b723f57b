//! `spvdesk verify-signature ZIP` and `spvdesk verify-signature --xml F --signature S`:
//! offline check of ANAF's signature. Exit 0 = intact and trusted, 1 = altered or untrusted,
//! 2 = could not check (usage, I/O, unreadable files).
//!
//! The trust store comes from the folder named by `SPVDESK_TRUSTED_CERTS` (every `*.pem`,
//! `*.crt`, `*.cer` in it, PEM or DER). This is the only file in the signature feature that
//! touches the file system.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::anaf::signature::{
    SignatureFormat, TrustBasis, TrustStore, ValidityAtNow, Verdict, VerificationReport, verify_at,
    verify_zip_at,
};
use crate::anaf::signature_remote;
use crate::anaf::wire::signature_check::SignatureCheckOutcome;
use crate::anaf::zip::ZipLimits;

/// Environment variable naming the folder of trusted certificates.
pub const TRUSTED_CERTS_ENV: &str = "SPVDESK_TRUSTED_CERTS";

pub const EXIT_VALID: i32 = 0;
pub const EXIT_INVALID: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyInput {
    /// A `descarcare` archive.
    Zip(PathBuf),
    /// The two members, already extracted.
    Files { xml: PathBuf, signature: PathBuf },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyArgs {
    pub input: VerifyInput,
    /// For reporting whether the certificate is within its validity period today.
    pub now: DateTime<Utc>,
    /// When the signer is not among the trusted certificates, ask ANAF's own signature check at
    /// this host root instead (`--ask-anaf`); `None` = decide locally only.
    pub ask_anaf: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TrustDirError {
    #[error("cannot read the trusted-certificates folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Certificate { path: PathBuf, message: String },
}

impl TrustStore {
    /// Every `*.pem`, `*.crt` and `*.cer` file in `dir` (not recursive), PEM or DER.
    pub fn from_dir(dir: &Path) -> Result<TrustStore, TrustDirError> {
        let io = |source| TrustDirError::Io {
            path: dir.to_owned(),
            source,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        matches!(e.to_ascii_lowercase().as_str(), "pem" | "crt" | "cer")
                    })
            })
            .collect();
        paths.sort();
        let mut store = TrustStore::new();
        for path in paths {
            let bytes = read_limited(&path, 1024 * 1024).map_err(|source| TrustDirError::Io {
                path: path.clone(),
                source,
            })?;
            let cert_error =
                |e: crate::anaf::signature::SignatureError| TrustDirError::Certificate {
                    path: path.clone(),
                    message: e.to_string(),
                };
            let is_pem = bytes.windows(10).any(|w| w == b"-----BEGIN");
            if is_pem {
                let added = store.add_pem(&bytes).map_err(cert_error)?;
                if added == 0 {
                    return Err(TrustDirError::Certificate {
                        path,
                        message: "PEM file without a CERTIFICATE block".to_owned(),
                    });
                }
            } else {
                // Not PEM: a `.cer` is often plain DER.
                store.add_der(&bytes).map_err(cert_error)?;
            }
        }
        Ok(store)
    }
}

/// The trust store named by `SPVDESK_TRUSTED_CERTS`; empty when the variable is unset.
pub fn trust_store_from_env() -> Result<TrustStore, TrustDirError> {
    match std::env::var_os(TRUSTED_CERTS_ENV) {
        Some(dir) if !dir.is_empty() => TrustStore::from_dir(Path::new(&dir)),
        _ => Ok(TrustStore::new()),
    }
}

/// Adds the built-in sandbox's certificate found in `data_dir` (the in-process sandbox keeps its
/// files in `sandbox/`, `spvdesk anaf-sandbox` in the data dir itself); returns how many were
/// added. In sandbox mode the sandbox plays ANAF, so its seal is what "signed by ANAF" means.
pub fn add_sandbox_certificates(
    store: &mut TrustStore,
    data_dir: &Path,
) -> Result<usize, TrustDirError> {
    let file = crate::sandbox::CERTIFICATE_FILE;
    let mut added = 0;
    for path in [data_dir.join("sandbox").join(file), data_dir.join(file)] {
        let Ok(bytes) = read_limited(&path, 1024 * 1024) else {
            continue;
        };
        added += store
            .add_pem(&bytes)
            .map_err(|e| TrustDirError::Certificate {
                path: path.clone(),
                message: e.to_string(),
            })?;
    }
    Ok(added)
}

/// Runs the check and writes a human-readable report to `out`; returns the exit code.
pub fn run(args: VerifyArgs, trust: &TrustStore, out: &mut dyn Write) -> i32 {
    match check(&args, trust, out) {
        Ok(code) => code,
        Err(message) => {
            // If even this write fails there is nowhere left to report to.
            let _ = writeln!(out, "error: {message}");
            EXIT_ERROR
        }
    }
}

fn check(args: &VerifyArgs, trust: &TrustStore, out: &mut dyn Write) -> Result<i32, String> {
    let limits = ZipLimits::default();
    let (report, xml_bytes, sig_bytes) = match &args.input {
        VerifyInput::Zip(path) => {
            let zip = read_limited(path, limits.max_archive_bytes as u64)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let (report, parts) = verify_zip_at(&zip, trust, args.now)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            line(
                out,
                &format!("Archive: {} (upload index {})", path.display(), parts.index),
            )?;
            (report, parts.xml, parts.signature)
        }
        VerifyInput::Files { xml, signature } => {
            let read = |p: &PathBuf| {
                read_limited(p, limits.max_entry_bytes)
                    .map_err(|e| format!("cannot read {}: {e}", p.display()))
            };
            let (xml_bytes, sig_bytes) = (read(xml)?, read(signature)?);
            line(out, &format!("XML: {}", xml.display()))?;
            line(out, &format!("Signature: {}", signature.display()))?;
            let report =
                verify_at(&xml_bytes, &sig_bytes, trust, args.now).map_err(|e| e.to_string())?;
            (report, xml_bytes, sig_bytes)
        }
    };
    print_report(&report, trust, out)?;
    if report.verdict.is_valid() {
        return Ok(EXIT_VALID);
    }
    // Only an intact signature by a signer we cannot vouch for is worth asking ANAF about: an
    // altered file stays altered whoever looks at it.
    match (&report.verdict, &args.ask_anaf) {
        (Verdict::UntrustedIntact { .. }, Some(host)) => ask_anaf(host, xml_bytes, sig_bytes, out),
        _ => Ok(EXIT_INVALID),
    }
}

/// Asks ANAF's `/api/validate/signature` and reports its answer; its verdict decides.
fn ask_anaf(
    host: &str,
    xml: Vec<u8>,
    signature: Vec<u8>,
    out: &mut dyn Write,
) -> Result<i32, String> {
    line(out, &format!("Asking ANAF's signature check at {host} ..."))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
    let verdict = runtime
        .block_on(signature_remote::ask_anaf(&http, host, xml, signature))
        .map_err(|e| e.to_string())?;
    line(out, &format!("ANAF: {}", verdict.message))?;
    match verdict.outcome {
        SignatureCheckOutcome::Valid => {
            line(out, "Result: VALID according to ANAF")?;
            Ok(EXIT_VALID)
        }
        SignatureCheckOutcome::Invalid => {
            line(out, "Result: INVALID according to ANAF")?;
            Ok(EXIT_INVALID)
        }
        SignatureCheckOutcome::BadRequest | SignatureCheckOutcome::Unknown => {
            Err("ANAF's answer says neither valid nor invalid".to_owned())
        }
    }
}

fn print_report(
    report: &VerificationReport,
    trust: &TrustStore,
    out: &mut dyn Write,
) -> Result<(), String> {
    let c = &report.certificate;
    let format = match report.format {
        SignatureFormat::Detached => {
            "current ANAF format (detached, RSA-SHA1, SHA-256 of the raw XML)"
        }
        SignatureFormat::Enveloped => "old ANAF format (enveloped, exc-c14n, RSA-SHA256)",
    };
    let validity = match report.validity_at_now {
        Some(ValidityAtNow::Valid) => "within its validity period today",
        Some(ValidityAtNow::Expired) => {
            "expired today (archives signed while it was valid stay valid)"
        }
        Some(ValidityAtNow::NotYetValid) => "not yet valid today",
        None => "",
    };
    let trusted = match &report.trust {
        TrustBasis::ExactMatch => "yes (it is one of the trusted certificates)".to_owned(),
        TrustBasis::IssuedByTrusted { issuer_subject } => {
            format!("yes (issued by trusted {issuer_subject})")
        }
        TrustBasis::NotTrusted if trust.is_empty() => format!(
            "no (the trust store is empty: set {TRUSTED_CERTS_ENV} to a folder with ANAF's certificates)"
        ),
        TrustBasis::NotTrusted => format!(
            "no (not among the {} trusted certificates nor issued by one)",
            trust.len()
        ),
    };
    let result = match &report.verdict {
        Verdict::TrustedIntact { .. } => {
            "VALID: intact and signed by a trusted certificate".to_owned()
        }
        Verdict::UntrustedIntact { .. } => {
            "INVALID: intact, but the signer is not trusted".to_owned()
        }
        Verdict::Altered { reason } => format!("INVALID: altered: {reason}"),
    };
    for text in [
        format!("Format: {format}"),
        format!("Signed by: {}", c.subject),
        format!("Issuer: {}", c.issuer),
        format!("Serial: {}", c.serial_hex),
        format!(
            "Validity: {} to {}, {validity}",
            c.not_before.to_rfc3339_opts(SecondsFormat::Secs, true),
            c.not_after.to_rfc3339_opts(SecondsFormat::Secs, true)
        ),
        format!("Trusted: {trusted}"),
        format!("Result: {result}"),
    ] {
        line(out, &text)?;
    }
    Ok(())
}

fn line(out: &mut dyn Write, text: &str) -> Result<(), String> {
    writeln!(out, "{text}").map_err(|e| format!("cannot write the report: {e}"))
}

/// Reads a file, refusing one larger than `limit` without reading it all.
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than the {limit} bytes allowed"),
        ));
    }
    Ok(bytes)
}
