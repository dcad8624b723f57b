//! `GET listaMesajeFactura` and `GET listaMesajePaginatieFactura` answers (JSON).
//!
//! Success: `{"mesaje":[..], [paging counters,] "serial":"..","cui":"..","titlu":".."}`;
//! errors: `{"eroare":"..","titlu":"Lista Mesaje"}`. "Nu exista mesaje ..." in `eroare` means an
//! empty list, not a failure.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::json_lenient::{opt_u64_lenient, string_or_number};
use super::texts::{
    TIP_ERORI_FACTURA, TIP_FACTURA_PRIMITA, TIP_FACTURA_TRIMISA, TIP_MESAJ_CUMPARATOR_PREFIX,
    TIP_MESAJ_CUMPARATOR_PRIMIT,
};
use super::timestamp::{TimestampError, parse_anaf_timestamp};
use super::{AnafError, WireError, parse_json, to_json};

/// One message in a list. Exactly the six fields ANAF sends, all strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mesaj {
    /// `yyyyMMddHHmm`, Bucharest time: when ANAF indexed the message.
    pub data_creare: String,
    /// The CIF that was queried (the SPV owner).
    #[serde(deserialize_with = "string_or_number")]
    pub cif: String,
    /// The upload index of the underlying upload (zip member names use it).
    #[serde(deserialize_with = "string_or_number")]
    pub id_solicitare: String,
    pub detalii: String,
    pub tip: String,
    /// The download id for `descarcare`.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
}

/// `tip` values. ANAF's RASP strings are not confirmed, so every `MESAJ CUMPARATOR...` prefix
/// is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageKind {
    FacturaTrimisa,
    FacturaPrimita,
    EroriFactura,
    MesajCumparator,
    Other(String),
}

impl MessageKind {
    pub fn parse(tip: &str) -> Self {
        let t = tip.trim().to_uppercase();
        match t.as_str() {
            TIP_FACTURA_TRIMISA => Self::FacturaTrimisa,
            TIP_FACTURA_PRIMITA => Self::FacturaPrimita,
            TIP_ERORI_FACTURA => Self::EroriFactura,
            _ if t.starts_with(TIP_MESAJ_CUMPARATOR_PREFIX) => Self::MesajCumparator,
            _ => Self::Other(tip.to_owned()),
        }
    }

    /// The `tip` text ANAF writes (RASP: the received form).
    pub fn as_tip(&self) -> &str {
        match self {
            Self::FacturaTrimisa => TIP_FACTURA_TRIMISA,
            Self::FacturaPrimita => TIP_FACTURA_PRIMITA,
            Self::EroriFactura => TIP_ERORI_FACTURA,
            Self::MesajCumparator => TIP_MESAJ_CUMPARATOR_PRIMIT,
            Self::Other(s) => s,
        }
    }

    /// The `filtru` letter selecting this kind.
    pub fn filter_letter(&self) -> Option<char> {
        match self {
            Self::EroriFactura => Some('E'),
            Self::FacturaTrimisa => Some('T'),
            Self::FacturaPrimita => Some('P'),
            Self::MesajCumparator => Some('R'),
            Self::Other(_) => None,
        }
    }
}

impl Mesaj {
    pub fn kind(&self) -> MessageKind {
        MessageKind::parse(&self.tip)
    }

    pub fn created_at(&self) -> Result<DateTime<Utc>, TimestampError> {
        parse_anaf_timestamp(&self.data_creare)
    }
}

/// A successful list answer; the paging counters are present only on the paginated endpoint
/// (JSON numbers there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListaMesaje {
    pub mesaje: Vec<Mesaj>,
    #[serde(
        default,
        deserialize_with = "opt_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub numar_inregistrari_in_pagina: Option<u64>,
    #[serde(
        default,
        deserialize_with = "opt_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub numar_total_inregistrari_per_pagina: Option<u64>,
    #[serde(
        default,
        deserialize_with = "opt_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub numar_total_inregistrari: Option<u64>,
    #[serde(
        default,
        deserialize_with = "opt_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub numar_total_pagini: Option<u64>,
    #[serde(
        default,
        deserialize_with = "opt_u64_lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub index_pagina_curenta: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cui: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titlu: Option<String>,
}

/// The in-band error form shared by the list and descarcare endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EroareBody {
    pub eroare: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titlu: Option<String>,
}

impl EroareBody {
    pub fn new(eroare: impl Into<String>, titlu: impl Into<String>) -> Self {
        Self {
            eroare: eroare.into(),
            titlu: Some(titlu.into()),
        }
    }

    pub fn classify(&self) -> AnafError {
        AnafError::classify(&self.eroare)
    }

    pub fn to_json(&self) -> String {
        to_json(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ListaResponse {
    Messages(ListaMesaje),
    Error(EroareBody),
}

/// Paging position of a paginated answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub current_page: u64,
    pub total_pages: u64,
    pub total_records: u64,
    pub records_in_page: u64,
    pub page_size: u64,
}

impl ListaMesaje {
    /// A `listaMesajeFactura` answer as ANAF writes it.
    pub fn simple(mesaje: Vec<Mesaj>, serial: String, cui: String, zile: u32) -> Self {
        Self {
            mesaje,
            numar_inregistrari_in_pagina: None,
            numar_total_inregistrari_per_pagina: None,
            numar_total_inregistrari: None,
            numar_total_pagini: None,
            index_pagina_curenta: None,
            serial: Some(serial),
            cui: Some(cui),
            titlu: Some(super::texts::lista_title_days(zile)),
        }
    }

    /// One page of a `listaMesajePaginatieFactura` answer as ANAF writes it (`page` 1-based).
    pub fn page(
        mesaje: Vec<Mesaj>,
        paging: Paging,
        serial: String,
        cui: String,
        interval: (DateTime<Utc>, DateTime<Utc>),
    ) -> Self {
        Self {
            numar_inregistrari_in_pagina: Some(mesaje.len() as u64),
            numar_total_inregistrari_per_pagina: Some(paging.page_size),
            numar_total_inregistrari: Some(paging.total_records),
            numar_total_pagini: Some(paging.total_pages),
            index_pagina_curenta: Some(paging.current_page),
            mesaje,
            serial: Some(serial),
            cui: Some(cui),
            titlu: Some(super::texts::lista_title_interval(interval.0, interval.1)),
        }
    }

    pub fn paging(&self) -> Option<Paging> {
        Some(Paging {
            current_page: self.index_pagina_curenta?,
            total_pages: self.numar_total_pagini?,
            total_records: self.numar_total_inregistrari.unwrap_or(0),
            records_in_page: self
                .numar_inregistrari_in_pagina
                .unwrap_or(self.mesaje.len() as u64),
            page_size: self.numar_total_inregistrari_per_pagina.unwrap_or(500),
        })
    }
}

impl ListaResponse {
    pub fn from_json(body: &[u8]) -> Result<Self, WireError> {
        const PAYLOAD: &str = "lista mesaje JSON";
        let value: serde_json::Value = parse_json(body, PAYLOAD)?;
        let parse = |v: serde_json::Value| -> Result<Self, WireError> {
            if v.get("mesaje").is_some() {
                serde_json::from_value(v)
                    .map(Self::Messages)
                    .map_err(|source| WireError::Json {
                        payload: PAYLOAD,
                        source,
                    })
            } else if v.get("eroare").is_some() {
                serde_json::from_value(v)
                    .map(Self::Error)
                    .map_err(|source| WireError::Json {
                        payload: PAYLOAD,
                        source,
                    })
            } else {
                Err(WireError::Missing {
                    payload: PAYLOAD,
                    what: "both mesaje and eroare",
                })
            }
        };
        parse(value)
    }

    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// The messages, an empty list for "Nu exista mesaje...", or the classified error.
    pub fn into_messages(self) -> Result<ListaMesaje, AnafError> {
        match self {
            Self::Messages(list) => Ok(list),
            Self::Error(e) => match e.classify() {
                AnafError::NoMessages { .. } => Ok(ListaMesaje {
                    mesaje: Vec::new(),
                    numar_inregistrari_in_pagina: None,
                    numar_total_inregistrari_per_pagina: None,
                    numar_total_inregistrari: None,
                    numar_total_pagini: None,
                    index_pagina_curenta: None,
                    serial: None,
                    cui: None,
                    titlu: e.titlu,
                }),
                other => Err(other),
            },
        }
    }
}
