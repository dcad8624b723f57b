//! Row types. Write models (`New*`) are kept apart from read models.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{api_tokens, companies, invoices, login_throttle, memberships, users};

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

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::anaf_tokens)]
pub struct AnafToken {
    pub id: String,
    pub owner_user_id: String,
    pub label: String,
    pub access_token_enc: String,
    pub refresh_token_enc: String,
    pub access_expires_at: NaiveDateTime,
    pub refresh_expires_at: NaiveDateTime,
    pub status: String,
    pub last_refreshed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::anaf_token_companies)]
pub struct AnafTokenCompany {
    pub token_id: String,
    pub company_id: String,
    pub covered: bool,
    pub detail: Option<String>,
    pub checked_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::token_links)]
pub struct TokenLink {
    pub id: String,
    pub token_hash: String,
    pub created_by: String,
    pub expires_at: NaiveDateTime,
    pub opened_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
    pub anaf_token_id: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::oauth_states)]
pub struct OAuthState {
    pub state_hash: String,
    pub user_id: String,
    pub session_nonce_hash: Option<String>,
    pub link_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::jobs)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub dedupe_key: String,
    pub payload: String,
    pub run_at: NaiveDateTime,
    pub leased_until: Option<NaiveDateTime>,
    pub lease_owner: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub done_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::mail_outbox)]
pub struct OutboxMail {
    pub id: String,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub created_at: NaiveDateTime,
    pub leased_until: Option<NaiveDateTime>,
    pub lease_owner: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

/// A stored invoice or credit note; `data` is the JSON of `domain::Invoice`.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Insertable)]
#[diesel(table_name = invoices)]
pub struct InvoiceRecord {
    pub id: String,
    pub company_id: String,
    pub direction: String,
    pub kind: String,
    pub status: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub currency: String,
    pub partner_name: String,
    pub partner_cif: String,
    pub payable_minor: i64,
    pub data: String,
    pub xml: Option<Vec<u8>>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
