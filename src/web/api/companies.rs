//! `/api/v1/companies` and the company-scoped member list.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db::models::Company;
use crate::services::companies::{self, CompanyInput, Role};
use crate::web::AppState;
use crate::web::auth::{ApiUser, CompanyScope};
use crate::web::error::AppError;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyJson {
    pub uuid: String,
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
    pub role: &'static str,
    pub created_at: String,
    pub updated_at: String,
}

impl CompanyJson {
    pub fn new(c: Company, role: Role) -> CompanyJson {
        CompanyJson {
            uuid: c.id,
            cif: c.cif,
            name: c.name,
            trade_register: c.trade_register,
            street: c.street,
            city: c.city,
            county: c.county,
            sector: c.sector,
            postal_code: c.postal_code,
            iban: c.iban,
            vat_payer: c.vat_payer,
            email: c.email,
            sync_enabled: c.sync_enabled,
            sync_days_back: c.sync_days_back,
            efactura_delay_hours: c.efactura_delay_hours,
            role: role.as_str(),
            created_at: c.created_at.and_utc().to_rfc3339(),
            updated_at: c.updated_at.and_utc().to_rfc3339(),
        }
    }
}

pub async fn list(state: web::Data<AppState>, user: ApiUser) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let rows = state
        .db(move |conn| companies::list_for_user(conn, &uid))
        .await?;
    let data: Vec<CompanyJson> = rows
        .into_iter()
        .map(|(c, r)| CompanyJson::new(c, r))
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "data": data })))
}

/// Numbers may come as JSON numbers or strings; the service validates text.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum NumberOrText {
    Number(i64),
    Text(String),
}

impl NumberOrText {
    fn text(self) -> String {
        match self {
            NumberOrText::Number(n) => n.to_string(),
            NumberOrText::Text(t) => t,
        }
    }
}

/// Body of POST (all required fields) and PATCH (any subset). `null` for an
/// optional field clears it.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompanyBody {
    cif: Option<String>,
    name: Option<String>,
    #[serde(default, with = "double_option")]
    trade_register: Option<Option<String>>,
    street: Option<String>,
    city: Option<String>,
    county: Option<String>,
    #[serde(default, with = "double_option")]
    sector: Option<Option<NumberOrText>>,
    #[serde(default, with = "double_option")]
    postal_code: Option<Option<String>>,
    #[serde(default, with = "double_option")]
    iban: Option<Option<String>>,
    vat_payer: Option<bool>,
    #[serde(default, with = "double_option")]
    email: Option<Option<String>>,
    sync_enabled: Option<bool>,
    sync_days_back: Option<NumberOrText>,
    #[serde(default, with = "double_option")]
    efactura_delay_hours: Option<Option<NumberOrText>>,
}

mod double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Option::<T>::deserialize(d).map(Some)
    }
}

impl CompanyBody {
    /// Applies the fields present in the body on top of `base`.
    fn apply(self, mut base: CompanyInput) -> CompanyInput {
        if let Some(v) = self.cif {
            base.cif = v;
        }
        if let Some(v) = self.name {
            base.name = v;
        }
        if let Some(v) = self.trade_register {
            base.trade_register = v;
        }
        if let Some(v) = self.street {
            base.street = v;
        }
        if let Some(v) = self.city {
            base.city = v;
        }
        if let Some(v) = self.county {
            base.county = v;
        }
        if let Some(v) = self.sector {
            base.sector = v.map(NumberOrText::text);
        }
        if let Some(v) = self.postal_code {
            base.postal_code = v;
        }
        if let Some(v) = self.iban {
            base.iban = v;
        }
        if let Some(v) = self.vat_payer {
            base.vat_payer = v;
        }
        if let Some(v) = self.email {
            base.email = v;
        }
        if let Some(v) = self.sync_enabled {
            base.sync_enabled = v;
        }
        if let Some(v) = self.sync_days_back {
            base.sync_days_back = Some(v.text());
        }
        if let Some(v) = self.efactura_delay_hours {
            base.efactura_delay_hours = v.map(NumberOrText::text);
        }
        base
    }
}

pub async fn create(
    state: web::Data<AppState>,
    user: ApiUser,
    body: web::Json<CompanyBody>,
) -> Result<HttpResponse, AppError> {
    let input = body.into_inner().apply(CompanyInput::default());
    let now = state.now_naive();
    let uid = user.0.id;
    let company = state
        .db(move |conn| companies::create(conn, &uid, &input, now))
        .await?;
    Ok(HttpResponse::Created().json(CompanyJson::new(company, Role::Owner)))
}

pub async fn get(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let id = path.into_inner();
    let (company, role) = state
        .db(move |conn| companies::get_for_user(conn, &uid, &id))
        .await?;
    Ok(HttpResponse::Ok().json(CompanyJson::new(company, role)))
}

pub async fn patch(
    state: web::Data<AppState>,
    user: ApiUser,
    path: web::Path<String>,
    body: web::Json<CompanyBody>,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id;
    let id = path.into_inner();
    let now = state.now_naive();
    let body = body.into_inner();
    let (company, role) = state
        .db(move |conn| {
            let (existing, role) = companies::get_for_user(conn, &uid, &id)?;
            let input = body.apply(CompanyInput::from_company(&existing));
            let updated = companies::update(conn, &uid, &id, &input, now)?;
            Ok((updated, role))
        })
        .await?;
    Ok(HttpResponse::Ok().json(CompanyJson::new(company, role)))
}

#[derive(Serialize)]
struct MemberJson {
    email: String,
    name: String,
    role: String,
}

/// Members of the company named by `X-Company`.
pub async fn memberships(
    state: web::Data<AppState>,
    scope: CompanyScope,
) -> Result<HttpResponse, AppError> {
    let company_id = scope.company.id.clone();
    let members = state
        .db(move |conn| companies::members(conn, &company_id))
        .await?;
    let data: Vec<MemberJson> = members
        .into_iter()
        .map(|m| MemberJson {
            email: m.email,
            name: m.name,
            role: m.role,
        })
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "company": scope.company.id, "data": data })))
}
