//! Reading an ANAF access token's expiry. Only the `exp` claim is relied
//! upon (ANAF's claim layout drifts); the signature is ANAF's business.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};

/// The `exp` of a JWT, or None when the token is not a JWT with one.
pub fn expiry(token: &str) -> Option<DateTime<Utc>> {
    let payload = token.split('.').nth(1)?;
    // Some encoders pad; the URL-safe alphabet is the standard one for JWTs.
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?;
    let seconds = exp.as_i64().or_else(|| exp.as_f64().map(|f| f as i64))?;
    DateTime::from_timestamp(seconds, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exp_from_pretty_printed_claims() {
        let claims = "{\n  \"iss\" : \"https://logincert.anaf.ro\",\n  \"exp\" : 1900000000\n}";
        let token = format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS512","kid":"anaf_2023_2024"}"#),
            URL_SAFE_NO_PAD.encode(claims)
        );
        assert_eq!(expiry(&token).map(|d| d.timestamp()), Some(1_900_000_000));
        assert_eq!(expiry("opaque-refresh-token"), None);
        assert_eq!(expiry("a.b.c"), None);
    }
}
