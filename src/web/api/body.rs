//! Request bodies read with a size limit: refused as soon as the limit is passed, without
//! buffering the rest.

use actix_web::web;
use futures_util::StreamExt;

use crate::web::error::AppError;

/// The whole body, at most `max` bytes, not empty.
pub async fn read_limited(
    mut payload: web::Payload,
    max: usize,
) -> Result<web::BytesMut, AppError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest {
            code: "invalid_body",
            key: "error.validate_body",
            detail: Some(e.to_string()),
        })?;
        if body.len() + chunk.len() > max {
            return Err(AppError::BadRequest {
                code: "payload_too_large",
                key: "error.validate_too_large",
                detail: None,
            });
        }
        body.extend_from_slice(&chunk);
    }
    if body.is_empty() {
        return Err(AppError::BadRequest {
            code: "empty_body",
            key: "error.validate_empty",
            detail: None,
        });
    }
    Ok(body)
}
