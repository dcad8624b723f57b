//! An accountant uploads an invoice's XML in Chromium, opens it and presses "Validate": the
//! findings appear in place, in Romanian, at desktop width and on a phone.

use std::sync::Arc;

use thirtyfour::prelude::*;

use super::{Browser, DESKTOP, PHONE, click, e, fill, run, text_of};
use crate::sandbox_support::invoice_xml;
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, company_owned_by, import_invoices, spawn_app};

/// Waits until the report's verdict reads `expected` (htmx swaps it in after the click).
async fn verdict(b: &Browser, expected: &str) -> Result<(), String> {
    for _ in 0..100 {
        if let Ok(el) = b.driver.find(By::Css("#report-verdict")).await
            && el.text().await.is_ok_and(|t| t.contains(expected))
        {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the verdict never read {expected}"))
}

async fn scenario(
    b: Arc<Browser>,
    base: String,
    database_url: String,
    label: &'static str,
) -> Result<(), String> {
    let d = &b.driver;
    d.goto(format!("{base}/")).await.map_err(e("open"))?;
    fill(&b, "#name", "Ana Admin").await?;
    fill(&b, "#email", ADMIN_EMAIL).await?;
    fill(&b, "#password", ADMIN_PASSWORD).await?;
    click(&b, "#setup-submit").await?;
    // The dashboard, not the setup page's own heading read before the form is sent.
    b.wait_for("#portfolio, .card.empty")
        .await
        .map_err(e("dashboard after setup"))?;

    let company = company_owned_by(
        &database_url,
        ADMIN_EMAIL,
        "31415920",
        "Exemplu Facturi SRL",
    )?;

    // From the company page to its invoices, then upload a file whose number has no digit.
    d.goto(format!("{base}/companies/{company}"))
        .await
        .map_err(e("company page"))?;
    click(&b, "#company-invoices").await?;
    let dir = tempfile::tempdir().map_err(e("temp dir"))?;
    let file = dir.path().join("factura.xml");
    std::fs::write(
        &file,
        invoice_xml("FARA", "2026-03-02", "31415920", "22222229"),
    )
    .map_err(e("write file"))?;
    b.wait_for("#invoice-file")
        .await
        .map_err(e("file input"))?
        .send_keys(file.display().to_string())
        .await
        .map_err(e("choose file"))?;
    click(&b, "#upload-submit").await?;
    let number = text_of(&b, "#invoice-number").await?;
    if number != "FARA" {
        return Err(format!("expected the invoice page, got {number}"));
    }
    // The line's quantity reads as a Romanian invoice writes it (H87 is a piece).
    let quantity = text_of(&b, "td[data-line-quantity]").await?;
    if quantity != "2 buc." {
        return Err(format!("{label}: the line's quantity reads {quantity:?}"));
    }

    // Full validation: the report appears in place with BR-RO-010 explained in Romanian.
    click(&b, "#validate-full").await?;
    verdict(&b, "Invalidă").await?;
    let finding = text_of(&b, "li[data-rule='BR-RO-010']").await?;
    if !finding.contains("Eroare") || !finding.contains("cbc:ID") {
        return Err(format!("{label}: BR-RO-010 finding reads {finding}"));
    }
    if !b.fits_width().await {
        return Err(format!("{label}: the report is wider than the window"));
    }
    b.screenshot(&format!("invoice-report-{label}")).await;

    // Quick validation replaces it: the structure is fine.
    click(&b, "#validate-quick").await?;
    verdict(&b, "Validă").await?;
    if d.find(By::Css("li[data-rule='BR-RO-010']")).await.is_ok() {
        return Err(format!("{label}: the full report was not replaced"));
    }

    // The list shows the invoice.
    d.goto(format!("{base}/companies/{company}/invoices"))
        .await
        .map_err(e("list"))?;
    let table = text_of(&b, "#invoices").await?;
    if !table.contains("FARA") {
        return Err(format!("{label}: invoice not listed: {table}"));
    }
    if !b.fits_width().await {
        return Err(format!(
            "{label}: the invoice list is wider than the window"
        ));
    }

    // Fifty newer invoices later the list has two pages: the first one FARA is on the second.
    import_invoices(
        &database_url,
        ADMIN_EMAIL,
        &company,
        "31415920",
        "NOU",
        50,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 1).ok_or("date")?,
    )?;
    d.refresh().await.map_err(e("reload list"))?;
    let range = text_of(&b, "#invoices-pager").await?;
    if !range.contains("Facturile 1–50 din 51") {
        return Err(format!("{label}: pager reads {range}"));
    }
    if !b.fits_width().await {
        return Err(format!("{label}: the pager is wider than the window"));
    }
    // The same pager below the table, where a phone's reader arrives after fifty rows.
    b.wait_for("#invoices-pager-bottom")
        .await
        .map_err(e("bottom pager"))?
        .scroll_into_view()
        .await
        .map_err(e("scroll to the bottom pager"))?;
    b.screenshot(&format!("invoice-list-pager-{label}")).await;
    click(&b, "#invoices-pager-bottom a[rel='next']").await?;
    // htmx swaps the table and the pagers in: an element read while it is being replaced is
    // stale, which only means "not yet".
    for _ in 0..50 {
        let pager = text_of(&b, "#invoices-pager").await.unwrap_or_default();
        if pager.contains("Factura 51 din 51")
            && let Ok(table) = text_of(&b, "#invoices").await
        {
            if !table.contains("FARA") || table.contains("NOU050") {
                return Err(format!("{label}: page 2 shows {table}"));
            }
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{label}: the older page never opened"))
}

#[tokio::test]
async fn upload_open_and_validate_an_invoice_desktop() {
    let app = spawn_app().await;
    let (base, db) = (app.address.clone(), app.database_url.clone());
    run("invoice_flow_desktop", DESKTOP, |b| {
        scenario(b, base, db, "desktop")
    })
    .await;
}

#[tokio::test]
async fn upload_open_and_validate_an_invoice_phone() {
    let app = spawn_app().await;
    let (base, db) = (app.address.clone(), app.database_url.clone());
    run("invoice_flow_phone", PHONE, |b| {
        scenario(b, base, db, "phone")
    })
    .await;
}
