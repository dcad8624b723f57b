//! Sandbox time = real time + a persisted offset, and ANAF's time formats (Romania local).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;

pub fn sandbox_now(real_now: DateTime<Utc>, offset_seconds: i64) -> DateTime<Utc> {
    real_now + Duration::seconds(offset_seconds)
}

/// `yyyyMMddHHmm` in Europe/Bucharest (`dateResponse`, `data_creare`).
pub fn anaf_minute(t: DateTime<Utc>) -> String {
    t.with_timezone(&Bucharest).format("%Y%m%d%H%M").to_string()
}

/// `dd-MM-yyyy HH:mm:ss` in Europe/Bucharest (list titles and errors, Spring timestamps).
pub fn anaf_seconds(t: DateTime<Utc>) -> String {
    t.with_timezone(&Bucharest)
        .format("%d-%m-%Y %H:%M:%S")
        .to_string()
}

/// The calendar day in Romania: daily quotas reset when it changes.
pub fn romanian_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Bucharest).date_naive()
}

/// `yyyy-MM-dd` Romanian day (duplicate message's "data incarcare").
pub fn romanian_date(t: DateTime<Utc>) -> String {
    romanian_day(t).format("%Y-%m-%d").to_string()
}

pub fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_romanian_time() {
        let t = Utc.with_ymd_and_hms(2022, 11, 2, 9, 49, 24).unwrap();
        assert_eq!(anaf_seconds(t), "02-11-2022 11:49:24");
        assert_eq!(anaf_minute(t), "202211021149");
        let late = Utc.with_ymd_and_hms(2026, 7, 1, 21, 30, 0).unwrap();
        assert_eq!(romanian_date(late), "2026-07-02");
    }
}
