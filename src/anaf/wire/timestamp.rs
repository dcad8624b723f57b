//! ANAF's `yyyyMMddHHmm` timestamps (`dateResponse`, `data_creare`) are Europe/Bucharest
//! local time; we keep UTC everywhere else.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Bucharest;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimestampError {
    #[error("{0:?} is not an ANAF yyyyMMddHHmm timestamp")]
    Format(String),
    #[error("{0:?} does not exist in Europe/Bucharest (daylight-saving gap)")]
    Nonexistent(String),
}

/// Parses `yyyyMMddHHmm` (Bucharest time) into UTC. In the autumn hour that occurs twice we
/// take the earlier instant.
pub fn parse_anaf_timestamp(value: &str) -> Result<DateTime<Utc>, TimestampError> {
    if value.len() != 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TimestampError::Format(value.to_owned()));
    }
    let naive = NaiveDateTime::parse_from_str(value, "%Y%m%d%H%M")
        .map_err(|_| TimestampError::Format(value.to_owned()))?;
    Bucharest
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| TimestampError::Nonexistent(value.to_owned()))
}

/// Formats a UTC instant as ANAF does: Bucharest local time, `yyyyMMddHHmm`.
pub fn format_anaf_timestamp(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Bucharest)
        .format("%Y%m%d%H%M")
        .to_string()
}

/// `dd-MM-yyyy HH:mm:ss` in Bucharest time, the form used inside list error messages and the
/// Spring-style 400 `timestamp`.
pub fn format_anaf_message_time(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Bucharest)
        .format("%d-%m-%Y %H:%M:%S")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_summer_and_winter_time() {
        let summer = parse_anaf_timestamp("202108051140").unwrap();
        assert_eq!(summer.to_rfc3339(), "2021-08-05T08:40:00+00:00");
        assert_eq!(format_anaf_timestamp(summer), "202108051140");
        let winter = parse_anaf_timestamp("202211011336").unwrap();
        assert_eq!(winter.to_rfc3339(), "2022-11-01T11:36:00+00:00");
        assert_eq!(format_anaf_message_time(winter), "01-11-2022 13:36:00");
    }

    #[test]
    fn rejects_bad_values() {
        assert!(parse_anaf_timestamp("2021080511").is_err());
        assert!(parse_anaf_timestamp("20210805114a").is_err());
        assert!(parse_anaf_timestamp("202113051140").is_err());
        // 2024-03-31 03:30 does not exist in Bucharest.
        assert_eq!(
            parse_anaf_timestamp("202403310330"),
            Err(TimestampError::Nonexistent("202403310330".into()))
        );
    }
}
