//! Lexical checks of the XSD builtin datatypes UBL uses, matching what the reference validator
//! (libxml2 via lxml, the oracle) accepts, quirks included:
//! `xsd:date` and `xsd:dateTime` admit no surrounding whitespace at all and `xsd:time` admits
//! leading but not trailing whitespace, while decimals, booleans and the rest are collapsed
//! first as the XSD spec says. These were measured against the oracle, not guessed.

use super::schema::Builtin;

fn is_xml_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn trim_xml_ws(v: &str) -> &str {
    v.trim_matches(is_xml_ws)
}

/// The value as the enumeration facet compares it (after the builtin's whitespace facet).
pub fn normalized_for_enumeration(builtin: Builtin, value: &str) -> String {
    match builtin {
        Builtin::String => value.to_owned(),
        Builtin::NormalizedString => value.replace(is_xml_ws, " "),
        _ => value
            .split(is_xml_ws)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Whether every text is in the lexical space of `builtin` (the string types, [`is_valid`]'s
/// first arm): callers on a hot path test this first and skip [`is_valid`] for most values.
#[inline]
pub fn accepts_any_text(builtin: Builtin) -> bool {
    matches!(
        builtin,
        Builtin::String | Builtin::NormalizedString | Builtin::Token
    )
}

/// Is `value` in the lexical space of `builtin`?
pub fn is_valid(builtin: Builtin, value: &str) -> bool {
    match builtin {
        Builtin::String | Builtin::NormalizedString | Builtin::Token => true,
        Builtin::Decimal => is_decimal(trim_xml_ws(value)),
        Builtin::Integer => is_integer(trim_xml_ws(value)),
        Builtin::Boolean => matches!(trim_xml_ws(value), "true" | "false" | "1" | "0"),
        Builtin::Date => is_date(value),
        Builtin::Time => is_time(value.trim_start_matches(is_xml_ws)),
        Builtin::DateTime => is_date_time(value),
        Builtin::Base64Binary => is_base64(value),
        Builtin::Language => is_language(trim_xml_ws(value)),
        Builtin::AnyUri => is_any_uri(trim_xml_ws(value)),
        Builtin::Id => is_ncname(trim_xml_ws(value)),
    }
}

/// A short English name of the datatype for messages.
pub fn describe(builtin: Builtin) -> &'static str {
    match builtin {
        Builtin::String => "xsd:string",
        Builtin::NormalizedString => "xsd:normalizedString",
        Builtin::Token => "xsd:token",
        Builtin::Language => "xsd:language",
        Builtin::AnyUri => "xsd:anyURI",
        Builtin::Decimal => "xsd:decimal",
        Builtin::Integer => "xsd:integer",
        Builtin::Boolean => "xsd:boolean",
        Builtin::Date => "xsd:date",
        Builtin::Time => "xsd:time",
        Builtin::DateTime => "xsd:dateTime",
        Builtin::Base64Binary => "xsd:base64Binary",
        Builtin::Id => "xsd:ID",
    }
}

/// The value used for ID uniqueness (whitespace collapsed).
pub fn id_value(value: &str) -> &str {
    trim_xml_ws(value)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn strip_sign(s: &str) -> &str {
    s.strip_prefix(['+', '-']).unwrap_or(s)
}

fn is_decimal(v: &str) -> bool {
    // Digits with at most one point, and at least one digit: one pass over the bytes (amounts
    // are the most frequent values of an invoice).
    let (mut digits, mut points) = (0usize, 0usize);
    for &b in strip_sign(v).as_bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => points += 1,
            _ => return false,
        }
    }
    digits > 0 && points <= 1
}

fn is_integer(v: &str) -> bool {
    all_digits(strip_sign(v))
}

fn parse_2(s: &str) -> Option<u32> {
    match *s.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `-?YYYY-MM-DD` prefix; returns the rest of the string.
fn split_date(v: &str) -> Option<&str> {
    let (negative, body) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let year_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let year_str = body.get(..year_len)?;
    // Four digits, or more without a leading zero; year 0000 does not exist in XSD 1.0.
    if year_len < 4 || (year_len > 4 && year_str.starts_with('0')) {
        return None;
    }
    if year_str.bytes().all(|b| b == b'0') {
        return None;
    }
    let year: i64 = year_str.parse().ok()?;
    let year = if negative { -year } else { year };
    let rest = body.get(year_len..)?.strip_prefix('-')?;
    let month = parse_2(rest.get(..2)?)?;
    let rest = rest.get(2..)?.strip_prefix('-')?;
    let day = parse_2(rest.get(..2)?)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    rest.get(2..)
}

fn is_timezone(tz: &str) -> bool {
    if tz.is_empty() || tz == "Z" {
        return true;
    }
    let Some(body) = tz.strip_prefix(['+', '-']) else {
        return false;
    };
    let Some((h, m)) = body.split_once(':') else {
        return false;
    };
    match (parse_2(h), parse_2(m)) {
        (Some(h), Some(m)) => (h < 14 && m < 60) || (h == 14 && m == 0),
        _ => false,
    }
}

fn is_date(v: &str) -> bool {
    split_date(v).is_some_and(is_timezone)
}

/// `hh:mm:ss(.s+)?` prefix; returns the rest (the time zone).
fn split_time(v: &str) -> Option<&str> {
    let h = parse_2(v.get(..2)?)?;
    let rest = v.get(2..)?.strip_prefix(':')?;
    let m = parse_2(rest.get(..2)?)?;
    let rest = rest.get(2..)?.strip_prefix(':')?;
    let s = parse_2(rest.get(..2)?)?;
    let mut rest = rest.get(2..)?;
    let mut fraction_zero = true;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        fraction_zero = frac.get(..n)?.bytes().all(|b| b == b'0');
        rest = frac.get(n..)?;
    }
    let valid = (h < 24 && m < 60 && s < 60) || (h == 24 && m == 0 && s == 0 && fraction_zero);
    valid.then_some(rest)
}

fn is_time(v: &str) -> bool {
    split_time(v).is_some_and(is_timezone)
}

fn is_date_time(v: &str) -> bool {
    split_date(v)
        .and_then(|rest| rest.strip_prefix('T'))
        .and_then(split_time)
        .is_some_and(is_timezone)
}

/// Branch-free byte tests (written with wrapping arithmetic so loops over them vectorise).
#[inline(always)]
fn is_base64_data(b: u8) -> bool {
    ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10) | (b == b'+') | (b == b'/')
}

#[inline(always)]
fn is_xml_ws_byte(b: u8) -> bool {
    (b == b' ') | (b == b'\t') | (b == b'\n') | (b == b'\r')
}

/// (data characters, whitespace characters) in `bytes`, counted in chunks with byte-sized
/// counters so the compiler can use wide vector lanes.
fn count_base64(bytes: &[u8]) -> (usize, usize) {
    let (mut data, mut spaces) = (0usize, 0usize);
    for chunk in bytes.chunks(128) {
        let (mut d, mut w) = (0u8, 0u8);
        for &b in chunk {
            d += u8::from(is_base64_data(b));
            w += u8::from(is_xml_ws_byte(b));
        }
        data += usize::from(d);
        spaces += usize::from(w);
    }
    (data, spaces)
}

fn is_base64(v: &str) -> bool {
    const SINGLE_PAD_BEFORE: &[u8] = b"AEIMQUYcgkosw048";
    const DOUBLE_PAD_BEFORE: &[u8] = b"AQgw";
    let bytes = v.as_bytes();
    // Data part up to the first '='; then only padding and whitespace may follow. The counts
    // are branch-free so the compiler vectorises them (attachments are megabytes long).
    let data_end = bytes
        .iter()
        .rposition(|&b| !is_xml_ws_byte(b) && b != b'=')
        .map_or(0, |i| i + 1);
    let (data_part, tail) = bytes.split_at(data_end);
    let (data, spaces) = count_base64(data_part);
    if data + spaces != data_part.len() {
        return false;
    }
    let pad = tail.iter().filter(|&&b| b == b'=').count();
    if pad + tail.iter().filter(|&&b| is_xml_ws_byte(b)).count() != tail.len() {
        return false;
    }
    if (data + pad) % 4 != 0 || pad > 2 {
        return false;
    }
    let last_data = data_part.iter().rev().copied().find(|&b| is_base64_data(b));
    match (pad, last_data) {
        (0, _) => true,
        (1, Some(last)) => SINGLE_PAD_BEFORE.contains(&last),
        (2, Some(last)) => DOUBLE_PAD_BEFORE.contains(&last),
        _ => false,
    }
}

fn is_language(v: &str) -> bool {
    let mut parts = v.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{B7}')
}

fn is_ncname(v: &str) -> bool {
    let mut chars = v.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

fn is_unreserved_or_sub_delim(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b)
}

/// Every byte is pchar (or one of `extra`), percent escapes well formed.
fn chars_ok(s: &[u8], extra: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'%' {
            let hex = |j: usize| s.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(is_unreserved_or_sub_delim(b) || b == b':' || b == b'@' || extra.contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

fn authority_ok(a: &[u8]) -> bool {
    let host_port = match a.iter().rposition(|&b| b == b'@') {
        Some(at) => {
            let user = &a[..at];
            if !chars_ok(user, b"") || user.contains(&b'@') {
                return false;
            }
            &a[at + 1..]
        }
        None => a,
    };
    let (host, port) = if host_port.first() == Some(&b'[') {
        let Some(close) = host_port.iter().position(|&b| b == b']') else {
            return false;
        };
        let literal = &host_port[1..close];
        if literal.is_empty()
            || !literal
                .iter()
                .all(|b| b.is_ascii_hexdigit() || b":.vV".contains(b))
        {
            return false;
        }
        (&host_port[..0], &host_port[close + 1..])
    } else {
        match host_port.iter().position(|&b| b == b':') {
            Some(c) => (&host_port[..c], &host_port[c..]),
            None => (host_port, &host_port[host_port.len()..]),
        }
    };
    let port_ok = match port.split_first() {
        None => true,
        Some((b':', digits)) => digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    };
    port_ok && host.iter().all(|&b| b != b':') && chars_ok(host, b"")
}

/// RFC 3986 URI-reference, after libxml2's replacement of characters it tolerates (space,
/// non-ASCII, `<>"{}|\^`'` become `_`).
fn is_any_uri(v: &str) -> bool {
    let bytes: Vec<u8> = v
        .bytes()
        .map(|b| {
            if !(32..127).contains(&b) || b" <>\"{}|\\^`'".contains(&b) {
                b'_'
            } else {
                b
            }
        })
        .collect();
    let (rest, fragment) = match bytes.iter().position(|&b| b == b'#') {
        Some(i) => (&bytes[..i], Some(&bytes[i + 1..])),
        None => (&bytes[..], None),
    };
    if fragment.is_some_and(|f| !chars_ok(f, b"/?")) {
        return false;
    }
    let (rest, query) = match rest.iter().position(|&b| b == b'?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if query.is_some_and(|q| !chars_ok(q, b"/?")) {
        return false;
    }
    // A colon before the first slash can only end a scheme.
    let first_slash = rest.iter().position(|&b| b == b'/').unwrap_or(rest.len());
    let hier = match rest[..first_slash].iter().position(|&b| b == b':') {
        Some(colon) => {
            let scheme = &rest[..colon];
            let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
                && scheme
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b));
            if !scheme_ok {
                return false;
            }
            &rest[colon + 1..]
        }
        None => rest,
    };
    let path = match hier.strip_prefix(b"//") {
        Some(after) => {
            let end = after.iter().position(|&b| b == b'/').unwrap_or(after.len());
            if !authority_ok(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => hier,
    };
    chars_ok(path, b"/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`accepts_any_text`] and [`is_valid`] agree on every type of the UBL schemas: the types it
    /// names take any text, and every other type refuses some.
    #[test]
    fn accepts_any_text_names_exactly_the_types_that_take_any_text() {
        for builtin in crate::validation::quick::ubl_tables::SIMPLE_TYPES
            .iter()
            .map(|st| st.builtin)
        {
            let refuses_some = ["", " x y ", "<", "\u{a0}", "1 2", "%%"]
                .iter()
                .any(|text| !is_valid(builtin, text));
            assert_eq!(accepts_any_text(builtin), !refuses_some, "{builtin:?}");
        }
    }

    #[test]
    fn decimals_as_the_oracle_sees_them() {
        for ok in [
            "1",
            ".5",
            "5.",
            "+1",
            "-0",
            " 1 ",
            "\t1\n",
            "123456789012345678901234567890.1",
        ] {
            assert!(is_valid(Builtin::Decimal, ok), "{ok:?}");
        }
        for bad in ["1e3", "", "1.2.3", "1 2", "\u{661}", ".", "+", "-."] {
            assert!(!is_valid(Builtin::Decimal, bad), "{bad:?}");
        }
    }

    #[test]
    fn dates_as_the_oracle_sees_them() {
        for ok in [
            "2020-02-29",
            "2020-01-01Z",
            "2020-01-01+14:00",
            "-0001-01-01",
            "12020-01-01",
            "2020-01-01-05:00",
        ] {
            assert!(is_valid(Builtin::Date, ok), "{ok:?}");
        }
        for bad in [
            "2021-02-29",
            "2020-02-30",
            "2020-1-01",
            "20200101",
            "2020-01-01+14:01",
            "2020-01-01+15:00",
            "0000-01-01",
            "02020-01-01",
            " 2020-01-01",
            "2020-01-01 ",
            "2020-01-01T00:00:00",
            "2020-13-01",
            "2020-00-10",
            "2020-01-00",
            "2020-01-01+5:00",
            "",
        ] {
            assert!(!is_valid(Builtin::Date, bad), "{bad:?}");
        }
    }

    #[test]
    fn times_and_date_times() {
        for ok in [
            "12:00:00",
            " 12:00:00",
            "24:00:00",
            "12:00:00.5",
            "12:00:00Z",
            "12:00:00+02:00",
        ] {
            assert!(is_valid(Builtin::Time, ok), "{ok:?}");
        }
        for bad in ["12:00:00 ", "24:00:01", "12:00", "12:00:00.", "12:00:60"] {
            assert!(!is_valid(Builtin::Time, bad), "{bad:?}");
        }
        for ok in [
            "2020-01-01T12:00:00",
            "2020-01-01T24:00:00",
            "2020-01-01T12:00:00.123+02:00",
        ] {
            assert!(is_valid(Builtin::DateTime, ok), "{ok:?}");
        }
        for bad in [
            "2020-01-01T12:00",
            "2020-01-01 12:00:00",
            " 2020-01-01T12:00:00",
            "2020-01-01T12:00:00 ",
        ] {
            assert!(!is_valid(Builtin::DateTime, bad), "{bad:?}");
        }
    }

    #[test]
    fn booleans_languages_base64() {
        for ok in ["true", "false", "1", "0", " true "] {
            assert!(is_valid(Builtin::Boolean, ok));
        }
        for bad in ["TRUE", "yes", ""] {
            assert!(!is_valid(Builtin::Boolean, bad));
        }
        for ok in ["ro", "ro-RO", "x", "en-US-x-abcdefgh", " ro "] {
            assert!(is_valid(Builtin::Language, ok), "{ok:?}");
        }
        for bad in ["abcdefghi", "", "ro_RO", "ro-", "en-abcdefghi", "1ro"] {
            assert!(!is_valid(Builtin::Language, bad), "{bad:?}");
        }
        for ok in [
            "YQ==", "Y Q = =", "", "abcd", "ab\ncd", "abc=", "YQ==\n", " YWJj ",
        ] {
            assert!(is_valid(Builtin::Base64Binary, ok), "{ok:?}");
        }
        for bad in ["YQ=", "YQ", "YQ==YQ==", "ab=d", "ab==", "a===", "YR=="] {
            assert!(!is_valid(Builtin::Base64Binary, bad), "{bad:?}");
        }
    }

    #[test]
    fn uris_as_libxml2_sees_them() {
        for ok in [
            "http://a b",
            "http://[::1]/",
            "a b",
            "http://x/%41",
            "\u{e9}",
            "a|b",
            "//",
            "?#",
            "",
        ] {
            assert!(is_valid(Builtin::AnyUri, ok), "{ok:?}");
        }
        for bad in ["%zz", "a#b#c", "::", "[x]", "http://a:b:c/", ":a"] {
            assert!(!is_valid(Builtin::AnyUri, bad), "{bad:?}");
        }
    }
}
