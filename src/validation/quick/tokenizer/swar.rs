//! Eight bytes at a time in a `u64` ("SIMD within a register") for the tokenizer's scans of
//! short stretches (indentation, values): a `memchr` call costs more than it saves there, and a
//! byte loop spends a compare and a branch on every byte. Every test sets the high bit of each
//! byte it matches, exactly: no carry crosses from one byte into the next.

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGH: u64 = 0x8080_8080_8080_8080;

const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The eight bytes of `bytes` from `at`, the first in the lowest bits; `None` when fewer are left.
#[inline]
pub fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

/// The bytes of `w` equal to `b`.
#[inline]
pub fn equal(w: u64, b: u8) -> u64 {
    let x = w ^ splat(b);
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// The bytes of `w` above `b` (`b` below 0x80).
#[inline]
pub fn above(w: u64, b: u8) -> u64 {
    (((w & LOW7) + splat(0x7F - b)) | w) & HIGH
}

/// The bytes of `w` below `b` (`b` from 1 to 0x80).
#[inline]
pub fn below(w: u64, b: u8) -> u64 {
    others(above(w, b - 1))
}

/// The bytes of `w` that are ASCII letters.
#[inline]
pub fn letters(w: u64) -> u64 {
    // Lower case first: A-Z become a-z, and nothing else becomes a letter.
    let folded = w | splat(0x20);
    above(folded, b'a' - 1) & !above(folded, b'z')
}

/// The bytes of `w` not in `mask`.
#[inline]
pub fn others(mask: u64) -> u64 {
    !mask & HIGH
}

/// The bytes before the first one of `mask` (all eight when it has none).
#[inline]
pub fn before_first(mask: u64) -> u64 {
    (mask & mask.wrapping_neg()).wrapping_sub(1) & HIGH
}

/// Index of the first byte of `mask` (8 when it has none).
#[inline]
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_every_byte_value_in_every_position() {
        for position in 0..8 {
            for value in 0..=255u8 {
                // The other bytes vary too, so that a carry from a neighbour would show.
                let mut bytes = [value.wrapping_mul(31), 0xFF, 0, 0x80, 0x7F, b'<', b' ', 1];
                bytes[position] = value;
                let w = u64::from_le_bytes(bytes);
                let bit = 0x80u64 << (8 * position);
                for probe in [0u8, b' ', b'<', b'&', b'\r', 0x7F, 0xEF] {
                    assert_eq!(
                        equal(w, probe) & bit != 0,
                        value == probe,
                        "{value} {probe}"
                    );
                }
                for probe in [0u8, b' ', b'<', b'&', b'\r', 0x7F] {
                    assert_eq!(above(w, probe) & bit != 0, value > probe, "{value} {probe}");
                }
                assert_eq!(below(w, b' ') & bit != 0, value < b' ', "{value}");
                let letter = value.is_ascii_alphabetic();
                assert_eq!(letters(w) & bit != 0, letter, "{value}");
            }
        }
    }

    #[test]
    fn finds_the_first_byte_and_those_before_it() {
        let w = u64::from_le_bytes(*b"ab<cd<ef");
        let lt = equal(w, b'<');
        assert_eq!(first(lt), 2);
        assert_eq!(before_first(lt), 0x8080);
        assert_eq!(first(0), 8);
        assert_eq!(before_first(0), HIGH);
        assert_eq!(others(equal(w, b'a')), HIGH & !0x80);
        assert_eq!(word_at(b"1234567", 0), None);
        assert_eq!(
            word_at(b"12345678", 0),
            Some(u64::from_le_bytes(*b"12345678"))
        );
    }
}
