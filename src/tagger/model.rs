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
//!     nclusters   u32      then `nclusters` × (key delta LEB128, cluster u16): the keys
//!                          are the top 32 bits of stem hashes, ascending, each
//!                          written as its distance from the one before (see
//!                          [`cluster_key`]); format 2 stored whole u64 hashes
//!     per stage:  groups u32 (feature groups), scale f32 (weight unit),
//!                 transitions (ntags + 1) × ntags i16 (row 0: sentence start),
//!                 wlen u32, then `wlen` bytes: the 2^bits × ntags i8
//!                 weights (row-major by feature), zero-run coded
//! end-8 checksum  u64      hash of every byte before it
//! ```
//!
//! Zero-run coding: pairs of (LEB128 count of zeros, one non-zero i8) until
//! the table is full; a final count alone ends a table with zeros. Most
//! weights are pruned to zero, so this keeps the file, the `.wasm` and its
//! download small (format 1 stored the dense table: 14 MB, which wasm-opt cut
//! into 100,000 data segments).
//!
//! At load the coded table goes straight into a packed [`Weights`]: only
//! the rows with a non-zero weight are kept (12–16% of a first pass's rows
//! in the shipped model, under 1% of its second pass's), found through a
//! bitmap with a rank per 64 rows. The dense table is never built: 1.7 MB
//! in memory instead of 14 MB for three passes of 2^19 rows, and a row
//! lookup touches a small index and a table that mostly stays in the CPU
//! cache. The tagger then puts its two first passes side by side in a
//! [`Joint`] table (2.2 MB with the same index scheme), so that a feature
//! both passes use is found once.
//!
//! Weights are quantized: a score is the sum of i8 weights plus an i16
//! transition, in units of `scale`; only the argmax matters at run time.

use crate::error::{Error, ErrorKind};
use crate::tagger::base::{hash_bytes, NTAGS};

/// Magic bytes at the start of every model file.
pub const MAGIC: &[u8; 8] = b"ALAMTAG\x1a";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u16 = 3;

/// The key a cluster table keeps of a stem hash: its top 32 bits (50,000
/// stems in 2^32 keys: a collision is rare and costs one word a cluster),
/// so that the table is about 5 bytes a stem instead of 10.
#[inline]
pub fn cluster_key(stem: u64) -> u64 {
    stem & 0xFFFF_FFFF_0000_0000
}

/// Write a cluster table: the count, then per entry the LEB128 distance of
/// its key's top half from the previous one and the cluster (u16). Keys
/// are reduced with [`cluster_key`], sorted, and only the first of equal
/// keys is kept.
pub fn write_clusters(clusters: &[(u64, u16)], out: &mut Vec<u8>) {
    let mut t: Vec<(u64, u16)> = clusters.iter().map(|&(k, c)| (cluster_key(k), c)).collect();
    t.sort_by_key(|e| e.0);
    t.dedup_by_key(|e| e.0);
    out.extend_from_slice(&(t.len() as u32).to_le_bytes());
    let mut prev = 0u64;
    for (k, c) in t {
        let mut d = (k >> 32) - prev;
        prev = k >> 32;
        loop {
            let b = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
        out.extend_from_slice(&c.to_le_bytes());
    }
}

/// Read a cluster table written by [`write_clusters`] from the start of
/// `bytes`; returns it and the bytes it took.
pub fn read_clusters(bytes: &[u8]) -> Result<(Vec<(u64, u16)>, usize), Error> {
    let mut r = Rd { b: bytes, p: 0 };
    let n = r.u32()? as usize;
    if n > bytes.len() / 3 {
        return Err(bad("cluster table is larger than its bytes"));
    }
    let mut t = Vec::with_capacity(n);
    let mut prev = 0u64;
    for i in 0..n {
        let mut d = 0u64;
        for shift in (0..).step_by(7) {
            let b = r.take(1)?[0];
            if shift > 28 {
                return Err(bad("cluster key is out of range"));
            }
            d |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
        }
        if i > 0 && d == 0 {
            return Err(bad("cluster keys are not strictly ascending"));
        }
        prev += d;
        if prev > u64::from(u32::MAX) {
            return Err(bad("cluster key is out of range"));
        }
        t.push((prev << 32, r.u16()?));
    }
    Ok((t, r.p))
}

const HEADER: usize = 20;
const MIN_BITS: u8 = 8;
const MAX_BITS: u8 = 24;

/// One pass of the tagger.
#[derive(Debug, Clone)]
pub struct StageMeta {
    /// Feature groups (see [`crate::tagger::features::group`]).
    pub groups: u32,
    /// Weight unit (for reports only).
    pub scale: f32,
    /// Transition scores, `(NTAGS + 1) × NTAGS`, row 0 for the sentence start.
    pub trans: Vec<i32>,
    /// The weight table, packed, shared between clones.
    pub weights: std::sync::Arc<Weights>,
}

/// A parsed model; its weight tables are packed ([`Weights`]).
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
    let (clusters, used) = read_clusters(&body[r.p..])?;
    r.p += used;
    let rows = 1usize << bits;
    let mut stages = Vec::with_capacity(nstages);
    for _ in 0..nstages {
        let groups = r.u32()?;
        let scale = f32::from_bits(r.u32()?);
        let mut trans = Vec::with_capacity((NTAGS + 1) * NTAGS);
        for _ in 0..(NTAGS + 1) * NTAGS {
            trans.push(r.u16()? as i16 as i32);
        }
        let wlen = r.u32()? as usize;
        let weights = Weights::decode(r.take(wlen)?, rows)?;
        stages.push(StageMeta {
            groups,
            scale,
            trans,
            weights: std::sync::Arc::new(weights),
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
    let mut cut = info.len().min(u16::MAX as usize);
    while !info.is_char_boundary(cut) {
        cut -= 1;
    }
    let info = &info.as_bytes()[..cut];
    out.extend_from_slice(&(info.len() as u16).to_le_bytes());
    out.extend_from_slice(info);
    write_clusters(clusters, &mut out);
    for s in stages {
        out.extend_from_slice(&s.groups.to_le_bytes());
        out.extend_from_slice(&s.scale.to_bits().to_le_bytes());
        for &t in &s.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let coded = zero_run(&s.weights);
        out.extend_from_slice(&(coded.len() as u32).to_le_bytes());
        out.extend_from_slice(&coded);
    }
    let total = (out.len() + 8) as u32;
    out[16..20].copy_from_slice(&total.to_le_bytes());
    let sum = hash_bytes(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Zero-run code a weight table (see the module docs).
fn zero_run(w: &[i8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut zeros: u32 = 0;
    let put = |out: &mut Vec<u8>, mut n: u32| loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    };
    for &x in w {
        if x == 0 {
            zeros += 1;
        } else {
            put(&mut out, zeros);
            out.push(x as u8);
            zeros = 0;
        }
    }
    if zeros > 0 {
        put(&mut out, zeros);
    }
    out
}

/// Rows per block of the index.
const BLOCK: usize = 64;

/// 64 rows of the index: which of them are stored, and where the first of
/// them is stored. 16 bytes, so a block never straddles a cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Block {
    mask: u64,
    rank: u32,
}

/// A weight table of `rows × NTAGS` i8 weights that stores only its
/// non-zero rows.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    /// Feature rows in the table (stored or not).
    nrows: usize,
    /// One per [`BLOCK`] rows.
    blocks: Box<[Block]>,
    /// An all-zero row, then the non-zero rows in row order.
    rows: Box<[[i8; NTAGS]]>,
}

/// Where row `f` is stored among the rows indexed by `blocks`: its rank,
/// or 0 (the all-zero row) when it is not stored or past the table.
/// Without a branch on whether it is stored, so that the CPU can have the
/// loads of many features in flight at once.
#[inline]
fn slot(blocks: &[Block], f: u32) -> usize {
    let f = f as usize;
    let b = blocks.get(f / BLOCK).copied().unwrap_or_default();
    let below = b.mask & ((1u64 << (f % BLOCK)) - 1);
    let stored = (b.mask >> (f % BLOCK)) & 1;
    (b.rank as usize + below.count_ones() as usize) * stored as usize
}

/// What [`Weights::get`] gives for a row that is not stored.
static ZERO_ROW: [i8; NTAGS] = [0; NTAGS];

impl Weights {
    /// The weights of feature row `f`, or `None` when they are all zero (or
    /// `f` is past the table).
    #[inline]
    pub fn row(&self, f: u32) -> Option<&[i8; NTAGS]> {
        let f = f as usize;
        let b = self.blocks.get(f / BLOCK)?;
        let bit = 1u64 << (f % BLOCK);
        if b.mask & bit == 0 {
            return None;
        }
        let r = b.rank as usize + (b.mask & (bit - 1)).count_ones() as usize;
        self.rows.get(r)
    }

    /// The weights of feature row `f`, all zero when it is not stored.
    ///
    /// Without a branch on whether the row is stored (a zero row is read
    /// instead), so that the CPU can have the loads of many features in
    /// flight at once rather than guessing, often wrongly, which rows exist.
    #[inline]
    pub fn get(&self, f: u32) -> &[i8; NTAGS] {
        self.rows.get(slot(&self.blocks, f)).unwrap_or(&ZERO_ROW)
    }

    /// Feature rows in the table, stored or not (`2^bits`).
    pub fn len(&self) -> usize {
        self.nrows
    }

    /// Is the table empty (no rows at all)?
    pub fn is_empty(&self) -> bool {
        self.nrows == 0
    }

    /// Rows with a non-zero weight (the ones stored).
    pub fn stored(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    /// Bytes the packed table takes in memory.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.blocks) + std::mem::size_of_val(&*self.rows)
    }

    /// Pack a dense `rows × NTAGS` table (a trailing partial row is
    /// ignored).
    pub fn from_dense(w: &[i8]) -> Weights {
        let nrows = w.len() / NTAGS;
        let mut p = Packer::new(nrows);
        for (r, row) in w.chunks_exact(NTAGS).enumerate() {
            for (t, &x) in row.iter().enumerate() {
                p.put(r * NTAGS + t, x);
            }
        }
        p.finish()
    }

    /// The dense table, `len() × NTAGS` (for tests and reports).
    pub fn to_dense(&self) -> Vec<i8> {
        let mut w = vec![0i8; self.nrows * NTAGS];
        for (r, row) in w.chunks_exact_mut(NTAGS).enumerate() {
            if let Some(x) = self.row(r as u32) {
                row.copy_from_slice(x);
            }
        }
        w
    }

    /// Decode a zero-run coded table of exactly `nrows × NTAGS` weights
    /// (see the module docs) straight into the packed form.
    fn decode(mut b: &[u8], nrows: usize) -> Result<Weights, Error> {
        let n = nrows * NTAGS;
        let mut p = Packer::new(nrows);
        let mut at = 0usize;
        while at < n {
            let mut run: u64 = 0;
            let mut shift = 0;
            loop {
                let (&x, rest) = b
                    .split_first()
                    .ok_or_else(|| bad("model weights are truncated"))?;
                b = rest;
                run |= u64::from(x & 0x7f) << shift;
                if x & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 28 {
                    return Err(bad("model weights are corrupt (bad run length)"));
                }
            }
            at = at
                .checked_add(run as usize)
                .filter(|&a| a <= n)
                .ok_or_else(|| bad("model weights are corrupt (run past the table)"))?;
            if at == n {
                break;
            }
            let (&x, rest) = b
                .split_first()
                .ok_or_else(|| bad("model weights are truncated"))?;
            b = rest;
            p.put(at, x as i8);
            at += 1;
        }
        if !b.is_empty() {
            return Err(bad("model weights have trailing bytes"));
        }
        Ok(p.finish())
    }
}

/// The weight tables of several passes side by side: one lookup finds a
/// feature's rows for all `K` of them.
///
/// The first passes hash the same features into tables of the same size
/// (every word gives its neighbours the same window, shape, gazetteer and
/// trigger features in both), so looking their rows up together halves the
/// index reads and row misses of those features. A row is stored when any
/// pass has a non-zero weight in it; a pass that does not use a feature
/// simply does not add its part.
#[derive(Debug, Clone)]
pub struct Joint<const K: usize> {
    blocks: Box<[Block]>,
    /// An all-zero row, then the stored rows in row order.
    rows: Box<[[[i8; NTAGS]; K]]>,
}

impl<const K: usize> Joint<K> {
    /// Put `K` tables of the same number of rows side by side (`None` when
    /// their sizes differ).
    pub fn new(parts: [&Weights; K]) -> Option<Joint<K>> {
        let nrows = parts.first()?.nrows;
        if parts.iter().any(|w| w.nrows != nrows) {
            return None;
        }
        let nblocks = nrows.div_ceil(BLOCK);
        let mut blocks = vec![Block::default(); nblocks];
        // The index first, then each table's rows copied straight to their
        // places (a zeroed allocation: rows a table lacks stay zero). This
        // runs at the first extract, before the engine has optimised it.
        let mut rank = 1usize;
        for (b, block) in blocks.iter_mut().enumerate() {
            block.mask = parts
                .iter()
                .fold(0u64, |m, w| m | w.blocks.get(b).map_or(0, |x| x.mask));
            block.rank = rank as u32;
            rank += block.mask.count_ones() as usize;
        }
        let mut rows = vec![[[0i8; NTAGS]; K]; rank];
        for (k, w) in parts.iter().enumerate() {
            for (own, joint) in w.blocks.iter().zip(&blocks) {
                let mut m = own.mask;
                let mut at = own.rank as usize;
                while m != 0 {
                    let below = (m & m.wrapping_neg()) - 1;
                    m &= m - 1;
                    let r = joint.rank as usize + (joint.mask & below).count_ones() as usize;
                    if let (Some(dst), Some(src)) = (rows.get_mut(r), w.rows.get(at)) {
                        dst[k] = *src;
                    }
                    at += 1;
                }
            }
        }
        Some(Joint {
            blocks: blocks.into_boxed_slice(),
            rows: rows.into_boxed_slice(),
        })
    }

    /// The rows of feature `f` in every table (zeros when none stores it),
    /// found without a branch, as [`Weights::get`].
    #[inline]
    pub fn get(&self, f: u32) -> &[[i8; NTAGS]; K] {
        const ZERO: [i8; NTAGS] = [0; NTAGS];
        self.rows.get(slot(&self.blocks, f)).unwrap_or(&[ZERO; K])
    }

    /// Bytes the joint table takes in memory.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.blocks) + std::mem::size_of_val(&*self.rows)
    }
}

/// Builds a [`Weights`] from weights given in ascending position.
struct Packer {
    nrows: usize,
    blocks: Vec<Block>,
    rows: Vec<[i8; NTAGS]>,
    /// Row of the last stored weight.
    last: usize,
}

impl Packer {
    fn new(nrows: usize) -> Packer {
        Packer {
            nrows,
            blocks: vec![Block::default(); nrows.div_ceil(BLOCK)],
            rows: vec![[0; NTAGS]],
            last: usize::MAX,
        }
    }

    /// Weight at flat position `at` (`row × NTAGS + tag`, ascending, below
    /// `nrows × NTAGS`).
    fn put(&mut self, at: usize, x: i8) {
        if x == 0 {
            return;
        }
        let r = at / NTAGS;
        if r != self.last {
            self.rows.push([0; NTAGS]);
            self.blocks[r / BLOCK].mask |= 1 << (r % BLOCK);
            self.last = r;
        }
        if let Some(row) = self.rows.last_mut() {
            row[at % NTAGS] = x;
        }
    }

    fn finish(mut self) -> Weights {
        // Stored rows start at 1, after the zero row.
        let mut rank = 1u32;
        for b in &mut self.blocks {
            b.rank = rank;
            rank += b.mask.count_ones();
        }
        Weights {
            nrows: self.nrows,
            blocks: self.blocks.into_boxed_slice(),
            rows: self.rows.into_boxed_slice(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joint_rows_are_each_tables_rows() {
        // Two tables with rows stored in one, the other, both or neither,
        // across block edges.
        let nrows = 300;
        let mut a = vec![0i8; nrows * NTAGS];
        let mut b = vec![0i8; nrows * NTAGS];
        for r in 0..nrows {
            if r % 3 == 0 {
                a[r * NTAGS + r % NTAGS] = (r % 100) as i8 + 1;
            }
            if r % 5 == 0 || r == 63 || r == 64 {
                b[r * NTAGS + (r + 4) % NTAGS] = -((r % 90) as i8) - 1;
            }
        }
        let (wa, wb) = (Weights::from_dense(&a), Weights::from_dense(&b));
        let j = Joint::new([&wa, &wb]).unwrap();
        for r in 0..nrows as u32 + 70 {
            assert_eq!(&j.get(r)[0], wa.get(r), "row {r}");
            assert_eq!(&j.get(r)[1], wb.get(r), "row {r}");
        }
        let short = Weights::from_dense(&a[..NTAGS * 10]);
        assert!(Joint::new([&wa, &short]).is_none());
    }

    #[test]
    fn zero_run_round_trips() {
        let cases: Vec<Vec<i8>> = vec![
            vec![],
            vec![0; 5],
            vec![1, 0, 0, -3, 0],
            vec![0, 0, 7],
            (0..100_000)
                .map(|i| {
                    if i % 997 == 0 {
                        (i % 200 - 100) as i8
                    } else {
                        0
                    }
                })
                .collect(),
        ];
        for w in cases {
            // Whole rows of NTAGS weights.
            let mut w = w;
            w.resize(w.len().div_ceil(NTAGS) * NTAGS, 0);
            let rows = w.len() / NTAGS;
            let c = zero_run(&w);
            let p = Weights::decode(&c, rows).unwrap();
            assert_eq!(p.to_dense(), w);
            assert_eq!(p.len(), rows);
            let nonzero = w
                .chunks(NTAGS)
                .filter(|r| r.iter().any(|&x| x != 0))
                .count();
            assert_eq!(p.stored(), nonzero);
            for (r, row) in w.chunks(NTAGS).enumerate() {
                let want = row.iter().any(|&x| x != 0).then_some(row);
                assert_eq!(p.row(r as u32).map(|x| &x[..]), want, "row {r}");
                assert_eq!(&p.get(r as u32)[..], row, "row {r}");
            }
            assert!(p.row(rows as u32).is_none());
            assert_eq!(p.get(rows as u32), &[0; NTAGS]);
            assert_eq!(Weights::from_dense(&w).to_dense(), w);
            if rows > 0 {
                // One row short: the last weights run past the table,
                // unless they are all zero and the run alone ends it.
                let short = Weights::decode(&c, rows - 1);
                assert!(short.is_err() || w[(rows - 1) * NTAGS..].iter().all(|&x| x == 0));
            }
        }
        // 10 rows = 90 weights.
        assert!(Weights::decode(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 10).is_err());
        assert!(Weights::decode(&[91], 10).is_err());
        assert!(Weights::decode(&[2, 5], 10).is_err());
        assert!(Weights::decode(&[90, 5], 10).is_err());
        assert!(Weights::decode(&[2, 5, 87], 10).is_ok());
        // An explicit zero weight is not stored.
        let z = Weights::decode(&[2, 0, 87], 10).unwrap();
        assert_eq!(z.stored(), 0);
    }

    #[test]
    fn rows_across_blocks() {
        // Rows 0, 63, 64, 65, 200 and the last of 300 non-zero.
        let rows = 300;
        let mut w = vec![0i8; rows * NTAGS];
        for (k, r) in [0usize, 63, 64, 65, 200, 299].into_iter().enumerate() {
            w[r * NTAGS + k % NTAGS] = k as i8 + 1;
        }
        let p = Weights::decode(&zero_run(&w), rows).unwrap();
        assert_eq!(p.stored(), 6);
        assert_eq!(p.to_dense(), w);
        assert_eq!(p.row(64).map(|x| x[2]), Some(3));
        assert!(p.row(62).is_none() && p.row(66).is_none() && p.row(u32::MAX).is_none());
        assert_eq!(p.get(64)[2], 3);
        assert_eq!(p.get(62), &[0; NTAGS]);
        assert_eq!(p.get(u32::MAX), &[0; NTAGS]);
    }
}
