//! State-changing browser requests need the session's CSRF token.

use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, spawn_app};

#[tokio::test]
async fn post_without_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    // Load the setup page so the session (and its token) exists.
    let _ = app.get_text("/setup").await;
    for token in [None, Some("forged-token")] {
        let mut form = vec![
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
            ("name", "X"),
        ];
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let res = app
            .browser
            .post(app.url("/setup"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "token {token:?}");
        let body = res.text().await.unwrap();
        assert!(body.contains("CSRF"), "{body}");
    }
    // Nobody was created: the setup page is still offered.
    let res = app.get_page("/setup").await;
    assert_eq!(res.status().as_u16(), 200);

    // A cross-site request is refused even with the right token.
    let html = app.get_text("/setup").await;
    let token = crate::support::csrf_from(&html);
    let res = app
        .browser
        .post(app.url("/setup"))
        .header("Origin", "https://evil.example")
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", ADMIN_EMAIL),
            ("password", ADMIN_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);

    // With the token the same request works.
    app.setup_admin().await;
    assert_eq!(app.get_page("/setup").await.status().as_u16(), 303);
}

#[tokio::test]
async fn htmx_header_token_is_accepted_and_company_post_without_it_is_not() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let html = app.get_text("/companies/new").await;
    let token = crate::support::csrf_from(&html);
    let fields = [
        ("cif", "RO18547290"),
        ("name", "Alfa SRL"),
        ("street", "Str. X 1"),
        ("city", "Cluj-Napoca"),
        ("county", "RO-CJ"),
    ];
    let res = app
        .browser
        .post(app.url("/companies/new"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    let list = app.get_text("/companies").await;
    assert!(!list.contains("Alfa SRL"));

    let res = app
        .browser
        .post(app.url("/companies/new"))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", token)
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().get("HX-Redirect").is_some());
    let list = app.get_text("/companies").await;
    assert!(list.contains("Alfa SRL"));
}
