//! Database access: one diesel schema for SQLite and PostgreSQL.

pub mod connection;
pub mod migrate;
pub mod models;
pub mod schema;

pub use connection::{Backend, DbConnection};

pub type Pool = r2d2::Pool<connection::Manager>;
pub type PooledConn = r2d2::PooledConnection<connection::Manager>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error(transparent)]
    Migration(#[from] migrate::MigrationError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database pool: {0}")]
    Pool(#[from] r2d2::Error),
}

/// Builds the pool and applies pending migrations. The first connection is
/// made by hand so that the caller sees the database's own error message
/// (r2d2 only reports a timeout).
pub fn connect_and_migrate(url: &str) -> Result<Pool, DbError> {
    let mut first = connection::establish(url).map_err(|e| DbError::Connect(e.to_string()))?;
    migrate::run_pending(&mut first)?;
    drop(first);
    let max_size = match Backend::from_url(url) {
        Backend::Sqlite => 8,
        Backend::Postgres => 10,
    };
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(std::time::Duration::from_secs(10))
        .build(connection::Manager::new(url))
        .map_err(|e| DbError::Connect(e.to_string()))
}
