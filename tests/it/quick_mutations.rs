//! Deterministic single-edit mutations of the valid example invoices, for the differential
//! test against the oracle: they exercise order, cardinality, values and attributes on real
//! documents (cius-ro examples, EN16931 examples), far beyond hand-written cases.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// A start..end byte span of one element (start tag to end of end tag), its parent, and the
/// span of its name in the start tag.
struct Span {
    start: usize,
    end: usize,
    parent: Option<usize>,
    name: (usize, usize),
    empty: bool,
    leaf: bool,
    content_start: usize,
}

fn spans(doc: &[u8]) -> Vec<Span> {
    let mut reader = Reader::from_reader(doc);
    let mut out: Vec<Span> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name_len = e.name().0.len();
                if let Some(&p) = stack.last() {
                    out[p].leaf = false;
                }
                out.push(Span {
                    start: pos,
                    end: 0,
                    parent: stack.last().copied(),
                    name: (pos + 1, pos + 1 + name_len),
                    empty: false,
                    leaf: true,
                    content_start: usize::try_from(reader.buffer_position()).unwrap(),
                });
                stack.push(out.len() - 1);
            }
            Ok(Event::Empty(e)) => {
                let name_len = e.name().0.len();
                if let Some(&p) = stack.last() {
                    out[p].leaf = false;
                }
                let end = usize::try_from(reader.buffer_position()).unwrap();
                out.push(Span {
                    start: pos,
                    end,
                    parent: stack.last().copied(),
                    name: (pos + 1, pos + 1 + name_len),
                    empty: true,
                    leaf: true,
                    content_start: end,
                });
            }
            Ok(Event::End(_)) => {
                if let Some(i) = stack.pop() {
                    out[i].end = usize::try_from(reader.buffer_position()).unwrap();
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A small deterministic generator (no extra crate needed for test data).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from((self.0 >> 33) % u64::try_from(n.max(1)).unwrap()).unwrap()
    }
}

const JUNK: &[&str] = &[
    "x",
    "",
    " 1 ",
    "2020-02-30",
    "1e5",
    "true",
    "-",
    "YQ=",
    "12:00",
    "ș",
    "1.5",
    "2024-01-01",
];
const ATTRIBUTES: &[&str] = &[
    " foo=\"1\"",
    " currencyID=\"RON\"",
    " unitCode=\"H87\"",
    " schemeID=\"0088\"",
    " languageID=\"r o\"",
    " mimeCode=\"a\"",
    " listID=\"\"",
];
const NAMES: &[&str] = &["Note", "ID", "Name", "Party", "Foo", "TaxAmount"];

/// `count` mutated documents derived from `sources` (name, bytes), named after their source.
pub fn mutate(sources: &[(String, Vec<u8>)], count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Lcg(seed);
    let mut out = Vec::new();
    let mut attempts = 0;
    while out.len() < count && attempts < count * 10 && !sources.is_empty() {
        attempts += 1;
        let (source, doc) = &sources[rng.below(sources.len())];
        let spans = spans(doc);
        if spans.len() < 3 {
            continue;
        }
        let i = 1 + rng.below(spans.len() - 1);
        let s = &spans[i];
        if s.end <= s.start {
            continue;
        }
        let kind = rng.below(6);
        let mutated: Option<Vec<u8>> = match kind {
            0 => Some([&doc[..s.start], &doc[s.end..]].concat()),
            1 => Some([&doc[..s.end], &doc[s.start..s.end], &doc[s.end..]].concat()),
            2 => {
                // Move before its previous sibling.
                let previous = spans[..i]
                    .iter()
                    .rev()
                    .find(|p| p.parent == s.parent && p.end <= s.start);
                previous.map(|p| {
                    [
                        &doc[..p.start],
                        &doc[s.start..s.end],
                        &doc[p.start..s.start],
                        &doc[s.end..],
                    ]
                    .concat()
                })
            }
            3 if s.leaf && !s.empty => {
                let close = doc[..s.end]
                    .iter()
                    .rposition(|&b| b == b'<')
                    .unwrap_or(s.end);
                let junk = JUNK[rng.below(JUNK.len())].as_bytes();
                Some([&doc[..s.content_start], junk, &doc[close..]].concat())
            }
            4 if !s.empty => {
                let attr = ATTRIBUTES[rng.below(ATTRIBUTES.len())].as_bytes();
                let gt = s.content_start - 1;
                Some([&doc[..gt], attr, &doc[gt..]].concat())
            }
            5 => {
                let qname = &doc[s.name.0..s.name.1];
                let prefix_len = qname.iter().position(|&b| b == b':').map_or(0, |p| p + 1);
                let new_name = [
                    &qname[..prefix_len],
                    NAMES[rng.below(NAMES.len())].as_bytes(),
                ]
                .concat();
                let mut m = doc.clone();
                if !s.empty {
                    let close = doc[..s.end]
                        .iter()
                        .rposition(|&b| b == b'<')
                        .unwrap_or(s.end);
                    m.splice(close + 2..close + 2 + qname.len(), new_name.iter().copied());
                }
                m.splice(s.name.0..s.name.1, new_name.iter().copied());
                Some(m)
            }
            _ => None,
        };
        if let Some(m) = mutated {
            let stem = source.trim_end_matches(".xml").trim_end_matches(".XML");
            let safe: String = stem
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            out.push((format!("mut{:04}_k{kind}_{safe}.xml", out.len()), m));
        }
    }
    out
}
