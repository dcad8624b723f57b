use crate::db::DbError;

/// Field-level validation errors: (field name, i18n message key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push((field, key));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }

    pub fn into_result(self) -> Result<(), ServiceError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Validation(self))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("invalid input: {0:?}")]
    Validation(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// i18n key of the conflict message.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many failed attempts; retry in {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error(transparent)]
    Db(#[from] DbError),
    /// A document that cannot be read or written: i18n key of the message, and what the UBL
    /// reader or writer said (it names the element).
    #[error("{key}: {detail}")]
    BadDocument { key: &'static str, detail: String },
    #[error("{0}")]
    Internal(String),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ServiceError::NotFound,
            other => ServiceError::Db(DbError::Query(other)),
        }
    }
}

impl From<r2d2::Error> for ServiceError {
    fn from(e: r2d2::Error) -> Self {
        ServiceError::Db(DbError::Pool(e))
    }
}
