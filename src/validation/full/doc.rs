//! An arena XML tree for business-rule evaluation.
//!
//! Schematron rules look sideways and upwards (`ancestor::`, `following-sibling::`, counts), so
//! the rules need the whole document in memory, unlike the streaming quick validator. Nodes live
//! in one `Vec` and point at each other by index: no reference counting, no unsafe, cheap to drop.
//!
//! Hostile input is bounded exactly like quick validation: size limit, no DOCTYPE (hence no DTD
//! and no entity expansion beyond the five predefined ones and character references), and a
//! maximum nesting depth. Only element structure, attributes and text are kept; comments and
//! processing instructions are dropped (they only matter for counting text nodes, see
//! [`Node::text_runs`]).

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::validation::Limits;

pub const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
pub const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub const NS_EXT: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
pub const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// Index of a node in [`Doc::nodes`].
pub type NodeId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Namespace URI, empty for unprefixed attributes.
    pub ns: String,
    pub local: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    /// Namespace URI, empty when the element is in no namespace.
    pub ns: String,
    pub local: String,
    pub attrs: Vec<Attr>,
    /// Concatenation of the element's own text children (not its descendants').
    pub text: String,
    /// How many separate text nodes XPath would see among the children: text split by a child
    /// element, comment or PI counts twice. `string-length(text())` fails on more than one.
    pub text_runs: u32,
    /// 1-based line and column (in characters) of the `<` of the start tag.
    pub line: u32,
    pub column: u32,
}

/// A parsed document; node 0 is the root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error("document of {len} bytes is larger than the limit of {max} bytes")]
    TooLarge { len: usize, max: usize },
    #[error("DOCTYPE declarations are refused (line {line})")]
    Doctype { line: u32 },
    #[error("elements nest deeper than {max} levels (line {line})")]
    TooDeep { max: usize, line: u32 },
    #[error("not well-formed XML at line {line}: {detail}")]
    NotXml { line: u32, detail: String },
    #[error("the document has no root element")]
    NoRoot,
}

impl Doc {
    /// Parses `bytes` into a tree, refusing what the quick validator refuses.
    pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Doc, DocError> {
        if bytes.len() > limits.max_bytes {
            return Err(DocError::TooLarge {
                len: bytes.len(),
                max: limits.max_bytes,
            });
        }
        Builder::new(bytes, limits).run()
    }

    pub fn root(&self) -> NodeId {
        0
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn is(&self, id: NodeId, ns: &str, local: &str) -> bool {
        let n = &self.nodes[id];
        n.local == local && n.ns == ns
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].parent
    }

    /// Element children named (`ns`, `local`), in document order.
    pub fn children<'a>(
        &'a self,
        id: NodeId,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(move |&c| self.is(c, ns, local))
    }

    pub fn first_child(&self, id: NodeId, ns: &str, local: &str) -> Option<NodeId> {
        self.children(id, ns, local).next()
    }

    pub fn exists(&self, id: NodeId, ns: &str, local: &str) -> bool {
        self.first_child(id, ns, local).is_some()
    }

    pub fn count(&self, id: NodeId, ns: &str, local: &str) -> usize {
        self.children(id, ns, local).count()
    }

    /// Follows a relative path of (ns, local) steps from `id`, like the XPath `a/b/c`: every
    /// matching node, in document order.
    pub fn select(&self, id: NodeId, steps: &[(&str, &str)]) -> Vec<NodeId> {
        let mut current = vec![id];
        for &(ns, local) in steps {
            current = current
                .iter()
                .flat_map(|&n| self.children(n, ns, local))
                .collect();
            if current.is_empty() {
                break;
            }
        }
        current
    }

    /// All element descendants of `id` (not `id` itself), in document order.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = self.nodes[id].children.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev().copied());
        }
        out
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&n| self.nodes[n].parent)
    }

    /// XPath `string(.)`: the text of the element and all its descendants, in document order.
    pub fn string_value(&self, id: NodeId) -> String {
        let node = &self.nodes[id];
        if node.children.is_empty() {
            return node.text.clone();
        }
        // Text interleaving with children is not kept; the rules only read leaf elements'
        // values, so own text followed by the children's is close enough for messages.
        let mut out = node.text.clone();
        for &c in &node.children {
            out.push_str(&self.string_value(c));
        }
        out
    }

    /// XPath `normalize-space(.)`.
    pub fn normalized(&self, id: NodeId) -> String {
        normalize_space(&self.string_value(id))
    }

    pub fn attr(&self, id: NodeId, ns: &str, local: &str) -> Option<&str> {
        self.nodes[id]
            .attrs
            .iter()
            .find(|a| a.local == local && a.ns == ns)
            .map(|a| a.value.as_str())
    }

    /// Display path with conventional prefixes, e.g. `/Invoice/cac:InvoiceLine/cbc:ID`.
    pub fn path(&self, id: NodeId) -> String {
        let mut names: Vec<String> = std::iter::once(id)
            .chain(self.ancestors(id))
            .map(|n| self.display_name(n))
            .collect();
        names.reverse();
        let mut out = String::new();
        for name in names {
            out.push('/');
            out.push_str(&name);
        }
        out
    }

    /// `cbc:ID`, `cac:Party`, `ext:UBLExtensions`, `Invoice`; `{uri}local` for other namespaces.
    pub fn display_name(&self, id: NodeId) -> String {
        let node = &self.nodes[id];
        let prefix = match node.ns.as_str() {
            NS_CBC => "cbc:",
            NS_CAC => "cac:",
            NS_EXT => "ext:",
            NS_INVOICE | NS_CREDIT_NOTE | "" => "",
            other => return format!("{{{other}}}{}", node.local),
        };
        format!("{prefix}{}", node.local)
    }
}

/// XPath `normalize-space`: trims XML whitespace and collapses inner runs to one space.
pub fn normalize_space(s: &str) -> String {
    s.split([' ', '\t', '\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// XPath `string-length`: characters (code points), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

struct Builder<'a> {
    bytes: &'a [u8],
    limits: &'a Limits,
    nodes: Vec<Node>,
    open: Vec<NodeId>,
    /// Whether the last thing seen inside the innermost open element was text (for text runs).
    last_was_text: bool,
    lines: LineCounter<'a>,
}

impl<'a> Builder<'a> {
    fn new(bytes: &'a [u8], limits: &'a Limits) -> Self {
        Builder {
            bytes,
            limits,
            nodes: Vec::new(),
            open: Vec::new(),
            last_was_text: false,
            lines: LineCounter::new(bytes),
        }
    }

    fn run(mut self) -> Result<Doc, DocError> {
        let mut reader = NsReader::from_reader(self.bytes);
        {
            let config = reader.config_mut();
            config.check_comments = true;
            config.check_end_names = true;
            config.expand_empty_elements = false;
            config.trim_text(false);
        }
        loop {
            let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            let event = reader.read_event().map_err(|e| DocError::NotXml {
                line: self.lines.at(pos).0,
                detail: e.to_string(),
            })?;
            match event {
                Event::Start(start) => {
                    let (ns, attrs) = resolve(&reader, &start, pos, &mut self.lines)?;
                    self.open_element(&start, ns, attrs, pos)?;
                }
                Event::Empty(start) => {
                    let (ns, attrs) = resolve(&reader, &start, pos, &mut self.lines)?;
                    self.open_element(&start, ns, attrs, pos)?;
                    self.close_element();
                }
                Event::End(_) => self.close_element(),
                // XML end-of-line handling: a literal CR LF or CR reads as LF (a `&#13;`
                // reference, handled below, stays a CR). Length rules count these characters.
                Event::Text(text) => {
                    let content = text.xml10_content();
                    if content.contains('\r') {
                        self.push_text(&content.replace("\r\n", "\n").replace('\r', "\n"));
                    } else {
                        self.push_text(&content);
                    }
                }
                Event::CData(data) => self.push_text(&data.xml10_content()),
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = reference.xml10_content();
                            match predefined_entity(&name) {
                                Some(s) => s.to_owned(),
                                None => {
                                    return Err(DocError::NotXml {
                                        line: self.lines.at(pos).0,
                                        detail: format!("undefined entity &{name};"),
                                    });
                                }
                            }
                        }
                        Err(e) => {
                            return Err(DocError::NotXml {
                                line: self.lines.at(pos).0,
                                detail: e.to_string(),
                            });
                        }
                    };
                    self.push_text(&resolved);
                }
                Event::DocType(_) => {
                    return Err(DocError::Doctype {
                        line: self.lines.at(pos).0,
                    });
                }
                Event::Comment(_) | Event::PI(_) => self.last_was_text = false,
                Event::Decl(_) => {}
                Event::Eof => break,
            }
        }
        if self.nodes.is_empty() {
            return Err(DocError::NoRoot);
        }
        if !self.open.is_empty() {
            return Err(DocError::NotXml {
                line: self.lines.at(self.bytes.len()).0,
                detail: "unexpected end of document".to_owned(),
            });
        }
        Ok(Doc { nodes: self.nodes })
    }

    fn open_element(
        &mut self,
        start: &BytesStart<'_>,
        ns: String,
        attrs: Vec<Attr>,
        pos: usize,
    ) -> Result<(), DocError> {
        let (line, column) = self.lines.at(pos);
        if self.open.len() >= self.limits.max_depth {
            return Err(DocError::TooDeep {
                max: self.limits.max_depth,
                line,
            });
        }
        let parent = self.open.last().copied();
        if parent.is_none() && !self.nodes.is_empty() {
            return Err(DocError::NotXml {
                line,
                detail: "more than one root element".to_owned(),
            });
        }
        let local = start.local_name().as_ref().to_owned();
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent,
            children: Vec::new(),
            ns,
            local,
            attrs,
            text: String::new(),
            text_runs: 0,
            line,
            column,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
        self.open.push(id);
        self.last_was_text = false;
        Ok(())
    }

    fn close_element(&mut self) {
        self.open.pop();
        self.last_was_text = false;
    }

    fn push_text(&mut self, text: &str) {
        // Text outside the root element is whitespace (quick-xml checks the rest); ignore it.
        let Some(&current) = self.open.last() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let node = &mut self.nodes[current];
        if !self.last_was_text {
            node.text_runs = node.text_runs.saturating_add(1);
        }
        node.text.push_str(text);
        self.last_was_text = true;
    }
}

type Resolved = (String, Vec<Attr>);

fn resolve(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    pos: usize,
    lines: &mut LineCounter<'_>,
) -> Result<Resolved, DocError> {
    let not_xml = |lines: &mut LineCounter<'_>, detail: String| DocError::NotXml {
        line: lines.at(pos).0,
        detail,
    };
    let ns = match reader.resolver().resolve_element(start.name()).0 {
        ResolveResult::Bound(n) => n.0.to_owned(),
        ResolveResult::Unbound => String::new(),
        ResolveResult::Unknown(prefix) => {
            return Err(not_xml(
                lines,
                format!("undeclared namespace prefix '{prefix}'"),
            ));
        }
    };
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| not_xml(lines, e.to_string()))?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let (resolved, local) = reader.resolver().resolve_attribute(attr.key);
        let ans = match resolved {
            ResolveResult::Bound(n) => n.0.to_owned(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(prefix) => {
                return Err(not_xml(
                    lines,
                    format!("undeclared namespace prefix '{prefix}'"),
                ));
            }
        };
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| not_xml(lines, e.to_string()))?
            .into_owned();
        attrs.push(Attr {
            ns: ans,
            local: local.as_ref().to_owned(),
            value,
        });
    }
    Ok((ns, attrs))
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "lt" => Some("<"),
        "gt" => Some(">"),
        "amp" => Some("&"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}

/// Line/column from byte offsets. Element starts arrive in increasing order, so one forward
/// scan serves the whole parse; an earlier offset (only on errors) restarts from the top.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
    column: u32,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    fn at(&mut self, pos: usize) -> (u32, u32) {
        let pos = pos.min(self.bytes.len());
        if pos < self.offset {
            *self = LineCounter::new(self.bytes);
        }
        for &b in &self.bytes[self.offset..pos] {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters: UTF-8 continuation bytes do not start a new one.
                self.column = self.column.saturating_add(1);
            }
        }
        self.offset = pos;
        (self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">\n  <cbc:ID>A &amp; B&#49;</cbc:ID>\n  <cac:InvoiceLine><cbc:Note>x<!--c-->y</cbc:Note><cbc:Amount currencyID=\"RON\">1.5</cbc:Amount></cac:InvoiceLine>\n</Invoice>";

    #[test]
    fn builds_tree_with_names_text_and_positions() {
        let doc = Doc::parse(SMALL.as_bytes(), &Limits::default()).unwrap();
        let root = doc.root();
        assert!(doc.is(root, NS_INVOICE, "Invoice"));
        let id = doc.first_child(root, NS_CBC, "ID").unwrap();
        assert_eq!(doc.string_value(id), "A & B1");
        assert_eq!((doc.node(id).line, doc.node(id).column), (3, 3));
        let note = doc.select(root, &[(NS_CAC, "InvoiceLine"), (NS_CBC, "Note")]);
        assert_eq!(note.len(), 1);
        assert_eq!(doc.node(note[0]).text_runs, 2);
        let amount = doc.select(root, &[(NS_CAC, "InvoiceLine"), (NS_CBC, "Amount")])[0];
        assert_eq!(doc.attr(amount, "", "currencyID"), Some("RON"));
        assert_eq!(doc.path(amount), "/Invoice/cac:InvoiceLine/cbc:Amount");
        assert_eq!(doc.descendants(root).len(), 4);
        let crlf = Doc::parse(b"<a>1.0\r\n&#13;</a>", &Limits::default()).unwrap();
        assert_eq!(crlf.string_value(0), "1.0\n\r");
        assert_eq!(doc.ancestors(amount).count(), 2);
    }

    #[test]
    fn refuses_doctype_depth_and_size() {
        let limits = Limits::default();
        let dt = "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
        assert!(matches!(
            Doc::parse(dt.as_bytes(), &limits),
            Err(DocError::Doctype { .. })
        ));
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(matches!(
            Doc::parse(deep.as_bytes(), &limits),
            Err(DocError::TooDeep { .. })
        ));
        let small = Limits {
            max_bytes: 4,
            ..limits
        };
        assert!(matches!(
            Doc::parse(b"<a></a>", &small),
            Err(DocError::TooLarge { .. })
        ));
        assert!(Doc::parse(b"<a><b></a>", &limits).is_err());
        assert!(Doc::parse(b"", &limits).is_err());
    }

    #[test]
    fn normalize_space_matches_xpath() {
        assert_eq!(normalize_space("  a \t\n b  "), "a b");
        assert_eq!(normalize_space(""), "");
        assert_eq!(char_len("ăîș"), 3);
    }
}
