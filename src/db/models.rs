//! Row types. Write models (`New*`) are kept apart from read models.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{api_tokens, companies, login_throttle, memberships, users};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub language: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
    pub language: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: String,
    pub cif: String,
    pub name: String,
    pub trade_register: Option<String>,
    pub street: String,
    pub city: String,
    pub county: String,
    pub sector: Option<i32>,
    pub postal_code: Option<String>,
    pub iban: Option<String>,
    pub vat_payer: bool,
    pub email: Option<String>,
    pub sync_enabled: bool,
    pub sync_days_back: i32,
    pub efactura_delay_hours: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = companies)]
#[diesel(treat_none_as_null = true)]
pub struct CompanyRow {
    pub cif: String,
    pub name: String,
    pub trade_register: Option<String>,
    pub street: String,
    pub city: String,
    pub county: String,
    pub sector: Option<i32>,
    pub postal_code: Option<String>,
    pub iban: Option<String>,
    pub vat_payer: bool,
    pub email: Option<String>,
    pub sync_enabled: bool,
    pub sync_days_back: i32,
    pub efactura_delay_hours: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct Membership {
    pub user_id: String,
    pub company_id: String,
    pub role: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = login_throttle)]
#[diesel(treat_none_as_null = true)]
pub struct LoginThrottle {
    pub throttle_key: String,
    pub failures: i32,
    pub window_started_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
}
