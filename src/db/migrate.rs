//! Embedded migrations, one set per backend.

use diesel::RunQueryDsl;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::connection::DbConnection;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Arbitrary constant naming our advisory lock: several instances starting at
/// once on one PostgreSQL take turns, so the schema is applied exactly once.
const MIGRATION_LOCK_KEY: i64 = 0x5350_5644_4553_4b01;

#[derive(Debug, thiserror::Error)]
#[error("migration failed: {0}")]
pub struct MigrationError(String);

pub fn run_pending(conn: &mut DbConnection) -> Result<usize, MigrationError> {
    match conn {
        DbConnection::Postgresql(pg) => run_postgres(pg),
        DbConnection::Sqlite(sqlite) => run_sqlite(sqlite),
    }
}

fn run_postgres(conn: &mut PgConnection) -> Result<usize, MigrationError> {
    diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
        .execute(conn)
        .map_err(|e| MigrationError(format!("taking the migration lock: {e}")))?;
    let result = conn
        .run_pending_migrations(POSTGRES_MIGRATIONS)
        .map(|applied| applied.len())
        .map_err(|e| MigrationError(e.to_string()));
    let unlock = diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
        .execute(conn)
        .map_err(|e| MigrationError(format!("releasing the migration lock: {e}")));
    let applied = result?;
    unlock?;
    Ok(applied)
}

fn run_sqlite(conn: &mut SqliteConnection) -> Result<usize, MigrationError> {
    conn.run_pending_migrations(SQLITE_MIGRATIONS)
        .map(|applied| applied.len())
        .map_err(|e| MigrationError(e.to_string()))
}
