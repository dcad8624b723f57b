//! Romanian address parts as CIUS-RO wants them.

use std::fmt;

/// ISO 3166-2:RO subdivision codes with their Romanian names.
pub const COUNTIES: [(&str, &str); 42] = [
    ("RO-AB", "Alba"),
    ("RO-AR", "Arad"),
    ("RO-AG", "Argeș"),
    ("RO-BC", "Bacău"),
    ("RO-BH", "Bihor"),
    ("RO-BN", "Bistrița-Năsăud"),
    ("RO-BT", "Botoșani"),
    ("RO-BV", "Brașov"),
    ("RO-BR", "Brăila"),
    ("RO-B", "București"),
    ("RO-BZ", "Buzău"),
    ("RO-CS", "Caraș-Severin"),
    ("RO-CL", "Călărași"),
    ("RO-CJ", "Cluj"),
    ("RO-CT", "Constanța"),
    ("RO-CV", "Covasna"),
    ("RO-DB", "Dâmbovița"),
    ("RO-DJ", "Dolj"),
    ("RO-GL", "Galați"),
    ("RO-GR", "Giurgiu"),
    ("RO-GJ", "Gorj"),
    ("RO-HR", "Harghita"),
    ("RO-HD", "Hunedoara"),
    ("RO-IL", "Ialomița"),
    ("RO-IS", "Iași"),
    ("RO-IF", "Ilfov"),
    ("RO-MM", "Maramureș"),
    ("RO-MH", "Mehedinți"),
    ("RO-MS", "Mureș"),
    ("RO-NT", "Neamț"),
    ("RO-OT", "Olt"),
    ("RO-PH", "Prahova"),
    ("RO-SM", "Satu Mare"),
    ("RO-SJ", "Sălaj"),
    ("RO-SB", "Sibiu"),
    ("RO-SV", "Suceava"),
    ("RO-TR", "Teleorman"),
    ("RO-TM", "Timiș"),
    ("RO-TL", "Tulcea"),
    ("RO-VS", "Vaslui"),
    ("RO-VL", "Vâlcea"),
    ("RO-VN", "Vrancea"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct County(&'static str);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 3166-2:RO county code (RO-CJ, …, RO-B)")]
pub struct CountyError;

impl County {
    pub fn parse(input: &str) -> Result<County, CountyError> {
        let wanted = input.trim().to_ascii_uppercase();
        COUNTIES
            .iter()
            .find(|(code, _)| *code == wanted)
            .map(|(code, _)| County(code))
            .ok_or(CountyError)
    }

    pub fn code(&self) -> &'static str {
        self.0
    }

    pub fn name(&self) -> &'static str {
        COUNTIES
            .iter()
            .find(|(code, _)| *code == self.0)
            .map(|(_, name)| *name)
            .unwrap_or(self.0)
    }

    pub fn is_bucharest(&self) -> bool {
        self.0 == "RO-B"
    }
}

impl fmt::Display for County {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Bucharest sector, 1 to 6 (CIUS-RO writes it as `SECTOR1`… in CityName).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sector(u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the Bucharest sector must be between 1 and 6")]
pub struct SectorError;

impl Sector {
    pub fn new(n: i64) -> Result<Sector, SectorError> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=6).contains(n))
            .map(Sector)
            .ok_or(SectorError)
    }

    pub fn number(&self) -> u8 {
        self.0
    }

    pub fn city_name(&self) -> String {
        format!("SECTOR{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counties() {
        assert_eq!(County::parse("ro-cj").map(|c| c.code()), Ok("RO-CJ"));
        assert!(County::parse("RO-B").is_ok_and(|c| c.is_bucharest()));
        assert_eq!(County::parse("DE-BY"), Err(CountyError));
        assert_eq!(County::parse("CJ"), Err(CountyError));
        assert!(Sector::new(0).is_err() && Sector::new(7).is_err() && Sector::new(6).is_ok());
    }
}
