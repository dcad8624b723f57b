//! Company list, creation, editing and the company page.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::account::render;
use super::{redirect_after_post, role_key};
use crate::db::models::Company;
use crate::domain::address::County;
use crate::services::FieldErrors;
use crate::services::companies::{self, CompanyInput};
use crate::web::AppState;
use crate::web::auth::CurrentUser;
use crate::web::context::{CURRENT_COMPANY_KEY, PageCtx, flash};
use crate::web::error::AppError;

pub struct CompanyRowView {
    pub id: String,
    pub name: String,
    pub cif: String,
    pub county: String,
    pub role_key: &'static str,
}

#[derive(Template)]
#[template(path = "companies.html")]
struct ListPage {
    ctx: PageCtx,
    rows: Vec<CompanyRowView>,
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
) -> Result<HttpResponse, AppError> {
    let uid = user.0.id.clone();
    let rows = state
        .db(move |conn| companies::list_for_user(conn, &uid))
        .await?
        .into_iter()
        .map(|(c, role)| CompanyRowView {
            id: c.id,
            name: c.name,
            cif: c.cif,
            county: c.county,
            role_key: role_key(role),
        })
        .collect();
    Ok(render(&ListPage { ctx, rows }, StatusCode::OK))
}

/// (ISO code, Romanian name) of every county, for the form's suggestions.
fn counties() -> Vec<(&'static str, &'static str)> {
    County::ALL
        .iter()
        .map(|c| (c.code(), c.name_ro()))
        .collect()
}

/// One text input of the company form.
pub struct TextField {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub required: bool,
    pub wide: bool,
    pub list: &'static str,
    pub hint: &'static str,
    pub error: Option<&'static str>,
}

pub struct CompanyFormView {
    pub values: CompanyInput,
    pub errors: FieldErrors,
}

impl CompanyFormView {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn text_fields(&self) -> Vec<TextField> {
        let v = &self.values;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let field = |name, label, value: String, required, wide, list, hint| TextField {
            name,
            label,
            value,
            required,
            wide,
            list,
            hint,
            error: self.errors.get(name),
        };
        vec![
            field(
                "cif",
                "field.cif",
                v.cif.clone(),
                true,
                false,
                "",
                "field.cif.hint",
            ),
            field(
                "name",
                "field.name_company",
                v.name.clone(),
                true,
                false,
                "",
                "",
            ),
            field(
                "tradeRegister",
                "field.trade_register",
                opt(&v.trade_register),
                false,
                false,
                "",
                "field.trade_register.hint",
            ),
            field("iban", "field.iban", opt(&v.iban), false, false, "", ""),
            field(
                "street",
                "field.street",
                v.street.clone(),
                true,
                true,
                "",
                "",
            ),
            field("city", "field.city", v.city.clone(), true, false, "", ""),
            field(
                "county",
                "field.county",
                v.county.clone(),
                true,
                false,
                "counties",
                "field.county.hint",
            ),
            field(
                "sector",
                "field.sector",
                opt(&v.sector),
                false,
                false,
                "",
                "field.sector.hint",
            ),
            field(
                "postalCode",
                "field.postal_code",
                opt(&v.postal_code),
                false,
                false,
                "",
                "",
            ),
            field(
                "email",
                "field.email_company",
                opt(&v.email),
                false,
                false,
                "",
                "",
            ),
            field(
                "syncDaysBack",
                "field.sync_days_back",
                opt(&v.sync_days_back),
                false,
                false,
                "",
                "field.sync_days_back.hint",
            ),
            field(
                "efacturaDelayHours",
                "field.efactura_delay_hours",
                opt(&v.efactura_delay_hours),
                false,
                false,
                "",
                "field.delay_hours.hint",
            ),
        ]
    }
}

#[derive(Template)]
#[template(path = "company_form.html")]
struct FormPage {
    ctx: PageCtx,
    company_id: Option<String>,
    form: CompanyFormView,
    counties: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "company_form_fragment.html")]
struct FormFragment {
    ctx: PageCtx,
    company_id: Option<String>,
    form: CompanyFormView,
    counties: Vec<(&'static str, &'static str)>,
}

/// The company form as posted. Checkboxes are absent when unticked.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyForm {
    #[serde(default)]
    cif: String,
    #[serde(default)]
    name: String,
    trade_register: Option<String>,
    #[serde(default)]
    street: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    county: String,
    sector: Option<String>,
    postal_code: Option<String>,
    iban: Option<String>,
    vat_payer: Option<String>,
    email: Option<String>,
    sync_enabled: Option<String>,
    sync_days_back: Option<String>,
    efactura_delay_hours: Option<String>,
}

impl CompanyForm {
    fn into_input(self) -> CompanyInput {
        CompanyInput {
            cif: self.cif,
            name: self.name,
            trade_register: self.trade_register,
            street: self.street,
            city: self.city,
            county: self.county,
            sector: self.sector,
            postal_code: self.postal_code,
            iban: self.iban,
            vat_payer: self.vat_payer.is_some(),
            email: self.email,
            sync_enabled: self.sync_enabled.is_some(),
            sync_days_back: self.sync_days_back,
            efactura_delay_hours: self.efactura_delay_hours,
        }
    }
}

pub async fn new_form(_user: CurrentUser, ctx: PageCtx) -> HttpResponse {
    let values = CompanyInput {
        sync_days_back: Some(companies::DEFAULT_SYNC_DAYS_BACK.to_string()),
        ..CompanyInput::default()
    };
    render(
        &FormPage {
            ctx,
            company_id: None,
            form: CompanyFormView {
                values,
                errors: FieldErrors::default(),
            },
            counties: counties(),
        },
        StatusCode::OK,
    )
}

/// Renders the form again with its errors: the fragment for htmx (status 200
/// so htmx swaps it in), the whole page otherwise.
fn form_with_errors(
    req: &HttpRequest,
    ctx: PageCtx,
    company_id: Option<String>,
    values: CompanyInput,
    errors: FieldErrors,
) -> HttpResponse {
    let form = CompanyFormView { values, errors };
    if req.headers().contains_key("HX-Request") {
        render(
            &FormFragment {
                ctx,
                company_id,
                form,
                counties: counties(),
            },
            StatusCode::OK,
        )
    } else {
        render(
            &FormPage {
                ctx,
                company_id,
                form,
                counties: counties(),
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    }
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    ctx: PageCtx,
    form: web::Form<CompanyForm>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner().into_input();
    let now = state.now_naive();
    let uid = user.0.id.clone();
    let to_save = input.clone();
    match state
        .db(move |conn| companies::create(conn, &uid, &to_save, now))
        .await
    {
        Ok(company) => {
            let _ = session.insert(CURRENT_COMPANY_KEY, &company.id);
            flash(&session, "success", "companies.created");
            Ok(redirect_after_post(
                &req,
                &format!("/companies/{}", company.id),
            ))
        }
        Err(AppError::Validation(errors)) => Ok(form_with_errors(&req, ctx, None, input, errors)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "company_show.html")]
struct ShowPage {
    ctx: PageCtx,
    company: Company,
    county_name: &'static str,
    role_key: &'static str,
    can_edit: bool,
}

pub async fn show(
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    mut ctx: PageCtx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.0.id.clone();
    let (company, role) = state
        .db(move |conn| companies::get_for_user(conn, &uid, &id))
        .await?;
    ctx.select_company(&session, &company.id);
    let county_name = County::parse(&company.county)
        .map(|c| c.name_ro())
        .unwrap_or("");
    Ok(render(
        &ShowPage {
            ctx,
            county_name,
            role_key: role_key(role),
            can_edit: role.can_edit(),
            company,
        },
        StatusCode::OK,
    ))
}

pub async fn edit_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.0.id.clone();
    let lookup = id.clone();
    let (company, role) = state
        .db(move |conn| companies::get_for_user(conn, &uid, &lookup))
        .await?;
    if !role.can_edit() {
        return Err(AppError::Forbidden);
    }
    Ok(render(
        &FormPage {
            ctx,
            company_id: Some(id),
            form: CompanyFormView {
                values: CompanyInput::from_company(&company),
                errors: FieldErrors::default(),
            },
            counties: counties(),
        },
        StatusCode::OK,
    ))
}

pub async fn update(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    user: CurrentUser,
    ctx: PageCtx,
    path: web::Path<String>,
    form: web::Form<CompanyForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let input = form.into_inner().into_input();
    let now = state.now_naive();
    let uid = user.0.id.clone();
    let (to_save, target) = (input.clone(), id.clone());
    match state
        .db(move |conn| companies::update(conn, &uid, &target, &to_save, now))
        .await
    {
        Ok(company) => {
            flash(&session, "success", "companies.saved");
            Ok(redirect_after_post(
                &req,
                &format!("/companies/{}", company.id),
            ))
        }
        Err(AppError::Validation(errors)) => {
            Ok(form_with_errors(&req, ctx, Some(id), input, errors))
        }
        Err(e) => Err(e),
    }
}
