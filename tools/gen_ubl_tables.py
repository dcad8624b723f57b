#!/usr/bin/env python3
"""Generate src/validation/quick/ubl_tables.rs from the OASIS UBL 2.1 XSDs.

Development-time tool: the validator never reads schema files at run time, it only uses the
table this script writes. Run it from the crate root:

    python3 tools/gen_ubl_tables.py [XSD_DIR] > src/validation/quick/ubl_tables.rs && cargo fmt

XSD_DIR defaults to ../shared/validation/xsd/ubl-2.1 (folders maindoc/ and common/).
Only the standard library is used. The script understands exactly the XSD subset the UBL 2.1
Invoice/CreditNote schema sets use (elements, named and anonymous complex types, simple and
complex content by extension or restriction, sequence/choice/any particles, attributes,
anyAttribute, enumerations) and stops with an error on anything else, so a schema change
cannot be half-understood silently.
"""
import os
import sys
import xml.etree.ElementTree as ET

XS = "http://www.w3.org/2001/XMLSchema"
UNBOUNDED = None

# Conventional prefixes, used for element paths in findings (never the document's own prefixes).
NAMESPACES = [
    ("", ""),
    ("cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"),
    ("cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"),
    ("ext", "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"),
    ("", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
    ("", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"),
    ("sig", "urn:oasis:names:specification:ubl:schema:xsd:CommonSignatureComponents-2"),
    ("sac", "urn:oasis:names:specification:ubl:schema:xsd:SignatureAggregateComponents-2"),
    ("sbc", "urn:oasis:names:specification:ubl:schema:xsd:SignatureBasicComponents-2"),
    ("ds", "http://www.w3.org/2000/09/xmldsig#"),
    ("xades", "http://uri.etsi.org/01903/v1.3.2#"),
    ("xades141", "http://uri.etsi.org/01903/v1.4.1#"),
    ("udt", "urn:oasis:names:specification:ubl:schema:xsd:UnqualifiedDataTypes-2"),
    ("qdt", "urn:oasis:names:specification:ubl:schema:xsd:QualifiedDataTypes-2"),
    ("ccts-cct", "urn:un:unece:uncefact:data:specification:CoreComponentTypeSchemaModule:2"),
    ("xml", "http://www.w3.org/XML/1998/namespace"),
    ("xsi", "http://www.w3.org/2001/XMLSchema-instance"),
]
NS_ID = {uri: i for i, (_, uri) in enumerate(NAMESPACES)}
DOC_NAMESPACES = [NS_ID[NAMESPACES[4][1]], NS_ID[NAMESPACES[5][1]]]

BUILTINS = {
    "string": "String", "normalizedString": "NormalizedString", "token": "Token",
    "language": "Language", "anyURI": "AnyUri", "decimal": "Decimal", "integer": "Integer",
    "boolean": "Boolean", "date": "Date", "time": "Time", "dateTime": "DateTime",
    "base64Binary": "Base64Binary", "ID": "Id", "anySimpleType": "String",
}


def die(msg):
    sys.stderr.write("gen_ubl_tables: " + msg + "\n")
    sys.exit(1)


def x(tag):
    return "{%s}%s" % (XS, tag)


class Schema:
    """One XSD file: its target namespace, prefix bindings and top-level components."""

    def __init__(self, path):
        self.path = path
        self.prefixes = {}
        for event, item in ET.iterparse(path, events=("start-ns",)):
            prefix, uri = item
            self.prefixes.setdefault(prefix, uri)
        self.root = ET.parse(path).getroot()
        self.tns = self.root.get("targetNamespace", "")
        self.elem_qualified = self.root.get("elementFormDefault") == "qualified"
        self.attr_qualified = self.root.get("attributeFormDefault") == "qualified"

    def qname(self, value):
        if ":" in value:
            prefix, local = value.split(":", 1)
        else:
            prefix, local = "", value
        if prefix not in self.prefixes:
            if prefix == "":
                return ("", local)
            die("%s: unknown prefix in %r" % (self.path, value))
        return (self.prefixes[prefix], local)


def occurs(node):
    mn = int(node.get("minOccurs", "1"))
    mx = node.get("maxOccurs", "1")
    return mn, (UNBOUNDED if mx == "unbounded" else int(mx))


class Generator:
    def __init__(self, xsd_dir):
        self.schemas = []
        for sub in ("common", "maindoc"):
            folder = os.path.join(xsd_dir, sub)
            for name in sorted(os.listdir(folder)):
                if name.endswith(".xsd"):
                    self.schemas.append(Schema(os.path.join(folder, name)))
        self.g_elements, self.g_complex, self.g_simple = {}, {}, {}
        for s in self.schemas:
            for node in s.root:
                tag, name = node.tag, node.get("name")
                key = (s.tns, name)
                if tag == x("element"):
                    self.g_elements[key] = (s, node)
                elif tag == x("complexType"):
                    self.g_complex[key] = (s, node)
                elif tag == x("simpleType"):
                    self.g_simple[key] = (s, node)
                elif tag in (x("import"), x("include"), x("annotation")):
                    pass
                else:
                    die("%s: unsupported top-level %s" % (s.path, tag))
        self.simples = []          # (builtin, enums)
        self.simple_ids = {}
        self.types = []            # dicts; index = type id
        self.type_ids = {}         # key -> id (named types and structural keys)
        self.decls = []            # (ns_id, name, type_id)
        self.decl_ids = {}
        self.attr_sets = {}
        self.wildcards = {}

    # ---- simple types -------------------------------------------------------------------
    def simple(self, builtin, enums=()):
        key = (builtin, tuple(enums))
        if key not in self.simple_ids:
            self.simple_ids[key] = len(self.simples)
            self.simples.append(key)
        return self.simple_ids[key]

    def resolve_simple(self, qn):
        """(builtin, enums) of a named simple type or an XSD builtin."""
        if qn[0] == XS:
            if qn[1] not in BUILTINS:
                die("unsupported builtin type %s" % qn[1])
            return (BUILTINS[qn[1]], ())
        if qn not in self.g_simple:
            return None
        s, node = self.g_simple[qn]
        return self.simple_node(s, node)

    def simple_node(self, s, node):
        kids = [k for k in node if k.tag != x("annotation")]
        if len(kids) != 1 or kids[0].tag != x("restriction"):
            die("%s: unsupported simpleType form" % s.path)
        return self.restrict_simple(s, kids[0], self.resolve_simple(s.qname(kids[0].get("base"))))

    def restrict_simple(self, s, restr, base):
        builtin, enums = base
        new_enums = []
        for f in restr:
            if f.tag == x("enumeration"):
                new_enums.append(f.get("value"))
            elif f.tag in (x("annotation"), x("attribute"), x("anyAttribute")):
                pass
            else:
                die("%s: unsupported facet %s" % (s.path, f.tag))
        return (builtin, tuple(new_enums) if new_enums else enums)

    # ---- complex types ------------------------------------------------------------------
    def type_id_of_qname(self, qn):
        if qn == (XS, "anyType"):
            return self.any_type()
        if qn in self.type_ids:
            return self.type_ids[qn]
        if qn in self.g_complex:
            s, node = self.g_complex[qn]
            return self.complex_type(s, node, qn)
        simple = self.resolve_simple(qn)
        if simple is None:
            die("unknown type %r" % (qn,))
        return self.simple_content_type((), None, self.simple(*simple))

    def new_type(self, key, label):
        tid = len(self.types)
        self.types.append(None)
        if key is not None:
            self.type_ids[key] = tid
        return tid

    def finish_type(self, tid, t):
        # Structurally identical simple-content types (cbc:IDType, cbc:NameType, ... all
        # derived from the same udt type) share one table entry.
        if t["content"][0] != "elements":
            skey = ("struct", t["attrs"], t["anyattr"], t["content"])
            if skey in self.type_ids and self.type_ids[skey] != tid:
                return self.type_ids[skey], True
            self.type_ids[skey] = tid
        self.types[tid] = t
        return tid, False

    def simple_content_type(self, attrs, anyattr, simple_id):
        t = {"attrs": tuple(attrs), "anyattr": anyattr, "content": ("simple", simple_id), "label": ""}
        skey = ("struct", t["attrs"], t["anyattr"], t["content"])
        if skey in self.type_ids:
            return self.type_ids[skey]
        tid = len(self.types)
        self.types.append(t)
        self.type_ids[skey] = tid
        return tid

    def any_type(self):
        key = (XS, "anyType")
        if key in self.type_ids:
            return self.type_ids[key]
        tid = self.new_type(key, "xsd:anyType")
        wild = self.wildcard("##any", "", "lax")
        self.types[tid] = {
            "attrs": (), "anyattr": wild, "label": "xsd:anyType",
            "content": ("elements", ("occurs", ("any", wild), 0, UNBOUNDED), True),
        }
        return tid

    def wildcard(self, namespace, tns, process):
        if namespace == "##any":
            key = ("Any", None, process)
        elif namespace == "##other":
            key = ("Other", NS_ID[tns], process)
        else:
            key = ("List", tuple(sorted(NS_ID[u] for u in namespace.split())), process)
        self.wildcards.setdefault(key, len(self.wildcards))
        return key

    def complex_parts(self, s, node, label):
        """(attrs dict, anyattr, content) of a complexType node, following derivations."""
        mixed = node.get("mixed") == "true"
        kids = [k for k in node if k.tag != x("annotation")]
        attrs, anyattr, content = {}, None, ("empty",)
        if kids and kids[0].tag == x("simpleContent"):
            der = [k for k in kids[0] if k.tag != x("annotation")][0]
            base_qn = s.qname(der.get("base"))
            base_simple = self.resolve_simple(base_qn)
            if base_simple is not None:
                simple = base_simple
            else:
                bs, bnode = self.g_complex[base_qn]
                battrs, banyattr, bcontent = self.complex_parts(bs, bnode, label)
                attrs, anyattr = dict(battrs), banyattr
                simple = self.simples[bcontent[1]]
            if der.tag == x("restriction"):
                simple = self.restrict_simple(s, der, simple)
            elif der.tag != x("extension"):
                die("%s: bad simpleContent" % s.path)
            self.read_attrs(s, der, attrs)
            anyattr = self.read_anyattr(s, der) or anyattr
            return attrs, anyattr, ("simple", self.simple(*simple))
        if kids and kids[0].tag == x("complexContent"):
            der = [k for k in kids[0] if k.tag != x("annotation")][0]
            if der.tag != x("restriction"):
                die("%s: complexContent extension is not supported" % s.path)
            bs, bnode = self.g_complex[s.qname(der.get("base"))]
            battrs, banyattr, _ = self.complex_parts(bs, bnode, label)
            attrs, anyattr = dict(battrs), banyattr
            mixed = mixed or kids[0].get("mixed") == "true"
            kids = [k for k in der if k.tag != x("annotation")]
            holder = der
        else:
            holder = node
        particles = [k for k in kids if k.tag in (x("sequence"), x("choice"), x("all"), x("group"))]
        if particles:
            content = ("elements", self.particle(s, particles[0]), mixed)
        elif mixed:
            content = ("elements", ("occurs", ("seq", []), 1, 1), True)
        self.read_attrs(s, holder, attrs)
        anyattr = self.read_anyattr(s, holder) or anyattr
        return attrs, anyattr, content

    def read_attrs(self, s, holder, attrs):
        for a in holder:
            if a.tag != x("attribute"):
                continue
            if a.get("ref"):
                die("%s: attribute refs are not supported" % s.path)
            ns = s.tns if (a.get("form") == "qualified" or s.attr_qualified) else ""
            key = (NS_ID[ns], a.get("name"))
            if a.get("use") == "prohibited":
                attrs.pop(key, None)
                continue
            inline = [k for k in a if k.tag == x("simpleType")]
            if inline:
                simple = self.simple_node(s, inline[0])
            elif a.get("type"):
                simple = self.resolve_simple(s.qname(a.get("type")))
            else:
                simple = ("String", ())
            attrs[key] = (self.simple(*simple), a.get("use") == "required")

    def read_anyattr(self, s, holder):
        for a in holder:
            if a.tag == x("anyAttribute"):
                return self.wildcard(a.get("namespace", "##any"), s.tns, a.get("processContents", "strict"))
        return None

    def complex_type(self, s, node, key):
        label = key[1] if key else "anonymous"
        tid = self.new_type(key, label)
        attrs, anyattr, content = self.complex_parts(s, node, label)
        attr_tuple = tuple(sorted((k[0], k[1], v[0], v[1]) for k, v in attrs.items()))
        if content[0] == "elements":
            content = ("elements", content[1], content[2])
        t = {"attrs": attr_tuple, "anyattr": anyattr, "content": content,
             "label": "%s:%s" % (prefix_of(key[0]), key[1]) if key else "anonymous"}
        final, shared = self.finish_type(tid, t)
        if shared:
            # Point the name at the shared entry and leave a hole that is compacted later.
            self.type_ids[key] = final
            self.types[tid] = ("alias", final)
        return final

    # ---- particles ----------------------------------------------------------------------
    def particle(self, s, node):
        mn, mx = occurs(node)
        if node.tag == x("element"):
            inner = ("elem", self.element_decl(s, node))
        elif node.tag == x("any"):
            inner = ("any", self.wildcard(node.get("namespace", "##any"), s.tns,
                                          node.get("processContents", "strict")))
        elif node.tag in (x("sequence"), x("choice")):
            kids = [self.particle(s, k) for k in node if k.tag != x("annotation")]
            inner = ("seq" if node.tag == x("sequence") else "alt", kids)
        else:
            die("%s: unsupported particle %s" % (s.path, node.tag))
        return ("occurs", inner, mn, mx)

    def element_decl(self, s, node):
        if node.get("ref"):
            qn = s.qname(node.get("ref"))
            if qn not in self.g_elements:
                die("unknown element ref %r" % (qn,))
            gs, gnode = self.g_elements[qn]
            return self.global_decl(qn)
        ns = s.tns if (node.get("form") == "qualified" or s.elem_qualified) else ""
        return self.make_decl(NS_ID[ns], node.get("name"), self.decl_type(s, node))

    def global_decl(self, qn):
        key = ("global",) + qn
        if key in self.decl_ids:
            return self.decl_ids[key]
        s, node = self.g_elements[qn]
        # Reserve the id first: recursive structures (ds:Signature inside a counter-signature)
        # refer to a declaration while its type is still being built.
        did = len(self.decls)
        self.decls.append(None)
        self.decl_ids[key] = did
        self.decls[did] = (NS_ID[qn[0]], qn[1], self.decl_type(s, node))
        return did

    def make_decl(self, ns_id, name, tid):
        key = ("local", ns_id, name, tid)
        if key not in self.decl_ids:
            self.decl_ids[key] = len(self.decls)
            self.decls.append((ns_id, name, tid))
        return self.decl_ids[key]

    def decl_type(self, s, node):
        inline = [k for k in node if k.tag in (x("complexType"), x("simpleType"))]
        if inline:
            if inline[0].tag == x("simpleType"):
                return self.simple_content_type((), None, self.simple(*self.simple_node(s, inline[0])))
            return self.complex_type(s, inline[0], None)
        if node.get("type"):
            return self.type_id_of_qname(s.qname(node.get("type")))
        return self.any_type()

    # ---- run ----------------------------------------------------------------------------
    def run(self):
        for qn in sorted(self.g_elements):
            if qn[0] in (NAMESPACES[1][1], NAMESPACES[2][1]) or True:
                self.global_decl(qn)
        # Compact: drop alias holes left by shared simple-content types.
        remap, kept = {}, []
        for i, t in enumerate(self.types):
            if isinstance(t, tuple) and t[0] == "alias":
                continue
            remap[i] = len(kept)
            kept.append(t)
        for i, t in enumerate(self.types):
            if isinstance(t, tuple) and t[0] == "alias":
                remap[i] = remap[t[1]]
        self.types = kept
        self.decls = [(ns, name, remap[tid]) for ns, name, tid in self.decls]
        for k in list(self.type_ids):
            self.type_ids[k] = remap[self.type_ids[k]]


def prefix_of(uri):
    if uri in NS_ID:
        return NAMESPACES[NS_ID[uri]][0] or "doc"
    return "?"


# ---- content models -------------------------------------------------------------------------
def flat_sequence(model):
    """[(decl, min, max)] when the model is one plain sequence of element particles."""
    _, inner, mn, mx = model
    if (mn, mx) != (1, 1) or inner[0] != "seq":
        return None
    out = []
    for p in inner[1]:
        _, pin, pmn, pmx = p
        if pin[0] != "elem":
            return None
        out.append((pin[1], pmn, pmx))
    return out


class Glushkov:
    """Position automaton of a particle tree (no state explosion, deterministic by UPA)."""

    def __init__(self):
        self.symbols = []  # per position
        self.follow = []

    def new_pos(self, sym):
        self.symbols.append(sym)
        self.follow.append(set())
        return len(self.symbols) - 1

    def build(self, p):
        """Returns (nullable, first, last) for particle p, adding positions and follows."""
        _, inner, mn, mx = p
        if mx == 0:
            return True, set(), set()
        result = (True, set(), set())
        for i in range(mn):
            r = self.build_inner(inner)
            if i == mn - 1 and mx is UNBOUNDED:
                r = self.plus(r)
            result = self.concat(result, r)
        if mn == 0:
            r = self.build_inner(inner)
            if mx is UNBOUNDED:
                r = self.plus(r)
            result = (True, r[1], r[2])
            extra = 0 if mx is UNBOUNDED else mx - 1
        else:
            extra = 0 if mx is UNBOUNDED else mx - mn
        # Further optional copies are nested, (a (a)?)?, so the automaton stays deterministic.
        return self.concat(result, self.optional_chain(inner, extra))

    def optional_chain(self, inner, k):
        if k == 0:
            return True, set(), set()
        r = self.concat(self.build_inner(inner), self.optional_chain(inner, k - 1))
        return True, r[1], r[2]

    def build_inner(self, inner):
        kind = inner[0]
        if kind in ("elem", "any"):
            pos = self.new_pos(inner)
            return False, {pos}, {pos}
        if kind == "seq":
            result = (True, set(), set())
            for k in inner[1]:
                result = self.concat(result, self.build(k))
            return result
        if kind == "alt":
            nullable, first, last = False, set(), set()
            for k in inner[1]:
                n, f, l = self.build(k)
                nullable, first, last = nullable or n, first | f, last | l
            return nullable, first, last
        die("bad inner particle %r" % (kind,))

    def concat(self, a, b):
        an, af, al = a
        bn, bf, bl = b
        for p in al:
            self.follow[p] |= bf
        return (an and bn, af | (bf if an else set()), bl | (al if bn else set()))

    def plus(self, r):
        n, f, l = r
        for p in l:
            self.follow[p] |= f
        return r


# ---- emission ------------------------------------------------------------------------------
def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def seq_item(d, mn, mx):
    """Short forms for the four occurrence ranges UBL uses: optional, required, many, some."""
    short = {(0, 1): "o", (1, 1): "r", (0, UNBOUNDED): "m", (1, UNBOUNDED): "p"}
    if (mn, mx) in short:
        return "%s(%d)" % (short[(mn, mx)], d)
    return "s(%d, %d, %s)" % (d, mn, max_lit(mx))


def max_lit(mx):
    return "U" if mx is UNBOUNDED else str(mx)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    xsd_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "validation", "xsd", "ubl-2.1")
    g = Generator(xsd_dir)
    g.run()
    out = []
    w = out.append
    w("// @generated by tools/gen_ubl_tables.py from the OASIS UBL 2.1 schemas")
    w("// (maindoc/UBL-Invoice-2.1.xsd, maindoc/UBL-CreditNote-2.1.xsd and common/*.xsd,")
    w("// read from ../shared/validation/xsd/ubl-2.1/ at development time). Do not edit by hand.")
    w("// Regenerate: python3 tools/gen_ubl_tables.py > src/validation/quick/ubl_tables.rs && cargo fmt")
    w("//")
    w("// Layout: element declarations (namespace, local name, type), the types they use (attributes,")
    w("// attribute wildcard, content: empty, simple or element content with a content model), simple")
    w("// types (XSD builtin + enumeration) and content models: a plain sequence (every UBL aggregate)")
    w("// or a Glushkov position automaton (the few XML-DSig / XAdES types with choices and wildcards).")
    w("// Short constructors (schema.rs): o/r/m/p = element optional / required / 0..n / 1..n in a")
    w("// sequence, t = type, e = element declaration, at = attribute, st = simple type.")
    w("#![allow(clippy::all)]")
    w("#![cfg_attr(rustfmt, rustfmt_skip)]")
    w("use super::schema::*;")
    w("")
    w("pub const NAMESPACES: &[(&str, &str)] = &[")
    for prefix, uri in NAMESPACES:
        w("    (%s, %s)," % (rust_str(prefix), rust_str(uri)))
    w("];")
    w("pub const NS_INVOICE: u8 = %d;" % DOC_NAMESPACES[0])
    w("pub const NS_CREDIT_NOTE: u8 = %d;" % DOC_NAMESPACES[1])
    w("pub const NS_XSI: u8 = %d;" % NS_ID["http://www.w3.org/2001/XMLSchema-instance"])
    w("")
    w("pub const SIMPLE_TYPES: &[SimpleType] = &[")
    for i, (builtin, enums) in enumerate(g.simples):
        w("    st(Builtin::%s, &[%s]), // %d" % (builtin, ", ".join(rust_str(e) for e in enums), i))
    w("];")
    w("")
    # Wildcards
    def wild_lit(key):
        kind, ns, process = key
        proc = {"lax": "Process::Lax", "skip": "Process::Skip", "strict": "Process::Strict"}[process]
        if kind == "Any":
            nsc = "NsConstraint::Any"
        elif kind == "Other":
            nsc = "NsConstraint::Other(%d)" % ns
        else:
            nsc = "NsConstraint::List(&[%s])" % ", ".join(str(n) for n in ns)
        return "Wildcard { namespaces: %s, process: %s }" % (nsc, proc)

    # Attribute sets, shared.
    attr_sets = {}
    for t in g.types:
        attr_sets.setdefault(t["attrs"], len(attr_sets))
    for attrs, i in sorted(attr_sets.items(), key=lambda kv: kv[1]):
        items = ", ".join("at(%d, %s, %d, %s)" % (ns, rust_str(name), sid, "true" if req else "false")
                          for ns, name, sid, req in attrs)
        w("const A%d: &[AttributeUse] = &[%s];" % (i, items))
    w("")
    # Automata for non-flat models.
    automata = []
    def model_lit(model):
        flat = flat_sequence(model)
        if flat is not None:
            return "seq(&[%s])" % ", ".join(seq_item(d, mn, mx) for d, mn, mx in flat)
        gl = Glushkov()
        nullable, first, last = gl.build(model)
        idx = len(automata)
        positions = []
        for p, sym in enumerate(gl.symbols):
            if sym[0] == "elem":
                sl = "Symbol::Element(%d)" % sym[1]
            else:
                sl = "Symbol::Wildcard(%s)" % wild_lit(sym[1])
            positions.append("Position { symbol: %s, last: %s, follow: &[%s] }" % (
                sl, "true" if p in last else "false", ", ".join(str(f) for f in sorted(gl.follow[p]))))
        automata.append("const M%d: Automaton = Automaton { nullable: %s, first: &[%s], positions: &[\n        %s,\n    ] };" % (
            idx, "true" if nullable else "false", ", ".join(str(f) for f in sorted(first)), ",\n        ".join(positions)))
        return "auto(&M%d)" % idx

    type_lines = []
    for i, t in enumerate(g.types):
        content = t["content"]
        if content[0] == "empty":
            cl = "EMPTY"
        elif content[0] == "simple":
            cl = "simple(%d)" % content[1]
        else:
            cl = "%s(%s)" % ("mixed" if content[2] else "elements", model_lit(content[1]))
        aa = "None" if t["anyattr"] is None else "Some(%s)" % wild_lit(t["anyattr"])
        type_lines.append("    /* %d %s */ t(A%d, %s, %s)," % (
            i, t["label"], attr_sets[t["attrs"]], aa, cl))
    for a in automata:
        w(a)
    w("")
    w("pub const TYPES: &[TypeDef] = &[")
    out.extend(type_lines)
    w("];")
    w("")
    w("pub const ELEMENTS: &[ElementDecl] = &[")
    for i, (ns, name, tid) in enumerate(g.decls):
        w("    e(%d, %s, %d),%s" % (ns, rust_str(name), tid, " // %d" % i if i % 50 == 0 else ""))
    w("];")
    w("")
    globals_ = sorted(((NS_ID[qn[0]], qn[1], g.decl_ids[("global",) + qn]) for qn in g.g_elements))
    w("/// Global element declarations sorted by (namespace, local name), for binary search.")
    w("pub const GLOBAL_ELEMENTS: &[u16] = &[%s];" % ", ".join(str(d) for _, _, d in globals_))
    print("\n".join(out))
    sys.stderr.write("types %d, elements %d, simple %d, automata %d, attribute sets %d\n" % (
        len(g.types), len(g.decls), len(g.simples), len(automata), len(attr_sets)))


if __name__ == "__main__":
    main()
