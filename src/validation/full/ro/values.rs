//! Value tests the CIUS-RO rules apply, with the XPath 2 semantics Saxon gives them.

use crate::validation::full::xpath;

/// `string(.) castable as xs:date`: XSD lexical date (whitespace around it is collapsed by the
/// cast), a year of at least 4 digits, a real calendar day, and an optional timezone.
pub fn castable_as_date(s: &str) -> bool {
    // The usual `YYYY-MM-DD`, read at once (the general parse below took ~600 instructions).
    if let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = s.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |bytes: &[u8]| bytes.iter().fold(0, |v, b| v * 10 + u32::from(b - b'0'));
            return real_day(n(&digits[..4]), n(&digits[4..6]), n(&digits[6..]));
        }
    }
    let s = xpath::trim(s);
    let s = s.strip_prefix('-').unwrap_or(s);
    let (body, tz) = split_timezone(s);
    if !tz.is_none_or(valid_timezone) {
        return false;
    }
    let mut parts = body.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(y) || !all_digits(m) || !all_digits(d) || m.len() != 2 || d.len() != 2 {
        return false;
    }
    // Years beyond 4 digits may not start with 0 (XSD).
    if y.len() < 4 || (y.len() > 4 && y.starts_with('0')) {
        return false;
    }
    let (Ok(month), Ok(day)) = (m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    // Only the year's residue matters for leap years; the last 4 digits suffice (400 | 10000).
    let year: u32 = y[y.len() - 4..].parse().unwrap_or(1);
    real_day(year, month, day)
}

/// Whether `day` exists in `month` (1-12) of `year` (its last four digits are enough).
fn real_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn split_timezone(s: &str) -> (&str, Option<&str>) {
    if let Some(body) = s.strip_suffix('Z') {
        return (body, Some("Z"));
    }
    // A timezone offset is the last 6 characters `+hh:mm` / `-hh:mm`.
    if s.len() > 6 && s.is_char_boundary(s.len() - 6) {
        let (body, tz) = s.split_at(s.len() - 6);
        if tz.starts_with(['+', '-']) && tz.as_bytes().get(3) == Some(&b':') {
            return (body, Some(tz));
        }
    }
    (s, None)
}

fn valid_timezone(tz: &str) -> bool {
    if tz == "Z" {
        return true;
    }
    let (Ok(h), Ok(m)) = (
        tz.get(1..3).unwrap_or("x").parse::<u32>(),
        tz.get(4..6).unwrap_or("x").parse::<u32>(),
    ) else {
        return false;
    };
    tz.get(1..3)
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && tz
            .get(4..6)
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && m < 60
        && (h < 14 || (h == 14 && m == 0))
}

/// `string-length(substring-after(x, '.'))`: characters after the first '.', untrimmed.
pub fn chars_after_dot(s: &str) -> usize {
    s.split_once('.')
        .map_or(0, |(_, after)| after.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(castable_as_date("2024-02-29"));
        assert!(!castable_as_date("2023-02-29"));
        assert!(castable_as_date(" 2024-01-31 "));
        assert!(castable_as_date("2024-01-31Z"));
        assert!(castable_as_date("2024-01-31+02:00"));
        assert!(!castable_as_date("2024-1-31"));
        assert!(!castable_as_date("31.01.2024"));
        assert!(!castable_as_date("2024-13-01"));
        assert!(!castable_as_date(""));
        // The `YYYY-MM-DD` shortcut and the general parse agree.
        assert!(castable_as_date("2000-02-29") && castable_as_date(" 2000-02-29"));
        assert!(!castable_as_date("1900-02-29") && !castable_as_date(" 1900-02-29"));
        assert!(!castable_as_date("2024-00-10") && !castable_as_date("2024-04-31"));
        assert!(!castable_as_date("2024-04-00") && !castable_as_date("2024-0a-01"));
    }

    #[test]
    fn decimals() {
        assert_eq!(chars_after_dot("1.234"), 3);
        assert_eq!(chars_after_dot("12"), 0);
    }
}
