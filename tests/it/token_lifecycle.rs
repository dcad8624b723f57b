//! Token lifecycle with the clocks moved: refresh with rotation, warnings
//! once per threshold (through a real SMTP server), reconnect needed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};

use crate::smtp_sink;
use crate::support::{TestApp, spawn_app, spawn_app_with};

/// A JWT-shaped token with the given `exp`; only `exp` is read by spvdesk.
fn fake_jwt(exp: chrono::DateTime<Utc>) -> String {
    format!(
        "{}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS512"}"#),
        URL_SAFE_NO_PAD.encode(format!("{{\"exp\":{}}}", exp.timestamp()))
    )
}

fn store_token(app: &TestApp, owner_email: &str, access: String, refresh: String) -> String {
    let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
    let owner = spvdesk::services::users::find_by_email(&mut conn, owner_email).unwrap();
    let pair = spvdesk::anaf::oauth::TokenPair {
        access_token: access,
        refresh_token: refresh,
    };
    spvdesk::services::anaf_tokens::store_new(
        &mut conn,
        &app.services.cipher,
        &owner.id,
        "Certificat Ana",
        &pair,
        app.services.now(),
    )
    .unwrap()
    .id
}

fn token_row(app: &TestApp, id: &str) -> spvdesk::db::models::AnafToken {
    let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
    spvdesk::services::anaf_tokens::find(&mut conn, id).unwrap()
}

fn advance(app: &TestApp, days: i64) {
    app.app_clock.advance(days * 86_400);
    if let Some(sb) = &app.sandbox {
        sb.advance_clock(days * 86_400).unwrap();
    }
}

#[tokio::test]
async fn access_token_is_refreshed_ahead_of_expiry_and_the_old_refresh_token_dies() {
    let app = spawn_app().await;
    app.user_with_token("ana@example.ro");
    let sandbox = app.sandbox.clone().expect("sandbox mode");
    let minted = sandbox
        .mint_tokens(&["18547290".to_string()], None)
        .unwrap();
    let id = store_token(
        &app,
        "ana@example.ro",
        minted.access_token.clone(),
        minted.refresh_token.clone(),
    );
    let before = token_row(&app, &id);

    // Nothing to do yet.
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    assert_eq!(
        token_row(&app, &id).access_token_enc,
        before.access_token_enc
    );

    // 81 days later the access token is within the 10-day window.
    advance(&app, 81);
    let report = spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    assert!(
        report
            .ran
            .iter()
            .any(|(k, r)| *k == "refresh_tokens"
                && r.as_ref().is_ok_and(|s| s.contains("refreshed: 1"))),
        "{report:?}"
    );
    let after = token_row(&app, &id);
    assert_ne!(after.access_token_enc, before.access_token_enc);
    assert_ne!(after.refresh_token_enc, before.refresh_token_enc);
    assert!(after.access_expires_at > before.access_expires_at + Duration::days(80));
    assert_eq!(after.status, "active");

    // The sandbox now refuses the old refresh token.
    assert_refresh_refused(&app, &minted.refresh_token).await;
}

/// Asks the sandbox for new tokens with `refresh_token` and expects `invalid_grant`.
async fn assert_refresh_refused(app: &TestApp, refresh_token: &str) {
    let res = app
        .api
        .post(app.url("/sandbox/anaf-oauth2/v1/token"))
        .basic_auth(
            spvdesk::startup::SANDBOX_CLIENT_ID,
            Some(spvdesk::startup::SANDBOX_CLIENT_SECRET),
        )
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn refused_refresh_means_reconnect_needed_and_an_email() {
    let app = spawn_app().await;
    app.user_with_token("ana@example.ro");
    // A refresh token ANAF never issued: the refresh will be refused.
    let now = Utc::now();
    let id = store_token(
        &app,
        "ana@example.ro",
        fake_jwt(now + Duration::days(5)),
        fake_jwt(now + Duration::days(300)),
    );
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    let row = token_row(&app, &id);
    assert_eq!(row.status, "reconnect_needed");
    assert!(
        row.last_error
            .as_deref()
            .is_some_and(|e| e.contains("invalid_grant")),
        "{:?}",
        row.last_error
    );
    let outbox: Vec<_> = std::fs::read_dir(app.data_dir.path().join("outbox"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(outbox.len(), 1, "one e-mail in the outbox");
    let mail = std::fs::read_to_string(outbox[0].path()).unwrap();
    assert!(mail.contains("ana@example.ro"));
    assert!(
        mail.contains("/anaf/link/"),
        "a one-click link to reconnect"
    );
    // The page says so.
    // A second round changes nothing and sends nothing more.
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    assert_eq!(
        std::fs::read_dir(app.data_dir.path().join("outbox"))
            .unwrap()
            .count(),
        1
    );
}

#[tokio::test]
async fn warnings_go_out_once_per_threshold_over_real_smtp() {
    let (smtp_url, mailbox) = smtp_sink::start();
    let app = spawn_app_with(|raw| raw.smtp_url = Some(smtp_url.clone())).await;
    app.user_with_token("ana@example.ro");
    let now = app.services.clock.now();
    // Renewable for 20 more days; the access token is far from expiry.
    let id = store_token(
        &app,
        "ana@example.ro",
        fake_jwt(now + Duration::days(60)),
        fake_jwt(now + Duration::days(20)),
    );

    let subjects = |mailbox: &_| -> Vec<String> {
        smtp_sink::received(mailbox)
            .iter()
            .map(|m| {
                assert_eq!(m.to, vec!["ana@example.ro".to_string()]);
                m.data.clone()
            })
            .collect()
    };
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    assert!(
        subjects(&mailbox).is_empty(),
        "20 days left: no warning yet"
    );

    // 13 days left: the 14-day warning, once.
    app.app_clock.advance(7 * 86_400);
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    app.app_clock.advance(3600);
    spvdesk::jobs::run_due_once(&app.services).await.unwrap();
    let got = subjects(&mailbox);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("/anaf/link/"), "one-click link: {}", got[0]);
    assert!(got[0].contains("text/html") && got[0].contains("text/plain"));

    // 6 days left: the 7-day warning; then 2 and 0.5 days left.
    for (advance_hours, expected) in [(7 * 24, 2), (4 * 24, 3), (36, 4), (1, 4)] {
        app.app_clock.advance(advance_hours * 3600);
        spvdesk::jobs::run_due_once(&app.services).await.unwrap();
        assert_eq!(
            subjects(&mailbox).len(),
            expected,
            "after {advance_hours} h"
        );
    }
    let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
    use diesel::prelude::*;
    let recorded: i64 = spvdesk::db::schema::token_warnings::table
        .filter(spvdesk::db::schema::token_warnings::token_id.eq(&id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(recorded, 4);
}

/// A token pair minted by the sandbox and stored for the administrator: (its id, the pair).
fn admin_sandbox_token(app: &TestApp) -> (String, spvdesk::sandbox::TokenPair) {
    let sandbox = app.sandbox.as_ref().expect("sandbox mode");
    let minted = sandbox
        .mint_tokens(&["18547290".to_string()], None)
        .unwrap();
    let id = store_token(
        app,
        crate::support::ADMIN_EMAIL,
        minted.access_token.clone(),
        minted.refresh_token.clone(),
    );
    (id, minted)
}

/// Revokes the token from the "Conexiune ANAF" page; returns the flash shown after it.
async fn revoke_on_the_page(app: &TestApp, id: &str) -> String {
    let res = app
        .post_form("/anaf", &format!("/anaf/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(res.status().as_u16(), 303, "revoke redirects");
    let page = app.get_text("/anaf").await;
    let start = page.find("class=\"flash ").expect("a flash after revoking");
    page[start..]
        .split("</div>")
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn revoking_or_deleting_a_token_revokes_it_at_anaf_and_says_when_anaf_did_not_confirm() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let sandbox = app.sandbox.clone().expect("sandbox mode");

    // ANAF confirms: both tokens die there, and spvdesk never uses the token again.
    let (id, minted) = admin_sandbox_token(&app);
    assert!(sandbox.authenticate(Some(&minted.access_token)).is_ok());
    let flash = revoke_on_the_page(&app, &id).await;
    assert!(
        flash.contains("flash-success") && flash.contains("ANAF a confirmat"),
        "{flash}"
    );
    assert!(sandbox.authenticate(Some(&minted.access_token)).is_err());
    assert_refresh_refused(&app, &minted.refresh_token).await;
    assert_eq!(token_row(&app, &id).status, "revoked");

    // ANAF answers like a live probe did (a 302 to its login policy page): spvdesk stops using
    // the token all the same and tells the user where to withdraw it.
    let (id, minted) = admin_sandbox_token(&app);
    sandbox.with_faults(|f| f.revoke_redirect.next = 2).unwrap();
    let flash = revoke_on_the_page(&app, &id).await;
    assert!(
        flash.contains("flash-info") && flash.contains("Renunțare OAuth"),
        "{flash}"
    );
    assert!(
        sandbox.authenticate(Some(&minted.access_token)).is_ok(),
        "ANAF did not revoke it"
    );
    assert_eq!(token_row(&app, &id).status, "revoked");

    // Deleting a token that is still active revokes it at ANAF first.
    let (live, minted) = admin_sandbox_token(&app);
    let res = app
        .post_form("/anaf", &format!("/anaf/tokens/{live}/delete"), &[])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let page = app.get_text("/anaf").await;
    assert!(page.contains("revocat la ANAF și șters"), "{page}");
    assert!(sandbox.authenticate(Some(&minted.access_token)).is_err());
    // One revoked earlier is only deleted.
    let res = app
        .post_form("/anaf", &format!("/anaf/tokens/{id}/delete"), &[])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(
        app.get_text("/anaf")
            .await
            .contains("Tokenul a fost șters.")
    );
    let mut conn = spvdesk::db::connection::establish(&app.database_url).unwrap();
    let left = spvdesk::services::anaf_tokens::find(&mut conn, &id);
    assert!(left.is_err(), "deleted");

    // Someone else's token id changes nothing.
    for action in ["revoke", "delete"] {
        let res = app
            .post_form(
                "/anaf",
                &format!("/anaf/tokens/no-such-token/{action}"),
                &[],
            )
            .await;
        assert_eq!(res.status().as_u16(), 404, "{action}");
    }
}
