//! ANAF OAuth 2.0 (authorization code + refresh) through the oauth2 crate,
//! with our own reqwest client underneath (redirects off).

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    HttpClientError, HttpRequest, HttpResponse, RedirectUrl, RefreshToken, RequestTokenError,
    RevocationUrl, StandardRevocableToken, TokenResponse, TokenUrl,
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

/// Which of a token pair to revoke (RFC 7009's `token_type_hint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Access,
    Refresh,
}

type ConfiguredClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointSet, EndpointSet>;

#[derive(Clone)]
pub struct AnafOAuth {
    client: ConfiguredClient,
    http: reqwest::Client,
    /// The revocation endpoint is plain HTTP: the built-in sandbox on this machine. The oauth2
    /// crate only revokes at `https://` URLs (RFC 7009 says clients must check), so it is given
    /// the `https://` form and [`send_revocation`] goes back to `http://` for this one endpoint.
    plain_http_revocation: bool,
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
        let revoke_url = endpoints.revoke_url();
        let plain_http_revocation = revoke_url.starts_with("http://");
        let revoke_url = match revoke_url.strip_prefix("http://") {
            Some(rest) => format!("https://{rest}"),
            None => revoke_url,
        };
        let client = BasicClient::new(ClientId::new(client_id.to_string()))
            .set_client_secret(ClientSecret::new(client_secret.to_string()))
            .set_auth_uri(AuthUrl::new(endpoints.authorize_url()).map_err(config)?)
            .set_token_uri(TokenUrl::new(endpoints.token_url()).map_err(config)?)
            .set_revocation_url(RevocationUrl::new(revoke_url).map_err(config)?)
            .set_redirect_uri(RedirectUrl::new(redirect_uri.to_string()).map_err(config)?);
        Ok(AnafOAuth {
            client,
            http,
            plain_http_revocation,
        })
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

    /// Asks ANAF to revoke one token (RFC 7009: `token` and `token_type_hint`, client
    /// credentials). ANAF's answer is the only confirmation: any status but 200 is an error.
    pub async fn revoke(&self, token: &str, kind: TokenKind) -> Result<(), OAuthError> {
        let (http, plain) = (self.http.clone(), self.plain_http_revocation);
        let call = move |req: HttpRequest| send_revocation(http.clone(), plain, req);
        let token = match kind {
            TokenKind::Access => {
                StandardRevocableToken::AccessToken(oauth2::AccessToken::new(token.to_string()))
            }
            TokenKind::Refresh => {
                StandardRevocableToken::RefreshToken(RefreshToken::new(token.to_string()))
            }
        };
        self.client
            .revoke_token(token)
            .map_err(|e| OAuthError::Config(e.to_string()))?
            .request_async(&call)
            .await
            .map_err(map_error)
    }
}

/// [`send`] for the revocation endpoint, back on `http://` when it is plain HTTP (see
/// [`AnafOAuth::plain_http_revocation`]).
async fn send_revocation(
    http: reqwest::Client,
    plain_http: bool,
    mut request: HttpRequest,
) -> Result<HttpResponse, HttpClientError<reqwest::Error>> {
    if plain_http {
        let uri = request.uri().to_string();
        if let Some(rest) = uri.strip_prefix("https://") {
            *request.uri_mut() = format!("http://{rest}")
                .parse()
                .map_err(|e: http::uri::InvalidUri| HttpClientError::Other(e.to_string()))?;
        }
    }
    send(http, request).await
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

/// One mapping for the token and the revocation endpoints' errors (their error codes differ).
fn map_error<RE: std::error::Error + 'static, T: oauth2::ErrorResponseType + std::fmt::Display>(
    e: RequestTokenError<RE, oauth2::StandardErrorResponse<T>>,
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
