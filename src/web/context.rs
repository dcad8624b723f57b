//! What every page needs: language, CSRF token, the user and their
//! companies for the navigation, and pending flash messages.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use super::AppState;
use super::auth::SESSION_USER;
use super::csrf;
use super::error::{AppError, request_lang};
use crate::i18n::{Lang, Tr};
use crate::services::{companies, users};

#[derive(Debug, Clone)]
pub struct NavUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
}

#[derive(Debug, Clone)]
pub struct NavCompany {
    pub id: String,
    pub name: String,
    pub cif: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    pub kind: String,
    pub key: String,
}

pub struct PageCtx {
    pub t: Tr,
    pub csrf: String,
    pub user: Option<NavUser>,
    pub companies: Vec<NavCompany>,
    pub current_company: Option<String>,
    pub flashes: Vec<Flash>,
}

impl PageCtx {
    /// Makes `company_id` the company the switcher shows, on this page and the next ones.
    pub fn select_company(&mut self, session: &actix_session::Session, company_id: &str) {
        let _ = session.insert(CURRENT_COMPANY_KEY, company_id);
        self.current_company = Some(company_id.to_owned());
    }

    pub fn is_current(&self, company_id: &str) -> bool {
        self.current_company.as_deref() == Some(company_id)
    }

    pub fn current_company_name(&self) -> &str {
        self.current_company
            .as_deref()
            .and_then(|id| self.companies.iter().find(|c| c.id == id))
            .map(|c| c.name.as_str())
            .unwrap_or("")
    }
}

const FLASH_KEY: &str = "flash";
pub const CURRENT_COMPANY_KEY: &str = "company";

/// Queues a message shown on the next page (`kind`: success | error | info).
pub fn flash(session: &Session, kind: &str, key: &str) {
    let mut pending: Vec<Flash> = session.get(FLASH_KEY).ok().flatten().unwrap_or_default();
    pending.push(Flash {
        kind: kind.to_string(),
        key: key.to_string(),
    });
    let _ = session.insert(FLASH_KEY, pending);
}

impl FromRequest for PageCtx {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let session = req.get_session();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let lang = request_lang(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::internal("application state missing"))?;
            let csrf = csrf::token(&session);
            let flashes: Vec<Flash> = session
                .remove_as(FLASH_KEY)
                .and_then(Result::ok)
                .unwrap_or_default();
            let current_company: Option<String> = session.get(CURRENT_COMPANY_KEY).ok().flatten();
            let uid: Option<String> = session.get(SESSION_USER).ok().flatten();
            let (user, companies) = match uid {
                None => (None, Vec::new()),
                Some(uid) => {
                    let loaded = state
                        .db(move |conn| {
                            let user = users::find(conn, &uid)?;
                            let companies = companies::list_for_user(conn, &uid)?;
                            Ok((user, companies))
                        })
                        .await;
                    match loaded {
                        Ok((user, list)) => (
                            Some(user),
                            list.into_iter()
                                .map(|(c, _)| NavCompany {
                                    id: c.id,
                                    name: c.name,
                                    cif: c.cif,
                                })
                                .collect(),
                        ),
                        Err(AppError::NotFound) => (None, Vec::new()),
                        Err(e) => return Err(e),
                    }
                }
            };
            // A user's saved language wins over the browser's, unless they
            // switched in this session.
            let session_lang: Option<String> = session.get("lang").ok().flatten();
            let lang = match (
                &session_lang,
                user.as_ref().and_then(|u| u.language.as_deref()),
            ) {
                (None, Some(saved)) => Lang::parse(saved).unwrap_or(lang),
                _ => lang,
            };
            Ok(PageCtx {
                t: Tr::new(lang),
                csrf,
                user: user.map(|u| NavUser {
                    id: u.id,
                    name: u.name,
                    email: u.email,
                    is_admin: u.is_admin,
                }),
                companies,
                current_company,
                flashes,
            })
        })
    }
}
