//! A small, stable, non-cryptographic hash (FNV-1a, 64 bit): the same on every
//! machine and Rust version, for seeds and request fingerprints.

pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().chain([&0xff]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_value_and_separation() {
        assert_eq!(super::fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(super::fnv1a(&[b"ab", b"c"]), super::fnv1a(&[b"a", b"bc"]));
    }
}
