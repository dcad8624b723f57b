//! The invoice pages over plain HTTP: an XML upload from the company's list (as htmx sends it),
//! the invoice page, its "Validate" action answering htmx with a fragment and a plain form post
//! with the whole page, and the XML download.

use crate::sandbox_support::invoice_xml;
use crate::support::{
    ADMIN_EMAIL, TestApp, company_owned_by, csrf_from, import_invoices, spawn_app,
};

async fn upload(app: &TestApp, company: &str, csrf: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("factura.xml")
        .mime_str("application/xml")
        .unwrap();
    app.browser
        .post(app.url(&format!("/companies/{company}/invoices")))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", csrf)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_invoice_gets_a_page_with_a_validate_action() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let company = company_owned_by(
        &app.database_url,
        ADMIN_EMAIL,
        "31415920",
        "Exemplu Facturi SRL",
    )
    .unwrap();
    let list_path = format!("/companies/{company}/invoices");
    let list = app.get_text(&list_path).await;
    assert!(list.contains("Nicio factură încă"), "{list}");
    let csrf = csrf_from(&list);

    // Not an invoice: the form comes back with the reason, nothing is stored.
    let res = upload(&app, &company, &csrf, b"<nu-este-factura/>".to_vec()).await;
    assert_eq!(res.status().as_u16(), 200);
    let fragment = res.text().await.unwrap();
    assert!(fragment.contains("id=\"upload-error\""), "{fragment}");
    assert!(fragment.contains("nu este o factură UBL 2.1"), "{fragment}");
    assert!(!fragment.contains("<html"), "a fragment, not a page");
    // Without the CSRF token the upload is refused.
    let res = app
        .browser
        .post(app.url(&list_path))
        .header("HX-Request", "true")
        .multipart(reqwest::multipart::Form::new().text("file", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(
        app.get_text(&list_path)
            .await
            .contains("Nicio factură încă")
    );

    // A real invoice whose number has no digit (BR-RO-010): htmx is sent to its page.
    let xml = invoice_xml("FARA", "2026-03-02", "31415920", "22222229");
    let res = upload(&app, &company, &csrf, xml.clone().into_bytes()).await;
    assert_eq!(res.status().as_u16(), 200);
    let page_path = res.headers()["HX-Redirect"].to_str().unwrap().to_owned();
    assert!(page_path.starts_with("/invoices/"), "{page_path}");
    let page = app.get_text(&page_path).await;
    assert!(page.contains("id=\"invoice-number\">FARA<"), "{page}");
    assert!(page.contains("Validare completă"), "{page}");
    assert!(
        page.contains("Factura a fost adăugată"),
        "the flash: {page}"
    );
    let list = app.get_text(&list_path).await;
    assert!(list.contains(&page_path), "listed: {list}");
    let dashboard = app.get_text("/").await;
    assert!(dashboard.contains("1 ciornă · 0 primite"), "{dashboard}");

    // "Validate" through htmx: only the report fragment, naming the rule, in Romanian.
    let validate_path = format!("{page_path}/validate");
    let res = app
        .browser
        .post(app.url(&validate_path))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", &csrf)
        .form(&[("mode", "full")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let fragment = res.text().await.unwrap();
    assert!(!fragment.contains("<html"), "{fragment}");
    assert!(fragment.contains("data-valid=\"false\""), "{fragment}");
    assert!(fragment.contains("data-rule=\"BR-RO-010\""), "{fragment}");
    assert!(fragment.contains("Invalidă"), "{fragment}");

    // Quick validation only checks the structure: this one passes it.
    let res = app
        .post_form(&page_path, &validate_path, &[("mode", "quick")])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let whole = res.text().await.unwrap();
    assert!(whole.contains("<html"), "a plain post gets the whole page");
    assert!(whole.contains("data-valid=\"true\""), "{whole}");
    assert!(whole.contains("Validare rapidă"), "{whole}");

    // The XML download is the uploaded file.
    let res = app.get_page(&format!("{page_path}/xml")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("FARA.xml")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), xml.as_bytes());

    // Deleting the draft leads back to the empty list.
    let res = app
        .post_form(&page_path, &format!("{page_path}/delete"), &[])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], list_path.as_str());
    let list = app.get_text(&list_path).await;
    assert!(list.contains("Factura a fost ștearsă"), "{list}");
    assert!(list.contains("Nicio factură încă"), "{list}");
    assert_eq!(app.get_page(&page_path).await.status().as_u16(), 404);

    // Logged out, the page asks for a login first.
    let _ = app.post_form("/", "/logout", &[]).await;
    assert_eq!(app.get_page(&page_path).await.status().as_u16(), 303);
}

/// A company with more invoices than one page holds: the list pages through them newest first,
/// says which rows it shows, and a bad `page` is refused by name.
#[tokio::test]
async fn the_list_pages_through_many_invoices_newest_first() {
    let app = spawn_app().await;
    app.setup_admin().await;
    let company_id =
        company_owned_by(&app.database_url, ADMIN_EMAIL, "31415920", "Multe SRL").unwrap();
    import_invoices(
        &app.database_url,
        ADMIN_EMAIL,
        &company_id,
        "31415920",
        "PAG",
        53,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .unwrap();
    let list_path = format!("/companies/{company_id}/invoices");

    let first = app.get_text(&list_path).await;
    assert_eq!(
        first.matches("Facturile 1–50 din 53").count(),
        2,
        "the pager above and below the table: {first}"
    );
    assert!(
        first.contains(">PAG053<") && first.contains(">PAG004<"),
        "{first}"
    );
    assert!(
        !first.contains(">PAG003<"),
        "page 1 holds the newest 50: {first}"
    );
    assert!(
        first.contains("href=\"?page=2\""),
        "a link to the older ones: {first}"
    );
    assert!(
        !first.contains("Mai noi"),
        "nothing newer than page 1: {first}"
    );

    let second = app.get_text(&format!("{list_path}?page=2")).await;
    assert!(second.contains("Facturile 51–53 din 53"), "{second}");
    assert!(
        second.contains(">PAG001<") && !second.contains(">PAG004<"),
        "{second}"
    );
    assert!(second.contains("href=\"?page=1\""), "{second}");
    assert!(!second.contains("Mai vechi"), "{second}");

    // A page past the end (an old bookmark) shows the last one.
    let past = app.get_text(&format!("{list_path}?page=9")).await;
    assert!(past.contains("Facturile 51–53 din 53"), "{past}");

    for bad in ["0", "abc", "-2"] {
        let res = app.get_page(&format!("{list_path}?page={bad}")).await;
        assert_eq!(res.status().as_u16(), 400, "page={bad}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Parametrul page trebuie să fie un număr întreg"),
            "page={bad}: {body}"
        );
    }
}
