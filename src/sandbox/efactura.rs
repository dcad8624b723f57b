//! ANAF's e-Factura REST operations (ANAF-API.md §3.1–3.5) on the sandbox state, returning
//! wire answers; HTTP concerns (faults, headers) stay in `http_efactura`.

use super::clock;
use super::core::{Sandbox, SandboxError, is_digits};
use super::faults::Faults;
use super::intake::{self, DocumentKind};
use super::lifecycle::NewUpload;
use super::rules;
use super::state::{MessageRecord, UploadSource, UploadState};
use super::tokens::Grant;
use crate::anaf::quota::{QuotaCall, daily_limit_message};
use crate::anaf::wire::lista::{EroareBody, Paging};
use crate::anaf::wire::texts;
use crate::anaf::wire::timestamp::format_anaf_timestamp;
use crate::anaf::wire::{
    ListaMesaje, ListaResponse, Mesaj, MessageKind, StareMesajResponse, UploadResponse,
};
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

fn lista_error(eroare: impl Into<String>) -> Answer {
    Answer::Json(ListaResponse::Error(EroareBody::new(eroare, texts::LISTA_TITLU)).to_json())
}

fn lista_answer(list: ListaMesaje) -> Answer {
    Answer::Json(ListaResponse::Messages(list).to_json())
}

fn descarcare_error(eroare: impl Into<String>) -> Answer {
    Answer::Json(EroareBody::new(eroare, texts::DESCARCARE_TITLU).to_json())
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
            return Ok((
                Answer::BadRequest(texts::UPLOAD_MISSING_PARAMS.into()),
                None,
            ));
        };
        if body.is_empty() {
            return Ok((Answer::BadRequest(texts::UPLOAD_MISSING_BODY.into()), None));
        }
        let flag = |name: &str| q.get(name).map(|v| v == "DA");
        let extern_buyer = flag("extern") == Some(true);
        // Reading and validating the document is pure and takes a while for a large invoice:
        // done before the state lock, so other calls are not held up; its outcome is used
        // below, at the point of ANAF's order of checks where ANAF reads the document.
        let read = expected_kinds(standard)
            .filter(|_| body.len() <= MAX_UPLOAD_BYTES)
            .map(|kinds| {
                intake::parse_document(body, kinds).map(|doc| {
                    let failures = rules::check(doc.kind, body, &doc.essentials, extern_buyer);
                    (doc, failures)
                })
            });
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        let date_response = format_anaf_timestamp(now);
        let reject = |m: &str| {
            Ok((
                Answer::Xml(UploadResponse::rejected(date_response.clone(), m.to_owned()).to_xml()),
                None,
            ))
        };
        if expected_kinds(standard).is_none() {
            return reject(texts::UPLOAD_BAD_STANDARD);
        }
        if !is_digits(cif) {
            return reject(&texts::cif_not_a_number(cif));
        }
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
            return reject(texts::NO_CIF_WITH_RIGHTS);
        }
        if !grant.has(cif) {
            return reject(&texts::no_rights_for_cif(cif));
        }
        let executare = flag("executare") == Some(true);
        if executare && !self.cfg.executare_register.iter().any(|c| c == cif) {
            return reject(&texts::upload_not_in_enforcement_register(cif));
        }
        if let Some(m) = Self::technical_error_fires(&mut inner.state.vol.faults, endpoint) {
            self.save(&mut inner.state)?;
            return reject(&m);
        }
        if standard == "RASP" {
            let limit = self.cfg.quotas.rasp_uploads_per_cif;
            if Self::take_quota(&mut inner.state, now, &format!("rasp:{cif}"), limit).is_err() {
                let call = QuotaCall::UploadRasp { cui: cif.clone() };
                return reject(&daily_limit_message(&call, limit));
            }
        }
        let (doc, failures) = match read {
            Some(Ok(read)) => read,
            Some(Err(e)) => return reject(&e.anaf_message()),
            // Not reached: a bad standard or an oversized body was refused above.
            None => return reject(texts::UPLOAD_BAD_STANDARD),
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
                extern_buyer,
                autofactura: flag("autofactura") == Some(true),
                executare,
                body,
                doc,
                failures,
                source: UploadSource::Api,
            },
        )?;
        self.save(&mut inner.state)?;
        Ok((
            Answer::Xml(UploadResponse::accepted(date_response, index.to_string()).to_xml()),
            Some(index),
        ))
    }

    /// `stareMesaj?id_incarcare=`.
    pub fn stare_mesaj(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let Some(id) = q.get("id_incarcare") else {
            return Ok(Answer::BadRequest(texts::STARE_MISSING_PARAM.into()));
        };
        let err = |m: String| Ok(Answer::Xml(StareMesajResponse::error(m).to_xml()));
        if !is_digits(id) {
            return err(texts::stare_index_not_a_number(id));
        }
        if grant.cifs.is_empty() {
            return err(texts::STARE_NO_CIF_WITH_RIGHTS.into());
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
            return err(texts::stare_no_rights_for_index(id));
        }
        if let Some(m) = Self::technical_error_fires(&mut inner.state.vol.faults, "stareMesaj") {
            self.save(&mut inner.state)?;
            return err(m);
        }
        let limit = self.cfg.quotas.stare_per_message;
        let quota = Self::take_quota(&mut inner.state, now, &format!("stare:{index}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            let call = QuotaCall::StareMesaj {
                id_incarcare: id.clone(),
            };
            return err(daily_limit_message(&call, limit));
        }
        let download = match up.state {
            UploadState::Ok | UploadState::Nok => up.download_id.map(|d| d.to_string()),
            _ => None,
        };
        Ok(Answer::Xml(
            StareMesajResponse::state(up.state.stare(), download).to_xml(),
        ))
    }

    fn visible_messages<'a>(
        messages: &'a [MessageRecord],
        cif: &'a str,
        filter: Option<char>,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a MessageRecord> + 'a {
        messages.iter().filter(move |m| {
            m.cif == cif
                && m.visible_at <= now
                && filter.is_none_or(|f| MessageKind::parse(&m.tip).filter_letter() == Some(f))
        })
    }

    fn list_entry(m: &MessageRecord) -> Mesaj {
        Mesaj {
            data_creare: format_anaf_timestamp(m.visible_at),
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
            return Ok(Answer::BadRequest(texts::LISTA_MISSING_PARAMS.into()));
        };
        if !is_digits(cif) {
            return Ok(lista_error(texts::cif_not_a_number(cif)));
        }
        let Ok(days) = zile.parse::<i64>() else {
            return Ok(lista_error(texts::lista_days_not_a_number(zile)));
        };
        if !(1..=60).contains(&days) {
            return Ok(lista_error(texts::LISTA_DAYS_OUT_OF_RANGE));
        }
        let filter = match lista_filter_and_rights(q, grant, cif) {
            Ok(filter) => filter,
            Err(answer) => return Ok(answer),
        };
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let limit = self.cfg.quotas.list_simple_per_cif;
        let quota = Self::take_quota(&mut inner.state, now, &format!("lista:{cif}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            let call = QuotaCall::ListaMesaje { cui: cif.clone() };
            return Ok(lista_error(daily_limit_message(&call, limit)));
        }
        let since = now - Duration::days(days);
        let mut found: Vec<&MessageRecord> =
            Self::visible_messages(&inner.state.core.messages, cif, filter, now)
                .filter(|m| m.visible_at >= since)
                .collect();
        if found.is_empty() {
            return Ok(lista_error(texts::lista_empty_days(zile)));
        }
        if found.len() > PAGE_SIZE {
            return Ok(lista_error(texts::LISTA_TOO_MANY));
        }
        found.sort_by_key(|m| std::cmp::Reverse((m.visible_at, m.id)));
        Ok(lista_answer(ListaMesaje::simple(
            found.into_iter().map(Self::list_entry).collect(),
            grant.serial.clone(),
            grant.cifs.join(","),
            // 1..=60, checked above.
            days as u32,
        )))
    }

    /// `listaMesajePaginatieFactura?startTime=&endTime=&cif=&pagina=[&filtru=]` (epoch ms).
    pub fn lista_paginata(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let (Some(start_raw), Some(end_raw), Some(cif), Some(page_raw)) = (
            q.get("startTime"),
            q.get("endTime"),
            q.get("cif"),
            q.get("pagina"),
        ) else {
            return Ok(Answer::BadRequest(
                texts::LISTA_PAGINATED_MISSING_PARAMS.into(),
            ));
        };
        let not_accepted = |param: &str, value: &str| {
            Ok(lista_error(texts::lista_param_not_accepted(param, value)))
        };
        if !is_digits(cif) {
            return not_accepted("CIF introdus", cif);
        }
        let Some(start) = start_raw.parse::<i64>().ok().and_then(clock::from_millis) else {
            return not_accepted("startTime", start_raw);
        };
        let Some(end) = end_raw.parse::<i64>().ok().and_then(clock::from_millis) else {
            return not_accepted("endTime", end_raw);
        };
        let page = match page_raw.parse::<u64>() {
            Ok(p) if p >= 1 => p,
            _ => return not_accepted("pagina", page_raw),
        };
        let filter = match lista_filter_and_rights(q, grant, cif) {
            Ok(filter) => filter,
            Err(answer) => return Ok(answer),
        };
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let limit = self.cfg.quotas.list_paged_per_cif;
        let quota = Self::take_quota(&mut inner.state, now, &format!("paginatie:{cif}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            let call = QuotaCall::ListaPaginata { cui: cif.clone() };
            return Ok(lista_error(daily_limit_message(&call, limit)));
        }
        if start < now - self.retention() {
            return Ok(lista_error(texts::lista_start_too_old(start)));
        }
        if end > now {
            return Ok(lista_error(texts::lista_end_in_future(end, now)));
        }
        if end <= start {
            return Ok(lista_error(texts::lista_end_not_after_start(start, end)));
        }
        let mut found: Vec<&MessageRecord> =
            Self::visible_messages(&inner.state.core.messages, cif, filter, now)
                .filter(|m| m.visible_at >= start && m.visible_at <= end)
                .collect();
        if found.is_empty() {
            return Ok(lista_error(texts::LISTA_EMPTY_INTERVAL));
        }
        found.sort_by_key(|m| (m.visible_at, m.id));
        let total = found.len() as u64;
        let pages = total.div_ceil(PAGE_SIZE as u64);
        if page > pages {
            return Ok(lista_error(texts::lista_page_beyond_last(page, pages)));
        }
        let skip = usize::try_from((page - 1) * PAGE_SIZE as u64).unwrap_or(usize::MAX);
        let mesaje: Vec<Mesaj> = found
            .into_iter()
            .skip(skip)
            .take(PAGE_SIZE)
            .map(Self::list_entry)
            .collect();
        let paging = Paging {
            current_page: page,
            total_pages: pages,
            total_records: total,
            records_in_page: mesaje.len() as u64,
            page_size: PAGE_SIZE as u64,
        };
        Ok(lista_answer(ListaMesaje::page(
            mesaje,
            paging,
            grant.serial.clone(),
            grant.cifs.join(","),
            (start, end),
        )))
    }

    /// `descarcare?id=`: the answer zip (same archive for the seller's and the buyer's message).
    pub fn descarcare(&self, q: &Query, grant: &Grant) -> Result<Answer, SandboxError> {
        let Some(id) = q.get("id") else {
            return Ok(Answer::BadRequest(texts::DESCARCARE_MISSING_PARAM.into()));
        };
        let err = |m: String| Ok(descarcare_error(m));
        if !is_digits(id) {
            return err(texts::descarcare_id_not_a_number(id));
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
            return err(texts::descarcare_not_found(id));
        };
        if !grant.has(&msg.cif) {
            self.save(&mut inner.state)?;
            return err(texts::DESCARCARE_NO_RIGHTS.into());
        }
        if now > msg.created_at + self.retention() {
            self.save(&mut inner.state)?;
            return err(texts::DESCARCARE_EXPIRED.into());
        }
        let limit = self.cfg.quotas.download_per_message;
        let quota = Self::take_quota(&mut inner.state, now, &format!("descarcare:{id}"), limit);
        self.save(&mut inner.state)?;
        if quota.is_err() {
            let call = QuotaCall::Descarcare { id: id.clone() };
            return err(daily_limit_message(&call, limit));
        }
        Ok(Answer::Zip(Self::read_file(
            &self.zip_path(msg.upload_index),
        )?))
    }
}

/// The checks both list endpoints make after their own parameters, in ANAF's order: the
/// optional `filtru` (E, T, P or R), then the caller's rights on `cif`. `Ok` is the filter.
fn lista_filter_and_rights(q: &Query, grant: &Grant, cif: &str) -> Result<Option<char>, Answer> {
    let filter = match q.get("filtru").map(String::as_str) {
        None => None,
        Some(f @ ("E" | "T" | "P" | "R")) => f.chars().next(),
        Some(_) => return Err(lista_error(texts::LISTA_BAD_FILTER)),
    };
    if grant.cifs.is_empty() {
        return Err(lista_error(texts::NO_CIF_WITH_RIGHTS));
    }
    if !grant.has(cif) {
        return Err(lista_error(texts::no_rights_for_cif(cif)));
    }
    Ok(filter)
}

/// The document kinds an upload's `standard` accepts; `None` for a standard ANAF does not know.
fn expected_kinds(standard: &str) -> Option<&'static [DocumentKind]> {
    match standard {
        "UBL" => Some(&[DocumentKind::Invoice]),
        "CN" => Some(&[DocumentKind::CreditNote]),
        "CII" => Some(&[DocumentKind::Cii]),
        "RASP" => Some(&[DocumentKind::Rasp]),
        _ => None,
    }
}
