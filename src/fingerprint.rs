//! Document → fingerprint, for telling copies of one story apart from other stories. A
//! fingerprint is a one-permutation MinHash of the document's five-word shingles (lower-case
//! words): each shingle is hashed once and kept in one of [`SLOTS`] slots if it is the smallest
//! seen there, so fingerprinting costs one hash per word. The share of equal slots between two
//! fingerprints estimates the Jaccard similarity of their shingle sets; copies of a syndicated
//! story (another headline, a footer, re-wrapped lines) share about 80% or more.
//!
//! Bands of [`ROWS`] slots index fingerprints so that likely copies are found without comparing
//! every pair of documents (locality-sensitive hashing): two documents are compared only when
//! one band is identical in both, which at 80% similarity happens with probability
//! 1 − (1 − 0.8^4)^16 > 0.9999.

use std::hash::Hasher;

use crate::normalize::WordHasher;

/// Slots of a fingerprint.
pub const SLOTS: usize = 64;
/// Slots per band.
pub const ROWS: usize = 4;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Estimated Jaccard similarity from which two documents are copies of one story.
pub const COPY_SIMILARITY: f64 = 0.8;

/// The fingerprint of `text` (empty for a text of fewer than five words).
pub fn fingerprint(text: &str) -> Vec<u32> {
    // Word hashes, scanning bytes: ASCII letters fold to lower case by a bit, other characters
    // are decoded and lowered; FNV-1a over the folded bytes.
    let bytes = text.as_bytes();
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut len = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b | 0x20)).wrapping_mul(0x0100_0000_01b3);
                i += 1;
                len += 1;
            } else if b >= 0x80 {
                let c = text[i..].chars().next().expect("inside the text");
                i += c.len_utf8();
                if !c.is_alphanumeric() {
                    break;
                }
                for l in c.to_lowercase() {
                    h = (h ^ u64::from(l as u32)).wrapping_mul(0x0100_0000_01b3);
                }
                len += 1;
            } else {
                i += 1;
                break;
            }
        }
        if len > 0 {
            words.push(h);
        }
    }
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut slots = [u32::MAX; SLOTS];
    let mut filled = [false; SLOTS];
    for w in words.windows(SHINGLE) {
        // Each word rotated by its place, so the same words in another order differ.
        let mut h = w[0]
            ^ w[1].rotate_left(13)
            ^ w[2].rotate_left(26)
            ^ w[3].rotate_left(39)
            ^ w[4].rotate_left(52);
        // A final mix so that both the slot and the value use well-spread bits.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        let slot = (h % SLOTS as u64) as usize;
        let value = (h >> 32) as u32;
        if value <= slots[slot] {
            slots[slot] = value;
            filled[slot] = true;
        }
    }
    // Densify: an empty slot borrows the next filled one's value (a short text leaves some
    // slots empty, and equal empties would otherwise look like agreement).
    let mut out = slots.to_vec();
    for i in 0..SLOTS {
        if !filled[i] {
            let j = (1..SLOTS)
                .map(|d| (i + d) % SLOTS)
                .find(|&j| filled[j])
                .expect("at least one shingle");
            out[i] = slots[j].wrapping_add(i as u32);
        }
    }
    out
}

/// Estimated Jaccard similarity of the texts behind two fingerprints.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != SLOTS || b.len() != SLOTS {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / SLOTS as f64
}

/// The band keys of a fingerprint: (band index, hash of its slots).
pub fn bands(f: &[u32]) -> Vec<(u8, u64)> {
    f.chunks(ROWS)
        .enumerate()
        .map(|(i, rows)| {
            let mut h = WordHasher::default();
            for r in rows {
                h.write_u32(*r);
            }
            (i as u8, h.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Officials said on Monday that the operation in the western state \
        ended after a long night of clashes between soldiers and gunmen near the lake, and that \
        the leader of the group had been wounded while trying to escape towards the mountains \
        with several of his guards, according to two people briefed on the matter.";

    #[test]
    fn copies_are_similar_and_other_stories_are_not() {
        let copy = format!(
            "Clashes near the lake\n\n{}\n\nRead more stories at Example News.",
            STORY.replace(" and that", "\nand that")
        );
        let other = "The city council approved a new budget for schools on Tuesday, adding \
            money for teachers and repairs while cutting spending on roads and parks.";
        let (a, b, c) = (fingerprint(STORY), fingerprint(&copy), fingerprint(other));
        assert!(
            similarity(&a, &b) >= COPY_SIMILARITY,
            "{}",
            similarity(&a, &b)
        );
        assert!(similarity(&a, &c) < 0.2, "{}", similarity(&a, &c));
        assert_eq!(similarity(&a, &a), 1.0);
        // Copies share a band, so the index finds them.
        let shared = bands(&a).iter().filter(|x| bands(&b).contains(x)).count();
        assert!(shared > 0);
        assert!(fingerprint("too short to shingle").is_empty());
    }
}
