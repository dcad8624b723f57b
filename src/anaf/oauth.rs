//! ANAF OAuth 2.0 (authorization code + refresh) through the oauth2 crate,
//! with our own reqwest client underneath (redirects off).

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    HttpClientError, HttpRequest, HttpResponse, RedirectUrl, RefreshToken, RequestTokenError,
    TokenResponse, TokenUrl,
};

use super::endpoints::AnafEndpoints;

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("ANAF refused: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Rejected {
        error: String,
        description: Option<String>,
    },
    #[error("cannot reach ANAF's OAuth server: {0}")]
    Transport(String),
    #[error("unexpected answer from ANAF's OAuth server: {0}")]
    Malformed(String),
    #[error("OAuth configuration: {0}")]
    Config(String),
}

#[derive(Debug, Clone)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
}

type ConfiguredClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

#[derive(Clone)]
pub struct AnafOAuth {
    client: ConfiguredClient,
    http: reqwest::Client,
}

impl std::fmt::Debug for AnafOAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AnafOAuth(..)")
    }
}

async fn send(
    http: reqwest::Client,
    request: HttpRequest,
) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    let (parts, body) = request.into_parts();
    let response = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .map_err(Box::new)?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(Box::new)?;
    let mut builder = http::Response::builder().status(status);
    if let Some(h) = builder.headers_mut() {
        *h = headers;
    }
    builder.body(body.to_vec()).map_err(HttpClientError::Http)
}

impl AnafOAuth {
    pub fn new(
        endpoints: &AnafEndpoints,
        client_id: &str,
        client_secret: &str,
        redirect_uri: &str,
        http: reqwest::Client,
    ) -> Result<AnafOAuth, OAuthError> {
        let config = |e: oauth2::url::ParseError| OAuthError::Config(e.to_string());
        let client = BasicClient::new(ClientId::new(client_id.to_string()))
            .set_client_secret(ClientSecret::new(client_secret.to_string()))
            .set_auth_uri(AuthUrl::new(endpoints.authorize_url()).map_err(config)?)
            .set_token_uri(TokenUrl::new(endpoints.token_url()).map_err(config)?)
            .set_redirect_uri(RedirectUrl::new(redirect_uri.to_string()).map_err(config)?);
        Ok(AnafOAuth { client, http })
    }

    /// The authorize URL with our `state` and ANAF's `token_content_type=jwt`.
    pub fn authorize_url(&self, state: &str) -> String {
        let state = state.to_string();
        let (url, _) = self
            .client
            .authorize_url(move || CsrfToken::new(state))
            .add_extra_param("token_content_type", "jwt")
            .url();
        url.to_string()
    }

    pub async fn exchange_code(&self, code: &str) -> Result<TokenPair, OAuthError> {
        let http = self.http.clone();
        let call = move |req: HttpRequest| send(http.clone(), req);
        let token = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .add_extra_param("token_content_type", "jwt")
            .request_async(&call)
            .await
            .map_err(map_error)?;
        pair(&token)
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair, OAuthError> {
        let http = self.http.clone();
        let call = move |req: HttpRequest| send(http.clone(), req);
        let refresh = RefreshToken::new(refresh_token.to_string());
        let token = self
            .client
            .exchange_refresh_token(&refresh)
            .add_extra_param("token_content_type", "jwt")
            .request_async(&call)
            .await
            .map_err(map_error)?;
        pair(&token)
    }
}

fn pair(token: &oauth2::basic::BasicTokenResponse) -> Result<TokenPair, OAuthError> {
    let refresh = token
        .refresh_token()
        .ok_or_else(|| OAuthError::Malformed("no refresh_token in the answer".into()))?;
    Ok(TokenPair {
        access_token: token.access_token().secret().clone(),
        refresh_token: refresh.secret().clone(),
    })
}

fn map_error<RE: std::error::Error + 'static>(
    e: RequestTokenError<RE, oauth2::basic::BasicErrorResponse>,
) -> OAuthError {
    match e {
        RequestTokenError::ServerResponse(r) => OAuthError::Rejected {
            error: r.error().to_string(),
            description: r.error_description().cloned(),
        },
        RequestTokenError::Request(inner) => OAuthError::Transport(inner.to_string()),
        RequestTokenError::Parse(inner, body) => OAuthError::Malformed(format!(
            "{inner}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(200)
                .collect::<String>()
        )),
        RequestTokenError::Other(s) => OAuthError::Malformed(s),
    }
}
