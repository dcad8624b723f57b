//! The F5 BIG-IP in front of ANAF sometimes answers with an HTML "Request Rejected" page and
//! HTTP 200 instead of the service's answer; a client must recognise it rather than fail to
//! parse it, and our simulator can inject it.

/// True when `body` is an HTML page (not an ANAF XML or JSON answer) or carries the F5
/// rejection wording.
pub fn looks_like_waf_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(4096)];
    let lower: Vec<u8> = super::body::trim_start(head)
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let starts_like_html = [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"]
        .iter()
        .any(|p| lower.starts_with(p));
    let f5_wording = contains(&lower, b"the requested url was rejected")
        || contains(&lower, b"your support id is");
    starts_like_html || f5_wording
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An F5-style block page, for the simulator's fault injection.
pub fn waf_block_page(support_id: &str) -> String {
    let id: String = support_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!(
        "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. \
         Please consult with your administrator.<br><br>Your support ID is: {id}<br><br>\
         <a href='javascript:history.back();'>[Go Back]</a></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_block_pages_and_not_anaf_answers() {
        assert!(looks_like_waf_html(waf_block_page("123").as_bytes()));
        assert!(looks_like_waf_html(b"\r\n<!DOCTYPE HTML><html></html>"));
        assert!(looks_like_waf_html(
            b"Request Rejected. The requested URL was rejected."
        ));
        assert!(!looks_like_waf_html(
            b"<?xml version=\"1.0\"?><header xmlns=\"x\" stare=\"ok\"/>"
        ));
        assert!(!looks_like_waf_html(b"{\"eroare\":\"x\"}"));
        assert!(!looks_like_waf_html(b"PK\x03\x04"));
        assert!(!looks_like_waf_html(b""));
    }
}
