//! The `spvdesk` binary's account commands, run as a user would.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{spawn_app, valid_company};

fn spvdesk(data_dir: &std::path::Path, database_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_spvdesk"));
    cmd.env("SPVDESK_DATA_DIR", data_dir)
        .env("SPVDESK_DATABASE_URL", database_url)
        .env_remove("SPVDESK_SECRET_KEY");
    cmd
}

#[tokio::test]
async fn user_add_and_token_add_give_a_working_api_token() {
    let app = spawn_app().await;
    let mut child = spvdesk(app.data_dir.path(), &app.database_url)
        .args([
            "user",
            "add",
            "ion@example.ro",
            "--name",
            "Ion Popescu",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"o-parola-destul-de-lunga\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("administrator"));

    let out = spvdesk(app.data_dir.path(), &app.database_url)
        .args(["token", "add", "ion@example.ro", "--name", "script"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(token.len() >= 40);

    let res = app
        .api_post(
            &token,
            "/api/v1/companies",
            &valid_company("RO18547290", "Delta SRL"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    let list: serde_json::Value = app
        .api_get(&token, "/api/v1/companies")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"][0]["name"], "Delta SRL");

    // Only the hash is stored.
    if !app.database_url.starts_with("postgres") {
        for suffix in ["", "-wal"] {
            let bytes = std::fs::read(format!("{}{suffix}", app.database_url)).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(&token),
                "token plaintext found in the database file"
            );
        }
    }

    // A short password and an unknown user are clear errors with exit code 2.
    let mut child = spvdesk(app.data_dir.path(), &app.database_url)
        .args(["user", "add", "maria@example.ro", "--password-stdin"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"scurta\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));
    let out = spvdesk(app.data_dir.path(), &app.database_url)
        .args(["token", "add", "nobody@example.ro", "--name", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
