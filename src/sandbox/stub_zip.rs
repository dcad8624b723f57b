//! STUB — to be replaced by the zip helpers of `crate::anaf` once they land.
//!
//! ANAF's answer archive: exactly two deflated entries named after the *upload index*:
//! `{idx}.xml` and `semnatura_{idx}.xml` (ANAF-API.md §4.1).

use std::io::{Cursor, Read, Write};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

#[derive(Debug, thiserror::Error)]
pub enum ZipStubError {
    #[error("zip error: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("zip I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("zip too large or too many entries")]
    TooLarge,
}

pub fn write_answer_zip(
    upload_index: &str,
    payload: &[u8],
    signature: &str,
) -> Result<Vec<u8>, ZipStubError> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    writer.start_file(format!("{upload_index}.xml"), options)?;
    writer.write_all(payload)?;
    writer.start_file(format!("semnatura_{upload_index}.xml"), options)?;
    writer.write_all(signature.as_bytes())?;
    Ok(writer.finish()?.into_inner())
}

/// Reads every entry, refusing archives with more than `max_entries` entries or entries that
/// inflate past `max_entry_bytes` (a zip bomb must not exhaust memory).
pub fn read_zip_entries(
    bytes: &[u8],
    max_entries: usize,
    max_entry_bytes: u64,
) -> Result<Vec<(String, Vec<u8>)>, ZipStubError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    if archive.len() > max_entries {
        return Err(ZipStubError::TooLarge);
    }
    let mut out = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index(i)?;
        if entry.size() > max_entry_bytes {
            return Err(ZipStubError::TooLarge);
        }
        let name = entry.name()?.into_owned();
        let mut data = Vec::new();
        entry.take(max_entry_bytes + 1).read_to_end(&mut data)?;
        if data.len() as u64 > max_entry_bytes {
            return Err(ZipStubError::TooLarge);
        }
        out.push((name, data));
    }
    Ok(out)
}
