//! Keeping ANAF tokens alive: refresh access tokens ahead of expiry (both
//! new tokens stored together, since ANAF rotates refresh tokens), mark a
//! token "reconnect needed" when ANAF refuses, and warn the owner before a
//! token can no longer be renewed.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::context::ServiceContext;
use super::{ServiceError, anaf_tokens, outbox, token_links, users};
use crate::anaf::oauth::{OAuthError, TokenKind};
use crate::db::DbConnection;
use crate::db::models::AnafToken;
use crate::db::schema::token_warnings;
use crate::i18n::{Lang, tr};
use crate::mail::{OutgoingMail, escape_html};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct RefreshReport {
    pub refreshed: usize,
    pub reconnect_needed: usize,
    pub failed_transiently: usize,
}

/// Refreshes every active token whose access token expires within the
/// configured window.
pub async fn refresh_due(ctx: &ServiceContext) -> Result<RefreshReport, ServiceError> {
    let now = ctx.now();
    let window = ctx.lifecycle.refresh_before;
    let due: Vec<AnafToken> = ctx
        .db(move |conn| {
            Ok(anaf_tokens::active_tokens(conn)?
                .into_iter()
                .filter(|t| t.access_expires_at - window <= now)
                .collect())
        })
        .await?;
    let mut report = RefreshReport::default();
    for token in due {
        let refresh = ctx
            .cipher
            .decrypt(&token.refresh_token_enc)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        match ctx.oauth.refresh(&refresh).await {
            Ok(pair) => {
                let cipher = ctx.cipher.clone();
                let (id, previous, keep) = (
                    token.id.clone(),
                    token.refresh_token_enc.clone(),
                    token.refresh_expires_at,
                );
                let now = ctx.now();
                let stored = ctx
                    .db(move |conn| {
                        anaf_tokens::store_refreshed(
                            conn, &cipher, &id, &previous, &pair, keep, now,
                        )
                    })
                    .await?;
                if stored {
                    report.refreshed += 1;
                }
            }
            Err(OAuthError::Rejected { error, description }) => {
                let reason = format!("{error}: {}", description.unwrap_or_default());
                mark_reconnect(ctx, &token, &reason).await?;
                report.reconnect_needed += 1;
            }
            Err(other) => {
                // Network trouble is not the token's fault: try again next round.
                tracing::warn!(token = %token.id, error = %other, "token refresh failed; will retry");
                report.failed_transiently += 1;
            }
        }
    }
    Ok(report)
}

/// What ANAF said when a token was revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// ANAF answered 200 for both the refresh and the access token.
    Confirmed,
    /// spvdesk no longer uses the token, but ANAF did not confirm (why goes to the log): the
    /// certificate holder can still withdraw it in SPV ("Renunțare OAuth").
    NotConfirmed,
}

/// Revokes one of `owner`'s tokens: first here (marked revoked, so it is never used again even
/// if what follows fails or the process stops), then at ANAF, refresh token first, since it is
/// the one that could mint new access tokens.
pub async fn revoke(
    ctx: &ServiceContext,
    owner: &str,
    id: &str,
) -> Result<Revocation, ServiceError> {
    let (owner, id, now) = (owner.to_string(), id.to_string(), ctx.now());
    let token = ctx
        .db(move |conn| {
            let token = anaf_tokens::find_owned(conn, &owner, &id)?;
            anaf_tokens::revoke(conn, &owner, &id, now)?;
            Ok(token)
        })
        .await?;
    let secrets = [
        (&token.refresh_token_enc, TokenKind::Refresh),
        (&token.access_token_enc, TokenKind::Access),
    ];
    let mut confirmed = true;
    for (encrypted, kind) in secrets {
        let secret = ctx
            .cipher
            .decrypt(encrypted)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        if let Err(e) = ctx.oauth.revoke(&secret, kind).await {
            tracing::warn!(token = %token.id, ?kind, error = %e, "ANAF did not confirm the revocation");
            confirmed = false;
        }
    }
    Ok(if confirmed {
        Revocation::Confirmed
    } else {
        Revocation::NotConfirmed
    })
}

/// Deletes one of `owner`'s tokens, revoking it first ([`revoke`]) unless it already was:
/// a deleted token must not stay alive at ANAF. `None`: it had been revoked before.
pub async fn delete(
    ctx: &ServiceContext,
    owner: &str,
    id: &str,
) -> Result<Option<Revocation>, ServiceError> {
    let (who, which) = (owner.to_string(), id.to_string());
    let token = ctx
        .db(move |conn| anaf_tokens::find_owned(conn, &who, &which))
        .await?;
    let revocation = if token.status == anaf_tokens::STATUS_REVOKED {
        None
    } else {
        Some(revoke(ctx, owner, id).await?)
    };
    let (who, which) = (owner.to_string(), id.to_string());
    ctx.db(move |conn| anaf_tokens::delete(conn, &who, &which))
        .await?;
    Ok(revocation)
}

async fn mark_reconnect(
    ctx: &ServiceContext,
    token: &AnafToken,
    reason: &str,
) -> Result<(), ServiceError> {
    let (token, reason, now) = (token.clone(), reason.to_string(), ctx.now());
    let public_url = ctx.public_url.clone();
    let ttl = ctx.lifecycle.mail_link_ttl;
    ctx.db(move |conn| {
        conn.transaction(|conn| {
            if !anaf_tokens::mark_reconnect_needed(conn, &token.id, &reason, now)? {
                return Ok(());
            }
            let owner = users::find(conn, &token.owner_user_id)?;
            let lang = owner
                .language
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or_default();
            let link = token_links::create(conn, &owner.id, ttl, now)?;
            let url = format!("{public_url}/anaf/link/{}", link.plaintext);
            let mail = reconnect_mail(lang, &owner.email, &token.label, &url, &public_url);
            outbox::enqueue(conn, &mail, now)
        })
    })
    .await
}

/// Queues one warning e-mail per token for the most urgent threshold just
/// crossed, recording every crossed threshold so none is ever sent twice
/// (the primary key on (token, threshold) makes that hold across instances).
pub async fn queue_warnings(ctx: &ServiceContext) -> Result<usize, ServiceError> {
    let now = ctx.now();
    let thresholds = ctx.lifecycle.warning_days.clone();
    let public_url = ctx.public_url.clone();
    let ttl = ctx.lifecycle.mail_link_ttl;
    ctx.db(move |conn| {
        let mut queued = 0;
        for token in anaf_tokens::active_tokens(conn)? {
            if queue_for_token(conn, &token, &thresholds, &public_url, ttl, now)? {
                queued += 1;
            }
        }
        Ok(queued)
    })
    .await
}

fn queue_for_token(
    conn: &mut DbConnection,
    token: &AnafToken,
    thresholds: &[i64],
    public_url: &str,
    ttl: Duration,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    let left = token.refresh_expires_at - now;
    let crossed: Vec<i64> = thresholds
        .iter()
        .copied()
        .filter(|days| left <= Duration::days(*days))
        .collect();
    if crossed.is_empty() {
        return Ok(false);
    }
    let outcome = conn.transaction(|conn| {
        let already: Vec<i32> = token_warnings::table
            .filter(token_warnings::token_id.eq(&token.id))
            .select(token_warnings::threshold_days)
            .load(conn)?;
        let fresh: Vec<i64> = crossed
            .iter()
            .copied()
            .filter(|d| !already.iter().any(|a| i64::from(*a) == *d))
            .collect();
        if fresh.is_empty() {
            return Ok(false);
        }
        for days in &fresh {
            diesel::insert_into(token_warnings::table)
                .values((
                    token_warnings::token_id.eq(&token.id),
                    token_warnings::threshold_days.eq(i32::try_from(*days).unwrap_or(i32::MAX)),
                    token_warnings::sent_at.eq(now),
                ))
                .execute(conn)?;
        }
        let owner = users::find(conn, &token.owner_user_id)?;
        let lang = owner
            .language
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default();
        let link = token_links::create(conn, &owner.id, ttl, now)?;
        let url = format!("{public_url}/anaf/link/{}", link.plaintext);
        let days_left = left.num_days().max(0);
        let mail = warning_mail(lang, &owner.email, token, days_left, &url, public_url);
        outbox::enqueue(conn, &mail, now)?;
        Ok::<bool, ServiceError>(true)
    });
    match outcome {
        Ok(v) => Ok(v),
        // Another instance recorded the same threshold first: theirs goes out.
        Err(ServiceError::Db(crate::db::DbError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )))) => Ok(false),
        Err(e) => Err(e),
    }
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(template.to_string(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

pub fn warning_mail(
    lang: Lang,
    to: &str,
    token: &AnafToken,
    days_left: i64,
    link_url: &str,
    public_url: &str,
) -> OutgoingMail {
    let days = days_left.to_string();
    let until = token
        .refresh_expires_at
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    let pairs = [
        ("label", token.label.as_str()),
        ("days", days.as_str()),
        ("until", until.as_str()),
        ("link", link_url),
        ("app", public_url),
    ];
    let subject = fill(tr(lang, "mail.warning.subject"), &pairs);
    let body = fill(tr(lang, "mail.warning.body"), &pairs);
    let action = tr(lang, "mail.warning.action");
    let text = format!(
        "{body}\n\n{action}: {link_url}\n\n{}: {public_url}/anaf\n",
        tr(lang, "mail.open_app")
    );
    let html = format!(
        "<p>{}</p><p><a href=\"{}\" style=\"display:inline-block;padding:10px 16px;background:#1f5fbf;color:#fff;text-decoration:none;border-radius:6px\">{}</a></p><p><a href=\"{}/anaf\">{}</a></p>",
        escape_html(&body),
        escape_html(link_url),
        escape_html(action),
        escape_html(public_url),
        escape_html(tr(lang, "mail.open_app"))
    );
    OutgoingMail {
        to: to.to_string(),
        subject,
        text,
        html,
    }
}

pub fn reconnect_mail(
    lang: Lang,
    to: &str,
    label: &str,
    link_url: &str,
    public_url: &str,
) -> OutgoingMail {
    let pairs = [("label", label), ("link", link_url), ("app", public_url)];
    let subject = fill(tr(lang, "mail.reconnect.subject"), &pairs);
    let body = fill(tr(lang, "mail.reconnect.body"), &pairs);
    let action = tr(lang, "mail.warning.action");
    let text = format!("{body}\n\n{action}: {link_url}\n");
    let html = format!(
        "<p>{}</p><p><a href=\"{}\">{}</a></p>",
        escape_html(&body),
        escape_html(link_url),
        escape_html(action)
    );
    OutgoingMail {
        to: to.to_string(),
        subject,
        text,
        html,
    }
}
