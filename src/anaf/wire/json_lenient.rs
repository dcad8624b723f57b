//! JSON helpers that accept what ANAF really sends.
//!
//! - One of ANAF's documented answers (descarcare daily limit) has a stray extra `}` after the
//!   object, so we read the first JSON value and accept trailing whitespace and closing braces.
//! - Ids are documented as strings and paging counters as numbers; we accept either form for
//!   both, and always write ANAF's documented form.

use serde::{Deserialize, Deserializer};

pub(crate) fn from_slice_tolerating_stray_closers<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<T, serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_slice(body).into_iter::<T>();
    let value = match stream.next() {
        Some(v) => v?,
        // Empty body: let serde_json produce its usual "EOF while parsing" error.
        None => return serde_json::from_slice(body),
    };
    let rest = &body[stream.byte_offset()..];
    if rest
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'}' | b']'))
    {
        Ok(value)
    } else {
        // Re-parse strictly to get serde_json's own "trailing characters" error.
        serde_json::from_slice(body)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Unsigned(u64),
    Signed(i64),
}

pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match StringOrNumber::deserialize(d)? {
        StringOrNumber::String(s) => s,
        StringOrNumber::Unsigned(n) => n.to_string(),
        StringOrNumber::Signed(n) => n.to_string(),
    })
}

pub(crate) fn opt_u64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Option::<StringOrNumber>::deserialize(d)? {
        None => Ok(None),
        Some(StringOrNumber::Unsigned(n)) => Ok(Some(n)),
        Some(StringOrNumber::Signed(n)) => u64::try_from(n)
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("negative counter {n}"))),
        Some(StringOrNumber::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("counter {s:?} is not a number"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_stray_closing_brace_but_not_garbage() {
        let v: serde_json::Value = from_slice_tolerating_stray_closers(b"{\"a\":1}}\n").unwrap();
        assert_eq!(v["a"], 1);
        assert!(from_slice_tolerating_stray_closers::<serde_json::Value>(b"{\"a\":1} x").is_err());
        assert!(from_slice_tolerating_stray_closers::<serde_json::Value>(b"").is_err());
    }
}
