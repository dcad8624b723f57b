//! The tree quick validation builds during its own pass (used by full validation) must be
//! exactly the tree `Doc::parse` builds, on every document where the pass completes; elsewhere
//! full validation falls back to `Doc::parse`, so the rules always see the same tree.

use spvdesk::validation::full::doc::Doc;
use spvdesk::validation::quick::validate_quick_with_tree;

use crate::bundle_common::{conformance_dir, limits, xml_files};

/// Everything a rule can see of a tree, namespaces as URIs.
fn dump(doc: &Doc) -> Vec<String> {
    (0..doc.node_count())
        .map(|id| {
            let n = doc.node(id);
            format!(
                "{:?} {:?} {{{}}}{} {:?} {:?} {} @{}",
                n.parent,
                doc.child_ids(id),
                doc.ns_uri(id),
                n.local,
                doc.attributes(id)
                    .map(|a| format!("{{{}}}{}={}", a.ns, a.local, a.value))
                    .collect::<Vec<_>>(),
                doc.own_text(id),
                doc.text_runs(id),
                n.offset
            )
        })
        .collect()
}

/// Edge cases of text and names, besides the corpus.
const SMALL: &[&str] = &[
    "<a>1.0\r\n&#13;<b/>x<!--c-->y<?p?>z<![CDATA[<w>\r]]></a>",
    "<p:a xmlns:p=\"urn:x\" xmlns:q=\"urn:y\" q:at=\"1 &amp; 2\" at=\"\t3\"><q:b/><p:b xmlns:p=\"urn:z\"/><c/></p:a>",
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><x xmlns=\"\"/></Invoice>",
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n  <cbc:ID>&lt;&#x219;&gt;</cbc:ID><cbc:Note> a </cbc:Note><cbc:Note/></Invoice>",
];

#[test]
fn the_single_pass_tree_is_the_parsed_tree() {
    let limits = limits();
    let mut docs: Vec<(String, Vec<u8>)> = SMALL
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("small {i}"), s.as_bytes().to_vec()))
        .collect();
    for f in &xml_files(&conformance_dir().join("testcases"), false) {
        let bytes = std::fs::read(f).unwrap();
        // The same document with CR LF line ends, as Windows tools write it.
        let crlf = String::from_utf8_lossy(&bytes).replace('\n', "\r\n");
        docs.push((format!("{} (CR LF)", f.display()), crlf.into_bytes()));
        docs.push((f.display().to_string(), bytes));
    }
    let (mut built, mut fallback) = (0, 0);
    for (name, bytes) in &docs {
        let (_, tree) = validate_quick_with_tree(bytes, &limits);
        let parsed = Doc::parse(bytes, &limits).ok();
        match (&tree, &parsed) {
            (Some(t), Some(p)) => {
                assert_eq!(dump(t), dump(p), "{name}");
                assert_eq!(t, p, "{name}");
                subtrees_are_ranges(t, name);
                built += 1;
            }
            (Some(_), None) => panic!("{name}: built in one pass but Doc::parse refuses it"),
            _ => fallback += 1,
        }
    }
    eprintln!("{built} trees built in one pass and identical, {fallback} left to Doc::parse");
    assert!(built > 1000, "only {built} documents compared");
}

/// `descendants_iter` relies on subtrees being contiguous ranges of the arena: check it against
/// the ancestor chains for the root and its children.
fn subtrees_are_ranges(doc: &Doc, name: &str) {
    let root = doc.root();
    let mut tops = vec![root];
    tops.extend(doc.child_ids(root).iter().copied());
    for id in tops {
        let range = doc.descendants_iter(id);
        for n in range.clone() {
            assert!(
                doc.ancestors(n).any(|a| a == id),
                "{name}: {n} not below {id}"
            );
        }
        if range.end < doc.node_count() {
            assert!(
                !doc.ancestors(range.end).any(|a| a == id),
                "{name}: {} is below {id}",
                range.end
            );
        }
    }
}
