//! Identifier newtypes that can only be constructed valid.

use std::fmt;

/// Romanian fiscal code (CUI/CIF), stored as its digits. Accepts an optional
/// `RO` prefix (VAT payers) and surrounding spaces on input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cif(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CifError {
    #[error("the fiscal code is empty")]
    Empty,
    #[error("the fiscal code may only contain digits after an optional RO prefix")]
    NotDigits,
    #[error("the fiscal code must have between 2 and 10 digits")]
    Length,
    #[error("the check digit of the fiscal code is wrong")]
    CheckDigit,
}

/// Weights of the CIF control key, applied to the body left-padded to 9 digits.
const CIF_KEY: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];

impl Cif {
    pub fn parse(input: &str) -> Result<Cif, CifError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CifError::Empty);
        }
        let digits = trimmed
            .strip_prefix("RO")
            .or_else(|| trimmed.strip_prefix("ro"))
            .unwrap_or(trimmed)
            .trim();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CifError::NotDigits);
        }
        if !(2..=10).contains(&digits.len()) {
            return Err(CifError::Length);
        }
        let (body, check) = digits.split_at(digits.len() - 1);
        let padding = 9 - body.len();
        let sum: u32 = body
            .bytes()
            .enumerate()
            .map(|(i, b)| u32::from(b - b'0') * CIF_KEY[padding + i])
            .sum();
        let expected = (sum * 10 % 11) % 10;
        if u32::from(check.as_bytes()[0] - b'0') != expected {
            return Err(CifError::CheckDigit);
        }
        Ok(Cif(digits.to_string()))
    }

    /// Digits only, as ANAF's API wants them.
    pub fn digits(&self) -> &str {
        &self.0
    }

    pub fn with_ro_prefix(&self) -> String {
        format!("RO{}", self.0)
    }
}

impl fmt::Display for Cif {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// International bank account number, normalised to uppercase without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iban(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("the IBAN has an invalid format")]
    Format,
    #[error("the IBAN checksum is wrong")]
    Checksum,
}

impl Iban {
    pub fn parse(input: &str) -> Result<Iban, IbanError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let well_formed = (15..=34).contains(&bytes.len())
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..4].iter().all(u8::is_ascii_digit)
            && bytes.iter().all(u8::is_ascii_alphanumeric);
        if !well_formed {
            return Err(IbanError::Format);
        }
        if compact.starts_with("RO") && bytes.len() != 24 {
            return Err(IbanError::Format);
        }
        // ISO 13616: move the first four characters to the end, letters
        // become 10..35, and the number must be 1 modulo 97.
        let rearranged = bytes[4..].iter().chain(&bytes[..4]);
        let mut remainder: u32 = 0;
        for &b in rearranged {
            let value = if b.is_ascii_digit() {
                u32::from(b - b'0')
            } else {
                u32::from(b - b'A') + 10
            };
            remainder = if value >= 10 {
                (remainder * 100 + value) % 97
            } else {
                (remainder * 10 + value) % 97
            };
        }
        if remainder != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cif_check_digit() {
        // Fiscal codes that appear on real ANAF-accepted invoices.
        for ok in [
            "18547290",
            "RO18547290",
            "ro 18547290",
            "14399840",
            "RO14399840",
        ] {
            assert!(Cif::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Cif::parse("18547291"), Err(CifError::CheckDigit));
        assert_eq!(Cif::parse(""), Err(CifError::Empty));
        assert_eq!(Cif::parse("RO12A4"), Err(CifError::NotDigits));
        assert_eq!(Cif::parse("12345678901"), Err(CifError::Length));
        assert_eq!(
            Cif::parse("RO18547290").map(|c| c.with_ro_prefix()),
            Ok("RO18547290".into())
        );
    }

    #[test]
    fn iban_checksum() {
        assert_eq!(
            Iban::parse("ro49 aaaa 1b31 0075 9384 0000").map(|i| i.to_string()),
            Ok("RO49AAAA1B31007593840000".into())
        );
        assert_eq!(
            Iban::parse("RO49AAAA1B31007593840001"),
            Err(IbanError::Checksum)
        );
        assert_eq!(Iban::parse("RO49"), Err(IbanError::Format));
        assert!(Iban::parse("DE89370400440532013000").is_ok());
    }
}
