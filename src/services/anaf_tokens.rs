//! ANAF tokens at rest: encrypted, with their expiries, owner and label,
//! and which companies each one covers.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::ServiceError;
use crate::anaf::jwt;
use crate::anaf::oauth::TokenPair;
use crate::crypto::TokenCipher;
use crate::db::DbConnection;
use crate::db::models::{AnafToken, AnafTokenCompany, Company};
use crate::db::schema::{anaf_token_companies, anaf_tokens, companies};

pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_RECONNECT: &str = "reconnect_needed";
pub const STATUS_REVOKED: &str = "revoked";

/// ANAF's refresh tokens live 365 days (ANAF-API §5).
pub const REFRESH_LIFETIME_DAYS: i64 = 365;
/// Used only when an access token carries no readable `exp`.
pub const ACCESS_LIFETIME_DAYS: i64 = 90;

/// Expiries of a freshly issued pair: the access token's from its JWT `exp`;
/// the refresh token's from its own `exp` when it is a JWT, else 365 days.
pub fn expiries(pair: &TokenPair, now: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    let access = jwt::expiry(&pair.access_token)
        .map(|d| d.naive_utc())
        .unwrap_or(now + Duration::days(ACCESS_LIFETIME_DAYS));
    let refresh = jwt::expiry(&pair.refresh_token)
        .map(|d| d.naive_utc())
        .unwrap_or(now + Duration::days(REFRESH_LIFETIME_DAYS));
    (access, refresh)
}

pub fn store_new(
    conn: &mut DbConnection,
    cipher: &TokenCipher,
    owner_user_id: &str,
    label: &str,
    pair: &TokenPair,
    now: NaiveDateTime,
) -> Result<AnafToken, ServiceError> {
    let (access_expires_at, refresh_expires_at) = expiries(pair, now);
    let encrypt = |s: &str| {
        cipher
            .encrypt(s)
            .map_err(|e| ServiceError::Internal(e.to_string()))
    };
    let token = AnafToken {
        id: uuid::Uuid::new_v4().to_string(),
        owner_user_id: owner_user_id.to_string(),
        label: label.to_string(),
        access_token_enc: encrypt(&pair.access_token)?,
        refresh_token_enc: encrypt(&pair.refresh_token)?,
        access_expires_at,
        refresh_expires_at,
        status: STATUS_ACTIVE.to_string(),
        last_refreshed_at: None,
        last_error: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(anaf_tokens::table)
        .values(&token)
        .execute(conn)?;
    Ok(token)
}

/// Stores a refreshed pair, but only if nobody rotated the token meanwhile
/// (`previous_refresh_enc` still current). Returns false when it lost.
pub fn store_refreshed(
    conn: &mut DbConnection,
    cipher: &TokenCipher,
    token_id: &str,
    previous_refresh_enc: &str,
    pair: &TokenPair,
    keep_refresh_expiry: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    let (access_expires_at, refresh_from_jwt) = expiries(pair, now);
    // Without a readable expiry on the new refresh token, keep counting from
    // the original authorisation: warning early is harmless, late is not.
    let refresh_expires_at = if jwt::expiry(&pair.refresh_token).is_some() {
        refresh_from_jwt
    } else {
        keep_refresh_expiry
    };
    let encrypt = |s: &str| {
        cipher
            .encrypt(s)
            .map_err(|e| ServiceError::Internal(e.to_string()))
    };
    let updated = diesel::update(
        anaf_tokens::table
            .filter(anaf_tokens::id.eq(token_id))
            .filter(anaf_tokens::refresh_token_enc.eq(previous_refresh_enc)),
    )
    .set((
        anaf_tokens::access_token_enc.eq(encrypt(&pair.access_token)?),
        anaf_tokens::refresh_token_enc.eq(encrypt(&pair.refresh_token)?),
        anaf_tokens::access_expires_at.eq(access_expires_at),
        anaf_tokens::refresh_expires_at.eq(refresh_expires_at),
        anaf_tokens::status.eq(STATUS_ACTIVE),
        anaf_tokens::last_refreshed_at.eq(Some(now)),
        anaf_tokens::last_error.eq(None::<String>),
        anaf_tokens::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn mark_reconnect_needed(
    conn: &mut DbConnection,
    token_id: &str,
    error: &str,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    let updated = diesel::update(
        anaf_tokens::table
            .filter(anaf_tokens::id.eq(token_id))
            .filter(anaf_tokens::status.eq(STATUS_ACTIVE)),
    )
    .set((
        anaf_tokens::status.eq(STATUS_RECONNECT),
        anaf_tokens::last_error.eq(Some(error)),
        anaf_tokens::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<AnafToken, ServiceError> {
    Ok(anaf_tokens::table
        .find(id)
        .select(AnafToken::as_select())
        .first(conn)?)
}

pub fn find_owned(
    conn: &mut DbConnection,
    owner: &str,
    id: &str,
) -> Result<AnafToken, ServiceError> {
    Ok(anaf_tokens::table
        .filter(anaf_tokens::id.eq(id))
        .filter(anaf_tokens::owner_user_id.eq(owner))
        .select(AnafToken::as_select())
        .first(conn)?)
}

pub fn list_for_owner(
    conn: &mut DbConnection,
    owner: &str,
) -> Result<Vec<AnafToken>, ServiceError> {
    Ok(anaf_tokens::table
        .filter(anaf_tokens::owner_user_id.eq(owner))
        .order(anaf_tokens::created_at.desc())
        .select(AnafToken::as_select())
        .load(conn)?)
}

pub fn active_tokens(conn: &mut DbConnection) -> Result<Vec<AnafToken>, ServiceError> {
    Ok(anaf_tokens::table
        .filter(anaf_tokens::status.eq(STATUS_ACTIVE))
        .select(AnafToken::as_select())
        .load(conn)?)
}

pub fn record_coverage(
    conn: &mut DbConnection,
    token_id: &str,
    company_id: &str,
    covered: bool,
    detail: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    conn.transaction(|conn| {
        diesel::delete(
            anaf_token_companies::table
                .filter(anaf_token_companies::token_id.eq(token_id))
                .filter(anaf_token_companies::company_id.eq(company_id)),
        )
        .execute(conn)?;
        diesel::insert_into(anaf_token_companies::table)
            .values(AnafTokenCompany {
                token_id: token_id.to_string(),
                company_id: company_id.to_string(),
                covered,
                detail: detail.map(str::to_string),
                checked_at: now,
            })
            .execute(conn)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

pub struct CoverageRow {
    pub company: Company,
    pub covered: bool,
    pub detail: Option<String>,
}

pub fn coverage(conn: &mut DbConnection, token_id: &str) -> Result<Vec<CoverageRow>, ServiceError> {
    let rows: Vec<(Company, bool, Option<String>)> = anaf_token_companies::table
        .inner_join(companies::table)
        .filter(anaf_token_companies::token_id.eq(token_id))
        .order(companies::name.asc())
        .select((
            Company::as_select(),
            anaf_token_companies::covered,
            anaf_token_companies::detail,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(company, covered, detail)| CoverageRow {
            company,
            covered,
            detail,
        })
        .collect())
}

/// How a company reaches ANAF: the token that covers it and lasts longest (an active one before
/// one that needs reconnecting; revoked tokens do not count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyConnection {
    pub status: String,
    pub access_expires_at: NaiveDateTime,
    pub refresh_expires_at: NaiveDateTime,
}

/// The connection of each of `company_ids` that has one.
pub fn connections(
    conn: &mut DbConnection,
    company_ids: &[String],
) -> Result<std::collections::HashMap<String, CompanyConnection>, ServiceError> {
    let rows: Vec<(String, String, NaiveDateTime, NaiveDateTime)> = anaf_token_companies::table
        .inner_join(anaf_tokens::table)
        .filter(anaf_token_companies::company_id.eq_any(company_ids))
        .filter(anaf_token_companies::covered.eq(true))
        .filter(anaf_tokens::status.ne(STATUS_REVOKED))
        .select((
            anaf_token_companies::company_id,
            anaf_tokens::status,
            anaf_tokens::access_expires_at,
            anaf_tokens::refresh_expires_at,
        ))
        .load(conn)?;
    let mut best = std::collections::HashMap::<String, CompanyConnection>::new();
    for (company_id, status, access_expires_at, refresh_expires_at) in rows {
        let candidate = CompanyConnection {
            status,
            access_expires_at,
            refresh_expires_at,
        };
        let rank = |c: &CompanyConnection| (c.status == STATUS_ACTIVE, c.refresh_expires_at);
        match best.get(&company_id) {
            Some(kept) if rank(kept) >= rank(&candidate) => {}
            _ => {
                best.insert(company_id, candidate);
            }
        }
    }
    Ok(best)
}

pub fn rename(
    conn: &mut DbConnection,
    owner: &str,
    id: &str,
    label: &str,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 100 {
        return Err(ServiceError::Validation(super::FieldErrors(vec![(
            "label",
            "field.required",
        )])));
    }
    let n = diesel::update(
        anaf_tokens::table
            .filter(anaf_tokens::id.eq(id))
            .filter(anaf_tokens::owner_user_id.eq(owner)),
    )
    .set((
        anaf_tokens::label.eq(label),
        anaf_tokens::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Marks a token revoked (kept for the record; never used again).
pub fn revoke(
    conn: &mut DbConnection,
    owner: &str,
    id: &str,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let n = diesel::update(
        anaf_tokens::table
            .filter(anaf_tokens::id.eq(id))
            .filter(anaf_tokens::owner_user_id.eq(owner)),
    )
    .set((
        anaf_tokens::status.eq(STATUS_REVOKED),
        anaf_tokens::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

pub fn delete(conn: &mut DbConnection, owner: &str, id: &str) -> Result<(), ServiceError> {
    let n = diesel::delete(
        anaf_tokens::table
            .filter(anaf_tokens::id.eq(id))
            .filter(anaf_tokens::owner_user_id.eq(owner)),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
