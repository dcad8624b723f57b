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

use std::borrow::Cow;

pub use super::name::Name;
use super::name::same_name;
use super::tree_builder::TreeBuilder;
use crate::validation::Limits;
use crate::validation::quick::namespaces::{Scopes, split_name};
use crate::validation::quick::tokenizer::{Token, Tokenizer};

pub const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
pub const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub const NS_EXT: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
pub const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// Index of a node in [`Doc::nodes`].
pub type NodeId = usize;

/// Index of a namespace URI in [`Doc::namespaces`]. Ids other than the `NSID_*` constants
/// differ from document to document: compare those through [`Doc::is`] / [`Doc::ns_uri`].
pub type NsId = u32;

/// The first entries of every [`Doc::namespaces`], in this order: no namespace, then the UBL
/// namespaces the rules name. The quick validator's namespace table starts with the same six
/// (a test checks it), which lets it hand its ids over when it builds the tree.
pub const WELL_KNOWN_NAMESPACES: [&str; 6] =
    ["", NS_CBC, NS_CAC, NS_EXT, NS_INVOICE, NS_CREDIT_NOTE];

/// The [`NsId`]s of [`WELL_KNOWN_NAMESPACES`], the same in every document: comparing
/// `doc.ns_id(id) == NSID_CBC` is an integer comparison.
pub const NSID_NONE: NsId = 0;
pub const NSID_CBC: NsId = 1;
pub const NSID_CAC: NsId = 2;
pub const NSID_EXT: NsId = 3;
pub const NSID_INVOICE: NsId = 4;
pub const NSID_CREDIT_NOTE: NsId = 5;

/// An attribute as the rules read it: namespace URI ("" for none), local name, value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrRef<'d> {
    pub ns: &'d str,
    pub local: &'d str,
    pub value: &'d str,
}

/// A stretch of one of the document's shared buffers ([`Doc`]'s `child_ids`, `attrs` or
/// `strings`). Nodes keep spans instead of their own `Vec`s and `String`s, so building a tree
/// allocates a handful of buffers instead of several per element, and dropping it frees few.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) len: u32,
}

impl Span {
    pub(super) fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// An attribute as stored: interned namespace, local name, value in [`Doc`]'s `strings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StoredAttr {
    pub(super) ns: NsId,
    pub(super) local: Name,
    pub(super) value: Span,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    /// Interned namespace URI (index into [`Doc::namespaces`]; 0 = no namespace). Test it with
    /// [`Doc::is`], read it with [`Doc::ns_uri`].
    pub ns: NsId,
    /// Reads like a `&str` (`as_str()`, `==`, deref); UBL names are not allocated.
    pub local: Name,
    /// Element children ([`Doc::child_ids`]), attributes ([`Doc::attributes`]) and the
    /// concatenation of the element's own text children ([`Doc::own_text`]).
    pub(super) children: Span,
    pub(super) attrs: Span,
    pub(super) text: Span,
    /// How many separate text nodes XPath would see among the children: text split by a child
    /// element, comment or PI counts twice. `string-length(text())` fails on more than one.
    pub text_runs: u32,
    /// Byte offset of the `<` of the start tag in the parsed bytes. Line and column are
    /// worked out from it only for the nodes a finding names (`quick::position::LineCursor`):
    /// counting lines for every element cost more than some rule families.
    pub offset: u32,
    /// The quick validator's declaration id of the element ([`Doc::decl`]), [`NO_DECL`] when
    /// it has none or the tree comes from [`Doc::parse`].
    pub(super) decl: u16,
}

/// [`Node::decl`] of an element without a declaration id.
pub(super) const NO_DECL: u16 = u16::MAX;

/// The declaration id is a shortcut for what `ns` and `local` say, which only the quick
/// validator knows: trees that differ in it alone are the same tree.
impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.parent == other.parent
            && self.ns == other.ns
            && self.local == other.local
            && self.children == other.children
            && self.attrs == other.attrs
            && self.text == other.text
            && self.text_runs == other.text_runs
            && self.offset == other.offset
    }
}

impl Eq for Node {}

impl Node {
    /// Whether the element has element children ([`Doc::child_ids`] is not empty), read from
    /// the node alone.
    #[inline]
    pub fn has_children(&self) -> bool {
        self.children.len != 0
    }

    /// The length in bytes of the element's own text ([`Doc::own_text`]), read from the node
    /// alone: slicing the text would read the text too.
    #[inline]
    pub fn own_text_len(&self) -> u32 {
        self.text.len
    }
}

/// A parsed document; node 0 is the root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub nodes: Vec<Node>,
    /// Every namespace URI of the document's elements and attributes, once; starts with
    /// [`WELL_KNOWN_NAMESPACES`].
    pub namespaces: Vec<Cow<'static, str>>,
    /// The children of every element: each element's together, in document order.
    pub(super) child_ids: Vec<NodeId>,
    pub(super) attrs: Vec<StoredAttr>,
    /// Own texts and attribute values.
    pub(super) strings: String,
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
        let mut tree = TreeBuilder::new(bytes, limits);
        let mut tokens = Tokenizer::new(bytes);
        tree.copy_source(tokens.source());
        // The quick validator's namespace scopes: both trees resolve names the same way.
        let mut scopes = Scopes::default();
        // Text with normalized line ends, reused from text to text.
        let mut eol = String::new();
        loop {
            let pos = tokens.position();
            let not_xml = |tree: &mut TreeBuilder<'_>, detail: String| DocError::NotXml {
                line: tree.line_at(pos),
                detail,
            };
            let token = match tokens.next_token() {
                Ok(token) => token,
                Err(e) => return Err(not_xml(&mut tree, e.to_string())),
            };
            match token {
                Token::Start(ref start) | Token::Empty(ref start) => {
                    scopes
                        .push(start)
                        .map_err(|e| not_xml(&mut tree, e.to_string()))?;
                    let resolved = scopes
                        .element(start.name())
                        .map_err(|e| not_xml(&mut tree, e.to_string()))?;
                    let local = split_name(start.name()).1;
                    let (ns, id) = (resolved.uri, resolved.id);
                    tree.open(ns, id, local, None, pos)?;
                    tree.attributes(start, &scopes, pos)?;
                    if matches!(token, Token::Empty(_)) {
                        tree.close()?;
                        scopes.pop();
                    }
                }
                Token::End => {
                    tree.close()?;
                    scopes.pop();
                }
                Token::Text(text) | Token::CData(text) => {
                    tree.push_text(text.content(&mut eol), text.content_at())?
                }
                Token::CharRef(c) => tree.push_text(c.encode_utf8(&mut [0; 4]), None)?,
                Token::EntityRef(s) => tree.push_text(s, None)?,
                Token::DocType => {
                    return Err(DocError::Doctype {
                        line: tree.line_at(pos),
                    });
                }
                Token::Comment | Token::Pi => tree.comment_or_pi(),
                Token::Decl(_) => {}
                Token::Eof => break,
            }
        }
        tree.finish(bytes.len())
    }

    /// The interned namespace of element `id`; see [`NSID_CBC`] and friends.
    pub fn ns_id(&self, id: NodeId) -> NsId {
        self.nodes[id].ns
    }

    /// The namespace URI of element `id` ("" for none).
    pub fn ns_uri(&self, id: NodeId) -> &str {
        self.namespaces
            .get(self.nodes[id].ns as usize)
            .map_or("", |n| n.as_ref())
    }

    /// The quick validator's declaration id of element `id` (an index into its element table,
    /// one per (namespace, local name)), when the tree was built by it and the element is
    /// declared: it tells the element's name with no string compared.
    #[inline]
    pub(crate) fn decl(&self, id: NodeId) -> Option<u16> {
        Some(self.nodes[id].decl).filter(|&d| d != NO_DECL)
    }

    pub fn root(&self) -> NodeId {
        0
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    #[inline]
    pub fn is(&self, id: NodeId, ns: &str, local: &str) -> bool {
        let n = &self.nodes[id];
        // The local name first: it is short and usually differs.
        same_name(&n.local, local)
            && self
                .namespaces
                .get(n.ns as usize)
                .is_some_and(|uri| same_name(uri, ns))
    }

    /// The interned id of namespace `uri` in this document, `None` when no element or
    /// attribute uses it. The searches by URI below look it up once and then run their id-based
    /// twins in `query.rs`, which compare integers, not URIs.
    fn ns_key(&self, uri: &str) -> Option<NsId> {
        let i = self.namespaces.iter().position(|n| same_name(n, uri))?;
        NsId::try_from(i).ok()
    }

    /// The element children of `id`, in document order.
    pub fn child_ids(&self, id: NodeId) -> &[NodeId] {
        &self.child_ids[self.nodes[id].children.range()]
    }

    /// The concatenation of the element's own text children (not its descendants').
    pub fn own_text(&self, id: NodeId) -> &str {
        &self.strings[self.nodes[id].text.range()]
    }

    /// How many separate text nodes XPath would see among the children of `id`.
    pub fn text_runs(&self, id: NodeId) -> u32 {
        self.nodes[id].text_runs
    }

    /// The attributes of `id` (namespace declarations left out), in document order.
    pub fn attributes(&self, id: NodeId) -> impl Iterator<Item = AttrRef<'_>> {
        self.attrs[self.nodes[id].attrs.range()]
            .iter()
            .map(|a| AttrRef {
                ns: self
                    .namespaces
                    .get(a.ns as usize)
                    .map_or("", |n| n.as_ref()),
                local: &a.local,
                value: &self.strings[a.value.range()],
            })
    }

    /// Number of elements in the document.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
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
        self.ns_key(ns)
            .into_iter()
            .flat_map(move |ns| self.children_in(id, ns, local))
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
    /// Allocates the result; [`Self::select_first`] / [`Self::select_find`] do not.
    pub fn select(&self, id: NodeId, steps: &[(&str, &str)]) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.select_find(id, steps, |n| {
            out.push(n);
            false
        });
        out
    }

    /// The first node [`Self::select`] would return, without allocating.
    pub fn select_first(&self, id: NodeId, steps: &[(&str, &str)]) -> Option<NodeId> {
        self.select_find(id, steps, |_| true)
    }

    /// The first node of [`Self::select`] (document order) for which `pred` holds, without
    /// allocating: `select_find(id, steps, |n| test(n)).is_some()` is the XPath existential
    /// `path[test]`. `pred` sees the nodes in order until it returns true.
    pub fn select_find(
        &self,
        id: NodeId,
        steps: &[(&str, &str)],
        mut pred: impl FnMut(NodeId) -> bool,
    ) -> Option<NodeId> {
        self.select_walk(id, steps, &mut pred)
    }

    // Depth-first over the steps: for child steps that is document order. The recursion is as
    // deep as `steps` is long (a constant of the calling rule), not as the document.
    fn select_walk(
        &self,
        id: NodeId,
        steps: &[(&str, &str)],
        pred: &mut dyn FnMut(NodeId) -> bool,
    ) -> Option<NodeId> {
        let Some((&(ns, local), rest)) = steps.split_first() else {
            return pred(id).then_some(id);
        };
        let ns = self.ns_key(ns)?;
        self.children_in(id, ns, local)
            .find_map(|c| self.select_walk(c, rest, pred))
    }

    /// All element descendants of `id` (not `id` itself), in document order.
    /// [`Self::descendants_iter`] gives the same without allocating.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        self.descendants_iter(id).collect()
    }

    /// The descendants of `id` in document order, without allocating: nodes are stored in
    /// document order (pushed at their start tags), so a subtree is a contiguous range.
    pub fn descendants_iter(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id + 1..self.subtree_end(id)
    }

    /// One past the last node of the subtree of `id` (its last descendant, or itself).
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut last = id;
        while let Some(&child) = self.child_ids(last).last() {
            last = child;
        }
        last + 1
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&n| self.nodes[n].parent)
    }

    /// XPath `string(.)`: the text of the element and all its descendants, in document order.
    pub fn string_value(&self, id: NodeId) -> String {
        // Text interleaving with children is not kept; the rules only read leaf elements'
        // values, so own text followed by the children's is close enough for messages.
        let mut out = String::new();
        self.push_string_value(id, &mut out);
        out
    }

    fn push_string_value(&self, id: NodeId, out: &mut String) {
        out.push_str(self.own_text(id));
        for &c in self.child_ids(id) {
            self.push_string_value(c, out);
        }
    }

    /// [`Self::string_value`] without a copy for elements without element children (the
    /// values rules read): compare it, cast it, measure it without allocating.
    pub fn value(&self, id: NodeId) -> Cow<'_, str> {
        if self.nodes[id].children.len == 0 {
            Cow::Borrowed(self.own_text(id))
        } else {
            Cow::Owned(self.string_value(id))
        }
    }

    /// XPath `normalize-space(.)`.
    pub fn normalized(&self, id: NodeId) -> String {
        normalize_space(&self.string_value(id))
    }

    pub fn attr(&self, id: NodeId, ns: &str, local: &str) -> Option<&str> {
        // The stored attributes, not `attributes`: only the one found has its value sliced.
        self.attrs[self.nodes[id].attrs.range()]
            .iter()
            .find(|a| {
                same_name(&a.local, local)
                    && self
                        .namespaces
                        .get(a.ns as usize)
                        .is_some_and(|uri| same_name(uri, ns))
            })
            .map(|a| &self.strings[a.value.range()])
    }

    /// Display path with conventional prefixes, e.g. `/Invoice/cac:InvoiceLine/cbc:ID`.
    pub fn path(&self, id: NodeId) -> String {
        // Sized first, then written root first: one allocation per path.
        let len: usize = std::iter::once(id)
            .chain(self.ancestors(id))
            .map(|n| 1 + self.display_name_len(n))
            .sum();
        let mut out = String::with_capacity(len);
        self.push_path(id, &mut out);
        out
    }

    fn push_path(&self, id: NodeId, out: &mut String) {
        // As deep as the element, which the parse limits bound (`Limits::max_depth`).
        if let Some(parent) = self.nodes[id].parent {
            self.push_path(parent, out);
        }
        out.push('/');
        self.push_display_name(id, out);
    }

    /// `cbc:ID`, `cac:Party`, `ext:UBLExtensions`, `Invoice`; `{uri}local` for other namespaces.
    pub fn display_name(&self, id: NodeId) -> String {
        let mut out = String::with_capacity(self.display_name_len(id));
        self.push_display_name(id, &mut out);
        out
    }

    fn push_display_name(&self, id: NodeId, out: &mut String) {
        let node = &self.nodes[id];
        match display_prefix(node.ns) {
            Some(prefix) => out.push_str(prefix),
            None => {
                out.push('{');
                out.push_str(self.ns_uri(id));
                out.push('}');
            }
        }
        out.push_str(&node.local);
    }

    /// The length in bytes of [`Self::display_name`].
    fn display_name_len(&self, id: NodeId) -> usize {
        let node = &self.nodes[id];
        let prefix = display_prefix(node.ns).map_or_else(|| self.ns_uri(id).len() + 2, str::len);
        prefix + node.local.len()
    }
}

/// The conventional prefix of a namespace in display names, `None` for a namespace shown as
/// `{uri}`. By interned id: every document interns the well-known URIs to their `NSID_*`.
fn display_prefix(ns: NsId) -> Option<&'static str> {
    match ns {
        NSID_CBC => Some("cbc:"),
        NSID_CAC => Some("cac:"),
        NSID_EXT => Some("ext:"),
        NSID_INVOICE | NSID_CREDIT_NOTE | NSID_NONE => Some(""),
        _ => None,
    }
}

/// XPath `normalize-space`: trims XML whitespace and collapses inner runs to one space.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words `normalize-space` keeps (split on XML whitespace).
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '\t', '\r', '\n'])
        .filter(|part| !part.is_empty())
}

/// `string-length(normalize-space(s))` without building the string.
pub fn normalized_char_len(s: &str) -> usize {
    let (chars, words) =
        words(s).fold((0usize, 0usize), |(c, w), word| (c + char_len(word), w + 1));
    chars + words.saturating_sub(1)
}

/// `normalize-space(s) = expected` without building the string.
pub fn normalized_eq(s: &str, expected: &str) -> bool {
    let mut rest = expected;
    for (i, word) in words(s).enumerate() {
        if i > 0 {
            match rest.strip_prefix(' ') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        match rest.strip_prefix(word) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// `normalize-space(s) != ''`: some character that is not XML whitespace.
pub fn has_content(s: &str) -> bool {
    s.bytes()
        .any(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// XPath `string-length`: characters (code points), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">\n  <cbc:ID>A &amp; B&#49;</cbc:ID>\n  <cac:InvoiceLine><cbc:Note>x<!--c-->y</cbc:Note><cbc:Amount currencyID=\"RON\">1.5</cbc:Amount></cac:InvoiceLine>\n</Invoice>";

    fn amount_id(doc: &Doc) -> NodeId {
        (0..doc.nodes.len())
            .find(|&n| doc.is(n, NS_CBC, "Amount"))
            .unwrap()
    }

    #[test]
    fn builds_tree_with_names_text_and_positions() {
        let doc = Doc::parse(SMALL.as_bytes(), &Limits::default()).unwrap();
        let root = doc.root();
        assert!(doc.is(root, NS_INVOICE, "Invoice"));
        assert!(!doc.is(root, NS_CREDIT_NOTE, "Invoice"));
        // Another copy of the URI (not the constant's pointer) compares by content.
        let copy = String::from(NS_INVOICE);
        assert!(doc.is(root, copy.as_str(), "Invoice"));
        assert_eq!(doc.ns_id(root), NSID_INVOICE);
        for (i, uri) in WELL_KNOWN_NAMESPACES.iter().enumerate() {
            let id = [
                NSID_NONE,
                NSID_CBC,
                NSID_CAC,
                NSID_EXT,
                NSID_INVOICE,
                NSID_CREDIT_NOTE,
            ][i];
            assert_eq!(doc.namespaces[id as usize], *uri);
        }
        let id = doc.first_child(root, NS_CBC, "ID").unwrap();
        assert_eq!(doc.string_value(id), "A & B1");
        let mut lines = crate::validation::quick::position::LineCursor::new(SMALL.as_bytes());
        assert_eq!(lines.locate(doc.node(id).offset as usize), (3, 3));
        let note = doc.select(root, &[(NS_CAC, "InvoiceLine"), (NS_CBC, "Note")]);
        assert_eq!(note.len(), 1);
        assert_eq!(
            doc.select_first(root, &[(NS_CAC, "InvoiceLine"), (NS_CBC, "Amount")]),
            Some(amount_id(&doc))
        );
        assert_eq!(doc.value(id), "A & B1");
        assert_eq!(doc.value(root), doc.string_value(root));
        assert_eq!(doc.text_runs(note[0]), 2);
        let amount = doc.select(root, &[(NS_CAC, "InvoiceLine"), (NS_CBC, "Amount")])[0];
        assert_eq!(doc.attr(amount, "", "currencyID"), Some("RON"));
        assert_eq!(doc.path(amount), "/Invoice/cac:InvoiceLine/cbc:Amount");
        assert_eq!(doc.descendants(root).len(), 4);
        assert_eq!(doc.descendants_iter(root), 1..5);
        let line = doc.first_child(root, NS_CAC, "InvoiceLine").unwrap();
        assert_eq!(doc.descendants(line), [line + 1, line + 2]);
        assert!(doc.descendants(amount).is_empty());
        let crlf = Doc::parse(b"<a>1.0\r\n&#13;</a>", &Limits::default()).unwrap();
        assert_eq!(crlf.string_value(0), "1.0\n\r");
        assert_eq!(doc.ancestors(amount).count(), 2);
    }

    #[test]
    fn own_texts_borrowed_from_the_document_copy_or_put_together() {
        // A leaf's first text as written is a span of the document's copy; what follows it (a
        // reference, CDATA, text after a comment), text with a CR, and text around children are
        // put together at the end of the buffer. Both ways of building a tree agree.
        let xml = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
                   xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\
                   <cbc:Note>x &amp; y</cbc:Note><cbc:Note>p<![CDATA[q]]>r</cbc:Note>\
                   <cbc:Note><![CDATA[c]]>d</cbc:Note><cbc:Note>l1\r\nl2</cbc:Note>\
                   <cbc:Note>a<!--c-->b</cbc:Note><cbc:Note>last</cbc:Note> tail</Invoice>";
        let parsed = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let (_, built) =
            crate::validation::quick::validate_quick_with_tree(xml.as_bytes(), &Limits::default());
        let built = built.expect("the validator builds the tree");
        for doc in [&parsed, &built] {
            let notes = doc.child_ids(doc.root());
            let texts: Vec<&str> = notes.iter().map(|&n| doc.own_text(n)).collect();
            assert_eq!(texts, ["x & y", "pqr", "cd", "l1\nl2", "ab", "last"]);
            assert_eq!(doc.own_text(doc.root()), " tail");
        }
    }

    #[test]
    fn namespaces_are_interned_once() {
        let xml = "<r xmlns=\"urn:a\"><x xmlns=\"urn:b\"/><x xmlns=\"urn:a\"/><x xmlns=\"urn:b\"/><x xmlns=\"\"/></r>";
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let ids: Vec<NsId> = (0..doc.nodes.len()).map(|n| doc.ns_id(n)).collect();
        assert_eq!(ids, [6, 7, 6, 7, NSID_NONE]);
        assert_eq!(doc.namespaces.len(), WELL_KNOWN_NAMESPACES.len() + 2);
        assert_eq!((doc.ns_uri(1), doc.ns_uri(2)), ("urn:b", "urn:a"));
        assert!(doc.is(1, "urn:b", "x") && !doc.is(1, "urn:a", "x"));
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
        for s in ["", " ", "a", " a  b\n", "ăî  ș ", "a\u{a0}b", "\r\nx y\tz "] {
            let n = normalize_space(s);
            assert_eq!(normalized_char_len(s), char_len(&n), "{s:?}");
            assert_eq!(has_content(s), !n.is_empty(), "{s:?}");
            assert!(normalized_eq(s, &n), "{s:?}");
            assert!(!normalized_eq(s, &format!("{n} ")), "{s:?}");
            assert!(!normalized_eq(s, &format!("{n}x")), "{s:?}");
        }
        assert!(!normalized_eq("a b", "a  b"));
        assert!(!normalized_eq("ab", "a b"));
        assert!(normalized_eq(" VAT ", "VAT"));
        assert_eq!(char_len("ăîș"), 3);
    }
}
