//! Reading the parts of an XML-DSig `Signature` element that ANAF's two formats use.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rsa::pkcs1v15::Pkcs1v15Sign;
use sha1::Sha1;
use sha2_11::{Digest, Sha256, Sha512};

use super::SignatureError;
use super::c14n::C14nMode;
use crate::anaf::xml_tree::{Element, Node};

pub const XMLDSIG_NAMESPACE: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const ALG_C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
pub const ALG_EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const ALG_RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
pub const ALG_RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
pub const ALG_RSA_SHA512: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
pub const ALG_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
pub const ALG_SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
pub const ALG_SHA512: &str = "http://www.w3.org/2001/04/xmlenc#sha512";
pub const ALG_ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlgorithm {
    Sha1,
    Sha256,
    Sha512,
}

impl HashAlgorithm {
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    pub fn pkcs1v15(self) -> Pkcs1v15Sign {
        match self {
            Self::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
            Self::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Self::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        }
    }
}

pub(crate) struct SignatureParts<'a> {
    pub signed_info: &'a Element,
    pub c14n: C14nMode,
    pub signature_hash: HashAlgorithm,
    pub digest_hash: HashAlgorithm,
    pub transforms: Vec<String>,
    pub digest_value: Vec<u8>,
    pub signature_value: Vec<u8>,
    pub certificate_der: Vec<u8>,
}

fn child<'a>(parent: &'a Element, local: &'static str) -> Result<&'a Element, SignatureError> {
    parent.child(local).ok_or(SignatureError::Malformed(format!(
        "<{}> has no <{local}>",
        parent.local
    )))
}

fn algorithm(element: &Element) -> Result<&str, SignatureError> {
    element
        .attribute("Algorithm")
        .map(str::trim)
        .ok_or(SignatureError::Malformed(format!(
            "<{}> has no Algorithm",
            element.local
        )))
}

/// Base64 with any whitespace (ANAF wraps lines with CR LF) removed first.
pub(crate) fn decode_base64(text: &str, what: &str) -> Result<Vec<u8>, SignatureError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD
        .decode(compact)
        .map_err(|e| SignatureError::Malformed(format!("{what} is not base64: {e}")))
}

pub(crate) fn read_signature(signature: &Element) -> Result<SignatureParts<'_>, SignatureError> {
    let signed_info = child(signature, "SignedInfo")?;
    let c14n_uri = algorithm(child(signed_info, "CanonicalizationMethod")?)?;
    let c14n = C14nMode::from_algorithm(c14n_uri)
        .ok_or_else(|| SignatureError::Unsupported(format!("canonicalization {c14n_uri}")))?;
    let signature_hash = match algorithm(child(signed_info, "SignatureMethod")?)? {
        ALG_RSA_SHA1 => HashAlgorithm::Sha1,
        ALG_RSA_SHA256 => HashAlgorithm::Sha256,
        ALG_RSA_SHA512 => HashAlgorithm::Sha512,
        other => {
            return Err(SignatureError::Unsupported(format!(
                "signature method {other}"
            )));
        }
    };
    let references: Vec<&Element> = signed_info
        .child_elements()
        .filter(|e| e.local == "Reference")
        .collect();
    let [reference] = references.as_slice() else {
        return Err(SignatureError::Unsupported(format!(
            "{} Reference elements (ANAF uses exactly one)",
            references.len()
        )));
    };
    let digest_hash = match algorithm(child(reference, "DigestMethod")?)? {
        ALG_SHA1 => HashAlgorithm::Sha1,
        ALG_SHA256 => HashAlgorithm::Sha256,
        ALG_SHA512 => HashAlgorithm::Sha512,
        other => {
            return Err(SignatureError::Unsupported(format!(
                "digest method {other}"
            )));
        }
    };
    let transforms = match reference.child("Transforms") {
        Some(t) => t
            .child_elements()
            .filter(|e| e.local == "Transform")
            .map(|e| algorithm(e).map(str::to_owned))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let digest_value = decode_base64(&child(reference, "DigestValue")?.text(), "DigestValue")?;
    let signature_value = decode_base64(
        &child(signature, "SignatureValue")?.text(),
        "SignatureValue",
    )?;
    let certificate = child(
        child(child(signature, "KeyInfo")?, "X509Data")?,
        "X509Certificate",
    )?;
    let certificate_der = decode_base64(&certificate.text(), "X509Certificate")?;
    Ok(SignatureParts {
        signed_info,
        c14n,
        signature_hash,
        digest_hash,
        transforms,
        digest_value,
        signature_value,
        certificate_der,
    })
}

/// A copy of `element` without whitespace-only text nodes anywhere below it. ANAF's old
/// format had line breaks added inside `Signature` after it was signed.
pub(crate) fn without_whitespace_text(element: &Element) -> Element {
    let mut copy = element.clone();
    strip(&mut copy);
    copy
}

fn strip(element: &mut Element) {
    element
        .children
        .retain(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
    for n in &mut element.children {
        if let Node::Element(e) = n {
            strip(e);
        }
    }
}
