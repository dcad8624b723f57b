//! Does a token have SPV rights on a CIF? The cheapest call that tells is
//! the simple message list for one day: ANAF answers (HTTP 200) with
//! messages, with "no messages", or with a rights error.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rights {
    Covered,
    NotCovered(String),
    /// The check itself failed (network, WAF page, quota); say so rather than guess.
    Unknown(String),
}

/// Classifies the JSON body of `listaMesajeFactura`.
pub fn classify_list_answer(status: u16, body: &str) -> Rights {
    if status == 401 || status == 403 {
        return Rights::NotCovered(format!("HTTP {status}"));
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(body) else {
        return Rights::Unknown(format!(
            "HTTP {status}: {}",
            body.chars().take(120).collect::<String>()
        ));
    };
    if json.get("mesaje").is_some() {
        return Rights::Covered;
    }
    match json.get("eroare").and_then(|e| e.as_str()) {
        Some(text) => {
            let lower = text.to_lowercase();
            if lower.contains("nu exista mesaje") {
                Rights::Covered
            } else if lower.contains("drept") {
                Rights::NotCovered(text.to_string())
            } else {
                Rights::Unknown(text.to_string())
            }
        }
        None => Rights::Unknown(format!("HTTP {status}: unexpected answer")),
    }
}

pub async fn check(
    http: &reqwest::Client,
    api_base: &str,
    access_token: &str,
    cif_digits: &str,
) -> Rights {
    let url = format!("{api_base}/listaMesajeFactura");
    let response = http
        .get(url)
        .query(&[("zile", "1"), ("cif", cif_digits)])
        .bearer_auth(access_token)
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    match response {
        Err(e) => Rights::Unknown(e.to_string()),
        Ok(r) => {
            let status = r.status().as_u16();
            let body = r.text().await.unwrap_or_default();
            classify_list_answer(status, &body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_anaf_answers() {
        assert_eq!(
            classify_list_answer(
                200,
                r#"{"eroare":"Nu exista mesaje in ultimele 1 zile","titlu":"Lista Mesaje"}"#
            ),
            Rights::Covered
        );
        assert_eq!(
            classify_list_answer(200, r#"{"mesaje":[],"serial":"x","cui":"1","titlu":"t"}"#),
            Rights::Covered
        );
        assert!(matches!(
            classify_list_answer(
                200,
                r#"{"eroare":"Nu aveti drept in SPV pentru CIF=123","titlu":"Lista Mesaje"}"#
            ),
            Rights::NotCovered(_)
        ));
        assert!(matches!(
            classify_list_answer(200, "<html>The requested URL was rejected</html>"),
            Rights::Unknown(_)
        ));
    }
}
