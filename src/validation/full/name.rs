//! [`Name`]: the local name of a tree element, without an allocation for UBL names.
//!
//! The quick validator knows every UBL element's name as a `&'static str` of its schema tables,
//! so the tree it builds borrows those; other names (foreign namespaces, documents parsed by
//! [`super::doc::Doc::parse`]) are owned. Either way a `Name` reads like a `&str`: `as_str()`,
//! deref to `str`, `==` with `&str`/`String`/`str`, `Display`; equality and hashing look at the
//! text only, so how a name is stored never changes a comparison.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// `a == b` for short strings (element names, namespace URIs) without a call to `memcmp`:
/// eight bytes at a time as integers. Names are 2 to 40 bytes long, URIs about 70, and the rules
/// and content models compare them millions of times: the library call cost more than the
/// comparison itself. (The namespace constants cannot be compared by address: each use of a
/// `const` may be its own copy.)
#[inline]
pub fn same_name(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_name`] for bytes (the tokenizer's end tags).
#[inline]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return small_word(a) == small_word(b);
    }
    let (mut rest_a, mut rest_b) = (a, b);
    // Whole chunks but the last; then the last eight bytes (which may overlap the chunk before).
    while rest_a.len() > 8 {
        match (
            rest_a.split_first_chunk::<8>(),
            rest_b.split_first_chunk::<8>(),
        ) {
            (Some((x, ra)), Some((y, rb))) => {
                if x != y {
                    return false;
                }
                (rest_a, rest_b) = (ra, rb);
            }
            _ => break,
        }
    }
    a.last_chunk::<8>() == b.last_chunk::<8>()
}

/// Up to 8 bytes as one integer (shorter strings of equal length compare as their words).
#[inline]
pub(crate) fn small_word(s: &[u8]) -> u64 {
    s.iter()
        .enumerate()
        .fold(0, |w, (i, &b)| w | u64::from(b) << (8 * (i % 8)))
}

#[derive(Clone, Default)]
pub struct Name(Cow<'static, str>);

impl Name {
    /// A name borrowed from a static table (no allocation).
    pub const fn from_static(name: &'static str) -> Self {
        Name(Cow::Borrowed(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Self {
        Name(Cow::Owned(name.to_owned()))
    }
}

impl From<String> for Name {
    fn from(name: String) -> Self {
        Name(Cow::Owned(name))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> Self {
        name.0.into_owned()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

macro_rules! eq_with_text {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Name {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Name> for $t {
            fn eq(&self, other: &Name) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}

eq_with_text!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_str_whatever_the_storage() {
        let owned = Name::from("ID");
        let borrowed = Name::from_static("ID");
        assert_eq!(owned, borrowed);
        assert!(owned == "ID" && "ID" == borrowed && borrowed == *"ID");
        let text = String::from("ID");
        assert_eq!(owned, text);
        assert_eq!(text, owned);
        assert_eq!(borrowed.as_str(), "ID");
        assert_eq!(borrowed.len(), 2);
        assert_eq!(format!("{borrowed}/{owned:?}"), "ID/\"ID\"");
        assert!(matches!(owned.as_str(), "ID"));
        let set: std::collections::HashSet<Name> = [owned, borrowed].into_iter().collect();
        assert!(set.contains("ID"));
        assert_eq!(String::from(Name::from_static("x")), "x");
    }

    #[test]
    fn same_name_is_string_equality() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ID",
            "Id",
            "Note",
            "Notes",
            "1234567",
            "12345678",
            "12345679",
            "123456789",
            "223456789",
            "InvoiceLine",
            "InvoiceLinf",
            "Jnvoiceline",
            "Invoice",
            "TaxCategory",
            "TaxCatxgory",
            "AdditionalDocumentReference",
            "AdditionalDocumentReferencf",
            "AdditionalDocumentReferencee",
            "ăîș",
            "ăîț",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "bbcdefghijklmnop",
            "abcdefgxijklmnop",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_name(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
