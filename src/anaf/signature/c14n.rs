//! Canonical XML 1.0 (inclusive) and Exclusive XML Canonicalization 1.0, both without
//! comments, over our [`xml_tree`](crate::anaf::xml_tree). No maintained Rust crate does
//! this on top of quick-xml, and ANAF needs only the subset written here: a whole document, or
//! one element subtree (SignedInfo) with the namespaces in scope from its ancestors.
//!
//! What the rules come down to (W3C C14N 1.0 §2, Exc-C14N §3):
//! - the XML declaration and DTD go; comments go; `<a/>` becomes `<a></a>`;
//! - namespace declarations are written only where they change what the nearest written
//!   ancestor declared; inclusive writes every namespace in scope at the apex of a subtree,
//!   exclusive only the ones the element or its attributes actually use;
//! - namespace declarations first (default first, then by prefix), then attributes sorted by
//!   (namespace URI, local name);
//! - text escapes `&`, `<`, `>`, CR; attribute values escape `&`, `<`, `"`, TAB, LF, CR;
//! - processing instructions outside the root element are separated from it by LF.

use std::collections::BTreeMap;

use crate::anaf::xml_tree::{Document, Element, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum C14nMode {
    /// `http://www.w3.org/TR/2001/REC-xml-c14n-20010315`
    Inclusive,
    /// `http://www.w3.org/2001/10/xml-exc-c14n#`
    Exclusive,
}

impl C14nMode {
    pub fn from_algorithm(uri: &str) -> Option<Self> {
        match uri.trim() {
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315" => Some(Self::Inclusive),
            "http://www.w3.org/2001/10/xml-exc-c14n#" => Some(Self::Exclusive),
            _ => None,
        }
    }
}

/// Prefix (`""` = default namespace) to namespace URI.
type NsMap = BTreeMap<String, String>;

/// Canonical form of a whole document.
pub fn canonicalize_document(doc: &Document, mode: C14nMode) -> String {
    let mut out = String::new();
    for node in &doc.before_root {
        write_node(node, &NsMap::new(), &NsMap::new(), mode, &mut out);
        out.push('\n');
    }
    write_element(&doc.root, &NsMap::new(), &NsMap::new(), mode, &mut out);
    for node in &doc.after_root {
        out.push('\n');
        write_node(node, &NsMap::new(), &NsMap::new(), mode, &mut out);
    }
    out
}

/// Canonical form of the subtree rooted at `element`, whose ancestors are given outermost
/// first (their namespace declarations are in scope; their attributes are not inherited —
/// `xml:*` attribute inheritance is not needed for ANAF and not implemented).
pub fn canonicalize_subtree(element: &Element, ancestors: &[&Element], mode: C14nMode) -> String {
    let mut in_scope = NsMap::new();
    for a in ancestors {
        apply_decls(a, &mut in_scope);
    }
    let mut out = String::new();
    write_element(element, &in_scope, &NsMap::new(), mode, &mut out);
    out
}

fn apply_decls(element: &Element, scope: &mut NsMap) {
    for d in &element.namespace_decls {
        scope.insert(d.prefix.clone().unwrap_or_default(), d.uri.clone());
    }
}

fn write_node(
    node: &Node,
    parent_scope: &NsMap,
    rendered: &NsMap,
    mode: C14nMode,
    out: &mut String,
) {
    match node {
        Node::Element(e) => write_element(e, parent_scope, rendered, mode, out),
        Node::Text(t) => escape_text(t, out),
        Node::ProcessingInstruction { target, data } => {
            out.push_str("<?");
            out.push_str(target);
            if !data.is_empty() {
                out.push(' ');
                out.push_str(data);
            }
            out.push_str("?>");
        }
    }
}

/// `parent_scope`: namespaces in scope at the parent; `rendered`: what the nearest written
/// ancestors declared (empty at the apex).
fn write_element(
    element: &Element,
    parent_scope: &NsMap,
    rendered: &NsMap,
    mode: C14nMode,
    out: &mut String,
) {
    let mut scope = parent_scope.clone();
    apply_decls(element, &mut scope);

    // Which (prefix, uri) pairs this element must declare.
    let candidates: Vec<String> = match mode {
        C14nMode::Inclusive => scope.keys().cloned().collect(),
        C14nMode::Exclusive => {
            let mut used = vec![element.prefix.clone().unwrap_or_default()];
            for a in &element.attributes {
                if let Some(p) = &a.prefix
                    && p != "xml"
                {
                    used.push(p.clone());
                }
            }
            used.sort();
            used.dedup();
            used
        }
    };
    let mut declare: Vec<(String, String)> = Vec::new();
    let mut now_rendered = rendered.clone();
    for prefix in candidates {
        if prefix == "xml" {
            continue;
        }
        let uri = scope.get(&prefix).cloned().unwrap_or_default();
        let previously = rendered.get(&prefix).map(String::as_str).unwrap_or("");
        let needed = if prefix.is_empty() {
            // xmlns="" only to undo a default namespace an ancestor wrote.
            uri != previously
        } else {
            !uri.is_empty() && rendered.get(&prefix) != Some(&uri)
        };
        if needed {
            now_rendered.insert(prefix.clone(), uri.clone());
            declare.push((prefix, uri));
        }
    }
    declare.sort_by(|a, b| a.0.cmp(&b.0)); // "" (default) sorts first

    let qname = qualified(element.prefix.as_deref(), &element.local);
    out.push('<');
    out.push_str(&qname);
    for (prefix, uri) in &declare {
        if prefix.is_empty() {
            out.push_str(" xmlns=\"");
        } else {
            out.push_str(" xmlns:");
            out.push_str(prefix);
            out.push_str("=\"");
        }
        escape_attr(uri, out);
        out.push('"');
    }
    let mut attributes: Vec<(&str, &str, String, &str)> = element
        .attributes
        .iter()
        .map(|a| {
            let uri = match a.prefix.as_deref() {
                None => "",
                Some("xml") => "http://www.w3.org/XML/1998/namespace",
                Some(p) => scope.get(p).map(String::as_str).unwrap_or(""),
            };
            (
                uri,
                a.local.as_str(),
                qualified(a.prefix.as_deref(), &a.local),
                a.value.as_str(),
            )
        })
        .collect();
    attributes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, name, value) in attributes {
        out.push(' ');
        out.push_str(&name);
        out.push_str("=\"");
        escape_attr(value, out);
        out.push('"');
    }
    out.push('>');
    for child in &element.children {
        write_node(child, &scope, &now_rendered, mode, out);
    }
    out.push_str("</");
    out.push_str(&qname);
    out.push('>');
}

fn qualified(prefix: Option<&str>, local: &str) -> String {
    match prefix {
        Some(p) => format!("{p}:{local}"),
        None => local.to_owned(),
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anaf::xml_tree::parse;

    fn c14n(xml: &str) -> String {
        canonicalize_document(&parse(xml.as_bytes()).unwrap(), C14nMode::Inclusive)
    }

    #[test]
    fn w3c_style_basics() {
        // Declaration and comments dropped, empty element expanded, attributes sorted,
        // redundant namespace declarations removed, entities and EOLs normalised.
        let input = "<?xml version=\"1.0\"?>\r\n<!-- c --><doc xmlns:b=\"urn:b\" xmlns=\"urn:d\" b:z=\"1\" a=\"x&#9;y\" c='\"'>\r\n<e b:x=\"2\" xmlns:b=\"urn:b\"/>&gt;&#13;<![CDATA[<&>]]></doc>\n<?pi  data?>";
        assert_eq!(
            c14n(input),
            "<doc xmlns=\"urn:d\" xmlns:b=\"urn:b\" a=\"x&#x9;y\" c=\"&quot;\" b:z=\"1\">\n<e b:x=\"2\"></e>&gt;&#xD;&lt;&amp;&gt;</doc>\n<?pi data?>"
        );
    }

    #[test]
    fn default_namespace_undeclaration() {
        assert_eq!(
            c14n("<a xmlns=\"urn:a\"><b xmlns=\"\"><c xmlns=\"\"/></b></a>"),
            "<a xmlns=\"urn:a\"><b xmlns=\"\"><c></c></b></a>"
        );
        assert_eq!(c14n("<a xmlns=\"\"/>"), "<a></a>");
    }

    #[test]
    fn subtree_inclusive_vs_exclusive() {
        let doc = parse(
            b"<r xmlns=\"urn:r\" xmlns:u=\"urn:u\"><S xmlns=\"urn:s\"><I><M A=\"1\"/></I></S></r>",
        )
        .unwrap();
        let s = doc.root.child("S").unwrap();
        let i = s.child("I").unwrap();
        let ancestors = [&doc.root, s];
        assert_eq!(
            canonicalize_subtree(i, &ancestors, C14nMode::Inclusive),
            "<I xmlns=\"urn:s\" xmlns:u=\"urn:u\"><M A=\"1\"></M></I>"
        );
        assert_eq!(
            canonicalize_subtree(i, &ancestors, C14nMode::Exclusive),
            "<I xmlns=\"urn:s\"><M A=\"1\"></M></I>"
        );
    }

    #[test]
    fn exclusive_declares_prefixes_where_used() {
        let doc = parse(b"<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><b q:x=\"1\"><q:c/></b></p:a>")
            .unwrap();
        assert_eq!(
            canonicalize_document(&doc, C14nMode::Exclusive),
            "<p:a xmlns:p=\"urn:p\"><b xmlns:q=\"urn:q\" q:x=\"1\"><q:c></q:c></b></p:a>"
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::anaf::xml_tree::parse;

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ăîșțâ&<>\"'\n\t\r=;:/.-]{0,12}"
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\r', "&#13;")
            .replace('\n', "&#10;")
            .replace('\t', "&#9;")
    }

    /// Small random documents: nested elements, some prefixed, attributes and text with every
    /// character that needs escaping.
    fn element(depth: u32) -> BoxedStrategy<String> {
        let leaf = (
            prop::sample::select(vec!["a", "b", "p:c", "q:d"]),
            prop::collection::vec((prop::sample::select(vec!["x", "y", "p:z"]), text()), 0..3),
            text(),
        );
        if depth == 0 {
            return leaf
                .prop_map(|(name, attrs, body)| render(name, &attrs, &[escape(&body)]))
                .boxed();
        }
        (leaf, prop::collection::vec(element(depth - 1), 0..3))
            .prop_map(|((name, attrs, body), children)| {
                let mut content = vec![escape(&body)];
                content.extend(children);
                render(name, &attrs, &content)
            })
            .boxed()
    }

    fn render(name: &str, attrs: &[(&str, String)], content: &[String]) -> String {
        let mut seen = std::collections::HashSet::new();
        let mut out = format!("<{name}");
        for (k, v) in attrs {
            if seen.insert(*k) {
                out.push_str(&format!(" {k}=\"{}\"", escape(v)));
            }
        }
        out.push('>');
        for c in content {
            out.push_str(c);
        }
        out.push_str(&format!("</{name}>"));
        out
    }

    proptest! {
        /// Canonicalising the canonical form changes nothing, in both modes.
        #[test]
        fn canonical_form_is_a_fixed_point(body in element(3)) {
            let doc = format!(
                "<?xml version=\"1.0\"?>\n<r xmlns=\"urn:r\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\">{body}</r>"
            );
            let parsed = parse(doc.as_bytes()).unwrap();
            for mode in [C14nMode::Inclusive, C14nMode::Exclusive] {
                let once = canonicalize_document(&parsed, mode);
                let twice = canonicalize_document(&parse(once.as_bytes()).unwrap(), mode);
                prop_assert_eq!(&once, &twice);
            }
        }
    }
}
