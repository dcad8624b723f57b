//! A small, hostile-input-safe XML tree built with quick-xml: size limit, no
//! DTD (a DOCTYPE is refused, so no entity expansion), bounded depth, only
//! the five predefined entities and character references.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::ubl::names::Ns;
use crate::validation::quick::tokenizer::predefined_entity;

/// Limits applied before and while parsing untrusted XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest accepted document in bytes (ANAF accepts 10 MB uploads).
    pub max_bytes: usize,
    /// Deepest accepted element nesting (real invoices stay below 15).
    pub max_depth: usize,
    /// Most elements accepted in one document. Bounds the memory a small
    /// file of empty elements could make the tree take; a 999-line invoice
    /// has about 50 000.
    pub max_elements: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_bytes: 10 * 1024 * 1024,
            max_depth: 64,
            max_elements: 500_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("the document has {size} bytes, more than the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("the document is not UTF-8 text (byte {position})")]
    NotUtf8 { position: usize },
    #[error("the document declares a DTD (DOCTYPE), which is refused")]
    Doctype,
    #[error("elements are nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("the document has more than {limit} elements")]
    TooManyElements { limit: usize },
    #[error("unknown entity &{0};")]
    UnknownEntity(String),
    #[error("malformed XML at byte {position}: {message}")]
    Malformed { position: u64, message: String },
    #[error("the document has no root element")]
    NoRoot,
}

/// An element. Names and text borrow from the input where they can, so a
/// typical document is mapped with few allocations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node<'i> {
    pub ns: Ns,
    pub name: Cow<'i, str>,
    /// Unprefixed attributes (schemeID, currencyID, ...), in document order.
    pub attrs: Vec<(Cow<'i, str>, Cow<'i, str>)>,
    pub text: Cow<'i, str>,
    pub children: Vec<Node<'i>>,
}

impl Node<'_> {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }

    pub(crate) fn qualified(&self) -> String {
        format!("{}{}", self.ns.prefix(), self.name)
    }
}

fn malformed(reader_pos: u64, e: impl std::fmt::Display) -> XmlError {
    XmlError::Malformed {
        position: reader_pos,
        message: e.to_string(),
    }
}

/// `part` as a slice of `input` when it points into it (quick-xml hands out
/// names borrowed from the event, which itself borrows the input), else a copy.
fn reborrow<'i>(input: &'i str, part: &str) -> Cow<'i, str> {
    let start = (part.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
    match input.get(start..start.wrapping_add(part.len())) {
        Some(s) if std::ptr::eq(s.as_ptr(), part.as_ptr()) => Cow::Borrowed(s),
        _ => Cow::Owned(part.to_owned()),
    }
}

fn append<'i>(text: &mut Cow<'i, str>, more: Cow<'i, str>) {
    if text.is_empty() {
        *text = more;
    } else {
        text.to_mut().push_str(&more);
    }
}

/// Parse `bytes` into a tree of elements, enforcing `limits`.
pub(crate) fn parse(bytes: &[u8], limits: ReadLimits) -> Result<Node<'_>, XmlError> {
    if bytes.len() > limits.max_bytes {
        return Err(XmlError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| XmlError::NotUtf8 {
        position: e.valid_up_to(),
    })?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Node<'_>> = Vec::new();
    let mut elements = 0usize;
    loop {
        let pos = reader.buffer_position();
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(pos, e))?;
        let ns = match resolved {
            ResolveResult::Bound(uri) => Ns::from_uri(uri.as_ref()),
            ResolveResult::Unbound => Ns::None,
            ResolveResult::Unknown(prefix) => {
                if matches!(event, Event::Start(_)) {
                    return Err(malformed(
                        pos,
                        format!("unbound namespace prefix {prefix:?}"),
                    ));
                }
                Ns::None
            }
        };
        match event {
            Event::Start(start) => {
                if stack.len() >= limits.max_depth {
                    return Err(XmlError::TooDeep {
                        limit: limits.max_depth,
                    });
                }
                elements += 1;
                if elements > limits.max_elements {
                    return Err(XmlError::TooManyElements {
                        limit: limits.max_elements,
                    });
                }
                let mut attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| malformed(pos, e))?;
                    let key = attr.key.as_ref();
                    if key.contains(':') || key == "xmlns" {
                        continue;
                    }
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .map_err(|e| malformed(pos, e))?;
                    let value = match value {
                        Cow::Borrowed(v) => reborrow(text, v),
                        Cow::Owned(v) => Cow::Owned(v),
                    };
                    attrs.push((reborrow(text, key), value));
                }
                stack.push(Node {
                    ns,
                    name: reborrow(text, start.local_name().as_ref()),
                    attrs,
                    text: Cow::Borrowed(""),
                    children: Vec::new(),
                });
            }
            Event::End(_) => {
                let node = stack
                    .pop()
                    .ok_or_else(|| malformed(pos, "unexpected end tag"))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    // Indentation between elements is never content, and the
                    // mapping trims leading blanks anyway: skip it unstored.
                    let blank = t.bytes().all(|b| b.is_ascii_whitespace());
                    if !(blank && top.text.is_empty()) {
                        append(&mut top.text, t.xml10_content());
                    }
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    append(&mut top.text, c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().map_err(|e| malformed(pos, e))? {
                    Some(c) => c,
                    None => {
                        let name = r.xml10_content();
                        predefined_entity(&name)
                            .and_then(|s| s.chars().next())
                            .ok_or_else(|| XmlError::UnknownEntity(name.into_owned()))?
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.to_mut().push(ch);
                }
            }
            Event::DocType(_) => return Err(XmlError::Doctype),
            Event::Eof => {
                return Err(if stack.is_empty() {
                    XmlError::NoRoot
                } else {
                    malformed(pos, "unexpected end of document")
                });
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::Empty(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_namespaces() {
        let xml = r#"<?xml version="1.0"?><a:R xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" k="1 &amp; 2">x &lt; &#x219;<![CDATA[<y>]]></a:R>"#;
        let n = parse(xml.as_bytes(), ReadLimits::default()).unwrap();
        assert_eq!(n.ns, Ns::Cbc);
        assert_eq!(n.name, "R");
        assert_eq!(n.text, "x < ș<y>");
        assert_eq!(n.attr("k"), Some("1 & 2"));
    }

    #[test]
    fn hostile_inputs_are_errors() {
        let limits = ReadLimits {
            max_bytes: 1000,
            max_depth: 5,
            max_elements: 20,
        };
        let many = "<a>".to_owned() + &"<b/>".repeat(21) + "</a>";
        assert_eq!(
            parse(many.as_bytes(), limits),
            Err(XmlError::TooManyElements { limit: 20 })
        );
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>"#;
        assert_eq!(parse(bomb.as_bytes(), limits), Err(XmlError::Doctype));
        assert_eq!(
            parse(b"<r>&a;</r>", limits),
            Err(XmlError::UnknownEntity("a".into()))
        );
        let deep = "<a>".repeat(6) + &"</a>".repeat(6);
        assert_eq!(
            parse(deep.as_bytes(), limits),
            Err(XmlError::TooDeep { limit: 5 })
        );
        assert!(matches!(
            parse(&[b'<'; 1001], limits),
            Err(XmlError::TooLarge { .. })
        ));
        assert!(matches!(
            parse(b"<a><b></a>", limits),
            Err(XmlError::Malformed { .. })
        ));
        assert!(matches!(
            parse(b"<a>\xff</a>", limits),
            Err(XmlError::NotUtf8 { .. })
        ));
        assert_eq!(parse(b"", limits), Err(XmlError::NoRoot));
        assert!(parse(b"<a>", limits).is_err());
        assert!(parse(b"<x:a/>", limits).is_err());
    }
}
