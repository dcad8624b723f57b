//! Quota accounting properties.

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use spvdesk::anaf::quota::{QuotaCall, QuotaLedger, QuotaLimits, QuotaRefusal, anaf_day};

proptest! {
    /// Whatever the order and timing of calls, no key is allowed more than its daily limit per
    /// Bucharest day, and refusals are exactly the calls over it.
    #[test]
    fn never_allows_more_than_the_daily_limit(
        calls in prop::collection::vec((0u8..3, 0u8..4, 0i64..(3 * 24 * 60)), 1..400)
    ) {
        let limits = QuotaLimits {
            descarcare_per_message: 3,
            stare_mesaj_per_message: 5,
            lista_per_cui: 4,
            requests_per_minute: 1_000_000,
            ..QuotaLimits::default()
        };
        let mut ledger = QuotaLedger::new(limits);
        let start = Utc.with_ymd_and_hms(2026, 3, 28, 0, 0, 0).unwrap(); // spans a DST change
        let mut minutes: Vec<_> = calls.iter().map(|c| c.2).collect();
        minutes.sort();
        let mut allowed = std::collections::HashMap::new();
        for ((kind, key, _), minute) in calls.iter().zip(minutes) {
            let now = start + Duration::minutes(minute);
            let call = match kind {
                0 => QuotaCall::Descarcare { id: key.to_string() },
                1 => QuotaCall::StareMesaj { id_incarcare: key.to_string() },
                _ => QuotaCall::ListaMesaje { cui: key.to_string() },
            };
            let limit = ledger.daily_limit(&call).unwrap();
            let counter = allowed.entry((call.clone(), anaf_day(now))).or_insert(0u32);
            match ledger.try_call(&call, now) {
                Ok(()) => {
                    *counter += 1;
                    prop_assert!(*counter <= limit);
                }
                Err(QuotaRefusal::DailyLimit { limit: l, .. }) => {
                    prop_assert_eq!(l, limit);
                    prop_assert_eq!(*counter, limit);
                }
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
