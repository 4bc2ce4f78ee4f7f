//! Byte spans and their conversion to UTF-16 code units.

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

/// Converts increasing byte offsets of one text to UTF-16 offsets in one pass.
///
/// Offsets must be asked in non-decreasing order for linear time; asking an
/// earlier offset restarts from the beginning (still correct).
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// UTF-16 offset of byte offset `b` (a char boundary).
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        let bytes = self.text.as_bytes();
        let mut i = self.byte;
        let mut u = self.unit;
        let end = b.min(bytes.len());
        while i < end {
            let x = bytes[i];
            // Lead bytes: 0xxxxxxx (1 unit), 110/1110 (1 unit), 11110 (2 units).
            if x < 0x80 {
                u += 1;
                i += 1;
            } else if x >= 0xF0 {
                u += 2;
                i += 4;
            } else if x >= 0xE0 {
                u += 1;
                i += 3;
            } else {
                u += 1;
                i += 2;
            }
        }
        self.byte = i;
        self.unit = u;
        u
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
}
