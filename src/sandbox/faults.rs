//! Fault injection, set through `POST /__sandbox/faults`. Triggers count down ("the next N
//! matching requests") before falling back to a probability, so tests stay deterministic.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultTrigger {
    /// Fire for the next `next` matching requests.
    pub next: u32,
    /// After that, fire with this probability (0.0–1.0).
    pub rate: f64,
}

impl FaultTrigger {
    pub fn is_armed(&self) -> bool {
        self.next > 0 || self.rate > 0.0
    }

    /// Decides one request; `roll` is a uniform sample in [0, 1).
    pub fn fire(&mut self, roll: f64) -> bool {
        if self.next > 0 {
            self.next -= 1;
            return true;
        }
        self.rate > 0.0 && roll < self.rate
    }
}

/// Forced final state for the next uploads (drives states ANAF rarely shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ForcedOutcome {
    Ok,
    Nok,
    /// `XML cu erori nepreluat de sistem`.
    Nepreluat,
}

/// Endpoint names used as keys: `upload`, `uploadb2c`, `stareMesaj`, `listaMesajeFactura`,
/// `listaMesajePaginatieFactura`, `descarcare`, `validare`, `transformare`, `signature`, or `*`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// Extra latency before every ANAF endpoint answers.
    pub latency_ms: u64,
    /// HTTP 5xx (Spring JSON body) per endpoint.
    pub http_5xx: BTreeMap<String, FaultTrigger>,
    pub http_5xx_status: Option<u16>,
    /// The F5 WAF block page, HTML with HTTP 200, per endpoint.
    pub waf_html: BTreeMap<String, FaultTrigger>,
    /// In-band "A aparut o eroare tehnica. Cod: …" per endpoint (upload, stareMesaj, validare).
    pub technical_error: BTreeMap<String, FaultTrigger>,
    pub technical_error_code: Option<String>,
    /// HTTP 429 bursts on every ANAF endpoint.
    pub too_many_requests: FaultTrigger,
    /// Upload is recorded (gets an index) but the connection is dropped before the answer.
    pub upload_accept_then_drop: FaultTrigger,
    /// `POST /anaf-oauth2/v1/revoke` answers what a live probe of ANAF got (ANAF-API.md §5.7): a
    /// 302 to the F5 login policy page, and the token stays valid.
    pub revoke_redirect: FaultTrigger,
    /// Upload is recorded, then the answer is held back `uploadTimeoutMs` (default 120 s).
    pub upload_accept_then_timeout: FaultTrigger,
    pub upload_timeout_ms: Option<u64>,
    /// Overrides of the configured delays (seconds, sandbox clock).
    pub index_lag_seconds: Option<i64>,
    pub processing_delay_seconds: Option<i64>,
    pub force_outcome: Option<ForcedOutcome>,
}

impl Faults {
    /// Looks up `endpoint`, then `*`.
    pub fn fire(map: &mut BTreeMap<String, FaultTrigger>, endpoint: &str, roll: f64) -> bool {
        if let Some(t) = map.get_mut(endpoint)
            && t.is_armed()
        {
            return t.fire(roll);
        }
        map.get_mut("*").is_some_and(|t| t.fire(roll))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_triggers_run_out() {
        let mut t = FaultTrigger { next: 2, rate: 0.0 };
        assert!(t.fire(0.9));
        assert!(t.fire(0.9));
        assert!(!t.fire(0.0));
    }

    #[test]
    fn endpoint_specific_before_wildcard() {
        let mut m = BTreeMap::new();
        m.insert("*".to_string(), FaultTrigger { next: 1, rate: 0.0 });
        assert!(Faults::fire(&mut m, "upload", 0.5));
        assert!(!Faults::fire(&mut m, "upload", 0.5));
    }
}
