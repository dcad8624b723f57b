//! API tokens: 256 random bits shown once, stored as SHA-256.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{FieldErrors, ServiceError};
use crate::db::DbConnection;
use crate::db::models::{ApiToken, User};
use crate::db::schema::{api_tokens, users};

const TOKEN_PREFIX: &str = "spv_";

/// A fresh random secret (URL-safe) with `bytes` bytes of randomness.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub struct CreatedToken {
    pub token: ApiToken,
    /// The plaintext, returned once and never stored.
    pub plaintext: String,
}

pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    name: &str,
    now: NaiveDateTime,
) -> Result<CreatedToken, ServiceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ServiceError::Validation(FieldErrors(vec![(
            "name",
            "field.required",
        )])));
    }
    let plaintext = format!("{TOKEN_PREFIX}{}", random_secret(32));
    let token = ApiToken {
        id: uuid::Uuid::new_v4().to_string(),
        user_id: user_id.to_string(),
        name: name.to_string(),
        token_hash: hash_secret(&plaintext),
        created_at: now,
        last_used_at: None,
    };
    diesel::insert_into(api_tokens::table)
        .values(&token)
        .execute(conn)?;
    Ok(CreatedToken { token, plaintext })
}

pub fn authenticate(
    conn: &mut DbConnection,
    plaintext: &str,
    now: NaiveDateTime,
) -> Result<User, ServiceError> {
    let hash = hash_secret(plaintext.trim());
    let (token_id, user): (String, User) = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(&hash))
        .select((api_tokens::id, User::as_select()))
        .first(conn)
        .optional()?
        .ok_or(ServiceError::InvalidCredentials)?;
    diesel::update(api_tokens::table.find(&token_id))
        .set(api_tokens::last_used_at.eq(Some(now)))
        .execute(conn)?;
    Ok(user)
}

pub fn list(conn: &mut DbConnection, user_id: &str) -> Result<Vec<ApiToken>, ServiceError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .select(ApiToken::as_select())
        .load(conn)?)
}

pub fn revoke(conn: &mut DbConnection, user_id: &str, token_id: &str) -> Result<(), ServiceError> {
    let deleted = diesel::delete(
        api_tokens::table
            .filter(api_tokens::id.eq(token_id))
            .filter(api_tokens::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if deleted == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
