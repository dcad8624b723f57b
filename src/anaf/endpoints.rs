//! Where ANAF lives for each mode. In sandbox mode the simulator is mounted
//! in this very process under `/sandbox`, so the URLs point back at us.

use crate::config::AnafMode;

pub const ANAF_OAUTH_BASE: &str = "https://logincert.anaf.ro/anaf-oauth2/v1";
pub const ANAF_API_HOST: &str = "https://api.anaf.ro";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnafEndpoints {
    /// `…/anaf-oauth2/v1` (authorize, token, revoke below it).
    pub oauth_base: String,
    /// `…/prod/FCTEL/rest` or `…/test/FCTEL/rest`.
    pub api_base: String,
    /// Host root for `/api/validate/signature`.
    pub host_root: String,
}

impl AnafEndpoints {
    /// `self_url` is this instance's own base URL (for the sandbox).
    pub fn for_mode(mode: AnafMode, self_url: &str) -> AnafEndpoints {
        match mode {
            AnafMode::Sandbox => {
                let root = format!("{}/sandbox", self_url.trim_end_matches('/'));
                AnafEndpoints {
                    oauth_base: format!("{root}/anaf-oauth2/v1"),
                    api_base: format!("{root}/prod/FCTEL/rest"),
                    host_root: root,
                }
            }
            AnafMode::Test => AnafEndpoints {
                oauth_base: ANAF_OAUTH_BASE.to_string(),
                api_base: format!("{ANAF_API_HOST}/test/FCTEL/rest"),
                host_root: ANAF_API_HOST.to_string(),
            },
            AnafMode::Prod => AnafEndpoints {
                oauth_base: ANAF_OAUTH_BASE.to_string(),
                api_base: format!("{ANAF_API_HOST}/prod/FCTEL/rest"),
                host_root: ANAF_API_HOST.to_string(),
            },
        }
    }

    pub fn authorize_url(&self) -> String {
        format!("{}/authorize", self.oauth_base)
    }

    pub fn token_url(&self) -> String {
        format!("{}/token", self.oauth_base)
    }

    pub fn revoke_url(&self) -> String {
        format!("{}/revoke", self.oauth_base)
    }
}
