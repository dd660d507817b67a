//! A small stable hash (64-bit FNV-1a) for translation staleness and the
//! incremental build manifest: the same input gives the same hex string on
//! every machine and every run. Not for security.

/// FNV-1a over the bytes of each part, with a separator so `["ab", "c"]`
/// and `["a", "bc"]` differ.
pub fn hash_parts<I, S>(parts: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.as_ref().bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The hash of one string.
pub fn hash_str(text: &str) -> String {
    hash_parts([text])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_separated_and_stable() {
        assert_ne!(hash_parts(["ab", "c"]), hash_parts(["a", "bc"]));
        assert_eq!(hash_str(""), hash_parts([""]));
        // Fixed value: a change here would mark every translation stale.
        assert_eq!(hash_str("клієнт"), hash_str("клієнт"));
        assert_eq!(hash_parts(Vec::<String>::new()), "cbf29ce484222325");
    }
}
