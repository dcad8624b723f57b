//! Pages over plain HTTP: setup, login, throttle, company form errors.

use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, spawn_app};

#[tokio::test]
async fn first_visit_goes_to_setup_then_login() {
    let app = spawn_app().await;
    let res = app.get_page("/").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/setup");
    app.setup_admin().await;
    // The setup created a session: the dashboard is shown.
    let home = app.get_text("/").await;
    assert!(home.contains("Portofoliul de firme"), "{home}");
    // A second setup is impossible.
    assert_eq!(app.get_page("/setup").await.headers()["location"], "/login");

    // Log out, then a protected page sends us to the login page.
    let _ = app.post_form("/", "/logout", &[]).await;
    let res = app.get_page("/companies").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/login");
    let res = app
        .post_form(
            "/login",
            "/login",
            &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.get_page("/companies").await.status().as_u16(), 200);
}

#[tokio::test]
async fn repeated_login_failures_are_throttled_with_a_clear_message() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let _ = app.post_form("/", "/logout", &[]).await;
    for _ in 0..5 {
        let res = app
            .post_form(
                "/login",
                "/login",
                &[("email", ADMIN_EMAIL), ("password", "gresita-gresita")],
            )
            .await;
        assert_eq!(res.status().as_u16(), 401);
    }
    // Even the right password is refused while locked.
    let res = app
        .post_form(
            "/login",
            "/login",
            &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 401);
    let body = res.text().await.unwrap();
    assert!(body.contains("Prea multe încercări eșuate"), "{body}");
    // After the lock expires, the right password works again.
    app.app_clock.advance(16 * 60);
    let res = app
        .post_form(
            "/login",
            "/login",
            &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
}

fn company_fields<'a>(cif: &'a str, county: &'a str, iban: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("cif", cif),
        ("name", "Gama SRL"),
        ("street", "Bd. Unirii 1"),
        ("city", "București"),
        ("county", county),
        ("sector", "3"),
        ("iban", iban),
        ("vatPayer", "true"),
    ]
}

#[tokio::test]
async fn company_form_errors_in_both_languages_save_nothing() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let res = app
        .post_form(
            "/companies/new",
            "/companies/new",
            &company_fields("RO18547291", "XX-YY", "RO49AAAA1B31007593840001"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"cif-error\""), "{html}");
    assert!(html.contains("Cifra de control a CIF-ului este greșită"));
    assert!(html.contains("id=\"county-error\""));
    assert!(html.contains("id=\"iban-error\""));
    assert!(html.contains("value=\"Gama SRL\""), "typed values are kept");

    // Switch to English.
    let res = app
        .post_form("/companies/new", "/lang", &[("lang", "en")])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let res = app
        .post_form(
            "/companies/new",
            "/companies/new",
            &company_fields("RO18547291", "RO-B", "RO49AAAA1B31007593840000"),
        )
        .await;
    let html = res.text().await.unwrap();
    assert!(
        html.contains("The check digit of the tax ID is wrong"),
        "{html}"
    );
    assert!(!html.contains("id=\"iban-error\""));

    let list = app.get_text("/companies").await;
    assert!(!list.contains("Gama SRL"));

    // Corrected, it is saved and listed.
    let res = app
        .post_form(
            "/companies/new",
            "/companies/new",
            &company_fields("RO18547290", "RO-B", "RO49AAAA1B31007593840000"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let list = app.get_text("/companies").await;
    assert!(
        list.contains("Gama SRL") && list.contains("18547290"),
        "{list}"
    );
}

#[tokio::test]
async fn static_files_are_served_from_the_binary() {
    let app = spawn_app().await;
    let res = app.get_page("/static/htmx.min.js").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().contains("htmx"));
    assert_eq!(app.get_page("/static/nope.js").await.status().as_u16(), 404);
}
