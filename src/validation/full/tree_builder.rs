//! Builds a [`Doc`] from parser events, one event at a time.
//!
//! Two callers feed it the same events: [`Doc::parse`] (its own parser loop) and the quick
//! validator, which builds the tree during its own pass so full validation parses the bytes
//! once. Sharing this code is what makes the two trees identical (`tests/it/tree_equivalence.rs`
//! checks it on the whole corpus).
//!
//! Costs that matter here (it runs for every element of every invoice): the namespace is an
//! interned id, not a `String` per node; UBL local names borrow the quick validator's static
//! tables, and its attributes come already parsed from the quick checks; nodes own no buffers:
//! children, attributes and texts go to a few document-wide buffers (see [`Span`]), so a tree
//! costs a handful of allocations whatever its size; children are collected on one shared
//! stack and copied out together when their parent closes; the node arena is sized from the
//! document length up front; nodes keep the byte offset of their start tag, and line and
//! column are counted only for errors here and for findings in `validate_full`; the methods
//! called for every element and text are inlined into the callers' loops (a call and its
//! return cost a fifth of each).

use std::borrow::Cow;
use std::collections::HashMap;

use super::doc::{
    Doc, DocError, NO_DECL, Name, Node, NodeId, NsId, Span, StoredAttr, WELL_KNOWN_NAMESPACES,
};
use super::name::same_name;
use crate::validation::Limits;
use crate::validation::quick::namespaces::Scopes;
use crate::validation::quick::tokenizer::{NameSet, Tag, normalize_attribute};

pub(crate) struct TreeBuilder<'a> {
    limits: &'a Limits,
    nodes: Vec<Node>,
    namespaces: Vec<Cow<'static, str>>,
    /// Index of the namespaces beyond the well-known ones (a hostile document can declare a
    /// new one on each of thousands of siblings; a linear search would be quadratic).
    other_namespaces: HashMap<String, NsId>,
    /// The open elements, innermost last.
    open: Vec<Open>,
    /// Children of the open elements, each one's after its parent's ([`Open::first_child`]).
    children: Vec<NodeId>,
    child_ids: Vec<NodeId>,
    attrs: Vec<StoredAttr>,
    strings: String,
    /// The length of the copy of the document at the start of `strings`.
    source: usize,
    /// Text of the open elements that came after their first child (see [`Self::push_text`]),
    /// the outer element's before the inner's: only the innermost open element adds to it,
    /// and a closing element takes its part off the end.
    late_text: String,
    /// Whether the last thing seen inside the innermost open element was text (for text runs).
    last_was_text: bool,
    lines: LineCounter<'a>,
}

/// An element between its start and end tags.
struct Open {
    id: NodeId,
    /// Where its children start in [`TreeBuilder::children`].
    first_child: usize,
    /// Where its part of [`TreeBuilder::late_text`] starts, once it has one.
    late_text: Option<usize>,
}

impl<'a> TreeBuilder<'a> {
    pub(crate) fn new(bytes: &'a [u8], limits: &'a Limits) -> Self {
        // Invoices have an element per 40-100 bytes: reserving for one per 48 saves most of
        // the regrowth copies (a grown arena copies every node) without a pass over the bytes.
        // Capped, so a big attachment does not reserve megabytes of nodes it will never have.
        let capacity = (bytes.len() / 48 + 16).min(8192);
        TreeBuilder {
            limits,
            nodes: Vec::with_capacity(capacity),
            namespaces: WELL_KNOWN_NAMESPACES
                .iter()
                .map(|&uri| Cow::Borrowed(uri))
                .collect(),
            other_namespaces: HashMap::new(),
            open: Vec::with_capacity(32),
            children: Vec::with_capacity(256),
            child_ids: Vec::with_capacity(capacity),
            attrs: Vec::with_capacity(capacity / 4),
            // The document itself (see `copy_source`), then attribute values and the texts
            // that are not as written (with children, line ends or references: see
            // `push_text`), a fraction of an invoice.
            strings: String::with_capacity(bytes.len() + (bytes.len() / 2).min(1 << 20)),
            source: 0,
            late_text: String::with_capacity(256),
            last_was_text: false,
            lines: LineCounter::new(bytes),
        }
    }

    /// Line of byte `pos`, for error messages.
    pub(crate) fn line_at(&mut self, pos: usize) -> u32 {
        self.lines.at(pos).0
    }

    /// A start tag at byte `pos` whose element namespace is `ns` (empty: none) and local name
    /// `local`. `well_known` may give the namespace's index in [`WELL_KNOWN_NAMESPACES`] and
    /// `declared` the element's declaration in the quick validator's table: the same local
    /// name as a static string (borrowed, not copied: the caller matched the name to it
    /// already, so it is not compared again) and its declaration id (see [`Doc::decl`]). Its
    /// attributes follow, with [`Self::push_attr`] or [`Self::attributes`].
    #[inline]
    pub(crate) fn open(
        &mut self,
        ns: &str,
        well_known: Option<u8>,
        local: &str,
        declared: Option<(&'static str, u16)>,
        pos: usize,
    ) -> Result<(), DocError> {
        if self.open.len() >= self.limits.max_depth {
            return Err(DocError::TooDeep {
                max: self.limits.max_depth,
                line: self.lines.at(pos).0,
            });
        }
        let parent = self.open.last().map(|o| o.id);
        if parent.is_none() && !self.nodes.is_empty() {
            return Err(DocError::NotXml {
                line: self.lines.at(pos).0,
                detail: "more than one root element".to_owned(),
            });
        }
        let offset = span_offset(pos)?;
        let ns = self.intern(ns, well_known);
        let (local, decl) = match declared {
            Some((name, decl)) => {
                debug_assert!(same_name(name, local), "{name} is not {local}");
                (Name::from_static(name), decl)
            }
            None => (Name::from(local), NO_DECL),
        };
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent,
            ns,
            local,
            children: Span::default(),
            attrs: Span {
                start: span_offset(self.attrs.len())?,
                len: 0,
            },
            text: Span::default(),
            text_runs: 0,
            offset,
            decl,
        });
        if parent.is_some() {
            self.children.push(id);
        }
        self.open.push(Open {
            id,
            first_child: self.children.len(),
            late_text: None,
        });
        self.last_was_text = false;
        Ok(())
    }

    /// An attribute of the element opened last (namespace declarations are not attributes).
    /// `value` is normalized as XML requires.
    pub(crate) fn push_attr(
        &mut self,
        ns: &str,
        well_known: Option<u8>,
        local: Name,
        value: &str,
    ) -> Result<(), DocError> {
        let ns = self.intern(ns, well_known);
        let value = self.push_string(value)?;
        self.attrs.push(StoredAttr { ns, local, value });
        if let Some(open) = self.open.last() {
            let node = &mut self.nodes[open.id];
            node.attrs.len = node.attrs.len.saturating_add(1);
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn close(&mut self) -> Result<(), DocError> {
        let Some(open) = self.open.pop() else {
            return Ok(());
        };
        if open.first_child < self.children.len() {
            let start = span_offset(self.child_ids.len())?;
            self.child_ids
                .extend_from_slice(&self.children[open.first_child..]);
            self.nodes[open.id].children = Span {
                start,
                len: span_offset(self.children.len() - open.first_child)?,
            };
            self.children.truncate(open.first_child);
        }
        if let Some(late) = open.late_text {
            // Its text is split by its children: put it together at the end of the buffer.
            let early = self.nodes[open.id].text.range();
            let start = span_offset(self.strings.len())?;
            self.strings.extend_from_within(early);
            self.strings
                .push_str(self.late_text.get(late..).unwrap_or_default());
            self.late_text.truncate(late);
            let len = span_offset(self.strings.len())? - start;
            self.nodes[open.id].text = Span { start, len };
        }
        self.last_was_text = false;
        Ok(())
    }

    /// Character data: text and CDATA as `tokenizer::Text::content` gives them (XML
    /// end-of-line handling done: a literal CR LF or CR is already LF, which the length rules
    /// count), or a resolved reference (a `&#13;` stays a CR).
    ///
    /// `at`: where `text` stands in the document, when it is as written there.
    ///
    /// An element's first text is not copied when it is as written in the document: the copy of
    /// the document at the start of the buffer (see [`Self::copy_source`]) holds it already. Else
    /// it goes straight to the end of the buffer, and more text follows it there while it stays
    /// there, which is always the case for a leaf. Text that follows a child (indentation,
    /// mostly), or that cannot follow the element's text where it is, waits in
    /// [`Self::late_text`] and joins the rest when the element closes.
    #[inline]
    pub(crate) fn push_text(&mut self, text: &str, at: Option<usize>) -> Result<(), DocError> {
        // Text outside the root element is whitespace (the parser checks the rest); ignore it.
        let Some(open) = self.open.last_mut() else {
            return Ok(());
        };
        if text.is_empty() {
            return Ok(());
        }
        let node = &mut self.nodes[open.id];
        if !self.last_was_text {
            node.text_runs = node.text_runs.saturating_add(1);
        }
        self.last_was_text = true;
        let has_children = open.first_child < self.children.len();
        if !has_children && node.text.len == 0 {
            if let Some(at) = at.filter(|&at| at.saturating_add(text.len()) <= self.source) {
                debug_assert_eq!(self.strings.get(at..at + text.len()), Some(text));
                node.text = Span {
                    start: span_offset(at)?,
                    len: span_offset(text.len())?,
                };
                return Ok(());
            }
            node.text.start = span_offset(self.strings.len())?;
        }
        let at_end =
            node.text.range().end == self.strings.len() && node.text.range().start >= self.source;
        if open.late_text.is_none() && !has_children && at_end {
            self.strings.push_str(text);
            node.text.len = span_offset(self.strings.len())? - node.text.start;
        } else {
            if open.late_text.is_none() {
                open.late_text = Some(self.late_text.len());
            }
            self.late_text.push_str(text);
        }
        Ok(())
    }

    /// Puts the document (as the tokenizer reads it: see `Tokenizer::source`) at the start of
    /// the strings buffer, before anything else goes there, so that texts as written in it need
    /// no copy of their own: one long copy costs less than one short copy per value, whose
    /// lengths keep the copy routine's branches guessing.
    pub(crate) fn copy_source(&mut self, source: &str) {
        if self.strings.is_empty() {
            self.strings.push_str(source);
            self.source = source.len();
        }
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
            child_ids: self.child_ids,
            attrs: self.attrs,
            strings: self.strings,
        })
    }

    /// Appends `s` to the shared strings buffer.
    fn push_string(&mut self, s: &str) -> Result<Span, DocError> {
        let start = span_offset(self.strings.len())?;
        self.strings.push_str(s);
        Ok(Span {
            start,
            len: span_offset(s.len())?,
        })
    }

    /// The id of namespace `uri`: at once for the well-known ones the caller names, which are
    /// almost all.
    #[inline]
    fn intern(&mut self, uri: &str, well_known: Option<u8>) -> NsId {
        match well_known.filter(|&i| usize::from(i) < WELL_KNOWN_NAMESPACES.len()) {
            Some(i) => NsId::from(i),
            None => self.intern_uri(uri),
        }
    }

    fn intern_uri(&mut self, uri: &str) -> NsId {
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

    /// Reads the attributes of `start`, the tag opened last, with their well-formedness checks.
    pub(crate) fn attributes(
        &mut self,
        start: &Tag<'_>,
        scopes: &Scopes,
        pos: usize,
    ) -> Result<(), DocError> {
        let line = self.lines.at(pos).0;
        let not_xml = |detail: String| DocError::NotXml { line, detail };
        let mut names = NameSet::default();
        for attr in start.attributes() {
            let attr = attr.map_err(not_xml)?;
            if !names.insert(attr.key) {
                return Err(not_xml(format!("attribute '{}' is given twice", attr.key)));
            }
            if attr.namespace_binding().is_some() {
                continue;
            }
            let (resolved, local) = scopes
                .attribute_name(attr.key)
                .map_err(|e| not_xml(e.to_string()))?;
            let ns = resolved.uri;
            let value = normalize_attribute(attr.raw).map_err(not_xml)?;
            self.push_attr(ns, None, Name::from(local), &value)?;
        }
        Ok(())
    }
}

/// An offset or length in the tree's buffers as a [`Span`] stores it. Documents are bounded by
/// [`Limits::max_bytes`], far below 4 GiB; past that the tree is refused, not truncated.
fn span_offset(n: usize) -> Result<u32, DocError> {
    u32::try_from(n).map_err(|_| DocError::TooLarge {
        len: n,
        max: u32::MAX as usize,
    })
}

/// Line/column from byte offsets, for the line numbers of [`DocError`]s. It scans forward from
/// the last offset asked for; an earlier offset restarts from the top.
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
