//! The streaming validator: tokens of [`super::tokenizer`] in, findings out, with an explicit
//! stack of open elements (no recursion, so deep nesting cannot overflow the call stack).

use std::collections::HashSet;

use super::content_model::{Expected, Matcher, Step};
use super::datatypes;
use super::messages::{self, At};
use super::namespaces::{NsError, Scopes};
use super::schema::{
    Builtin, Content, Model, Process, TypeDef, Wildcard, conventional_prefix, global_element,
    namespace_uri,
};
use super::tokenizer::{
    BOM, NameSet, Tag, Text, Token, TokenError, TokenErrorKind, Tokenizer, normalize_attribute,
};
use super::ubl_tables::{ELEMENTS, NS_CREDIT_NOTE, NS_INVOICE, NS_XSI, SIMPLE_TYPES, TYPES};
use super::value::Value;
use crate::validation::full::doc::{Doc, Name, WELL_KNOWN_NAMESPACES};
use crate::validation::full::tree_builder::TreeBuilder;
use crate::validation::{Finding, Limits};

/// How an open element is being checked.
#[derive(Clone, Copy)]
enum Kind {
    /// Declared in the schema: attributes, content model and value are checked.
    Typed {
        ty: &'static TypeDef,
        /// Where its children are in its content model (when it has one).
        matcher: Matcher,
        /// A child was out of place: later children are not matched against the model (and no
        /// "missing children" is reported) so one mistake gives one finding, not a cascade.
        broken: bool,
        /// Character-content error already reported for this element.
        text_reported: bool,
    },
    /// Matched by a lax wildcard without a declaration: anything goes, but declared
    /// descendants are still validated (XSD lax assessment).
    Lax,
    /// Matched by a skip wildcard (or already reported): nothing below is checked.
    Skip,
}

struct Frame {
    /// The element's namespace in the tables, for its segment of finding paths.
    ns: Option<u8>,
    /// Byte offset of the start tag; line and column are computed only for findings.
    start: usize,
    kind: Kind,
}

/// What to do with a new child element.
enum Assess {
    Declared(u16),
    Lax,
    Skip,
}

pub struct Validator<'a> {
    bytes: &'a [u8],
    limits: &'a Limits,
    findings: Vec<Finding>,
    cursor: super::position::LineCursor<'a>,
    /// The open elements, innermost last: an element is on it from its start tag, once its name
    /// is known, to the end of the checks of its end tag, so finding paths (built only for
    /// findings) end with it.
    stack: Vec<Frame>,
    /// Value (character data) of the open simple-content element.
    value: Value<'a>,
    /// Text with its line ends normalized (see [`Text::content`]).
    eol: String,
    doc_ns: u8,
    ids: HashSet<String>,
    seen_root: bool,
    stopped: bool,
    /// The tree for full validation, built during this same pass when asked for; dropped
    /// (`None`) as soon as it cannot be completed, and then the caller parses separately.
    tree: Option<TreeBuilder<'a>>,
    /// The document was read to its end without a fatal problem.
    complete: bool,
}

/// Namespace of a name as the tables see it.
#[derive(Clone, Copy)]
struct NsInfo<'n> {
    /// `Some(0)`: no namespace; `Some(n)`: a namespace of the tables; `None`: another namespace.
    id: Option<u8>,
    uri: &'n str,
}

impl<'a> Validator<'a> {
    pub fn new(bytes: &'a [u8], limits: &'a Limits) -> Self {
        Validator {
            bytes,
            limits,
            findings: Vec::new(),
            cursor: super::position::LineCursor::new(bytes),
            // (Deeper than invoices go: it never grows.)
            stack: Vec::with_capacity(32),
            value: Value::default(),
            eol: String::new(),
            doc_ns: NS_INVOICE,
            ids: HashSet::new(),
            seen_root: false,
            stopped: false,
            tree: None,
            complete: false,
        }
    }

    /// Also builds the [`Doc`] of the document during the pass (see [`Self::run_with_tree`]).
    pub fn with_tree(mut self) -> Self {
        self.tree = Some(TreeBuilder::new(self.bytes, self.limits));
        self
    }

    pub fn run(mut self) -> Vec<Finding> {
        self.read();
        self.findings
    }

    /// The findings, and the tree when it could be built in the same pass: exactly the tree
    /// [`Doc::parse`] gives. `None` whenever this pass stopped early or met anything the tree
    /// builder refuses; the caller then falls back to [`Doc::parse`], which keeps every odd
    /// case (wrong root, too many findings, not well-formed) answered by one piece of code.
    pub fn run_with_tree(mut self) -> (Vec<Finding>, Option<Doc>) {
        self.read();
        let doc = match self.tree.take() {
            Some(tree) if self.complete && !self.stopped => tree.finish(self.bytes.len()).ok(),
            _ => None,
        };
        (self.findings, doc)
    }

    fn read(&mut self) {
        let mut tokens = Tokenizer::new(self.bytes);
        if let Some(tree) = &mut self.tree {
            tree.copy_source(tokens.source());
        }
        let mut scopes = Scopes::default();
        let mut declared_encoding: Option<String> = None;
        while !self.stopped {
            let pos = tokens.position();
            // Tags and text, nearly every token, are read and handled right here; the rest go
            // through `next_token` and `other_token`.
            let read = match tokens.lead() {
                (b'<', b'/') => tokens.end_tag().map(|()| {
                    self.end();
                    scopes.pop();
                    true
                }),
                (b'<', b'?' | b'!') | (b'&' | 0, _) => tokens
                    .next_token()
                    .map(|token| self.other_token(token, pos, &mut declared_encoding)),
                (b'<', _) => tokens.start_tag().map(|(tag, empty)| {
                    self.start_tag(&tag, empty, pos, &mut scopes);
                    true
                }),
                _ => tokens.text().map(|text| self.text_token(text, pos)),
            };
            match read {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    self.token_error(&e, pos, declared_encoding.as_deref());
                    break;
                }
            }
        }
    }

    /// A start tag (`empty`: an empty-element tag, which also ends the element).
    #[inline(always)] // (once per element, from the token loop only)
    fn start_tag(&mut self, tag: &Tag<'_>, empty: bool, pos: usize, scopes: &mut Scopes) {
        if let Err(e) = scopes.push(tag) {
            self.stop_at(pos, &e);
            return;
        }
        self.start(tag, pos, scopes);
        if empty {
            if !self.stopped {
                self.end();
            }
            scopes.pop();
        }
    }

    /// A token that could not be read ends validation.
    #[cold]
    #[inline(never)]
    fn token_error(&mut self, e: &TokenError, pos: usize, declared_encoding: Option<&str>) {
        let here = self.at_pos(e.at.max(pos));
        let finding = match (&e.kind, self.unsupported_encoding(declared_encoding)) {
            (TokenErrorKind::Encoding, Some(encoding)) => messages::not_utf8(here, &encoding),
            _ => messages::not_xml(here, &e.to_string()),
        };
        self.push(finding);
    }

    /// The tokens `read` does not handle itself; false when reading stops.
    #[inline(never)]
    fn other_token(
        &mut self,
        token: Token<'a>,
        pos: usize,
        declared_encoding: &mut Option<String>,
    ) -> bool {
        match token {
            // (Text starting with a byte `read` leaves to `next_token`: a NUL, refused below.)
            Token::Text(text) => return self.text_token(text, pos),
            Token::CData(text) => self.text_of_token(text, pos),
            Token::CharRef(c) => {
                let mut utf8 = [0; 4];
                let s = c.encode_utf8(&mut utf8);
                self.tree_text(s, None);
                self.text(s, pos);
            }
            Token::EntityRef(s) => {
                self.tree_text(s, None);
                self.text(s, pos);
            }
            Token::DocType => {
                let here = self.at_pos(pos);
                self.push(messages::doctype(here));
                return false;
            }
            Token::Decl(decl) => {
                // Only at the very start of the document (after an optional BOM).
                let at_start = pos == 0 || (pos == BOM.len() && self.bytes.starts_with(BOM));
                if !at_start {
                    let here = self.at_pos(pos);
                    self.stop(messages::not_xml(
                        here,
                        "the XML declaration is only allowed at the start",
                    ));
                    return false;
                }
                *declared_encoding = decl
                    .attributes()
                    .map_while(Result::ok)
                    .find(|a| a.key == "encoding")
                    .map(|a| a.raw.to_owned());
            }
            Token::Comment | Token::Pi => {
                if let Some(tree) = &mut self.tree {
                    tree.comment_or_pi();
                }
            }
            Token::Eof => {
                if !self.stack.is_empty() {
                    let here = self.at_pos(self.bytes.len());
                    self.push(messages::not_xml(
                        here,
                        "unexpected end of document: unclosed elements",
                    ));
                } else if !self.seen_root {
                    let here = self.at_pos(self.bytes.len());
                    self.push(messages::no_root(here));
                } else {
                    self.complete = true;
                }
                return false;
            }
            // (Read by `read` itself.)
            Token::Start(_) | Token::Empty(_) | Token::End => {}
        }
        true
    }

    /// A text token; false when it stops validation.
    #[inline(always)] // (for every text, from the token loop)
    fn text_token(&mut self, text: Text<'a>, pos: usize) -> bool {
        // (A `]` is rare in invoices: the tokenizer saw none in plain text, a byte search
        // settles most other texts; blank text, most of it, has none.)
        let raw = text.raw;
        if !text.blank && !text.plain && raw.as_bytes().contains(&b']') && raw.contains("]]>") {
            let here = self.at_pos(pos);
            self.stop(messages::not_xml(
                here,
                "the sequence ']]>' is not allowed in text",
            ));
            return false;
        }
        self.text_of_token(text, pos);
        true
    }

    /// Character data, for the tree and for the checks.
    fn text_of_token(&mut self, text: Text<'a>, pos: usize) {
        // Most texts have no CR and are used as written: no call, no buffer.
        if !text.cr {
            self.tree_text(text.raw, Some(text.at));
            let whitespace = text.blank || is_whitespace(text.raw);
            self.text_of(text.raw, Some(text.raw), whitespace, text.plain, pos);
            return;
        }
        // The buffer for line-end normalization is reused from text to text.
        let mut eol = std::mem::take(&mut self.eol);
        let content = text.content(&mut eol);
        self.tree_text(content, None);
        // Blank text (indentation, mostly) needs no second look for whitespace.
        self.text_of(
            content,
            None,
            text.blank || is_whitespace(content),
            text.plain,
            pos,
        );
        self.eol = eol;
    }

    /// Text for the tree being built, if any (`at`: where it stands in the document, when it is
    /// as written there); a tree that cannot take it is dropped (full validation then parses
    /// the document on its own and reports why).
    fn tree_text(&mut self, text: &str, at: Option<usize>) {
        if let Some(tree) = &mut self.tree
            && tree.push_text(text, at).is_err()
        {
            self.tree = None;
        }
    }

    fn at_pos(&mut self, pos: usize) -> At {
        let path = self.path();
        let (line, column) = self.cursor.locate(pos);
        At::new(path, line, column)
    }

    /// `/Invoice/cac:InvoiceLine/cbc:ID` for the open elements.
    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.stack {
            path.push('/');
            self.push_segment(&mut path, frame.start, frame.ns);
        }
        path
    }

    /// The display name of the element whose start tag is at `start`, read back from the
    /// bytes (the parser already checked them).
    fn push_segment(&self, out: &mut String, start: usize, ns: Option<u8>) {
        let tag = self.bytes.get(start + 1..).unwrap_or_default();
        let end = tag
            .iter()
            .position(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .unwrap_or(tag.len());
        let raw = String::from_utf8_lossy(&tag[..end]);
        let local = raw.rsplit(':').next().unwrap_or_default();
        push_display_name(out, ns, local, &raw);
    }

    /// The display name of the element being started.
    fn current_name(&self) -> String {
        let mut name = String::new();
        if let Some(frame) = self.stack.last() {
            self.push_segment(&mut name, frame.start, frame.ns);
        }
        name
    }

    /// The name of the document's encoding when it is not UTF-8 (declared, or a UTF-16 BOM).
    fn unsupported_encoding(&self, declared: Option<&str>) -> Option<String> {
        if self.bytes.starts_with(&[0xFF, 0xFE]) || self.bytes.starts_with(&[0xFE, 0xFF]) {
            return Some("UTF-16".to_owned());
        }
        declared
            .filter(|e| !e.eq_ignore_ascii_case("utf-8") && !e.eq_ignore_ascii_case("utf8"))
            .map(str::to_owned)
    }

    fn at_attribute(&mut self, pos: usize, name: &str) -> At {
        let (line, column) = self.cursor.locate(pos);
        At::new(format!("{}/@{name}", self.path()), line, column)
    }

    fn push(&mut self, finding: Finding) {
        if self.stopped {
            return;
        }
        if self.findings.len() >= self.limits.max_findings {
            self.findings
                .push(messages::too_many(self.limits.max_findings));
            self.stopped = true;
            return;
        }
        self.findings.push(finding);
    }

    /// Fatal problem that ends validation (the rest of the document cannot be trusted).
    fn stop(&mut self, finding: Finding) {
        self.push(finding);
        self.stopped = true;
    }

    /// A namespace error in the start tag at `pos` ends validation.
    fn stop_at(&mut self, pos: usize, error: &NsError) {
        let here = self.at_pos(pos);
        self.stop(messages::not_xml(here, &error.to_string()));
    }

    fn start(&mut self, start: &Tag<'_>, pos: usize, scopes: &Scopes) {
        let (ns, local) = match scopes.element_of(start) {
            Ok((resolved, local)) => (
                NsInfo {
                    id: resolved.id,
                    uri: resolved.uri,
                },
                local,
            ),
            Err(e) => {
                self.stop_at(pos, &e);
                return;
            }
        };
        if self.stack.len() >= self.limits.max_depth {
            let here = self.at_pos(pos);
            self.stop(messages::too_deep(here, self.limits.max_depth));
            return;
        }
        // On the stack from here, so that findings about it name it as the last segment of
        // their path; its kind is set at the end.
        self.stack.push(Frame {
            ns: ns.id,
            start: pos,
            kind: Kind::Skip,
        });
        let parent = self.stack.len().checked_sub(2);
        let assess = match parent.and_then(|i| self.stack.get_mut(i)) {
            None => {
                if self.seen_root {
                    let here = self.at_pos(pos);
                    self.stop(messages::not_xml(here, "more than one root element"));
                    return;
                }
                self.seen_root = true;
                let root = match (ns.id, local) {
                    (Some(NS_INVOICE), "Invoice") => Some(NS_INVOICE),
                    (Some(NS_CREDIT_NOTE), "CreditNote") => Some(NS_CREDIT_NOTE),
                    _ => None,
                };
                let Some(doc_ns) = root else {
                    let display = self.current_name();
                    let here = self.at_pos(pos);
                    self.stop(messages::wrong_root(here, &display, ns.uri));
                    return;
                };
                self.doc_ns = doc_ns;
                match global_element(doc_ns, local, doc_ns) {
                    Some(decl) => Assess::Declared(decl),
                    None => Assess::Skip,
                }
            }
            Some(parent) => {
                let doc_ns = self.doc_ns;
                let lookup = |ns: Option<u8>| ns.and_then(|n| global_element(n, local, doc_ns));
                let mut finding = None;
                let assess = match &mut parent.kind {
                    Kind::Skip => Assess::Skip,
                    Kind::Lax => lookup(ns.id).map_or(Assess::Lax, Assess::Declared),
                    Kind::Typed {
                        ty,
                        matcher,
                        broken,
                        ..
                    } => match &ty.content {
                        Content::Simple(_) => {
                            if !*broken {
                                finding = Some(ChildProblem::InSimple);
                            }
                            *broken = true;
                            Assess::Skip
                        }
                        Content::Empty => {
                            if !*broken {
                                finding = Some(ChildProblem::InEmpty);
                            }
                            *broken = true;
                            Assess::Skip
                        }
                        Content::Elements { .. } if *broken => {
                            lookup(ns.id).map_or(Assess::Lax, Assess::Declared)
                        }
                        Content::Elements { model, .. } => {
                            match matcher.step(model, ns.id, local) {
                                Some(Step::Element(decl)) => Assess::Declared(decl),
                                Some(Step::Wildcard(w)) => {
                                    assess_wildcard(w, lookup(ns.id), &mut finding)
                                }
                                None => {
                                    finding =
                                        Some(ChildProblem::Unexpected(matcher.expected(model)));
                                    *broken = true;
                                    lookup(ns.id).map_or(Assess::Lax, Assess::Declared)
                                }
                            }
                        }
                    },
                };
                if let Some(problem) = finding {
                    let display = self.current_name();
                    let here = self.at_pos(pos);
                    let f = match problem {
                        ChildProblem::InSimple => messages::child_in_simple(here, &display),
                        ChildProblem::InEmpty => messages::child_in_empty(here, &display),
                        ChildProblem::Unexpected(expected) => {
                            let names: Vec<String> = expected.iter().map(expected_name).collect();
                            messages::unexpected_element(here, &display, &names)
                        }
                        ChildProblem::StrictUndeclared => {
                            messages::undeclared_in_strict_wildcard(here, &display)
                        }
                    };
                    self.push(f);
                }
                assess
            }
        };

        // The declaration's name is this element's local name, as a static string the tree
        // can borrow.
        let static_name = match &assess {
            Assess::Declared(decl_id) => ELEMENTS.get(usize::from(*decl_id)).map(|d| d.name),
            _ => None,
        };
        let declared_type = match assess {
            Assess::Declared(decl_id) => ELEMENTS
                .get(usize::from(decl_id))
                .and_then(|d| TYPES.get(usize::from(d.ty))),
            _ => None,
        };
        if let Some(tree) = &mut self.tree {
            // The quick table's first namespaces are the tree's well-known ones (tested).
            let well_known = ns
                .id
                .filter(|&i| usize::from(i) < WELL_KNOWN_NAMESPACES.len());
            // Its attributes follow: the checks below read them and hand them to the tree.
            let opened = tree.open(
                ns.uri,
                well_known,
                local,
                match assess {
                    Assess::Declared(decl_id) => static_name.map(|name| (name, decl_id)),
                    _ => None,
                },
                pos,
            );
            if opened.is_err() {
                self.tree = None;
            }
        }
        // Every tag's attributes are read: well-formedness (syntax, duplicates, prefixes) holds
        // for undeclared elements too, and the tree needs them.
        self.check_attributes(declared_type, start, scopes, pos);
        let kind = match assess {
            Assess::Skip => Kind::Skip,
            Assess::Lax => Kind::Lax,
            Assess::Declared(_) => {
                match declared_type {
                    Some(ty) => {
                        // Simple-content elements cannot contain declared children, so one
                        // buffer serves the innermost open one.
                        self.value.clear();
                        Kind::Typed {
                            ty,
                            matcher: Matcher::default(),
                            broken: false,
                            text_reported: false,
                        }
                    }
                    None => Kind::Skip,
                }
            }
        };
        if let Some(frame) = self.stack.last_mut() {
            frame.kind = kind;
        }
    }

    /// Checks the attributes of a declared element; when a tree is being built, also hands
    /// them to it (as its last opened element's), so they are read once.
    /// `ty`: the declared type, whose attribute declarations apply; `None` for an element
    /// without one, whose attributes are only checked for well-formedness.
    fn check_attributes(
        &mut self,
        ty: Option<&'static TypeDef>,
        start: &Tag<'_>,
        scopes: &Scopes,
        pos: usize,
    ) {
        // Most tags have no attributes: only the required ones are left to check.
        let seen = if start.attributes_raw().is_empty() {
            0
        } else {
            match self.read_attributes(ty, start, scopes, pos) {
                Some(seen) => seen,
                None => return,
            }
        };
        let Some(ty) = ty.filter(|ty| ty.required & !seen != 0) else {
            return;
        };
        for (i, a) in ty.attributes.iter().enumerate() {
            if a.required && seen & (1u64 << (i % 64)) == 0 {
                let here = self.at_attribute(pos, a.name);
                self.push(messages::attribute_missing(here, a.name));
            }
        }
    }

    /// Reads, checks and hands to the tree the attributes of [`Self::check_attributes`];
    /// returns which declared ones were present, or `None` when a problem stopped validation.
    fn read_attributes(
        &mut self,
        ty: Option<&'static TypeDef>,
        start: &Tag<'_>,
        scopes: &Scopes,
        pos: usize,
    ) -> Option<u64> {
        // Which declared attributes were present (UBL types have at most a dozen).
        let mut seen: u64 = 0;
        // Names met so far on this tag, for the duplicate check; UBL elements have one to three
        // attributes.
        let mut names = NameSet::default();
        for attr in start.attributes() {
            if self.stopped {
                return None;
            }
            let attr = match attr {
                Ok(a) => a,
                Err(detail) => {
                    let here = self.at_pos(pos);
                    self.stop(messages::not_xml(here, &detail));
                    return None;
                }
            };
            if !names.insert(attr.key) {
                let here = self.at_pos(pos);
                let detail = format!("attribute '{}' is given twice", attr.key);
                self.stop(messages::not_xml(here, &detail));
                return None;
            }
            if attr.namespace_binding().is_some() {
                continue;
            }
            let (ns, uri, local) = match scopes.attribute_name(attr.key) {
                Ok((resolved, local)) => (resolved.id, resolved.uri, local),
                Err(e) => {
                    self.stop_at(pos, &e);
                    return None;
                }
            };
            let name = attr.key;
            if attr.raw.contains('<') {
                let here = self.at_attribute(pos, name);
                self.stop(messages::not_xml(
                    here,
                    "'<' is not allowed in attribute values",
                ));
                return None;
            }
            let value = match normalize_attribute(attr.raw) {
                Ok(v) => v,
                Err(detail) => {
                    let here = self.at_attribute(pos, name);
                    self.stop(messages::not_xml(here, &detail));
                    return None;
                }
            };
            let declared = ty.and_then(|ty| {
                ty.attributes
                    .iter()
                    .position(|a| Some(a.ns) == ns && a.name == local)
                    .map(|i| (ty, i))
            });
            if let Some(tree) = &mut self.tree {
                let name = match declared {
                    Some((ty, i)) => Name::from_static(ty.attributes[i].name),
                    None => Name::from(local),
                };
                let well_known = ns.filter(|&i| usize::from(i) < WELL_KNOWN_NAMESPACES.len());
                if tree.push_attr(uri, well_known, name, &value).is_err() {
                    self.tree = None;
                }
            }
            // An element without a declaration has no attribute declarations to check.
            let Some(ty) = ty else {
                continue;
            };
            if ns == Some(NS_XSI) {
                match local {
                    "schemaLocation" | "noNamespaceSchemaLocation" => {}
                    "nil" => {
                        let here = self.at_attribute(pos, name);
                        self.push(messages::not_nillable(here));
                    }
                    "type" => {
                        let here = self.at_attribute(pos, name);
                        self.push(messages::xsi_type_unsupported(here));
                    }
                    _ => {
                        let here = self.at_attribute(pos, name);
                        self.push(messages::attribute_not_allowed(here, name));
                    }
                }
                continue;
            }
            match declared {
                Some((_, i)) => {
                    seen |= 1u64 << (i % 64);
                    let simple = ty.attributes[i].simple;
                    let problem = check_value(&mut self.ids, simple, &value);
                    if let Some(make) = problem {
                        let here = self.at_attribute(pos, name);
                        let f = make(here);
                        self.push(f);
                    }
                }
                None => {
                    let allowed = ty.any_attribute.filter(|w| w.admits(ns));
                    match allowed {
                        // No attribute is declared globally in the UBL schema set, so a strict
                        // attribute wildcard admits nothing and lax/skip admit everything.
                        Some(w) if w.process != Process::Strict => {}
                        _ => {
                            let here = self.at_attribute(pos, name);
                            self.push(messages::attribute_not_allowed(here, name));
                        }
                    }
                }
            }
        }
        Some(seen)
    }

    #[inline(always)] // (for every element: two call sites in the token loop)
    fn end(&mut self) {
        let Some(&Frame { start, kind, .. }) = self.stack.last() else {
            return;
        };
        if let Some(tree) = &mut self.tree
            && tree.close().is_err()
        {
            self.tree = None;
        }
        if let Kind::Typed {
            ty,
            matcher,
            broken: false,
            ..
        } = kind
        {
            match &ty.content {
                Content::Simple(simple) => {
                    if let Some(make) = check_value(&mut self.ids, *simple, self.value.get()) {
                        let here = self.at_pos(start);
                        self.push(make(here));
                    }
                }
                Content::Elements { model, .. } => {
                    if !matcher.can_end(model) {
                        self.report_missing_children(&matcher, model, start);
                    }
                }
                Content::Empty => {}
            }
        }
        self.stack.pop();
    }

    /// The children the content model `model` still wanted (`m`: where its children got) when
    /// the element whose start tag is at `start` ended.
    #[cold]
    #[inline(never)]
    fn report_missing_children(&mut self, m: &Matcher, model: &'static Model, start: usize) {
        let names: Vec<String> = m.missing(model).iter().map(expected_name).collect();
        let here = self.at_pos(start);
        self.push(messages::missing_children(here, &names));
    }

    fn text(&mut self, text: &str, pos: usize) {
        self.text_of(text, None, is_whitespace(text), false, pos);
    }

    /// [`Self::text`] when the caller already knows whether `text` is all whitespace, and
    /// whether it is [`Text::plain`]; `in_doc`: `text` itself when it is a slice of the document
    /// (a value can then borrow it).
    #[inline(always)] // (for every text, most of them blank, which need next to nothing)
    fn text_of(
        &mut self,
        text: &str,
        in_doc: Option<&'a str>,
        whitespace: bool,
        plain: bool,
        pos: usize,
    ) {
        // (The tokenizer looked at most values on its way: see `Text::plain`.)
        if !whitespace && !plain && has_forbidden_char(text) {
            self.stop_at_forbidden_char(text, pos);
            return;
        }
        let Some(frame) = self.stack.last_mut() else {
            if !whitespace {
                self.stop_at_text_outside(pos);
            }
            return;
        };
        let start = frame.start;
        let Kind::Typed {
            ty, text_reported, ..
        } = &mut frame.kind
        else {
            return;
        };
        let problem = match &ty.content {
            Content::Simple(_) => {
                match in_doc {
                    Some(piece) => self.value.push_borrowed(piece),
                    None => self.value.push(text),
                }
                None
            }
            Content::Elements { mixed: true, .. } => None,
            Content::Elements { mixed: false, .. } if whitespace => None,
            Content::Elements { .. } => Some(false),
            Content::Empty => Some(true),
        };
        if let Some(empty) = problem
            && !*text_reported
        {
            *text_reported = true;
            self.report_text(empty, start);
        }
    }

    // The reports of `text_of` live out of its way: it runs for every text, and the lighter it
    // is the less each text costs.

    #[cold]
    #[inline(never)]
    fn stop_at_text_outside(&mut self, pos: usize) {
        let here = self.at_pos(pos);
        self.stop(messages::not_xml(here, "text outside the root element"));
    }

    #[cold]
    #[inline(never)]
    fn stop_at_forbidden_char(&mut self, text: &str, pos: usize) {
        let bad = text.chars().find(|&c| is_forbidden_char(c)).unwrap_or('\0');
        let here = self.at_pos(pos);
        let detail = format!("character U+{:04X} is not allowed in XML", u32::from(bad));
        self.stop(messages::not_xml(here, &detail));
    }

    /// Text in an element of empty (`empty`) or element-only content, whose start tag is at
    /// `start`.
    #[cold]
    #[inline(never)]
    fn report_text(&mut self, empty: bool, start: usize) {
        let here = self.at_pos(start);
        self.push(if empty {
            messages::text_in_empty(here)
        } else {
            messages::text_in_element_only(here)
        });
    }
}

/// Checks a value against simple type `simple` (`ids`: the ID values met so far); returns how to report a problem.
fn check_value(
    ids: &mut HashSet<String>,
    simple: u16,
    value: &str,
) -> Option<Box<dyn FnOnce(At) -> Finding>> {
    let st = SIMPLE_TYPES.get(usize::from(simple))?;
    // Most values are strings of some kind (names, codes, identifiers), which any text is: no
    // call, and no jump through `is_valid`'s table, which mispredicted about every other value.
    if !datatypes::accepts_any_text(st.builtin) && !datatypes::is_valid(st.builtin, value) {
        let v = value.to_owned();
        let dt = datatypes::describe(st.builtin);
        return Some(Box::new(move |at| messages::invalid_value(at, &v, dt)));
    }
    if !st.enumeration.is_empty() {
        let normalized = datatypes::normalized_for_enumeration(st.builtin, value);
        if !st.enumeration.contains(&normalized.as_str()) {
            let v = value.to_owned();
            let allowed = st.enumeration;
            return Some(Box::new(move |at| {
                messages::not_in_enumeration(at, &v, allowed)
            }));
        }
    }
    if st.builtin == Builtin::Id && !ids.insert(datatypes::id_value(value).to_owned()) {
        let v = value.to_owned();
        return Some(Box::new(move |at| messages::duplicate_id(at, &v)));
    }
    None
}

enum ChildProblem {
    InSimple,
    InEmpty,
    Unexpected(Vec<Expected>),
    StrictUndeclared,
}

fn assess_wildcard(
    w: Wildcard,
    declared: Option<u16>,
    finding: &mut Option<ChildProblem>,
) -> Assess {
    match (w.process, declared) {
        (Process::Skip, _) => Assess::Skip,
        (_, Some(decl)) => Assess::Declared(decl),
        (Process::Lax, None) => Assess::Lax,
        (Process::Strict, None) => {
            *finding = Some(ChildProblem::StrictUndeclared);
            Assess::Skip
        }
    }
}

fn is_whitespace(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Fast byte-level test for [`is_forbidden_char`]: C0 controls are single bytes, and
/// U+FFFE/U+FFFF start with 0xEF, which is rare enough to check precisely when seen. One pass
/// looks for both; the characters are looked at only when it finds either.
fn has_forbidden_char(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Branch-free OR over chunks (no early exit per byte) so the compiler vectorises it.
    let suspect = bytes.chunks(256).any(|chunk| {
        chunk.iter().fold(false, |acc, &b| {
            acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
        })
    });
    suspect && text.chars().any(is_forbidden_char)
}

/// Characters XML 1.0 forbids in documents (C0 controls except tab, LF, CR; U+FFFE/U+FFFF).
fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// `cbc:ID` for the tables' namespaces (conventional prefixes), `Invoice` for the document
/// namespaces, and the name as written in the document for anything else.
fn push_display_name(out: &mut String, ns: Option<u8>, local: &str, raw: &str) {
    match ns {
        Some(0) => out.push_str(local),
        Some(id) => {
            let prefix = conventional_prefix(id);
            if !prefix.is_empty() {
                out.push_str(prefix);
                out.push(':');
            }
            out.push_str(local);
        }
        None => out.push_str(raw),
    }
}

fn expected_name(e: &Expected) -> String {
    match e {
        Expected::Element(id) => match ELEMENTS.get(usize::from(*id)) {
            Some(d) => {
                let mut name = String::new();
                push_display_name(&mut name, Some(d.ns), d.name, d.name);
                name
            }
            None => String::from("?"),
        },
        Expected::Wildcard(w) => match w.namespaces {
            super::schema::NsConstraint::Any => "(any element)".to_owned(),
            super::schema::NsConstraint::Other(ns) => {
                format!("(any element not in {})", namespace_uri(ns))
            }
            super::schema::NsConstraint::List(list) => {
                let names: Vec<&str> = list.iter().map(|n| namespace_uri(*n)).collect();
                format!("(any element in {})", names.join(" "))
            }
        },
    }
}
