//! Outgoing e-mail: lettre over SMTP (`SPVDESK_SMTP_URL`), a file outbox in
//! the data dir by default, and lettre's stub for tests. Messages always
//! carry a plain-text and an HTML part.

use std::path::{Path, PathBuf};

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::stub::AsyncStubTransport;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid e-mail address {address}: {reason}")]
    Address { address: String, reason: String },
    #[error("invalid SMTP URL: {0}")]
    SmtpUrl(String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("sending failed: {0}")]
    Send(String),
    #[error("cannot create the outbox folder {path}: {source}")]
    Outbox {
        path: String,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Stub(AsyncStubTransport),
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.transport {
            Transport::Smtp(_) => "smtp".to_string(),
            Transport::File(_, dir) => format!("outbox {}", dir.display()),
            Transport::Stub(_) => "stub".to_string(),
        };
        write!(f, "Mailer({kind}, from {})", self.from)
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Address {
            address: address.to_string(),
            reason: e.to_string(),
        })
}

impl Mailer {
    /// SMTP when `smtp_url` is set (`smtp://host:port`, `smtps://…`, with
    /// optional `user:pass@`), otherwise `.eml` files in `outbox_dir`.
    pub fn from_settings(
        smtp_url: Option<&str>,
        from: &str,
        outbox_dir: &Path,
    ) -> Result<Mailer, MailError> {
        let from = mailbox(from)?;
        let transport = match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::SmtpUrl(e.to_string()))?
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(outbox_dir).map_err(|source| MailError::Outbox {
                    path: outbox_dir.display().to_string(),
                    source,
                })?;
                Transport::File(
                    AsyncFileTransport::new(outbox_dir),
                    outbox_dir.to_path_buf(),
                )
            }
        };
        Ok(Mailer { transport, from })
    }

    /// A mailer that keeps messages in memory (tests).
    pub fn stub(from: &str) -> Result<(Mailer, AsyncStubTransport), MailError> {
        let stub = AsyncStubTransport::new_ok();
        Ok((
            Mailer {
                transport: Transport::Stub(stub.clone()),
                from: mailbox(from)?,
            },
            stub,
        ))
    }

    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mailbox(&mail.to)?)
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| MailError::Build(e.to_string()))?;
        match &self.transport {
            Transport::Smtp(t) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Transport::File(t, _) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Transport::Stub(t) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
        }
    }
}

/// Escapes text for the HTML part.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stub_receives_both_parts() {
        let (mailer, stub) = Mailer::stub("spvdesk <noreply@example.ro>").unwrap();
        mailer
            .send(&OutgoingMail {
                to: "ana@example.ro".into(),
                subject: "Tokenul ANAF expiră în curând".into(),
                text: "text".into(),
                html: "<p>html</p>".into(),
            })
            .await
            .unwrap();
        let sent = stub.messages().await;
        assert_eq!(sent.len(), 1);
        assert!(sent[0].1.contains("text/plain") && sent[0].1.contains("text/html"));
        assert!(matches!(
            mailer
                .send(&OutgoingMail {
                    to: "not an address".into(),
                    subject: String::new(),
                    text: String::new(),
                    html: String::new()
                })
                .await,
            Err(MailError::Address { .. })
        ));
    }
}
