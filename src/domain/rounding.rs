//! EN 16931 rounding: amounts are stated with at most two decimals (BR-DEC-*),
//! rounded half away from zero, as commercial practice and ANAF's examples do.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round to two decimals, half away from zero.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Round to two decimals and always show two (so `5` is written `5.00`).
pub fn money(value: Decimal) -> Decimal {
    let mut v = round2(value);
    v.rescale(2);
    v
}

/// Amount in minor units (bani, cents), as the database stores money.
/// `None` when the amount has more than two decimals or does not fit.
pub fn to_minor_units(amount: Decimal) -> Option<i64> {
    let scaled = amount.checked_mul(Decimal::ONE_HUNDRED)?;
    if scaled.fract() != Decimal::ZERO {
        return None;
    }
    i64::try_from(scaled.trunc()).ok()
}

/// Amount from minor units, with two decimals.
pub fn from_minor_units(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn half_away_from_zero() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(round2(d("2.345")), d("2.35"));
        assert_eq!(round2(d("-2.345")), d("-2.35"));
        assert_eq!(money(d("5")).to_string(), "5.00");
    }

    #[test]
    fn minor_units() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(to_minor_units(d("12.34")), Some(1234));
        assert_eq!(to_minor_units(d("-0.5")), Some(-50));
        assert_eq!(to_minor_units(d("1.005")), None);
        assert_eq!(to_minor_units(Decimal::MAX), None);
        assert_eq!(from_minor_units(1234).to_string(), "12.34");
    }
}
