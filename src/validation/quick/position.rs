//! 1-based line and column numbers from byte offsets, computed only when a finding needs them.
//!
//! A valid document never pays for line counting. When findings do come, the cursor scans
//! forward from where it last stopped and leaves a checkpoint every 64 KiB, so a request for an
//! earlier offset (a "missing child" finding points back at its parent's start tag) rescans at
//! most one block instead of the whole document. Columns count characters, not bytes.

const CHECKPOINT_EVERY: usize = 64 * 1024;

#[derive(Clone, Copy)]
struct Mark {
    offset: usize,
    line: u32,
    column: u32,
}

pub struct LineCursor<'a> {
    bytes: &'a [u8],
    at: Mark,
    /// Positions at every multiple of `CHECKPOINT_EVERY` scanned so far, in order.
    checkpoints: Vec<Mark>,
}

impl<'a> LineCursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        LineCursor {
            bytes,
            at: Mark {
                offset: 0,
                line: 1,
                column: 1,
            },
            checkpoints: Vec::new(),
        }
    }

    /// Line and column of byte `pos` (clamped to the document length).
    pub fn locate(&mut self, pos: usize) -> (u32, u32) {
        let pos = pos.min(self.bytes.len());
        if pos < self.at.offset {
            let before = self.checkpoints.partition_point(|m| m.offset <= pos);
            self.at = match before.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
                Some(mark) => *mark,
                None => Mark {
                    offset: 0,
                    line: 1,
                    column: 1,
                },
            };
        }
        while self.at.offset < pos {
            let next_checkpoint = (self.at.offset / CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY;
            let end = pos.min(next_checkpoint);
            self.at = advance(self.at, &self.bytes[self.at.offset..end]);
            let known = self.checkpoints.last().map_or(0, |m| m.offset);
            if end == next_checkpoint && end > known {
                self.checkpoints.push(self.at);
            }
        }
        (self.at.line, self.at.column)
    }
}

fn advance(from: Mark, segment: &[u8]) -> Mark {
    let offset = from.offset + segment.len();
    // `memchr`'s vector search and count: a byte loop here was most of the cost of a finding.
    match memchr::memrchr(b'\n', segment) {
        Some(last_newline) => {
            let newlines = memchr::memchr_iter(b'\n', segment).count();
            Mark {
                offset,
                line: from
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX)),
                column: 1 + count_chars(&segment[last_newline + 1..]),
            }
        }
        None => Mark {
            offset,
            line: from.line,
            column: from.column.saturating_add(count_chars(segment)),
        },
    }
}

/// Number of UTF-8 characters (bytes that are not continuation bytes).
fn count_chars(bytes: &[u8]) -> u32 {
    let n = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "ab\ncșd\n\nx".as_bytes();
        let mut c = LineCursor::new(text);
        assert_eq!(c.locate(0), (1, 1));
        assert_eq!(c.locate(1), (1, 2));
        assert_eq!(c.locate(3), (2, 1));
        // "cș" is 3 bytes: 'd' is the 3rd character of line 2.
        assert_eq!(c.locate(6), (2, 3));
        assert_eq!(c.locate(9), (4, 1));
        // Going back restarts and still answers correctly.
        assert_eq!(c.locate(4), (2, 2));
        assert_eq!(c.locate(1000), (4, 2));
    }

    #[test]
    fn checkpoints_give_the_same_answers_as_a_fresh_scan() {
        let mut doc = String::new();
        for i in 0..40_000 {
            doc.push_str(if i % 7 == 0 { "șă\n" } else { "abc " });
        }
        let bytes = doc.as_bytes();
        let mut walked = LineCursor::new(bytes);
        walked.locate(bytes.len());
        for pos in [
            0,
            1,
            65_535,
            65_536,
            65_537,
            100_000,
            131_072,
            150_001,
            bytes.len() - 1,
        ] {
            let fresh = LineCursor::new(bytes).locate(pos);
            assert_eq!(walked.locate(pos), fresh, "at {pos}");
        }
    }
}
