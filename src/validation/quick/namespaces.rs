//! Namespace scopes for the validator's single pass.
//!
//! Why not quick-xml's `NsReader`: it reads the attributes of every start tag looking for
//! declarations, and resolves names to URI strings that the validator then looked up in its
//! tables again, element after element. Here a start tag is searched for `xmlns` first (almost
//! none has it: UBL documents declare their namespaces on the root), and each declaration is
//! looked up in the tables once, when it is read. The rules are `NsReader`'s, so documents are
//! accepted and refused exactly as before: the `xml` and `xmlns` prefixes are reserved, the
//! declared value is the raw attribute value, `xmlns:p=""` leaves `p` unusable, and at most
//! [`MAX_BINDINGS`] declarations are in scope at once.

use super::schema::namespace_id;
use super::tokenizer::{Tag, find};
use crate::validation::full::name::{same_name, small_word};

const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";

/// Declarations in scope at once (quick-xml's default bound, kept for the same reason: memory
/// and the cost of each lookup on hostile input).
pub const MAX_BINDINGS: usize = 128;

/// A resolved namespace: its id in the quick tables (`Some(0)`: no namespace; `None`: a
/// namespace the tables do not know) and its URI.
#[derive(Clone, Copy)]
pub struct Resolved<'s> {
    pub id: Option<u8>,
    pub uri: &'s str,
}

const NO_NAMESPACE: Resolved<'static> = Resolved {
    id: Some(0),
    uri: "",
};

#[derive(Debug, PartialEq, Eq)]
pub enum NsError {
    /// A prefix without a declaration in scope.
    UnknownPrefix(String),
    /// A declaration the Namespaces in XML recommendation forbids.
    BadDeclaration(String),
    /// More than [`MAX_BINDINGS`] declarations in scope.
    TooManyBindings,
}

struct Binding {
    /// The prefix as an integer ([`prefix_key`]): most lookups end on it.
    key: u64,
    /// Prefix (empty for the default namespace) then URI, in [`Scopes::text`].
    start: usize,
    prefix_len: usize,
    uri_len: usize,
    id: Option<u8>,
}

pub struct Scopes {
    bindings: Vec<Binding>,
    text: String,
    /// `bindings.len()` when each open element started.
    marks: Vec<usize>,
}

impl Default for Scopes {
    /// Room for the declarations of a UBL root (a dozen URIs) and for an invoice's depth:
    /// growing from empty reallocated these buffers about eight times per document.
    fn default() -> Self {
        Scopes {
            bindings: Vec::with_capacity(16),
            text: String::with_capacity(1024),
            marks: Vec::with_capacity(32),
        }
    }
}

impl Scopes {
    /// Opens the scope of a start tag: reads its declarations, if any.
    #[inline(always)] // (once per element, and most have no declaration: no call for them)
    pub fn push(&mut self, start: &Tag<'_>) -> Result<(), NsError> {
        self.marks.push(self.bindings.len());
        let raw = start.attributes_raw().as_bytes();
        // Most start tags have no attributes at all, and a string search costs a setup.
        if raw.len() < 5 || find(raw, b"xmlns").is_none() {
            return Ok(());
        }
        self.declare(start)
    }

    /// Reads the declarations of a start tag that has some.
    #[inline(never)]
    fn declare(&mut self, start: &Tag<'_>) -> Result<(), NsError> {
        for attr in start.attributes() {
            // Malformed attributes are reported by the attribute checks that follow.
            let Ok(attr) = attr else { break };
            let Some(declaration) = attr.namespace_binding() else {
                continue;
            };
            let uri: &str = attr.raw;
            let prefix = match declaration {
                None => "",
                Some("xml") if uri == XML_URI => continue,
                Some("xml") => {
                    return Err(NsError::BadDeclaration(format!(
                        "the namespace prefix 'xml' cannot be bound to '{uri}'"
                    )));
                }
                Some("xmlns") => {
                    return Err(NsError::BadDeclaration(format!(
                        "the namespace prefix 'xmlns' cannot be bound to '{uri}'"
                    )));
                }
                Some(prefix) if uri == XML_URI || uri == XMLNS_URI => {
                    return Err(NsError::BadDeclaration(format!(
                        "the namespace prefix '{prefix}' cannot be bound to '{uri}'"
                    )));
                }
                Some(prefix) => prefix,
            };
            if self.bindings.len() >= MAX_BINDINGS {
                return Err(NsError::TooManyBindings);
            }
            let start = self.text.len();
            self.text.push_str(prefix);
            self.text.push_str(uri);
            self.bindings.push(Binding {
                key: prefix_key(prefix, prefix),
                start,
                prefix_len: prefix.len(),
                uri_len: uri.len(),
                id: if uri.is_empty() {
                    Some(0)
                } else {
                    namespace_id(uri)
                },
            });
        }
        Ok(())
    }

    /// Closes the scope of the innermost open element.
    pub fn pop(&mut self) {
        if let Some(mark) = self.marks.pop() {
            if let Some(last) = self.bindings.get(mark) {
                self.text.truncate(last.start);
            }
            self.bindings.truncate(mark);
        }
    }

    /// The namespace of an element name (unprefixed names take the default namespace).
    pub fn element(&self, name: &str) -> Result<Resolved<'_>, NsError> {
        self.element_name(name).map(|(resolved, _)| resolved)
    }

    /// [`Self::element`] and the name's local part, from one look at the name.
    pub fn element_name<'n>(&self, name: &'n str) -> Result<(Resolved<'_>, &'n str), NsError> {
        self.resolve_element(split_name(name), name)
    }

    /// [`Self::element_name`] of a start tag's name, which the tokenizer split already.
    #[inline(always)] // (once per element: in the validator's loop rather than a call away)
    pub fn element_of<'n>(&self, tag: &Tag<'n>) -> Result<(Resolved<'_>, &'n str), NsError> {
        self.resolve_element(tag.split_name(), tag.name())
    }

    /// The namespace of `name`, an element name split into `(prefix, local)`.
    #[inline(always)]
    fn resolve_element<'n>(
        &self,
        (prefix, local): (Option<&str>, &'n str),
        name: &str,
    ) -> Result<(Resolved<'_>, &'n str), NsError> {
        let resolved = match prefix {
            None => match self.find("", "") {
                Some(b) if b.uri_len > 0 => self.resolved(b),
                _ => NO_NAMESPACE,
            },
            Some(prefix) => self.prefixed(prefix, name)?,
        };
        Ok((resolved, local))
    }

    /// The namespace of an attribute name (unprefixed attributes are in no namespace) and the
    /// name's local part, from one look at the name.
    #[inline(always)] // (once per attribute, in the callers' attribute loops)
    pub fn attribute_name<'n>(&self, name: &'n str) -> Result<(Resolved<'_>, &'n str), NsError> {
        let (prefix, local) = split_name(name);
        let resolved = match prefix {
            None => NO_NAMESPACE,
            Some(prefix) => self.prefixed(prefix, name)?,
        };
        Ok((resolved, local))
    }

    /// `name`: the qualified name that starts with `prefix` (see [`prefix_key`]).
    #[inline(always)]
    fn prefixed(&self, prefix: &str, name: &str) -> Result<Resolved<'_>, NsError> {
        match self.find(prefix, name) {
            Some(b) if b.uri_len > 0 => Ok(self.resolved(b)),
            // `xml` and `xmlns` are never bound (see [`Self::push`]): looked at only now, so the
            // common prefixes cost one search.
            _ => match prefix {
                "xml" => Ok(Resolved {
                    id: namespace_id(XML_URI),
                    uri: XML_URI,
                }),
                "xmlns" => Ok(Resolved {
                    id: namespace_id(XMLNS_URI),
                    uri: XMLNS_URI,
                }),
                // Not declared, or undeclared again with `xmlns:p=""`.
                _ => Err(NsError::UnknownPrefix(prefix.to_owned())),
            },
        }
    }

    /// The innermost declaration of `prefix` ("" for the default namespace), the start of
    /// `name`.
    #[inline(always)]
    fn find(&self, prefix: &str, name: &str) -> Option<&Binding> {
        let key = prefix_key(prefix, name);
        self.bindings.iter().rev().find(|b| {
            b.key == key
                && (prefix.len() < 8
                    || same_name(&self.text[b.start..b.start + b.prefix_len], prefix))
        })
    }

    fn resolved(&self, b: &Binding) -> Resolved<'_> {
        let uri_start = b.start + b.prefix_len;
        Resolved {
            id: b.id,
            uri: &self.text[uri_start..uri_start + b.uri_len],
        }
    }
}

/// `(prefix, local name)` of a qualified name. Names are short: a plain loop finds the colon
/// sooner than a string search is set up.
pub fn split_name(name: &str) -> (Option<&str>, &str) {
    match name.bytes().position(|b| b == b':') {
        Some(colon) => (name.get(..colon), name.get(colon + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

/// Up to the first seven bytes of a prefix and its length (255 for longer ones) as one
/// integer: equal keys are equal prefixes when the prefix is shorter than eight bytes.
/// `name` starts with `prefix` (a qualified name, or the prefix itself): when it has eight
/// bytes, most have, one load and a mask read the prefix instead of a loop over its bytes.
#[inline(always)] // (once per element: a handful of instructions)
fn prefix_key(prefix: &str, name: &str) -> u64 {
    debug_assert!(
        name.starts_with(prefix),
        "{name} does not start with {prefix}"
    );
    let len = u64::try_from(prefix.len()).map_or(255, |len| len.min(255));
    let n = prefix.len().min(7);
    let head = match name.as_bytes().first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word) & ((1u64 << (8 * n)) - 1),
        None => small_word(prefix.as_bytes().get(..n).unwrap_or_default()),
    };
    len << 56 | head
}

impl std::fmt::Display for NsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NsError::UnknownPrefix(prefix) => write!(f, "undeclared namespace prefix '{prefix}'"),
            NsError::BadDeclaration(what) => f.write_str(what),
            NsError::TooManyBindings => write!(
                f,
                "more than {MAX_BINDINGS} namespace declarations are in scope"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(tag: &str) -> Tag<'_> {
        Tag::from_content(tag).unwrap()
    }

    #[test]
    fn resolves_like_the_namespaces_recommendation() {
        let mut scopes = Scopes::default();
        let root = "r xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" a=\"1\"";
        scopes.push(&start(root)).unwrap();
        let r = scopes.element("Invoice").unwrap();
        assert_eq!(r.id, namespace_id(super::super::schema::namespace_uri(4)));
        assert!(r.uri.ends_with("Invoice-2"));
        let (cbc, local) = scopes.element_name("cbc:ID").unwrap();
        assert_eq!(local, "ID");
        assert!(cbc.uri.ends_with("CommonBasicComponents-2") && cbc.id.is_some());
        assert_eq!(scopes.attribute_name("a").unwrap().0.uri, "");
        assert_eq!(scopes.attribute_name("cbc:a").unwrap().0.uri, cbc.uri);
        assert_eq!(
            scopes.element("q:x").err(),
            Some(NsError::UnknownPrefix("q".into()))
        );
        // An inner scope redeclares, then goes away.
        scopes
            .push(&start("x xmlns=\"\" xmlns:q=\"urn:q\""))
            .unwrap();
        assert_eq!(scopes.element("x").unwrap().id, Some(0));
        let q = scopes.element("q:x").unwrap();
        assert_eq!((q.id, q.uri), (None, "urn:q"));
        scopes.push(&start("y xmlns:q=\"\"")).unwrap();
        assert!(scopes.element("q:y").is_err());
        scopes.pop();
        scopes.pop();
        assert!(scopes.element("q:x").is_err());
        assert!(scopes.element("Invoice").unwrap().id.is_some());
        assert_eq!(scopes.element("xml:x").unwrap().uri, XML_URI);
    }

    #[test]
    fn splits_names_at_the_first_colon() {
        assert_eq!(split_name("cbc:ID"), (Some("cbc"), "ID"));
        assert_eq!(split_name("ID"), (None, "ID"));
        assert_eq!(split_name("a:b:c"), (Some("a"), "b:c"));
        assert_eq!(split_name(":x"), (Some(""), "x"));
        // Prefixes longer than the eight bytes of the key still compare whole.
        let mut scopes = Scopes::default();
        scopes
            .push(&start(
                "r xmlns:abcdefghij=\"urn:1\" xmlns:abcdefghik=\"urn:2\"",
            ))
            .unwrap();
        assert_eq!(scopes.element("abcdefghij:x").unwrap().uri, "urn:1");
        assert_eq!(scopes.element("abcdefghik:x").unwrap().uri, "urn:2");
        assert!(scopes.element("abcdefghiz:x").is_err());
    }

    #[test]
    fn refuses_what_nsreader_refuses() {
        for bad in [
            "x xmlns:xml=\"urn:other\"",
            "x xmlns:xmlns=\"urn:other\"",
            "x xmlns:p=\"http://www.w3.org/XML/1998/namespace\"",
            "x xmlns:p=\"http://www.w3.org/2000/xmlns/\"",
        ] {
            let mut scopes = Scopes::default();
            assert!(
                matches!(scopes.push(&start(bad)), Err(NsError::BadDeclaration(_))),
                "{bad}"
            );
        }
        let mut scopes = Scopes::default();
        assert!(
            scopes
                .push(&start(
                    "x xmlns:xml=\"http://www.w3.org/XML/1998/namespace\""
                ))
                .is_ok()
        );
        let many: String = (0..=MAX_BINDINGS)
            .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
            .collect();
        let tag = format!("x{many}");
        assert_eq!(
            Scopes::default().push(&start(&tag)),
            Err(NsError::TooManyBindings)
        );
    }
}
