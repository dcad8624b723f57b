//! Encryption at rest for ANAF tokens: AES-256-GCM with a key derived
//! (HKDF-SHA256) from the instance secret, a fresh random nonce per value.
//! Stored form: base64(nonce || ciphertext+tag), prefixed with a version.

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hkdf::Hkdf;
use sha2::Sha256;

const VERSION_PREFIX: &str = "v1:";
const NONCE_LEN: usize = 12;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("encryption failed")]
    Encrypt,
    #[error("the stored value cannot be decrypted (wrong secret key or corrupted data)")]
    Decrypt,
}

#[derive(Clone)]
pub struct TokenCipher {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for TokenCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenCipher(..)")
    }
}

impl TokenCipher {
    pub fn from_secret(secret: &[u8]) -> TokenCipher {
        let hk = Hkdf::<Sha256>::new(Some(b"spvdesk"), secret);
        let mut key = [0u8; 32];
        // 32 bytes is far below HKDF's output limit, so expand cannot fail.
        let _ = hk.expand(b"anaf-token-encryption-v1", &mut key);
        TokenCipher {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)),
        }
    }

    pub fn encrypt(&self, plaintext: &str) -> Result<String, CryptoError> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .map_err(|_| CryptoError::Encrypt)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{VERSION_PREFIX}{}", STANDARD.encode(out)))
    }

    pub fn decrypt(&self, stored: &str) -> Result<String, CryptoError> {
        let encoded = stored
            .strip_prefix(VERSION_PREFIX)
            .ok_or(CryptoError::Decrypt)?;
        let bytes = STANDARD.decode(encoded).map_err(|_| CryptoError::Decrypt)?;
        if bytes.len() <= NONCE_LEN {
            return Err(CryptoError::Decrypt);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), sealed)
            .map_err(|_| CryptoError::Decrypt)?;
        String::from_utf8(plain).map_err(|_| CryptoError::Decrypt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper_detection() {
        let c = TokenCipher::from_secret(&[7u8; 64]);
        let sealed = c.encrypt("eyJhbGciOiJSUzUxMiJ9.secret").unwrap();
        assert!(!sealed.contains("secret"));
        assert_ne!(
            sealed,
            c.encrypt("eyJhbGciOiJSUzUxMiJ9.secret").unwrap(),
            "fresh nonce"
        );
        assert_eq!(c.decrypt(&sealed).unwrap(), "eyJhbGciOiJSUzUxMiJ9.secret");
        let other = TokenCipher::from_secret(&[8u8; 64]);
        assert_eq!(other.decrypt(&sealed), Err(CryptoError::Decrypt));
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push('A');
        assert_eq!(c.decrypt(&tampered), Err(CryptoError::Decrypt));
    }
}
