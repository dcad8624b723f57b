//! Reading ANAF's real archives and writing ones like them.

use spvdesk::anaf::zip::{
    ZipContentKind, ZipError, ZipLimits, read_anaf_zip, read_anaf_zip_with_limits, write_anaf_zip,
};

use crate::anaf_sample_files::{file_name, files_in, samples_dir};

#[test]
fn reads_every_real_archive_whatever_the_entry_order() {
    let Some(samples) = samples_dir("reads_every_real_archive_whatever_the_entry_order") else {
        return;
    };
    for path in files_in(&samples.join("zips")) {
        let name = file_name(&path);
        let parts = read_anaf_zip(&std::fs::read(&path).unwrap()).unwrap();
        assert!(name.contains(&parts.index), "{name}: index {}", parts.index);
        assert!(parts.ignored_entries.is_empty());
        assert!(parts.xml.starts_with(b"<?xml"), "{name}");
        assert!(!parts.signature.is_empty(), "{name}");
        let expected = if name.contains("_ok_invoice_") {
            ZipContentKind::Invoice
        } else {
            ZipContentKind::ErrorFile
        };
        assert_eq!(parts.content_kind(), expected, "{name}");

        // Our writer produces an archive that reads back to the same parts.
        let ours = write_anaf_zip(&parts.index, &parts.xml, &parts.signature).unwrap();
        assert_eq!(read_anaf_zip(&ours).unwrap(), parts, "{name}");
    }
}

#[test]
fn written_archives_look_like_anafs() {
    let zip = write_anaf_zip("6552704998", b"<a/>", b"<Signature/>").unwrap();
    let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 2);
    let names: Vec<String> = (0..2)
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(names, ["6552704998.xml", "semnatura_6552704998.xml"]);
    for i in 0..2 {
        assert_eq!(
            archive.by_index(i).unwrap().compression(),
            ::zip::CompressionMethod::Deflated
        );
    }
}

#[test]
fn a_compression_bomb_is_refused_before_inflating() {
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let zip = write_anaf_zip("1", &zeros, b"<Signature/>").unwrap();
    assert!(
        zip.len() < 100_000,
        "deflate should shrink zeros: {}",
        zip.len()
    );
    let limits = ZipLimits {
        max_entry_bytes: 1024 * 1024,
        ..ZipLimits::default()
    };
    assert!(matches!(
        read_anaf_zip_with_limits(&zip, &limits),
        Err(ZipError::EntryTooLarge { .. })
    ));

    // Same archive, but the central directory lies about the size: inflation is capped anyway.
    let mut lying = zip.clone();
    let cd = lying
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    lying[cd + 24..cd + 28].copy_from_slice(&10u32.to_le_bytes());
    let result = read_anaf_zip_with_limits(&lying, &limits);
    assert!(
        result.is_err(),
        "a lying size must not be inflated past the limit"
    );
}
