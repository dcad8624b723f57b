//! A small text-level XML editor for the mutation harness: quick-xml finds the byte spans of
//! every element, and each edit splices the original text, so everything we do not touch (the
//! namespace declarations, whitespace, comments, the other elements) stays byte for byte. Edits
//! return the new text; the caller parses it again for the next edit.

use quick_xml::Reader;
use quick_xml::events::Event;

pub struct Element {
    /// The tag name as written (`cbc:ID`).
    pub qname: String,
    /// The name after the prefix (`ID`).
    pub local: String,
    /// Offset of the `<` of the start tag.
    pub start: usize,
    /// Offset just after the start tag's `>`.
    pub open_end: usize,
    /// Offset of the `</` of the end tag (`== open_end` for `<x/>`).
    pub close_start: usize,
    /// Offset just after the end tag's `>` (or of `<x/>`).
    pub end: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub self_closing: bool,
}

pub struct XmlDoc {
    pub text: String,
    /// In document order; element 0 is the root.
    pub elements: Vec<Element>,
}

impl XmlDoc {
    /// Parses `text`; `None` when it is not well-formed (the harness then drops the edit).
    pub fn parse(text: String) -> Option<XmlDoc> {
        let mut elements: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        {
            let mut reader = Reader::from_str(&text);
            reader.config_mut().check_end_names = true;
            loop {
                let before = usize::try_from(reader.buffer_position()).ok()?;
                let event = reader.read_event().ok()?;
                let after = usize::try_from(reader.buffer_position()).ok()?;
                let (qname, self_closing) = match &event {
                    Event::Start(e) => (e.name(), false),
                    Event::Empty(e) => (e.name(), true),
                    Event::End(_) => {
                        let id = open.pop()?;
                        elements[id].close_start = before;
                        elements[id].end = after;
                        continue;
                    }
                    Event::Eof => break,
                    _ => continue,
                };
                let qname = qname.into_inner().to_owned();
                let local = qname.rsplit(':').next().unwrap_or(&qname).to_owned();
                let id = elements.len();
                let parent = open.last().copied();
                if let Some(p) = parent {
                    elements[p].children.push(id);
                }
                elements.push(Element {
                    qname,
                    local,
                    start: before,
                    open_end: after,
                    close_start: after,
                    end: after,
                    parent,
                    children: Vec::new(),
                    self_closing,
                });
                if !self_closing {
                    open.push(id);
                }
            }
        }
        if !open.is_empty() || elements.is_empty() {
            return None;
        }
        debug_assert!(elements.iter().all(|e| text[e.start..].starts_with('<')));
        Some(XmlDoc { text, elements })
    }

    pub fn get(&self, id: usize) -> &Element {
        &self.elements[id]
    }

    pub fn by_local(&self, local: &str) -> Vec<usize> {
        (0..self.elements.len())
            .filter(|&i| self.elements[i].local == local)
            .collect()
    }

    /// Elements whose local name is one of `locals`.
    pub fn by_locals(&self, locals: &[&str]) -> Vec<usize> {
        (0..self.elements.len())
            .filter(|&i| locals.contains(&self.elements[i].local.as_str()))
            .collect()
    }

    pub fn child(&self, id: usize, local: &str) -> Option<usize> {
        self.elements[id]
            .children
            .iter()
            .copied()
            .find(|&c| self.elements[c].local == local)
    }

    pub fn parent_local(&self, id: usize) -> &str {
        self.elements[id]
            .parent
            .map_or("", |p| self.elements[p].local.as_str())
    }

    /// Leaf elements (no element children): the ones with a value.
    pub fn leaves(&self) -> Vec<usize> {
        (0..self.elements.len())
            .filter(|&i| self.elements[i].children.is_empty())
            .collect()
    }

    /// The raw content of a leaf (between its tags).
    pub fn content(&self, id: usize) -> &str {
        let e = &self.elements[id];
        &self.text[e.open_end..e.close_start]
    }

    /// Whole element as written.
    pub fn outer(&self, id: usize) -> &str {
        let e = &self.elements[id];
        &self.text[e.start..e.end]
    }

    fn splice(&self, from: usize, to: usize, with: &str) -> String {
        let mut s = String::with_capacity(self.text.len() + with.len());
        s.push_str(&self.text[..from]);
        s.push_str(with);
        s.push_str(&self.text[to..]);
        s
    }

    /// The start tag without its closing `>` / `/>`.
    fn open_tag_body(&self, id: usize) -> &str {
        let e = &self.elements[id];
        let tag = &self.text[e.start..e.open_end];
        let tag = tag.strip_suffix('>').unwrap_or(tag);
        if e.self_closing {
            tag.strip_suffix('/').unwrap_or(tag).trim_end()
        } else {
            tag
        }
    }

    pub fn remove(&self, id: usize) -> String {
        let e = &self.elements[id];
        self.splice(e.start, e.end, "")
    }

    pub fn duplicate(&self, id: usize) -> String {
        let e = &self.elements[id];
        let copy = format!("{}{}", self.outer(id), self.outer(id));
        self.splice(e.start, e.end, &copy)
    }

    /// Replaces the whole element `id` by `xml`.
    pub fn replace_outer(&self, id: usize, xml: &str) -> String {
        let e = &self.elements[id];
        self.splice(e.start, e.end, xml)
    }

    /// Replaces the content of `id` by `value` (already escaped); works on `<x/>` too.
    pub fn set_text(&self, id: usize, value: &str) -> String {
        let e = &self.elements[id];
        if e.self_closing {
            let xml = format!("{}>{value}</{}>", self.open_tag_body(id), e.qname);
            self.splice(e.start, e.end, &xml)
        } else {
            self.splice(e.open_end, e.close_start, value)
        }
    }

    /// `<x .../>`: an empty element written in its short form.
    pub fn self_close(&self, id: usize) -> String {
        let xml = format!("{}/>", self.open_tag_body(id));
        let e = &self.elements[id];
        self.splice(e.start, e.end, &xml)
    }

    /// Renames the start and end tags of `id` to `qname`.
    pub fn rename(&self, id: usize, qname: &str) -> String {
        let e = &self.elements[id];
        let body = self.open_tag_body(id);
        let attrs = &body[1 + e.qname.len()..];
        if e.self_closing {
            return self.splice(e.start, e.end, &format!("<{qname}{attrs}/>"));
        }
        let inner = &self.text[e.open_end..e.close_start];
        self.splice(
            e.start,
            e.end,
            &format!("<{qname}{attrs}>{inner}</{qname}>"),
        )
    }

    /// Renames several elements at once (`(element, new qname)`), tag by tag, so that nested
    /// renames do not disturb each other's offsets.
    pub fn rename_many(&self, renames: &[(usize, &str)]) -> String {
        let mut splices: Vec<(usize, usize, &str)> = Vec::new();
        for &(id, qname) in renames {
            let e = &self.elements[id];
            splices.push((e.start + 1, e.start + 1 + e.qname.len(), qname));
            if !e.self_closing {
                splices.push((e.close_start + 2, e.close_start + 2 + e.qname.len(), qname));
            }
        }
        splices.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut text = self.text.clone();
        for (from, to, with) in splices {
            text.replace_range(from..to, with);
        }
        text
    }

    /// Inserts `xml` as the first child of `id` (turning `<x/>` into `<x>xml</x>`).
    pub fn insert_first_child(&self, id: usize, xml: &str) -> String {
        let e = &self.elements[id];
        if e.self_closing {
            return self.set_text(id, xml);
        }
        self.splice(e.open_end, e.open_end, xml)
    }

    pub fn insert_last_child(&self, id: usize, xml: &str) -> String {
        let e = &self.elements[id];
        if e.self_closing {
            return self.set_text(id, xml);
        }
        self.splice(e.close_start, e.close_start, xml)
    }

    pub fn insert_before(&self, id: usize, xml: &str) -> String {
        let e = &self.elements[id];
        self.splice(e.start, e.start, xml)
    }

    /// Drops the tags of `id`, keeping its content (a missing parent).
    pub fn unwrap(&self, id: usize) -> String {
        let e = &self.elements[id];
        if e.self_closing {
            return self.remove(id);
        }
        let inner = self.text[e.open_end..e.close_start].to_owned();
        self.splice(e.start, e.end, &inner)
    }

    /// Position and value span of attribute `name` in the start tag of `id`.
    fn attr_span(&self, id: usize, name: &str) -> Option<(usize, usize, usize)> {
        let e = &self.elements[id];
        let tag = &self.text[e.start..e.open_end];
        let mut from = 0;
        while let Some(found) = tag[from..].find(name) {
            let at = from + found;
            from = at + name.len();
            let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
            let rest = tag[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest_trim = rest.trim_start();
            let Some(quote) = rest_trim.chars().next().filter(|q| *q == '"' || *q == '\'') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let value_start = tag.len() - rest_trim.len() + 1;
            let value_len = tag[value_start..].find(quote)?;
            return Some((
                e.start + at,
                e.start + value_start,
                e.start + value_start + value_len,
            ));
        }
        None
    }

    pub fn attr(&self, id: usize, name: &str) -> Option<&str> {
        self.attr_span(id, name)
            .map(|(_, from, to)| &self.text[from..to])
    }

    /// Sets (or adds) attribute `name` of `id`.
    pub fn set_attr(&self, id: usize, name: &str, value: &str) -> String {
        match self.attr_span(id, name) {
            Some((_, from, to)) => self.splice(from, to, value),
            None => {
                let at = self.elements[id].start + 1 + self.elements[id].qname.len();
                self.splice(at, at, &format!(" {name}=\"{value}\""))
            }
        }
    }

    pub fn remove_attr(&self, id: usize, name: &str) -> String {
        match self.attr_span(id, name) {
            // From the whitespace before the name to the closing quote.
            Some((at, _, to)) => {
                let lead = self.text[..at].len() - self.text[..at].trim_end().len();
                self.splice(at - lead, to + 1, "")
            }
            None => self.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<r a=\"1\"><x:A k='v'>t</x:A>\n<B/><C><D>1</D></C></r>";

    #[test]
    fn spans_and_edits_keep_the_rest_intact() {
        let doc = XmlDoc::parse(DOC.to_owned()).unwrap();
        assert_eq!(doc.elements.len(), 5);
        let a = doc.by_local("A")[0];
        assert_eq!(doc.outer(a), "<x:A k='v'>t</x:A>");
        assert_eq!(doc.content(a), "t");
        assert_eq!(doc.attr(a, "k"), Some("v"));
        let b = doc.by_local("B")[0];
        assert_eq!(doc.set_text(b, "z"), DOC.replace("<B/>", "<B>z</B>"));
        assert_eq!(
            doc.rename(a, "y:E"),
            DOC.replace("<x:A k='v'>t</x:A>", "<y:E k='v'>t</y:E>")
        );
        assert_eq!(doc.set_attr(a, "k", "w"), DOC.replace("k='v'", "k='w'"));
        assert_eq!(
            doc.set_attr(b, "u", "1"),
            DOC.replace("<B/>", "<B u=\"1\"/>")
        );
        assert_eq!(doc.remove_attr(0, "a"), DOC.replace(" a=\"1\"", ""));
        let c = doc.by_local("C")[0];
        assert_eq!(doc.unwrap(c), DOC.replace("<C><D>1</D></C>", "<D>1</D>"));
        assert_eq!(doc.self_close(c), DOC.replace("<C><D>1</D></C>", "<C/>"));
        assert!(XmlDoc::parse(doc.duplicate(c)).is_some());
        assert!(XmlDoc::parse("<a><b></a>".to_owned()).is_none());
    }
}
