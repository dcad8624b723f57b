//! Acceptance 6: authorize form → code → token (Basic and form-body client auth) → RS512 JWT
//! with exp = now + 90 days on the sandbox clock → refresh rotates; stale codes are refused.
//! Also: the routes work mounted under `/sandbox` inside another app.

use crate::sandbox_support::*;
use base64::Engine as _;
use serde_json::Value;
use spvdesk::sandbox::{Sandbox, configure, decode_claims};

const REDIRECT: &str = "https://app.example.test/anaf/callback";

async fn authorize(sb: &Running, prefix: &str, cifs: &str, state: &str) -> String {
    let path = format!(
        "{prefix}/anaf-oauth2/v1/authorize?response_type=code&client_id=app&redirect_uri={}&token_content_type=jwt&state={state}",
        urlencode(REDIRECT)
    );
    let page = sb.client.get(sb.url(&path)).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<form method=\"post\" action=\"\">") && html.contains("name=\"cifs\""),
        "{html}"
    );
    let r = sb
        .client
        .post(sb.url(&path))
        .form(&[("cifs", cifs)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 302);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let prefix_ok = format!("{REDIRECT}?code=");
    assert!(location.starts_with(&prefix_ok), "{location}");
    assert!(location.ends_with(&format!("&state={state}")), "{location}");
    location[prefix_ok.len()..]
        .split('&')
        .next()
        .unwrap()
        .to_string()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn token_request(sb: &Running, basic: bool, form: &[(&str, &str)]) -> (u16, Value) {
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    let mut req = sb.client.post(sb.url("/anaf-oauth2/v1/token"));
    if basic {
        req = req.basic_auth("app", Some("secret"));
    } else {
        fields.push(("client_id", "app"));
        fields.push(("client_secret", "secret"));
    }
    let r = req.form(&fields).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_code_flow_refresh_rotation_and_expiry() {
    let dir = fresh_dir("oauth");
    let sb = start(quick_config(&dir));
    sb.advance(1000).await; // tokens must follow the sandbox clock, not the real one
    let code = authorize(&sb, "", "RO123, 456", "xyz").await;
    let (s, v) = token_request(
        &sb,
        true,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("token_content_type", "jwt"),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["token_type"], "Bearer");
    let access = v["access_token"].as_str().unwrap().to_string();
    let refresh = v["refresh_token"].as_str().unwrap().to_string();
    let header: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(access.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "RS512");
    let now: Value = sb
        .client
        .get(sb.url("/__sandbox/clock"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let now_s = now["nowMillis"].as_i64().unwrap() / 1000;
    let exp = decode_claims(&access).unwrap()["exp"].as_i64().unwrap();
    assert!(
        (exp - (now_s + 90 * 86_400)).abs() < 30,
        "exp {exp} vs sandbox now {now_s}"
    );
    let rexp = decode_claims(&refresh).unwrap()["exp"].as_i64().unwrap();
    assert!((rexp - (now_s + 365 * 86_400)).abs() < 30);

    // The token carries the rights chosen on the form.
    let (_, l) = sb
        .get(
            &access,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=123",
        )
        .await;
    assert!(l.contains("Nu exista mesaje in ultimele 1 zile"), "{l}");
    let (_, l) = sb
        .get(
            &access,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=999",
        )
        .await;
    assert!(l.contains("Nu aveti drept in SPV pentru CIF=999"), "{l}");

    // A code is single-use.
    let (s, v) = token_request(
        &sb,
        true,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));

    // Form-body client authentication.
    let code2 = authorize(&sb, "", "123", "s2").await;
    let (s, v) = token_request(
        &sb,
        false,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code2),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!(s, 200, "{v}");

    // Refresh rotates: the new pair works, the old refresh token is refused.
    let (s, v) = token_request(
        &sb,
        false,
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let new_refresh = v["refresh_token"].as_str().unwrap().to_string();
    let new_access = v["access_token"].as_str().unwrap().to_string();
    assert_ne!(new_refresh, refresh);
    assert_eq!(
        sb.get(
            &new_access,
            "/prod/FCTEL/rest/listaMesajeFactura?zile=1&cif=456"
        )
        .await
        .0,
        200
    );
    let (s, v) = token_request(
        &sb,
        true,
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(v["error"], "invalid_grant");
    assert!(v["error_description"].is_string());
    let (s, _) = token_request(
        &sb,
        true,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &new_refresh),
        ],
    )
    .await;
    assert_eq!(s, 200);

    // A code older than 60 s (sandbox clock) is refused.
    let code3 = authorize(&sb, "", "123", "s3").await;
    sb.advance(61).await;
    let (s, v) = token_request(
        &sb,
        true,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code3),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));

    // Client authentication is required.
    let r = sb
        .client
        .post(sb.url("/anaf-oauth2/v1/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", new_refresh.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routes_work_under_a_sandbox_scope() {
    let dir = fresh_dir("scope");
    let sandbox = Sandbox::open(quick_config(&dir)).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            tx.send(actix_web::rt::System::current()).unwrap();
            let server = actix_web::HttpServer::new(move || {
                actix_web::App::new()
                    .service(
                        actix_web::web::scope("/sandbox").configure(configure(sandbox.clone())),
                    )
                    .route("/", actix_web::web::get().to(|| async { "the app" }))
            })
            .workers(1)
            .listen(listener)
            .unwrap()
            .run();
            let _ = server.await;
        });
    });
    let system = rx.recv().unwrap();
    let sb = Running::external(format!("http://127.0.0.1:{port}"), dir.clone(), system);
    let code = authorize(&sb, "/sandbox", "777", "st").await;
    assert!(!code.is_empty());
    let t = sb
        .client
        .post(sb.url("/sandbox/__sandbox/tokens"))
        .json(&serde_json::json!({"cifs": ["777"]}))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, b) = sb
        .get(
            &t,
            "/sandbox/test/FCTEL/rest/listaMesajeFactura?zile=1&cif=777",
        )
        .await;
    assert_eq!(s, 200);
    assert!(b.contains("Nu exista mesaje"), "{b}");
    drop(sb);
    let _ = std::fs::remove_dir_all(dir);
}
