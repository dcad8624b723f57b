"""Generates src/validation/full/en/code_lists.rs from ANAF's bundle 1.0.9 (dev time only).

Reads the code-list pattern `Codesmodel` (`codelist/EN16931-UBL-codes.sch`, with ANAF's rewrite of
BR-CL-03 / BR-CL-23) from the shared folder beside the repository and writes every code list its
asserts test against, as sorted slices for binary search.

The asserts test membership as `contains(' A B C ', concat(' ', normalize-space(X), ' '))` with
`not(contains(normalize-space(X), ' '))`. That is exact token membership only because every list
literal is single-space separated with a leading and a trailing space (so an empty value, "  ",
never matches and a code at either end does); this script checks that, so the Rust side can use
plain set lookups. Identical lists used by several rules are written once; the rule ids that use
each list are checked against the table below, so a new bundle that changes which rule uses which
list makes this script fail instead of silently mixing lists up.
"""
import os, re, sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "..", "shared", "validation", "cius-ro", "schematron")
SCH_DIR = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, "..", "src", "validation", "full", "en", "code_lists.rs")
SCH = "codelist/EN16931-UBL-codes.sch"
NS = "{http://purl.oclc.org/dsdl/schematron}"

# (Rust name, what it is, the (rule id, index of the list literal within that assert's test)
# pairs that use it). The index counts the space-separated list literals of one test in order.
LISTS = [
    ("INVOICE_TYPE_CODES", "UNTDID 1001 invoice type codes (`cbc:InvoiceTypeCode`)", [("BR-CL-01", 0)]),
    ("CREDIT_NOTE_TYPE_CODES", "UNTDID 1001 credit note type codes (`cbc:CreditNoteTypeCode`)", [("BR-CL-01", 1)]),
    ("CURRENCIES", "ISO 4217 alpha-3 currency codes", [("BR-CL-03", 0), ("BR-CL-04", 0), ("BR-CL-05", 0)]),
    ("VAT_POINT_DATE_CODES", "UNTDID 2005 restriction: value added tax point date codes", [("BR-CL-06", 0)]),
    ("OBJECT_SCHEMES", "UNTDID 1153 reference code qualifiers (object identifier schemes)", [("BR-CL-07", 0)]),
    ("ICD_SCHEMES", "ISO 6523 ICD identifier schemes", [("BR-CL-10", 0), ("BR-CL-11", 0), ("BR-CL-21", 0), ("BR-CL-26", 0)]),
    ("SELLER_PAYEE_EXTRA_SCHEMES", "schemes BR-CL-10 accepts only below the seller or the payee", [("BR-CL-10", 1)]),
    ("ITEM_CLASSIFICATION_SCHEMES", "UNTDID 7143 item classification schemes", [("BR-CL-13", 0)]),
    ("COUNTRIES", "ISO 3166-1 alpha-2 country codes (and `1A`)", [("BR-CL-14", 0), ("BR-CL-15", 0)]),
    ("PAYMENT_MEANS", "UNCL 4461 payment means codes", [("BR-CL-16", 0)]),
    ("TAX_CATEGORIES", "UNCL 5305 tax category codes", [("BR-CL-17", 0), ("BR-CL-18", 0)]),
    ("ALLOWANCE_REASONS", "UNCL 5189 allowance reason codes", [("BR-CL-19", 0)]),
    ("CHARGE_REASONS", "UNCL 7161 charge reason codes", [("BR-CL-20", 0)]),
    ("VATEX_CODES", "CEF VATEX exemption reason codes (compared upper-cased)", [("BR-CL-22", 0)]),
    ("UNIT_CODES", "UN/ECE Recommendation 20 with Rec 21 unit codes", [("BR-CL-23", 0)]),
    ("EAS_SCHEMES", "CEF EAS electronic address schemes", [("BR-CL-25", 0)]),
]
# BR-CL-24 compares `@mimeCode` with string literals (`@mimeCode = '...' or ...`): exact values.
MIME_RULE = "BR-CL-24"

root = ET.parse(os.path.join(SCH_DIR, SCH)).getroot()  # drops the commented-out old rules
rules = []
for rule in root.iter(NS + "rule"):
    for a in rule.iter(NS + "assert"):
        rules.append((a.get("id"), rule.get("context"), a.get("test")))
# 22 asserts in force; the two old BR-CL-03 / BR-CL-23 rules are commented out by ANAF.
assert len(rules) == 22, len(rules)

found = {}  # (id, index) -> tokens
mime = None
for rid, context, test in rules:
    if rid == MIME_RULE:
        mime = re.findall(r"@mimeCode\s*=\s*'([^']*)'", test)
        assert mime and test.count("'") == 2 * len(mime), test
        continue
    lits = re.findall(r"contains\(\s*'([^']*)'", test)
    assert lits, (rid, test)
    for i, lit in enumerate(lits):
        tokens = lit.split(" ")[1:-1]
        # Exact token membership needs ' a b c ': leading/trailing space, single separators.
        assert lit.startswith(" ") and lit.endswith(" ") and "" not in tokens, (rid, lit[:40])
        assert all(t == t.strip() and t for t in tokens), rid
        found[(rid, i)] = tokens

used = set()
out_lists = []
for name, what, users in LISTS:
    first = found[users[0]]
    for u in users:
        assert sorted(found[u]) == sorted(first), (name, u)
        used.add(u)
    codes = sorted(set(first))
    out_lists.append((name, what, [u[0] for u in users], codes))
assert used == set(found), set(found) - used

def lit(s):
    assert "\\" not in s and '"' not in s
    return '"' + s + '"'

with open(OUT, "w", encoding="utf-8") as f:
    f.write("//! The code lists of the `Codesmodel` pattern (BR-CL-*) of ANAF's bundle 1.0.9,\n")
    f.write("//! generated by tools/gen_en_code_lists.py from `codelist/EN16931-UBL-codes.sch`, do not edit.\n")
    f.write("//!\n//! Every list is sorted (byte order) and free of duplicates, for `binary_search`.\n\n")
    for name, what, ids, codes in out_lists:
        count = f"{len(codes)} code" + ("" if len(codes) == 1 else "s")
        f.write(f"/// {what}: {', '.join(ids)} ({count}).\n")
        f.write(f"pub const {name}: &[&str] = &[\n")
        line = "   "
        for c in codes:
            piece = " " + lit(c) + ","
            if len(line) + len(piece) > 99:
                f.write(line + "\n")
                line = "   "
            line += piece
        f.write(line + "\n];\n\n")
    f.write(f"/// MIME types {MIME_RULE} accepts, compared exactly (no whitespace trimming), in .sch order.\n")
    f.write("pub const MIME_CODES: &[&str] = &[\n")
    for m in mime:
        f.write(f"    {lit(m)},\n")
    f.write("];\n")
print(f"{len(out_lists)} lists + MIME ({len(mime)}) written to {OUT}", file=sys.stderr)
