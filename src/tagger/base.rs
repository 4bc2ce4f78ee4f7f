//! What the model file and the features share: the tag set's size and the
//! feature hash (the same on every platform, so a model trained natively
//! reads the same rows in WebAssembly).

/// Number of BIO tags: O, then B/I for PER, LOC, ORG, MISC.
pub const NTAGS: usize = 9;

/// Mix a 64-bit value (splitmix64 finaliser).
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash bytes (same result on every platform).
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(0x5851_f42d_4c95_7f2d);
        h = h.rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ le_tail(rest)).wrapping_mul(0x5851_f42d_4c95_7f2d);
    }
    mix(h)
}

/// The bytes of `rest` (under 8) as a little-endian number, as if padded
/// with zeros: from at most three loads, without copying them into a
/// buffer (a call to `memcpy` for a few bytes, most of all in WebAssembly).
#[inline]
fn le_tail(rest: &[u8]) -> u64 {
    let (mut v, mut shift, mut r) = (0u64, 0, rest);
    if let Some((four, tail)) = r.split_first_chunk::<4>() {
        v = u32::from_le_bytes(*four) as u64;
        (shift, r) = (32, tail);
    }
    if let Some((two, tail)) = r.split_first_chunk::<2>() {
        v |= (u16::from_le_bytes(*two) as u64) << shift;
        shift += 16;
        r = tail;
    }
    if let Some(&b) = r.first() {
        v |= (b as u64) << shift;
    }
    v
}

/// Hash of a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// xorshift64: deterministic test data for the tagger's unit tests.
#[cfg(test)]
pub(crate) fn test_rng(mut x: u64) -> impl FnMut() -> u64 {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

#[cfg(test)]
mod tests {
    /// The tail of a hashed string reads as the bytes padded with zeros
    /// (so every feature index, and the shipped model, stay as they were).
    #[test]
    fn le_tail_is_the_padded_number() {
        let bytes: Vec<u8> = (1..=7u8).map(|i| i * 31 + 2).collect();
        for n in 0..8 {
            let mut a = [0u8; 8];
            a[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                super::le_tail(&bytes[..n]),
                u64::from_le_bytes(a),
                "{n} bytes"
            );
        }
    }
}
