//! One classification for ANAF's in-band error texts, whatever shape they came in.
//!
//! ANAF's wording has typos and small variations between endpoints and years ("inteorgare",
//! "petru", "toatal", with or without diacritics), so matching is on accent- and
//! case-insensitive *families* of phrases, never on whole sentences. Every variant keeps the
//! original text for logs and for showing to the user.

/// A classified ANAF error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnafError {
    /// A daily quota is used up (`S-au facut deja N ...`, `S-au incarcat deja N ...`).
    /// Retrying today makes it worse: ANAF may block the user or the application.
    #[error("{message}")]
    DailyLimit { count: Option<u64>, message: String },
    /// The token's certificate has no SPV rights on the CIF, on the index, or on any CIF.
    #[error("{message}")]
    NoRights {
        cif: Option<String>,
        message: String,
    },
    /// The upload or download index is not a number.
    #[error("{message}")]
    InvalidIndex { message: String },
    /// Nothing exists under the index or id asked for.
    #[error("{message}")]
    NotFound { message: String },
    /// `Nu exista mesaje ...`: an empty list; not a failure.
    #[error("{message}")]
    NoMessages { message: String },
    /// `A aparut o eroare tehnica. Cod: N`: ANAF-side failure; retry later.
    #[error("{message}")]
    Technical {
        code: Option<String>,
        message: String,
    },
    /// The file exceeds ANAF's size limit (10 MB upload, 5 MB validare).
    #[error("{message}")]
    FileTooLarge { message: String },
    /// XSD/structure failure reported at upload (`Fisierul transmis nu este valid...`).
    #[error("{message}")]
    InvalidXml { message: String },
    /// The simple list has more than 500 messages: use the paginated endpoint.
    #[error("{message}")]
    TooManyMessages { message: String },
    /// The requested page is beyond the last one (an error, not an empty page).
    #[error("{message}")]
    PageOutOfRange {
        requested: Option<u64>,
        total: Option<u64>,
        message: String,
    },
    /// startTime/endTime rejected (older than 60 days, in the future, end <= start).
    #[error("{message}")]
    InvalidTimeWindow { message: String },
    /// The message is older than the 60 days during which it can be downloaded (terminal).
    #[error("{message}")]
    Expired { message: String },
    /// `executare=DA` for a CIF missing from the enforcement register.
    #[error("{message}")]
    NotInEnforcementRegister { message: String },
    /// The duplicate rule of the error file: the same invoice was uploaded before.
    #[error("{message}")]
    Duplicate {
        first_index: Option<String>,
        message: String,
    },
    /// A parameter has a wrong value (non-numeric CIF or days, bad `standard`/`filtru`, ...).
    #[error("{message}")]
    InvalidParameter { message: String },
    /// A required parameter or the body is missing (the HTTP 400 family).
    #[error("{message}")]
    MissingParameter { message: String },
    /// Anything not recognised, verbatim.
    #[error("{0}")]
    Other(String),
}

impl AnafError {
    /// Classifies one ANAF error text.
    pub fn classify(message: &str) -> Self {
        let m = fold_for_matching(message);
        let message = message.to_owned();
        let has = |needle: &str| m.contains(needle);

        if has("s-au facut deja") || has("s-au incarcat deja") {
            let count = number_after(&m, "deja ");
            return Self::DailyLimit { count, message };
        }
        if has("nu exista mesaje") {
            return Self::NoMessages { message };
        }
        if has("factura a mai fost transmisa anterior") {
            let first_index = number_after(&m, "index=").map(|n| n.to_string());
            return Self::Duplicate {
                first_index,
                message,
            };
        }
        if has("a aparut o eroare tehnica") {
            let code = message
                .split_once("Cod:")
                .map(|(_, c)| c.trim().trim_end_matches('.').to_owned())
                .filter(|c| !c.is_empty());
            return Self::Technical { code, message };
        }
        if has("nu aveti drept") || has("nu exista niciun cif") {
            let cif = number_after(&m, "cif=").map(|n| n.to_string());
            return Self::NoRights { cif, message };
        }
        if has("nu mai poate fi descarcat") || has("perioada de 60 de zile") {
            return Self::Expired { message };
        }
        if has("marime fisier") && has("mai mare de") {
            return Self::FileTooLarge { message };
        }
        if has("fisierul transmis nu este valid") {
            return Self::InvalidXml { message };
        }
        if has("nu exista factura cu id_incarcare") || (has("nu exista") && has("nici o factura")) {
            return Self::NotFound { message };
        }
        if (has("id_incarcare introdus") || has("id descarcare introdus"))
            && has("nu este un numar")
        {
            return Self::InvalidIndex { message };
        }
        if has("lista de mesaje este mai mare decat") {
            return Self::TooManyMessages { message };
        }
        if has("pagina solicitata") && has("mai mare decat") {
            let requested = number_after(&m, "pagina solicitata ");
            let total = number_after(&m, "de pagini ");
            return Self::PageOutOfRange {
                requested,
                total,
                message,
            };
        }
        if (has("starttime") || has("endtime")) && has("nu poate") {
            return Self::InvalidTimeWindow { message };
        }
        if has("nu este inregistrat in registrul") {
            return Self::NotInEnforcementRegister { message };
        }
        if has("este obligatoriu") || has("sunt obligatorii") || has("trebuie sa aveti atasat") {
            return Self::MissingParameter { message };
        }
        if has("nu este un numar")
            || has("valorile acceptate pentru parametrul")
            || has("valoarea acceptata este")
            || has("trebuie sa fie intre")
            || has("nu are o valoare acceptata")
        {
            return Self::InvalidParameter { message };
        }
        Self::Other(message)
    }

    /// The original ANAF text.
    pub fn message(&self) -> &str {
        match self {
            Self::DailyLimit { message, .. }
            | Self::NoRights { message, .. }
            | Self::InvalidIndex { message }
            | Self::NotFound { message }
            | Self::NoMessages { message }
            | Self::Technical { message, .. }
            | Self::FileTooLarge { message }
            | Self::InvalidXml { message }
            | Self::TooManyMessages { message }
            | Self::PageOutOfRange { message, .. }
            | Self::InvalidTimeWindow { message }
            | Self::Expired { message }
            | Self::NotInEnforcementRegister { message }
            | Self::Duplicate { message, .. }
            | Self::InvalidParameter { message }
            | Self::MissingParameter { message } => message,
            Self::Other(message) => message,
        }
    }

    /// Whether the same call may succeed later without changing anything (technical errors).
    /// Daily limits are *not* retryable today.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Technical { .. })
    }
}

/// Lower-case, Romanian diacritics folded to ASCII, whitespace collapsed.
pub(crate) fn fold_for_matching(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ă' | 'â' | 'á' | 'à' => 'a',
            'î' | 'í' => 'i',
            'ș' | 'ş' => 's',
            'ț' | 'ţ' => 't',
            'é' => 'e',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

/// The first run of digits after `marker` (allowing spaces), if any.
fn number_after(folded: &str, marker: &str) -> Option<u64> {
    let (_, rest) = folded.split_once(marker)?;
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Check = fn(&AnafError) -> bool;

    #[test]
    fn classifies_each_family() {
        let cases: &[(&str, Check)] = &[
            (
                "S-au facut deja 10 descarcari la mesajul cu id_descarcare=123 in cursul zilei",
                |e| {
                    matches!(
                        e,
                        AnafError::DailyLimit {
                            count: Some(10),
                            ..
                        }
                    )
                },
            ),
            (
                "S-au incarcat deja 1000 de mesaje de tip RASP pentru cui=1234 in cursul zilei",
                |e| {
                    matches!(
                        e,
                        AnafError::DailyLimit {
                            count: Some(1000),
                            ..
                        }
                    )
                },
            ),
            (
                "Nu aveti drept in SPV pentru CIF=8000000000",
                |e| matches!(e, AnafError::NoRights { cif: Some(c), .. } if c == "8000000000"),
            ),
            ("Nu exista niciun CIF petru care sa aveti drept", |e| {
                matches!(e, AnafError::NoRights { cif: None, .. })
            }),
            (
                "Nu aveti dreptul de inteorgare pentru id_incarcare= 18",
                |e| matches!(e, AnafError::NoRights { .. }),
            ),
            ("Nu aveti dreptul sa descarcati acesta factura", |e| {
                matches!(e, AnafError::NoRights { .. })
            }),
            ("Id_incarcare introdus= aaa nu este un numar intreg", |e| {
                matches!(e, AnafError::InvalidIndex { .. })
            }),
            ("Nu exista factura cu id_incarcare= 15000", |e| {
                matches!(e, AnafError::NotFound { .. })
            }),
            ("Pentru id=21 nu exista inregistrata nici o factura", |e| {
                matches!(e, AnafError::NotFound { .. })
            }),
            (
                "A aparut o eroare tehnica. Cod: 1814",
                |e| matches!(e, AnafError::Technical { code: Some(c), .. } if c == "1814"),
            ),
            ("Nu exista mesaje in ultimele 15 zile", |e| {
                matches!(e, AnafError::NoMessages { .. })
            }),
            (
                "Pagina solicitata 50 este mai mare decat numarul toatal de pagini 29",
                |e| {
                    matches!(
                        e,
                        AnafError::PageOutOfRange {
                            requested: Some(50),
                            total: Some(29),
                            ..
                        }
                    )
                },
            ),
            (
                "Factura a mai fost transmisa anterior cu index=5896677868 si data incarcare=2026-01-20",
                |e| matches!(e, AnafError::Duplicate { first_index: Some(i), .. } if i == "5896677868"),
            ),
            (
                "Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in care este disponibil",
                |e| matches!(e, AnafError::Expired { .. }),
            ),
            ("CIF introdus= 123a nu este un numar", |e| {
                matches!(e, AnafError::InvalidParameter { .. })
            }),
            ("Parametrul id este obligatoriu", |e| {
                matches!(e, AnafError::MissingParameter { .. })
            }),
            ("ceva nou", |e| matches!(e, AnafError::Other(_))),
        ];
        for (text, check) in cases {
            let e = AnafError::classify(text);
            assert!(check(&e), "{text:?} classified as {e:?}");
            assert_eq!(e.message(), *text);
        }
    }

    #[test]
    fn folding_ignores_accents_case_and_spacing() {
        assert_eq!(
            fold_for_matching("Eroare  Tehnică:\nȘȚ"),
            "eroare tehnica: st"
        );
    }
}
