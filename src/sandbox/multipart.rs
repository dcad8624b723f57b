//! A small `multipart/form-data` reader for `/api/validate/signature` (two small XML parts).

pub struct Part {
    pub name: String,
    pub data: Vec<u8>,
}

/// Extracts the boundary from a `Content-Type` header value.
pub fn boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

pub fn parse(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut rest = body;
    let Some(first) = find(rest, &delimiter) else {
        return parts;
    };
    rest = &rest[first + delimiter.len()..];
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        let Some(next) = find(rest, &delimiter) else {
            break;
        };
        let chunk = &rest[..next];
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        if let Some(split) = find(chunk, b"\r\n\r\n") {
            let headers = String::from_utf8_lossy(&chunk[..split]);
            if let Some(name) = part_name(&headers) {
                parts.push(Part {
                    name,
                    data: chunk[split + 4..].to_vec(),
                });
            }
        }
        rest = &rest[next + delimiter.len()..];
    }
    parts
}

fn part_name(headers: &str) -> Option<String> {
    let disposition = headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    disposition.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.trim() == "name").then(|| v.trim().trim_matches('"').to_string())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_two_parts() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xml\"\r\nContent-Type: text/xml\r\n\r\n<a/>\r\n--XX\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\n<s/>\r\n--XX--\r\n";
        let parts = parse(body, "XX");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "file");
        assert_eq!(parts[0].data, b"<a/>");
        assert_eq!(parts[1].data, b"<s/>");
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XX\"").as_deref(),
            Some("XX")
        );
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512), b in "[a-zA-Z0-9-]{0,12}") {
            let _ = super::parse(&body, &b);
            let _ = super::boundary(&format!("multipart/form-data; boundary={b}"));
        }
    }
}
