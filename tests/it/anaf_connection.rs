//! ANAF connection over HTTP against the in-process sandbox: OAuth with a
//! session-bound state, token links, refresh and warnings, stored secrets.

use crate::support::{TestApp, spawn_app};

async fn company(app: &TestApp, cif: &str, name: &str) {
    let res = app
        .post_form(
            "/companies/new",
            "/companies/new",
            &[
                ("cif", cif),
                ("name", name),
                ("street", "Str. Lungă 1"),
                ("city", "Cluj-Napoca"),
                ("county", "RO-CJ"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303, "company {cif}");
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Completes the sandbox's certificate form for `cifs`; returns the callback URL.
async fn authorize(app: &TestApp, authorize_url: &str, cifs: &str) -> String {
    let form = app.browser.get(authorize_url).send().await.unwrap();
    assert_eq!(form.status().as_u16(), 200, "authorize page");
    let res = app
        .browser
        .post(authorize_url)
        .form(&[("cifs", cifs)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "sandbox redirects back");
    location(&res)
}

#[tokio::test]
async fn accountant_connects_and_sees_coverage() {
    let app = spawn_app().await;
    app.setup_admin().await;
    company(&app, "RO18547290", "Acoperită SRL").await;
    company(&app, "14399840", "Neacoperită SRL").await;

    let start = app.get_page("/api/connect/anaf").await;
    assert_eq!(start.status().as_u16(), 303);
    let authorize_url = location(&start);
    assert!(
        authorize_url.contains("/sandbox/anaf-oauth2/v1/authorize"),
        "{authorize_url}"
    );
    assert!(authorize_url.contains("token_content_type=jwt") && authorize_url.contains("state="));

    let callback = authorize(&app, &authorize_url, "18547290").await;
    assert!(callback.contains("/anaf/callback?"), "{callback}");
    let done = app.browser.get(&callback).send().await.unwrap();
    assert_eq!(done.status().as_u16(), 303);
    assert_eq!(location(&done), "/anaf");

    let page = app.get_text("/anaf").await;
    assert!(
        page.contains("data-cif=\"18547290\"")
            && page.contains("class=\"covered\" data-cif=\"18547290\""),
        "{page}"
    );
    assert!(
        page.contains("class=\"not-covered\" data-cif=\"14399840\""),
        "{page}"
    );
    assert!(
        page.contains("data-days-left=\"364\"") || page.contains("data-days-left=\"365\""),
        "{page}"
    );
    assert!(
        page.contains("(89 zile)") || page.contains("(90 zile)"),
        "access token 90 days: {page}"
    );

    // The same callback again: the state was burned.
    let replay = app.browser.get(&callback).send().await.unwrap();
    assert_eq!(replay.status().as_u16(), 400);
    assert!(replay.text().await.unwrap().contains("deja folosită"));

    // A tampered state is refused with a clear page and changes nothing.
    let tampered = callback.replace("state=", "state=x");
    let res = app.browser.get(&tampered).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.unwrap().contains("state"));

    // A state started in another browser session is refused too.
    let start = app.get_page("/api/connect/anaf").await;
    let callback = authorize(&app, &location(&start), "18547290").await;
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = stranger.get(&callback).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);

    // No token plaintext anywhere in the database.
    if !app.database_url.starts_with("postgres") {
        let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
        let tokens = spvdesk::services::anaf_tokens::active_tokens(&mut conn).unwrap();
        assert_eq!(tokens.len(), 1);
        let cipher = spvdesk::crypto::TokenCipher::from_secret(
            &spvdesk::secret::load_or_create(None, app.data_dir.path()).unwrap(),
        );
        let access = cipher.decrypt(&tokens[0].access_token_enc).unwrap();
        let refresh = cipher.decrypt(&tokens[0].refresh_token_enc).unwrap();
        assert!(
            access.len() > 100 && access.split('.').count() == 3,
            "a JWT"
        );
        for suffix in ["", "-wal"] {
            let bytes = std::fs::read(format!("{}{suffix}", app.database_url)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(&access[..60]),
                "access token plaintext in the database"
            );
            assert!(
                !text.contains(&refresh[..refresh.len().min(40)]),
                "refresh token plaintext in the database"
            );
        }
    }
}

#[tokio::test]
async fn token_link_completes_once_and_reports_status() {
    let app = spawn_app().await;
    let api_token = app.user_with_token("contabil@example.ro");
    let res = app
        .api_post(
            &api_token,
            "/api/v1/anaf/token-links",
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    let link: serde_json::Value = res.json().await.unwrap();
    let link_token = link["linkToken"].as_str().unwrap().to_string();
    let url = link["url"].as_str().unwrap().to_string();
    assert!(
        link_token.len() >= 43,
        "at least 256 bits in URL-safe base64"
    );
    assert!(url.ends_with(&link_token));
    assert!(link["expiresAt"].as_str().is_some());

    let status_path = format!("/api/v1/anaf/token-links/{link_token}");
    let status: serde_json::Value = app
        .api
        .get(app.url(&status_path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "pending");
    assert_eq!(status["completed"], false);
    assert_eq!(status["used"], false);
    assert_eq!(status["expired"], false);

    // Another link's token tells nothing about this one; unknown links are 404.
    let other = app
        .api
        .get(app.url(&format!("/api/v1/anaf/token-links/{}x", &link_token[..20])))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 404);

    // Only the hash is stored.
    if !app.database_url.starts_with("postgres") {
        for suffix in ["", "-wal"] {
            let bytes = std::fs::read(format!("{}{suffix}", app.database_url)).unwrap_or_default();
            assert!(!String::from_utf8_lossy(&bytes).contains(&link_token));
        }
    }

    // The phone: open, continue to ANAF, authorize, done.
    let phone = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = phone.get(&url).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("link-continue"), "{html}");
    let start = phone.get(format!("{url}/start")).send().await.unwrap();
    assert_eq!(start.status().as_u16(), 303);
    let authorize_url = location(&start);
    phone.get(&authorize_url).send().await.unwrap();
    let back = phone
        .post(&authorize_url)
        .form(&[("cifs", "18547290")])
        .send()
        .await
        .unwrap();
    let callback = location(&back);
    let done = phone.get(&callback).send().await.unwrap();
    assert_eq!(done.status().as_u16(), 200);
    assert!(done.text().await.unwrap().contains("link-done"));

    let status: serde_json::Value = app
        .api
        .get(app.url(&status_path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "completed");
    assert_eq!(status["completed"], true);
    assert_eq!(status["used"], true);

    // Opening it again says it was used; starting again changes nothing.
    let again = phone.get(&url).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 410);
    assert!(again.text().await.unwrap().contains("link-used"));
    let restart = phone.get(format!("{url}/start")).send().await.unwrap();
    assert_eq!(restart.status().as_u16(), 410);

    // The token belongs to the link's creator.
    let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
    let owner = spvdesk::services::users::find_by_email(&mut conn, "contabil@example.ro").unwrap();
    assert_eq!(
        spvdesk::services::anaf_tokens::list_for_owner(&mut conn, &owner.id)
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn expired_link_shows_a_clear_page_and_changes_nothing() {
    let app = spawn_app().await;
    let api_token = app.user_with_token("contabil@example.ro");
    let link: serde_json::Value = app
        .api_post(
            &api_token,
            "/api/v1/anaf/token-links",
            &serde_json::json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    app.app_clock.advance(25 * 3600);
    let url = link["url"].as_str().unwrap();
    let page = app.api.get(url).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 410);
    assert!(page.text().await.unwrap().contains("link-expired"));
    let status: serde_json::Value = app
        .api
        .get(app.url(&format!(
            "/api/v1/anaf/token-links/{}",
            link["linkToken"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["status"], "expired");
    assert_eq!(status["expired"], true);
}
