//! The scheduler: periodic jobs claimed through a lease row, so several
//! `spvdesk serve` processes on one database never run the same job at the
//! same time. `run_due_once` runs everything due exactly once (tests call it);
//! `spawn` runs it in a loop on the actix/tokio runtime.

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::models::Job;
use crate::db::schema::jobs;
use crate::services::context::ServiceContext;
use crate::services::{ServiceError, outbox, token_lifecycle};

/// A periodic job: what it is called and how often it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Periodic {
    RefreshTokens,
    TokenWarnings,
    DeliverMail,
}

impl Periodic {
    /// In the order they run: warnings before delivery so a warning queued
    /// in this round goes out in this round.
    pub const ALL: [Periodic; 3] = [
        Periodic::RefreshTokens,
        Periodic::TokenWarnings,
        Periodic::DeliverMail,
    ];

    pub fn kind(self) -> &'static str {
        match self {
            Periodic::RefreshTokens => "refresh_tokens",
            Periodic::TokenWarnings => "token_warnings",
            Periodic::DeliverMail => "deliver_mail",
        }
    }

    fn interval(self) -> Duration {
        match self {
            Periodic::RefreshTokens => Duration::minutes(30),
            Periodic::TokenWarnings => Duration::minutes(30),
            Periodic::DeliverMail => Duration::seconds(15),
        }
    }

    /// Longer than the job can take, so a crashed instance's lease expires.
    fn lease(self) -> Duration {
        Duration::minutes(10)
    }
}

#[derive(Debug, Default)]
pub struct RunReport {
    /// (job kind, outcome) for every job this call ran.
    pub ran: Vec<(&'static str, Result<String, String>)>,
}

fn ensure_row(
    conn: &mut DbConnection,
    job: Periodic,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let exists: i64 = jobs::table
        .filter(jobs::dedupe_key.eq(job.kind()))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        let inserted = diesel::insert_into(jobs::table)
            .values(Job {
                id: uuid::Uuid::new_v4().to_string(),
                kind: job.kind().to_string(),
                dedupe_key: job.kind().to_string(),
                payload: "{}".to_string(),
                run_at: now,
                leased_until: None,
                lease_owner: None,
                attempts: 0,
                last_error: None,
                done_at: None,
                created_at: now,
            })
            .execute(conn);
        match inserted {
            Ok(_) => {}
            // Another instance created it at the same moment.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Takes the job's lease if it is due and nobody holds it.
fn claim(
    conn: &mut DbConnection,
    job: Periodic,
    owner: &str,
    now: NaiveDateTime,
) -> Result<bool, ServiceError> {
    ensure_row(conn, job, now)?;
    let n = diesel::update(
        jobs::table
            .filter(jobs::dedupe_key.eq(job.kind()))
            .filter(jobs::run_at.le(now))
            .filter(jobs::leased_until.is_null().or(jobs::leased_until.lt(now))),
    )
    .set((
        jobs::leased_until.eq(Some(now + job.lease())),
        jobs::lease_owner.eq(Some(owner)),
        jobs::attempts.eq(jobs::attempts + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

fn finish(
    conn: &mut DbConnection,
    job: Periodic,
    owner: &str,
    now: NaiveDateTime,
    error: Option<String>,
) -> Result<(), ServiceError> {
    let next = if error.is_some() {
        now + Duration::minutes(1)
    } else {
        now + job.interval()
    };
    diesel::update(
        jobs::table
            .filter(jobs::dedupe_key.eq(job.kind()))
            .filter(jobs::lease_owner.eq(owner)),
    )
    .set((
        jobs::run_at.eq(next),
        jobs::leased_until.eq(None::<NaiveDateTime>),
        jobs::done_at.eq(Some(now)),
        jobs::last_error.eq(error),
    ))
    .execute(conn)?;
    Ok(())
}

async fn run_job(ctx: &ServiceContext, job: Periodic) -> Result<String, ServiceError> {
    match job {
        Periodic::RefreshTokens => token_lifecycle::refresh_due(ctx)
            .await
            .map(|r| format!("{r:?}")),
        Periodic::TokenWarnings => token_lifecycle::queue_warnings(ctx)
            .await
            .map(|n| format!("{n} queued")),
        Periodic::DeliverMail => outbox::deliver(ctx).await.map(|n| format!("{n} sent")),
    }
}

/// Runs every due job once, in order.
pub async fn run_due_once(ctx: &ServiceContext) -> Result<RunReport, ServiceError> {
    let mut report = RunReport::default();
    for job in Periodic::ALL {
        let (owner, now) = (ctx.instance_id.clone(), ctx.now());
        let claimed = ctx.db(move |conn| claim(conn, job, &owner, now)).await?;
        if !claimed {
            continue;
        }
        let outcome = run_job(ctx, job).await;
        let error = outcome.as_ref().err().map(|e| e.to_string());
        let (owner, now) = (ctx.instance_id.clone(), ctx.now());
        ctx.db(move |conn| finish(conn, job, &owner, now, error))
            .await?;
        report
            .ran
            .push((job.kind(), outcome.map_err(|e| e.to_string())));
    }
    Ok(report)
}

/// Runs due jobs forever, every `tick`, backing off after errors.
pub fn spawn(ctx: ServiceContext, tick: StdDuration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match run_due_once(&ctx).await {
                Ok(report) => {
                    for (kind, outcome) in &report.ran {
                        match outcome {
                            Ok(summary) => tracing::debug!(job = kind, %summary, "job done"),
                            Err(e) => tracing::warn!(job = kind, error = %e, "job failed"),
                        }
                    }
                    tokio::time::sleep(tick).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "scheduler round failed; backing off");
                    tokio::time::sleep(tick * 4).await;
                }
            }
        }
    })
}
