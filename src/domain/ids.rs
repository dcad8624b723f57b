//! Identifiers that can only exist in a valid form: the Romanian fiscal code
//! (CUI/CIF) and the IBAN.

use std::fmt;
use std::str::FromStr;

/// Why a text is not a valid Romanian CIF. Each variant is something a UI can
/// translate on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CifError {
    #[error("the fiscal code is empty")]
    Empty,
    #[error(
        "the fiscal code may contain only digits after the optional RO prefix (found {found:?})"
    )]
    NonDigit { found: char },
    #[error("the fiscal code must have 2 to 10 digits (found {digits})")]
    Length { digits: usize },
    #[error("the fiscal code check digit is wrong (expected {expected}, found {found})")]
    CheckDigit { expected: u8, found: u8 },
}

/// Romanian fiscal identification code (CUI/CIF), check digit verified.
///
/// Stored as digits only; `RO` is a presentation detail (it marks VAT
/// registration), so `RO123` and `123` parse to the same value.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct Cif(String);

/// Weights of the CIF check digit, applied to the body left-padded to 9 digits.
const CIF_KEY: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];

impl Cif {
    pub fn parse(input: &str) -> Result<Self, CifError> {
        let trimmed = input.trim();
        let digits = trimmed
            .strip_prefix("RO")
            .or_else(|| trimmed.strip_prefix("ro"))
            .or_else(|| trimmed.strip_prefix("Ro"))
            .unwrap_or(trimmed)
            .trim_start();
        if digits.is_empty() {
            return Err(CifError::Empty);
        }
        if let Some(found) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(CifError::NonDigit { found });
        }
        if !(2..=10).contains(&digits.len()) {
            return Err(CifError::Length {
                digits: digits.len(),
            });
        }
        let (body, check) = digits.split_at(digits.len() - 1);
        let expected = cif_check_digit(body);
        let found = check.as_bytes()[0] - b'0';
        if expected != found {
            return Err(CifError::CheckDigit { expected, found });
        }
        Ok(Cif(digits.to_owned()))
    }

    /// The digits, without `RO` (what ANAF's `cif=` query parameters want).
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `RO` + digits: the VAT identifier form (BT-31) of a VAT-registered company.
    pub fn with_ro_prefix(&self) -> String {
        format!("RO{}", self.0)
    }
}

/// Check digit of a CIF body (all digits but the last): weighted sum with key
/// 753217532 over the body right-aligned to 9 digits, times 10, modulo 11,
/// where 10 counts as 0.
fn cif_check_digit(body: &str) -> u8 {
    let pad = CIF_KEY.len() - body.len();
    let sum: u32 = body
        .bytes()
        .zip(&CIF_KEY[pad..])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let rest = (sum * 10) % 11;
    if rest == 10 { 0 } else { rest as u8 }
}

impl fmt::Display for Cif {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Cif {
    type Err = CifError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Cif::parse(s)
    }
}

/// The digits form of a CIF as written in a document or typed by a user, *without* checking
/// it: white space removed and an `RO` prefix (any case) dropped. For routing by CIF the way
/// ANAF does, before and whatever validation says; [`Cif::parse`] is the checked form and
/// gives the same digits for every valid CIF.
pub fn cif_digits_unchecked(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = compact.to_ascii_uppercase();
    upper.strip_prefix("RO").unwrap_or(&upper).to_owned()
}

/// Why a text is not a valid IBAN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("the IBAN is empty")]
    Empty,
    #[error("the IBAN may contain only letters and digits (found {found:?})")]
    InvalidCharacter { found: char },
    #[error("the IBAN must start with a two-letter country code and two check digits")]
    Format,
    #[error("an IBAN from {country} must have {expected} characters (found {found})")]
    Length {
        country: String,
        expected: usize,
        found: usize,
    },
    #[error("the IBAN check digits are wrong")]
    Checksum,
}

/// IBAN (ISO 13616), normalised to upper case without spaces, mod-97 checked.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct Iban(String);

/// Lengths for the countries our users meet most; others only get the
/// generic 15..=34 bound because the registry changes over time.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("RO", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IT", 27),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MD", 24),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
];

impl Iban {
    pub fn parse(input: &str) -> Result<Self, IbanError> {
        let mut normal = String::with_capacity(input.len());
        for c in input.chars() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_ascii_alphanumeric() {
                return Err(IbanError::InvalidCharacter { found: c });
            }
            normal.push(c.to_ascii_uppercase());
        }
        if normal.is_empty() {
            return Err(IbanError::Empty);
        }
        let bytes = normal.as_bytes();
        if bytes.len() < 4
            || !bytes[..2].iter().all(u8::is_ascii_uppercase)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
        {
            return Err(IbanError::Format);
        }
        let country = &normal[..2];
        let expected = IBAN_LENGTHS
            .iter()
            .find(|(c, _)| *c == country)
            .map(|(_, n)| *n);
        match expected {
            Some(n) if n != normal.len() => {
                return Err(IbanError::Length {
                    country: country.to_owned(),
                    expected: n,
                    found: normal.len(),
                });
            }
            None if !(15..=34).contains(&normal.len()) => {
                return Err(IbanError::Length {
                    country: country.to_owned(),
                    expected: if normal.len() < 15 { 15 } else { 34 },
                    found: normal.len(),
                });
            }
            _ => {}
        }
        if iban_mod97(&normal) != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(normal))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// Groups of four characters, the way IBANs are printed on invoices.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + self.0.len() / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

/// ISO 7064 mod 97-10 over the rearranged IBAN (first four characters moved to
/// the end, letters as 10..35), computed incrementally so no big integers are needed.
fn iban_mod97(normal: &str) -> u32 {
    let (head, tail) = normal.split_at(4);
    let mut rest: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return 0,
        };
        rest = if value < 10 {
            (rest * 10 + value) % 97
        } else {
            (rest * 100 + value) % 97
        };
    }
    rest
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Iban {
    type Err = IbanError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iban::parse(s)
    }
}

// JSON carries the normalised text; reading it back re-validates.
impl From<Cif> for String {
    fn from(c: Cif) -> String {
        c.0
    }
}

impl TryFrom<String> for Cif {
    type Error = CifError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Cif::parse(&s)
    }
}

impl From<Iban> for String {
    fn from(i: Iban) -> String {
        i.0
    }
}

impl TryFrom<String> for Iban {
    type Error = IbanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchecked_cif_digits_agree_with_parse_and_keep_invalid_ones() {
        for raw in ["RO8486152", "ro 34581625", " 8486152 "] {
            assert_eq!(
                cif_digits_unchecked(raw),
                Cif::parse(raw).unwrap().digits(),
                "{raw}"
            );
        }
        assert_eq!(cif_digits_unchecked("RO 1234 567"), "1234567");
        assert_eq!(cif_digits_unchecked("ro12x"), "12X");
    }

    #[test]
    fn cif_from_anaf_accepted_invoices() {
        // Seller and buyer codes of invoices ANAF accepted (OCA corpus).
        for code in ["RO8486152", "RO34581625", "8486152", "ro 34581625"] {
            assert!(Cif::parse(code).is_ok(), "{code}");
        }
        let cif = Cif::parse("RO8486152").unwrap();
        assert_eq!(cif.digits(), "8486152");
        assert_eq!(cif.with_ro_prefix(), "RO8486152");
        assert_eq!(Cif::parse("8486152").unwrap(), cif);
    }

    #[test]
    fn cif_check_digit_ten_becomes_zero() {
        // Body 1 padded: 1*2 = 2, *10 = 20, % 11 = 9 -> 19 valid.
        assert!(Cif::parse("19").is_ok());
        // Find a body whose remainder is 10 and check it needs a 0.
        let body = (1..100_000u32)
            .map(|n| n.to_string())
            .find(|b| {
                let pad = 9 - b.len();
                let s: u32 = b
                    .bytes()
                    .zip(&CIF_KEY[pad..])
                    .map(|(d, w)| u32::from(d - b'0') * w)
                    .sum();
                (s * 10) % 11 == 10
            })
            .unwrap();
        assert!(Cif::parse(&format!("{body}0")).is_ok());
    }

    #[test]
    fn cif_errors() {
        assert_eq!(Cif::parse(""), Err(CifError::Empty));
        assert_eq!(Cif::parse("RO"), Err(CifError::Empty));
        assert_eq!(
            Cif::parse("RO84-6152"),
            Err(CifError::NonDigit { found: '-' })
        );
        assert_eq!(Cif::parse("1"), Err(CifError::Length { digits: 1 }));
        assert_eq!(
            Cif::parse("12345678901"),
            Err(CifError::Length { digits: 11 })
        );
        assert_eq!(
            Cif::parse("RO8486153"),
            Err(CifError::CheckDigit {
                expected: 2,
                found: 3
            })
        );
    }

    #[test]
    fn iban_valid_and_normalised() {
        let iban = Iban::parse("ro49 aaaa 1b31 0075 9384 0000").unwrap();
        assert_eq!(iban.as_str(), "RO49AAAA1B31007593840000");
        assert_eq!(iban.grouped(), "RO49 AAAA 1B31 0075 9384 0000");
        assert_eq!(iban.country(), "RO");
        assert!(Iban::parse("DE89370400440532013000").is_ok());
        assert!(Iban::parse("GB82 WEST 1234 5698 7654 32").is_ok());
    }

    #[test]
    fn serde_validates() {
        let cif: Cif = serde_json::from_str("\"RO8486152\"").unwrap();
        assert_eq!(serde_json::to_string(&cif).unwrap(), "\"8486152\"");
        assert!(serde_json::from_str::<Cif>("\"RO8486153\"").is_err());
        let iban: Iban = serde_json::from_str("\"ro49 aaaa 1b31 0075 9384 0000\"").unwrap();
        assert_eq!(
            serde_json::to_string(&iban).unwrap(),
            "\"RO49AAAA1B31007593840000\""
        );
        assert!(serde_json::from_str::<Iban>("\"RO48AAAA1B31007593840000\"").is_err());
    }

    #[test]
    fn iban_errors() {
        assert_eq!(Iban::parse("  "), Err(IbanError::Empty));
        assert_eq!(
            Iban::parse("RO49-AAAA"),
            Err(IbanError::InvalidCharacter { found: '-' })
        );
        assert_eq!(Iban::parse("4949AAAA"), Err(IbanError::Format));
        assert!(matches!(
            Iban::parse("RO49AAAA1B3100759384000"),
            Err(IbanError::Length {
                expected: 24,
                found: 23,
                ..
            })
        ));
        assert_eq!(
            Iban::parse("RO48AAAA1B31007593840000"),
            Err(IbanError::Checksum)
        );
    }
}
