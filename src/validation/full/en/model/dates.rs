//! `xs:date(x)` casts and comparisons (BR-29 / BR-30), as XPath 2.0 defines them.
//!
//! A date with a timezone compares by its starting instant; a date without one takes the
//! implicit timezone of the evaluation context, which for the oracle (Saxon on a UTC machine) is
//! UTC. So every date is reduced to "minutes since 0000-01-01T00:00Z" of its start.

use crate::validation::full::xpath;

/// The starting instant of the `xs:date` lexical value `s` (whitespace around it is allowed, as
/// in a cast from an untyped value), in minutes; `None` where the cast would fail.
pub fn parse(s: &str) -> Option<i64> {
    let s = xpath::trim(s);
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (body, tz) = split_timezone(s)?;
    let mut parts = body.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(y) || !digits(m) || !digits(d) || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if y.len() < 4 || (y.len() > 4 && y.starts_with('0')) || y.len() > 12 {
        return None;
    }
    let year: i64 = y.parse().ok()?;
    let year = if negative { -year } else { year };
    let (month, day): (i64, i64) = (m.parse().ok()?, d.parse().ok()?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 1440 - tz)
}

/// Splits a trailing timezone (`Z`, `+hh:mm`, `-hh:mm`) off; its offset in minutes (0 if none).
fn split_timezone(s: &str) -> Option<(&str, i64)> {
    if let Some(body) = s.strip_suffix('Z') {
        return Some((body, 0));
    }
    if s.len() > 6 && s.is_char_boundary(s.len() - 6) {
        let (body, tz) = s.split_at(s.len() - 6);
        let b = tz.as_bytes();
        if (b[0] == b'+' || b[0] == b'-') && b[3] == b':' {
            let num = |p: &[u8]| -> Option<i64> {
                p.iter().all(u8::is_ascii_digit).then(|| {
                    p.iter()
                        .fold(0i64, |acc, &c| acc * 10 + i64::from(c - b'0'))
                })
            };
            let (h, m) = (num(&b[1..3])?, num(&b[4..6])?);
            if m >= 60 || h > 14 || (h == 14 && m > 0) {
                return None;
            }
            let offset = h * 60 + m;
            return Some((body, if b[0] == b'-' { -offset } else { offset }));
        }
    }
    Some((s, 0))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_by_their_starting_instant() {
        assert!(parse("2024-01-02") > parse("2024-01-01"));
        assert_eq!(
            parse(" 2024-03-01 "),
            Some(days_from_civil(2024, 3, 1) * 1440)
        );
        assert!(parse("2024-01-02+14:00") > parse("2024-01-01"));
        assert!(parse("2024-01-02+14:00") < parse("2024-01-01-12:00"));
        assert_eq!(parse("2023-02-29"), None);
        assert_eq!(parse("2024-1-01"), None);
        assert_eq!(parse("01.01.2024"), None);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
