//! The OAuth round trip with ANAF: a `state` bound to the browser session
//! (accountant method) or to a token link (device method), the code
//! exchange, storing the token, and checking which companies it covers.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::api_tokens::{hash_secret, random_secret};
use super::context::ServiceContext;
use super::{ServiceError, anaf_tokens, companies, token_links};
use crate::anaf::oauth::OAuthError;
use crate::anaf::rights::{self, Rights};
use crate::db::DbConnection;
use crate::db::models::{AnafToken, OAuthState};
use crate::db::schema::oauth_states;

/// A state is good for the time a person needs to pick a certificate.
const STATE_TTL_MINUTES: i64 = 15;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FlowError {
    #[error("unknown or altered state")]
    UnknownState,
    #[error("this authorisation was already used")]
    Replayed,
    #[error("the authorisation took too long")]
    Expired,
    #[error("the authorisation was started in another browser session")]
    WrongSession,
    #[error("the token link is used or expired")]
    LinkUnavailable,
}

impl FlowError {
    /// i18n key of the page that explains it.
    pub fn message_key(&self) -> &'static str {
        match self {
            FlowError::UnknownState => "oauth.error.unknown_state",
            FlowError::Replayed => "oauth.error.replayed",
            FlowError::Expired => "oauth.error.expired",
            FlowError::WrongSession => "oauth.error.wrong_session",
            FlowError::LinkUnavailable => "oauth.error.link_unavailable",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StateClaim {
    pub user_id: String,
    pub link_id: Option<String>,
}

pub fn create_state(
    conn: &mut DbConnection,
    user_id: &str,
    session_nonce: Option<&str>,
    link_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<String, ServiceError> {
    let state = random_secret(32);
    diesel::insert_into(oauth_states::table)
        .values(OAuthState {
            state_hash: hash_secret(&state),
            user_id: user_id.to_string(),
            session_nonce_hash: session_nonce.map(hash_secret),
            link_id: link_id.map(str::to_string),
            created_at: now,
            expires_at: now + Duration::minutes(STATE_TTL_MINUTES),
            used_at: None,
        })
        .execute(conn)?;
    Ok(state)
}

/// Checks and burns a state in one transaction: a second use is refused.
pub fn consume_state(
    conn: &mut DbConnection,
    state: &str,
    session_nonce: Option<&str>,
    now: NaiveDateTime,
) -> Result<Result<StateClaim, FlowError>, ServiceError> {
    conn.transaction(|conn| {
        let row: Option<OAuthState> = oauth_states::table
            .find(hash_secret(state))
            .select(OAuthState::as_select())
            .first(conn)
            .optional()?;
        let Some(row) = row else {
            return Ok(Err(FlowError::UnknownState));
        };
        if row.used_at.is_some() {
            return Ok(Err(FlowError::Replayed));
        }
        if row.expires_at <= now {
            return Ok(Err(FlowError::Expired));
        }
        if let Some(expected) = &row.session_nonce_hash
            && session_nonce.map(hash_secret).as_deref() != Some(expected.as_str())
        {
            return Ok(Err(FlowError::WrongSession));
        }
        if let Some(link_id) = &row.link_id {
            let link = token_links::find(conn, link_id)?;
            if token_links::status(&link, now) != token_links::LinkStatus::Pending {
                return Ok(Err(FlowError::LinkUnavailable));
            }
        }
        let burned = diesel::update(
            oauth_states::table
                .filter(oauth_states::state_hash.eq(&row.state_hash))
                .filter(oauth_states::used_at.is_null()),
        )
        .set(oauth_states::used_at.eq(Some(now)))
        .execute(conn)?;
        if burned != 1 {
            return Ok(Err(FlowError::Replayed));
        }
        Ok(Ok(StateClaim {
            user_id: row.user_id,
            link_id: row.link_id,
        }))
    })
}

#[derive(Debug, thiserror::Error)]
pub enum CompleteError {
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("the token link is used or expired")]
    LinkUnavailable,
}

/// Exchanges the code, stores the token (completing the link in the same
/// transaction) and checks it against every company of the owner.
pub async fn complete(
    ctx: &ServiceContext,
    claim: StateClaim,
    code: &str,
) -> Result<AnafToken, CompleteError> {
    let pair = ctx.oauth.exchange_code(code).await?;
    let now = ctx.now();
    let cipher = ctx.cipher.clone();
    let owner = claim.user_id.clone();
    let link_id = claim.link_id.clone();
    let label = format!(
        "{} {}",
        if link_id.is_some() { "Link" } else { "OAuth" },
        now.format("%Y-%m-%d %H:%M")
    );
    let stored = ctx
        .db(move |conn| {
            conn.transaction(|conn| {
                let token = anaf_tokens::store_new(conn, &cipher, &owner, &label, &pair, now)?;
                if let Some(link_id) = &link_id
                    && !token_links::complete(conn, link_id, &token.id, now)?
                {
                    // Roll back: a used or expired link must change nothing.
                    return Err(ServiceError::Conflict("oauth.error.link_unavailable"));
                }
                Ok(token)
            })
        })
        .await;
    let token = match stored {
        Ok(t) => t,
        Err(ServiceError::Conflict("oauth.error.link_unavailable")) => {
            return Err(CompleteError::LinkUnavailable);
        }
        Err(e) => return Err(e.into()),
    };
    check_coverage(ctx, &token).await?;
    Ok(token)
}

/// Asks ANAF, company by company, whether the token has SPV rights there.
pub async fn check_coverage(ctx: &ServiceContext, token: &AnafToken) -> Result<(), ServiceError> {
    let access = ctx
        .cipher
        .decrypt(&token.access_token_enc)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let owner = token.owner_user_id.clone();
    let companies = ctx
        .db(move |conn| companies::list_for_user(conn, &owner))
        .await?;
    for (company, _) in companies {
        let answer = rights::check(&ctx.http, &ctx.endpoints.api_base, &access, &company.cif).await;
        let (covered, detail) = match answer {
            Rights::Covered => (true, None),
            Rights::NotCovered(d) => (false, Some(d)),
            Rights::Unknown(d) => (false, Some(format!("?{d}"))),
        };
        let (token_id, company_id, now) = (token.id.clone(), company.id.clone(), ctx.now());
        ctx.db(move |conn| {
            anaf_tokens::record_coverage(
                conn,
                &token_id,
                &company_id,
                covered,
                detail.as_deref(),
                now,
            )
        })
        .await?;
    }
    Ok(())
}
