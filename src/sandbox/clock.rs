//! Sandbox time = real time + a persisted offset. ANAF's own time formats (Romania local) are
//! in `crate::anaf::wire::timestamp`; its calendar day in `crate::anaf::quota::anaf_day`.

use crate::anaf::quota::anaf_day;
use chrono::{DateTime, Duration, TimeZone, Utc};

pub fn sandbox_now(real_now: DateTime<Utc>, offset_seconds: i64) -> DateTime<Utc> {
    real_now + Duration::seconds(offset_seconds)
}

/// `yyyy-MM-dd` Romanian day (duplicate message's "data incarcare").
pub fn romanian_date(t: DateTime<Utc>) -> String {
    anaf_day(t).format("%Y-%m-%d").to_string()
}

pub fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_romanian_days() {
        let late = Utc.with_ymd_and_hms(2026, 7, 1, 21, 30, 0).unwrap();
        assert_eq!(romanian_date(late), "2026-07-02");
    }
}
