"""Generates src/validation/full/en/syntax/tables.rs from ANAF's bundle 1.0.9 (dev time only).

The UBL-CR rules of the `UBL-syntax` pattern (678 asserts in the root context) are almost all
`not(path)`: "this element should not be there". Evaluating them one by one would walk the
document hundreds of times, so this script turns them into tables for ONE walk:

* a trie of the paths relative to the root (`not(cac:A/cbc:B)`, with the line union
  `(cac:InvoiceLine|cac:CreditNoteLine)/...` expanded into both branches), optionally ending in
  an attribute (`not(cbc:ID/@schemeID)`), written as a `match` on (state, local name);
* the descendant paths `not(//cac:A/cbc:B[/@attr])`, keyed by the last step's local name;
* the forbidden attributes of UBL-DT-08..28 `not(//@x)`.

Asserts of any other shape are hand-written in `syntax/document.rs`; the script refuses to run
if that set changes, so a new bundle cannot silently lose a rule.

Reads `UBL/EN16931-UBL-syntax.sch` (the XPath bindings) and `abstract/EN16931-syntax.sch` (which
ids are asserted, in order) from the shared folder beside the repository.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "..", "shared", "validation", "cius-ro", "schematron")
SCH_DIR = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, "..", "src", "validation", "full", "en", "syntax", "tables.rs")

# Hand-written in syntax/document.rs: value tests, an `or ../cn:CreditNote`, predicates and
# the bare `//@unitCodeListID`.
HAND_WRITTEN = ["UBL-CR-002", "UBL-CR-412", "UBL-CR-663", "UBL-CR-665", "UBL-CR-666", "UBL-CR-673"]

NS = {"cbc": "NS_CBC", "cac": "NS_CAC", "ext": "NS_EXT"}
NAME = r"(?:cbc|cac|ext):[A-Za-z0-9]+"
ROOT_PATH = re.compile(rf"^not\(((?:\(cac:InvoiceLine\|cac:CreditNoteLine\)|{NAME})(?:/{NAME})*)(?:/@([A-Za-z]+))?\)$")
DESC_PATH = re.compile(rf"^not\(//({NAME}(?:/{NAME})*)(?:/@([A-Za-z]+))?\)$")
ATTR_ANYWHERE = re.compile(r"^not\(//@([A-Za-z]+)\)$")


def strip_comments(text):
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


binding = strip_comments(open(os.path.join(SCH_DIR, "UBL/EN16931-UBL-syntax.sch"), encoding="utf-8").read())
params = dict(re.findall(r'<param name="([^"]+)" value="([^"]*)"', binding))
params = {k: v.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") for k, v in params.items()}
abstract = strip_comments(open(os.path.join(SCH_DIR, "abstract/EN16931-syntax.sch"), encoding="utf-8").read())
asserted = re.findall(r'<assert test="\$([^"]+)"[^>]*\bid="([^"]+)"', abstract)
for param, rid in asserted:
    assert param == rid, (param, rid)
asserted_ids = [rid for _, rid in asserted]


def steps(path):
    out = []
    for step in path.split("/"):
        prefix, local = step.split(":")
        out.append((NS[prefix], local))
    return out


trie = [{}]            # state -> {local: (ns, next_state)}
terminal = {}          # state -> [(rule index, attr)]
table_ids = []         # table-driven UBL-CR ids, in .sch order
descendant = {}        # last (ns, local) -> [(rule index, steps, attr)]
hand = []


def insert(path_steps, rule, attr):
    state = 0
    for ns, local in path_steps:
        edges = trie[state]
        if local in edges:
            assert edges[local][0] == ns, f"two namespaces for {local} under state {state}"
            state = edges[local][1]
        else:
            trie.append({})
            edges[local] = (ns, len(trie) - 1)
            state = len(trie) - 1
    terminal.setdefault(state, []).append((rule, attr))


for rid in asserted_ids:
    if not rid.startswith("UBL-CR-"):
        continue
    test = params[rid]
    if rid in HAND_WRITTEN:
        hand.append(rid)
        continue
    m = ROOT_PATH.match(test)
    if m:
        rule = len(table_ids)
        table_ids.append(rid)
        path, attr = m.group(1), m.group(2)
        union = "(cac:InvoiceLine|cac:CreditNoteLine)"
        if path.startswith(union):
            rest = path[len(union):]
            for line in ("cac:InvoiceLine", "cac:CreditNoteLine"):
                insert(steps(line + rest), rule, attr)
        else:
            insert(steps(path), rule, attr)
        continue
    m = DESC_PATH.match(test)
    if m:
        rule = len(table_ids)
        table_ids.append(rid)
        path_steps = steps(m.group(1))
        descendant.setdefault(path_steps[-1], []).append((rule, path_steps, m.group(2)))
        continue
    sys.exit(f"{rid}: unexpected shape {test!r}: add it to HAND_WRITTEN and write it by hand")

assert hand == HAND_WRITTEN, hand

forbidden_attrs = []
for rid in asserted_ids:
    if rid.startswith("UBL-DT-"):
        m = ATTR_ANYWHERE.match(params[rid])
        if m:
            forbidden_attrs.append((m.group(1), rid))


def kind_const(ns, local):
    """The `kinds` constant of a `cbc`/`cac` element name: `CBC_` + the name in upper snake case."""
    prefix = {"NS_CBC": "CBC", "NS_CAC": "CAC"}[ns]
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", local).upper()
    return f"kinds::{prefix}_{snake}"


def opt(attr):
    return f'Some("{attr}")' if attr else "None"


out = []
w = out.append
w("//! generated by tools/gen_en_syntax.py from ANAF's bundle 1.0.9 (`UBL/EN16931-UBL-syntax.sch`),")
w("//! do not edit.")
w("//!")
w("//! The table-driven UBL-CR rules (`not(path)` under the root) as a trie for one document walk,")
w("//! the descendant paths `not(//a/b[/@attr])`, and the UBL-DT attributes `not(//@x)`.")
w("")
w("use crate::validation::full::doc::{NS_CAC, NS_CBC, NS_EXT};")
w("use crate::validation::full::en::kinds::{self, Kind};")
w("")
w(f"/// The table-driven UBL-CR ids, in .sch order; tables refer to them by index.")
w(f"pub const CR_IDS: [&str; {len(table_ids)}] = [")
for rid in table_ids:
    w(f'    "{rid}",')
w("];")
w("")
w("/// The UBL-CR ids written by hand (their XPath is not a plain path).")
w(f"pub const CR_HAND_WRITTEN: [&str; {len(HAND_WRITTEN)}] = [{', '.join(f'{chr(34)}{r}{chr(34)}' for r in HAND_WRITTEN)}];")
w("")
w("/// Trie state of the root element (`/ubl:Invoice` or `/cn:CreditNote`).")
w("pub const ROOT_STATE: u16 = 0;")
w("")
w("/// From trie `state`, a child element named `local` leads to the returned state if it is in")
w("/// the returned namespace (checked by the caller).")
w("pub fn root_step(state: u16, local: &str) -> Option<(&'static str, u16)> {")
w("    match state {")
for state, edges in enumerate(trie):
    if not edges:
        continue
    w(f"        {state} => match local {{")
    for local, (ns, nxt) in sorted(edges.items()):
        w(f'            "{local}" => Some(({ns}, {nxt})),')
    w("            _ => None,")
    w("        },")
w("        _ => None,")
w("    }")
w("}")
w("")
w("/// Rules violated by an element reaching `state`: (index into [`CR_IDS`], attribute that must")
w("/// be present on it as well, if any).")
w("pub fn root_terminal(state: u16) -> &'static [(u16, Option<&'static str>)] {")
w("    ROOT_TERMINALS.get(usize::from(state)).copied().unwrap_or(&[])")
w("}")
w("")
w("/// [`root_terminal`] of every state, by state: an array read, not a `match` whose jump")
w("/// mispredicted for nearly every element.")
w(f"const ROOT_TERMINALS: [&[(u16, Option<&str>)]; {len(trie)}] = [")
for state in range(len(trie)):
    items = ", ".join(f"({r}, {opt(a)})" for r, a in terminal.get(state, []))
    w(f"    &[{items}],")
w("];")
w("")
w("/// A descendant path `//a/b` (optionally `/@attr`) anywhere in the document.")
w("pub struct Descendant {")
w("    /// Index into [`CR_IDS`].")
w("    pub rule: u16,")
w("    /// The steps (namespace, local name), the last one being the element itself.")
w("    pub steps: &'static [(&'static str, &'static str)],")
w("    pub attr: Option<&'static str>,")
w("}")
w("")
w("/// The descendant paths whose last step is an element of kind `name` (the name part of its")
w("/// [`Kind`], which stands for the last step's namespace and local name).")
w("pub fn descendant_rules(name: Kind) -> &'static [Descendant] {")
w("    DESCENDANTS.get(usize::from(name)).copied().unwrap_or(&[])")
w("}")
w("")
w("/// [`descendant_rules`] by the name part of the kind: an array read per element, not a `match`.")
w("const DESCENDANTS: [&[Descendant]; 256] = {")
w("    let mut rules: [&[Descendant]; 256] = [&[]; 256];")
for last in sorted(descendant, key=lambda k: k[1]):
    w(f'    rules[{kind_const(*last)} as usize] = &[')
    for rule, path_steps, attr in descendant[last]:
        st = ", ".join(f'({ns}, "{l}")' for ns, l in path_steps)
        w(f"        Descendant {{ rule: {rule}, steps: &[{st}], attr: {opt(attr)} }},")
    w("    ];")
w("    rules")
w("};")
w("")
w("/// The UBL-DT rule forbidding an (unqualified) attribute named `local` anywhere, with the")
w("/// attribute name as a static string (for locations).")
w("pub fn forbidden_attribute(local: &str) -> Option<(&'static str, &'static str)> {")
w("    match local {")
for attr, rid in forbidden_attrs:
    w(f'        "{attr}" => Some(("{rid}", "{attr}")),')
w("        _ => None,")
w("    }")
w("}")
w("")
w("/// Every attribute name of [`forbidden_attribute`] (for tests).")
w(f"pub const FORBIDDEN_ATTRIBUTES: [(&str, &str); {len(forbidden_attrs)}] = [")
for attr, rid in forbidden_attrs:
    w(f'    ("{attr}", "{rid}"),')
w("];")

text = "\n".join(out) + "\n"
with open(OUT, "w", encoding="utf-8") as f:
    f.write(text)
print(f"{OUT}: {len(table_ids)} table-driven UBL-CR rules ({len(trie)} trie states, "
      f"{sum(len(v) for v in descendant.values())} descendant paths), {len(HAND_WRITTEN)} by hand, "
      f"{len(forbidden_attrs)} forbidden attributes")
