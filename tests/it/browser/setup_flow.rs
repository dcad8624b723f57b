//! A new user's first minutes: setup, login, a company, field errors in
//! Romanian and English, at desktop width and on a phone.

use std::sync::Arc;

use thirtyfour::prelude::*;

use super::{Browser, DESKTOP, PHONE, e, fill, run, text_of};
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, spawn_app};

async fn scenario(b: Arc<Browser>, base: String, label: &'static str) -> Result<(), String> {
    let d = &b.driver;
    d.goto(format!("{base}/")).await.map_err(e("open"))?;
    // First visit: the setup form.
    fill(&b, "#name", "Ana Admin").await?;
    fill(&b, "#email", ADMIN_EMAIL).await?;
    fill(&b, "#password", ADMIN_PASSWORD).await?;
    b.wait_for("#setup-submit")
        .await
        .map_err(e("submit"))?
        .click()
        .await
        .map_err(e("click"))?;
    // (The setup page has an h1 too: read the heading once the dashboard is there.)
    b.wait_for("#portfolio, .card.empty")
        .await
        .map_err(e("dashboard after setup"))?;
    let heading = text_of(&b, "h1").await?;
    if !heading.contains("Portofoliul") {
        return Err(format!("expected the dashboard, got {heading}"));
    }
    if !b.fits_width().await {
        return Err(format!("{label}: dashboard wider than the window"));
    }
    // Log out and in again.
    d.find(By::Css("form[action='/logout'] button"))
        .await
        .map_err(e("logout"))?
        .click()
        .await
        .map_err(e("click"))?;
    fill(&b, "#email", ADMIN_EMAIL).await?;
    fill(&b, "#password", ADMIN_PASSWORD).await?;
    b.wait_for("#login-submit")
        .await
        .map_err(e("login"))?
        .click()
        .await
        .map_err(e("click"))?;
    b.wait_for("#portfolio, .card.empty")
        .await
        .map_err(e("dashboard after login"))?;

    // A company with three mistakes.
    d.goto(format!("{base}/companies/new"))
        .await
        .map_err(e("new company"))?;
    fill(&b, "#cif", "RO18547291").await?;
    fill(&b, "#name", "Exemplu Contabil SRL").await?;
    fill(&b, "#street", "Str. Memorandumului 28").await?;
    fill(&b, "#city", "Cluj-Napoca").await?;
    fill(&b, "#county", "DE-BY").await?;
    fill(&b, "#iban", "RO49AAAA1B31007593840001").await?;
    b.wait_for("#company-submit")
        .await
        .map_err(e("save"))?
        .click()
        .await
        .map_err(e("click"))?;
    let cif_error = text_of(&b, "#cif-error").await?;
    if !cif_error.contains("Cifra de control") {
        return Err(format!("CIF error in Romanian expected, got {cif_error}"));
    }
    let county_error = text_of(&b, "#county-error").await?;
    if !county_error.contains("ISO 3166-2:RO") {
        return Err(format!("county error expected, got {county_error}"));
    }
    text_of(&b, "#iban-error").await?;
    if !b.fits_width().await {
        return Err(format!("{label}: company form wider than the window"));
    }
    b.screenshot(&format!("company-form-errors-{label}")).await;

    // Switch to English: the same mistakes explained in English.
    b.wait_for("#lang-switch")
        .await
        .map_err(e("lang"))?
        .click()
        .await
        .map_err(e("click"))?;
    // The page reloads in English: until then the Romanian form's fields are still there.
    b.wait_for("html[lang='en'] #company-submit")
        .await
        .map_err(e("form after switch"))?;
    fill(&b, "#cif", "RO18547291").await?;
    fill(&b, "#name", "Exemplu Contabil SRL").await?;
    fill(&b, "#street", "Str. Memorandumului 28").await?;
    fill(&b, "#city", "Cluj-Napoca").await?;
    fill(&b, "#county", "XX").await?;
    fill(&b, "#iban", "RO49AAAA1B31007593840001").await?;
    b.wait_for("#company-submit")
        .await
        .map_err(e("save"))?
        .click()
        .await
        .map_err(e("click"))?;
    let cif_error = text_of(&b, "#cif-error").await?;
    if !cif_error.contains("check digit") {
        return Err(format!("CIF error in English expected, got {cif_error}"));
    }
    // Nothing was saved.
    d.goto(format!("{base}/companies"))
        .await
        .map_err(e("list"))?;
    let body = text_of(&b, "main").await?;
    if body.contains("Exemplu Contabil SRL") {
        return Err("an invalid company was saved".into());
    }

    // Corrected, it is saved and listed.
    d.goto(format!("{base}/companies/new"))
        .await
        .map_err(e("new company"))?;
    fill(&b, "#cif", "RO18547290").await?;
    fill(&b, "#name", "Exemplu Contabil SRL").await?;
    fill(&b, "#street", "Str. Memorandumului 28").await?;
    fill(&b, "#city", "Cluj-Napoca").await?;
    fill(&b, "#county", "RO-CJ").await?;
    fill(&b, "#iban", "RO49 AAAA 1B31 0075 9384 0000").await?;
    b.wait_for("#company-submit")
        .await
        .map_err(e("save"))?
        .click()
        .await
        .map_err(e("click"))?;
    let cif = text_of(&b, "#company-cif").await?;
    if !cif.contains("18547290") {
        return Err(format!("company page expected, got {cif}"));
    }
    d.goto(format!("{base}/companies"))
        .await
        .map_err(e("list"))?;
    let table = text_of(&b, "#companies").await?;
    if !table.contains("Exemplu Contabil SRL") {
        return Err(format!("company not listed: {table}"));
    }
    if !b.fits_width().await {
        return Err(format!("{label}: company list wider than the window"));
    }
    b.screenshot(&format!("companies-{label}")).await;
    Ok(())
}

#[tokio::test]
async fn new_user_setup_company_and_errors_desktop() {
    let app = spawn_app().await;
    let base = app.address.clone();
    run("setup_flow_desktop", DESKTOP, |b| {
        scenario(b, base, "desktop")
    })
    .await;
}

#[tokio::test]
async fn new_user_setup_company_and_errors_phone() {
    let app = spawn_app().await;
    let base = app.address.clone();
    run("setup_flow_phone", PHONE, |b| scenario(b, base, "phone")).await;
}
