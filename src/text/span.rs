//! Byte spans and their conversion to UTF-16 code units or code points.

/// A byte range into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Start byte (inclusive).
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

impl Span {
    /// A new span.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Converts increasing byte offsets of one text to UTF-16 offsets (or to
/// code points) in one pass.
///
/// Offsets must be asked in non-decreasing order for linear time; asking an
/// earlier offset restarts from the beginning (still correct).
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
    /// 1 to count a 4-byte char as two units (UTF-16), 0 as one (chars).
    astral: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`, counting UTF-16 code units.
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            unit: 0,
            astral: 1,
        }
    }

    /// A cursor at the start of `text` that counts code points instead
    /// (Python's `str` indices).
    pub fn code_points(text: &'a str) -> Self {
        Utf16Cursor {
            astral: 0,
            ..Utf16Cursor::new(text)
        }
    }

    /// UTF-16 offset of byte offset `b` (a char boundary).
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        let bytes = self.text.as_bytes();
        let end = b.min(bytes.len());
        // Every byte but a continuation byte (10xxxxxx) starts a char of one
        // unit; a 4-byte char (lead 11110xxx) takes one more. Without a
        // branch per char, so that it vectorises.
        let units: usize = bytes[self.byte.min(end)..end]
            .iter()
            .map(|&x| usize::from(x as i8 >= -0x40) + usize::from(x >= 0xF0) * self.astral)
            .sum();
        self.byte = end;
        self.unit += units;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_after_emoji() {
        let s = "😀 زرت القاهرة";
        let b = s.find("القاهرة").unwrap();
        let mut c = Utf16Cursor::new(s);
        assert_eq!(c.at(b), 7);
        assert_eq!(c.at(s.len()), 14);
    }

    #[test]
    fn code_points_at_every_boundary_forwards_and_back() {
        let s = "a😀ب\u{640}é\u{200F}𝐀 z\u{10FFFF}ـ";
        let bounds: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
        let mut c = Utf16Cursor::code_points(s);
        for &b in bounds.iter().chain(bounds.iter().rev()) {
            assert_eq!(c.at(b), s[..b].chars().count(), "at byte {b}");
        }
    }

    #[test]
    fn utf16_at_every_boundary_forwards_and_back() {
        let s = "a😀ب\u{640}é\u{200F}𝐀 z\u{10FFFF}ـ";
        let bounds: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
        let mut c = Utf16Cursor::new(s);
        for &b in bounds
            .iter()
            .chain(bounds.iter().rev())
            .chain(bounds.iter().step_by(3))
        {
            assert_eq!(c.at(b), s[..b].encode_utf16().count(), "at byte {b}");
        }
    }
}
