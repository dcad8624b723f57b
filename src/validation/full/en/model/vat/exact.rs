//! Exact comparison of an `xs:double` with an `xs:decimal`.
//!
//! BR-S-08, BR-IG-08 and BR-IP-08 write `../xs:decimal(cbc:TaxableAmount - 1) < sum(...)`: the
//! untyped amount minus 1 is computed in `xs:double`, then cast to `xs:decimal`. Saxon makes that
//! cast exact (the full binary expansion, checked with the oracle: a taxable amount of 1000.30
//! gives 999.29999999999995...), so `1000.30` against a line sum of `999.30` holds although the
//! decimal difference is exactly 1. The expansion can need hundreds of digits, more than
//! `rust_decimal` keeps, so the comparison is done on integers scaled to a common denominator.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// `xs:decimal(x)` compared with `d`; `None` when `x` is NaN or infinite (the cast fails).
pub fn compare(x: f64, d: Decimal) -> Option<Ordering> {
    if !x.is_finite() {
        return None;
    }
    let d_sign = d.mantissa().signum();
    let x_sign = if x == 0.0 {
        0
    } else if x < 0.0 {
        -1
    } else {
        1
    };
    if x_sign != d_sign || x_sign == 0 {
        return Some(x_sign.cmp(&d_sign));
    }
    let magnitude = compare_magnitudes(x.abs(), d.mantissa().unsigned_abs(), d.scale());
    Some(if x_sign < 0 {
        magnitude.reverse()
    } else {
        magnitude
    })
}

/// `x` (positive, finite) against `n / 10^scale`.
fn compare_magnitudes(x: f64, n: u128, scale: u32) -> Ordering {
    // The double nearest the decimal is within a few units in the last place of it (the casts
    // and the division each round once): when `x` is further away than a millionth of a
    // millionth, the doubles' order is the exact one, without the 1 170-bit integers below.
    // That is every taxable amount whose window of ±1 does not end on the sum.
    let approx = n as f64 / 10f64.powi(scale.try_into().unwrap_or(i32::MAX));
    let margin = approx * 1e-12;
    if x > approx + margin {
        return Ordering::Greater;
    }
    if x < approx - margin {
        return Ordering::Less;
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = m * 2^e exactly.
    let (m, e) = if raw_exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), raw_exp - 1075)
    };
    // Compare m * 2^e * 10^scale with n, both sides multiplied by 2^max(0, -e).
    let mut left = Big::from(u128::from(m));
    for _ in 0..scale {
        left.mul_small(10);
    }
    let mut right = Big::from(n);
    if e >= 0 {
        left.shl(e.unsigned_abs());
    } else {
        right.shl(e.unsigned_abs());
    }
    left.cmp(&right)
}

/// A fixed-width unsigned integer, wide enough for 2^1074 * 2^96 (1 170 bits).
#[derive(PartialEq, Eq)]
struct Big([u64; LIMBS]);

const LIMBS: usize = 20;

impl From<u128> for Big {
    fn from(v: u128) -> Self {
        let mut limbs = [0u64; LIMBS];
        limbs[0] = v as u64;
        limbs[1] = (v >> 64) as u64;
        Big(limbs)
    }
}

impl Big {
    fn mul_small(&mut self, k: u64) {
        let mut carry = 0u128;
        for limb in self.0.iter_mut() {
            let p = u128::from(*limb) * u128::from(k) + carry;
            *limb = p as u64;
            carry = p >> 64;
        }
    }

    fn shl(&mut self, bits: u32) {
        let words = (bits / 64) as usize;
        let rest = bits % 64;
        if words >= LIMBS {
            self.0 = [0; LIMBS];
            return;
        }
        for i in (0..LIMBS).rev() {
            let lower = if i >= words { self.0[i - words] } else { 0 };
            let below = if i > words { self.0[i - words - 1] } else { 0 };
            self.0[i] = if rest == 0 {
                lower
            } else {
                (lower << rest) | (below >> (64 - rest))
            };
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_binary_expansion_decides() {
        // 1000.30 - 1 = 999.2999999999999545... in binary.
        assert_eq!(compare(1000.30 - 1.0, dec("999.30")), Some(Ordering::Less));
        // 1001.10 + 1 = 1002.1000000000000227...
        assert_eq!(
            compare(1001.10 + 1.0, dec("1002.10")),
            Some(Ordering::Greater)
        );
        assert_eq!(compare(999.0, dec("999.00")), Some(Ordering::Equal));
        assert_eq!(compare(0.5, dec("0.5")), Some(Ordering::Equal));
        assert_eq!(compare(-0.1, dec("-0.1")), Some(Ordering::Less));
        assert_eq!(compare(0.1, dec("0.1")), Some(Ordering::Greater));
        assert_eq!(compare(-3.0, dec("2")), Some(Ordering::Less));
        assert_eq!(compare(0.0, dec("-0.01")), Some(Ordering::Greater));
        assert_eq!(compare(0.0, dec("0.00")), Some(Ordering::Equal));
        assert_eq!(
            compare(1e300, dec("79228162514264337593543950335")),
            Some(Ordering::Greater)
        );
        assert_eq!(
            compare(5e-324, dec("0.0000000000000000000000000001")),
            Some(Ordering::Less)
        );
        // Far apart (the doubles decide) and a hair apart (the integers do).
        assert_eq!(compare(999.3, dec("1000.30")), Some(Ordering::Less));
        assert_eq!(compare(1001.3, dec("1000.30")), Some(Ordering::Greater));
        assert_eq!(
            compare(1000.3, dec("1000.3000000000000000000001")),
            Some(Ordering::Less)
        );
        assert_eq!(compare(f64::NAN, dec("1")), None);
        assert_eq!(compare(f64::INFINITY, dec("1")), None);
    }
}
