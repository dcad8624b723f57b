//! Upload intake and settlement: `in prelucrare` → `ok` / `nok` (or the forced
//! `XML cu erori nepreluat de sistem`), answer zips, and the list messages each outcome creates.

use super::clock;
use super::core::{Sandbox, SandboxError, sha256_hex};
use super::faults::ForcedOutcome;
use super::intake::{self, DocumentKind, ParsedDocument};
use super::rules;
use super::state::{MessageRecord, State, UploadRecord, UploadSource, UploadState};
use super::texts::{TIP_MESAJ_TRANSMIS, detalii_rasp};
use crate::anaf::wire::ErrorFile;
use crate::anaf::wire::texts;
use chrono::{DateTime, Duration, Utc};

/// What intake learned about an accepted upload.
pub struct NewUpload<'a> {
    pub cif: &'a str,
    pub standard: &'a str,
    pub env: &'a str,
    pub b2c: bool,
    pub extern_buyer: bool,
    pub autofactura: bool,
    pub executare: bool,
    pub body: &'a [u8],
    pub doc: ParsedDocument,
    /// Why ANAF refuses it ([`rules::check`], empty when it passes): worked out by the caller
    /// before it takes the state lock, since full validation of a large invoice takes a while.
    pub failures: Vec<rules::RuleFailure>,
    pub source: UploadSource,
}

impl Sandbox {
    /// Records an accepted upload (index assigned, body stored); returns the index.
    pub(super) fn accept_upload(
        &self,
        state: &mut State,
        now: DateTime<Utc>,
        up: NewUpload<'_>,
    ) -> Result<u64, SandboxError> {
        let index = state.core.next_upload_index;
        state.core.next_upload_index += 1;
        state.core_dirty = true;
        state.dirty_uploads.insert(index);
        Self::write_file(&self.upload_path(index), up.body)?;
        let failures = up.failures;
        let delay = state
            .vol
            .faults
            .processing_delay_seconds
            .unwrap_or(self.cfg.processing_delay_seconds);
        let forced = state.vol.faults.force_outcome;
        let e = up.doc.essentials;
        state.core.uploads.push(UploadRecord {
            index,
            cif: up.cif.to_string(),
            standard: up.standard.to_string(),
            env: up.env.to_string(),
            b2c: up.b2c,
            extern_buyer: up.extern_buyer,
            autofactura: up.autofactura,
            executare: up.executare,
            sha256: sha256_hex(up.body),
            size: up.body.len(),
            uploaded_at: now,
            due_at: now + Duration::seconds(delay.max(0)),
            state: UploadState::InPrelucrare,
            settled_at: None,
            download_id: None,
            kind: up.doc.kind,
            seller_cif: e.seller_cif,
            buyer_cif: e.buyer_cif,
            number: e.number,
            issue_date: e.issue_date,
            rasp_index: e.rasp_index,
            errors: failures.iter().map(|f| f.error_file_line()).collect(),
            source: up.source,
            forced,
        });
        Ok(index)
    }

    /// Settles every upload whose processing time has come, in index order (so a duplicate
    /// always sees its original settled first).
    pub(super) fn settle_due(
        &self,
        state: &mut State,
        now: DateTime<Utc>,
    ) -> Result<bool, SandboxError> {
        let mut changed = false;
        for i in 0..state.core.uploads.len() {
            if state.core.uploads[i].state != UploadState::InPrelucrare
                || state.core.uploads[i].due_at > now
            {
                continue;
            }
            self.settle_one(state, i)?;
            changed = true;
        }
        Ok(changed)
    }

    fn settle_one(&self, state: &mut State, i: usize) -> Result<(), SandboxError> {
        let up = state.core.uploads[i].clone();
        state.core_dirty = true;
        state.dirty_uploads.insert(up.index);
        let at = up.due_at;
        let index = up.index.to_string();
        let visible_at = at
            + Duration::seconds(
                state
                    .vol
                    .faults
                    .index_lag_seconds
                    .unwrap_or(self.cfg.index_lag_seconds)
                    .max(0),
            );
        let outcome = decide(state, &up);
        let mut new_messages: Vec<(String, &'static str, String)> = Vec::new();
        let (final_state, payload) = match outcome {
            Outcome::Nepreluat => {
                state.core.uploads[i].state = UploadState::Nepreluat;
                state.core.uploads[i].settled_at = Some(at);
                return Ok(());
            }
            Outcome::Nok(errors) => {
                let emitter = up.seller_cif.clone().unwrap_or_else(|| up.cif.clone());
                new_messages.push((
                    up.cif.clone(),
                    texts::TIP_ERORI_FACTURA,
                    texts::detalii_erori(&index),
                ));
                state.core.uploads[i].errors = errors.clone();
                let error_file = ErrorFile {
                    index_incarcare: index.clone(),
                    cif_emitent: Some(emitter),
                    errors,
                };
                (UploadState::Nok, error_file.to_xml().into_bytes())
            }
            Outcome::Ok => {
                new_messages.extend(ok_messages(state, &up));
                (
                    UploadState::Ok,
                    Self::read_file(&self.upload_path(up.index))?,
                )
            }
        };
        let signature = self.signer.sign_detached(&payload)?;
        let zip = crate::anaf::zip::write_anaf_zip(&index, &payload, signature.as_bytes())?;
        Self::write_file(&self.zip_path(up.index), &zip)?;
        let mut first_id = None;
        for (cif, tip, detalii) in new_messages {
            let id = state.core.next_message_id;
            state.core.next_message_id += 1;
            first_id.get_or_insert(id);
            state.core.messages.push(MessageRecord {
                id,
                cif,
                upload_index: up.index,
                tip: tip.to_string(),
                detalii,
                created_at: at,
                visible_at,
            });
        }
        let u = &mut state.core.uploads[i];
        u.state = final_state;
        u.settled_at = Some(at);
        u.download_id = first_id;
        Ok(())
    }

    /// `/__sandbox/incoming`: a supplier's invoice for one of our CIFs.
    pub fn inject_incoming(&self, xml: &[u8]) -> Result<Result<u64, String>, SandboxError> {
        let doc = match intake::parse_document(
            xml,
            &[
                DocumentKind::Invoice,
                DocumentKind::CreditNote,
                DocumentKind::Cii,
            ],
        ) {
            Ok(d) => d,
            Err(e) => return Ok(Err(e.anaf_message())),
        };
        let Some(seller) = doc.essentials.seller_cif.clone() else {
            return Ok(Err("the invoice has no seller CIF".into()));
        };
        let standard = match doc.kind {
            DocumentKind::CreditNote => "CN",
            DocumentKind::Cii => "CII",
            _ => "UBL",
        };
        let failures = rules::check(doc.kind, xml, &doc.essentials, false);
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        self.settle_due(&mut inner.state, now)?;
        let index = self.accept_upload(
            &mut inner.state,
            now,
            NewUpload {
                cif: &seller,
                standard,
                env: "prod",
                b2c: false,
                extern_buyer: false,
                autofactura: false,
                executare: false,
                body: xml,
                doc,
                failures,
                source: UploadSource::Incoming,
            },
        )?;
        self.save(&mut inner.state)?;
        Ok(Ok(index))
    }

    /// Settles what is due and persists; used by read-only endpoints and the control API.
    pub fn settle_now(&self) -> Result<(), SandboxError> {
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        if self.settle_due(&mut inner.state, now)? {
            self.save(&mut inner.state)?;
        }
        Ok(())
    }

    pub fn uploads(&self) -> Result<Vec<UploadRecord>, SandboxError> {
        self.settle_now()?;
        Ok(self.lock().state.core.uploads.clone())
    }
}

enum Outcome {
    Ok,
    Nok(Vec<String>),
    Nepreluat,
}

fn decide(state: &State, up: &UploadRecord) -> Outcome {
    match up.forced {
        Some(ForcedOutcome::Nepreluat) => return Outcome::Nepreluat,
        Some(ForcedOutcome::Nok) => {
            let seller = up.seller_cif.clone().unwrap_or_else(|| up.cif.clone());
            return Outcome::Nok(vec![texts::global_rule_error(
                "R6.1",
                &format!("CIF-ul vanzatorului nu figureaza in baza de date:{seller}"),
            )]);
        }
        Some(ForcedOutcome::Ok) => return Outcome::Ok,
        None => {}
    }
    if !up.errors.is_empty() {
        return Outcome::Nok(up.errors.clone());
    }
    if up.kind == DocumentKind::Rasp {
        let refers = up.rasp_index.as_deref().and_then(|r| r.parse::<u64>().ok());
        let exists = refers.is_some_and(|r| {
            state
                .core
                .uploads
                .iter()
                .any(|u| u.index == r && u.state == UploadState::Ok)
        });
        return if exists {
            Outcome::Ok
        } else {
            Outcome::Nok(vec![texts::stare_not_found(
                up.rasp_index.as_deref().unwrap_or(""),
            )])
        };
    }
    // Duplicate key: same seller, number and issue date as an earlier accepted invoice.
    let first = state.core.uploads.iter().find(|u| {
        u.index < up.index
            && u.state == UploadState::Ok
            && u.kind != DocumentKind::Rasp
            && u.seller_cif == up.seller_cif
            && u.number == up.number
            && u.issue_date == up.issue_date
    });
    match first {
        Some(f) => Outcome::Nok(vec![texts::duplicate_invoice(
            &f.index.to_string(),
            &clock::romanian_date(f.uploaded_at),
        )]),
        None => Outcome::Ok,
    }
}

/// Messages of an `ok` upload: the uploader's TRIMISA first (its id is `id_descarcare`), then
/// PRIMITA for a counterpart the sandbox knows.
fn ok_messages(state: &State, up: &UploadRecord) -> Vec<(String, &'static str, String)> {
    let index = up.index.to_string();
    let seller = up.seller_cif.clone().unwrap_or_else(|| up.cif.clone());
    let buyer = up.buyer_cif.clone().unwrap_or_default();
    let mut out = Vec::new();
    if up.kind == DocumentKind::Rasp {
        let about = up.rasp_index.clone().unwrap_or_default();
        let detalii = detalii_rasp(&index, &up.cif, &about);
        out.push((up.cif.clone(), TIP_MESAJ_TRANSMIS, detalii.clone()));
        let about_seller = about
            .parse::<u64>()
            .ok()
            .and_then(|a| state.core.uploads.iter().find(|u| u.index == a))
            .map(|u| u.cif.clone());
        if let Some(s) = about_seller {
            out.push((s, texts::TIP_MESAJ_CUMPARATOR_PRIMIT, detalii));
        }
        return out;
    }
    let detalii = if up.autofactura {
        texts::detalii_autofactura(&index, &buyer, &seller)
    } else {
        texts::detalii_factura(&index, &seller, &buyer)
    };
    out.push((up.cif.clone(), texts::TIP_FACTURA_TRIMISA, detalii.clone()));
    // Self-billing: the buyer uploads, the seller receives.
    let counterpart = if up.autofactura { seller } else { buyer };
    let known = state.core.known_cifs.contains(&counterpart) || up.source == UploadSource::Incoming;
    if !counterpart.is_empty() && !up.extern_buyer && known {
        out.push((counterpart, texts::TIP_FACTURA_PRIMITA, detalii));
    }
    out
}
