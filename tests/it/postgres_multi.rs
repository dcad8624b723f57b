//! Several `spvdesk serve` processes on one PostgreSQL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::{Connection, QueryableByName, RunQueryDsl};

use crate::support::{fresh_postgres_database, init_crypto, postgres_base_url};

struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `spvdesk serve` on port 0 and waits for the line with its address.
fn start(
    database_url: &str,
    data_dir: &std::path::Path,
) -> std::thread::JoinHandle<Result<Server, String>> {
    start_with(database_url, data_dir, Vec::new())
}

fn start_with(
    database_url: &str,
    data_dir: &std::path::Path,
    extra_env: Vec<(&'static str, String)>,
) -> std::thread::JoinHandle<Result<Server, String>> {
    let database_url = database_url.to_string();
    let data_dir = data_dir.to_path_buf();
    std::thread::spawn(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_spvdesk"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("SPVDESK_DATA_DIR", &data_dir)
            .env("SPVDESK_DATABASE_URL", &database_url)
            .env("SPVDESK_LOG", "info")
            .envs(extra_env)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut lines = BufReader::new(stderr).lines();
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(addr) = line.split("listening on ").nth(1) {
                        let address = addr.trim().to_string();
                        // Keep draining stderr so the child never blocks on a full pipe.
                        std::thread::spawn(move || for _ in lines {});
                        return Ok(Server { child, address });
                    }
                    seen.push(line);
                }
                _ => break,
            }
        }
        let _ = child.kill();
        Err(format!("server did not start: {}", seen.join("\n")))
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[tokio::test]
async fn two_instances_started_together_apply_the_schema_once() {
    let Some(base) = postgres_base_url() else {
        eprintln!(
            "SKIPPED: two_instances_started_together_apply_the_schema_once: runs in the PostgreSQL pass (SPVDESK_TEST_DATABASE_URL unset)"
        );
        return;
    };
    init_crypto();
    let url = fresh_postgres_database(&base);
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let handles: Vec<_> = dirs.iter().map(|d| start(&url, d.path())).collect();
    let servers: Vec<Server> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("server up"))
        .collect();
    let client = reqwest::Client::new();
    for s in &servers {
        let res = client
            .get(format!("{}/healthz", s.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{}", s.address);
    }
    let mut conn = diesel::pg::PgConnection::establish(&url).unwrap();
    let applied: Count = diesel::sql_query("SELECT COUNT(*) AS n FROM __diesel_schema_migrations")
        .get_result(&mut conn)
        .unwrap();
    let expected = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .unwrap()
        .count() as i64;
    assert_eq!(applied.n, expected);
    let tables: Count = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'companies'",
    )
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(tables.n, 1);
}

/// A JWT-shaped token with the given `exp` (only `exp` is read).
fn fake_jwt(exp: chrono::DateTime<chrono::Utc>) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.c2ln",
        b64.encode(r#"{"alg":"RS512"}"#),
        b64.encode(format!("{{\"exp\":{}}}", exp.timestamp()))
    )
}

#[tokio::test]
async fn three_instances_send_each_warning_exactly_once() {
    let Some(base) = postgres_base_url() else {
        eprintln!(
            "SKIPPED: three_instances_send_each_warning_exactly_once: runs in the PostgreSQL pass (SPVDESK_TEST_DATABASE_URL unset)"
        );
        return;
    };
    init_crypto();
    let url = fresh_postgres_database(&base);
    let secret = [42u8; 64];
    let secret_b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(secret)
    };
    // Three owners, each with a token renewable for 10 more days.
    let pool = spvdesk::db::connect_and_migrate(&url).unwrap();
    let cipher = spvdesk::crypto::TokenCipher::from_secret(&secret);
    let now = chrono::Utc::now();
    let owners = ["ana@example.ro", "bogdan@example.ro", "cristina@example.ro"];
    {
        let mut conn = pool.get().unwrap();
        for email in owners {
            let user = spvdesk::services::users::create(
                &mut conn,
                spvdesk::services::users::NewAccount {
                    email,
                    name: "",
                    password: "o-parola-lunga",
                },
                now.naive_utc(),
            )
            .unwrap();
            let pair = spvdesk::anaf::oauth::TokenPair {
                access_token: fake_jwt(now + chrono::Duration::days(60)),
                refresh_token: fake_jwt(now + chrono::Duration::days(10)),
            };
            spvdesk::services::anaf_tokens::store_new(
                &mut conn,
                &cipher,
                &user.id,
                "cert",
                &pair,
                now.naive_utc(),
            )
            .unwrap();
        }
    }
    drop(pool);

    let (smtp_url, mailbox) = crate::smtp_sink::start();
    let dirs = [
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    ];
    // Clocks four days ahead: 6 days left, past the 14- and 7-day thresholds.
    let env = || {
        vec![
            ("SPVDESK_SECRET_KEY", secret_b64.clone()),
            ("SPVDESK_SMTP_URL", smtp_url.clone()),
            ("SPVDESK_SCHEDULER_TICK_SECONDS", "1".to_string()),
            ("SPVDESK_CLOCK_OFFSET_SECONDS", (4 * 86_400).to_string()),
        ]
    };
    let handles: Vec<_> = dirs
        .iter()
        .map(|d| start_with(&url, d.path(), env()))
        .collect();
    let servers: Vec<Server> = handles
        .into_iter()
        .map(|h| h.join().expect("thread").expect("server up"))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(90);
    while crate::smtp_sink::received(&mailbox).len() < owners.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // Let every instance run several more rounds: nothing more may go out.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let received = crate::smtp_sink::received(&mailbox);
    let mut recipients: Vec<String> = received.iter().flat_map(|m| m.to.clone()).collect();
    recipients.sort();
    assert_eq!(
        recipients,
        owners.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        "exactly one warning per token"
    );
    drop(servers);
}
