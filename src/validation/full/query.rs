//! Query helpers the rules share, on top of [`Doc`]'s public accessors (kept apart from `doc.rs`
//! so the tree's storage can change without touching them).
//!
//! Why they exist: the rules name namespaces by the `NS_*` constants, and most of their paths
//! start at the document root, whose children can number in the thousands (one per invoice
//! line). Comparing namespaces as interned integers and grouping the root's children by name
//! once per document spares the rules a URI comparison per node and a rescan of the root per
//! path. Every helper selects exactly the nodes, in exactly the order, of the `Doc::select*`
//! equivalent it replaces.

use super::doc::{
    Doc, NS_CAC, NS_CBC, NS_CREDIT_NOTE, NS_EXT, NS_INVOICE, NSID_CAC, NSID_CBC, NSID_CREDIT_NOTE,
    NSID_EXT, NSID_INVOICE, NSID_NONE, NodeId, NsId,
};

/// A relative path of (namespace URI, local name) steps, as the rules write them.
pub type Path<'a> = &'a [(&'a str, &'a str)];

/// The [`NsId`] of a well-known namespace URI (the same in every document), `None` for any other
/// URI. The rules pass the `NS_*` constants, so the pointer comparison nearly always decides.
#[inline]
pub fn well_known_ns(ns: &str) -> Option<NsId> {
    const KNOWN: [(&str, NsId); 6] = [
        (NS_CBC, NSID_CBC),
        (NS_CAC, NSID_CAC),
        ("", NSID_NONE),
        (NS_EXT, NSID_EXT),
        (NS_INVOICE, NSID_INVOICE),
        (NS_CREDIT_NOTE, NSID_CREDIT_NOTE),
    ];
    KNOWN
        .iter()
        .find(|(uri, _)| uri.as_ptr() == ns.as_ptr() && uri.len() == ns.len())
        .or_else(|| KNOWN.iter().find(|(uri, _)| *uri == ns))
        .map(|&(_, id)| id)
}

/// Two local names are equal. The length and the last byte usually differ already, which spares
/// the call to `memcmp` for the common mismatch.
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.last() == b.last() && a == b
}

impl Doc {
    /// The local name of element `id`.
    #[inline]
    pub fn local(&self, id: NodeId) -> &str {
        self.node(id).local.as_str()
    }

    /// [`Doc::is`] with the namespace already interned: an integer comparison first.
    #[inline]
    pub fn is_in(&self, id: NodeId, ns: NsId, local: &str) -> bool {
        self.ns_id(id) == ns && same_name(self.local(id), local)
    }

    /// Whether `id` is (`ns`, `local`), `ns` given as a URI ([`Doc::is`] by interned id for the
    /// well-known namespaces).
    #[inline]
    fn is_step(&self, id: NodeId, ns: Option<NsId>, uri: &str, local: &str) -> bool {
        match ns {
            Some(ns) => self.is_in(id, ns, local),
            None => self.is(id, uri, local),
        }
    }

    /// [`Doc::select_find`] comparing namespaces by interned id: the first node (document order)
    /// the relative path `steps` selects from `id` for which `pred` holds.
    pub fn find_path(
        &self,
        id: NodeId,
        steps: Path<'_>,
        pred: &mut dyn FnMut(NodeId) -> bool,
    ) -> Option<NodeId> {
        let Some((&(uri, local), rest)) = steps.split_first() else {
            return pred(id).then_some(id);
        };
        let ns = well_known_ns(uri);
        self.child_ids(id)
            .iter()
            .copied()
            .filter(|&c| self.is_step(c, ns, uri, local))
            .find_map(|c| self.find_path(c, rest, pred))
    }

    /// [`Doc::select_first`] comparing namespaces by interned id.
    pub fn first_on_path(&self, id: NodeId, steps: Path<'_>) -> Option<NodeId> {
        self.find_path(id, steps, &mut |_| true)
    }
}

/// The children of one element grouped by name, built in one pass: a path from that element
/// looks its first step up among a few dozen distinct names instead of testing every child (the
/// root of an invoice has one child per line). Within a group the children stay in document
/// order, so every query answers exactly as the same query on the [`Doc`].
pub struct ChildIndex<'d> {
    doc: &'d Doc,
    groups: Vec<Group<'d>>,
}

struct Group<'d> {
    ns: NsId,
    local: &'d str,
    nodes: Vec<NodeId>,
}

impl<'d> ChildIndex<'d> {
    pub fn new(doc: &'d Doc, parent: NodeId) -> Self {
        let mut groups: Vec<Group<'d>> = Vec::new();
        let mut last = usize::MAX;
        for &c in doc.child_ids(parent) {
            let (ns, local) = (doc.ns_id(c), doc.local(c));
            // Siblings of one name usually come together (the lines): try the last group first.
            let same = |g: &Group<'_>| g.ns == ns && same_name(g.local, local);
            let at = match groups.get(last) {
                Some(g) if same(g) => last,
                _ => match groups.iter().position(same) {
                    Some(i) => i,
                    None => {
                        groups.push(Group {
                            ns,
                            local,
                            nodes: Vec::new(),
                        });
                        groups.len() - 1
                    }
                },
            };
            if let Some(g) = groups.get_mut(at) {
                g.nodes.push(c);
            }
            last = at;
        }
        ChildIndex { doc, groups }
    }

    /// The children named (`ns`, `local`), in document order.
    pub fn children(&self, ns: &str, local: &str) -> &[NodeId] {
        let id = well_known_ns(ns);
        self.groups
            .iter()
            .find(|g| {
                same_name(g.local, local)
                    && match id {
                        Some(id) => g.ns == id,
                        // Another namespace: compare the URI of one member.
                        None => g.nodes.first().is_some_and(|&n| self.doc.ns_uri(n) == ns),
                    }
            })
            .map_or(&[], |g| g.nodes.as_slice())
    }

    /// The first child named (`ns`, `local`).
    pub fn first_child(&self, ns: &str, local: &str) -> Option<NodeId> {
        self.children(ns, local).first().copied()
    }

    /// [`Doc::select_find`] from the indexed element.
    pub fn select_find(
        &self,
        steps: Path<'_>,
        mut pred: impl FnMut(NodeId) -> bool,
    ) -> Option<NodeId> {
        let Some((&(ns, local), rest)) = steps.split_first() else {
            // The empty path selects nothing below: not used by the rules, answered for
            // completeness without knowing the parent.
            return None;
        };
        self.children(ns, local)
            .iter()
            .find_map(|&c| self.doc.find_path(c, rest, &mut pred))
    }

    /// [`Doc::select_first`] from the indexed element.
    pub fn select_first(&self, steps: Path<'_>) -> Option<NodeId> {
        self.select_find(steps, |_| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Limits;

    const XML: &str = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" xmlns:x=\"urn:x\">\
        <cbc:ID>1</cbc:ID><cac:L><cbc:ID>a</cbc:ID></cac:L><x:ID>x</x:ID><cac:L><cbc:ID>b</cbc:ID><cbc:ID>c</cbc:ID></cac:L><cbc:ID>2</cbc:ID></Invoice>";

    #[test]
    fn index_and_paths_select_like_the_doc() {
        let doc = Doc::parse(XML.as_bytes(), &Limits::default()).unwrap();
        let root = doc.root();
        let index = ChildIndex::new(&doc, root);
        let paths: [Path<'_>; 5] = [
            &[(NS_CBC, "ID")],
            &[(NS_CAC, "L"), (NS_CBC, "ID")],
            &[("urn:x", "ID")],
            &[(NS_CAC, "ID")],
            &[(NS_CAC, "L"), (NS_CAC, "ID")],
        ];
        for path in paths {
            let all = doc.select(root, path);
            let mut seen = Vec::new();
            assert_eq!(
                index.select_find(path, |n| {
                    seen.push(n);
                    false
                }),
                None
            );
            assert_eq!(seen, all);
            let mut seen = Vec::new();
            doc.find_path(root, path, &mut |n| {
                seen.push(n);
                false
            });
            assert_eq!(seen, all);
            assert_eq!(index.select_first(path), doc.select_first(root, path));
            assert_eq!(doc.first_on_path(root, path), doc.select_first(root, path));
        }
        assert_eq!(
            index.children(NS_CBC, "ID"),
            doc.children(root, NS_CBC, "ID").collect::<Vec<_>>()
        );
        // Another copy of a well-known URI is the same namespace.
        let copy = String::from(NS_CBC);
        assert_eq!(well_known_ns(&copy), Some(NSID_CBC));
        assert_eq!(well_known_ns("urn:x"), None);
        assert_eq!(index.first_child(&copy, "ID"), Some(1));
    }
}
