//! The few XPath 2.0 value semantics the business rules (EN 16931 and CIUS-RO) depend on.
//!
//! The official rules run in Saxon over untyped (not schema-validated) documents, so every
//! element value is `xs:untypedAtomic`. What that means, and what this module reproduces:
//! * `xs:decimal(x)` accepts an optional sign, digits and at most one `.`, surrounded by
//!   whitespace; no exponent, no `INF`/`NaN`. Anything else is a dynamic error (FORG0001) that
//!   aborts the official transform: [`decimal`] returns `None` and the caller documents its choice.
//! * A general comparison of an untyped value with a numeric literal (`cbc:Percent > 0`) casts the
//!   value to `xs:double` ([`double`]), which also accepts exponents and `INF`/`NaN`.
//! * `round()` rounds half towards positive infinity (`round(-2.5) = -2`): [`round_half_up`].
//! * `upper-case` / `normalize-space` work on whole strings of characters.
//! * `(x) >= 0` on an untyped value compares integers as integers and everything else as doubles
//!   ([`double_is_non_negative`]; BR-27 and BR-28 depend on it).

use rust_decimal::Decimal;

/// `xs:decimal(s)` of an untyped value; `None` where XPath raises a cast error.
///
/// Runs on every amount of every document: the usual shape takes [`plain_decimal`]; other
/// values of up to 28 significant digits (all real ones) are accumulated straight into the
/// 96-bit mantissa without allocating; longer ones take [`decimal_slow`], which lets
/// rust_decimal round what does not fit.
pub fn decimal(s: &str) -> Option<Decimal> {
    plain_decimal(s.as_bytes()).or_else(|| decimal_general(s))
}

/// The shape of nearly every amount: an optional `-`, then at most 18 digits and dots with at
/// most one dot and at least one digit, nothing else (no blanks, no `+`). One pass into a `u64`
/// (18 digits cannot overflow it), without the trimming and splitting of the general path,
/// which cost more than the number. `None` for anything else, valid or not: the general path
/// decides.
fn plain_decimal(bytes: &[u8]) -> Option<Decimal> {
    let (negative, body) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if body.len() > 18 {
        return None;
    }
    let mut mantissa = 0u64;
    let mut dot = None;
    for (i, &b) in body.iter().enumerate() {
        if b.is_ascii_digit() {
            mantissa = mantissa * 10 + u64::from(b - b'0');
        } else if b == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    if body.len() == usize::from(dot.is_some()) {
        return None;
    }
    // Trailing zeros of the fraction are dropped, as the general path does.
    let mut scale = dot.map_or(0, |i| body.len() - 1 - i);
    while scale > 0 && mantissa.is_multiple_of(10) {
        mantissa /= 10;
        scale -= 1;
    }
    let lo = (mantissa & 0xFFFF_FFFF) as u32;
    let mid = (mantissa >> 32) as u32;
    Some(Decimal::from_parts(
        lo,
        mid,
        0,
        negative,
        u32::try_from(scale).ok()?,
    ))
}

/// [`decimal`] of any value: trimmed, signed, up to 28 significant digits without allocating.
fn decimal_general(s: &str) -> Option<Decimal> {
    let t = trim(s);
    let negative = t.starts_with('-');
    let body = t.strip_prefix(['+', '-']).unwrap_or(t).as_bytes();
    let dot = body.iter().position(|&b| b == b'.');
    let (int, frac) = match dot {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &body[..0]),
    };
    let digits = |p: &[u8]| p.iter().all(u8::is_ascii_digit);
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    // Trailing zeros of the fraction do not change the value (and are not kept: the scale is
    // that of the shortest fraction, exactly as the text form the slow path parses).
    let frac_len = frac.iter().rposition(|&b| b != b'0').map_or(0, |i| i + 1);
    let frac = &frac[..frac_len];
    let int = &int[int.iter().position(|&b| b != b'0').unwrap_or(int.len())..];
    if int.len() + frac.len() > 28 {
        return decimal_slow(negative, int, frac);
    }
    // At most 28 digits: below 10^28 < 2^96, so the mantissa always fits.
    let mut mantissa: u128 = 0;
    for &b in int.iter().chain(frac) {
        mantissa = mantissa * 10 + u128::from(b - b'0');
    }
    let scale = u32::try_from(frac.len()).ok()?;
    // Mantissa bits as rust_decimal stores them (low, mid, high 32-bit words).
    let lo = (mantissa & 0xFFFF_FFFF) as u32;
    let mid = ((mantissa >> 32) & 0xFFFF_FFFF) as u32;
    let hi = ((mantissa >> 64) & 0xFFFF_FFFF) as u32;
    Some(Decimal::from_parts(lo, mid, hi, negative, scale))
}

/// The general path of [`decimal`] (more than 28 significant digits): the normalised text
/// parsed by rust_decimal, which rounds digits beyond its precision.
fn decimal_slow(negative: bool, int: &[u8], frac: &[u8]) -> Option<Decimal> {
    let int = std::str::from_utf8(int).ok()?;
    let frac = std::str::from_utf8(frac).ok()?;
    let text = format!(
        "{}{}{}{}",
        if negative { "-" } else { "" },
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." },
        frac
    );
    Decimal::from_str_exact(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&text).ok())
}

/// `xs:double(s)` of an untyped value (XML Schema lexical space); `None` where the cast fails.
pub fn double(s: &str) -> Option<f64> {
    let t = trim(s);
    match t {
        "INF" | "+INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    // Rust also accepts "inf", "infinity", "nan" in any case; XML Schema does not.
    let ok = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && t.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok()
}

/// XPath `round()` on decimals: nearest integer, halves towards positive infinity.
pub fn round_half_up(d: Decimal) -> Decimal {
    // An integer is its own rounding; adding 0.5 to the largest ones would overflow or lose
    // digits. A value with a fraction has room for the half.
    if d.fract().is_zero() {
        return d;
    }
    d.checked_add(Decimal::new(5, 1)).map_or(d, |x| x.floor())
}

/// XPath `round()` on doubles.
pub fn round_double(d: f64) -> f64 {
    (d + 0.5).floor()
}

/// XPath `upper-case`.
pub fn upper_case(s: &str) -> String {
    s.to_uppercase()
}

/// `s` without the XML whitespace at both ends: what `normalize-space` and the casts strip.
/// By bytes: the four characters are ASCII, so the cuts fall on character boundaries, and
/// `trim_matches` with a character set decoded every character (it runs on every code, amount
/// and date the rules read).
pub fn trim(s: &str) -> &str {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = s.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |last| last + 1);
    s.get(start..end).unwrap_or_default()
}

/// `xs:boolean(s)` of an untyped value (`cbc:ChargeIndicator = false()` casts it): `true`/`1`,
/// `false`/`0`, whitespace trimmed. `None` where the cast fails (FORG0001); each caller says what
/// the official engine does then.
pub fn boolean(s: &str) -> Option<bool> {
    match trim(s) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// `normalize-space(upper-case(s)) = 'VAT'` (the "VAT" tax scheme test). Only `v`/`a`/`t` in
/// either case upper-case to `V`/`A`/`T` (the characters that upper-case to several characters
/// always give one that is not among them), and `VAT` has no inner space, so trimming and an
/// ASCII case-insensitive comparison is exact and builds no string.
pub fn is_vat(s: &str) -> bool {
    trim(s).eq_ignore_ascii_case("VAT")
}

/// The outcome of `(.) >= 0` on an untyped value, as Saxon computes it (pinned by the oracle):
/// a value that looks like an integer is compared as an integer (`-0` passes), anything else
/// as an `xs:double` ordered like Java's `Double.compare`, so `-0.0`, `-.0` and `-0e0` are
/// BELOW zero (they fire) and `NaN` is above everything (it passes).
/// `None` when the value is not a number: Saxon raises an error there (the official run aborts);
/// callers report nothing for the rule then, since the quick check already flags the value.
pub fn double_is_non_negative(s: &str) -> Option<bool> {
    let s = trim(s);
    match s {
        "INF" | "+INF" | "NaN" => return Some(true),
        "-INF" => return Some(false),
        _ => {}
    }
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits_ok(int) || !digits_ok(frac) {
        return None;
    }
    let nonzero = int.bytes().chain(frac.bytes()).any(|b| b != b'0');
    let is_double = exponent.is_some() || mantissa.contains('.');
    // Negative zero only exists for doubles; an integer `-0` is plain zero.
    Some(!(negative && (nonzero || is_double)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_strips_the_xml_whitespace_like_trim_matches() {
        for s in [
            "",
            " ",
            " \t\r\n ",
            "a",
            " a ",
            "\ta b\n",
            "\u{a0}x\u{a0}",
            " ș ",
            "x\u{2003}",
        ] {
            assert_eq!(trim(s), s.trim_matches([' ', '\t', '\r', '\n']), "{s:?}");
        }
    }

    #[test]
    fn booleans_and_vat_follow_the_casts() {
        assert_eq!(boolean(" true\n"), Some(true));
        assert_eq!(boolean(" false "), Some(false));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("1"), Some(true));
        assert_eq!(boolean("True"), None);
        assert_eq!(boolean("FALSE"), None);
        assert_eq!(boolean(""), None);
        for s in [
            " vat\n", "VaT", " vAt ", "V AT", "VATX", "VAT1", "", "ẗ", "vaẗ", "ſ",
        ] {
            // The full upper-casing agrees with the ASCII shortcut.
            let full = upper_case(trim(s)) == "VAT";
            assert_eq!(is_vat(s), full, "{s:?}");
        }
        assert!(is_vat(" vAt "));
    }

    #[test]
    fn decimal_follows_the_xml_schema_lexical_space() {
        assert_eq!(decimal(" 12.50 "), Some(Decimal::new(125, 1)));
        assert_eq!(decimal("-.5"), Some(Decimal::new(-5, 1)));
        assert_eq!(decimal("+3."), Some(Decimal::new(3, 0)));
        for bad in ["", ".", "1e3", "1,5", "INF", "1.2.3", "- 1"] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    /// The previous, allocating implementation: the reference for the fast path.
    fn decimal_reference(s: &str) -> Option<Decimal> {
        let t = s.trim_matches([' ', '\t', '\r', '\n']);
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        let negative = t.starts_with('-');
        let text = format!(
            "{}{}{}{}",
            if negative { "-" } else { "" },
            if int.is_empty() { "0" } else { int },
            if frac.is_empty() { "" } else { "." },
            frac
        );
        Decimal::from_str_exact(&text)
            .ok()
            .or_else(|| Decimal::from_scientific(&text).ok())
    }

    #[test]
    fn fast_decimal_equals_the_reference_bit_for_bit() {
        let cases = [
            "0",
            "-0",
            "+0",
            "0.00",
            "-0.00",
            "00012.3400",
            "1.",
            ".5",
            "-.50",
            " 7 ",
            "\t-3.25\n",
            "123456789012345678901234567",
            "1234567890123456789012345678",
            "12345678901234567890123456789",
            "0.0000000000000000000000000001",
            "0.00000000000000000000000000001",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "99999999999999999999999999999.5",
            "1.00000000000000000000000000000000001",
            "000000000000000000000000000000001.5",
            "",
            ".",
            "-",
            "+",
            "1e3",
            "1,5",
            "1.2.3",
            "- 1",
            "١",
            "12a",
            "+-1",
            "-.",
            "..5",
            "5..",
            "-5.-",
            "999999999999999999",
            "-99999999999999999.9",
            "9999999999999999999",
            "12345678901234567.80",
            "-000000000000000000",
            "100.00",
            "-1234.5000",
        ];
        for c in cases {
            let (fast, reference) = (decimal(c), decimal_reference(c));
            assert_eq!(fast, reference, "{c:?}");
            if let (Some(f), Some(r)) = (fast, reference) {
                assert_eq!(f.serialize(), r.serialize(), "{c:?}");
            }
        }
    }

    #[test]
    fn double_accepts_exponents_and_special_values() {
        assert_eq!(double("1e2"), Some(100.0));
        assert_eq!(double(" 19 "), Some(19.0));
        assert_eq!(double("INF"), Some(f64::INFINITY));
        assert!(double("NaN").is_some_and(f64::is_nan));
        assert_eq!(double("inf"), None);
        assert_eq!(double("abc"), None);
        assert_eq!(double(""), None);
    }

    #[test]
    fn round_goes_half_up() {
        assert_eq!(round_half_up(Decimal::new(25, 1)), Decimal::new(3, 0));
        assert_eq!(round_half_up(Decimal::new(-25, 1)), Decimal::new(-2, 0));
        assert_eq!(round_half_up(Decimal::new(-26, 1)), Decimal::new(-3, 0));
        // The largest decimals do not overflow (a document may carry them).
        assert_eq!(round_half_up(Decimal::MAX), Decimal::MAX);
        assert_eq!(round_half_up(Decimal::MIN), Decimal::MIN);
        assert_eq!(round_double(-2.5), -2.0);
    }

    #[test]
    fn comparing_with_zero_follows_saxon() {
        assert_eq!(double_is_non_negative("10.5"), Some(true));
        assert_eq!(double_is_non_negative("-0"), Some(true));
        assert_eq!(double_is_non_negative("-0.00"), Some(false));
        assert_eq!(double_is_non_negative("NaN"), Some(true));
        assert_eq!(double_is_non_negative("-1"), Some(false));
        assert_eq!(double_is_non_negative("-1e3"), Some(false));
        assert_eq!(double_is_non_negative("abc"), None);
        assert_eq!(double_is_non_negative("."), None);
    }
}
