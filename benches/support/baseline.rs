//! What the validation benches share: the 70 invoices the oracle's `bench.py` times (same folders,
//! same order) and the quick-xml baselines every ratio is measured against.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::reader::{NsReader, Reader};

pub const FOLDERS: [&str; 6] = [
    "en16931/examples",
    "en16931/testfiles",
    "cius-ro/anaf-examples",
    "cius-ro/phive-1.0.9",
    "cius-ro/oca-anaf-accepted",
    "cius-ro/oca-fixtures",
];

pub fn corpus() -> Option<Vec<(String, Vec<u8>)>> {
    let base = std::env::var_os("SPVDESK_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/validation"));
    let mut docs = Vec::new();
    for folder in FOLDERS {
        let mut paths = Vec::new();
        collect_xml(&base.join("testcases").join(folder), &mut paths)?;
        // bench.py sorts full paths within each folder.
        paths.sort();
        for p in paths {
            docs.push((name(&p), std::fs::read(&p).ok()?));
        }
    }
    Some(docs)
}

/// `*.xml` (any case) under `dir`, recursively, like `bench.py`'s `glob("**/*")`.
fn collect_xml(dir: &Path, out: &mut Vec<PathBuf>) -> Option<()> {
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        if path.is_dir() {
            collect_xml(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            out.push(path);
        }
    }
    Some(())
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The baseline: quick-xml's tokenizer alone, events discarded, no namespace resolution.
pub fn scan(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
        }
    }
}

/// The same with namespace resolution: the floor for anything that needs namespaces.
pub fn scan_ns(bytes: &[u8]) -> usize {
    let mut reader = NsReader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::Eof)) | Err(_) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
        }
    }
}
