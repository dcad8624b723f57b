//! Postal addresses, Romanian counties (ISO 3166-2:RO) and Bucharest sectors.

use std::fmt;

/// A postal address (BG-5 seller, BG-8 buyer, BG-12 tax representative,
/// BG-15 deliver-to). Kept as text so foreign addresses round-trip; use
/// [`Address::romanian`] / [`Address::bucharest`] to build CIUS-RO-correct ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// BT-35 street and number.
    pub street: Option<String>,
    /// BT-36 additional street line.
    pub additional_street: Option<String>,
    /// BT-162 third address line (`cac:AddressLine/cbc:Line`).
    pub line3: Option<String>,
    /// BT-37 city; `SECTOR1`..`SECTOR6` inside Bucharest (BR-RO-100/101).
    pub city: Option<String>,
    /// BT-38 post code.
    pub postal_code: Option<String>,
    /// BT-39 country subdivision; an ISO 3166-2:RO code in Romania (BR-RO-110/111).
    pub country_subentity: Option<String>,
    /// BT-40 ISO 3166-1 alpha-2 country code.
    pub country_code: String,
}

impl Address {
    /// A Romanian address outside Bucharest.
    pub fn romanian(street: &str, city: &str, county: County, postal_code: Option<&str>) -> Self {
        Address {
            street: Some(street.to_owned()),
            city: Some(city.to_owned()),
            postal_code: postal_code.map(str::to_owned),
            country_subentity: Some(county.code().to_owned()),
            country_code: "RO".to_owned(),
            ..Address::default()
        }
    }

    /// A Bucharest address: county `RO-B`, city `SECTORn` as CIUS-RO requires.
    pub fn bucharest(street: &str, sector: BucharestSector, postal_code: Option<&str>) -> Self {
        Address {
            street: Some(street.to_owned()),
            city: Some(sector.city_code().to_owned()),
            postal_code: postal_code.map(str::to_owned),
            country_subentity: Some(County::Bucuresti.code().to_owned()),
            country_code: "RO".to_owned(),
            ..Address::default()
        }
    }

    /// The county when the subdivision holds a valid ISO 3166-2:RO code.
    pub fn county(&self) -> Option<County> {
        self.country_subentity
            .as_deref()
            .and_then(|s| County::parse(s).ok())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountyError {
    #[error("{0:?} is not an ISO 3166-2:RO county code (RO-AB ... RO-VS, RO-B)")]
    Unknown(String),
}

macro_rules! counties {
    ($($variant:ident = $code:literal, $name:literal;)*) => {
        /// The 41 counties and the Municipality of Bucharest, by ISO 3166-2:RO code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum County { $($variant,)* }

        impl County {
            pub const ALL: &'static [County] = &[$(County::$variant,)*];

            /// The ISO 3166-2:RO code, e.g. `RO-CJ`.
            pub fn code(self) -> &'static str {
                match self { $(County::$variant => $code,)* }
            }

            /// The Romanian name, with diacritics.
            pub fn name_ro(self) -> &'static str {
                match self { $(County::$variant => $name,)* }
            }
        }
    };
}

counties! {
    Alba = "RO-AB", "Alba";
    Arad = "RO-AR", "Arad";
    Arges = "RO-AG", "Argeș";
    Bacau = "RO-BC", "Bacău";
    Bihor = "RO-BH", "Bihor";
    BistritaNasaud = "RO-BN", "Bistrița-Năsăud";
    Botosani = "RO-BT", "Botoșani";
    Braila = "RO-BR", "Brăila";
    Brasov = "RO-BV", "Brașov";
    Bucuresti = "RO-B", "București";
    Buzau = "RO-BZ", "Buzău";
    Calarasi = "RO-CL", "Călărași";
    CarasSeverin = "RO-CS", "Caraș-Severin";
    Cluj = "RO-CJ", "Cluj";
    Constanta = "RO-CT", "Constanța";
    Covasna = "RO-CV", "Covasna";
    Dambovita = "RO-DB", "Dâmbovița";
    Dolj = "RO-DJ", "Dolj";
    Galati = "RO-GL", "Galați";
    Giurgiu = "RO-GR", "Giurgiu";
    Gorj = "RO-GJ", "Gorj";
    Harghita = "RO-HR", "Harghita";
    Hunedoara = "RO-HD", "Hunedoara";
    Ialomita = "RO-IL", "Ialomița";
    Iasi = "RO-IS", "Iași";
    Ilfov = "RO-IF", "Ilfov";
    Maramures = "RO-MM", "Maramureș";
    Mehedinti = "RO-MH", "Mehedinți";
    Mures = "RO-MS", "Mureș";
    Neamt = "RO-NT", "Neamț";
    Olt = "RO-OT", "Olt";
    Prahova = "RO-PH", "Prahova";
    Salaj = "RO-SJ", "Sălaj";
    SatuMare = "RO-SM", "Satu Mare";
    Sibiu = "RO-SB", "Sibiu";
    Suceava = "RO-SV", "Suceava";
    Teleorman = "RO-TR", "Teleorman";
    Timis = "RO-TM", "Timiș";
    Tulcea = "RO-TL", "Tulcea";
    Valcea = "RO-VL", "Vâlcea";
    Vaslui = "RO-VS", "Vaslui";
    Vrancea = "RO-VN", "Vrancea";
}

impl County {
    /// Parse an ISO 3166-2:RO code; surrounding spaces are ignored because the
    /// official rules compare `normalize-space()`d text.
    pub fn parse(code: &str) -> Result<Self, CountyError> {
        let code = code.trim();
        County::ALL
            .iter()
            .copied()
            .find(|c| c.code() == code)
            .ok_or_else(|| CountyError::Unknown(code.to_owned()))
    }
}

impl serde::Serialize for County {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for County {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = <String as serde::Deserialize>::deserialize(d)?;
        County::parse(&code).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for County {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_ro())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SectorError {
    #[error("Bucharest has sectors 1 to 6 (found {0})")]
    OutOfRange(u8),
    #[error("{0:?} is not a Bucharest sector code (SECTOR1 ... SECTOR6)")]
    Unknown(String),
}

/// One of Bucharest's six sectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BucharestSector(u8);

impl BucharestSector {
    pub fn new(number: u8) -> Result<Self, SectorError> {
        if (1..=6).contains(&number) {
            Ok(BucharestSector(number))
        } else {
            Err(SectorError::OutOfRange(number))
        }
    }

    /// Accepts the CIUS-RO code `SECTOR3` (what BT-37 must hold).
    pub fn parse(code: &str) -> Result<Self, SectorError> {
        let code = code.trim();
        code.strip_prefix("SECTOR")
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=6).contains(n) && code.len() == 7)
            .map(BucharestSector)
            .ok_or_else(|| SectorError::Unknown(code.to_owned()))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The code CIUS-RO wants as CityName: `SECTOR1`..`SECTOR6`.
    pub fn city_code(self) -> &'static str {
        [
            "SECTOR1", "SECTOR2", "SECTOR3", "SECTOR4", "SECTOR5", "SECTOR6",
        ][usize::from(self.0 - 1)]
    }

    /// Romanian display name, e.g. "Sectorul 3".
    pub fn name_ro(self) -> String {
        format!("Sectorul {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_42_codes_parse_and_are_distinct() {
        assert_eq!(County::ALL.len(), 42);
        for c in County::ALL {
            assert_eq!(County::parse(c.code()).unwrap(), *c);
        }
        let mut codes: Vec<_> = County::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 42);
    }

    #[test]
    fn county_names_and_errors() {
        assert_eq!(County::parse("RO-B").unwrap().name_ro(), "București");
        assert_eq!(County::parse(" RO-CJ ").unwrap(), County::Cluj);
        assert_eq!(County::Iasi.to_string(), "Iași");
        assert!(matches!(
            County::parse("RO-XX"),
            Err(CountyError::Unknown(_))
        ));
        assert!(County::parse("CJ").is_err());
        assert!(County::parse("ro-cj").is_err());
    }

    #[test]
    fn sectors() {
        assert_eq!(BucharestSector::new(3).unwrap().city_code(), "SECTOR3");
        assert_eq!(BucharestSector::parse("SECTOR6").unwrap().number(), 6);
        assert_eq!(BucharestSector::new(7), Err(SectorError::OutOfRange(7)));
        assert!(BucharestSector::parse("SECTOR0").is_err());
        assert!(BucharestSector::parse("Sector 1").is_err());
        assert!(BucharestSector::parse("SECTOR01").is_err());
        let a = Address::bucharest("Str. Lungă 1", BucharestSector::new(2).unwrap(), None);
        assert_eq!(a.city.as_deref(), Some("SECTOR2"));
        assert_eq!(a.county(), Some(County::Bucuresti));
    }
}
