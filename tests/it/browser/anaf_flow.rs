//! The ANAF connection in real browsers: the accountant connects directly;
//! a phone completes a token link while the accountant's page updates itself.

use std::sync::Arc;
use std::time::Duration;

use thirtyfour::prelude::*;

use super::{Browser, DESKTOP, PHONE, click, e, fill, run, run2};
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, company_owned_by, spawn_app};

/// Setup through the page, then two companies straight through the services.
async fn admin_with_companies(b: &Browser, app: &TestApp) -> Result<(), String> {
    b.driver.goto(app.url("/setup")).await.map_err(e("open"))?;
    fill(b, "#name", "Ana Contabil").await?;
    fill(b, "#email", ADMIN_EMAIL).await?;
    fill(b, "#password", ADMIN_PASSWORD).await?;
    click(b, "#setup-submit").await?;
    b.wait_for(".card.empty, #portfolio")
        .await
        .map_err(e("dashboard"))?;
    for (cif, name) in [
        ("RO18547290", "Acoperită SRL"),
        ("14399840", "Fără Drept SRL"),
    ] {
        company_owned_by(&app.database_url, ADMIN_EMAIL, cif, name)?;
    }
    Ok(())
}

async fn accountant_connects(b: Arc<Browser>, app: Arc<TestApp>) -> Result<(), String> {
    admin_with_companies(&b, &app).await?;
    b.driver
        .goto(app.url("/anaf"))
        .await
        .map_err(e("anaf page"))?;
    click(&b, "#anaf-connect").await?;
    // The sandbox's stand-in for ANAF's certificate prompt.
    fill(&b, "#cifs", "18547290").await?;
    click(&b, "button[type=submit]").await?;
    let card = b.wait_for(".token-card").await.map_err(e("token listed"))?;
    let text = card.text().await.map_err(e("text"))?;
    if !(text.contains("89 zile") || text.contains("90 zile")) {
        return Err(format!("expected a 90-day access token: {text}"));
    }
    b.wait_for("li.covered[data-cif='18547290']")
        .await
        .map_err(e("covered company"))?;
    b.wait_for("li.not-covered[data-cif='14399840']")
        .await
        .map_err(e("not covered company"))?;
    if !b.fits_width().await {
        return Err("ANAF page wider than the window".into());
    }
    b.screenshot("anaf-connected-desktop").await;

    // The portfolio shows each company's connection: the covered one with the token's days
    // left, the other one as not connected.
    b.driver.goto(app.url("/")).await.map_err(e("dashboard"))?;
    let covered = b
        .wait_for("tr[data-cif='18547290'] .anaf-connection .badge-ok")
        .await
        .map_err(e("covered company's badge"))?
        .text()
        .await
        .map_err(e("text"))?;
    if !covered.contains("valabil") {
        return Err(format!("covered company's badge reads {covered}"));
    }
    let other = b
        .wait_for("tr[data-cif='14399840'] .anaf-connection")
        .await
        .map_err(e("other company's cell"))?
        .text()
        .await
        .map_err(e("text"))?;
    if !other.contains("Neconectată") {
        return Err(format!("uncovered company's cell reads {other}"));
    }
    Ok(())
}

#[tokio::test]
async fn accountant_connects_with_oauth_in_the_browser() {
    let app = Arc::new(spawn_app().await);
    run("anaf_connect_desktop", DESKTOP, |b| {
        accountant_connects(b, app.clone())
    })
    .await;
}

async fn phone_completes_link(
    desk: Arc<Browser>,
    phone: Arc<Browser>,
    app: Arc<TestApp>,
) -> Result<(), String> {
    admin_with_companies(&desk, &app).await?;
    desk.driver
        .goto(app.url("/anaf"))
        .await
        .map_err(e("anaf page"))?;
    click(&desk, "#create-link").await?;
    let url = desk
        .wait_for("#link-url")
        .await
        .map_err(e("link shown"))?
        .text()
        .await
        .map_err(e("link text"))?;
    desk.wait_for(".qr svg").await.map_err(e("QR code"))?;
    desk.wait_for("#link-status").await.map_err(e("status"))?;

    // The phone opens the link, reads one short page, continues to ANAF.
    phone
        .driver
        .goto(url.trim())
        .await
        .map_err(e("phone opens link"))?;
    phone
        .wait_for("#link-explain")
        .await
        .map_err(e("explanation"))?;
    if !phone.fits_width().await {
        return Err("phone page wider than 390 px".into());
    }
    phone.screenshot("link-phone-start").await;
    click(&phone, "#link-continue").await?;
    fill(&phone, "#cifs", "18547290").await?;
    click(&phone, "button[type=submit]").await?;
    phone.wait_for("#link-done").await.map_err(e("done page"))?;
    phone.screenshot("link-phone-done").await;

    // The accountant's page turns to "completed" by itself (htmx polling).
    desk.driver
        .query(By::Css("#link-status[data-status='completed']"))
        .wait(Duration::from_secs(15), Duration::from_millis(200))
        .first()
        .await
        .map_err(e("accountant's page did not turn to completed"))?;
    desk.screenshot("link-desktop-completed").await;

    // Opening the link again says it was used.
    phone.driver.goto(url.trim()).await.map_err(e("reopen"))?;
    phone.wait_for("#link-used").await.map_err(e("used page"))?;
    Ok(())
}

#[tokio::test]
async fn phone_completes_a_token_link_and_the_accountant_sees_it() {
    let app = Arc::new(spawn_app().await);
    run2("anaf_link_phone", [DESKTOP, PHONE], |desk, phone| {
        phone_completes_link(desk, phone, app.clone())
    })
    .await;
}
