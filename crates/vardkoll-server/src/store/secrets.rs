//! The secrets of a referral request, as a store keeps them: never in plain text.
//!
//! - The read token (the patient's proof of access) is stored as its SHA-256.
//! - The Idempotency-Key is stored as its SHA-256 (unique: a request is stored
//!   once per key, by a constraint, not a check).
//! - A replay must give the patient the token again, so the token is also stored
//!   sealed with a pad derived from the key. Only a caller that holds the key can
//!   unseal it; a copy of the database alone yields neither keys nor tokens.

use sha2::{Digest, Sha256};

use super::StoreError;

/// Crockford's base32: no I, L, O or U, so references read aloud well.
const REFERENCE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TOKEN_ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
const TOKEN_LENGTH: usize = 40;

fn random_text(length: usize, alphabet: &[u8]) -> Result<String, StoreError> {
    let mut buffer = vec![0u8; length];
    getrandom::fill(&mut buffer).map_err(|e| StoreError::Database(e.to_string()))?;
    // 256 is a multiple of both alphabets' sizes (32, 64): no bias.
    Ok(buffer
        .iter()
        .map(|b| char::from(alphabet[usize::from(*b) % alphabet.len()]))
        .collect())
}

/// Whether `text` could be a reference at all: a route does not look up a
/// path segment far longer than one (they are 13 characters).
pub fn may_be_reference(text: &str) -> bool {
    text.len() <= 40
}

/// A new public reference, `VK-` and ten base32 characters.
pub fn new_reference() -> Result<String, StoreError> {
    Ok(format!("VK-{}", random_text(10, REFERENCE_ALPHABET)?))
}

/// A new read token: 40 characters, 240 random bits.
pub fn new_token() -> Result<String, StoreError> {
    random_text(TOKEN_LENGTH, TOKEN_ALPHABET)
}

fn sha256_hex(domain: &str, value: &str) -> String {
    let digest = Sha256::new()
        .chain_update(domain.as_bytes())
        .chain_update([0])
        .chain_update(value.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored for an Idempotency-Key.
pub fn key_hash(key: &str) -> String {
    sha256_hex("vardkoll idempotency key", key)
}

/// What is stored for a read token.
pub fn token_hash(token: &str) -> String {
    sha256_hex("vardkoll read token", token)
}

/// Whether `token` is the one whose hash is `stored`, in constant time.
pub fn token_matches(token: &str, stored: &str) -> bool {
    crate::hash::constant_time_eq(token_hash(token).as_bytes(), stored.as_bytes())
}

/// `TOKEN_LENGTH` bytes of pad from the Idempotency-Key.
fn pad(key: &str) -> Vec<u8> {
    (0u8..)
        .flat_map(|block| {
            Sha256::new()
                .chain_update(b"vardkoll token pad")
                .chain_update([block])
                .chain_update(key.as_bytes())
                .finalize()
        })
        .take(TOKEN_LENGTH)
        .collect()
}

/// The token sealed with the key (hex).
pub fn seal(token: &str, key: &str) -> String {
    token
        .bytes()
        .zip(pad(key))
        .map(|(t, p)| format!("{:02x}", t ^ p))
        .collect()
}

/// The token [`seal`] sealed with this key; `None` if `sealed` is not such a seal.
pub fn unseal(sealed: &str, key: &str) -> Option<String> {
    if sealed.len() != TOKEN_LENGTH * 2 || !sealed.is_ascii() {
        return None;
    }
    let bytes = (0..TOKEN_LENGTH)
        .map(|i| u8::from_str_radix(&sealed[i * 2..i * 2 + 2], 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let token: Vec<u8> = bytes.iter().zip(pad(key)).map(|(s, p)| s ^ p).collect();
    String::from_utf8(token)
        .ok()
        .filter(|t| t.bytes().all(|b| TOKEN_ALPHABET.contains(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_token_opens_with_its_key_only() {
        let token = new_token().unwrap();
        let sealed = seal(&token, "key-one-12345");
        assert_eq!(unseal(&sealed, "key-one-12345").as_deref(), Some(&*token));
        assert_ne!(unseal(&sealed, "key-two-12345").as_deref(), Some(&*token));
        assert!(!sealed.contains(&token));
        assert_eq!(unseal("zz", "key-one-12345"), None);
    }

    #[test]
    fn hashes_are_stable_hex_and_separate_keys_from_tokens() {
        assert_eq!(key_hash("abc").len(), 64);
        assert_eq!(key_hash("abc"), key_hash("abc"));
        assert_ne!(key_hash("abc"), token_hash("abc"));
        assert!(token_matches("abc", &token_hash("abc")));
        assert!(!token_matches("abd", &token_hash("abc")));
    }

    #[test]
    fn references_and_tokens_have_their_shape() {
        let reference = new_reference().unwrap();
        assert!(reference.starts_with("VK-") && reference.len() == 13);
        assert_ne!(new_token().unwrap(), new_token().unwrap());
        assert_eq!(new_token().unwrap().len(), TOKEN_LENGTH);
    }
}
