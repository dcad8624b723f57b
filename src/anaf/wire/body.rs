//! Content sniffing: ANAF's status codes and content types cannot be trusted (errors come with
//! 200, the WAF answers HTML with 200, descarcare errors may be `text/plain`), so callers look at
//! the bytes.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Empty,
    Zip,
    Pdf,
    Xml,
    Json,
    Html,
    Other,
}

pub fn sniff(body: &[u8]) -> BodyKind {
    let trimmed = trim_start(body);
    if trimmed.is_empty() {
        BodyKind::Empty
    } else if body.starts_with(b"PK\x03\x04") || body.starts_with(b"PK\x05\x06") {
        BodyKind::Zip
    } else if trimmed.starts_with(b"%PDF") {
        BodyKind::Pdf
    } else if super::waf::looks_like_waf_html(body) {
        BodyKind::Html
    } else if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        BodyKind::Json
    } else if trimmed.starts_with(b"<") {
        BodyKind::Xml
    } else {
        BodyKind::Other
    }
}

pub(crate) fn trim_start(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    &body[start..]
}

/// The first characters of a body, for error messages.
pub(crate) fn start_of(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(60)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_kinds() {
        assert_eq!(sniff(b""), BodyKind::Empty);
        assert_eq!(sniff(b"PK\x03\x04rest"), BodyKind::Zip);
        assert_eq!(sniff(b"%PDF-1.7"), BodyKind::Pdf);
        assert_eq!(sniff(b" \n{\"a\":1}"), BodyKind::Json);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><a/>"), BodyKind::Xml);
        assert_eq!(sniff(b"<html><body>x</body></html>"), BodyKind::Html);
        assert_eq!(sniff(b"hello"), BodyKind::Other);
    }
}
