//! Query helpers the rules share, on top of [`Doc`]'s public accessors (kept apart from `doc.rs`
//! so the tree's storage can change without touching them).
//!
//! Why they exist: the rules name namespaces by the `NS_*` constants, and most of their paths
//! start at the document root, whose children can number in the thousands (one per invoice
//! line). Comparing namespaces as interned integers and grouping the root's children by name
//! once per document spares the rules a URI comparison per node and a rescan of the root per
//! path. Every helper selects exactly the nodes, in exactly the order, of the `Doc::select*` /
//! `Doc::children` equivalent it replaces.

use super::doc::{Doc, NodeId, NsId};
use super::name::same_name;
use std::collections::HashMap;

/// One step of a relative path: a well-known namespace by its interned id (`NSID_CBC`, ...)
/// and a local name. Ids, not URIs: a `const` URI is copied wherever it is used, so comparing
/// URI pointers is not reliable and comparing their 70 bytes per node is what this avoids.
pub type Step<'a> = (NsId, &'a str);

/// A relative path of [`Step`]s.
pub type Path<'a> = &'a [Step<'a>];

impl Doc {
    /// The local name of element `id`.
    #[inline]
    pub fn local(&self, id: NodeId) -> &str {
        self.node(id).local.as_str()
    }

    /// [`Doc::is`] with the namespace already interned. The name's length is compared first:
    /// siblings mostly differ in it, so that test nearly always says no and predicts well,
    /// where the namespace (cbc and cac siblings interleave) would mispredict.
    #[inline]
    pub fn is_in(&self, id: NodeId, ns: NsId, local: &str) -> bool {
        let name = self.local(id);
        name.len() == local.len() && self.ns_id(id) == ns && same_name(name, local)
    }

    /// The element children of `id` named (`ns`, `local`), in document order.
    pub fn children_in<'a>(
        &'a self,
        id: NodeId,
        ns: NsId,
        local: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.child_ids(id)
            .iter()
            .copied()
            .filter(move |&c| self.is_in(c, ns, local))
    }

    /// The first element child of `id` named (`ns`, `local`).
    pub fn first_child_in(&self, id: NodeId, ns: NsId, local: &str) -> Option<NodeId> {
        self.children_in(id, ns, local).next()
    }

    /// Whether `id` has an element child named (`ns`, `local`).
    pub fn exists_in(&self, id: NodeId, ns: NsId, local: &str) -> bool {
        self.first_child_in(id, ns, local).is_some()
    }

    /// How many element children of `id` are named (`ns`, `local`).
    pub fn count_in(&self, id: NodeId, ns: NsId, local: &str) -> usize {
        self.children_in(id, ns, local).count()
    }

    /// [`Doc::select_find`] comparing namespaces by interned id: the first node (document order)
    /// the relative path `steps` selects from `id` for which `pred` holds.
    pub fn find_path(
        &self,
        id: NodeId,
        steps: Path<'_>,
        pred: &mut dyn FnMut(NodeId) -> bool,
    ) -> Option<NodeId> {
        match *steps {
            [] => pred(id).then_some(id),
            // One or two steps (nearly every rule's path): plain child searches, in the same
            // order as the general walk, without its recursion.
            [(ns, local)] => self.children_in(id, ns, local).find(|&c| pred(c)),
            [(ns, local), (ns2, local2)] => self
                .children_in(id, ns, local)
                .find_map(|c| self.children_in(c, ns2, local2).find(|&g| pred(g))),
            [(ns, local), ref rest @ ..] => self
                .children_in(id, ns, local)
                .find_map(|c| self.find_path(c, rest, pred)),
        }
    }

    /// [`Doc::select_first`] comparing namespaces by interned id.
    pub fn first_on_path(&self, id: NodeId, steps: Path<'_>) -> Option<NodeId> {
        self.find_path(id, steps, &mut |_| true)
    }
}

/// The children of one element grouped by name, built in two passes: a path from that element
/// looks its first step up among its distinct names (found through a small hash table) instead
/// of testing every child (the root of an invoice has one child per line). Within a group the
/// children stay in document order, so every query answers exactly as the same query on the
/// [`Doc`].
pub struct ChildIndex<'d> {
    doc: &'d Doc,
    groups: Vec<Group<'d>>,
    /// The children, group after group (a counting sort of the child list: three allocations
    /// per index, whatever the number of names).
    nodes: Vec<NodeId>,
    /// Hash table over the groups: `BUCKETS` chains, each the index + 1 of its first group (0:
    /// empty), continued through [`Group::next`].
    buckets: [u32; BUCKETS],
    /// Every group by name, once there are more than [`MAX_CHAINED`] of them.
    many: Option<HashMap<(NsId, &'d str), usize>>,
}

const BUCKETS: usize = 64;

/// Distinct names found through the bucket chains alone. Only a hostile document has more
/// under one parent; past this, chains would grow long and building the index quadratic
/// (thousands of distinct names at the root), so a `HashMap` takes over.
const MAX_CHAINED: usize = 256;

struct Group<'d> {
    ns: NsId,
    local: &'d str,
    start: usize,
    len: usize,
    /// The next group of the same bucket, index + 1 (0: none).
    next: u32,
}

/// The bucket of a name: its length, first and last byte and namespace, which already tell the
/// UBL names of one parent apart nearly always.
fn bucket(ns: NsId, local: &str) -> usize {
    let b = local.as_bytes();
    let first = usize::from(b.first().copied().unwrap_or(0));
    let last = usize::from(b.last().copied().unwrap_or(0));
    (b.len().wrapping_mul(7) ^ first.wrapping_mul(13) ^ last.wrapping_mul(31) ^ ns as usize)
        % BUCKETS
}

/// The group named (`ns`, `local`): through the map when there is one, else the bucket's chain.
fn lookup(
    groups: &[Group<'_>],
    buckets: &[u32; BUCKETS],
    many: Option<&HashMap<(NsId, &str), usize>>,
    ns: NsId,
    local: &str,
) -> Option<usize> {
    match many {
        Some(map) => map.get(&(ns, local)).copied(),
        None => find_group(groups, buckets, ns, local),
    }
}

/// The group named (`ns`, `local`), following the bucket's chain.
fn find_group(
    groups: &[Group<'_>],
    buckets: &[u32; BUCKETS],
    ns: NsId,
    local: &str,
) -> Option<usize> {
    let mut link = buckets.get(bucket(ns, local)).copied().unwrap_or(0);
    while let Some(i) = (link as usize).checked_sub(1) {
        let g = groups.get(i)?;
        if g.ns == ns && same_name(g.local, local) {
            return Some(i);
        }
        link = g.next;
    }
    None
}

impl<'d> ChildIndex<'d> {
    pub fn new(doc: &'d Doc, parent: NodeId) -> Self {
        let kids = doc.child_ids(parent);
        let mut groups: Vec<Group<'d>> = Vec::with_capacity(32);
        let mut buckets = [0u32; BUCKETS];
        let mut many: Option<HashMap<(NsId, &'d str), usize>> = None;
        let mut group_of: Vec<usize> = Vec::with_capacity(kids.len());
        let mut last = usize::MAX;
        for &c in kids {
            let (ns, local) = (doc.ns_id(c), doc.local(c));
            // Siblings of one name usually come together (the lines): try the last group first.
            let at = match groups.get(last) {
                Some(g) if g.ns == ns && same_name(g.local, local) => last,
                _ => match lookup(&groups, &buckets, many.as_ref(), ns, local) {
                    Some(i) => i,
                    None => {
                        let b = bucket(ns, local);
                        let head = buckets.get(b).copied().unwrap_or(0);
                        groups.push(Group {
                            ns,
                            local,
                            start: 0,
                            len: 0,
                            next: head,
                        });
                        // More groups than a u32 counts cannot exist (each has a child).
                        if let (Some(slot), Ok(link)) =
                            (buckets.get_mut(b), u32::try_from(groups.len()))
                        {
                            *slot = link;
                        }
                        let at = groups.len() - 1;
                        if let Some(map) = &mut many {
                            map.insert((ns, local), at);
                        } else if groups.len() > MAX_CHAINED {
                            let all = groups.iter().enumerate().map(|(i, g)| ((g.ns, g.local), i));
                            many = Some(all.collect());
                        }
                        at
                    }
                },
            };
            if let Some(g) = groups.get_mut(at) {
                g.len += 1;
            }
            group_of.push(at);
            last = at;
        }
        let mut start = 0;
        for g in &mut groups {
            g.start = start;
            start += g.len;
            // Counts again while the children are placed below.
            g.len = 0;
        }
        let mut nodes = vec![0; kids.len()];
        for (&c, &at) in kids.iter().zip(&group_of) {
            if let Some(g) = groups.get_mut(at) {
                if let Some(slot) = nodes.get_mut(g.start + g.len) {
                    *slot = c;
                }
                g.len += 1;
            }
        }
        ChildIndex {
            doc,
            groups,
            nodes,
            buckets,
            many,
        }
    }

    /// The children named (`ns`, `local`), in document order.
    pub fn children(&self, ns: NsId, local: &str) -> &[NodeId] {
        lookup(&self.groups, &self.buckets, self.many.as_ref(), ns, local)
            .and_then(|i| self.groups.get(i))
            .and_then(|g| self.nodes.get(g.start..g.start + g.len))
            .unwrap_or(&[])
    }

    /// The first child named (`ns`, `local`).
    pub fn first_child(&self, ns: NsId, local: &str) -> Option<NodeId> {
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
    use crate::validation::full::doc::{NS_CAC, NS_CBC, NSID_CAC, NSID_CBC};

    const XML: &str = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" xmlns:x=\"urn:x\">\
        <cbc:ID>1</cbc:ID><cac:L><cbc:ID>a</cbc:ID></cac:L><x:ID>x</x:ID><cac:L><cbc:ID>b</cbc:ID><cbc:ID>c</cbc:ID></cac:L><cbc:ID>2</cbc:ID></Invoice>";

    #[test]
    fn index_and_paths_select_like_the_doc() {
        let doc = Doc::parse(XML.as_bytes(), &Limits::default()).unwrap();
        let root = doc.root();
        let index = ChildIndex::new(&doc, root);
        let paths: [(Path<'_>, &[(&str, &str)]); 4] = [
            (&[(NSID_CBC, "ID")], &[(NS_CBC, "ID")]),
            (
                &[(NSID_CAC, "L"), (NSID_CBC, "ID")],
                &[(NS_CAC, "L"), (NS_CBC, "ID")],
            ),
            (&[(NSID_CAC, "ID")], &[(NS_CAC, "ID")]),
            (
                &[(NSID_CAC, "L"), (NSID_CAC, "ID")],
                &[(NS_CAC, "L"), (NS_CAC, "ID")],
            ),
        ];
        for (path, uris) in paths {
            let all = doc.select(root, uris);
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
            assert_eq!(index.select_first(path), doc.select_first(root, uris));
            assert_eq!(doc.first_on_path(root, path), doc.select_first(root, uris));
        }
        assert_eq!(
            index.children(NSID_CBC, "ID"),
            doc.children(root, NS_CBC, "ID").collect::<Vec<_>>()
        );
        assert_eq!(
            doc.children_in(root, NSID_CBC, "ID").collect::<Vec<_>>(),
            doc.children(root, NS_CBC, "ID").collect::<Vec<_>>()
        );
        assert_eq!(index.first_child(NSID_CBC, "ID"), Some(1));
        assert_eq!(doc.count_in(root, NSID_CBC, "ID"), 2);
        assert!(doc.exists_in(root, NSID_CAC, "L") && !doc.exists_in(root, NSID_CAC, "ID"));
    }

    #[test]
    fn many_names_share_buckets_without_mixing_up() {
        // 157 distinct names (bucket chains only), then 1 507 (past MAX_CHAINED: the map).
        for distinct in [150, 1500] {
            names_select_like_the_doc(distinct);
        }
    }

    fn names_select_like_the_doc(distinct: usize) {
        let mut xml = String::from("<r xmlns:a=\"urn:a\">");
        for i in 0..2 * distinct {
            xml.push_str(&format!("<n{}/><a:n{}/>", i % distinct, i % 7));
        }
        xml.push_str("</r>");
        let doc = Doc::parse(xml.as_bytes(), &Limits::default()).unwrap();
        let index = ChildIndex::new(&doc, doc.root());
        let mut names: Vec<(NsId, String)> = doc
            .child_ids(doc.root())
            .iter()
            .map(|&c| (doc.ns_id(c), doc.local(c).to_owned()))
            .collect();
        names.push((0, "absent".to_owned()));
        for (ns, local) in &names {
            let expected: Vec<NodeId> = doc.children_in(doc.root(), *ns, local).collect();
            assert_eq!(index.children(*ns, local), expected.as_slice(), "{local}");
        }
    }
}
