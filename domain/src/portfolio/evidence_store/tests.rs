use super::*;

/// An upload slower than the grace period races the reconciler for its key: exactly one
/// wins. The reconciler took it: the file is deleted and the upload cannot commit its row.
/// The upload took it: the file stays.
#[tokio::test]
async fn a_key_in_flux_is_settled_by_one_side_only() {
    let dir = std::env::temp_dir().join(format!("sillage-settle-{}", std::process::id()));
    let db = Db::connect(&format!("sqlite://{}/db.sqlite", dir.display()), 1)
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let storage: Arc<dyn EvidenceStorage> = Arc::new(LocalDirectory::new(&dir));
    let (slow, quick) = (StorageKey::random(), StorageKey::random());
    mark_pending(&db, &[slow.clone(), quick.clone()])
        .await
        .unwrap();
    for key in [&slow, &quick] {
        storage.put(key, b"%PDF-1.4".to_vec()).await.unwrap();
    }
    let mut tx = db.pool().begin().await.unwrap();
    assert!(
        settle_pending_in(&mut tx, &quick).await.unwrap(),
        "the quick upload takes its key"
    );
    tx.commit().await.unwrap();

    assert_eq!(reconcile_pending(&db, &storage, 0).await.unwrap(), 1);
    assert!(
        storage.get(&slow).await.is_err(),
        "the reconciler deleted the slow upload's file"
    );
    assert!(
        storage.get(&quick).await.is_ok(),
        "and left the settled one alone"
    );
    let mut tx = db.pool().begin().await.unwrap();
    assert!(
        !settle_pending_in(&mut tx, &slow).await.unwrap(),
        "the slow upload finds its key taken and must not commit"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_local_directory_keeps_and_forgets_files() {
    let dir = std::env::temp_dir().join(format!("sillage-evidence-{}", std::process::id()));
    let storage = LocalDirectory::new(&dir);
    let key = StorageKey::random();
    storage.put(&key, b"%PDF-1.4".to_vec()).await.unwrap();
    assert_eq!(storage.get(&key).await.unwrap(), b"%PDF-1.4");
    storage.delete(&key).await.unwrap();
    assert!(storage.get(&key).await.is_err());
    storage.delete(&key).await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

#[test]
fn thumbnails_are_small_jpegs_of_large_images_only() {
    let thumbnail = make_thumbnail(&png(1000, 500), MediaType::Png).expect("a thumbnail");
    let decoded = image::load_from_memory(&thumbnail).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (320, 160));
    assert_eq!(
        super::super::evidence::sniff(&thumbnail),
        Ok(MediaType::Jpeg)
    );
    assert_eq!(
        make_thumbnail(&png(200, 100), MediaType::Png),
        None,
        "small: no thumbnail"
    );
    assert_eq!(make_thumbnail(b"%PDF-1.4", MediaType::Pdf), None);
    assert_eq!(
        make_thumbnail(b"\x89PNG\r\n\x1a\n broken", MediaType::Png),
        None
    );
    // A header claiming 100 000 × 100 000 pixels is not decoded.
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    assert_eq!(make_thumbnail(&bomb, MediaType::Png), None);
    let key = StorageKey::random();
    assert_ne!(key.thumbnail(), key);
    assert_eq!(
        StorageKey::parse(key.thumbnail().as_str()),
        Some(key.thumbnail())
    );
}

#[test]
fn keys_are_random_hex_and_nothing_else_parses() {
    let a = StorageKey::random();
    assert_ne!(a, StorageKey::random());
    assert_eq!(StorageKey::parse(a.as_str()), Some(a));
    for bad in [
        "../../etc/passwd",
        "",
        "ABCDEF0123456789ABCDEF0123456789",
        "0123",
    ] {
        assert_eq!(StorageKey::parse(bad), None, "{bad}");
    }
}
