use super::*;

#[test]
fn the_hash_covers_every_field_and_the_link() {
    let base = chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "oidc");
    assert_eq!(base.len(), 64);
    assert_eq!(
        base,
        chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "oidc")
    );
    for other in [
        chain_hash(
            &"1".repeat(64),
            1,
            100,
            Some(1),
            Some(2),
            "signed_in",
            "oidc",
        ),
        chain_hash(GENESIS_HASH, 2, 100, Some(1), Some(2), "signed_in", "oidc"),
        chain_hash(GENESIS_HASH, 1, 101, Some(1), Some(2), "signed_in", "oidc"),
        chain_hash(GENESIS_HASH, 1, 100, None, Some(2), "signed_in", "oidc"),
        chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(3), "signed_in", "oidc"),
        chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_out", "oidc"),
        chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "demo"),
        // Moving a character from one field to the next changes the hash too.
        chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_ino", "idc"),
    ] {
        assert_ne!(base, other);
    }
}

#[test]
fn actions_round_trip() {
    for &action in AuditAction::ALL {
        assert_eq!(AuditAction::parse(action.as_str()), Some(action));
    }
    assert_eq!(AuditAction::parse("nope"), None);
}
