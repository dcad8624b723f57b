//! `spvdesk user add` and `spvdesk token add`.

use std::io::{BufRead, Write};

use crate::db::Pool;
use crate::services::{ServiceError, api_tokens, users};

pub fn user_add(
    pool: &Pool,
    email: &str,
    name: Option<&str>,
    password_source: &mut dyn BufRead,
    out: &mut dyn Write,
    now: chrono::NaiveDateTime,
) -> Result<(), String> {
    let mut password = String::new();
    password_source
        .read_line(&mut password)
        .map_err(|e| format!("reading the password from standard input: {e}"))?;
    let password = password.trim_end_matches(['\n', '\r']);
    let mut conn = pool.get().map_err(|e| format!("database: {e}"))?;
    let user = users::create(
        &mut conn,
        users::NewAccount {
            email,
            name: name.unwrap_or(""),
            password,
        },
        now,
    )
    .map_err(describe)?;
    let _ = writeln!(
        out,
        "created user {} ({}){}",
        user.email,
        user.id,
        if user.is_admin { ", administrator" } else { "" }
    );
    Ok(())
}

pub fn token_add(
    pool: &Pool,
    email: &str,
    name: &str,
    out: &mut dyn Write,
    now: chrono::NaiveDateTime,
) -> Result<(), String> {
    let mut conn = pool.get().map_err(|e| format!("database: {e}"))?;
    let user = users::find_by_email(&mut conn, email).map_err(|e| match e {
        ServiceError::NotFound => format!("no user with e-mail {email}"),
        other => describe(other),
    })?;
    let created = api_tokens::create(&mut conn, &user.id, name, now).map_err(describe)?;
    let _ = writeln!(out, "{}", created.plaintext);
    Ok(())
}

fn describe(e: ServiceError) -> String {
    match e {
        ServiceError::Validation(fields) => fields
            .0
            .iter()
            .map(|(f, k)| format!("{f}: {}", crate::i18n::tr(crate::i18n::Lang::En, k)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
