#[test]
fn a_browser_refuses_what_is_older_than_what_it_saw() {
    let mut seen = SeenRevisions::default();
    assert!(seen.is_fresh("a", 1, false), "never seen: anything goes");
    seen.saw("a", 3, true);
    assert!(seen.is_fresh("a", 3, true));
    assert!(seen.is_fresh("a", 4, true), "saved since on another device");
    assert!(!seen.is_fresh("a", 2, true), "an older revision put back");
    assert!(
        !seen.is_fresh("a", 5, false),
        "an sv1 envelope of an sv2 item"
    );
    seen.saw("a", 2, true);
    assert!(!seen.is_fresh("a", 2, true), "never moves backwards");
    seen.deleted("a");
    assert!(!seen.is_fresh("a", 9, true), "a deleted item brought back");
    let text = serde_json::to_string(&seen).unwrap();
    assert_eq!(serde_json::from_str::<SeenRevisions>(&text).unwrap(), seen);
}

#[test]
fn envelopes_say_whether_they_bind_the_revision() {
    let plain = Envelope::new([7; NONCE_LEN], vec![1; TAG_LEN]);
    assert!(!plain.binds_revision());
    assert!(plain.as_text().starts_with("sv1."));
    let bound = plain.clone().bound_to_revision();
    assert!(bound.as_text().starts_with("sv2."));
    assert_eq!(Envelope::parse(&bound.as_text()), Ok(bound.clone()));
    assert_eq!(Envelope::parse(&plain.as_text()), Ok(plain));
    assert!(Envelope::parse(&bound.as_text().replacen("sv2", "sv3", 1)).is_err());
}

use super::*;

#[test]
fn envelopes_parse_only_in_their_shape() {
    let good = Envelope::new([7; 12], vec![1; 40]);
    let text = good.as_text();
    assert!(text.starts_with("sv1."));
    assert_eq!(Envelope::parse(&text), Ok(good));
    for bad in [
        "",
        "hello",
        "mot de passe en clair",
        "sv9.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "sv1.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
        "sv1.AAAAAAAAAAAAAAAA.AAAA",
        "sv1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.extra",
        "sv1.AAAAAAAAAAAAAAAA.not base64!!",
    ] {
        assert_eq!(
            Envelope::parse(bad),
            Err(VaultProblem::NotAnEnvelope),
            "{bad}"
        );
    }
    let huge = format!("sv1.{}.{}", encode(&[0; 12]), "A".repeat(100_000));
    assert_eq!(Envelope::parse(&huge), Err(VaultProblem::NotAnEnvelope));
}

#[test]
fn a_wrapped_key_holds_exactly_one_key() {
    let key = Envelope::new([1; 12], vec![0; 48]).as_text();
    assert!(WrappedKey::parse(&key).is_ok());
    let item = Envelope::new([1; 12], vec![0; 60]).as_text();
    assert_eq!(WrappedKey::parse(&item), Err(VaultProblem::NotAWrappedKey));
}

#[test]
fn kdf_parameters_have_safe_bounds() {
    assert!(KdfParams::new(65536, 3, 4).is_ok());
    assert!(!KdfParams::DEFAULT.needs_upgrade());
    assert!(KdfParams::new(19456, 2, 1).unwrap().needs_upgrade());
    for (m, t, p) in [(1024, 3, 4), (65536, 1, 4), (65536, 3, 0), (2 << 21, 3, 4)] {
        assert_eq!(KdfParams::new(m, t, p), Err(VaultProblem::BadKdfParameters));
    }
    let json = r#"{"memory_kib":8,"iterations":3,"parallelism":4}"#;
    assert!(serde_json::from_str::<KdfParams>(json).is_err());
}

#[test]
fn key_checks_are_exactly_one_key_long_and_never_printed() {
    let check = KeyCheck::new([9; 32]);
    let text = String::from(check.clone());
    assert_eq!(KeyCheck::parse(&text), Ok(check.clone()));
    assert_eq!(format!("{check:?}"), "KeyCheck(…)");
    for bad in [
        "",
        "AAAA",
        &encode(&[1; 31]),
        &encode(&[1; 33]),
        "not base64!",
    ] {
        assert_eq!(
            KeyCheck::parse(bad),
            Err(VaultProblem::BadKeyCheck),
            "{bad}"
        );
    }
    assert_ne!(key_check_info(1), key_check_info(2));
}

#[test]
fn item_ids_are_uuids() {
    let id = ItemId::from_random([0xab; 16]);
    assert_eq!(id.as_str(), "abababab-abab-4bab-abab-abababababab");
    assert_eq!(ItemId::parse(id.as_str()), Ok(id));
    for bad in [
        "",
        "x",
        "ABABABAB-ABAB-4BAB-ABAB-ABABABABABAB",
        "../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaa",
    ] {
        assert_eq!(ItemId::parse(bad), Err(VaultProblem::BadItemId));
    }
}

#[test]
fn associated_data_tells_accounts_items_and_versions_apart() {
    let a = ItemId::from_random([1; 16]);
    let b = ItemId::from_random([2; 16]);
    assert_ne!(item_aad(1, &a, 1), item_aad(2, &a, 1));
    assert_ne!(item_aad(1, &a, 1), item_aad(1, &b, 1));
    assert_ne!(item_aad(1, &a, 1), item_aad(1, &a, 2));
    assert_ne!(key_aad(1, "passphrase"), key_aad(1, "recovery"));
    assert_ne!(item_aad_at(1, &a, 3), item_aad_at(1, &a, 4));
    assert_ne!(item_aad_at(1, &a, 1), item_aad(1, &a, 1));
    // Length prefixes: moving a digit from one field to the next changes the bytes.
    assert_ne!(key_aad(12, "3"), key_aad(1, "23"));
}
