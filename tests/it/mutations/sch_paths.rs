//! The UBL-CR and UBL-SR rules as paths to add: read from the bundle's official syntax
//! Schematron at run time (no copy of the rules in the code), so the harness can put into a
//! document exactly what one of those 700-odd rules forbids or limits.

use std::collections::BTreeMap;
use std::path::Path;

use super::kinds::{Ctx, pick_id};
use super::prng::Rng;
use super::xml_edit::XmlDoc;

/// A UBL-CR or UBL-SR rule as "this path, `copies` times, under this context" (read from the
/// official syntax Schematron at run time, see `load_ctx`).
pub struct SchPath {
    pub id: String,
    /// Alternatives of the rule context as chains of local names (empty chain = the root).
    pub contexts: Vec<Vec<String>>,
    /// Element steps as written (`cac:Delivery`, `cbc:ID`).
    pub steps: Vec<String>,
    /// A final `@name` step.
    pub attr: Option<String>,
    /// How many occurrences make the rule fire (1 for UBL-CR, limit + 1 for UBL-SR).
    pub copies: usize,
}

impl SchPath {
    pub fn new(id: &str, context: &str, path: &str, copies: usize) -> Option<SchPath> {
        const LINE: &str = "(cac:InvoiceLine|cac:CreditNoteLine)/";
        let (context, path) = match path.strip_prefix(LINE) {
            Some(p) => ("cac:InvoiceLine | cac:CreditNoteLine", p),
            None => (context, path),
        };
        let plain = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/@".contains(c));
        if !plain || path.starts_with('/') || path.is_empty() {
            return None;
        }
        let contexts = context
            .split('|')
            .map(|alt| {
                let alt = alt.trim();
                let alt = alt.split('[').next().unwrap_or(alt);
                if alt.starts_with('/') {
                    Vec::new()
                } else {
                    alt.split('/')
                        .map(|s| s.rsplit(':').next().unwrap_or(s).to_owned())
                        .collect()
                }
            })
            .collect();
        let mut steps: Vec<String> = path.split('/').map(str::to_owned).collect();
        let attr = match steps.last() {
            Some(last) if last.starts_with('@') => {
                let a = last[1..].to_owned();
                steps.pop();
                Some(a)
            }
            _ => None,
        };
        (!steps.is_empty()).then(|| SchPath {
            id: id.to_owned(),
            contexts,
            steps,
            attr,
            copies,
        })
    }

    /// The elements this rule runs on in `doc`.
    fn anchors(&self, doc: &XmlDoc) -> Vec<usize> {
        (0..doc.elements.len())
            .filter(|&i| {
                self.contexts.iter().any(|chain| {
                    if chain.is_empty() {
                        return i == 0;
                    }
                    let mut at = Some(i);
                    chain.iter().rev().all(|local| match at {
                        Some(e) if doc.get(e).local == *local => {
                            at = doc.get(e).parent;
                            true
                        }
                        _ => false,
                    })
                })
            })
            .collect()
    }

    /// Makes the path occur `copies` times under one anchor, creating the missing steps.
    pub fn apply(&self, rng: &mut Rng, doc: &XmlDoc) -> Option<String> {
        let mut cur = pick_id(rng, &self.anchors(doc))?;
        let mut depth = 0;
        while depth < self.steps.len() {
            let local = self.steps[depth].rsplit(':').next().unwrap_or("");
            match doc.child(cur, local) {
                Some(c) => cur = c,
                None => break,
            }
            depth += 1;
        }
        if depth == self.steps.len() {
            return match &self.attr {
                Some(attr) => Some(doc.set_attr(cur, attr, "x")),
                None if self.copies > 1 => {
                    let xml = doc.outer(cur).repeat(self.copies);
                    Some(doc.replace_outer(cur, &xml))
                }
                None => None,
            };
        }
        let rest = &self.steps[depth..];
        let mut xml = String::new();
        for (n, step) in rest.iter().enumerate() {
            let decl = if step.starts_with("ext:") && !xml.contains("xmlns:ext") {
                " xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\""
            } else {
                ""
            };
            let attr = match (&self.attr, n + 1 == rest.len()) {
                (Some(a), true) => format!(" {a}=\"x\""),
                _ => String::new(),
            };
            xml += &format!("<{step}{decl}{attr}>");
        }
        xml += "1";
        for step in rest.iter().rev() {
            xml += &format!("</{step}>");
        }
        let xml = xml.repeat(self.copies);
        Some(if rng.chance(50) {
            doc.insert_first_child(cur, &xml)
        } else {
            doc.insert_last_child(cur, &xml)
        })
    }
}

/// The UBL-CR (`not(path)`) and UBL-SR (`count(path) <= n`) rules with a plain path (no
/// predicate, no `//`), with their rule context, from the bundle's official syntax Schematron
/// (`abstract/` names each assert's context, `UBL/` binds contexts and tests to XPath).
pub fn load_ctx(schematron_dir: &Path) -> Ctx {
    let read = |p: &str| std::fs::read_to_string(schematron_dir.join(p)).unwrap_or_default();
    let (abstract_sch, ubl_sch) = (
        read("abstract/EN16931-syntax.sch"),
        read("UBL/EN16931-UBL-syntax.sch"),
    );
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    for line in ubl_sch.lines() {
        let Some(rest) = line.trim().strip_prefix("<param name=\"") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once('"') else {
            continue;
        };
        let Some(value) = rest
            .trim()
            .strip_prefix("value=\"")
            .and_then(|r| r.strip_suffix("\"/>"))
        else {
            continue;
        };
        params.insert(name.to_owned(), unescape(value));
    }
    let mut ctx = Ctx {
        cr: Vec::new(),
        sr: Vec::new(),
    };
    let mut context: Option<&str> = None;
    for line in abstract_sch.lines() {
        if let Some(rest) = line.trim().strip_prefix("<rule context=\"$") {
            context = rest.split('"').next();
            continue;
        }
        let Some((_, rest)) = line.split_once(" id=\"") else {
            continue;
        };
        let Some(id) = rest.split('"').next() else {
            continue;
        };
        let (Some(test), Some(context_value)) =
            (params.get(id), context.and_then(|c| params.get(c)))
        else {
            continue;
        };
        let Some((path, copies)) = parse_test(test) else {
            continue;
        };
        let Some(sch_path) = SchPath::new(id, context_value, path, copies) else {
            continue;
        };
        if id.starts_with("UBL-CR") {
            ctx.cr.push(sch_path);
        } else if id.starts_with("UBL-SR") {
            ctx.sr.push(sch_path);
        }
    }
    ctx
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// `not(P)` → (P, 1 copy); `(count(P) <= n)` → (P, n + 1 copies); `count(P) = 1` → (P, 2).
fn parse_test(test: &str) -> Option<(&str, usize)> {
    let t = test.trim();
    if let Some(path) = t.strip_prefix("not(").and_then(|r| r.strip_suffix(')')) {
        return Some((path, 1));
    }
    let t = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(t);
    let rest = t.strip_prefix("count(")?;
    let close = rest.find(')')?;
    let (path, limit) = (&rest[..close], rest[close + 1..].trim());
    let copies = match limit.strip_prefix("<=") {
        Some(n) => n.trim().parse::<usize>().ok()? + 1,
        None if limit == "= 1" => 2,
        None => return None,
    };
    Some((path, copies))
}
