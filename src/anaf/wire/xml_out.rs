//! Writing ANAF-shaped XML: the declaration and escaping that ANAF's Java (JAXB) output uses.

/// ANAF's answers start with this declaration (note `standalone="yes"`).
pub(crate) const DECLARATION_STANDALONE_YES: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

/// Escapes an attribute value. Line breaks and tabs become character references, because a
/// literal one would be turned into a space by the reader's attribute-value normalisation
/// (ANAF's error messages contain `&#xA;` and `&#x9;`).
pub(crate) fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `<name a="v" .../>` or, with children lines, the 4-space indented form ANAF uses.
pub(crate) fn header_element(
    namespace: &str,
    attributes: &[(&str, &str)],
    children: &[(&str, &str, &str)],
) -> String {
    let mut out = String::new();
    out.push_str("<header xmlns=\"");
    out.push_str(&escape_attr(namespace));
    out.push('"');
    for (name, value) in attributes {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(&escape_attr(value));
        out.push('"');
    }
    if children.is_empty() {
        out.push_str("/>");
        return out;
    }
    out.push_str(">\n");
    for (element, attribute, value) in children {
        out.push_str("    <");
        out.push_str(element);
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        out.push_str(&escape_attr(value));
        out.push_str("\"/>\n");
    }
    out.push_str("</header>");
    out
}
