//! ANAF e-Factura wire payloads: one file per payload family.
//!
//! Every type here is used by both sides: our client parses ANAF's bodies with `from_xml` /
//! `from_json` / `from_body`, and our local simulator produces them with `to_xml` / `to_json`,
//! which write ANAF's exact shape (root, namespace, attribute order, declaration). XML is
//! matched by *local name* only, because namespaces differ between documents and clients.
//!
//! ANAF answers business errors with HTTP 200, in five shapes (upload/stareMesaj XML `Errors`,
//! error-file XML `Error`, JSON `eroare`, validare JSON `Messages`, Spring-style JSON for 400):
//! [`anaf_error::AnafError::classify`] turns any of their texts into one enum.

pub mod anaf_error;
pub mod body;
pub mod descarcare;
pub mod error_file;
mod json_lenient;
pub mod lista;
pub mod rasp;
pub mod signature_check;
pub mod spring_error;
pub mod stare_mesaj;
pub mod texts;
pub mod timestamp;
pub mod upload;
pub mod validare;
pub mod waf;
mod xml_out;

pub use anaf_error::AnafError;
pub use body::{BodyKind, sniff};
pub use descarcare::DescarcareResponse;
pub use error_file::ErrorFile;
pub use lista::{ListaMesaje, ListaResponse, Mesaj, MessageKind};
pub use rasp::RaspMessage;
pub use signature_check::{SignatureCheckOutcome, SignatureCheckResponse};
pub use spring_error::SpringError;
pub use stare_mesaj::{Stare, StareMesajResponse};
pub use upload::UploadResponse;
pub use validare::{TransformareResponse, ValidareMessage, ValidareResponse};
pub use waf::looks_like_waf_html;

use crate::anaf::xml_tree::XmlError;

/// Why a body could not be read as the expected ANAF payload.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("{payload}: not well-formed XML: {source}")]
    Xml {
        payload: &'static str,
        #[source]
        source: XmlError,
    },
    #[error("{payload}: not valid JSON: {source}")]
    Json {
        payload: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("{payload}: expected root element <{expected}>, found <{found}>")]
    UnexpectedRoot {
        payload: &'static str,
        expected: &'static str,
        found: String,
    },
    #[error("{payload}: missing {what}")]
    Missing {
        payload: &'static str,
        what: &'static str,
    },
    #[error("{payload}: invalid value {value:?} for {what}")]
    InvalidValue {
        payload: &'static str,
        what: &'static str,
        value: String,
    },
    #[error("{payload}: unrecognised body ({kind:?}, starts with {start:?})")]
    UnrecognisedBody {
        payload: &'static str,
        kind: BodyKind,
        start: String,
    },
    #[error("the ANAF edge firewall (F5 WAF) answered with an HTML block page")]
    WafBlocked,
}

/// Bodies of ANAF answers that are XML are small; this keeps a hostile body from costing much.
pub(crate) const MAX_RESPONSE_XML_BYTES: usize = 1024 * 1024;

pub(crate) fn parse_response_xml(
    body: &[u8],
    payload: &'static str,
) -> Result<crate::anaf::xml_tree::Document, WireError> {
    if looks_like_waf_html(body) {
        return Err(WireError::WafBlocked);
    }
    let limits = crate::anaf::xml_tree::XmlLimits {
        max_bytes: MAX_RESPONSE_XML_BYTES,
        max_depth: 16,
    };
    crate::anaf::xml_tree::parse_with_limits(body, &limits)
        .map_err(|source| WireError::Xml { payload, source })
}

/// Checks the root's local name (the namespace is deliberately not checked).
pub(crate) fn expect_root<'a>(
    doc: &'a crate::anaf::xml_tree::Document,
    payload: &'static str,
    expected: &'static str,
) -> Result<&'a crate::anaf::xml_tree::Element, WireError> {
    if doc.root.local == expected {
        Ok(&doc.root)
    } else {
        Err(WireError::UnexpectedRoot {
            payload,
            expected,
            found: doc.root.local.clone(),
        })
    }
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(
    body: &[u8],
    payload: &'static str,
) -> Result<T, WireError> {
    if looks_like_waf_html(body) {
        return Err(WireError::WafBlocked);
    }
    json_lenient::from_slice_tolerating_stray_closers(body)
        .map_err(|source| WireError::Json { payload, source })
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and integers cannot fail; fall back to an empty
    // object rather than panicking if it ever did.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}
