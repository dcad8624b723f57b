//! Asking ANAF itself whether a signature is genuine: `POST /api/validate/signature`
//! (ANAF-API.md §3.8), for users who have not configured ANAF's certificates locally.
//!
//! The public host needs no authentication. The invoice leaves the machine, so this is only
//! done when the user asks for it (`spvdesk verify-signature --ask-anaf`).

use reqwest::multipart::{Form, Part};

use super::wire::WireError;
use super::wire::signature_check::{SignatureCheckOutcome, SignatureCheckResponse};

/// ANAF's unauthenticated host for the signature check.
pub const ANAF_PUBLIC_HOST: &str = "https://webservicesp.anaf.ro";

#[derive(Debug, thiserror::Error)]
pub enum RemoteCheckError {
    #[error("ANAF's signature check could not be reached at {url}: {source}")]
    Http {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("ANAF's signature check answered HTTP {status}: {body}")]
    Status { status: u16, body: String },
    #[error("ANAF's signature check answered something unexpected: {0}")]
    Body(#[from] WireError),
}

/// ANAF's verdict and its own wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteVerdict {
    pub outcome: SignatureCheckOutcome,
    pub message: String,
}

/// Sends the invoice XML and its `semnatura_*.xml` to `{host_root}/api/validate/signature`.
pub async fn ask_anaf(
    http: &reqwest::Client,
    host_root: &str,
    xml: Vec<u8>,
    signature: Vec<u8>,
) -> Result<RemoteVerdict, RemoteCheckError> {
    let url = format!("{}/api/validate/signature", host_root.trim_end_matches('/'));
    let http_error = |source| RemoteCheckError::Http {
        url: url.clone(),
        source,
    };
    let part = |bytes: Vec<u8>, name: &'static str| {
        Part::bytes(bytes)
            .file_name(name)
            .mime_str("text/xml")
            .map_err(http_error)
    };
    let form = Form::new()
        .part("file", part(xml, "factura.xml")?)
        .part("signature", part(signature, "semnatura.xml")?);
    let response = http
        .post(&url)
        .multipart(form)
        .send()
        .await
        .map_err(http_error)?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(http_error)?;
    // ANAF answers 200 for valid and invalid alike and 400 for a malformed request, always
    // with `{"msg": ...}`; anything else is not an answer to the question.
    if status != 200 && status != 400 {
        return Err(RemoteCheckError::Status {
            status,
            body: String::from_utf8_lossy(&body).chars().take(300).collect(),
        });
    }
    let answer = SignatureCheckResponse::from_json(&body)?;
    Ok(RemoteVerdict {
        outcome: answer.outcome(),
        message: answer.msg,
    })
}
