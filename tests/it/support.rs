//! Test helpers: start the app, talk to it like a browser or an API client.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Once;

use diesel::{Connection, RunQueryDsl};
use spvdesk::config::AnafMode;
use spvdesk::startup::{Application, RawSettings};

pub const ADMIN_EMAIL: &str = "admin@example.ro";
pub const ADMIN_PASSWORD: &str = "parola-foarte-buna";

pub fn init_crypto() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Announces a skipped test loudly; under CI a skip is a failure.
pub fn skip(test: &str, why: &str) {
    if is_ci() {
        panic!("{test} cannot run under CI: {why}");
    }
    eprintln!("SKIPPED: {test}: {why}");
}

/// A fresh database URL: a new PostgreSQL database when
/// SPVDESK_TEST_DATABASE_URL points at a server, else a SQLite file.
pub fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("SPVDESK_TEST_DATABASE_URL") {
        Ok(base) if !base.trim().is_empty() => fresh_postgres_database(&base),
        _ => dir.join("test.sqlite3").to_string_lossy().into_owned(),
    }
}

/// The PostgreSQL admin URL, when the suite runs on PostgreSQL.
pub fn postgres_base_url() -> Option<String> {
    std::env::var("SPVDESK_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

pub fn fresh_postgres_database(base: &str) -> String {
    let name = format!("spvdesk_t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = diesel::pg::PgConnection::establish(base)
        .unwrap_or_else(|e| panic!("cannot connect to {base}: {e}"));
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("database URL has a path");
    let query = base
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    format!("{prefix}/{name}{query}")
}

pub struct TestApp {
    pub address: String,
    pub api: reqwest::Client,
    pub browser: reqwest::Client,
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
    pub app_clock: std::sync::Arc<spvdesk::clock::OffsetClock>,
    pub services: spvdesk::services::context::ServiceContext,
    pub sandbox: Option<std::sync::Arc<spvdesk::sandbox::Sandbox>>,
}

pub fn raw_settings(data_dir: PathBuf, database_url: String) -> RawSettings {
    RawSettings {
        data_dir,
        database_url: Some(database_url),
        anaf: AnafMode::Sandbox,
        public_url: None,
        anaf_client_id: None,
        anaf_client_secret: None,
        smtp_url: None,
        mail_from: None,
        secret_key: None,
        // Tests drive the scheduler themselves with jobs::run_due_once.
        scheduler_tick_seconds: 0,
        token_warning_days: None,
        token_refresh_before_days: None,
        clock_offset_seconds: 0,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app after `adjust` has changed its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut RawSettings)) -> TestApp {
    init_crypto();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database_url(data_dir.path());
    let mut raw = raw_settings(data_dir.path().to_path_buf(), database_url.clone());
    adjust(&mut raw);
    let settings = raw.resolve().expect("settings");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind port 0");
    let app = Application::build(settings, listener).expect("build app");
    let port = app.port();
    let app_clock = app.clock.clone();
    let services = app.services.clone();
    let sandbox = app.sandbox.clone();
    tokio::spawn(app.run_until_stopped());
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        api: reqwest::Client::new(),
        browser,
        data_dir,
        database_url,
        app_clock,
        services,
        sandbox,
    }
}

/// Pulls the CSRF token out of a rendered form.
pub fn csrf_from(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("page has a CSRF field") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_string()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get_page(&self, path: &str) -> reqwest::Response {
        self.browser.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> String {
        self.get_page(path).await.text().await.expect("body")
    }

    /// Posts a form the way a browser would after loading `form_page`.
    pub async fn post_form(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.get_text(form_page).await;
        let token = csrf_from(&html);
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.browser
            .post(self.url(action))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    pub async fn setup_admin(&self) {
        let res = self
            .post_form(
                "/setup",
                "/setup",
                &[
                    ("name", "Ana Admin"),
                    ("email", ADMIN_EMAIL),
                    ("password", ADMIN_PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 303, "setup should redirect");
    }

    /// Creates a user through the service layer and returns an API token.
    pub fn user_with_token(&self, email: &str) -> String {
        let mut conn = spvdesk::db::connection::establish(&self.database_url).expect("db");
        let now = chrono::Utc::now().naive_utc();
        let user = spvdesk::services::users::create(
            &mut conn,
            spvdesk::services::users::NewAccount {
                email,
                name: "",
                password: "o-parola-lunga",
            },
            now,
        )
        .expect("user");
        spvdesk::services::api_tokens::create(&mut conn, &user.id, "test", now)
            .expect("token")
            .plaintext
    }

    pub async fn api_post(
        &self,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.api
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn api_get(&self, token: &str, path: &str) -> reqwest::Response {
        self.api
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
    }
}

/// A company owned by the user with `owner_email`, made straight through the service layer (the
/// company form has tests of its own); its id.
pub fn company_owned_by(
    database_url: &str,
    owner_email: &str,
    cif: &str,
    name: &str,
) -> Result<String, String> {
    let mut conn = spvdesk::db::connection::establish(database_url).map_err(|e| e.to_string())?;
    let owner = spvdesk::services::users::find_by_email(&mut conn, owner_email)
        .map_err(|e| format!("owner {owner_email}: {e}"))?;
    let input = spvdesk::services::companies::CompanyInput {
        cif: cif.into(),
        name: name.into(),
        street: "Str. Lungă 1".into(),
        city: "Cluj-Napoca".into(),
        county: "RO-CJ".into(),
        ..Default::default()
    };
    spvdesk::services::companies::create(
        &mut conn,
        &owner.id,
        &input,
        chrono::Utc::now().naive_utc(),
    )
    .map(|c| c.id)
    .map_err(|e| format!("company {cif}: {e}"))
}

/// `count` invoices from the company (CIF `seller`, owned by `owner_email`) to one buyer,
/// numbered `{prefix}001`… and dated one day apart from the day after `first`, stored straight
/// through the service layer (the upload has tests of its own).
pub fn import_invoices(
    database_url: &str,
    owner_email: &str,
    company_id: &str,
    seller: &str,
    prefix: &str,
    count: u32,
    first: chrono::NaiveDate,
) -> Result<(), String> {
    let mut conn = spvdesk::db::connection::establish(database_url).map_err(|e| e.to_string())?;
    let owner = spvdesk::services::users::find_by_email(&mut conn, owner_email)
        .map_err(|e| format!("owner {owner_email}: {e}"))?;
    let (company, _) = spvdesk::services::companies::get_for_user(&mut conn, &owner.id, company_id)
        .map_err(|e| format!("company {company_id}: {e}"))?;
    for i in 1..=count {
        let date = (first + chrono::Duration::days(i64::from(i)))
            .format("%Y-%m-%d")
            .to_string();
        let number = format!("{prefix}{i:03}");
        let xml = crate::sandbox_support::invoice_xml(&number, &date, seller, "22222229");
        spvdesk::services::invoices::import_xml(
            &mut conn,
            &company,
            xml.as_bytes(),
            chrono::Utc::now().naive_utc(),
        )
        .map_err(|e| format!("invoice {number}: {e}"))?;
    }
    Ok(())
}

pub fn valid_company(cif: &str, name: &str) -> serde_json::Value {
    serde_json::json!({
        "cif": cif,
        "name": name,
        "street": "Str. Memorandumului 28",
        "city": "Cluj-Napoca",
        "county": "RO-CJ",
        "iban": "RO49AAAA1B31007593840000",
        "vatPayer": true
    })
}
