//! The value (character data) of the open simple-content element, for its check at the end tag.
//!
//! Nearly every value is one piece of text as written in the document: it is kept as a slice of
//! the document, not copied. Values in several pieces (a reference, CDATA, line ends to
//! normalize) are put together in a buffer reused from element to element.

#[derive(Default)]
pub struct Value<'a> {
    /// The value while it is one piece of the document (or nothing yet).
    first: &'a str,
    /// The whole value once it has more than one piece.
    joined: String,
    is_joined: bool,
}

impl<'a> Value<'a> {
    /// Empties the value for a new element.
    pub fn clear(&mut self) {
        self.first = "";
        self.is_joined = false;
    }

    /// Appends a piece of the document itself: borrowed while it is the only one.
    #[inline(always)] // (once per value, in the text path)
    pub fn push_borrowed(&mut self, piece: &'a str) {
        if !self.is_joined && self.first.is_empty() {
            self.first = piece;
        } else {
            self.push(piece);
        }
    }

    /// Appends a piece from anywhere (a resolved reference, normalized text...).
    pub fn push(&mut self, piece: &str) {
        if !self.is_joined {
            self.joined.clear();
            self.joined.push_str(self.first);
            self.is_joined = true;
        }
        self.joined.push_str(piece);
    }

    pub fn get(&self) -> &str {
        if self.is_joined {
            &self.joined
        } else {
            self.first
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_one_piece_and_joins_several() {
        let doc = String::from("abcdef");
        let mut value = Value::default();
        value.push_borrowed(&doc[..3]);
        assert_eq!(value.get(), "abc");
        value.push("&");
        value.push_borrowed(&doc[3..]);
        assert_eq!(value.get(), "abc&def");
        value.clear();
        assert_eq!(value.get(), "");
        value.push("<");
        value.push_borrowed(&doc[..1]);
        assert_eq!(value.get(), "<a");
        value.clear();
        value.push_borrowed("");
        value.push_borrowed(&doc[1..2]);
        assert_eq!(value.get(), "b");
    }
}
