//! Token links: a single-use, unguessable URL that lets whoever holds the
//! ANAF certificate (often on a phone) complete OAuth for the link's creator.
//! Only the SHA-256 of the link token is stored.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::ServiceError;
use super::api_tokens::{hash_secret, random_secret};
use crate::db::DbConnection;
use crate::db::models::TokenLink;
use crate::db::schema::token_links;

/// 32 random bytes: 256 bits, far above the 128 required.
const LINK_TOKEN_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStatus {
    Pending,
    Completed,
    Expired,
}

impl LinkStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Pending => "pending",
            LinkStatus::Completed => "completed",
            LinkStatus::Expired => "expired",
        }
    }
}

pub fn status(link: &TokenLink, now: NaiveDateTime) -> LinkStatus {
    if link.completed_at.is_some() {
        LinkStatus::Completed
    } else if link.expires_at <= now {
        LinkStatus::Expired
    } else {
        LinkStatus::Pending
    }
}

pub struct CreatedLink {
    pub link: TokenLink,
    /// Shown once (page, API answer or e-mail); never stored.
    pub plaintext: String,
}

pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    ttl: Duration,
    now: NaiveDateTime,
) -> Result<CreatedLink, ServiceError> {
    let plaintext = random_secret(LINK_TOKEN_BYTES);
    let link = TokenLink {
        id: uuid::Uuid::new_v4().to_string(),
        token_hash: hash_secret(&plaintext),
        created_by: user_id.to_string(),
        expires_at: now + ttl,
        opened_at: None,
        completed_at: None,
        anaf_token_id: None,
        created_at: now,
    };
    diesel::insert_into(token_links::table)
        .values(&link)
        .execute(conn)?;
    Ok(CreatedLink { link, plaintext })
}

pub fn find_by_plaintext(
    conn: &mut DbConnection,
    plaintext: &str,
) -> Result<TokenLink, ServiceError> {
    // Link tokens are URL-safe base64 of fixed length; anything else cannot exist.
    if plaintext.len() > 100
        || !plaintext
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ServiceError::NotFound);
    }
    Ok(token_links::table
        .filter(token_links::token_hash.eq(hash_secret(plaintext)))
        .select(TokenLink::as_select())
        .first(conn)?)
}

pub fn find_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    id: &str,
) -> Result<TokenLink, ServiceError> {
    Ok(token_links::table
        .filter(token_links::id.eq(id))
        .filter(token_links::created_by.eq(user_id))
        .select(TokenLink::as_select())
        .first(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<TokenLink, ServiceError> {
    Ok(token_links::table
        .find(id)
        .select(TokenLink::as_select())
        .first(conn)?)
}

pub fn mark_opened(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    diesel::update(
        token_links::table
            .filter(token_links::id.eq(id))
            .filter(token_links::opened_at.is_null()),
    )
    .set(token_links::opened_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}

/// Completes a pending link; false when it was completed or expired meanwhile.
pub fn complete(
    conn: &mut DbConnection,
    id: &str,
    anaf_token_id: &str,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    let n = diesel::update(
        token_links::table
            .filter(token_links::id.eq(id))
            .filter(token_links::completed_at.is_null())
            .filter(token_links::expires_at.gt(now)),
    )
    .set((
        token_links::completed_at.eq(Some(now)),
        token_links::anaf_token_id.eq(Some(anaf_token_id)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
