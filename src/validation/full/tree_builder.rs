//! Builds a [`Doc`] from parser events, one event at a time.
//!
//! Two callers feed it the same events: [`Doc::parse`] (its own parser loop) and the quick
//! validator, which builds the tree during its own pass so full validation parses the bytes
//! once. Sharing this code is what makes the two trees identical (`tests/it/tree_equivalence.rs`
//! checks it on the whole corpus).
//!
//! Costs that matter here (it runs for every element of every invoice): the namespace is an
//! interned id, not a `String` per node; UBL local names borrow the quick validator's static
//! tables, and its attributes come already parsed from the quick checks; children are
//! collected on one shared stack and moved into an exact-size `Vec` when their parent closes
//! (no regrowth, and no allocation for leaves); the node arena is sized from the document
//! length up front; line and column come from memchr searches between start tags.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::name::{NamespaceResolver, ResolveResult};

use super::doc::{Attr, Doc, DocError, Name, Node, NodeId, NsId, WELL_KNOWN_NAMESPACES};
use crate::validation::Limits;

pub(crate) struct TreeBuilder<'a> {
    limits: &'a Limits,
    nodes: Vec<Node>,
    namespaces: Vec<Cow<'static, str>>,
    /// Index of the namespaces beyond the well-known ones (a hostile document can declare a
    /// new one on each of thousands of siblings; a linear search would be quadratic).
    other_namespaces: HashMap<String, NsId>,
    /// The open elements, innermost last, with where their children start in `children`.
    open: Vec<(NodeId, usize)>,
    children: Vec<NodeId>,
    /// Whether the last thing seen inside the innermost open element was text (for text runs).
    last_was_text: bool,
    lines: LineCounter<'a>,
}

impl<'a> TreeBuilder<'a> {
    pub(crate) fn new(bytes: &'a [u8], limits: &'a Limits) -> Self {
        // Invoices have an element per 40-100 bytes: reserving for one per 64 saves most of
        // the regrowth copies without a pass over the bytes. Capped, so a big attachment does
        // not reserve megabytes of nodes it will never have.
        let capacity = (bytes.len() / 64 + 16).min(8192);
        TreeBuilder {
            limits,
            nodes: Vec::with_capacity(capacity),
            namespaces: WELL_KNOWN_NAMESPACES
                .iter()
                .map(|&uri| Cow::Borrowed(uri))
                .collect(),
            other_namespaces: HashMap::new(),
            open: Vec::new(),
            children: Vec::new(),
            last_was_text: false,
            lines: LineCounter::new(bytes),
        }
    }

    /// Line of byte `pos`, for error messages.
    pub(crate) fn line_at(&mut self, pos: usize) -> u32 {
        self.lines.at(pos).0
    }

    /// A start tag at byte `pos` whose element namespace is `ns` (empty: none). `well_known`
    /// may give its index in [`WELL_KNOWN_NAMESPACES`] and `static_name` its local name from a
    /// static table, and `attrs` the attributes (namespace declarations left out, in document
    /// order, values normalized), when the caller already has them; `None` reads them here.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn open(
        &mut self,
        start: &BytesStart<'_>,
        ns: &str,
        well_known: Option<u8>,
        static_name: Option<&'static str>,
        attrs: Option<Vec<Attr>>,
        resolver: &NamespaceResolver,
        pos: usize,
    ) -> Result<(), DocError> {
        let (line, column) = self.lines.at(pos);
        if self.open.len() >= self.limits.max_depth {
            return Err(DocError::TooDeep {
                max: self.limits.max_depth,
                line,
            });
        }
        let parent = self.open.last().map(|&(id, _)| id);
        if parent.is_none() && !self.nodes.is_empty() {
            return Err(DocError::NotXml {
                line,
                detail: "more than one root element".to_owned(),
            });
        }
        let attrs = match attrs {
            Some(attrs) => attrs,
            None => self.attributes(start, resolver, line)?,
        };
        let ns = match well_known {
            Some(i) if usize::from(i) < WELL_KNOWN_NAMESPACES.len() => NsId::from(i),
            _ => self.intern(ns),
        };
        let local_name = start.local_name();
        let local_str: &str = local_name.as_ref();
        let local = match static_name {
            Some(name) if name == local_str => Name::from_static(name),
            _ => Name::from(local_str),
        };
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
        if parent.is_some() {
            self.children.push(id);
        }
        self.open.push((id, self.children.len()));
        self.last_was_text = false;
        Ok(())
    }

    pub(crate) fn close(&mut self) {
        if let Some((id, first_child)) = self.open.pop()
            && first_child < self.children.len()
        {
            self.nodes[id].children = self.children[first_child..].to_vec();
            self.children.truncate(first_child);
        }
        self.last_was_text = false;
    }

    /// Character data: text and CDATA events as quick-xml's `xml10_content()` gives them (XML
    /// end-of-line handling done: a literal CR LF or CR is already LF, which the length rules
    /// count), or a resolved reference (a `&#13;` stays a CR).
    pub(crate) fn push_text(&mut self, text: &str) {
        // Text outside the root element is whitespace (the parser checks the rest); ignore it.
        let Some(&(current, _)) = self.open.last() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        let node = &mut self.nodes[current];
        if !self.last_was_text {
            node.text_runs = node.text_runs.saturating_add(1);
        }
        if node.text.capacity() == 0 && text.bytes().all(|b| b.is_ascii_whitespace()) {
            // Indentation before a first child: more will come between the children, so
            // start with room for several runs instead of regrowing from 8 bytes.
            node.text.reserve(text.len().max(16) * 4);
        }
        node.text.push_str(text);
        self.last_was_text = true;
    }

    /// A comment or processing instruction: splits text runs.
    pub(crate) fn comment_or_pi(&mut self) {
        self.last_was_text = false;
    }

    /// The finished tree, once the whole document was read.
    pub(crate) fn finish(mut self, len: usize) -> Result<Doc, DocError> {
        if self.nodes.is_empty() {
            return Err(DocError::NoRoot);
        }
        if !self.open.is_empty() {
            return Err(DocError::NotXml {
                line: self.lines.at(len).0,
                detail: "unexpected end of document".to_owned(),
            });
        }
        Ok(Doc {
            nodes: self.nodes,
            namespaces: self.namespaces,
        })
    }

    fn intern(&mut self, uri: &str) -> NsId {
        if let Some(i) = WELL_KNOWN_NAMESPACES.iter().position(|&n| n == uri) {
            return NsId::try_from(i).unwrap_or(NsId::MAX);
        }
        if let Some(&id) = self.other_namespaces.get(uri) {
            return id;
        }
        let id = NsId::try_from(self.namespaces.len()).unwrap_or(NsId::MAX);
        self.namespaces.push(Cow::Owned(uri.to_owned()));
        self.other_namespaces.insert(uri.to_owned(), id);
        id
    }

    fn attributes(
        &mut self,
        start: &BytesStart<'_>,
        resolver: &NamespaceResolver,
        line: u32,
    ) -> Result<Vec<Attr>, DocError> {
        let not_xml = |detail: String| DocError::NotXml { line, detail };
        let mut attrs = Vec::new();
        for attr in start.attributes() {
            let attr = attr.map_err(|e| not_xml(e.to_string()))?;
            if attr.key.as_namespace_binding().is_some() {
                continue;
            }
            let (resolved, local) = resolver.resolve_attribute(attr.key);
            let ns = match resolved {
                ResolveResult::Bound(n) => n.0.to_owned(),
                ResolveResult::Unbound => String::new(),
                ResolveResult::Unknown(prefix) => {
                    return Err(not_xml(format!("undeclared namespace prefix '{prefix}'")));
                }
            };
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| not_xml(e.to_string()))?
                .into_owned();
            attrs.push(Attr {
                ns,
                local: local.as_ref().to_owned(),
                value,
            });
        }
        Ok(attrs)
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
        // memchr finds the newlines (between two start tags there is usually none or one);
        // characters are counted only after the last one.
        let segment = &self.bytes[self.offset..pos];
        match memchr::memrchr(b'\n', segment) {
            None => self.column = self.column.saturating_add(count_chars(segment)),
            Some(last) => {
                let before = &segment[..last];
                let newlines = match memchr::memchr(b'\n', before) {
                    None => 1,
                    Some(first) => 2 + memchr::memchr_iter(b'\n', &before[first + 1..]).count(),
                };
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.column = 1u32.saturating_add(count_chars(&segment[last + 1..]));
            }
        }
        self.offset = pos;
        (self.line, self.column)
    }
}

/// Characters (UTF-8 bytes that do not continue a character) in `bytes`.
fn count_chars(bytes: &[u8]) -> u32 {
    let n: usize = bytes
        .chunks(255)
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b & 0xC0 != 0x80)));
            usize::from(n)
        })
        .sum();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The five entities XML predefines (no DTD is read, so there are no others).
pub(crate) fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "lt" => Some("<"),
        "gt" => Some(">"),
        "amp" => Some("&"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}
