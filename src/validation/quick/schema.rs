//! Shapes of the generated UBL 2.1 schema tables (`ubl_tables.rs`) and lookups over them.
//!
//! The tables are produced by `tools/gen_ubl_tables.py` from the OASIS XSDs; this file only
//! defines what a row looks like, so the generated file stays plain data.

use super::ubl_tables::{ELEMENTS, GLOBAL_ELEMENTS, NAMESPACES, NS_CREDIT_NOTE, NS_INVOICE};
use crate::validation::full::name::same_name;

/// `maxOccurs="unbounded"`.
pub const U: u32 = u32::MAX;

/// The XSD builtin a simple type is derived from; it decides the lexical check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // complete on purpose: the generated tables use whatever the XSDs need
pub enum Builtin {
    String,
    NormalizedString,
    Token,
    Language,
    AnyUri,
    Decimal,
    Integer,
    Boolean,
    Date,
    Time,
    DateTime,
    Base64Binary,
    Id,
}

#[derive(Debug)]
pub struct SimpleType {
    pub builtin: Builtin,
    /// Allowed values (`xsd:enumeration`); empty means any value of the builtin.
    pub enumeration: &'static [&'static str],
}

pub const fn st(builtin: Builtin, enumeration: &'static [&'static str]) -> SimpleType {
    SimpleType {
        builtin,
        enumeration,
    }
}

#[derive(Debug)]
pub struct AttributeUse {
    /// Namespace id (index into `NAMESPACES`); 0 = no namespace (all UBL attributes).
    pub ns: u8,
    pub name: &'static str,
    pub simple: u16,
    pub required: bool,
}

pub const fn at(ns: u8, name: &'static str, simple: u16, required: bool) -> AttributeUse {
    AttributeUse {
        ns,
        name,
        simple,
        required,
    }
}

/// Which namespaces a wildcard (`xsd:any`, `xsd:anyAttribute`) admits.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // complete on purpose: the generated tables use whatever the XSDs need
pub enum NsConstraint {
    Any,
    /// `##other`: any namespace except this one and except "no namespace".
    Other(u8),
    List(&'static [u8]),
}

/// `processContents` of a wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // complete on purpose: the generated tables use whatever the XSDs need
pub enum Process {
    Strict,
    Lax,
    Skip,
}

#[derive(Debug, Clone, Copy)]
pub struct Wildcard {
    pub namespaces: NsConstraint,
    pub process: Process,
}

impl Wildcard {
    /// Does the wildcard admit an item in namespace `ns`? `None` is a namespace the tables do
    /// not know (never "no namespace", which is `Some(0)`).
    pub fn admits(&self, ns: Option<u8>) -> bool {
        match self.namespaces {
            NsConstraint::Any => true,
            NsConstraint::Other(target) => ns != Some(target) && ns != Some(0),
            NsConstraint::List(list) => ns.is_some_and(|n| list.contains(&n)),
        }
    }
}

/// One element particle of a plain sequence.
#[derive(Debug)]
pub struct SeqItem {
    pub element: u16,
    pub min: u32,
    pub max: u32,
    /// The element's [`ElementDecl::key`], here so matching a child reads no other table.
    pub key: u64,
}

pub const fn s(element: u16, min: u32, max: u32) -> SeqItem {
    SeqItem {
        element,
        min,
        max,
        key: ELEMENTS[element as usize].key,
    }
}

/// Optional element (`minOccurs="0"`).
pub const fn o(element: u16) -> SeqItem {
    s(element, 0, 1)
}

/// Required element.
pub const fn r(element: u16) -> SeqItem {
    s(element, 1, 1)
}

/// Zero or more.
pub const fn m(element: u16) -> SeqItem {
    s(element, 0, U)
}

/// One or more.
pub const fn p(element: u16) -> SeqItem {
    s(element, 1, U)
}

#[derive(Debug)]
pub enum Symbol {
    Element(u16),
    Wildcard(Wildcard),
}

/// A position of a Glushkov automaton: the particle it stands for, whether the content may end
/// after it, and which positions may follow it.
#[derive(Debug)]
pub struct Position {
    pub symbol: Symbol,
    pub last: bool,
    pub follow: &'static [u16],
}

#[derive(Debug)]
pub struct Automaton {
    pub nullable: bool,
    pub first: &'static [u16],
    pub positions: &'static [Position],
}

#[derive(Debug)]
pub enum Model {
    /// A plain `xsd:sequence` of element particles: every UBL aggregate type.
    /// `required_end`: one past the last required item (0 when none is), so the end of the
    /// content is checked without a walk over the optional items after the last child.
    Sequence {
        items: &'static [SeqItem],
        required_end: usize,
    },
    /// Anything with choices, nested groups or wildcards (XML-DSig, XAdES, extensions).
    Automaton(&'static Automaton),
}

#[derive(Debug)]
pub enum Content {
    Empty,
    Simple(u16),
    Elements { model: Model, mixed: bool },
}

#[derive(Debug)]
pub struct TypeDef {
    pub attributes: &'static [AttributeUse],
    /// Bit `i` set when `attributes[i]` is required: most types require none, and their
    /// elements need no look for missing ones.
    pub required: u64,
    pub any_attribute: Option<Wildcard>,
    pub content: Content,
}

pub const EMPTY: Content = Content::Empty;

pub const fn simple(simple_type: u16) -> Content {
    Content::Simple(simple_type)
}

pub const fn elements(model: Model) -> Content {
    Content::Elements {
        model,
        mixed: false,
    }
}

pub const fn mixed(model: Model) -> Content {
    Content::Elements { model, mixed: true }
}

pub const fn seq(items: &'static [SeqItem]) -> Model {
    let mut required_end = items.len();
    while required_end > 0 && items[required_end - 1].min == 0 {
        required_end -= 1;
    }
    Model::Sequence {
        items,
        required_end,
    }
}

pub const fn auto(automaton: &'static Automaton) -> Model {
    Model::Automaton(automaton)
}

pub const fn t(
    attributes: &'static [AttributeUse],
    any_attribute: Option<Wildcard>,
    content: Content,
) -> TypeDef {
    let mut required = 0;
    let mut i = 0;
    while i < attributes.len() {
        if attributes[i].required {
            required |= 1 << (i % 64);
        }
        i += 1;
    }
    TypeDef {
        attributes,
        required,
        any_attribute,
        content,
    }
}

#[derive(Debug)]
pub struct ElementDecl {
    pub ns: u8,
    pub name: &'static str,
    pub ty: u16,
    /// [`name_key`] of `{ns}name`.
    pub key: u64,
}

pub const fn e(ns: u8, name: &'static str, ty: u16) -> ElementDecl {
    ElementDecl {
        ns,
        name,
        ty,
        key: name_key(Some(ns), name),
    }
}

/// Namespace byte of [`name_key`] for a namespace the tables do not know: no declaration has it.
const UNKNOWN_NS: u8 = u8::MAX;

/// `{ns}name` as one integer: the first six bytes of the name, its length (255 for longer
/// names) and the namespace. Equal keys mean equal names when the name has at most six bytes;
/// different keys always mean different names, so most comparisons of a child with the
/// particles of a content model are one integer compare.
pub const fn name_key(ns: Option<u8>, name: &str) -> u64 {
    let bytes = name.as_bytes();
    let head = match bytes.first_chunk::<8>() {
        // (Most names are longer than eight bytes: one load instead of a loop.)
        Some(chunk) => u64::from_le_bytes(*chunk) & 0xFFFF_FFFF_FFFF,
        None => {
            let mut head = 0;
            let mut i = 0;
            while i < bytes.len() && i < 6 {
                head |= (bytes[i] as u64) << (8 * i);
                i += 1;
            }
            head
        }
    };
    let len = if bytes.len() > 255 {
        255
    } else {
        bytes.len() as u64
    };
    let ns = match ns {
        Some(ns) => ns,
        None => UNKNOWN_NS,
    };
    head | len << 48 | (ns as u64) << 56
}

/// Is `{ns}name`, whose [`name_key`] is `key`, the declared name with key `decl_key`? The
/// declared name is read only when the keys cannot tell.
#[inline(always)] // (in the matcher's loop over particles, where a call costs more than the test)
pub fn key_matches(
    decl_key: u64,
    key: u64,
    name: &str,
    decl_name: impl FnOnce() -> &'static str,
) -> bool {
    decl_key == key && (name.len() <= 6 || same_name(decl_name(), name))
}

/// Namespace id of a namespace URI, `None` when the tables do not know it.
pub fn namespace_id(uri: &str) -> Option<u8> {
    NAMESPACES
        .iter()
        .skip(1)
        .position(|(_, known)| *known == uri)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Conventional prefix of a known namespace ("" for the document namespaces).
pub fn conventional_prefix(ns: u8) -> &'static str {
    NAMESPACES.get(usize::from(ns)).map_or("", |(p, _)| *p)
}

pub fn namespace_uri(ns: u8) -> &'static str {
    NAMESPACES.get(usize::from(ns)).map_or("", |(_, u)| *u)
}

/// The global element declaration `{ns}name` as seen from a document whose root namespace is
/// `doc_ns`: the Invoice schema set does not contain the CreditNote root and vice versa.
pub fn global_element(ns: u8, name: &str, doc_ns: u8) -> Option<u16> {
    let is_doc_ns = ns == NS_INVOICE || ns == NS_CREDIT_NOTE;
    if is_doc_ns && ns != doc_ns {
        return None;
    }
    let found = GLOBAL_ELEMENTS.binary_search_by(|&id| {
        let decl = &ELEMENTS[usize::from(id)];
        (decl.ns, decl.name).cmp(&(ns, name))
    });
    found.ok().map(|i| GLOBAL_ELEMENTS[i])
}

#[cfg(test)]
mod tests {
    use super::super::ubl_tables::{SIMPLE_TYPES, TYPES};
    use super::*;

    #[test]
    fn table_indices_are_in_range() {
        for decl in ELEMENTS {
            assert!(usize::from(decl.ty) < TYPES.len());
        }
        for ty in TYPES {
            // The validator tracks present attributes in a u64 bit set.
            assert!(ty.attributes.len() <= 64);
            for a in ty.attributes {
                assert!(usize::from(a.simple) < SIMPLE_TYPES.len());
            }
            if let Content::Simple(s) = ty.content {
                assert!(usize::from(s) < SIMPLE_TYPES.len());
            }
            if let Content::Elements { model, .. } = &ty.content {
                match model {
                    Model::Sequence { items, .. } => {
                        for i in *items {
                            assert!(usize::from(i.element) < ELEMENTS.len());
                        }
                    }
                    Model::Automaton(a) => {
                        for p in a.positions {
                            for f in p.follow {
                                assert!(usize::from(*f) < a.positions.len());
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn globals_are_sorted_and_found() {
        let cbc =
            namespace_id("urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
        let cbc = cbc.expect("cbc namespace");
        let id = global_element(cbc, "IssueDate", NS_INVOICE).expect("cbc:IssueDate");
        assert_eq!(ELEMENTS[usize::from(id)].name, "IssueDate");
        assert!(global_element(NS_CREDIT_NOTE, "CreditNote", NS_INVOICE).is_none());
        assert!(global_element(NS_INVOICE, "Invoice", NS_INVOICE).is_some());
        for w in GLOBAL_ELEMENTS.windows(2) {
            let a = &ELEMENTS[usize::from(w[0])];
            let b = &ELEMENTS[usize::from(w[1])];
            assert!((a.ns, a.name) < (b.ns, b.name));
        }
    }
}
