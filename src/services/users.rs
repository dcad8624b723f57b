//! Accounts: creation (the first user is an administrator), password login
//! with a throttle, language preference.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::{FieldErrors, ServiceError};
use crate::db::DbConnection;
use crate::db::models::{LoginThrottle, NewUser, User};
use crate::db::schema::{login_throttle, users};

pub const MIN_PASSWORD_LEN: usize = 10;
/// Failures allowed inside one window before the account is locked for a while.
pub const MAX_FAILURES: i32 = 5;
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
pub const LOCK_MINUTES: i64 = 15;

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn email_is_plausible(email: &str) -> bool {
    let mut parts = email.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    ) && !email.chars().any(char::is_whitespace)
}

pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ServiceError::Conflict("error.internal"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub fn count(conn: &mut DbConnection) -> Result<i64, ServiceError> {
    Ok(users::table.count().get_result(conn)?)
}

/// Creates a user; the first user of the instance becomes administrator.
pub fn create(
    conn: &mut DbConnection,
    account: NewAccount<'_>,
    now: NaiveDateTime,
) -> Result<User, ServiceError> {
    let email = normalize_email(account.email);
    let name = account.name.trim();
    let mut errors = FieldErrors::default();
    if !email_is_plausible(&email) {
        errors.add("email", "field.email.invalid");
    }
    if account.password.chars().count() < MIN_PASSWORD_LEN {
        errors.add("password", "field.password.too_short");
    }
    errors.into_result()?;
    let password_hash = hash_password(account.password)?;
    let id = uuid::Uuid::new_v4().to_string();
    conn.transaction(|conn| {
        let exists: i64 = users::table
            .filter(users::email.eq(&email))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Err(ServiceError::Validation(FieldErrors(vec![(
                "email",
                "field.email.taken",
            )])));
        }
        let is_admin = users::table.count().get_result::<i64>(conn)? == 0;
        let display_name = if name.is_empty() {
            email.as_str()
        } else {
            name
        };
        diesel::insert_into(users::table)
            .values(NewUser {
                id: &id,
                email: &email,
                name: display_name,
                password_hash: &password_hash,
                is_admin,
                language: None,
                created_at: now,
            })
            .execute(conn)?;
        Ok(users::table
            .find(&id)
            .select(User::as_select())
            .first(conn)?)
    })
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<User, ServiceError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)?)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<User, ServiceError> {
    Ok(users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(User::as_select())
        .first(conn)?)
}

pub fn set_language(conn: &mut DbConnection, id: &str, lang: &str) -> Result<(), ServiceError> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(Some(lang)))
        .execute(conn)?;
    Ok(())
}

/// Checks a password, counting failures per e-mail address. After
/// `MAX_FAILURES` failures inside the window the address is locked for
/// `LOCK_MINUTES`, even for the right password, so guessing stays slow.
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
    now: NaiveDateTime,
) -> Result<User, ServiceError> {
    let key = format!("email:{}", normalize_email(email));
    let throttle: Option<LoginThrottle> = login_throttle::table
        .find(&key)
        .select(LoginThrottle::as_select())
        .first(conn)
        .optional()?;
    if let Some(locked_until) = throttle.as_ref().and_then(|t| t.locked_until)
        && locked_until > now
    {
        let minutes = (locked_until - now).num_minutes() + 1;
        return Err(ServiceError::Throttled { minutes });
    }
    let user = find_by_email(conn, email).ok();
    let ok = match &user {
        Some(u) => verify_password(password, &u.password_hash),
        None => {
            // Spend the same time as a real check so timing does not reveal accounts.
            let _ = verify_password(password, DUMMY_HASH);
            false
        }
    };
    match (ok, user) {
        (true, Some(user)) => {
            diesel::delete(login_throttle::table.find(&key)).execute(conn)?;
            Ok(user)
        }
        _ => {
            record_failure(conn, key, throttle, now)?;
            Err(ServiceError::InvalidCredentials)
        }
    }
}

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c3B2ZGVza2R1bW15c2FsdA$3kMfoQ3fTGF6zeqV2n8Kt+o4t3bBAmYvm4Zt7wX3dxA";

fn record_failure(
    conn: &mut DbConnection,
    key: String,
    previous: Option<LoginThrottle>,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let mut row = match previous {
        Some(t) if now - t.window_started_at < window => t,
        _ => LoginThrottle {
            throttle_key: key,
            failures: 0,
            window_started_at: now,
            locked_until: None,
        },
    };
    row.failures += 1;
    if row.failures >= MAX_FAILURES {
        row.locked_until = Some(now + Duration::minutes(LOCK_MINUTES));
        row.failures = 0;
        row.window_started_at = now;
    }
    conn.transaction(|conn| {
        diesel::delete(login_throttle::table.find(&row.throttle_key)).execute(conn)?;
        diesel::insert_into(login_throttle::table)
            .values(&row)
            .execute(conn)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}
