//! Storage of « mon projet »: one row per favourite, the pupil's; every statement names the
//! owner, so a pupil reaches only their own.

use super::{Favourite, FavouriteNote, ItemId, FAVOURITES_MAX};
use crate::db::{now_unix, Db};
use crate::guidance::onisep::DomainPair;
use crate::guidance::suggest::{suggest, Candidate, Profile, Suggestion};
use crate::identity::AccountId;
use sqlx::Row;

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// ONISEP's data has no such métier or formation (never had: a withdrawn one may stay).
    #[error("no such métier or formation")]
    UnknownItem,
    #[error("at most {FAVOURITES_MAX} favourites")]
    TooMany,
    /// Not a domaine of ONISEP's data, or too many.
    #[error("not ONISEP's domaines")]
    UnknownDomaine,
    /// Not an option of the year's calendar for that decision (or a formation where the
    /// decision takes none).
    #[error("not a choice of this decision")]
    UnknownChoice,
    #[error("at most {max} wishes")]
    TooManyWishes { max: usize },
    #[error("no such wish")]
    UnknownWish,
    #[error("no such step")]
    UnknownStep,
    #[error("too many steps")]
    TooManySteps,
    /// Not a counsellor of the pupil's school, or one she does not share her plan with.
    #[error("no such person")]
    UnknownPerson,
    #[error("too many recommendations waiting")]
    TooManyRecommendations,
    /// Not hers, or answered already.
    #[error("no such recommendation")]
    UnknownRecommendation,
    /// Not one of her portfolio entries, or not attached to that wish.
    #[error("no such portfolio entry")]
    UnknownEntry,
    #[error("at most {max} entries a wish")]
    TooMuchEvidence { max: usize },
    #[error("too many comments on the plan")]
    TooManyComments,
    /// Not theirs, or taken back already.
    #[error("no such comment")]
    UnknownComment,
    #[error("the journal could not be written: {0}")]
    Audit(#[from] crate::audit::AuditError),
    /// What she showed (portfolio, Pix) could not be read, for her suggestions.
    #[error(transparent)]
    Strengths(#[from] crate::guidance::strengths::StrengthsError),
    #[error("the plan could not be stored: {0}")]
    Database(#[from] sqlx::Error),
}

/// Whether ONISEP's data holds the item (withdrawn or not).
pub(crate) async fn exists(
    conn: &mut sqlx::AnyConnection,
    item: ItemId,
) -> Result<bool, sqlx::Error> {
    let table = match item {
        ItemId::Metier(_) => "onisep_metiers",
        ItemId::Formation(_) => "onisep_formations",
    };
    let found: Option<String> =
        sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = $1"))
            .bind(item.to_string())
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// Adds a favourite, or changes its note: one transaction.
pub async fn save_favourite(
    db: &Db,
    owner: AccountId,
    item: ItemId,
    note: &FavouriteNote,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    save_favourite_in(&mut tx, owner, item, Some(note)).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a favourite inside the caller's transaction; `note`: its new note (`None`: a new
/// favourite's is empty, an existing one's is kept).
pub(crate) async fn save_favourite_in(
    conn: &mut sqlx::AnyConnection,
    owner: AccountId,
    item: ItemId,
    note: Option<&FavouriteNote>,
) -> Result<(), PlanError> {
    if !exists(&mut *conn, item).await? {
        return Err(PlanError::UnknownItem);
    }
    let now = now_unix();
    let already: Option<String> = sqlx::query_scalar(
        "SELECT note FROM guidance_favourites WHERE owner_id = $1 AND item_id = $2",
    )
    .bind(owner.get())
    .bind(item.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    if already.is_some() {
        if let Some(note) = note {
            sqlx::query(
                "UPDATE guidance_favourites SET note = $1, updated_at = $2 \
                 WHERE owner_id = $3 AND item_id = $4",
            )
            .bind(note.as_str())
            .bind(now)
            .bind(owner.get())
            .bind(item.to_string())
            .execute(&mut *conn)
            .await?;
        }
        return Ok(());
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guidance_favourites WHERE owner_id = $1")
            .bind(owner.get())
            .fetch_one(&mut *conn)
            .await?;
    if count as usize >= FAVOURITES_MAX {
        return Err(PlanError::TooMany);
    }
    sqlx::query(
        "INSERT INTO guidance_favourites (owner_id, item_id, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(owner.get())
    .bind(item.to_string())
    .bind(note.map_or("", FavouriteNote::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes a favourite (nothing when it is not one).
pub async fn remove_favourite(db: &Db, owner: AccountId, item: ItemId) -> Result<(), PlanError> {
    sqlx::query("DELETE FROM guidance_favourites WHERE owner_id = $1 AND item_id = $2")
        .bind(owner.get())
        .bind(item.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The pupil's note on an item, when it is one of their favourites.
pub async fn favourite_note(
    db: &Db,
    owner: AccountId,
    item: ItemId,
) -> Result<Option<String>, PlanError> {
    Ok(sqlx::query_scalar(
        "SELECT note FROM guidance_favourites WHERE owner_id = $1 AND item_id = $2",
    )
    .bind(owner.get())
    .bind(item.to_string())
    .fetch_optional(db.pool())
    .await?)
}

/// The pupil's favourites, the most recently changed first.
pub async fn favourites(db: &Db, owner: AccountId) -> Result<Vec<Favourite>, PlanError> {
    let rows = sqlx::query(
        "SELECT g.item_id, g.note, g.updated_at, \
                COALESCE(m.label, f.label, '') AS label, COALESCE(f.type_label, '') AS type_label, \
                COALESCE(m.withdrawn_at, f.withdrawn_at) AS withdrawn_at \
         FROM guidance_favourites g \
         LEFT JOIN onisep_metiers m ON m.id = g.item_id \
         LEFT JOIN onisep_formations f ON f.id = g.item_id \
         WHERE g.owner_id = $1 ORDER BY g.updated_at DESC, g.item_id",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut favourites = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("item_id")?;
        // A row of another shape cannot be written by this module; skip rather than fail.
        let Some(item) = ItemId::parse(&id) else {
            continue;
        };
        let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
        let label: String = row.try_get("label")?;
        favourites.push(Favourite {
            item,
            withdrawn: withdrawn.is_some() || label.is_empty(),
            label,
            type_label: row.try_get("type_label")?,
            note: row.try_get("note")?,
            updated_at: row.try_get("updated_at")?,
        });
    }
    Ok(favourites)
}

/// Domaines a pupil may choose: a few, not the whole list.
pub const INTERESTS_MAX: usize = 30;

/// Every domaine ONISEP's data holds (the interests form's choices), in order.
pub async fn onisep_domaines(db: &Db) -> Result<Vec<String>, PlanError> {
    Ok(sqlx::query_scalar(
        "SELECT domaine FROM onisep_metier_domains UNION SELECT domaine FROM onisep_formation_domains \
         ORDER BY 1",
    )
    .fetch_all(db.pool())
    .await?)
}

/// The domaines the pupil chose, in order.
pub async fn interests(db: &Db, owner: AccountId) -> Result<Vec<String>, PlanError> {
    Ok(sqlx::query_scalar(
        "SELECT domaine FROM guidance_interests WHERE owner_id = $1 ORDER BY domaine",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?)
}

/// Replaces the pupil's domaines, in one transaction: only ONISEP's, at most [`INTERESTS_MAX`].
pub async fn save_interests(db: &Db, owner: AccountId, chosen: &[String]) -> Result<(), PlanError> {
    if chosen.len() > INTERESTS_MAX {
        return Err(PlanError::UnknownDomaine);
    }
    let known = onisep_domaines(db).await?;
    if chosen.iter().any(|domaine| !known.contains(domaine)) {
        return Err(PlanError::UnknownDomaine);
    }
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM guidance_interests WHERE owner_id = $1")
        .bind(owner.get())
        .execute(&mut *tx)
        .await?;
    for domaine in chosen {
        sqlx::query(
            "INSERT INTO guidance_interests (owner_id, domaine) VALUES ($1, $2) \
             ON CONFLICT (owner_id, domaine) DO NOTHING",
        )
        .bind(owner.get())
        .bind(domaine)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Suggestions a pupil may set aside: more than the suggestions she can be shown in a year.
pub const DISMISSED_MAX: usize = 500;

/// « Ne plus voir »: a suggestion the pupil does not want again. Only an item of ONISEP's data,
/// at most [`DISMISSED_MAX`]: one transaction.
pub async fn dismiss(db: &Db, owner: AccountId, item: ItemId) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    if !exists(&mut tx, item).await? {
        return Err(PlanError::UnknownItem);
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guidance_dismissed WHERE owner_id = $1")
            .bind(owner.get())
            .fetch_one(&mut *tx)
            .await?;
    if count as usize >= DISMISSED_MAX {
        return Err(PlanError::TooMany);
    }
    sqlx::query(
        "INSERT INTO guidance_dismissed (owner_id, item_id, dismissed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (owner_id, item_id) DO NOTHING",
    )
    .bind(owner.get())
    .bind(item.to_string())
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Brings a dismissed suggestion back.
pub async fn restore(db: &Db, owner: AccountId, item: ItemId) -> Result<(), PlanError> {
    sqlx::query("DELETE FROM guidance_dismissed WHERE owner_id = $1 AND item_id = $2")
        .bind(owner.get())
        .bind(item.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// What the pupil dismissed, with ONISEP's labels, the latest first.
pub async fn dismissed(db: &Db, owner: AccountId) -> Result<Vec<(ItemId, String)>, PlanError> {
    let rows = sqlx::query(
        "SELECT g.item_id, COALESCE(m.label, f.label, '') AS label FROM guidance_dismissed g \
         LEFT JOIN onisep_metiers m ON m.id = g.item_id \
         LEFT JOIN onisep_formations f ON f.id = g.item_id \
         WHERE g.owner_id = $1 ORDER BY g.dismissed_at DESC, g.item_id",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let id: String = row.try_get("item_id")?;
        if let Some(item) = ItemId::parse(&id) {
            out.push((item, row.try_get("label")?));
        }
    }
    Ok(out)
}

/// The domaine pairs of items, grouped by item (rows `id, label, type_label, domaine,
/// sous_domaine`).
fn grouped(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Candidate>, sqlx::Error> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let pair = DomainPair {
            domaine: row.try_get("domaine")?,
            sous_domaine: row.try_get("sous_domaine")?,
        };
        if let Some(&index) = at.get(&id) {
            out[index].domains.push(pair);
            continue;
        }
        let Some(item) = ItemId::parse(&id) else {
            continue;
        };
        at.insert(id, out.len());
        out.push(Candidate {
            item,
            label: row.try_get("label")?,
            type_label: row.try_get("type_label")?,
            domains: vec![pair],
        });
    }
    Ok(out)
}

/// The items of the given domaines (not withdrawn), with all their pairs.
async fn items_of(db: &Db, domaines: &[String]) -> Result<Vec<Candidate>, sqlx::Error> {
    if domaines.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=domaines.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut candidates = Vec::new();
    for (items, pairs, owner, type_label) in [
        ("onisep_metiers", "onisep_metier_domains", "metier_id", "''"),
        (
            "onisep_formations",
            "onisep_formation_domains",
            "formation_id",
            "i.type_label",
        ),
    ] {
        let sql = format!(
            "SELECT i.id, i.label, {type_label} AS type_label, d.domaine, d.sous_domaine \
             FROM {items} i JOIN {pairs} d ON d.{owner} = i.id \
             WHERE i.withdrawn_at IS NULL AND i.id IN \
               (SELECT {owner} FROM {pairs} WHERE domaine IN ({list})) \
             ORDER BY i.id, d.position"
        );
        let mut query = sqlx::query(&sql);
        for domaine in domaines {
            query = query.bind(domaine);
        }
        candidates.extend(grouped(query.fetch_all(db.pool()).await?)?);
    }
    Ok(candidates)
}

/// The pupil's suggestions, explained: her interests and favourites against the items of their
/// domaines.
pub async fn suggestions(
    db: &Db,
    owner: AccountId,
    limit: usize,
) -> Result<Vec<Suggestion>, PlanError> {
    let interests = interests(db, owner).await?;
    let favourite_ids: Vec<ItemId> = favourites(db, owner)
        .await?
        .into_iter()
        .map(|f| f.item)
        .collect();
    let dismissed: std::collections::HashSet<ItemId> = dismissed(db, owner)
        .await?
        .into_iter()
        .map(|(item, _)| item)
        .collect();
    // The favourites' own pairs: read with the items of their domaines below.
    let mut domaines: Vec<String> = interests.clone();
    let mut favourite_pairs: Vec<(ItemId, String, Vec<DomainPair>)> = Vec::new();
    for item in &favourite_ids {
        let (items, pairs, owner_column) = match item {
            ItemId::Metier(_) => ("onisep_metiers", "onisep_metier_domains", "metier_id"),
            ItemId::Formation(_) => (
                "onisep_formations",
                "onisep_formation_domains",
                "formation_id",
            ),
        };
        let rows = sqlx::query(&format!(
            "SELECT i.id, i.label, '' AS type_label, d.domaine, d.sous_domaine FROM {items} i \
             JOIN {pairs} d ON d.{owner_column} = i.id WHERE i.id = $1 ORDER BY d.position"
        ))
        .bind(item.to_string())
        .fetch_all(db.pool())
        .await?;
        for candidate in grouped(rows)? {
            for pair in &candidate.domains {
                if !domaines.contains(&pair.domaine) {
                    domaines.push(pair.domaine.clone());
                }
            }
            favourite_pairs.push((candidate.item, candidate.label, candidate.domains));
        }
    }
    let strengths = crate::guidance::strengths::shown(db, owner).await?;
    for strength in &strengths {
        for domaine in &strength.domaines {
            if !domaines.contains(domaine) {
                domaines.push(domaine.clone());
            }
        }
    }
    let profile = Profile {
        interests,
        favourites: favourite_pairs,
        strengths,
        dismissed,
    };
    if !profile.is_personal() {
        return Ok(Vec::new());
    }
    let candidates = items_of(db, &domaines).await?;
    Ok(suggest(&profile, &candidates, limit))
}
