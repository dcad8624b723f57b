//! RS512 JWTs shaped like ANAF's (pretty-printed JSON inside the segments, `exp` in seconds).
//! Clients must rely only on `exp`; the sandbox itself checks tokens by lookup, not by parsing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64URL;
use chrono::{DateTime, Utc};
use rsa::PrivateKey as RsaPrivateKey;
use rsa::pkcs1v15::Pkcs1v15Sign;
use sha2_11::{Digest, Sha512};

pub struct JwtClaims<'a> {
    pub token_type: &'a str,
    pub serial: &'a str,
    pub client_id: &'a str,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Random id so two tokens minted in the same second differ.
    pub jti: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum JwtError {
    #[error("JWT JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("JWT signature: {0}")]
    Signing(#[from] rsa::Error),
}

pub fn mint(key: &RsaPrivateKey, claims: &JwtClaims<'_>) -> Result<String, JwtError> {
    let header = serde_json::json!({"alg": "RS512", "kid": "anaf_sandbox", "typ": "JWT"});
    let body = serde_json::json!({
        "iss": "https://logincert.anaf.ro/sandbox",
        "sub": claims.serial,
        "token_type": claims.token_type,
        "clientappid": claims.client_id,
        "issuer": "spvdesk ANAF sandbox",
        "roles": "HELLO@EFACTURA@ETRANSPORT@SRV_EFACTURA",
        "serial": claims.serial,
        "jti": claims.jti,
        "iat": claims.issued_at.timestamp(),
        "nbf": claims.issued_at.timestamp(),
        "exp": claims.expires_at.timestamp(),
    });
    let signing_input = format!(
        "{}.{}",
        B64URL.encode(serde_json::to_vec_pretty(&header)?),
        B64URL.encode(serde_json::to_vec_pretty(&body)?)
    );
    // PKCS#1 v1.5 is deterministic: the same key and input give the same signature as before.
    let signature = key.sign(
        Pkcs1v15Sign::new::<Sha512>(),
        &Sha512::digest(signing_input.as_bytes()),
    )?;
    Ok(format!("{signing_input}.{}", B64URL.encode(signature)))
}

/// Reads the (unverified) claims of a JWT, for tests and the control API.
pub fn decode_claims(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&B64URL.decode(payload).ok()?).ok()
}
