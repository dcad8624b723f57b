//! The XML tokenizer of the validator's single pass (and of [`Doc::parse`]).
//!
//! Why not quick-xml here: it checks UTF-8 again for every event (a quarter of full validation's
//! instructions went to its event loop and those checks), and it leaves several well-formedness
//! rules to its caller. This tokenizer checks the UTF-8 of the whole document once, up front,
//! and then only cuts the text at ASCII delimiters, so every piece is a `&str` for free.
//!
//! What it enforces (the rest of XML 1.0 well-formedness is checked by the validator: `]]>` in
//! text, forbidden characters, one root, text outside it, where the XML declaration may be):
//! tags are closed and end tags match their start tags; names are made of name characters;
//! attributes are `name="value"` or `name='value'`, separated by whitespace; comments hold no
//! `--`; references are `&name;`, `&#n;` or `&#xh;` (naming a character XML allows); a bare `&`
//! is an error. A UTF-8 error is reported when the token that contains it is reached, so
//! what comes before it is still read and checked.
//!
//! [`Doc::parse`]: crate::validation::full::doc::Doc::parse

use std::borrow::Cow;
use std::collections::HashSet;

use memchr::{memchr, memchr_iter, memchr2, memchr3};

use crate::validation::full::name::same_bytes;

mod swar;

/// The UTF-8 byte order mark, skipped at the start of a document.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One piece of the document, borrowed from its bytes.
#[derive(Debug)]
pub enum Token<'a> {
    /// A start tag `<name ...>`.
    Start(Tag<'a>),
    /// An empty-element tag `<name .../>`.
    Empty(Tag<'a>),
    /// An end tag; it matched the innermost open start tag.
    End,
    /// Character data up to the next `<` or `&`.
    Text(Text<'a>),
    /// The content of a CDATA section (never blank, so that the caller looks at it).
    CData(Text<'a>),
    /// A character reference, resolved.
    CharRef(char),
    /// A reference to one of the five predefined entities, resolved (no DTD is read, so
    /// there are no others: any other name is an error).
    EntityRef(&'static str),
    /// `<?xml ...?>`: what follows the target, for its pseudo-attributes.
    Decl(Tag<'a>),
    /// `<!DOCTYPE` (the rest is not read: DTDs are refused).
    DocType,
    Comment,
    /// A processing instruction other than the XML declaration.
    Pi,
    Eof,
}

/// Character data as written, with what the tokenizer saw on its way through it.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    /// Line ends not yet normalized: see [`Text::content`].
    pub raw: &'a str,
    /// Where `raw` starts in the document.
    pub at: usize,
    /// Only spaces, tabs and line ends (indentation, mostly): none of the checks of other
    /// text apply.
    pub blank: bool,
    /// Holds a carriage return, so its line ends need normalizing.
    pub cr: bool,
    /// Seen to hold no byte below ' ' (not even a line end), no 0xEF (the first byte of
    /// U+FFFE and U+FFFF) and no `]`: no character XML forbids and no `]]>`, so the validator
    /// need not look for either. False when not looked at (long text, CDATA).
    pub plain: bool,
}

impl<'a> Text<'a> {
    /// The text as XML delivers it: line ends normalized into `buffer` when there is a CR
    /// (documents written on Windows), else borrowed as it is.
    #[inline]
    pub fn content<'b>(&self, buffer: &'b mut String) -> &'b str
    where
        'a: 'b,
    {
        if !self.cr {
            return self.raw;
        }
        self.normalized(buffer)
    }

    /// Where [`Self::content`] stands in the document as it is (no CR to normalize).
    #[inline]
    pub fn content_at(&self) -> Option<usize> {
        (!self.cr).then_some(self.at)
    }

    /// The text with each CR LF and lone CR turned into LF, in `buffer`.
    fn normalized<'b>(&self, buffer: &'b mut String) -> &'b str {
        buffer.clear();
        let mut rest = self.raw;
        while let Some(i) = rest.find('\r') {
            buffer.push_str(rest.get(..i).unwrap_or_default());
            buffer.push('\n');
            let skip = if rest.as_bytes().get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            rest = rest.get(i + skip..).unwrap_or_default();
        }
        buffer.push_str(rest);
        buffer
    }
}

/// A start tag (or the XML declaration): its name and its attributes, unread.
#[derive(Debug, Clone, Copy)]
pub struct Tag<'a> {
    name: &'a str,
    /// Where the local part of the name starts: 0 without a prefix, else one past the colon.
    local: usize,
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    /// A tag from its content between `<` and `>` (without the `/` of an empty element):
    /// the name, then attributes.
    #[cfg(test)]
    pub fn from_content(content: &'a str) -> Result<Tag<'a>, String> {
        let bytes = content.as_bytes();
        let (end, local) = qname_end(bytes, 0);
        if end == 0 {
            return Err(describe_unexpected(bytes.first().copied(), "a name"));
        }
        match bytes.get(end) {
            None => {}
            Some(&b) if is_space(b) => {}
            Some(&b) => return Err(describe_unexpected(Some(b), "whitespace or '>'")),
        }
        Ok(Tag {
            name: content.get(..end).unwrap_or_default(),
            local,
            attrs: content.get(end..).unwrap_or_default(),
        })
    }

    /// The qualified name, as written.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// `(prefix, local name)` of the name, as [`split_name`] gives them, without a second look
    /// for the colon.
    ///
    /// [`split_name`]: super::namespaces::split_name
    #[inline(always)] // (once per element: two slices)
    pub fn split_name(&self) -> (Option<&'a str>, &'a str) {
        match self.local {
            0 => (None, self.name),
            local => (
                self.name.get(..local - 1),
                self.name.get(local..).unwrap_or_default(),
            ),
        }
    }

    /// Everything after the name, as written (empty or starting with whitespace).
    pub fn attributes_raw(&self) -> &'a str {
        self.attrs
    }

    pub fn attributes(&self) -> Attributes<'a> {
        Attributes {
            text: self.attrs,
            at: 0,
        }
    }
}

/// One attribute as written: `key="raw"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub key: &'a str,
    /// The value between the quotes, references not yet resolved (see [`normalize_attribute`]).
    pub raw: &'a str,
}

impl<'a> Attribute<'a> {
    /// `Some(None)` for `xmlns`, `Some(Some(prefix))` for `xmlns:prefix`, `None` otherwise.
    pub fn namespace_binding(&self) -> Option<Option<&'a str>> {
        if self.key == "xmlns" {
            Some(None)
        } else {
            self.key.strip_prefix("xmlns:").map(Some)
        }
    }
}

/// The attributes of a tag, in order; after an error, nothing more.
pub struct Attributes<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Result<Attribute<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let mut i = skip_space(bytes, self.at);
        if i >= bytes.len() {
            self.at = bytes.len();
            return None;
        }
        // Fused on error: the caller stops at the first one anyway.
        let fail = |this: &mut Self, message: String| {
            this.at = bytes.len();
            Some(Err(message))
        };
        let key_start = i;
        i = name_end(bytes, i);
        if i == key_start {
            return fail(
                self,
                describe_unexpected(bytes.get(i).copied(), "an attribute name"),
            );
        }
        let key = self.text.get(key_start..i).unwrap_or_default();
        i = skip_space(bytes, i);
        if bytes.get(i) != Some(&b'=') {
            return fail(
                self,
                format!("attribute '{key}' has no value ('=' expected)"),
            );
        }
        i = skip_space(bytes, i + 1);
        let quote = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return fail(
                    self,
                    format!("the value of attribute '{key}' is not quoted"),
                );
            }
        };
        let value_start = i + 1;
        let Some(len) = bytes
            .get(value_start..)
            .and_then(|rest| memchr(quote, rest))
        else {
            return fail(
                self,
                format!("the value of attribute '{key}' is not closed"),
            );
        };
        let value_end = value_start + len;
        let raw = self.text.get(value_start..value_end).unwrap_or_default();
        let next = value_end + 1;
        if let Some(&b) = bytes.get(next)
            && !is_space(b)
        {
            return fail(
                self,
                format!("attributes must be separated by whitespace (after '{key}')"),
            );
        }
        self.at = next;
        Some(Ok(Attribute { key, raw }))
    }
}

/// The attribute names of one tag, to refuse duplicates: a few inline (UBL tags have one to
/// three attributes), a hash set past that (a hostile tag may have a hundred thousand; comparing
/// each with all before it would take hours).
/// The set is made only when a tag has more names than fit inline: making one reads the
/// thread's random hash keys, which cost more than the rest of an ordinary tag's check.
#[derive(Default)]
pub struct NameSet<'n> {
    inline: [&'n str; 4],
    len: usize,
    more: Option<HashSet<&'n str>>,
}

impl<'n> NameSet<'n> {
    /// Adds `name`; false when it was there already.
    pub fn insert(&mut self, name: &'n str) -> bool {
        if self.inline[..self.len].contains(&name) {
            return false;
        }
        match self.inline.get_mut(self.len) {
            Some(slot) => {
                *slot = name;
                self.len += 1;
                true
            }
            None => self.more.get_or_insert_with(HashSet::default).insert(name),
        }
    }
}

/// A token that could not be read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// Byte offset in the document.
    pub at: usize,
    pub kind: TokenErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenErrorKind {
    /// The bytes are not UTF-8 from here.
    Encoding,
    /// Anything else, described.
    Syntax(String),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            TokenErrorKind::Encoding => f.write_str("the bytes are not valid UTF-8"),
            TokenErrorKind::Syntax(what) => f.write_str(what),
        }
    }
}

pub struct Tokenizer<'a> {
    /// The document up to its first invalid UTF-8 byte (all of it, for a valid document).
    text: &'a str,
    /// Whether `text` is the whole document.
    whole: bool,
    pos: usize,
    /// Names of the open elements, to match end tags.
    open: Vec<&'a str>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        // One UTF-8 check for the whole document; a document that fails it is read up to the
        // bad byte, so the error comes where the reader meets it.
        let (text, whole) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, true),
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                (std::str::from_utf8(valid).unwrap_or_default(), false)
            }
        };
        let pos = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        Tokenizer {
            text,
            whole,
            pos: pos.min(text.len()),
            open: Vec::with_capacity(32),
        }
    }

    /// The document as text: all of it, or up to the first byte that is not UTF-8 (where
    /// reading will stop with an error).
    pub fn source(&self) -> &'a str {
        self.text
    }

    /// Byte offset of the next token.
    pub fn position(&self) -> usize {
        self.pos
    }

    pub fn next_token(&mut self) -> Result<Token<'a>, TokenError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let Some(&first) = bytes.get(start) else {
            return if self.whole {
                Ok(Token::Eof)
            } else {
                Err(self.encoding_error())
            };
        };
        match first {
            b'<' => self.markup(start),
            b'&' => self.reference(start),
            _ => self.text().map(Token::Text),
        }
    }

    /// The first two bytes of the next token (0 past the end), for a reader that reads the
    /// commonest tokens itself with [`Self::start_tag`], [`Self::end_tag`] and [`Self::text`]
    /// (no [`Token`] to build and take apart again) and the others with [`Self::next_token`].
    #[inline(always)] // (once per token)
    pub fn lead(&self) -> (u8, u8) {
        let bytes = self.text.as_bytes();
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        (at(self.pos), at(self.pos + 1))
    }

    /// The text at the position (its first byte is neither `<` nor `&`).
    pub fn text(&mut self) -> Result<Text<'a>, TokenError> {
        let start = self.pos;
        let (end, blank, cr, plain) = self.text_end(start)?;
        self.pos = end;
        Ok(Text {
            raw: self.slice(start, end),
            at: start,
            blank,
            cr,
            plain,
        })
    }

    /// Where the text at `start` ends (the next `<` or `&`), whether it is all blanks, whether
    /// it holds a CR, and whether it is [`Text::plain`].
    fn text_end(&self, start: usize) -> Result<(usize, bool, bool, bool), TokenError> {
        let bytes = self.text.as_bytes();
        if let Some((end, cr)) = indentation_end(bytes, start) {
            return Ok((end, true, cr, false));
        }
        // Values are short: their first 32 bytes are read eight at a time, noting bytes below
        // ' ' (line ends, tabs, controls), 0xEF and `]` on the way, which values seldom hold, so
        // that what they mean is worked out only when there are some; longer text is searched
        // with memchr.
        let mut odd = 0;
        let mut i = start;
        while i < start + 32
            && let Some(w) = swar::word_at(bytes, i)
        {
            let delimiters = swar::equal(w, b'<') | swar::equal(w, b'&');
            odd |= (swar::below(w, b' ') | swar::equal(w, 0xEF) | swar::equal(w, b']'))
                & swar::before_first(delimiters);
            if delimiters != 0 {
                let end = i + swar::first(delimiters);
                let odd = odd != 0;
                let cr = odd && bytes.get(start..end).is_some_and(|t| t.contains(&b'\r'));
                return Ok((end, all_space(bytes, start, end), cr, !odd));
            }
            i += 8;
        }
        let rest = bytes.get(i..).unwrap_or_default();
        let end = match memchr2(b'<', b'&', rest) {
            Some(len) => i + len,
            // Text running into a bad byte is refused as a whole, like a token that contains
            // it.
            None if !self.whole => return Err(self.encoding_error()),
            None => bytes.len(),
        };
        let text = bytes.get(start..end).unwrap_or_default();
        let cr = memchr(b'\r', text).is_some();
        Ok((end, all_space(bytes, start, end), cr, false))
    }

    fn markup(&mut self, start: usize) -> Result<Token<'a>, TokenError> {
        let bytes = self.text.as_bytes();
        match bytes.get(start + 1) {
            Some(b'/') => self.end_tag().map(|()| Token::End),
            Some(b'?') => self.processing_instruction(start),
            Some(b'!') => self.declaration(start),
            _ => self.start_tag().map(|(tag, empty)| {
                if empty {
                    Token::Empty(tag)
                } else {
                    Token::Start(tag)
                }
            }),
        }
    }

    /// The start tag at the position (`<` then neither `/`, `?` nor `!`), and whether it is an
    /// empty-element tag.
    pub fn start_tag(&mut self) -> Result<(Tag<'a>, bool), TokenError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let name_start = start + 1;
        let (name_stop, local_start) = qname_end(bytes, name_start);
        if name_stop == name_start {
            let found = bytes.get(name_start).copied();
            return Err(self.syntax(start, describe_unexpected(found, "an element name")));
        }
        // Most tags have no attributes: the name is followed by `>` or `/>`.
        let close = match bytes.get(name_stop) {
            Some(b'>') => name_stop,
            Some(b'/') if bytes.get(name_stop + 1) == Some(&b'>') => name_stop + 1,
            _ => self.tag_close(start, name_stop)?,
        };
        let empty = close > name_stop && bytes.get(close - 1) == Some(&b'/');
        let content_end = if empty { close - 1 } else { close };
        if let Some(&b) = bytes.get(name_stop)
            && name_stop < content_end
            && !is_space(b)
        {
            let name = self.slice(name_start, name_stop);
            return Err(self.syntax(
                start,
                format!(
                    "unexpected '{}' after the element name '{name}'",
                    char::from(b)
                ),
            ));
        }
        let tag = Tag {
            name: self.slice(name_start, name_stop),
            local: local_start - name_start,
            attrs: self.slice(name_stop, content_end),
        };
        self.pos = close + 1;
        if !empty {
            self.open.push(tag.name);
        }
        Ok((tag, empty))
    }

    /// The `>` that closes the tag starting at `start`, skipping quoted attribute values.
    fn tag_close(&self, start: usize, from: usize) -> Result<usize, TokenError> {
        let bytes = self.text.as_bytes();
        let mut i = from;
        loop {
            let rest = bytes.get(i..).unwrap_or_default();
            let Some(k) = memchr3(b'>', b'"', b'\'', rest).map(|k| i + k) else {
                return Err(self.unclosed(start, "a tag"));
            };
            if bytes.get(k) == Some(&b'>') {
                return Ok(k);
            }
            let quote = bytes.get(k).copied().unwrap_or(b'"');
            let after = bytes.get(k + 1..).unwrap_or_default();
            match memchr(quote, after) {
                Some(len) => i = k + 1 + len + 1,
                None => return Err(self.unclosed(start, "an attribute value")),
            }
        }
    }

    /// The end tag at the position (`</`).
    pub fn end_tag(&mut self) -> Result<(), TokenError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let name_start = start + 2;
        // Almost every end tag is `</name>` for the innermost open name: compare with it
        // directly; anything else takes the careful way below.
        if let Some(expected) = self.open.last() {
            // (Bytes, not `str`s: no character boundaries to check.)
            let len = expected.len();
            let found = bytes.get(name_start..=name_start + len);
            if let Some((&b'>', found)) = found.and_then(<[u8]>::split_last)
                && same_bytes(found, expected.as_bytes())
            {
                self.open.pop();
                self.pos = name_start + len + 1;
                return Ok(());
            }
        }
        let name_stop = name_end(bytes, name_start);
        let rest = bytes.get(name_stop..).unwrap_or_default();
        let Some(close) = memchr(b'>', rest).map(|k| name_stop + k) else {
            return Err(self.unclosed(start, "an end tag"));
        };
        let name = self.slice(name_start, name_stop);
        if name_stop == name_start || !bytes[name_stop..close].iter().all(|&b| is_space(b)) {
            let found = bytes.get(name_stop).copied();
            return Err(self.syntax(start, describe_unexpected(found, "'>' in an end tag")));
        }
        match self.open.pop() {
            Some(open) => {
                if open != name {
                    return Err(self.syntax(
                        start,
                        format!("the end tag </{name}> does not match the start tag <{open}>"),
                    ));
                }
            }
            None => {
                return Err(self.syntax(start, format!("end tag </{name}> without a start tag")));
            }
        }
        self.pos = close + 1;
        Ok(())
    }

    // Rare in invoices: kept out of the hot code of `next_token`.
    #[inline(never)]
    fn processing_instruction(&mut self, start: usize) -> Result<Token<'a>, TokenError> {
        let bytes = self.text.as_bytes();
        let target_start = start + 2;
        let target_stop = name_end(bytes, target_start);
        let rest = bytes.get(target_stop..).unwrap_or_default();
        let Some(close) = find(rest, b"?>").map(|k| target_stop + k) else {
            return Err(self.unclosed(start, "a processing instruction"));
        };
        if target_stop == target_start || (target_stop < close && !is_space(bytes[target_stop])) {
            return Err(self.syntax(start, "a processing instruction needs a target name".into()));
        }
        self.pos = close + 2;
        if self.slice(target_start, target_stop) == "xml" {
            return Ok(Token::Decl(Tag {
                name: "xml",
                local: 0,
                attrs: self.slice(target_stop, close),
            }));
        }
        Ok(Token::Pi)
    }

    // Rare in invoices: kept out of the hot code of `next_token`.
    #[inline(never)]
    fn declaration(&mut self, start: usize) -> Result<Token<'a>, TokenError> {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            let body = start + 4;
            let Some(len) = find(bytes.get(body..).unwrap_or_default(), b"--") else {
                return Err(self.unclosed(start, "a comment"));
            };
            // The first `--` must be the end: XML allows it nowhere else in a comment.
            let dashes = body + len;
            if bytes.get(dashes + 2) != Some(&b'>') {
                if dashes + 2 >= bytes.len() {
                    return Err(self.unclosed(start, "a comment"));
                }
                return Err(self.syntax(dashes, "'--' is not allowed inside a comment".into()));
            }
            self.pos = dashes + 3;
            return Ok(Token::Comment);
        }
        if rest.starts_with(b"<![CDATA[") {
            let body = start + 9;
            let Some(len) = find(bytes.get(body..).unwrap_or_default(), b"]]>") else {
                return Err(self.unclosed(start, "a CDATA section"));
            };
            self.pos = body + len + 3;
            let raw = self.slice(body, body + len);
            return Ok(Token::CData(Text {
                raw,
                at: body,
                blank: false,
                cr: raw.as_bytes().contains(&b'\r'),
                plain: false,
            }));
        }
        if rest.starts_with(b"<!DOCTYPE") {
            return Ok(Token::DocType);
        }
        Err(self.syntax(start, "unknown markup after '<!'".into()))
    }

    // Rare in invoices: kept out of the hot code of `next_token`.
    #[inline(never)]
    fn reference(&mut self, start: usize) -> Result<Token<'a>, TokenError> {
        let (token, len) = read_reference(self.text.get(start..).unwrap_or_default())
            .map_err(|what| self.syntax(start, what))?;
        self.pos = start + len;
        match token {
            Reference::Char(c) => Ok(Token::CharRef(c)),
            Reference::Entity(name) => match predefined_entity(name) {
                Some(s) => Ok(Token::EntityRef(s)),
                None => Err(self.syntax(start, format!("undefined entity &{name};"))),
            },
        }
    }

    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    #[cold]
    fn syntax(&self, at: usize, what: String) -> TokenError {
        TokenError {
            at,
            kind: TokenErrorKind::Syntax(what),
        }
    }

    /// A construct that does not end: at the end of the bytes, or at a UTF-8 error.
    #[cold]
    fn unclosed(&self, at: usize, what: &str) -> TokenError {
        if self.whole {
            self.syntax(at, format!("unexpected end of document inside {what}"))
        } else {
            self.encoding_error()
        }
    }

    #[cold]
    fn encoding_error(&self) -> TokenError {
        TokenError {
            at: self.text.len(),
            kind: TokenErrorKind::Encoding,
        }
    }
}

enum Reference<'a> {
    Char(char),
    Entity(&'a str),
}

/// Reads the reference at the start of `text` (which starts with `&`): what it is, and its
/// length up to and including the `;`.
fn read_reference(text: &str) -> Result<(Reference<'_>, usize), String> {
    let bytes = text.as_bytes();
    let body = bytes.get(1..).unwrap_or_default();
    let Some(semicolon) = body.iter().take(64).position(|&b| b == b';') else {
        return Err("'&' must start a reference such as &amp;".to_owned());
    };
    let name = text.get(1..1 + semicolon).unwrap_or_default();
    let len = semicolon + 2;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse::<u32>().ok()
            }
            _ => return Err(format!("malformed character reference &{name};")),
        };
        return match code.and_then(char::from_u32).filter(|&c| is_xml_char(c)) {
            Some(c) => Ok((Reference::Char(c), len)),
            None => Err(format!(
                "the character reference &{name}; names a character XML does not allow"
            )),
        };
    }
    if name.is_empty() || name_end(name.as_bytes(), 0) != name.len() {
        return Err(format!("malformed entity reference &{name};"));
    }
    Ok((Reference::Entity(name), len))
}

/// The characters XML 1.0 allows in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The five entities XML predefines: the one table every XML reader of the crate uses.
pub fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "lt" => Some("<"),
        "gt" => Some(">"),
        "amp" => Some("&"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}

/// An attribute value as XML defines it: references resolved, each tab, line feed and carriage
/// return (a CR LF pair counting as one) turned into a space. Borrowed when nothing changes,
/// which is almost always.
pub fn normalize_attribute(raw: &str) -> Result<Cow<'_, str>, String> {
    if !raw
        .bytes()
        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        match tail.as_bytes().first() {
            Some(b'&') => {
                let (reference, len) = read_reference(tail)?;
                match reference {
                    Reference::Char(c) => out.push(c),
                    Reference::Entity(name) => match predefined_entity(name) {
                        Some(s) => out.push_str(s),
                        None => return Err(format!("undefined entity &{name};")),
                    },
                }
                rest = tail.get(len..).unwrap_or_default();
            }
            Some(b'\r') if tail.as_bytes().get(1) == Some(&b'\n') => {
                out.push(' ');
                rest = tail.get(2..).unwrap_or_default();
            }
            _ => {
                out.push(' ');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// Where `needle` first occurs in `haystack`. The needles here are two or three bytes long and
/// the haystacks short (comments, instructions): `memmem` would spend more on building its
/// searcher than on the search.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    memchr_iter(first, haystack).find(|&i| {
        haystack
            .get(i + 1..)
            .is_some_and(|after| after.starts_with(rest))
    })
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `bytes[from..to]` is all spaces, tabs and line ends.
fn all_space(bytes: &[u8], from: usize, to: usize) -> bool {
    bytes
        .get(from..to)
        .is_some_and(|text| text.iter().all(|&b| is_space(b)))
}

/// The end of the indentation at `start`, the commonest text of all, and whether it holds a CR:
/// a line end (LF or CR LF), then a run of one blank (tabs or spaces), then `<`. `None` for any
/// other text.
fn indentation_end(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let cr = bytes.get(start) == Some(&b'\r');
    let mut i = start + usize::from(cr) + 1;
    if bytes.get(i - 1) != Some(&b'\n') {
        return None;
    }
    let fill = match bytes.get(i) {
        Some(&b @ (b' ' | b'\t')) => b,
        Some(b'<') => return Some((i, cr)),
        _ => return None,
    };
    loop {
        let other = swar::others(swar::equal(swar::word_at(bytes, i)?, fill));
        if other != 0 {
            i += swar::first(other);
            break;
        }
        i += 8;
    }
    (bytes.get(i) == Some(&b'<')).then_some((i, cr))
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&b| is_space(b)) {
        i += 1;
    }
    i
}

/// Bytes that may appear in a name: ASCII letters, digits, `_ : - .`, and every byte of a
/// non-ASCII character (the tables of non-ASCII name characters are not checked).
const NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'-' | b'.') || c >= 0x80;
        b += 1;
    }
    table
};

/// Where the name starting at `from` ends (`from` when there is none). A name cannot start
/// with a digit, `-` or `.`.
fn name_end(bytes: &[u8], from: usize) -> usize {
    qname_end(bytes, from).0
}

/// [`name_end`], and where the name's local part starts: one past its first colon, `from` when
/// it has none.
#[inline(always)] // (the colon is noted only where a caller wants it)
fn qname_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let mut local = match bytes.get(from) {
        Some(&b) if NAME_BYTE[usize::from(b)] && !matches!(b, b'0'..=b'9' | b'-' | b'.') => {
            if b == b':' { from + 1 } else { from }
        }
        _ => return (from, from),
    };
    // Names are mostly letters: eight at a time, then the byte that is not one (a prefix's
    // `:`, a digit, or the end) on its own.
    let mut i = from + 1;
    loop {
        if let Some(w) = swar::word_at(bytes, i) {
            let others = swar::others(swar::letters(w));
            if others == 0 {
                i += 8;
                continue;
            }
            i += swar::first(others);
        }
        match bytes.get(i) {
            Some(&b) if NAME_BYTE[usize::from(b)] => {
                if b == b':' && local == from {
                    local = i + 1;
                }
                i += 1;
            }
            _ => return (i, local),
        }
    }
}

fn describe_unexpected(found: Option<u8>, expected: &str) -> String {
    match found {
        Some(b) if b.is_ascii_graphic() => {
            format!("{expected} was expected, not '{}'", char::from(b))
        }
        Some(_) => format!("{expected} was expected"),
        None => format!("{expected} was expected at the end"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Result<Vec<String>, TokenError> {
        let mut t = Tokenizer::new(xml.as_bytes());
        let mut out = Vec::new();
        loop {
            let token = t.next_token()?;
            out.push(match token {
                Token::Start(tag) => format!("<{}|{}>", tag.name(), tag.attributes_raw()),
                Token::Empty(tag) => format!("<{}|{}/>", tag.name(), tag.attributes_raw()),
                Token::End => "</>".to_owned(),
                Token::Text(t) => format!(
                    "T{}{}:{}",
                    if t.blank { "b" } else { "" },
                    if t.cr { "r" } else { "" },
                    t.raw
                ),
                Token::CData(t) => format!("C:{}", t.raw),
                Token::CharRef(c) => format!("#{c}"),
                Token::EntityRef(n) => format!("&{n}"),
                Token::Decl(tag) => format!("?xml{}", tag.attributes_raw()),
                Token::DocType => "DOCTYPE".to_owned(),
                Token::Comment => "!--".to_owned(),
                Token::Pi => "?".to_owned(),
                Token::Eof => break,
            });
        }
        Ok(out)
    }

    #[test]
    fn reads_every_kind_of_token() {
        let xml = "\u{FEFF}<?xml version=\"1.0\"?><!-- c --><?pi x?><a x='1>' y = \"2\"><b/>t&amp;&#65;&#x42;<![CDATA[<&>]]></a >";
        assert_eq!(
            tokens(xml).unwrap(),
            [
                "?xml version=\"1.0\"",
                "!--",
                "?",
                "<a| x='1>' y = \"2\">",
                "<b|/>",
                "T:t",
                "&&",
                "#A",
                "#B",
                "C:<&>",
                "</>",
            ]
        );
        let tag = Tag::from_content("a x='1>' y = \"2\"").unwrap();
        let attrs: Vec<_> = tag.attributes().collect::<Result<_, _>>().unwrap();
        assert_eq!(
            attrs,
            [
                Attribute {
                    key: "x",
                    raw: "1>"
                },
                Attribute { key: "y", raw: "2" }
            ]
        );
    }

    #[test]
    fn refuses_what_xml_refuses() {
        for bad in [
            "<a></b>",
            "</a>",
            "<a><!-- x -- y --></a>",
            "<a><!-- x ---></a>",
            "<a>&</a>",
            "<a>& b;</a>",
            "<a>&nbsp;</a>",
            "<a>&#0;</a>",
            "<a>&#xD800;</a>",
            "<a>&#x;</a>",
            "<a",
            "<a x='1",
            "<1a/>",
            "< a/>",
            "<a\"x\"/>",
            "<!ELEMENT a>",
            "<a><!-- x",
            "<? x?>",
        ] {
            assert!(tokens(bad).is_err(), "{bad}");
        }
        for bad in ["a x", "a x=1", "a x='1'y='2'", "a ='1'", "a x='1"] {
            let tag = Tag::from_content(bad).unwrap();
            assert!(tag.attributes().any(|a| a.is_err()), "{bad}");
        }
    }

    #[test]
    fn an_encoding_error_comes_where_it_is_met() {
        let mut bytes = b"<a>ok</a><b>x".to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(b"</b>");
        let mut t = Tokenizer::new(&bytes);
        for _ in 0..4 {
            assert!(t.next_token().is_ok());
        }
        let e = t.next_token().unwrap_err();
        assert_eq!((e.at, e.kind), (13, TokenErrorKind::Encoding));
    }

    #[test]
    fn text_says_whether_it_is_blank_and_holds_a_cr() {
        let long_blank = format!("<a>{}</a>", " \n".repeat(40));
        let long_text = format!("<a>{}x\r</a>", " ".repeat(40));
        let long_indentation = format!("<a>\n{}</a>", "\t".repeat(20));
        let cases = [
            ("<a>\n  </a>", "Tb:\n  "),
            ("<a>\r\n  </a>", "Tbr:\r\n  "),
            ("<a> x </a>", "T: x "),
            ("<a>x\ry</a>", "Tr:x\ry"),
            (long_blank.as_str(), "Tb:"),
            (long_text.as_str(), "Tr:"),
            ("<a>\r\n\t\t</a>", "Tbr:\r\n\t\t"),
            ("<a>\n\t \t</a>", "Tb:\n\t \t"),
            ("<a>\n\t\u{1}</a>", "T:\n\t\u{1}"),
            ("<a>\n\t\tx</a>", "T:\n\t\tx"),
            ("<a>\n\t&amp;</a>", "Tb:\n\t"),
            (long_indentation.as_str(), "Tb:\n\t\t"),
        ];
        for (xml, expected) in cases {
            let text = tokens(xml).unwrap().into_iter().nth(1).unwrap();
            assert!(text.starts_with(expected), "{xml:?}: {text:?}");
        }
    }

    #[test]
    fn names_end_at_the_first_byte_that_is_not_a_name_byte() {
        assert_eq!(name_end(b"<cbc:InvoiceTypeCode>", 1), 20);
        assert_eq!(name_end("a1-b.c_d:\u{DC} x".as_bytes(), 0), 11);
        assert_eq!(name_end(b"abcdefghijklmnop", 0), 16);
        assert_eq!(name_end(b"abcdefgh;ijk", 0), 8);
        assert_eq!(name_end(b"ab@cd", 0), 2);
        assert_eq!(name_end(b"1a", 0), 0);
        for name in ["cbc:ID", "ID", "a:b:c", ":x", "abcdefghij:klmnopqrstu"] {
            let tag = Tag::from_content(name).unwrap();
            assert_eq!(tag.split_name(), super::super::namespaces::split_name(name));
        }
    }

    #[test]
    fn name_sets_refuse_duplicates_past_the_inline_ones() {
        let names: Vec<String> = (0..20).map(|i| format!("a{i}")).collect();
        let mut set = NameSet::default();
        for name in &names {
            assert!(set.insert(name));
        }
        for name in &names {
            assert!(!set.insert(name), "{name}");
        }
    }

    #[test]
    fn finds_short_needles() {
        assert_eq!(find(b"a-b--c", b"--"), Some(3));
        assert_eq!(find(b"a]]]>", b"]]>"), Some(2));
        assert_eq!(find(b"a?", b"?>"), None);
        assert_eq!(find(b"", b"?>"), None);
        assert_eq!(find(b" xmlns:a", b"xmlns"), Some(1));
    }

    #[test]
    fn normalizes_attribute_values_and_line_ends() {
        assert_eq!(normalize_attribute("a b").unwrap(), "a b");
        assert_eq!(
            normalize_attribute("a\r\nb\tc&amp;&#10;").unwrap(),
            "a b c&\n"
        );
        assert!(normalize_attribute("&x;").is_err());
        assert!(normalize_attribute("a & b").is_err());
        let mut buffer = String::new();
        let text = |raw, cr| Text {
            raw,
            at: 0,
            blank: false,
            cr,
            plain: false,
        };
        assert_eq!(text("a\r\nb\rc\r", true).content(&mut buffer), "a\nb\nc\n");
        assert_eq!(text("a\nb", false).content(&mut buffer), "a\nb");
    }
}
