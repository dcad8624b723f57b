//! ANAF's call limits (ANAF-API.md §6), counted with `now` passed in.
//!
//! The simulator uses [`QuotaLedger::try_call`] to decide whether to answer normally, with
//! ANAF's in-band daily-limit text, or with HTTP 429; our client uses the same ledger to budget
//! its calls (ANAF may block a user or an application that keeps hitting the limits).
//!
//! Daily counters reset at midnight Europe/Bucharest (ANAF's day; assumed, not documented).
//! The global per-minute limit counts calendar minutes (UTC), which is what a fixed-window edge
//! limiter does; a call refused with 429 does not reach the service and is not counted daily.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;

/// The limits; [`Default`] gives ANAF's published values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaLimits {
    /// `stareMesaj` calls per upload index per day.
    pub stare_mesaj_per_message: u32,
    /// `descarcare` calls per download id per day.
    pub descarcare_per_message: u32,
    /// `listaMesajeFactura` calls per CUI per day.
    pub lista_per_cui: u32,
    /// `listaMesajePaginatieFactura` calls per CUI per day.
    pub lista_paginata_per_cui: u32,
    /// `upload?standard=RASP` per CUI per day (invoice uploads are not limited).
    pub rasp_uploads_per_cui: u32,
    /// All calls to api.anaf.ro per minute.
    pub requests_per_minute: u32,
}

impl Default for QuotaLimits {
    fn default() -> Self {
        Self {
            stare_mesaj_per_message: 100,
            descarcare_per_message: 10,
            lista_per_cui: 1500,
            lista_paginata_per_cui: 100_000,
            rasp_uploads_per_cui: 1000,
            requests_per_minute: 1000,
        }
    }
}

/// One call to ANAF, with what its daily limit is counted by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum QuotaCall {
    StareMesaj {
        id_incarcare: String,
    },
    Descarcare {
        id: String,
    },
    ListaMesaje {
        cui: String,
    },
    ListaPaginata {
        cui: String,
    },
    UploadRasp {
        cui: String,
    },
    /// Calls without a daily limit (invoice uploads, validare, transformare, signature
    /// check, OAuth); they count toward the per-minute limit only.
    Unmetered,
}

/// Why a call is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotaRefusal {
    /// The daily limit is used up; `message` is the in-band text ANAF answers with (HTTP 200,
    /// in the endpoint's own error shape).
    DailyLimit {
        limit: u32,
        message: String,
        resets_at: DateTime<Utc>,
    },
    /// Over the per-minute limit: HTTP 429.
    TooManyRequests { retry_after_seconds: u32 },
}

/// The text ANAF answers with when `call`'s daily limit (`limit`) is used up.
///
/// Sources: RASP and the descarcare "field form" are confirmed by two sources; the list text
/// is ANAF's swagger example; the stareMesaj text is unconfirmed, so the swagger example's
/// wording is used with the real limit.
pub fn daily_limit_message(call: &QuotaCall, limit: u32) -> String {
    match call {
        QuotaCall::StareMesaj { .. } => {
            format!("S-au facut deja {limit} descarcari de mesaj in cursul zilei")
        }
        QuotaCall::Descarcare { id } => {
            format!(
                "S-au facut deja {limit} descarcari la mesajul cu id_descarcare={id} in cursul zilei"
            )
        }
        QuotaCall::ListaMesaje { .. } | QuotaCall::ListaPaginata { .. } => format!(
            "S-au facut deja {limit} interogari de lista mesaje de catre utilizator in cursul zilei"
        ),
        QuotaCall::UploadRasp { cui } => format!(
            "S-au incarcat deja {limit} de mesaje de tip RASP pentru cui={cui} in cursul zilei"
        ),
        QuotaCall::Unmetered => String::new(),
    }
}

/// ANAF's day (Bucharest calendar date) of an instant.
pub fn anaf_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Bucharest).date_naive()
}

/// The next midnight in Bucharest, in UTC: when daily counters reset.
pub fn next_daily_reset(now: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = anaf_day(now)
        .checked_add_days(Days::new(1))
        .unwrap_or(NaiveDate::MAX);
    let midnight = tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default();
    Bucharest
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        // Bucharest never skips midnight; a day later is a safe upper bound regardless.
        .unwrap_or(now + chrono::Duration::days(1))
}

/// Call counts for the current ANAF day and the current minute.
#[derive(Debug, Clone)]
pub struct QuotaLedger {
    limits: QuotaLimits,
    day: Option<NaiveDate>,
    daily: HashMap<QuotaCall, u32>,
    minute: Option<i64>,
    minute_count: u32,
}

impl QuotaLedger {
    pub fn new(limits: QuotaLimits) -> Self {
        Self {
            limits,
            day: None,
            daily: HashMap::new(),
            minute: None,
            minute_count: 0,
        }
    }

    pub fn limits(&self) -> &QuotaLimits {
        &self.limits
    }

    pub fn set_limits(&mut self, limits: QuotaLimits) {
        self.limits = limits;
    }

    /// The daily limit that applies to `call`, if any.
    pub fn daily_limit(&self, call: &QuotaCall) -> Option<u32> {
        let l = &self.limits;
        match call {
            QuotaCall::StareMesaj { .. } => Some(l.stare_mesaj_per_message),
            QuotaCall::Descarcare { .. } => Some(l.descarcare_per_message),
            QuotaCall::ListaMesaje { .. } => Some(l.lista_per_cui),
            QuotaCall::ListaPaginata { .. } => Some(l.lista_paginata_per_cui),
            QuotaCall::UploadRasp { .. } => Some(l.rasp_uploads_per_cui),
            QuotaCall::Unmetered => None,
        }
    }

    /// Checks `call` against the limits at `now` and, if allowed, counts it.
    pub fn try_call(&mut self, call: &QuotaCall, now: DateTime<Utc>) -> Result<(), QuotaRefusal> {
        self.roll_over(now);
        if self.minute_count >= self.limits.requests_per_minute {
            let into_minute = now.timestamp().rem_euclid(60);
            return Err(QuotaRefusal::TooManyRequests {
                retry_after_seconds: u32::try_from(60 - into_minute).unwrap_or(60),
            });
        }
        self.minute_count += 1;
        if let Some(limit) = self.daily_limit(call) {
            let used = self.daily.get(call).copied().unwrap_or(0);
            if used >= limit {
                return Err(QuotaRefusal::DailyLimit {
                    limit,
                    message: daily_limit_message(call, limit),
                    resets_at: next_daily_reset(now),
                });
            }
            self.daily.insert(call.clone(), used + 1);
        }
        Ok(())
    }

    /// Counts a call that was made whatever the limits say (a client recording what it sent).
    pub fn record(&mut self, call: &QuotaCall, now: DateTime<Utc>) {
        self.roll_over(now);
        self.minute_count = self.minute_count.saturating_add(1);
        if self.daily_limit(call).is_some() {
            let used = self.daily.entry(call.clone()).or_insert(0);
            *used = used.saturating_add(1);
        }
    }

    /// Calls of this kind already counted today.
    pub fn used_today(&self, call: &QuotaCall, now: DateTime<Utc>) -> u32 {
        if self.day != Some(anaf_day(now)) {
            return 0;
        }
        self.daily.get(call).copied().unwrap_or(0)
    }

    /// Calls of this kind still allowed today; `None` when the call has no daily limit.
    pub fn remaining_today(&self, call: &QuotaCall, now: DateTime<Utc>) -> Option<u32> {
        self.daily_limit(call)
            .map(|limit| limit.saturating_sub(self.used_today(call, now)))
    }

    fn roll_over(&mut self, now: DateTime<Utc>) {
        let day = anaf_day(now);
        if self.day != Some(day) {
            self.day = Some(day);
            self.daily.clear();
        }
        let minute = now.timestamp().div_euclid(60);
        if self.minute != Some(minute) {
            self.minute = Some(minute);
            self.minute_count = 0;
        }
    }
}

impl Default for QuotaLedger {
    fn default() -> Self {
        Self::new(QuotaLimits::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 20, h, m, s).unwrap()
    }

    #[test]
    fn descarcare_allows_ten_a_day_per_message() {
        let mut ledger = QuotaLedger::default();
        let call = QuotaCall::Descarcare { id: "3001".into() };
        for i in 0..10 {
            ledger.try_call(&call, at(10, i, 0)).unwrap();
        }
        let refusal = ledger.try_call(&call, at(11, 0, 0)).unwrap_err();
        assert_eq!(
            refusal,
            QuotaRefusal::DailyLimit {
                limit: 10,
                message:
                    "S-au facut deja 10 descarcari la mesajul cu id_descarcare=3001 in cursul zilei"
                        .into(),
                // Midnight in Bucharest (UTC+2 in January) is 22:00 UTC.
                resets_at: at(22, 0, 0),
            }
        );
        // Another message has its own count.
        ledger
            .try_call(&QuotaCall::Descarcare { id: "3002".into() }, at(11, 0, 0))
            .unwrap();
        // The day changes at Bucharest midnight, not UTC midnight.
        ledger.try_call(&call, at(22, 0, 0)).unwrap();
        assert_eq!(ledger.remaining_today(&call, at(22, 0, 1)), Some(9));
    }

    #[test]
    fn per_minute_limit_answers_429_with_retry_after() {
        let mut ledger = QuotaLedger::new(QuotaLimits {
            requests_per_minute: 3,
            ..QuotaLimits::default()
        });
        for _ in 0..3 {
            ledger
                .try_call(&QuotaCall::Unmetered, at(9, 0, 10))
                .unwrap();
        }
        assert_eq!(
            ledger.try_call(&QuotaCall::Unmetered, at(9, 0, 15)),
            Err(QuotaRefusal::TooManyRequests {
                retry_after_seconds: 45
            })
        );
        ledger.try_call(&QuotaCall::Unmetered, at(9, 1, 0)).unwrap();
    }

    #[test]
    fn messages_match_anafs_texts() {
        assert_eq!(
            daily_limit_message(&QuotaCall::UploadRasp { cui: "1234".into() }, 1000),
            "S-au incarcat deja 1000 de mesaje de tip RASP pentru cui=1234 in cursul zilei"
        );
        assert_eq!(
            daily_limit_message(&QuotaCall::ListaMesaje { cui: "1".into() }, 1000),
            "S-au facut deja 1000 interogari de lista mesaje de catre utilizator in cursul zilei"
        );
        for call in [
            QuotaCall::StareMesaj {
                id_incarcare: "1".into(),
            },
            QuotaCall::Descarcare { id: "1".into() },
            QuotaCall::ListaPaginata { cui: "1".into() },
            QuotaCall::UploadRasp { cui: "1".into() },
        ] {
            let text = daily_limit_message(&call, 5);
            assert!(
                matches!(
                    crate::anaf::wire::AnafError::classify(&text),
                    crate::anaf::wire::AnafError::DailyLimit { count: Some(5), .. }
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn record_counts_without_refusing() {
        let mut ledger = QuotaLedger::default();
        let call = QuotaCall::StareMesaj {
            id_incarcare: "5".into(),
        };
        for _ in 0..105 {
            ledger.record(&call, at(8, 0, 0));
        }
        assert_eq!(ledger.used_today(&call, at(8, 0, 0)), 105);
        assert_eq!(ledger.remaining_today(&call, at(8, 0, 0)), Some(0));
        assert_eq!(
            ledger.remaining_today(&QuotaCall::Unmetered, at(8, 0, 0)),
            None
        );
    }
}
