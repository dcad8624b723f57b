//! Verification of both ANAF signature formats.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};

use super::c14n::{C14nMode, canonicalize_document, canonicalize_subtree};
use super::certificate::{CertificateInfo, ParsedCertificate, ValidityAtNow};
use super::dsig::{
    ALG_C14N, ALG_ENVELOPED, ALG_EXC_C14N, SignatureParts, XMLDSIG_NAMESPACE, read_signature,
    without_whitespace_text,
};
use super::{SignatureError, TrustBasis, TrustStore, Verdict};
use crate::anaf::xml_tree::{Document, Element, Node, XmlLimits, parse_with_limits};
use crate::anaf::zip::{ZipParts, read_anaf_zip};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureFormat {
    /// Current: detached `<Signature>`, digest over the raw bytes, RSA-SHA1.
    Detached,
    /// Old (2023 test environment): enveloped in a copy of the document.
    Enveloped,
}

/// Everything a verification found out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationReport {
    pub verdict: Verdict,
    pub format: SignatureFormat,
    pub certificate: CertificateInfo,
    pub trust: TrustBasis,
    /// Where `now` falls in the certificate's validity (informational; `None` without `now`).
    pub validity_at_now: Option<ValidityAtNow>,
}

/// Verifies `signature` (a `semnatura_*.xml`) against `xml` (the `{idx}.xml` next to it).
pub fn verify(xml: &[u8], signature: &[u8], trust: &TrustStore) -> Result<Verdict, SignatureError> {
    Ok(verify_report(xml, signature, trust, None)?.verdict)
}

/// As [`verify`], with the full report and the certificate's validity at `now`.
pub fn verify_at(
    xml: &[u8],
    signature: &[u8],
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> Result<VerificationReport, SignatureError> {
    verify_report(xml, signature, trust, Some(now))
}

/// Reads a `descarcare` archive safely and verifies its signature.
pub fn verify_zip(zip: &[u8], trust: &TrustStore) -> Result<(Verdict, ZipParts), SignatureError> {
    let parts = read_anaf_zip(zip)?;
    let verdict = verify(&parts.xml, &parts.signature, trust)?;
    Ok((verdict, parts))
}

pub fn verify_zip_at(
    zip: &[u8],
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> Result<(VerificationReport, ZipParts), SignatureError> {
    let parts = read_anaf_zip(zip)?;
    let report = verify_at(&parts.xml, &parts.signature, trust, now)?;
    Ok((report, parts))
}

fn verify_report(
    xml: &[u8],
    signature: &[u8],
    trust: &TrustStore,
    now: Option<DateTime<Utc>>,
) -> Result<VerificationReport, SignatureError> {
    let limits = XmlLimits::default();
    let sig_doc = parse_with_limits(signature, &limits).map_err(SignatureError::SignatureXml)?;

    let (format, signature_element, ancestors): (SignatureFormat, &Element, Vec<&Element>) =
        if is_dsig_signature(&sig_doc.root, &[]) {
            (SignatureFormat::Detached, &sig_doc.root, vec![])
        } else {
            let enveloped = sig_doc
                .root
                .child_elements()
                .filter(|e| is_dsig_signature(e, &[&sig_doc.root]))
                .last()
                .ok_or_else(|| {
                    SignatureError::Malformed(format!(
                        "no xmldsig <Signature> at the root or under <{}>",
                        sig_doc.root.local
                    ))
                })?;
            (SignatureFormat::Enveloped, enveloped, vec![&sig_doc.root])
        };
    let parts = read_signature(signature_element)?;
    let signer = ParsedCertificate::from_der(&parts.certificate_der)?;
    let key = signer.rsa_public_key()?;
    let certificate = signer.info();

    let trust_basis = trust.evaluate(&signer);
    let altered = |reason: String| Verdict::Altered { reason };
    let verdict = if !signed_info_verifies(&parts, signature_element, &ancestors, &key) {
        altered(
            "SignatureValue does not verify over SignedInfo with the embedded certificate's key"
                .to_owned(),
        )
    } else {
        match format {
            SignatureFormat::Detached => check_detached_digest(&parts, xml),
            SignatureFormat::Enveloped => check_enveloped_digests(&parts, &sig_doc, xml)?,
        }
        .map(altered)
        .unwrap_or_else(|| match &trust_basis {
            TrustBasis::NotTrusted => Verdict::UntrustedIntact {
                signer: certificate.subject.clone(),
            },
            _ => Verdict::TrustedIntact {
                signer: certificate.subject.clone(),
            },
        })
    };
    Ok(VerificationReport {
        verdict,
        format,
        trust: trust_basis,
        validity_at_now: now.map(|n| certificate.validity_at(n)),
        certificate,
    })
}

fn is_dsig_signature(e: &Element, ancestors: &[&Element]) -> bool {
    e.local == "Signature" && e.namespace_uri(ancestors) == XMLDSIG_NAMESPACE
}

/// RSA check of SignedInfo, first strictly, then with whitespace-only text dropped (the old
/// format was pretty-printed after signing).
fn signed_info_verifies(
    parts: &SignatureParts<'_>,
    signature_element: &Element,
    ancestors: &[&Element],
    key: &rsa::PublicKey,
) -> bool {
    let mut chain: Vec<&Element> = ancestors.to_vec();
    chain.push(signature_element);
    let check = |signed_info: &Element| {
        let canonical = canonicalize_subtree(signed_info, &chain, parts.c14n);
        let hash = parts.signature_hash.digest(canonical.as_bytes());
        key.verify(
            parts.signature_hash.pkcs1v15(),
            &hash,
            &parts.signature_value,
        )
        .is_ok()
    };
    check(parts.signed_info) || check(&without_whitespace_text(parts.signed_info))
}

/// Current format: the digest is over the raw bytes. Returns the reason when altered.
fn check_detached_digest(parts: &SignatureParts<'_>, xml: &[u8]) -> Option<String> {
    if parts.digest_hash.digest(xml) == parts.digest_value {
        None
    } else {
        Some(format!(
            "the XML file's digest does not match DigestValue {} (the file was changed after \
             ANAF signed it)",
            STANDARD.encode(&parts.digest_value)
        ))
    }
}

/// Old format: the document inside the signature file must match DigestValue, and so must the
/// `{idx}.xml` member, canonicalised. Returns the reason when altered.
fn check_enveloped_digests(
    parts: &SignatureParts<'_>,
    sig_doc: &Document,
    xml: &[u8],
) -> Result<Option<String>, SignatureError> {
    if !parts.transforms.iter().any(|t| t == ALG_ENVELOPED) {
        return Err(SignatureError::Unsupported(
            "enveloped signature without the enveloped-signature transform".to_owned(),
        ));
    }
    let mode = if parts.transforms.iter().any(|t| t == ALG_EXC_C14N) {
        C14nMode::Exclusive
    } else if parts
        .transforms
        .iter()
        .all(|t| t == ALG_ENVELOPED || t == ALG_C14N)
    {
        C14nMode::Inclusive
    } else {
        return Err(SignatureError::Unsupported(format!(
            "transforms {:?}",
            parts.transforms
        )));
    };
    let matches = |doc: &Document| {
        parts
            .digest_hash
            .digest(canonicalize_document(doc, mode).as_bytes())
            == parts.digest_value
    };
    let strict = without_signature(sig_doc, false);
    let lenient = without_signature(sig_doc, true);
    if !matches(&strict) && !matches(&lenient) {
        return Ok(Some(
            "the document inside the signature file does not match its DigestValue".to_owned(),
        ));
    }
    let member =
        parse_with_limits(xml, &XmlLimits::default()).map_err(SignatureError::DocumentXml)?;
    if !matches(&member) {
        return Ok(Some(
            "the XML file differs from the document ANAF signed (the signature file itself is \
             intact)"
                .to_owned(),
        ));
    }
    Ok(None)
}

/// The signature file's document with the enveloped Signature removed; with `drop_after`,
/// also the whitespace-only text right after it.
fn without_signature(doc: &Document, drop_after: bool) -> Document {
    let mut copy = doc.clone();
    let children = &mut copy.root.children;
    if let Some(pos) = children
        .iter()
        .rposition(|n| matches!(n, Node::Element(e) if is_dsig_signature(e, &[&doc.root])))
    {
        children.remove(pos);
        if drop_after
            && let Some(Node::Text(t)) = children.get(pos)
            && t.trim().is_empty()
        {
            children.remove(pos);
        }
        // Adjacent text nodes left behind canonicalise exactly like one merged node.
    }
    copy
}
