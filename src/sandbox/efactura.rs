//! ANAF's e-Factura REST operations (ANAF-API.md §3.1–3.5) on the sandbox state, returning
//! wire answers; HTTP concerns (faults, headers) stay in `http_efactura`.

use super::clock;
use super::core::{Sandbox, SandboxError, is_digits};
use super::faults::Faults;
use super::lifecycle::NewUpload;
use super::state::{MessageRecord, UploadSource, UploadState};
use super::stub_ubl::{self, DocumentKind};
use super::stub_wire::{self, JsonError, ListMessage, PagedList, SimpleList};
use super::texts;
use super::tokens::Grant;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
pub const PAGE_SIZE: usize = 500;

/// A wire answer, before HTTP framing.
#[derive(Debug, Clone)]
pub enum Answer {
    Xml(String),
    /// Serialized JSON, fields in ANAF's order.
    Json(String),
    /// Spring-style HTTP 400 with this message.
    BadRequest(String),
    Zip(Vec<u8>),
}

fn json_answer<T: serde::Serialize>(value: &T) -> Answer {
    // Plain data structs cannot fail to serialize; `{}` keeps the type honest if one ever did.
    Answer::Json(serde_json::to_string(value).unwrap_or_else(|_| "{}".into()))
}

fn json_error(eroare: impl Into<String>, titlu: &str) -> Answer {
    json_answer(&JsonError {
        eroare: eroare.into(),
        titlu: titlu.to_string(),
    })
}

fn lista_error(eroare: impl Into<String>) -> Answer {
    json_error(eroare, stub_wire::TITLU_LISTA)
}

type Query = HashMap<String, String>;

impl Sandbox {
    fn technical_error_fires(faults: &mut Faults, endpoint: &str) -> Option<String> {
        let roll = rand::random::<f64>();
        Faults::fire(&mut faults.technical_error, endpoint, roll).then(|| {
            texts::technical_error(faults.technical_error_code.as_deref().unwrap_or("1814"))
        })
    }

    /// `upload` / `uploadb2c`. Returns the answer and, when accepted, the new index.
    pub fn upload(
        &self,
        endpoint: &str,
        env: &str,
        q: &Query,
        grant: &Grant,
        body: &[u8],
    ) -> Result<(Answer, Option<u64>), SandboxError> {
        let (Some(standard), Some(cif)) = (q.get("standard"), q.get("cif")) else {
            return Ok((Answer::BadRequest(texts::UPLOAD_400_PARAMS.into()), None));
        };
        if body.is_empty() {
            return Ok((Answer::BadRequest(texts::UPLOAD_400_NO_BODY.into()), None));
        }
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        let date_response = clock::anaf_minute(now);
        let reject = |m: &str| {
            Ok((
                Answer::Xml(stub_wire::upload_rejected(&date_response, m)),
                None,
            ))
        };
        let expected: &[DocumentKind] = match standard.as_str() {
            "UBL" => &[DocumentKind::Invoice],
            "CN" => &[DocumentKind::CreditNote],
            "CII" => &[DocumentKind::Cii],
            "RASP" => &[DocumentKind::Rasp],
            _ => return reject(texts::UPLOAD_BAD_STANDARD),
        };
        if !is_digits(cif) {
            return reject(&texts::cif_not_numeric(cif));
        }
        let flag = |name: &str| q.get(name).map(|v| v == "DA");
        if flag("extern") == Some(false) {
            return reject(texts::UPLOAD_BAD_EXTERN);
        }
        if flag("autofactura") == Some(false) {
            return reject(texts::UPLOAD_BAD_AUTOFACTURA);
        }
        if flag("executare") == Some(false) {
            return reject(texts::UPLOAD_BAD_EXECUTARE);
        }
        if body.len() > MAX_UPLOAD_BYTES {
            return reject(texts::UPLOAD_TOO_LARGE);
        }
        if grant.cifs.is_empty() {
            return reject(texts::NO_CIF_RIGHTS);
        }
        if !grant.has(cif) {
            return reject(&texts::no_rights_for_cif(cif));
        }
        let executare = flag("executare") == Some(true);
        if executare && !self.cfg.executare_register.iter().any(|c| c == cif) {
            return reject(&texts::not_in_executare_register(cif));
        }
        if let Some(m) = Self::technical_error_fires(&mut inner.state.vol.faults, endpoint) {
            self.save(&mut inner.state)?;
            return reject(&m);
        }
        if standard == "RASP" {
            let limit = self.cfg.quotas.rasp_uploads_per_cif;
            if Self::take_quota(&mut inner.state, now, &format!("rasp:{cif}"), limit).is_err() {
                return reject(&texts::rasp_quota(limit, cif));
            }
        }
        let doc = match stub_ubl::parse_document(body, expected) {
            Ok(d) => d,
            Err(e) => return reject(&e.anaf_message()),
        };
        self.settle_due(&mut inner.state, now)?;
        let index = self.accept_upload(
            &mut inner.state,
            now,
            NewUpload {
                cif,
                standard,
                env,
                b2c: endpoint == "uploadb2c",
                extern_buyer: flag("extern") == Some(true),
                autofactura: flag("autofactura") == Some(true),
                executare,
                body,
                doc,
                source: UploadSource::Api,
            },
        )?;
        self.save(&mut inner.state)?;
        Ok((
            Answer::Xml(stub_wire::upload_accepted(
                &date_response,
                &index.to_string(),
            )),
            Some(index),
        ))
    }

    /// `stareMesaj?id_incarcare=`.
    pub fn stare_mesaj(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let Some(id) = q.get("id_incarcare") else {
            return Ok(Answer::BadRequest(texts::STARE_400.into()));
        };
        let err = |m: String| Ok(Answer::Xml(stub_wire::stare_error(&m)));
        if !is_digits(id) {
            return err(texts::stare_not_integer(id));
        }
        if grant.cifs.is_empty() {
            return err(texts::NO_CIF_RIGHTS_STARE.into());
        }
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let index: u64 = id.parse().unwrap_or(0);
        let Some(up) = inner
            .state
            .core
            .uploads
            .iter()
            .find(|u| u.index == index)
            .cloned()
        else {
            self.save(&mut inner.state)?;
            return err(texts::stare_not_found(id));
        };
        if !grant.has(&up.cif) {
            self.save(&mut inner.state)?;
            return err(texts::stare_no_rights(id));
        }
        if let Some(m) = Self::technical_error_fires(&mut inner.state.vol.faults, "stareMesaj") {
            self.save(&mut inner.state)?;
            return err(m);
        }
        let limit = self.cfg.quotas.stare_per_message;
        let quota = Self::take_quota(&mut inner.state, now, &format!("stare:{index}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            return err(texts::stare_quota(limit));
        }
        let download = match up.state {
            UploadState::Ok | UploadState::Nok => up.download_id.map(|d| d.to_string()),
            _ => None,
        };
        Ok(Answer::Xml(stub_wire::stare_state(
            up.state.stare(),
            download.as_deref(),
        )))
    }

    fn visible_messages<'a>(
        messages: &'a [MessageRecord],
        cif: &'a str,
        filter: Option<&'a str>,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a MessageRecord> + 'a {
        messages.iter().filter(move |m| {
            m.cif == cif
                && m.visible_at <= now
                && match filter {
                    Some("E") => m.tip == texts::TIP_ERORI,
                    Some("T") => m.tip == texts::TIP_TRIMISA,
                    Some("P") => m.tip == texts::TIP_PRIMITA,
                    Some("R") => m.tip.starts_with("MESAJ CUMPARATOR"),
                    _ => true,
                }
        })
    }

    fn list_entry(m: &MessageRecord) -> ListMessage {
        ListMessage {
            data_creare: clock::anaf_minute(m.visible_at),
            cif: m.cif.clone(),
            id_solicitare: m.upload_index.to_string(),
            detalii: m.detalii.clone(),
            tip: m.tip.clone(),
            id: m.id.to_string(),
        }
    }

    /// `listaMesajeFactura?zile=&cif=[&filtru=]`.
    pub fn lista_simpla(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let (Some(zile), Some(cif)) = (q.get("zile"), q.get("cif")) else {
            return Ok(Answer::BadRequest(texts::LIST_400_SIMPLE.into()));
        };
        if !is_digits(cif) {
            return Ok(lista_error(texts::cif_not_numeric(cif)));
        }
        let Ok(days) = zile.parse::<i64>() else {
            return Ok(lista_error(texts::days_not_integer(zile)));
        };
        if !(1..=60).contains(&days) {
            return Ok(lista_error(texts::DAYS_OUT_OF_RANGE));
        }
        let filter = q.get("filtru").map(String::as_str);
        if filter.is_some_and(|f| !matches!(f, "E" | "T" | "P" | "R")) {
            return Ok(lista_error(texts::BAD_FILTER));
        }
        if grant.cifs.is_empty() {
            return Ok(lista_error(texts::NO_CIF_RIGHTS));
        }
        if !grant.has(cif) {
            return Ok(lista_error(texts::no_rights_for_cif(cif)));
        }
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let limit = self.cfg.quotas.list_simple_per_cif;
        let quota = Self::take_quota(&mut inner.state, now, &format!("lista:{cif}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            return Ok(lista_error(texts::list_quota(limit)));
        }
        let since = now - Duration::days(days);
        let mut found: Vec<&MessageRecord> =
            Self::visible_messages(&inner.state.core.messages, cif, filter, now)
                .filter(|m| m.visible_at >= since)
                .collect();
        if found.is_empty() {
            return Ok(lista_error(texts::list_empty_days(zile)));
        }
        if found.len() > PAGE_SIZE {
            return Ok(lista_error(texts::LIST_TOO_LARGE));
        }
        found.sort_by_key(|m| std::cmp::Reverse((m.visible_at, m.id)));
        let list = SimpleList {
            mesaje: found.into_iter().map(Self::list_entry).collect(),
            serial: grant.serial.clone(),
            cui: grant.cifs.join(","),
            titlu: texts::list_title_days(days as u32),
        };
        Ok(json_answer(&list))
    }

    /// `listaMesajePaginatieFactura?startTime=&endTime=&cif=&pagina=[&filtru=]` (epoch ms).
    pub fn lista_paginata(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let (Some(start_raw), Some(end_raw), Some(cif), Some(page_raw)) = (
            q.get("startTime"),
            q.get("endTime"),
            q.get("cif"),
            q.get("pagina"),
        ) else {
            return Ok(Answer::BadRequest(texts::LIST_400_PAGED.into()));
        };
        if !is_digits(cif) {
            return Ok(lista_error(texts::cif_not_numeric_paged(cif)));
        }
        let Some(start) = start_raw.parse::<i64>().ok().and_then(clock::from_millis) else {
            return Ok(lista_error(texts::not_a_number_paged(
                "startTime",
                start_raw,
            )));
        };
        let Some(end) = end_raw.parse::<i64>().ok().and_then(clock::from_millis) else {
            return Ok(lista_error(texts::not_a_number_paged("endTime", end_raw)));
        };
        let page = match page_raw.parse::<u64>() {
            Ok(p) if p >= 1 => p,
            _ => return Ok(lista_error(texts::not_a_number_paged("pagina", page_raw))),
        };
        let filter = q.get("filtru").map(String::as_str);
        if filter.is_some_and(|f| !matches!(f, "E" | "T" | "P" | "R")) {
            return Ok(lista_error(texts::BAD_FILTER));
        }
        if grant.cifs.is_empty() {
            return Ok(lista_error(texts::NO_CIF_RIGHTS));
        }
        if !grant.has(cif) {
            return Ok(lista_error(texts::no_rights_for_cif(cif)));
        }
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let limit = self.cfg.quotas.list_paged_per_cif;
        let quota = Self::take_quota(&mut inner.state, now, &format!("paginatie:{cif}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            return Ok(lista_error(texts::list_quota(limit)));
        }
        if start < now - self.retention() {
            return Ok(lista_error(texts::start_too_old(&clock::anaf_seconds(
                start,
            ))));
        }
        if end > now {
            return Ok(lista_error(texts::end_in_future(
                &clock::anaf_seconds(end),
                &clock::anaf_seconds(now),
            )));
        }
        if end <= start {
            return Ok(lista_error(texts::end_before_start(
                &clock::anaf_seconds(end),
                &clock::anaf_seconds(start),
            )));
        }
        let mut found: Vec<&MessageRecord> =
            Self::visible_messages(&inner.state.core.messages, cif, filter, now)
                .filter(|m| m.visible_at >= start && m.visible_at <= end)
                .collect();
        if found.is_empty() {
            return Ok(lista_error(texts::LIST_EMPTY_INTERVAL));
        }
        found.sort_by_key(|m| (m.visible_at, m.id));
        let total = found.len() as u64;
        let pages = total.div_ceil(PAGE_SIZE as u64);
        if page > pages {
            return Ok(lista_error(texts::page_too_large(page, pages)));
        }
        let skip = usize::try_from((page - 1) * PAGE_SIZE as u64).unwrap_or(usize::MAX);
        let mesaje: Vec<ListMessage> = found
            .into_iter()
            .skip(skip)
            .take(PAGE_SIZE)
            .map(Self::list_entry)
            .collect();
        let list = PagedList {
            numar_inregistrari_in_pagina: mesaje.len() as u64,
            mesaje,
            numar_total_inregistrari_per_pagina: PAGE_SIZE as u64,
            numar_total_inregistrari: total,
            numar_total_pagini: pages,
            index_pagina_curenta: page,
            serial: grant.serial.clone(),
            cui: grant.cifs.join(","),
            titlu: texts::list_title_interval(
                &clock::anaf_seconds(start),
                &clock::anaf_seconds(end),
            ),
        };
        Ok(json_answer(&list))
    }

    /// `descarcare?id=`: the answer zip (same archive for the seller's and the buyer's message).
    pub fn descarcare(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let Some(id) = q.get("id") else {
            return Ok(Answer::BadRequest(texts::DOWNLOAD_400.into()));
        };
        let err = |m: String| Ok(json_error(m, stub_wire::TITLU_DESCARCARE));
        if !is_digits(id) {
            return err(texts::download_not_integer(id));
        }
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let wanted: u64 = id.parse().unwrap_or(0);
        let Some(msg) = inner
            .state
            .core
            .messages
            .iter()
            .find(|m| m.id == wanted)
            .cloned()
        else {
            self.save(&mut inner.state)?;
            return err(texts::download_not_found(id));
        };
        if !grant.has(&msg.cif) {
            self.save(&mut inner.state)?;
            return err(texts::DOWNLOAD_NO_RIGHTS.into());
        }
        if now > msg.created_at + self.retention() {
            self.save(&mut inner.state)?;
            return err(texts::DOWNLOAD_EXPIRED.into());
        }
        let limit = self.cfg.quotas.download_per_message;
        let quota = Self::take_quota(&mut inner.state, now, &format!("descarcare:{id}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            return err(texts::download_quota(limit, id));
        }
        Ok(Answer::Zip(Self::read_file(
            &self.zip_path(msg.upload_index),
        )?))
    }
}
