//! The vault's cryptography: AES-256-GCM envelopes, Argon2id for the passphrase, HKDF for the
//! recovery key and the passkey PRF output. Every key lives in a `Zeroizing` buffer, wiped when
//! dropped.

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit};
use domain::vault::{
    item_aad, item_aad_at, key_aad, Envelope, ItemId, KdfParams, KeyCheck, Salt, WrappedKey,
    KEY_LEN, NONCE_LEN, SCHEMA_VERSION,
};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

pub type Key = Zeroizing<[u8; KEY_LEN]>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// Wrong key, wrong associated data (an envelope moved), or changed bytes: GCM cannot
    /// tell which, and says nothing more.
    #[error("the data does not decrypt with this key")]
    Undecryptable,
    #[error("the browser gave no random numbers")]
    NoRandomness,
    #[error("bad key-derivation parameters")]
    Kdf,
    #[error("the recovery key is not in the expected form")]
    RecoveryKeyForm,
}

pub fn random<const N: usize>() -> Result<Zeroizing<[u8; N]>, CryptoError> {
    let mut bytes = Zeroizing::new([0u8; N]);
    getrandom::fill(&mut bytes[..]).map_err(|_| CryptoError::NoRandomness)?;
    Ok(bytes)
}

pub fn new_vault_key() -> Result<Key, CryptoError> {
    random::<KEY_LEN>()
}

pub fn new_salt() -> Result<Salt, CryptoError> {
    Salt::new(random::<16>()?.to_vec()).map_err(|_| CryptoError::NoRandomness)
}

pub fn new_item_id() -> Result<ItemId, CryptoError> {
    Ok(ItemId::from_random(*random::<16>()?))
}

/// Encrypts with a fresh random nonce.
pub fn seal(key: &[u8; KEY_LEN], aad: &[u8], plaintext: &[u8]) -> Result<Envelope, CryptoError> {
    let nonce = random::<NONCE_LEN>()?;
    seal_with_nonce(key, *nonce, aad, plaintext)
}

/// Encrypts with the nonce given (tests use known-answer vectors; everything else [`seal`]).
pub fn seal_with_nonce(
    key: &[u8; KEY_LEN],
    nonce: [u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Envelope, CryptoError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::Undecryptable)?;
    let ciphertext = cipher
        .encrypt(
            &nonce.into(),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| CryptoError::Undecryptable)?;
    Ok(Envelope::new(nonce, ciphertext))
}

pub fn open(
    key: &[u8; KEY_LEN],
    aad: &[u8],
    envelope: &Envelope,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::Undecryptable)?;
    let nonce: [u8; NONCE_LEN] = envelope
        .nonce()
        .try_into()
        .map_err(|_| CryptoError::Undecryptable)?;
    cipher
        .decrypt(
            &nonce.into(),
            Payload {
                msg: envelope.ciphertext(),
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Undecryptable)
}

/// An item's plaintext, sealed for this account, item and the revision it will be stored as
/// (1 for a new item, the edited revision + 1 for a change): an `sv2` envelope.
pub fn seal_item(
    key: &[u8; KEY_LEN],
    account_id: i64,
    item: &ItemId,
    revision: i64,
    plaintext: &[u8],
) -> Result<Envelope, CryptoError> {
    seal(key, &item_aad_at(account_id, item, revision), plaintext).map(Envelope::bound_to_revision)
}

/// Opens an item stored as `revision`: an `sv2` envelope only under that revision, an `sv1`
/// one (stored before revisions were bound) under the item alone.
pub fn open_item(
    key: &[u8; KEY_LEN],
    account_id: i64,
    item: &ItemId,
    revision: i64,
    envelope: &Envelope,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let aad = if envelope.binds_revision() {
        item_aad_at(account_id, item, revision)
    } else {
        item_aad(account_id, item, SCHEMA_VERSION)
    };
    open(key, &aad, envelope)
}

/// The key that wraps the vault key, from the passphrase (Argon2id).
pub fn passphrase_key(passphrase: &str, salt: &Salt, kdf: KdfParams) -> Result<Key, CryptoError> {
    let params = argon2::Params::new(
        kdf.memory_kib(),
        kdf.iterations(),
        kdf.parallelism(),
        Some(KEY_LEN),
    )
    .map_err(|_| CryptoError::Kdf)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt.bytes(), &mut out[..])
        .map_err(|_| CryptoError::Kdf)?;
    Ok(out)
}

/// A key from high-entropy input (the recovery key, a PRF output): HKDF-SHA-256.
pub fn expand_key(input: &[u8], salt: &[u8], info: &str) -> Key {
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    // 32 bytes is far below HKDF-SHA-256's limit of 8,160: expand cannot fail.
    let _ = Hkdf::<Sha256>::new(Some(salt), input).expand(info.as_bytes(), &mut out[..]);
    out
}

pub fn wrap(
    kek: &[u8; KEY_LEN],
    account_id: i64,
    purpose: &str,
    vault_key: &[u8; KEY_LEN],
) -> Result<WrappedKey, CryptoError> {
    let envelope = seal(kek, &key_aad(account_id, purpose), vault_key)?;
    WrappedKey::parse(&envelope.as_text()).map_err(|_| CryptoError::Undecryptable)
}

pub fn unwrap(
    kek: &[u8; KEY_LEN],
    account_id: i64,
    purpose: &str,
    wrapped: &WrappedKey,
) -> Result<Key, CryptoError> {
    let plain = open(kek, &key_aad(account_id, purpose), wrapped.envelope())?;
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    if plain.len() != KEY_LEN {
        return Err(CryptoError::Undecryptable);
    }
    key.copy_from_slice(&plain);
    Ok(key)
}

pub const PURPOSE_PASSPHRASE: &str = "passphrase";
pub const PURPOSE_RECOVERY: &str = "recovery";

pub fn passkey_purpose(credential_id: &str) -> String {
    format!("passkey:{credential_id}")
}

/// Crockford's base 32: no I, L, O, U, so nothing to misread on paper.
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 160 random bits: 32 characters, printed as 8 groups of 4.
const RECOVERY_BYTES: usize = 20;

/// A new recovery key: its printable text and the bytes it stands for.
pub fn new_recovery_key() -> Result<(Zeroizing<String>, Zeroizing<Vec<u8>>), CryptoError> {
    let bytes = random::<RECOVERY_BYTES>()?;
    let mut text = Zeroizing::new(String::new());
    let mut buffer: u32 = 0;
    let mut bits = 0;
    let mut count = 0;
    for byte in bytes.iter() {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            if count > 0 && count % 4 == 0 {
                text.push('-');
            }
            text.push(char::from(
                RECOVERY_ALPHABET[((buffer >> bits) & 31) as usize],
            ));
            count += 1;
        }
    }
    Ok((text, Zeroizing::new(bytes.to_vec())))
}

/// Reads a recovery key as typed: case, spaces and dashes do not matter; O reads as 0, I and L
/// as 1 (Crockford's rules).
pub fn parse_recovery_key(typed: &str) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let mut values = Zeroizing::new(Vec::with_capacity(32));
    for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        let value = RECOVERY_ALPHABET
            .iter()
            .position(|a| char::from(*a) == c)
            .ok_or(CryptoError::RecoveryKeyForm)?;
        values.push(value as u32);
    }
    if values.len() != RECOVERY_BYTES * 8 / 5 {
        return Err(CryptoError::RecoveryKeyForm);
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(RECOVERY_BYTES));
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for value in values.iter() {
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Ok(bytes)
}

pub fn recovery_kek(recovery: &[u8], salt: &Salt) -> Key {
    expand_key(recovery, salt.bytes(), "sillage-vault-recovery-v1")
}

pub fn prf_kek(prf_output: &[u8], prf_salt: &Salt) -> Key {
    expand_key(prf_output, prf_salt.bytes(), "sillage-vault-prf-v1")
}

/// The proof that this browser holds the vault key, for the server to compare with the one it
/// keeps (HKDF-SHA-256 of the key: the server learns nothing of the key from it).
pub fn key_check(vault_key: &[u8; KEY_LEN], account_id: i64) -> KeyCheck {
    let mut out = [0u8; KEY_LEN];
    // 32 bytes is far below HKDF-SHA-256's limit: expand cannot fail.
    let _ = Hkdf::<Sha256>::new(None, vault_key)
        .expand(&domain::vault::key_check_info(account_id), &mut out[..]);
    KeyCheck::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex32(text: &str) -> [u8; 32] {
        hex::decode(text).unwrap().try_into().unwrap()
    }

    /// NIST GCM test vector (gcmEncryptExtIV256, Count 0 with AAD), the known answer.
    #[test]
    fn aes_256_gcm_known_answer() {
        let key = hex32("92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b");
        let nonce: [u8; 12] = hex::decode("ac93a1a6145299bde902f21a")
            .unwrap()
            .try_into()
            .unwrap();
        let plaintext = hex::decode("2d71bcfa914e4ac045b2aa60955fad24").unwrap();
        let aad = hex::decode("1e0889016f67601c8ebea4943bc23ad6").unwrap();
        let envelope = seal_with_nonce(&key, nonce, &aad, &plaintext).unwrap();
        assert_eq!(
            hex::encode(envelope.ciphertext()),
            "8995ae2e6df3dbf96fac7b7137bae67feca5aa77d51d4a0a14d9c51e1da474ab"
        );
        assert_eq!(
            open(&key, &aad, &envelope).unwrap().as_slice(),
            plaintext.as_slice()
        );
    }

    /// RFC 9106 §5.3's Argon2id test vector (version 0x13, secret and associated data), the
    /// known answer: the crate that derives every student's key computes Argon2id right.
    #[test]
    fn argon2id_known_answer() {
        let mut out = [0u8; 32];
        let params = argon2::ParamsBuilder::new()
            .m_cost(32)
            .t_cost(3)
            .p_cost(4)
            .data(argon2::AssociatedData::new(&[4; 12]).unwrap())
            .output_len(32)
            .build()
            .unwrap();
        let argon = argon2::Argon2::new_with_secret(
            &[3; 8],
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            params,
        )
        .unwrap();
        argon
            .hash_password_into(&[1; 32], &[2; 16], &mut out)
            .unwrap();
        assert_eq!(
            hex::encode(out),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
        );
    }

    /// Our derivation at today's default parameters, pinned: a change of crate or parameters
    /// that would lock every student out of their vault fails here first.
    #[test]
    fn passphrase_derivation_is_stable() {
        let salt = Salt::new(vec![7; 16]).unwrap();
        let key =
            passphrase_key("cheval agrafe batterie correct", &salt, KdfParams::DEFAULT).unwrap();
        let again =
            passphrase_key("cheval agrafe batterie correct", &salt, KdfParams::DEFAULT).unwrap();
        assert_eq!(*key, *again);
        let other =
            passphrase_key("cheval agrafe batterie correcte", &salt, KdfParams::DEFAULT).unwrap();
        assert_ne!(*key, *other);
        assert_eq!(
            hex::encode(*passphrase_key("x", &salt, KdfParams::new(19456, 2, 1).unwrap()).unwrap()),
            PINNED_SMALL
        );
    }
    const PINNED_SMALL: &str = "04a2338b6da3f1f0f35a6b30ffa0b4adda210151c6018dd31a118078fdf7843a";

    #[test]
    fn items_round_trip_and_refuse_tampering_and_moves() {
        let key = new_vault_key().unwrap();
        let a = new_item_id().unwrap();
        let b = new_item_id().unwrap();
        let envelope = seal_item(&key, 1, &a, 1, b"{\"name\":\"Pronote\"}").unwrap();
        assert!(envelope.as_text().starts_with("sv2."));
        assert_eq!(
            open_item(&key, 1, &a, 1, &envelope).unwrap().as_slice(),
            b"{\"name\":\"Pronote\"}"
        );
        // Swapped to another item, or to another account: refused.
        assert_eq!(
            open_item(&key, 1, &b, 1, &envelope),
            Err(CryptoError::Undecryptable)
        );
        assert_eq!(
            open_item(&key, 2, &a, 1, &envelope),
            Err(CryptoError::Undecryptable)
        );
        // Another key (a wrong passphrase gives another key): refused.
        let other = new_vault_key().unwrap();
        assert_eq!(
            open_item(&other, 1, &a, 1, &envelope),
            Err(CryptoError::Undecryptable)
        );
        // One bit changed anywhere in the ciphertext or the nonce: refused.
        let mut bytes = envelope.ciphertext().to_vec();
        bytes[0] ^= 1;
        let nonce: [u8; 12] = envelope.nonce().try_into().unwrap();
        let tampered = Envelope::new(nonce, bytes).bound_to_revision();
        assert_eq!(
            open_item(&key, 1, &a, 1, &tampered),
            Err(CryptoError::Undecryptable)
        );
        let mut nonce2 = nonce;
        nonce2[11] ^= 0x80;
        let moved_nonce = Envelope::new(nonce2, envelope.ciphertext().to_vec()).bound_to_revision();
        assert_eq!(
            open_item(&key, 1, &a, 1, &moved_nonce),
            Err(CryptoError::Undecryptable)
        );
        // Two encryptions of the same text differ (fresh nonces).
        let again = seal_item(&key, 1, &a, 1, b"{\"name\":\"Pronote\"}").unwrap();
        assert_ne!(again.as_text(), envelope.as_text());
    }

    #[test]
    fn an_older_envelope_does_not_open_under_a_newer_revision() {
        let key = new_vault_key().unwrap();
        let a = new_item_id().unwrap();
        let first = seal_item(&key, 1, &a, 1, b"ancien").unwrap();
        let second = seal_item(&key, 1, &a, 2, b"nouveau").unwrap();
        assert_eq!(
            open_item(&key, 1, &a, 2, &second).unwrap().as_slice(),
            b"nouveau"
        );
        // The server puts the first envelope back as revision 2: it does not decrypt.
        assert_eq!(
            open_item(&key, 1, &a, 2, &first),
            Err(CryptoError::Undecryptable)
        );
        // Marked as an sv1 envelope to dodge the revision: the associated data differs too.
        let nonce: [u8; 12] = first.nonce().try_into().unwrap();
        let downgraded = Envelope::new(nonce, first.ciphertext().to_vec());
        assert_eq!(
            open_item(&key, 1, &a, 1, &downgraded),
            Err(CryptoError::Undecryptable)
        );
        // Items stored before revisions were bound (sv1) still open, under any revision.
        let legacy = seal(&key, &item_aad(1, &a, SCHEMA_VERSION), b"avant").unwrap();
        assert_eq!(
            open_item(&key, 1, &a, 7, &legacy).unwrap().as_slice(),
            b"avant"
        );
    }

    #[test]
    fn key_checks_depend_on_the_key_and_the_account() {
        let key = [3u8; KEY_LEN];
        assert_eq!(key_check(&key, 1), key_check(&key, 1));
        assert_ne!(key_check(&key, 1), key_check(&key, 2));
        assert_ne!(key_check(&key, 1), key_check(&[4u8; KEY_LEN], 1));
        assert_ne!(key_check(&key, 1).bytes(), &key);
    }

    #[test]
    fn a_wrong_passphrase_does_not_unwrap() {
        let salt = new_salt().unwrap();
        let kdf = KdfParams::new(19456, 2, 1).unwrap();
        let vault_key = new_vault_key().unwrap();
        let kek = passphrase_key("ma phrase de passe", &salt, kdf).unwrap();
        let wrapped = wrap(&kek, 9, PURPOSE_PASSPHRASE, &vault_key).unwrap();
        assert_eq!(
            *unwrap(&kek, 9, PURPOSE_PASSPHRASE, &wrapped).unwrap(),
            *vault_key
        );
        let wrong = passphrase_key("ma phrase de passE", &salt, kdf).unwrap();
        assert_eq!(
            unwrap(&wrong, 9, PURPOSE_PASSPHRASE, &wrapped),
            Err(CryptoError::Undecryptable)
        );
        // The passphrase wrapping does not open as the recovery wrapping, nor for another account.
        assert_eq!(
            unwrap(&kek, 9, PURPOSE_RECOVERY, &wrapped),
            Err(CryptoError::Undecryptable)
        );
        assert_eq!(
            unwrap(&kek, 10, PURPOSE_PASSPHRASE, &wrapped),
            Err(CryptoError::Undecryptable)
        );
    }

    #[test]
    fn recovery_keys_print_and_read_back() {
        let (text, bytes) = new_recovery_key().unwrap();
        assert_eq!(text.len(), 39, "{}", text.as_str());
        assert_eq!(text.matches('-').count(), 7);
        assert_eq!(parse_recovery_key(&text).unwrap(), bytes);
        let sloppy = text
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(parse_recovery_key(&sloppy).unwrap(), bytes);
        assert_eq!(
            parse_recovery_key("ABCD-EFGH"),
            Err(CryptoError::RecoveryKeyForm)
        );
        assert_eq!(
            parse_recovery_key(&text.replace(text.chars().next().unwrap(), "U")),
            Err(CryptoError::RecoveryKeyForm)
        );
        let salt = new_salt().unwrap();
        let vault_key = new_vault_key().unwrap();
        let wrapped = wrap(
            &recovery_kek(&bytes, &salt),
            3,
            PURPOSE_RECOVERY,
            &vault_key,
        )
        .unwrap();
        let again = parse_recovery_key(&sloppy).unwrap();
        assert_eq!(
            *unwrap(&recovery_kek(&again, &salt), 3, PURPOSE_RECOVERY, &wrapped).unwrap(),
            *vault_key
        );
    }
}
