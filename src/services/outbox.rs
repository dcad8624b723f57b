//! The mail outbox: e-mails are written in the same transaction as the
//! state change that causes them, then delivered by the scheduler. A crash
//! between the two loses nothing; several instances never send one twice
//! (each row is claimed through a lease before sending).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::ServiceError;
use super::context::ServiceContext;
use crate::db::DbConnection;
use crate::db::models::OutboxMail;
use crate::db::schema::mail_outbox;
use crate::mail::OutgoingMail;

const LEASE_MINUTES: i64 = 5;
const MAX_ATTEMPTS: i32 = 10;

pub fn enqueue(
    conn: &mut DbConnection,
    mail: &OutgoingMail,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    diesel::insert_into(mail_outbox::table)
        .values(OutboxMail {
            id: uuid::Uuid::new_v4().to_string(),
            to_address: mail.to.clone(),
            subject: mail.subject.clone(),
            text_body: mail.text.clone(),
            html_body: mail.html.clone(),
            created_at: now,
            leased_until: None,
            lease_owner: None,
            sent_at: None,
            attempts: 0,
            last_error: None,
        })
        .execute(conn)?;
    Ok(())
}

fn claim(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    let n = diesel::update(
        mail_outbox::table
            .filter(mail_outbox::id.eq(id))
            .filter(mail_outbox::sent_at.is_null())
            .filter(
                mail_outbox::leased_until
                    .is_null()
                    .or(mail_outbox::leased_until.lt(now)),
            ),
    )
    .set((
        mail_outbox::leased_until.eq(Some(now + Duration::minutes(LEASE_MINUTES))),
        mail_outbox::lease_owner.eq(Some(owner)),
        mail_outbox::attempts.eq(mail_outbox::attempts + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Sends every pending e-mail this instance manages to claim.
pub async fn deliver(ctx: &ServiceContext) -> Result<usize, ServiceError> {
    let now = ctx.now();
    let pending: Vec<OutboxMail> = ctx
        .db(move |conn| {
            Ok(mail_outbox::table
                .filter(mail_outbox::sent_at.is_null())
                .filter(mail_outbox::attempts.lt(MAX_ATTEMPTS))
                .filter(
                    mail_outbox::leased_until
                        .is_null()
                        .or(mail_outbox::leased_until.lt(now)),
                )
                .order(mail_outbox::created_at.asc())
                .limit(100)
                .select(OutboxMail::as_select())
                .load(conn)?)
        })
        .await?;
    let mut sent = 0;
    for row in pending {
        let (id, owner) = (row.id.clone(), ctx.instance_id.clone());
        if !ctx.db(move |conn| claim(conn, &id, &owner, now)).await? {
            continue;
        }
        let mail = OutgoingMail {
            to: row.to_address.clone(),
            subject: row.subject.clone(),
            text: row.text_body.clone(),
            html: row.html_body.clone(),
        };
        let result = ctx.mailer.send(&mail).await;
        let id = row.id.clone();
        let done_at = ctx.now();
        match result {
            Ok(()) => {
                sent += 1;
                ctx.db(move |conn| {
                    diesel::update(mail_outbox::table.find(&id))
                        .set((
                            mail_outbox::sent_at.eq(Some(done_at)),
                            mail_outbox::last_error.eq(None::<String>),
                        ))
                        .execute(conn)?;
                    Ok(())
                })
                .await?;
            }
            Err(e) => {
                let message = e.to_string();
                tracing::warn!(mail = %row.id, error = %message, "e-mail delivery failed; will retry");
                ctx.db(move |conn| {
                    // Release the lease after a short back-off.
                    diesel::update(mail_outbox::table.find(&id))
                        .set((
                            mail_outbox::last_error.eq(Some(message)),
                            mail_outbox::leased_until.eq(Some(done_at + Duration::minutes(1))),
                        ))
                        .execute(conn)?;
                    Ok(())
                })
                .await?;
            }
        }
    }
    Ok(sent)
}
