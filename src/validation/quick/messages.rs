//! Every quick-validation finding, with its Romanian and English wording in one place.

use crate::validation::{Finding, Flag};

/// Rule id of everything the XSD (and the parser guarding it) checks.
pub const RULE_XSD: &str = "XSD";

/// Where a finding points: element path and, when known, 1-based line and column.
#[derive(Debug, Clone, Default)]
pub struct At {
    pub location: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl At {
    pub fn new(location: impl Into<String>, line: u32, column: u32) -> Self {
        At {
            location: location.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

fn fatal(at: At, ro: String, en: String) -> Finding {
    Finding {
        rule: RULE_XSD.to_owned(),
        flag: Flag::Fatal,
        location: at.location,
        line: at.line,
        column: at.column,
        message_ro: ro,
        message_en: en,
    }
}

/// Values quoted in messages are cut short so a 3 MB attachment does not end up in a report.
pub fn quote(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut out: String = value.chars().take(MAX_CHARS).collect();
    if value.chars().nth(MAX_CHARS).is_some() {
        out.push('…');
    }
    format!("'{out}'")
}

pub fn too_large(len: u64, max: usize) -> Finding {
    fatal(
        At::default(),
        format!("Documentul are {len} octeți; limita este {max} octeți (10 MB la ANAF)"),
        format!("The document is {len} bytes long; the limit is {max} bytes (ANAF accepts 10 MB)"),
    )
}

pub fn not_xml(at: At, detail: &str) -> Finding {
    fatal(
        at,
        format!("Documentul nu este XML bine format: {detail}"),
        format!("The document is not well-formed XML: {detail}"),
    )
}

pub fn not_utf8(at: At, encoding: &str) -> Finding {
    fatal(
        at,
        format!(
            "Codificarea {encoding} nu este acceptată: documentele e-Factura trebuie codificate UTF-8"
        ),
        format!(
            "Encoding {encoding} is not supported: e-Factura documents must be encoded in UTF-8"
        ),
    )
}

pub fn doctype(at: At) -> Finding {
    fatal(
        at,
        "Documentul conține o declarație DOCTYPE; DTD-urile și entitățile nu sunt acceptate"
            .to_owned(),
        "The document contains a DOCTYPE declaration; DTDs and entities are not accepted"
            .to_owned(),
    )
}

pub fn too_deep(at: At, max: usize) -> Finding {
    fatal(
        at,
        format!("Elementele sunt imbricate pe mai mult de {max} niveluri; validarea s-a oprit"),
        format!("Elements are nested more than {max} levels deep; validation stopped"),
    )
}

pub fn too_many(max: usize) -> Finding {
    fatal(
        At::default(),
        format!("Prea multe erori (peste {max}); validarea s-a oprit"),
        format!("Too many errors (more than {max}); validation stopped"),
    )
}

pub fn no_root(at: At) -> Finding {
    fatal(
        at,
        "Documentul nu conține niciun element".to_owned(),
        "The document contains no element".to_owned(),
    )
}

pub fn wrong_root(at: At, name: &str, namespace: &str) -> Finding {
    let ns = if namespace.is_empty() {
        "fără spațiu de nume".to_owned()
    } else {
        namespace.to_owned()
    };
    let ns_en = if namespace.is_empty() {
        "no namespace".to_owned()
    } else {
        namespace.to_owned()
    };
    fatal(
        at,
        format!(
            "Elementul rădăcină {name} ({ns}) nu este o factură UBL 2.1 (Invoice) sau o notă de credit (CreditNote) \
             în spațiul de nume urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 / CreditNote-2"
        ),
        format!(
            "The root element {name} ({ns_en}) is not a UBL 2.1 Invoice or CreditNote in namespace \
             urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 / CreditNote-2"
        ),
    )
}

fn expected_lists(expected: &[String]) -> (String, String) {
    if expected.is_empty() {
        return (
            "niciun alt element nu mai este permis aici".to_owned(),
            "no further element is allowed here".to_owned(),
        );
    }
    const MAX_SHOWN: usize = 12;
    let mut list = expected
        .iter()
        .take(MAX_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if expected.len() > MAX_SHOWN {
        list.push_str(", …");
    }
    (
        format!("se aștepta unul dintre: {list}"),
        format!("expected one of: {list}"),
    )
}

pub fn unexpected_element(at: At, name: &str, expected: &[String]) -> Finding {
    let (ro, en) = expected_lists(expected);
    fatal(
        at,
        format!("Elementul {name} nu este permis în această poziție; {ro}"),
        format!("Element {name} is not allowed at this position; {en}"),
    )
}

pub fn missing_children(at: At, missing: &[String]) -> Finding {
    let list = missing.join(", ");
    fatal(
        at,
        format!("Lipsesc elemente obligatorii din acest element: {list}"),
        format!("Required child element(s) missing from this element: {list}"),
    )
}

pub fn undeclared_in_strict_wildcard(at: At, name: &str) -> Finding {
    fatal(
        at,
        format!(
            "Elementul {name} nu este declarat în schemele UBL 2.1, dar această poziție cere un element declarat"
        ),
        format!(
            "Element {name} has no declaration in the UBL 2.1 schemas, but this position requires a declared element"
        ),
    )
}

pub fn text_in_element_only(at: At) -> Finding {
    fatal(
        at,
        "Textul nu este permis aici: acest element conține numai elemente".to_owned(),
        "Character content other than whitespace is not allowed here: this element contains elements only".to_owned(),
    )
}

pub fn text_in_empty(at: At) -> Finding {
    fatal(
        at,
        "Acest element trebuie să fie gol (fără text)".to_owned(),
        "This element must be empty (no character content)".to_owned(),
    )
}

pub fn child_in_simple(at: At, child: &str) -> Finding {
    fatal(
        at,
        format!(
            "Elementul {child} nu este permis: elementul părinte conține doar o valoare, nu elemente"
        ),
        format!("Element {child} is not allowed: its parent holds a simple value, not elements"),
    )
}

pub fn child_in_empty(at: At, child: &str) -> Finding {
    fatal(
        at,
        format!("Elementul {child} nu este permis: elementul părinte trebuie să fie gol"),
        format!("Element {child} is not allowed: its parent must be empty"),
    )
}

pub fn invalid_value(at: At, value: &str, datatype: &str) -> Finding {
    let v = quote(value);
    fatal(
        at,
        format!("Valoarea {v} nu este validă pentru tipul {datatype}"),
        format!("The value {v} is not a valid {datatype}"),
    )
}

pub fn not_in_enumeration(at: At, value: &str, allowed: &[&str]) -> Finding {
    let v = quote(value);
    let list = allowed.join(", ");
    fatal(
        at,
        format!("Valoarea {v} nu este permisă; valori permise: {list}"),
        format!("The value {v} is not allowed; allowed values: {list}"),
    )
}

pub fn attribute_not_allowed(at: At, name: &str) -> Finding {
    fatal(
        at,
        format!("Atributul {name} nu este permis pe acest element"),
        format!("Attribute {name} is not allowed on this element"),
    )
}

pub fn attribute_missing(at: At, name: &str) -> Finding {
    fatal(
        at,
        format!("Lipsește atributul obligatoriu {name}"),
        format!("The required attribute {name} is missing"),
    )
}

pub fn not_nillable(at: At) -> Finding {
    fatal(
        at,
        "Atributul xsi:nil nu este permis: elementele UBL nu pot fi nule".to_owned(),
        "Attribute xsi:nil is not allowed: UBL elements are not nillable".to_owned(),
    )
}

pub fn xsi_type_unsupported(at: At) -> Finding {
    fatal(
        at,
        "Atributul xsi:type nu este acceptat în facturile e-Factura".to_owned(),
        "Attribute xsi:type is not supported in e-Factura documents".to_owned(),
    )
}

pub fn duplicate_id(at: At, value: &str) -> Finding {
    let v = quote(value);
    fatal(
        at,
        format!("Identificatorul (xsd:ID) {v} apare de mai multe ori în document"),
        format!("The identifier (xsd:ID) {v} occurs more than once in the document"),
    )
}
