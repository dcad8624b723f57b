//! A small, defensive XML tree used by the ANAF payload parsers and by canonicalisation.
//!
//! Why our own tree: ANAF's payloads must be matched by *local name* (namespaces vary between
//! clients and years), and signature verification needs canonical XML (C14N), which needs the
//! namespace declarations, attribute values after normalisation and text after end-of-line
//! normalisation exactly as an XML processor sees them. quick-xml gives us the tokens; this file
//! turns them into a tree and enforces our input limits: a maximum size and depth, UTF-8 only,
//! no DTD (so no entity expansion of any kind), only the five predefined entities.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::validation::quick::tokenizer::predefined_entity;

/// Limits applied while parsing untrusted XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlLimits {
    /// Maximum size of the whole document in bytes.
    pub max_bytes: usize,
    /// Maximum element nesting depth.
    pub max_depth: usize,
}

impl Default for XmlLimits {
    /// 16 MiB covers ANAF's 10 MB upload limit plus the signature; depth 256 is far beyond
    /// any UBL invoice.
    fn default() -> Self {
        Self {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 256,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum XmlError {
    #[error("XML document is {size} bytes, more than the {limit} allowed")]
    TooLarge { size: usize, limit: usize },
    #[error("XML nesting deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("XML document declares a DTD, which is refused (no entity expansion)")]
    DtdRefused,
    #[error("XML document is not UTF-8 (declared encoding {0:?})")]
    NotUtf8(String),
    #[error("XML document has no root element")]
    NoRoot,
    #[error("content after the root element: {0}")]
    TrailingContent(String),
    #[error("unknown entity reference &{0};")]
    UnknownEntity(String),
    #[error("malformed XML at byte {position}: {message}")]
    Malformed { position: u64, message: String },
}

/// An attribute that is not a namespace declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub prefix: Option<String>,
    pub local: String,
    /// The value after XML attribute-value normalisation and entity resolution.
    pub value: String,
}

/// A namespace declaration written on an element: `xmlns="uri"` (prefix `None`) or
/// `xmlns:p="uri"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamespaceDecl {
    pub prefix: Option<String>,
    pub uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub prefix: Option<String>,
    pub local: String,
    pub namespace_decls: Vec<NamespaceDecl>,
    pub attributes: Vec<Attribute>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    /// Character data after end-of-line normalisation, with references resolved and CDATA
    /// sections merged in. Adjacent text is always merged into one node.
    Text(String),
    ProcessingInstruction {
        target: String,
        data: String,
    },
}

/// A parsed document. Comments are dropped (no consumer needs them; C14N without comments
/// drops them too). The XML declaration is not part of the infoset and is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Processing instructions before the root element.
    pub before_root: Vec<Node>,
    pub root: Element,
    /// Processing instructions after the root element.
    pub after_root: Vec<Node>,
}

impl Element {
    /// Value of the first attribute with this local name, whatever its prefix.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Child elements, in document order.
    pub fn child_elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// First child element with this local name.
    pub fn child(&self, local: &str) -> Option<&Element> {
        self.child_elements().find(|e| e.local == local)
    }

    /// Concatenated text of the direct text children.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            if let Node::Text(t) = node {
                out.push_str(t);
            }
        }
        out
    }

    /// The namespace URI of the default namespace declared on this element, if any.
    pub fn declared_default_namespace(&self) -> Option<&str> {
        self.namespace_decls
            .iter()
            .find(|d| d.prefix.is_none())
            .map(|d| d.uri.as_str())
    }

    /// The namespace URI this element's prefix resolves to, given its ancestors (outermost
    /// first). Unbound prefixes and the empty default namespace give `""`.
    pub fn namespace_uri<'a>(&'a self, ancestors: &[&'a Element]) -> &'a str {
        resolve_prefix(self.prefix.as_deref(), self, ancestors).unwrap_or("")
    }
}

/// Resolves `prefix` (None = default namespace) on `element` whose ancestors are given
/// outermost first.
pub fn resolve_prefix<'a>(
    prefix: Option<&str>,
    element: &'a Element,
    ancestors: &[&'a Element],
) -> Option<&'a str> {
    if prefix == Some("xml") {
        return Some("http://www.w3.org/XML/1998/namespace");
    }
    std::iter::once(element)
        .chain(ancestors.iter().rev().copied())
        .find_map(|e| {
            e.namespace_decls
                .iter()
                .find(|d| d.prefix.as_deref() == prefix)
                .map(|d| d.uri.as_str())
        })
}

/// Parses `bytes` with the default limits.
pub fn parse(bytes: &[u8]) -> Result<Document, XmlError> {
    parse_with_limits(bytes, &XmlLimits::default())
}

pub fn parse_with_limits(bytes: &[u8], limits: &XmlLimits) -> Result<Document, XmlError> {
    if bytes.len() > limits.max_bytes {
        return Err(XmlError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Reject invalid UTF-8 up front so every later `&str` is sound.
    let text = std::str::from_utf8(bytes).map_err(|e| XmlError::Malformed {
        position: e.valid_up_to() as u64,
        message: "invalid UTF-8".to_owned(),
    })?;
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;

    let mut builder = TreeBuilder::default();
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| XmlError::Malformed {
            position,
            message: e.to_string(),
        })?;
        match event {
            Event::Eof => break,
            Event::Decl(decl) => {
                if let Some(enc) = decl.encoding() {
                    let enc = enc.map_err(|e| malformed(position, e))?;
                    let enc = enc.into_owned();
                    if !enc.eq_ignore_ascii_case("utf-8") && !enc.eq_ignore_ascii_case("utf8") {
                        return Err(XmlError::NotUtf8(enc));
                    }
                }
            }
            Event::DocType(_) => return Err(XmlError::DtdRefused),
            Event::Start(start) => {
                let element = element_from_start(&start, position)?;
                builder.open(element, limits)?;
            }
            Event::Empty(start) => {
                let element = element_from_start(&start, position)?;
                builder.open(element, limits)?;
                builder.close()?;
            }
            Event::End(_) => builder.close()?,
            Event::Text(t) => builder.text(&t.xml10_content())?,
            Event::CData(c) => builder.text(&c.xml10_content())?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| malformed(position, e))?
                        .ok_or_else(|| malformed(position, "invalid character reference"))?
                        .to_string()
                } else {
                    let name = r.xml10_content();
                    predefined_entity(&name)
                        .ok_or_else(|| XmlError::UnknownEntity(name.into_owned()))?
                        .to_owned()
                };
                builder.text(&resolved)?;
            }
            Event::Comment(_) => {}
            Event::PI(pi) => builder.pi(pi.target().to_owned(), pi.content().to_owned())?,
        }
    }
    builder.finish()
}

fn malformed(position: u64, e: impl std::fmt::Display) -> XmlError {
    XmlError::Malformed {
        position,
        message: e.to_string(),
    }
}

fn split_qname(qname: &str) -> (Option<String>, String) {
    match qname.split_once(':') {
        Some((p, l)) => (Some(p.to_owned()), l.to_owned()),
        None => (None, qname.to_owned()),
    }
}

fn element_from_start(start: &BytesStart<'_>, position: u64) -> Result<Element, XmlError> {
    let qname: String = start.name().as_ref().to_owned();
    let (prefix, local) = split_qname(&qname);
    let mut element = Element {
        prefix,
        local,
        namespace_decls: Vec::new(),
        attributes: Vec::new(),
        children: Vec::new(),
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|e| malformed(position, e))?;
        let key: &str = attr.key.as_ref();
        let value: Cow<'_, str> =
            attr.normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| match e {
                    quick_xml::Error::Escape(
                        quick_xml::escape::EscapeError::UnrecognizedEntity(_, name),
                    ) => XmlError::UnknownEntity(name),
                    other => malformed(position, other),
                })?;
        let value = value.into_owned();
        if key == "xmlns" {
            element.namespace_decls.push(NamespaceDecl {
                prefix: None,
                uri: value,
            });
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            element.namespace_decls.push(NamespaceDecl {
                prefix: Some(p.to_owned()),
                uri: value,
            });
        } else {
            let (prefix, local) = split_qname(key);
            element.attributes.push(Attribute {
                prefix,
                local,
                value,
            });
        }
    }
    Ok(element)
}

#[derive(Default)]
struct TreeBuilder {
    stack: Vec<Element>,
    before_root: Vec<Node>,
    after_root: Vec<Node>,
    root: Option<Element>,
}

impl TreeBuilder {
    fn open(&mut self, element: Element, limits: &XmlLimits) -> Result<(), XmlError> {
        if self.root.is_some() {
            return Err(XmlError::TrailingContent(format!(
                "second root element <{}>",
                element.local
            )));
        }
        if self.stack.len() >= limits.max_depth {
            return Err(XmlError::TooDeep {
                limit: limits.max_depth,
            });
        }
        self.stack.push(element);
        Ok(())
    }

    fn close(&mut self) -> Result<(), XmlError> {
        let element = self.stack.pop().ok_or_else(|| XmlError::Malformed {
            position: 0,
            message: "end tag without start tag".to_owned(),
        })?;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(element)),
            None => self.root = Some(element),
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), XmlError> {
        match self.stack.last_mut() {
            Some(parent) => {
                if let Some(Node::Text(previous)) = parent.children.last_mut() {
                    previous.push_str(text);
                } else {
                    parent.children.push(Node::Text(text.to_owned()));
                }
                Ok(())
            }
            // Outside the root only whitespace is allowed.
            None if text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) => Ok(()),
            None => Err(XmlError::TrailingContent(text.chars().take(40).collect())),
        }
    }

    fn pi(&mut self, target: String, data: String) -> Result<(), XmlError> {
        let data = data.trim_start().to_owned();
        let node = Node::ProcessingInstruction { target, data };
        match (self.stack.last_mut(), &self.root) {
            (Some(parent), _) => parent.children.push(node),
            (None, None) => self.before_root.push(node),
            (None, Some(_)) => self.after_root.push(node),
        }
        Ok(())
    }

    fn finish(self) -> Result<Document, XmlError> {
        if !self.stack.is_empty() {
            return Err(XmlError::Malformed {
                position: 0,
                message: "document ends inside an element".to_owned(),
            });
        }
        Ok(Document {
            before_root: self.before_root,
            root: self.root.ok_or(XmlError::NoRoot)?,
            after_root: self.after_root,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_attributes_by_local_name_and_normalises_them() {
        let doc = parse(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<p:a xmlns:p=\"u\" x=\"1&#xA;2\" y=\"3\n4\"><b>t&amp;u\r\nv</b></p:a>",
        )
        .unwrap();
        assert_eq!(doc.root.local, "a");
        assert_eq!(doc.root.prefix.as_deref(), Some("p"));
        assert_eq!(doc.root.attribute("x"), Some("1\n2"));
        assert_eq!(doc.root.attribute("y"), Some("3 4"));
        assert_eq!(doc.root.child("b").unwrap().text(), "t&u\nv");
        assert_eq!(doc.root.namespace_decls[0].uri, "u");
    }

    #[test]
    fn refuses_dtd_and_unknown_entities() {
        assert_eq!(
            parse(b"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"),
            Err(XmlError::DtdRefused)
        );
        assert!(matches!(
            parse(b"<a>&x;</a>"),
            Err(XmlError::UnknownEntity(_))
        ));
    }

    #[test]
    fn enforces_limits() {
        let limits = XmlLimits {
            max_bytes: 10,
            max_depth: 2,
        };
        assert!(matches!(
            parse_with_limits(b"<a>0123456789</a>", &limits),
            Err(XmlError::TooLarge { .. })
        ));
        let limits = XmlLimits {
            max_bytes: 100,
            max_depth: 2,
        };
        assert!(matches!(
            parse_with_limits(b"<a><b><c/></b></a>", &limits),
            Err(XmlError::TooDeep { .. })
        ));
    }

    #[test]
    fn refuses_non_utf8_and_trailing_content() {
        assert!(matches!(
            parse(b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><a/>"),
            Err(XmlError::NotUtf8(_))
        ));
        assert!(matches!(
            parse(b"<a/>junk"),
            Err(XmlError::TrailingContent(_))
        ));
        assert!(matches!(
            parse(b"<a/><b/>"),
            Err(XmlError::TrailingContent(_))
        ));
        assert!(parse(b"<a>").is_err());
    }
}
