//! Imports and exports, so that a student arriving with a password manager, or leaving school,
//! keeps their accounts: Bitwarden's unencrypted JSON and CSV exports, and the generic CSV that
//! browsers read and write (`name,url,username,password,note`). All of it runs in the browser;
//! the file never reaches the server.

pub use domain::vault::items::ImportProblem;
use domain::vault::items::{ItemKind, VaultItem};
use domain::vault::MAX_ITEMS;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// An import file larger than this is refused before it is read.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    BitwardenJson,
    BitwardenCsv,
    Csv,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "bitwarden-json" => Some(Format::BitwardenJson),
            "bitwarden-csv" => Some(Format::BitwardenCsv),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Format::BitwardenJson => "bitwarden-json",
            Format::BitwardenCsv => "bitwarden-csv",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub format: Format,
    pub items: Vec<VaultItem>,
    /// Entries of kinds the vault does not keep (bank cards, identities).
    pub skipped: usize,
}

pub fn import(text: &str) -> Result<Imported, ImportProblem> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportProblem::TooBig);
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportProblem::Empty);
    }
    let imported = if text.trim_start().starts_with('{') {
        bitwarden_json(text)?
    } else {
        csv_file(text)?
    };
    if imported.items.len() > MAX_ITEMS {
        return Err(ImportProblem::TooManyItems {
            count: imported.items.len(),
        });
    }
    Ok(imported)
}

fn string(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn bitwarden_json(text: &str) -> Result<Imported, ImportProblem> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| ImportProblem::BadJson { line: e.line() })?;
    if value.get("encrypted").and_then(Value::as_bool) == Some(true)
        || value.get("encKeyValidation_DO_NOT_EDIT").is_some()
    {
        return Err(ImportProblem::EncryptedExport);
    }
    let Some(entries) = value.get("items").and_then(Value::as_array) else {
        return Err(ImportProblem::NotRecognised);
    };
    let mut items = Vec::new();
    let mut skipped = 0;
    for entry in entries {
        let name = string(entry, "name");
        // An item encrypted one by one (an organisation's export) has "2.…|…" cipher strings.
        if name.starts_with("2.") && name.contains('|') {
            return Err(ImportProblem::EncryptedExport);
        }
        let notes = string(entry, "notes");
        match entry.get("type").and_then(Value::as_u64) {
            Some(1) => {
                let login = entry.get("login").cloned().unwrap_or(Value::Null);
                let url = login
                    .get("uris")
                    .and_then(Value::as_array)
                    .and_then(|uris| uris.first())
                    .map(|uri| string(uri, "uri"))
                    .unwrap_or_default();
                let changed = [
                    string(&login, "passwordRevisionDate"),
                    string(entry, "revisionDate"),
                ]
                .iter()
                .find_map(|d| iso_day(d))
                .unwrap_or_default();
                items.push(VaultItem {
                    kind: ItemKind::Login,
                    name,
                    url,
                    username: string(&login, "username"),
                    password: string(&login, "password"),
                    notes,
                    two_factor: !string(&login, "totp").is_empty(),
                    password_changed_on: changed,
                });
            }
            Some(2) => items.push(VaultItem {
                kind: ItemKind::Note,
                name,
                notes,
                ..VaultItem::default()
            }),
            Some(_) => skipped += 1,
            None => return Err(ImportProblem::NotRecognised),
        }
    }
    Ok(Imported {
        format: Format::BitwardenJson,
        items: items.into_iter().map(named).collect(),
        skipped,
    })
}

/// An item with no name takes its address's host, or "Sans nom".
fn named(mut item: VaultItem) -> VaultItem {
    if item.name.trim().is_empty() {
        let host = item
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or_default()
            .to_owned();
        item.name = if host.is_empty() {
            "Sans nom".to_owned()
        } else {
            host
        };
    }
    item
}

const BITWARDEN_CSV: [&str; 11] = [
    "folder",
    "favorite",
    "type",
    "name",
    "notes",
    "fields",
    "reprompt",
    "login_uri",
    "login_username",
    "login_password",
    "login_totp",
];
const GENERIC_CSV: [&str; 5] = ["name", "url", "username", "password", "note"];

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| names.contains(&h.as_str()))
}

fn csv_file(text: &str) -> Result<Imported, ImportProblem> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| ImportProblem::BadCsv { line: 1 })?
        .iter()
        .map(|h| domain::text::fold(h.trim()).replace(['_', ' '], ""))
        .collect();
    let bitwarden = headers.len() >= 10
        && headers.iter().any(|h| h == "loginpassword")
        && headers.iter().any(|h| h == "type");
    let name = column(&headers, &["name", "title", "nom", "titre", "service"]);
    let url = column(
        &headers,
        &[
            "url", "uri", "loginuri", "site", "adresse", "website", "siteweb",
        ],
    );
    let username = column(
        &headers,
        &[
            "username",
            "login",
            "loginusername",
            "user",
            "identifiant",
            "email",
            "courriel",
        ],
    );
    let password = column(
        &headers,
        &["password", "loginpassword", "motdepasse", "pass"],
    );
    let notes = column(
        &headers,
        &[
            "note",
            "notes",
            "extra",
            "comment",
            "commentaire",
            "comments",
        ],
    );
    let kind = column(&headers, &["type"]);
    let totp = column(&headers, &["logintotp", "totp", "otpauth"]);
    let mut missing = Vec::new();
    if password.is_none() {
        missing.push("password".to_owned());
    }
    if name.is_none() && url.is_none() {
        missing.push("name / url".to_owned());
    }
    if !missing.is_empty() {
        return Err(if headers.len() < 2 {
            ImportProblem::NotRecognised
        } else {
            ImportProblem::MissingColumns { columns: missing }
        });
    }
    let mut items = Vec::new();
    let mut skipped = 0;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportProblem::BadCsv {
            line: e.position().map_or(index + 2, |p| p.line() as usize),
        })?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default().to_owned();
        let item_kind = match get(kind).to_ascii_lowercase().as_str() {
            "" | "login" | "1" => ItemKind::Login,
            "note" | "securenote" | "2" => ItemKind::Note,
            _ => {
                skipped += 1;
                continue;
            }
        };
        items.push(named(VaultItem {
            kind: item_kind,
            name: get(name),
            url: get(url),
            username: get(username),
            password: get(password),
            notes: get(notes),
            two_factor: !get(totp).is_empty(),
            password_changed_on: String::new(),
        }));
    }
    Ok(Imported {
        format: if bitwarden {
            Format::BitwardenCsv
        } else {
            Format::Csv
        },
        items,
        skipped,
    })
}

fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The items in `format`, as the other tool expects them. `ids` give Bitwarden's JSON its ids.
pub fn export(format: Format, items: &[(String, VaultItem)]) -> String {
    match format {
        Format::BitwardenJson => {
            let entries: Vec<Value> = items
                .iter()
                .map(|(id, item)| {
                    let notes = if item.notes.is_empty() { Value::Null } else { Value::from(item.notes.clone()) };
                    match item.kind {
                        ItemKind::Login => json!({
                            "id": id, "organizationId": null, "folderId": null, "type": 1, "reprompt": 0,
                            "name": item.name, "notes": notes, "favorite": false,
                            "login": {
                                "uris": if item.url.is_empty() { json!([]) } else { json!([{ "match": null, "uri": item.url }]) },
                                "username": item.username, "password": item.password, "totp": null,
                                "passwordRevisionDate": if item.password_changed_on.is_empty() { Value::Null } else { Value::from(format!("{}T00:00:00.000Z", item.password_changed_on)) },
                            },
                            "collectionIds": null,
                        }),
                        ItemKind::Note => json!({
                            "id": id, "organizationId": null, "folderId": null, "type": 2, "reprompt": 0,
                            "name": item.name, "notes": notes, "favorite": false,
                            "secureNote": { "type": 0 }, "collectionIds": null,
                        }),
                    }
                })
                .collect();
            serde_json::to_string_pretty(
                &json!({ "encrypted": false, "folders": [], "items": entries }),
            )
            .unwrap_or_default()
        }
        Format::BitwardenCsv => csv_text(
            &BITWARDEN_CSV,
            items
                .iter()
                .map(|(_, item)| {
                    let (kind, url, username, password) = match item.kind {
                        ItemKind::Login => (
                            "login",
                            item.url.clone(),
                            item.username.clone(),
                            item.password.clone(),
                        ),
                        ItemKind::Note => ("note", String::new(), String::new(), String::new()),
                    };
                    vec![
                        String::new(),
                        String::new(),
                        kind.to_owned(),
                        item.name.clone(),
                        item.notes.clone(),
                        String::new(),
                        "0".to_owned(),
                        url,
                        username,
                        password,
                        String::new(),
                    ]
                })
                .collect(),
        ),
        Format::Csv => csv_text(
            &GENERIC_CSV,
            items
                .iter()
                .filter(|(_, item)| item.kind == ItemKind::Login)
                .map(|(_, item)| {
                    vec![
                        item.name.clone(),
                        item.url.clone(),
                        item.username.clone(),
                        item.password.clone(),
                        item.notes.clone(),
                    ]
                })
                .collect(),
        ),
    }
}

/// The `YYYY-MM-DD` day an ISO 8601 timestamp starts with (`2023-05-04T10:00:00.000Z`), if it
/// starts with a real day: anything else (a crafted or truncated value) is no date, not a panic.
fn iso_day(text: &str) -> Option<String> {
    let day = text.get(..10)?;
    let bytes = day.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let shaped =
        digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10);
    if !shaped {
        return None;
    }
    let month: u32 = day[5..7].parse().ok()?;
    let dom: u32 = day[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&dom)).then(|| day.to_owned())
}

#[cfg(test)]
mod tests;
