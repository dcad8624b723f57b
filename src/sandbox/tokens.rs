//! Token store operations: minting (OAuth or control API), bearer checks, authorization codes,
//! refresh with rotation, revocation. Tokens are stored only as SHA-256 hashes.

use super::core::{Sandbox, SandboxError, random_hex, sha256_hex};
use super::jwt::{self, JwtClaims};
use super::state::{AuthCode, State, TokenKind, TokenRecord};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
}

/// OAuth errors, answered as HTTP 400 `{"error","error_description"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    fn new(error: &'static str, description: impl Into<String>) -> Self {
        OAuthError {
            error,
            description: description.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    Missing,
    Invalid,
    Expired,
}

/// What a valid bearer token grants.
#[derive(Debug, Clone)]
pub struct Grant {
    pub cifs: Vec<String>,
    pub serial: String,
}

impl Grant {
    pub fn has(&self, cif: &str) -> bool {
        self.cifs.iter().any(|c| c == cif)
    }
}

impl Sandbox {
    #[allow(clippy::too_many_arguments)]
    fn mint_pair_locked(
        &self,
        state: &mut State,
        now: DateTime<Utc>,
        cifs: &[String],
        client_id: &str,
        serial: &str,
        access_seconds: i64,
        refresh_seconds: i64,
    ) -> Result<TokenPair, SandboxError> {
        let mut mint = |kind: TokenKind, seconds: i64| -> Result<String, SandboxError> {
            let expires_at = now + Duration::seconds(seconds);
            let jti = random_hex(16);
            let token = jwt::mint(
                &self.jwt_key,
                &JwtClaims {
                    token_type: match kind {
                        TokenKind::Access => "access",
                        TokenKind::Refresh => "refresh",
                    },
                    serial,
                    client_id,
                    issued_at: now,
                    expires_at,
                    jti: &jti,
                },
            )?;
            state.core.tokens.insert(
                sha256_hex(token.as_bytes()),
                TokenRecord {
                    kind,
                    cifs: cifs.to_vec(),
                    client_id: client_id.to_string(),
                    serial: serial.to_string(),
                    issued_at: now,
                    expires_at,
                    revoked: false,
                },
            );
            Ok(token)
        };
        state.core_dirty = true;
        let access_token = mint(TokenKind::Access, access_seconds)?;
        let refresh_token = mint(TokenKind::Refresh, refresh_seconds)?;
        state.core.known_cifs.extend(cifs.iter().cloned());
        Ok(TokenPair {
            access_token,
            refresh_token,
            token_type: "Bearer",
            expires_in: access_seconds,
        })
    }

    /// Control API: a token pair without the browser step.
    pub fn mint_tokens(
        &self,
        cifs: &[String],
        access_seconds: Option<i64>,
    ) -> Result<TokenPair, SandboxError> {
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        let pair = self.mint_pair_locked(
            &mut inner.state,
            now,
            cifs,
            "sandbox-control",
            &random_hex(15),
            access_seconds.unwrap_or(self.cfg.access_token_seconds),
            self.cfg.refresh_token_seconds,
        )?;
        self.save(&mut inner.state)?;
        Ok(pair)
    }

    pub fn authenticate(&self, bearer: Option<&str>) -> Result<Grant, AuthFailure> {
        let token = bearer.ok_or(AuthFailure::Missing)?;
        let inner = self.lock();
        let now = Self::now_of(&inner.state);
        let record = inner
            .state
            .core
            .tokens
            .get(&sha256_hex(token.as_bytes()))
            .filter(|r| r.kind == TokenKind::Access && !r.revoked)
            .ok_or(AuthFailure::Invalid)?;
        if record.expires_at <= now {
            return Err(AuthFailure::Expired);
        }
        Ok(Grant {
            cifs: record.cifs.clone(),
            serial: record.serial.clone(),
        })
    }

    /// The certificate prompt was answered: remember a one-time code.
    pub fn create_auth_code(
        &self,
        client_id: &str,
        redirect_uri: &str,
        cifs: Vec<String>,
    ) -> Result<String, SandboxError> {
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        let code = random_hex(20);
        inner.state.core_dirty = true;
        // Expired codes are dropped here so the store cannot grow without bound.
        let ttl = Duration::seconds(self.cfg.code_ttl_seconds.max(0) * 10);
        inner
            .state
            .core
            .auth_codes
            .retain(|_, c| now - c.created_at < ttl);
        inner.state.core.auth_codes.insert(
            sha256_hex(code.as_bytes()),
            AuthCode {
                client_id: client_id.to_string(),
                redirect_uri: redirect_uri.to_string(),
                cifs,
                serial: random_hex(15),
                created_at: now,
            },
        );
        self.save(&mut inner.state)?;
        Ok(code)
    }

    pub fn exchange_code(
        &self,
        client_id: &str,
        code: &str,
        redirect_uri: Option<&str>,
    ) -> Result<Result<TokenPair, OAuthError>, SandboxError> {
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        // A code is single-use: it is removed whatever the outcome.
        let Some(entry) = inner
            .state
            .core
            .auth_codes
            .remove(&sha256_hex(code.as_bytes()))
        else {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Invalid authorization code",
            )));
        };
        inner.state.core_dirty = true;
        self.save(&mut inner.state)?;
        if entry.client_id != client_id {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Authorization code was issued to another client",
            )));
        }
        if redirect_uri.is_some_and(|r| r != entry.redirect_uri) {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "redirect_uri does not match",
            )));
        }
        if now - entry.created_at > Duration::seconds(self.cfg.code_ttl_seconds) {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Authorization code is expired",
            )));
        }
        let pair = self.mint_pair_locked(
            &mut inner.state,
            now,
            &entry.cifs,
            client_id,
            &entry.serial,
            self.cfg.access_token_seconds,
            self.cfg.refresh_token_seconds,
        )?;
        self.save(&mut inner.state)?;
        Ok(Ok(pair))
    }

    /// Rotation: the old refresh token stops working once used.
    pub fn refresh(
        &self,
        client_id: &str,
        refresh_token: &str,
    ) -> Result<Result<TokenPair, OAuthError>, SandboxError> {
        let mut inner = self.lock();
        let now = Self::now_of(&inner.state);
        let key = sha256_hex(refresh_token.as_bytes());
        let Some(record) = inner
            .state
            .core
            .tokens
            .get(&key)
            .filter(|r| r.kind == TokenKind::Refresh)
            .cloned()
        else {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Invalid refresh token",
            )));
        };
        if record.revoked {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Refresh Token status is revoked",
            )));
        }
        if record.expires_at <= now {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Refresh Token status is expired",
            )));
        }
        // Tokens minted through the control API belong to no application, so
        // whichever client holds them may refresh them (handy for demos and tests).
        if record.client_id != client_id && record.client_id != "sandbox-control" {
            return Ok(Err(OAuthError::new(
                "invalid_grant",
                "Refresh token was issued to another client",
            )));
        }
        if let Some(r) = inner.state.core.tokens.get_mut(&key) {
            r.revoked = true;
            inner.state.core_dirty = true;
        }
        let pair = self.mint_pair_locked(
            &mut inner.state,
            now,
            &record.cifs,
            client_id,
            &record.serial,
            self.cfg.access_token_seconds,
            self.cfg.refresh_token_seconds,
        )?;
        self.save(&mut inner.state)?;
        Ok(Ok(pair))
    }

    /// Revokes one token (access or refresh); unknown tokens are ignored (RFC 7009).
    pub fn revoke(&self, token: &str) -> Result<(), SandboxError> {
        let mut inner = self.lock();
        if let Some(r) = inner
            .state
            .core
            .tokens
            .get_mut(&sha256_hex(token.as_bytes()))
        {
            r.revoked = true;
            inner.state.core_dirty = true;
            self.save(&mut inner.state)?;
        }
        Ok(())
    }
}
