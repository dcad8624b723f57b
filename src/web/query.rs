//! Numbers from query strings (`?page=2`, `?limit=50`), read the same way by pages and the API.

use std::ops::RangeInclusive;

use super::error::AppError;

/// The whole number in `text`, `default` when the parameter is absent; anything else, or a number
/// outside `range`, is a 400 `invalid_page` whose message (`key`) names the parameter.
pub fn page_number(
    text: Option<&str>,
    default: i64,
    range: RangeInclusive<i64>,
    key: &'static str,
) -> Result<i64, AppError> {
    match text {
        None => Ok(default),
        Some(t) => t
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or(AppError::BadRequest {
                code: "invalid_page",
                key,
                detail: None,
            }),
    }
}
