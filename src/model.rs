//! The tagger's model file: a small header, quantized weights, a checksum.
//!
//! Layout (little-endian):
//!
//! ```text
//! 0   magic       8 bytes  "ALAMTAG\x1a"
//! 8   version     u16      FORMAT_VERSION
//! 10  ntags       u8       9 (O, B/I × PER LOC ORG MISC)
//! 11  nstages     u8       1 to 3: first passes (the full one, then an optional
//!                          context-only one), then optionally a second pass that
//!                          sees their labels across the document
//! 12  bits        u8       log2 of the hashed feature table's rows
//! 13  reserved    3 bytes  zero
//! 16  total_len   u32      length of the whole file, checksum included
//! 20  info_len    u16      then `info_len` bytes of UTF-8 (training facts)
//!     nclusters   u32      then `nclusters` × (stem hash u64, cluster u16), keys ascending
//!     per stage:  groups u32 (feature groups), scale f32 (weight unit),
//!                 transitions (ntags + 1) × ntags i16 (row 0: sentence start),
//!                 weights 2^bits × ntags i8, row-major by feature
//! end-8 checksum  u64      hash of every byte before it
//! ```
//!
//! Weights are quantized: a score is the sum of i8 weights plus an i16
//! transition, in units of `scale`; only the argmax matters at run time.

use crate::error::{Error, ErrorKind};
use crate::features::{hash_bytes, NTAGS};

/// Magic bytes at the start of every model file.
pub const MAGIC: &[u8; 8] = b"ALAMTAG\x1a";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u16 = 1;

const HEADER: usize = 20;
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;

/// One pass of the tagger.
#[derive(Debug, Clone)]
pub struct StageMeta {
    /// Feature groups (see [`crate::features::group`]).
    pub groups: u32,
    /// Weight unit (for reports only).
    pub scale: f32,
    /// Transition scores, `(NTAGS + 1) × NTAGS`, row 0 for the sentence start.
    pub trans: Vec<i32>,
    /// Byte offset of the weight table in the model bytes.
    pub w_off: usize,
}

/// A parsed model; weights stay in the byte buffer.
#[derive(Debug, Clone)]
pub struct Layout {
    /// log2 of the number of feature rows.
    pub bits: u32,
    /// Training facts.
    pub info: String,
    /// Learned clusters: (stem hash, cluster id), keys ascending.
    pub clusters: Vec<(u64, u16)>,
    /// The passes.
    pub stages: Vec<StageMeta>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidModel, msg)
}

/// A bounds-checked reader.
struct Rd<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Rd<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .p
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| bad("model bytes are truncated"))?;
        let s = &self.b[self.p..end];
        self.p = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, Error> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

/// Parse and validate model bytes. `verify` checks the checksum (skipped for
/// the model embedded at build time, which is trusted).
pub fn parse(bytes: &[u8], verify: bool) -> Result<Layout, Error> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad("model bytes are not an alam model (bad magic bytes)"));
    }
    if bytes.len() < HEADER {
        return Err(bad("model bytes are truncated (incomplete header)"));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(Error::new(
            ErrorKind::ModelVersion,
            format!(
                "model format version {version} is not supported by this build (it reads version {FORMAT_VERSION})"
            ),
        ));
    }
    let ntags = bytes[10] as usize;
    let nstages = bytes[11] as usize;
    let bits = bytes[12];
    if ntags != NTAGS {
        return Err(bad(format!("model has {ntags} tags, expected {NTAGS}")));
    }
    if !(1..=3).contains(&nstages) {
        return Err(bad(format!("model has {nstages} passes, expected 1 to 3")));
    }
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(bad(format!("model table size 2^{bits} is out of range")));
    }
    let total = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]) as usize;
    if bytes.len() < total {
        return Err(bad(format!(
            "model bytes are truncated: the header says {total} bytes, got {}",
            bytes.len()
        )));
    }
    if bytes.len() > total {
        return Err(bad(format!(
            "model bytes have {} trailing bytes after the model",
            bytes.len() - total
        )));
    }
    if total < HEADER + 8 {
        return Err(bad("model bytes are truncated"));
    }
    if verify {
        let mut a = [0u8; 8];
        a.copy_from_slice(&bytes[total - 8..]);
        if hash_bytes(&bytes[..total - 8]) != u64::from_le_bytes(a) {
            return Err(bad("model bytes are corrupt (checksum mismatch)"));
        }
    }
    let body = &bytes[..total - 8];
    let mut r = Rd { b: body, p: HEADER };
    let info_len = r.u16()? as usize;
    let info = std::str::from_utf8(r.take(info_len)?)
        .map_err(|_| bad("model info is not UTF-8"))?
        .to_string();
    let ncl = r.u32()? as usize;
    if ncl > body.len() / 10 {
        return Err(bad("model cluster table is larger than the model"));
    }
    let mut clusters = Vec::with_capacity(ncl);
    for _ in 0..ncl {
        let k = r.u64()?;
        let c = r.u16()?;
        clusters.push((k, c));
    }
    if clusters.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(bad("model cluster keys are not sorted"));
    }
    let rows = 1usize << bits;
    let mut stages = Vec::with_capacity(nstages);
    for _ in 0..nstages {
        let groups = r.u32()?;
        let scale = f32::from_bits(r.u32()?);
        let mut trans = Vec::with_capacity((NTAGS + 1) * NTAGS);
        for _ in 0..(NTAGS + 1) * NTAGS {
            trans.push(r.u16()? as i16 as i32);
        }
        let w_off = r.p;
        r.take(rows * NTAGS)?;
        stages.push(StageMeta {
            groups,
            scale,
            trans,
            w_off,
        });
    }
    if r.p != body.len() {
        return Err(bad("model bytes have an unexpected layout"));
    }
    Ok(Layout {
        bits: bits as u32,
        info,
        clusters,
        stages,
    })
}

/// One pass to write.
#[derive(Debug, Clone)]
pub struct StageData {
    /// Feature groups.
    pub groups: u32,
    /// Weight unit.
    pub scale: f32,
    /// `(NTAGS + 1) × NTAGS` transitions.
    pub trans: Vec<i16>,
    /// `2^bits × NTAGS` weights.
    pub weights: Vec<i8>,
}

/// Serialize a model.
pub fn write(bits: u32, info: &str, clusters: &[(u64, u16)], stages: &[StageData]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(NTAGS as u8);
    out.push(stages.len() as u8);
    out.push(bits as u8);
    out.extend_from_slice(&[0, 0, 0]);
    out.extend_from_slice(&[0, 0, 0, 0]); // total, patched below
    let info = &info.as_bytes()[..info.len().min(u16::MAX as usize)];
    out.extend_from_slice(&(info.len() as u16).to_le_bytes());
    out.extend_from_slice(info);
    out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
    for &(k, c) in clusters {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&c.to_le_bytes());
    }
    for s in stages {
        out.extend_from_slice(&s.groups.to_le_bytes());
        out.extend_from_slice(&s.scale.to_bits().to_le_bytes());
        for &t in &s.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend(s.weights.iter().map(|&w| w as u8));
    }
    let total = (out.len() + 8) as u32;
    out[16..20].copy_from_slice(&total.to_le_bytes());
    let sum = hash_bytes(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}
