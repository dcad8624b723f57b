//! The `descarcare` archive: `{idx}.xml` (invoice, error file or RASP message) and
//! `semnatura_{idx}.xml` (ANAF's signature), named after the *upload* index, in either order.
//!
//! Reading is defensive because the bytes come from the network: the archive size, the entry
//! count and every entry's declared size are checked from the central directory *before*
//! anything is inflated, inflation itself is capped (declared sizes can lie), names that could
//! escape a directory are refused, and encrypted or non-deflate/stored entries are refused.

use std::io::{Cursor, Read, Write};

use ::zip::result::ZipError as ZipCrateError;
use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Limits for reading an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    /// Maximum size of the zip itself.
    pub max_archive_bytes: usize,
    /// Maximum number of entries. ANAF's archives have exactly 2; a little slack tolerates the
    /// extra entries one source reports (unconfirmed), which are then ignored unread.
    pub max_entries: usize,
    /// Maximum uncompressed size of one entry.
    pub max_entry_bytes: u64,
    /// Maximum uncompressed size of all entries we inflate together.
    pub max_total_bytes: u64,
}

impl Default for ZipLimits {
    /// ANAF accepts uploads up to 10 MB; 16 MiB per entry leaves room for the signature file of
    /// the old format, which repeats the whole invoice.
    fn default() -> Self {
        Self {
            max_archive_bytes: 32 * 1024 * 1024,
            max_entries: 4,
            max_entry_bytes: 16 * 1024 * 1024,
            max_total_bytes: 40 * 1024 * 1024,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ZipError {
    #[error("archive is {size} bytes, more than the {limit} allowed")]
    ArchiveTooLarge { size: usize, limit: usize },
    #[error("archive has {count} entries, more than the {limit} allowed")]
    TooManyEntries { count: usize, limit: usize },
    #[error("entry {name:?} is {size} bytes uncompressed, more than the {limit} allowed")]
    EntryTooLarge { name: String, size: u64, limit: u64 },
    #[error("entries to read total {size} bytes uncompressed, more than the {limit} allowed")]
    TotalTooLarge { size: u64, limit: u64 },
    #[error("entry name {0:?} is refused (path separators, '..', or not UTF-8)")]
    UnsafeName(String),
    #[error("entry {0:?} is encrypted")]
    Encrypted(String),
    #[error("entry {name:?} uses unsupported compression {method}")]
    UnsupportedCompression { name: String, method: String },
    #[error("archive has no {0}")]
    MissingEntry(&'static str),
    #[error("archive has more than one {0}")]
    DuplicateEntry(&'static str),
    #[error("invoice entry {xml:?} and signature entry {signature:?} name different indexes")]
    IndexMismatch { xml: String, signature: String },
    #[error("index {0:?} is not a decimal number")]
    InvalidIndex(String),
    #[error("not a readable zip archive: {0}")]
    Corrupt(#[source] ZipCrateError),
    #[error("could not write the zip archive: {0}")]
    Write(#[source] ZipCrateError),
    #[error("could not write the zip archive: {0}")]
    WriteIo(#[source] std::io::Error),
}

/// The two members of an ANAF archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipParts {
    /// The upload index the member names carry.
    pub index: String,
    /// `{index}.xml`: the invoice, the error file or the RASP message.
    pub xml: Vec<u8>,
    /// `semnatura_{index}.xml`.
    pub signature: Vec<u8>,
    /// Names of entries that were neither of the two and were not read.
    pub ignored_entries: Vec<String>,
}

/// What `{idx}.xml` holds, told apart by its root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipContentKind {
    Invoice,
    CreditNote,
    ErrorFile,
    RaspMessage,
    Other(String),
}

impl ZipParts {
    pub fn content_kind(&self) -> ZipContentKind {
        let Ok(doc) = crate::anaf::xml_tree::parse(&self.xml) else {
            return ZipContentKind::Other("not well-formed XML".to_owned());
        };
        let root = &doc.root;
        match root.local.as_str() {
            "Invoice" => ZipContentKind::Invoice,
            "CreditNote" => ZipContentKind::CreditNote,
            "header" if root.attribute("Index_incarcare").is_some() => ZipContentKind::ErrorFile,
            "header" if root.attribute("message").is_some() => ZipContentKind::RaspMessage,
            other => ZipContentKind::Other(other.to_owned()),
        }
    }
}

enum EntryRole {
    Document(String),
    Signature(String),
    Ignored,
}

fn is_index(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Classifies an entry name; refuses anything that could act as a path.
fn entry_role(name: &str) -> Result<EntryRole, ZipError> {
    if name.is_empty()
        || name.contains('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.contains("..")
        || name.contains(':')
    {
        return Err(ZipError::UnsafeName(name.to_owned()));
    }
    if let Some(idx) = name
        .strip_prefix("semnatura_")
        .and_then(|s| s.strip_suffix(".xml"))
        && is_index(idx)
    {
        return Ok(EntryRole::Signature(idx.to_owned()));
    }
    if let Some(idx) = name.strip_suffix(".xml")
        && is_index(idx)
    {
        return Ok(EntryRole::Document(idx.to_owned()));
    }
    Ok(EntryRole::Ignored)
}

/// Reads an ANAF archive with the default limits.
pub fn read_anaf_zip(bytes: &[u8]) -> Result<ZipParts, ZipError> {
    read_anaf_zip_with_limits(bytes, &ZipLimits::default())
}

pub fn read_anaf_zip_with_limits(bytes: &[u8], limits: &ZipLimits) -> Result<ZipParts, ZipError> {
    if bytes.len() > limits.max_archive_bytes {
        return Err(ZipError::ArchiveTooLarge {
            size: bytes.len(),
            limit: limits.max_archive_bytes,
        });
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(ZipError::Corrupt)?;
    if archive.len() > limits.max_entries {
        return Err(ZipError::TooManyEntries {
            count: archive.len(),
            limit: limits.max_entries,
        });
    }

    // Pass 1: central directory only — names, sizes, methods. Nothing is inflated here.
    let mut document: Option<(usize, String, String)> = None;
    let mut signature: Option<(usize, String, String)> = None;
    let mut ignored_entries = Vec::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i).map_err(ZipError::Corrupt)?;
        let name = std::str::from_utf8(entry.name_raw())
            .map_err(|_| ZipError::UnsafeName(String::from_utf8_lossy(entry.name_raw()).into()))?
            .to_owned();
        let role = entry_role(&name)?;
        if matches!(role, EntryRole::Ignored) {
            ignored_entries.push(name);
            continue;
        }
        if entry.encrypted() {
            return Err(ZipError::Encrypted(name));
        }
        let method = entry.compression();
        if method != CompressionMethod::Deflated && method != CompressionMethod::Stored {
            return Err(ZipError::UnsupportedCompression {
                name,
                method: format!("{method:?}"),
            });
        }
        let size = entry.size();
        if size > limits.max_entry_bytes {
            return Err(ZipError::EntryTooLarge {
                name,
                size,
                limit: limits.max_entry_bytes,
            });
        }
        total = total.saturating_add(size);
        let (slot, what) = match role {
            EntryRole::Document(idx) => (&mut document, idx),
            EntryRole::Signature(idx) => (&mut signature, idx),
            EntryRole::Ignored => continue,
        };
        if slot.is_some() {
            return Err(ZipError::DuplicateEntry(
                if name.starts_with("semnatura_") {
                    "signature entry"
                } else {
                    "document entry"
                },
            ));
        }
        *slot = Some((i, name, what));
    }
    if total > limits.max_total_bytes {
        return Err(ZipError::TotalTooLarge {
            size: total,
            limit: limits.max_total_bytes,
        });
    }
    let (doc_i, doc_name, doc_idx) = document.ok_or(ZipError::MissingEntry("{index}.xml entry"))?;
    let (sig_i, sig_name, sig_idx) =
        signature.ok_or(ZipError::MissingEntry("semnatura_{index}.xml entry"))?;
    if doc_idx != sig_idx {
        return Err(ZipError::IndexMismatch {
            xml: doc_name,
            signature: sig_name,
        });
    }

    // Pass 2: inflate the two entries, each capped at its limit whatever its header says.
    let xml = inflate(&mut archive, doc_i, &doc_name, limits.max_entry_bytes)?;
    let signature = inflate(&mut archive, sig_i, &sig_name, limits.max_entry_bytes)?;
    Ok(ZipParts {
        index: doc_idx,
        xml,
        signature,
        ignored_entries,
    })
}

fn inflate(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, ZipError> {
    let file = archive.by_index(index).map_err(ZipError::Corrupt)?;
    let mut out = Vec::new();
    // Reading one byte past the limit tells "exactly at the limit" from "over it".
    file.take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ZipError::Corrupt(ZipCrateError::Io(e)))?;
    if out.len() as u64 > limit {
        return Err(ZipError::EntryTooLarge {
            name: name.to_owned(),
            size: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// Writes an archive like ANAF's: deflate, `{idx}.xml` then `semnatura_{idx}.xml`.
pub fn write_anaf_zip(idx: &str, xml: &[u8], signature: &[u8]) -> Result<Vec<u8>, ZipError> {
    write_anaf_zip_at(idx, xml, signature, None)
}

/// As [`write_anaf_zip`], with the entries' modification time (local time, as zip stores it);
/// `None` gives the zip epoch (1980-01-01), which keeps the output deterministic.
pub fn write_anaf_zip_at(
    idx: &str,
    xml: &[u8],
    signature: &[u8],
    modified: Option<chrono::NaiveDateTime>,
) -> Result<Vec<u8>, ZipError> {
    if !is_index(idx) {
        return Err(ZipError::InvalidIndex(idx.to_owned()));
    }
    let mut options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    if let Some(t) = modified {
        use chrono::{Datelike, Timelike};
        let dt = ::zip::DateTime::from_date_and_time(
            u16::try_from(t.year()).unwrap_or(1980),
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        )
        .unwrap_or_default();
        options = options.last_modified_time(dt);
    }
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in [
        (format!("{idx}.xml"), xml),
        (format!("semnatura_{idx}.xml"), signature),
    ] {
        writer.start_file(name, options).map_err(ZipError::Write)?;
        writer.write_all(data).map_err(ZipError::WriteIo)?;
    }
    let cursor = writer.finish().map_err(ZipError::Write)?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn round_trips_and_accepts_any_order() {
        let z = write_anaf_zip("123", b"<a/>", b"<Signature/>").unwrap();
        let parts = read_anaf_zip(&z).unwrap();
        assert_eq!(parts.index, "123");
        assert_eq!(parts.xml, b"<a/>");
        assert_eq!(parts.signature, b"<Signature/>");

        let z = zip_with(&[("semnatura_9.xml", b"s"), ("9.xml", b"x")]);
        let parts = read_anaf_zip(&z).unwrap();
        assert_eq!(
            (parts.xml.as_slice(), parts.signature.as_slice()),
            (&b"x"[..], &b"s"[..])
        );
    }

    #[test]
    fn refuses_traversal_and_mismatches() {
        let z = zip_with(&[("../1.xml", b"x"), ("semnatura_1.xml", b"s")]);
        assert!(matches!(read_anaf_zip(&z), Err(ZipError::UnsafeName(_))));
        let z = zip_with(&[("a/1.xml", b"x"), ("semnatura_1.xml", b"s")]);
        assert!(matches!(read_anaf_zip(&z), Err(ZipError::UnsafeName(_))));
        let z = zip_with(&[("1.xml", b"x"), ("semnatura_2.xml", b"s")]);
        assert!(matches!(
            read_anaf_zip(&z),
            Err(ZipError::IndexMismatch { .. })
        ));
        let z = zip_with(&[("1.xml", b"x")]);
        assert!(matches!(read_anaf_zip(&z), Err(ZipError::MissingEntry(_))));
        assert!(matches!(
            read_anaf_zip(b"not a zip"),
            Err(ZipError::Corrupt(_))
        ));
        assert!(write_anaf_zip("../1", b"", b"").is_err());
    }

    #[test]
    fn enforces_limits_before_and_while_inflating() {
        let big = vec![b'a'; 100_000];
        let z = zip_with(&[("1.xml", &big), ("semnatura_1.xml", b"s")]);
        let limits = ZipLimits {
            max_entry_bytes: 1000,
            ..ZipLimits::default()
        };
        assert!(matches!(
            read_anaf_zip_with_limits(&z, &limits),
            Err(ZipError::EntryTooLarge { .. })
        ));
        let limits = ZipLimits {
            max_archive_bytes: 10,
            ..ZipLimits::default()
        };
        assert!(matches!(
            read_anaf_zip_with_limits(&z, &limits),
            Err(ZipError::ArchiveTooLarge { .. })
        ));
        let z = zip_with(&[
            ("1.xml", b"x"),
            ("semnatura_1.xml", b"s"),
            ("a.pdf", b"p"),
            ("b.pdf", b"p"),
            ("c.pdf", b"p"),
        ]);
        assert!(matches!(
            read_anaf_zip(&z),
            Err(ZipError::TooManyEntries { .. })
        ));
        let z = zip_with(&[("1.xml", b"x"), ("semnatura_1.xml", b"s"), ("a.pdf", b"p")]);
        assert_eq!(read_anaf_zip(&z).unwrap().ignored_entries, vec!["a.pdf"]);
    }
}
