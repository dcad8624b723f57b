//! One translation mechanism for every user-facing string (pages, errors,
//! e-mails). Romanian is the default; English is the second language.
//!
//! Messages live in one table so a test can check that every key has both
//! languages and that templates only use keys that exist.

mod messages;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use messages::MESSAGES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Ro,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ro => "ro",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ro" | "ro-ro" => Some(Lang::Ro),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header,
    /// honouring the order the browser sends (q-values are sorted by browsers).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| {
                let primary = tag.trim().split('-').next().unwrap_or("");
                Lang::parse(primary)
            })
            .next()
    }
}

fn table() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        MESSAGES
            .iter()
            .map(|(key, ro, en)| (*key, (*ro, *en)))
            .collect()
    })
}

/// Translates `key`; an unknown key comes back as itself so a missing
/// translation is visible on the page instead of breaking it.
pub fn tr(lang: Lang, key: &str) -> &str {
    match table().get(key) {
        Some((ro, en)) => match lang {
            Lang::Ro => ro,
            Lang::En => en,
        },
        None => key,
    }
}

/// `n` and the noun that goes with it, e.g. "1 eroare", "3 erori", "20 de erori" / "1 error",
/// "3 errors": `one` and `many` are the keys of the singular and plural nouns. Romanian puts
/// "de" before the noun when the number's last two digits are 00 or 20 and above.
pub fn counted(lang: Lang, n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        return format!("1 {}", tr(lang, one));
    }
    let de = lang == Lang::Ro && n > 0 && (n.is_multiple_of(100) || n % 100 >= 20);
    format!("{n} {}{}", if de { "de " } else { "" }, tr(lang, many))
}

/// A translator handed to templates: `{{ t.get("nav.companies") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn get<'a>(&self, key: &'a str) -> &'a str {
        match table().get(key) {
            Some((ro, en)) => match self.lang {
                Lang::Ro => ro,
                Lang::En => en,
            },
            None => key,
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut seen = std::collections::HashSet::new();
        for (key, ro, en) in MESSAGES {
            assert!(seen.insert(key), "duplicate key {key}");
            assert!(
                !ro.is_empty() && !en.is_empty(),
                "{key} lacks a translation"
            );
        }
    }

    #[test]
    fn accept_language() {
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,ro;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de-DE,ro;q=0.5"), Some(Lang::Ro));
        assert_eq!(Lang::from_accept_language("de"), None);
    }

    #[test]
    fn counts_read_naturally() {
        let c = |lang, n| counted(lang, n, "invoices.error", "invoices.errors");
        assert_eq!(c(Lang::Ro, 0), "0 erori");
        assert_eq!(c(Lang::Ro, 1), "1 eroare");
        assert_eq!(c(Lang::Ro, 19), "19 erori");
        assert_eq!(c(Lang::Ro, 20), "20 de erori");
        assert_eq!(c(Lang::Ro, 101), "101 erori");
        assert_eq!(c(Lang::Ro, 200), "200 de erori");
        assert_eq!(c(Lang::En, 1), "1 error");
        assert_eq!(c(Lang::En, 20), "20 errors");
    }

    #[test]
    fn templates_use_known_keys() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for piece in text.split("t.get(\"").skip(1) {
                if let Some(key) = piece.split('"').next()
                    && !table().contains_key(key)
                {
                    missing.push(format!("{}: {key}", entry.path().display()));
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:?}");
    }
}
