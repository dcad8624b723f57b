//! Companies and who may see them. A user only ever reaches companies they
//! are a member of; "does not exist" and "not yours" look the same.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::{FieldErrors, ServiceError};
use crate::db::DbConnection;
use crate::db::models::{Company, CompanyRow, Membership};
use crate::db::schema::{companies, memberships, users};
use crate::domain::address::{BucharestSector, County};
use crate::domain::ids::{Cif, CifError, Iban, IbanError};

pub const DEFAULT_SYNC_DAYS_BACK: i32 = 60;
pub const MAX_DELAY_HOURS: i64 = 720;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    Accountant,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Accountant => "accountant",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "owner" => Some(Role::Owner),
            "accountant" => Some(Role::Accountant),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    pub fn can_edit(self) -> bool {
        !matches!(self, Role::Viewer)
    }
}

/// Raw company fields as typed by a person or sent by an API client.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyInput {
    pub cif: String,
    pub name: String,
    pub trade_register: Option<String>,
    pub street: String,
    pub city: String,
    pub county: String,
    pub sector: Option<String>,
    pub postal_code: Option<String>,
    pub iban: Option<String>,
    pub vat_payer: bool,
    pub email: Option<String>,
    pub sync_enabled: bool,
    pub sync_days_back: Option<String>,
    pub efactura_delay_hours: Option<String>,
}

impl CompanyInput {
    pub fn from_company(c: &Company) -> CompanyInput {
        CompanyInput {
            cif: c.cif.clone(),
            name: c.name.clone(),
            trade_register: c.trade_register.clone(),
            street: c.street.clone(),
            city: c.city.clone(),
            county: c.county.clone(),
            sector: c.sector.map(|s| s.to_string()),
            postal_code: c.postal_code.clone(),
            iban: c.iban.clone(),
            vat_payer: c.vat_payer,
            email: c.email.clone(),
            sync_enabled: c.sync_enabled,
            sync_days_back: Some(c.sync_days_back.to_string()),
            efactura_delay_hours: c.efactura_delay_hours.map(|h| h.to_string()),
        }
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn is_bucharest(county: County) -> bool {
    county.code() == "RO-B"
}

/// Validates every field and reports all problems at once, each under the
/// field's name with an i18n key.
pub fn validate(input: &CompanyInput) -> Result<CompanyRow, FieldErrors> {
    let mut errors = FieldErrors::default();
    let cif = match Cif::parse(&input.cif) {
        Ok(cif) => Some(cif),
        Err(e) => {
            errors.add(
                "cif",
                match e {
                    CifError::Empty => "field.required",
                    CifError::NonDigit { .. } => "field.cif.not_digits",
                    CifError::Length { .. } => "field.cif.length",
                    CifError::CheckDigit { .. } => "field.cif.check_digit",
                },
            );
            None
        }
    };
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", "field.required");
    } else if name.chars().count() > 200 {
        errors.add("name", "field.too_long");
    }
    if input.street.trim().is_empty() {
        errors.add("street", "field.required");
    }
    if input.city.trim().is_empty() {
        errors.add("city", "field.required");
    }
    let county = match County::parse(&input.county.trim().to_ascii_uppercase()) {
        Ok(c) => Some(c),
        Err(_) if input.county.trim().is_empty() => {
            errors.add("county", "field.required");
            None
        }
        Err(_) => {
            errors.add("county", "field.county.invalid");
            None
        }
    };
    let sector = match (county, non_empty(&input.sector)) {
        (Some(c), Some(s)) if is_bucharest(c) => {
            match s
                .parse::<u8>()
                .ok()
                .and_then(|n| BucharestSector::new(n).ok())
            {
                Some(sector) => Some(i32::from(sector.number())),
                None => {
                    errors.add("sector", "field.sector.invalid");
                    None
                }
            }
        }
        (Some(c), None) if is_bucharest(c) => {
            errors.add("sector", "field.sector.required");
            None
        }
        _ => None,
    };
    let iban = match non_empty(&input.iban) {
        None => None,
        Some(raw) => match Iban::parse(&raw) {
            Ok(iban) => Some(iban.to_string()),
            Err(IbanError::Checksum) => {
                errors.add("iban", "field.iban.checksum");
                None
            }
            Err(_) => {
                errors.add("iban", "field.iban.format");
                None
            }
        },
    };
    let email = non_empty(&input.email);
    if let Some(e) = &email
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        errors.add("email", "field.email.invalid");
    }
    let sync_days_back = match non_empty(&input.sync_days_back) {
        None => DEFAULT_SYNC_DAYS_BACK,
        Some(v) => match v.parse::<i32>() {
            Ok(n) if (1..=60).contains(&n) => n,
            _ => {
                errors.add("syncDaysBack", "field.sync_days_back.range");
                DEFAULT_SYNC_DAYS_BACK
            }
        },
    };
    let efactura_delay_hours = match non_empty(&input.efactura_delay_hours) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (0..=MAX_DELAY_HOURS).contains(&n) => i32::try_from(n).ok(),
            _ => {
                errors.add("efacturaDelayHours", "field.delay_hours.range");
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(cif), Some(county)) = (cif, county) else {
        return Err(errors);
    };
    Ok(CompanyRow {
        cif: cif.digits().to_string(),
        name: name.to_string(),
        trade_register: non_empty(&input.trade_register),
        street: input.street.trim().to_string(),
        city: input.city.trim().to_string(),
        county: county.code().to_string(),
        sector,
        postal_code: non_empty(&input.postal_code),
        iban,
        vat_payer: input.vat_payer,
        email,
        sync_enabled: input.sync_enabled,
        sync_days_back,
        efactura_delay_hours,
    })
}

/// Creates the company and makes `owner_id` its owner, in one transaction.
pub fn create(
    conn: &mut DbConnection,
    owner_id: &str,
    input: &CompanyInput,
    now: NaiveDateTime,
) -> Result<Company, ServiceError> {
    let row = validate(input).map_err(ServiceError::Validation)?;
    let id = uuid::Uuid::new_v4().to_string();
    conn.transaction(|conn| {
        let taken: i64 = companies::table
            .filter(companies::cif.eq(&row.cif))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ServiceError::Validation(FieldErrors(vec![(
                "cif",
                "field.cif.taken",
            )])));
        }
        diesel::insert_into(companies::table)
            .values((
                &row,
                companies::id.eq(&id),
                companies::created_at.eq(now),
                companies::updated_at.eq(now),
            ))
            .execute(conn)?;
        diesel::insert_into(memberships::table)
            .values(Membership {
                user_id: owner_id.to_string(),
                company_id: id.clone(),
                role: Role::Owner.as_str().to_string(),
                created_at: now,
            })
            .execute(conn)?;
        Ok(companies::table
            .find(&id)
            .select(Company::as_select())
            .first(conn)?)
    })
}

pub fn update(
    conn: &mut DbConnection,
    user_id: &str,
    company_id: &str,
    input: &CompanyInput,
    now: NaiveDateTime,
) -> Result<Company, ServiceError> {
    let row = validate(input).map_err(ServiceError::Validation)?;
    conn.transaction(|conn| {
        let (_, role) = get_for_user(conn, user_id, company_id)?;
        if !role.can_edit() {
            return Err(ServiceError::Forbidden);
        }
        let taken: i64 = companies::table
            .filter(companies::cif.eq(&row.cif))
            .filter(companies::id.ne(company_id))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ServiceError::Validation(FieldErrors(vec![(
                "cif",
                "field.cif.taken",
            )])));
        }
        diesel::update(companies::table.find(company_id))
            .set((&row, companies::updated_at.eq(now)))
            .execute(conn)?;
        Ok(companies::table
            .find(company_id)
            .select(Company::as_select())
            .first(conn)?)
    })
}

pub fn list_for_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<(Company, Role)>, ServiceError> {
    let rows: Vec<(Company, String)> = companies::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user_id))
        .order(companies::name.asc())
        .select((Company::as_select(), memberships::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(c, r)| (c, Role::parse(&r).unwrap_or(Role::Viewer)))
        .collect())
}

/// The company with the user's role in it; `NotFound` both when it does not
/// exist and when the user is not a member.
pub fn get_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    company_id: &str,
) -> Result<(Company, Role), ServiceError> {
    let (company, role): (Company, String) = companies::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user_id))
        .filter(companies::id.eq(company_id))
        .select((Company::as_select(), memberships::role))
        .first(conn)?;
    Ok((company, Role::parse(&role).unwrap_or(Role::Viewer)))
}

pub struct Member {
    pub email: String,
    pub name: String,
    pub role: String,
}

pub fn members(conn: &mut DbConnection, company_id: &str) -> Result<Vec<Member>, ServiceError> {
    let rows: Vec<(String, String, String)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::company_id.eq(company_id))
        .order(users::email.asc())
        .select((users::email, users::name, memberships::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(email, name, role)| Member { email, name, role })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CompanyInput {
        CompanyInput {
            cif: "RO18547290".into(),
            name: "Exemplu SRL".into(),
            street: "Str. Lungă 1".into(),
            city: "Cluj-Napoca".into(),
            county: "RO-CJ".into(),
            iban: Some("RO49 AAAA 1B31 0075 9384 0000".into()),
            ..CompanyInput::default()
        }
    }

    #[test]
    fn valid_company_is_normalised() {
        let row = validate(&input()).unwrap();
        assert_eq!(row.cif, "18547290");
        assert_eq!(row.iban.as_deref(), Some("RO49AAAA1B31007593840000"));
        assert_eq!(row.sync_days_back, 60);
        assert_eq!(row.efactura_delay_hours, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = CompanyInput {
            cif: "18547291".into(),
            county: "DE-BY".into(),
            iban: Some("RO49AAAA1B31007593840001".into()),
            sync_days_back: Some("61".into()),
            efactura_delay_hours: Some("721".into()),
            ..input()
        };
        let errors = validate(&bad).unwrap_err();
        assert_eq!(errors.get("cif"), Some("field.cif.check_digit"));
        assert_eq!(errors.get("county"), Some("field.county.invalid"));
        assert_eq!(errors.get("iban"), Some("field.iban.checksum"));
        assert_eq!(
            errors.get("syncDaysBack"),
            Some("field.sync_days_back.range")
        );
        assert_eq!(
            errors.get("efacturaDelayHours"),
            Some("field.delay_hours.range")
        );
    }

    #[test]
    fn bucharest_needs_a_sector() {
        let b = CompanyInput {
            county: "RO-B".into(),
            city: "București".into(),
            ..input()
        };
        assert_eq!(
            validate(&b).unwrap_err().get("sector"),
            Some("field.sector.required")
        );
        let ok = CompanyInput {
            sector: Some("3".into()),
            ..b
        };
        assert_eq!(validate(&ok).unwrap().sector, Some(3));
    }
}
