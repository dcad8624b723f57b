//! STUB — to be replaced by the wire types of `crate::anaf` once they land.
//!
//! Builders for every payload ANAF sends, byte-shaped like the recorded samples: XML answers
//! with `standalone="yes"`, LF line ends and 4-space indented `Errors` children; JSON with
//! ANAF's snake_case keys; Spring-style JSON for HTTP 400/404/429.

use serde::{Deserialize, Serialize};

pub const NS_UPLOAD: &str = "mfp:anaf:dgti:spv:respUploadFisier:v1";
pub const NS_STARE: &str = "mfp:anaf:dgti:efactura:stareMesajFactura:v1";
/// Sic: ANAF spells it "Factuta".
pub const NS_ERRORS: &str = "mfp:anaf:dgti:efactura:mesajEroriFactuta:v1";

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub fn xml_attr_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

fn header_with_children(
    ns: &str,
    attrs: &[(&str, &str)],
    child: &str,
    messages: &[String],
) -> String {
    let mut out = String::from(XML_DECL);
    out.push_str(&format!("<header xmlns=\"{ns}\""));
    for (k, v) in attrs {
        out.push_str(&format!(" {k}=\"{}\"", xml_attr_escape(v)));
    }
    if messages.is_empty() {
        out.push_str("/>\n");
        return out;
    }
    out.push_str(">\n");
    for m in messages {
        out.push_str(&format!(
            "    <{child} errorMessage=\"{}\"/>\n",
            xml_attr_escape(m)
        ));
    }
    out.push_str("</header>\n");
    out
}

/// `upload` accepted: `ExecutionStatus="0"` and the new index.
pub fn upload_accepted(date_response: &str, index: &str) -> String {
    header_with_children(
        NS_UPLOAD,
        &[
            ("dateResponse", date_response),
            ("ExecutionStatus", "0"),
            ("index_incarcare", index),
        ],
        "Errors",
        &[],
    )
}

/// `upload` refused at intake: `ExecutionStatus="1"`, no index.
pub fn upload_rejected(date_response: &str, message: &str) -> String {
    header_with_children(
        NS_UPLOAD,
        &[("dateResponse", date_response), ("ExecutionStatus", "1")],
        "Errors",
        &[message.to_string()],
    )
}

/// `stareMesaj` with a state (`id_descarcare` only for `ok`/`nok`).
pub fn stare_state(stare: &str, id_descarcare: Option<&str>) -> String {
    let mut attrs = vec![("stare", stare)];
    if let Some(id) = id_descarcare {
        attrs.push(("id_descarcare", id));
    }
    header_with_children(NS_STARE, &attrs, "Errors", &[])
}

/// `stareMesaj` query error: no `stare`, one `Errors` child.
pub fn stare_error(message: &str) -> String {
    header_with_children(NS_STARE, &[], "Errors", &[message.to_string()])
}

/// The error file inside a `nok` zip (capitalised attributes, `Error` children).
pub fn error_file(index: &str, cif_emitent: &str, messages: &[String]) -> String {
    header_with_children(
        NS_ERRORS,
        &[("Index_incarcare", index), ("Cif_emitent", cif_emitent)],
        "Error",
        messages,
    )
}

/// One entry of `listaMesajeFactura` / `listaMesajePaginatieFactura`; ids are strings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ListMessage {
    pub data_creare: String,
    pub cif: String,
    pub id_solicitare: String,
    pub detalii: String,
    pub tip: String,
    pub id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimpleList {
    pub mesaje: Vec<ListMessage>,
    pub serial: String,
    pub cui: String,
    pub titlu: String,
}

/// Paging counters are JSON numbers here (unlike ids).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PagedList {
    pub mesaje: Vec<ListMessage>,
    pub numar_inregistrari_in_pagina: u64,
    pub numar_total_inregistrari_per_pagina: u64,
    pub numar_total_inregistrari: u64,
    pub numar_total_pagini: u64,
    pub index_pagina_curenta: u64,
    pub serial: String,
    pub cui: String,
    pub titlu: String,
}

/// In-band JSON error of lists and `descarcare` (`eroare` + `titlu`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JsonError {
    pub eroare: String,
    pub titlu: String,
}

pub const TITLU_LISTA: &str = "Lista Mesaje";
pub const TITLU_DESCARCARE: &str = "Descarcare mesaj";

/// Spring Boot's error body (HTTP 400/401/429/5xx): `timestamp` is `dd-MM-yyyy HH:mm:ss`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpringError {
    pub timestamp: String,
    pub status: u16,
    pub error: String,
    pub message: String,
}

pub fn spring_error(timestamp: &str, status: u16, error: &str, message: &str) -> SpringError {
    SpringError {
        timestamp: timestamp.to_string(),
        status,
        error: error.to_string(),
        message: message.to_string(),
    }
}

/// Spring Boot's 404 body uses an ISO timestamp and `path` instead of `message`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpringNotFound {
    pub timestamp: String,
    pub status: u16,
    pub error: String,
    pub path: String,
}

pub fn spring_not_found(timestamp_iso: &str, path: &str) -> SpringNotFound {
    SpringNotFound {
        timestamp: timestamp_iso.to_string(),
        status: 404,
        error: "Not Found".into(),
        path: path.to_string(),
    }
}

/// `validare` / `transformare` answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValidationAnswer {
    pub stare: String,
    #[serde(rename = "Messages", skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<ValidationMessage>>,
    pub trace_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValidationMessage {
    pub message: String,
}

/// `/api/validate/signature` answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignatureAnswer {
    pub msg: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_answers_match_ansf_layout() {
        assert_eq!(
            upload_accepted("202108051140", "3828"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<header xmlns=\"mfp:anaf:dgti:spv:respUploadFisier:v1\" dateResponse=\"202108051140\" ExecutionStatus=\"0\" index_incarcare=\"3828\"/>\n"
        );
        assert!(
            upload_rejected("1", "a\"b")
                .contains("    <Errors errorMessage=\"a&quot;b\"/>\n</header>")
        );
    }
}
