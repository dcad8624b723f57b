//! A minimal deterministic XML text builder: two-space indentation, elements
//! only (UBL has no mixed content), escaping of text and attribute values.

use std::fmt::Write as _;

pub(crate) struct XmlOut {
    buf: String,
    depth: usize,
    /// First text that cannot be written in XML 1.0 (a control character),
    /// reported by the writer as an error instead of producing bad XML.
    pub(crate) invalid: Option<String>,
}

/// Characters XML 1.0 cannot carry at all, even escaped.
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

impl XmlOut {
    pub(crate) fn new(capacity: usize) -> Self {
        let mut buf = String::with_capacity(capacity);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        XmlOut {
            buf,
            depth: 0,
            invalid: None,
        }
    }

    fn indent(&mut self) {
        self.buf.push('\n');
        for _ in 0..self.depth {
            self.buf.push_str("  ");
        }
    }

    fn escape(&mut self, text: &str, in_attribute: bool) {
        // Copy runs of ordinary characters in one go; only the rare special
        // ones go through the match.
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' if in_attribute => "&quot;",
                // Escaped so a parser's line-end and attribute normalisation
                // gives back exactly the text we were handed.
                '\r' => "&#13;",
                '\n' if in_attribute => "&#10;",
                '\t' if in_attribute => "&#9;",
                c if is_forbidden(c) => {
                    if self.invalid.is_none() {
                        self.invalid = Some(text.to_owned());
                    }
                    ""
                }
                _ => continue,
            };
            self.buf.push_str(&text[run_start..i]);
            self.buf.push_str(replacement);
            run_start = i + c.len_utf8();
        }
        self.buf.push_str(&text[run_start..]);
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.buf.push('<');
        self.buf.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.buf, " {k}=\"");
            self.escape(v, true);
            self.buf.push('"');
        }
    }

    pub(crate) fn open(&mut self, name: &str) {
        self.open_with(name, &[]);
    }

    pub(crate) fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        self.depth += 1;
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = write!(self.buf, "</{name}>");
    }

    pub(crate) fn leaf_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.buf.push('>');
        self.escape(text, false);
        let _ = write!(self.buf, "</{name}>");
    }

    /// A leaf whose text is known to need no escaping (base64), copied as is.
    pub(crate) fn leaf_unescaped(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        debug_assert!(!text.contains(['<', '&', '>', '\r']));
        self.start_tag(name, attrs);
        self.buf.push('>');
        self.buf.push_str(text);
        let _ = write!(self.buf, "</{name}>");
    }

    pub(crate) fn leaf(&mut self, name: &str, text: &str) {
        self.leaf_with(name, &[], text);
    }

    pub(crate) fn opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.leaf(name, t);
        }
    }

    pub(crate) fn finish(mut self) -> String {
        self.buf.push('\n');
        self.buf
    }
}
