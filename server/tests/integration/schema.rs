//! The two migration folders are kept by hand (`migrations/sqlite`, `migrations/postgres`). Both
//! are applied to empty databases and the resulting schemas compared: the same tables, columns
//! (type, nullability), primary keys, indexes (columns, uniqueness, partial or not) and foreign
//! keys (with their `ON DELETE`, on which erasure depends). Types are compared as the engines'
//! families (`INTEGER`/`BIGINT` are both integers), per `migrations/README.md`.

use crate::support::{postgres_url, Engine, TestDatabase};
use domain::db::Db;
use sqlx::Row;
use std::collections::BTreeSet;

/// One fact of a schema, as a line both engines can be brought to write the same way.
type Schema = BTreeSet<String>;

fn type_family(declared: &str) -> &'static str {
    let declared = declared.to_ascii_lowercase();
    if declared.contains("int") {
        "integer"
    } else if declared.contains("char") || declared.contains("text") {
        "text"
    } else if declared.contains("blob") || declared.contains("bytea") {
        "bytes"
    } else if declared.contains("real") || declared.contains("double") || declared.contains("float")
    {
        "real"
    } else if declared.contains("bool") {
        "boolean"
    } else {
        "other"
    }
}

fn column_line(table: &str, column: &str, declared: &str, not_null: bool) -> String {
    let null = if not_null { "not null" } else { "null" };
    format!("column {table}.{column} {} {null}", type_family(declared))
}

fn foreign_key_line(
    table: &str,
    from: &[String],
    target: &str,
    to: &[String],
    on_delete: &str,
) -> String {
    let on_delete = match on_delete {
        "" | "NO ACTION" => String::new(),
        action => format!(" on delete {}", action.to_ascii_lowercase()),
    };
    format!(
        "foreign key {table}({}) -> {target}({}){on_delete}",
        from.join(","),
        to.join(",")
    )
}

struct ForeignKey {
    target: String,
    from: Vec<String>,
    to: Vec<String>,
    on_delete: String,
}

async fn sqlite_schema(db: &Db) -> Schema {
    let pool = db.pool();
    let mut schema = Schema::new();
    let tables: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("tables")
    .iter()
    .map(|row| row.get(0))
    .collect();
    for table in &tables {
        schema.insert(format!("table {table}"));
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("columns");
        let mut key: Vec<(i64, String)> = Vec::new();
        for row in &columns {
            let name: String = row.get(0);
            let declared: String = row.get(1);
            let not_null: i64 = row.get(2);
            let pk: i64 = row.get(3);
            // A key column is never null, whatever SQLite's pragma says of `INTEGER PRIMARY KEY`.
            schema.insert(column_line(
                table,
                &name,
                &declared,
                not_null != 0 || pk > 0,
            ));
            if pk > 0 {
                key.push((pk, name));
            }
        }
        key.sort();
        if !key.is_empty() {
            let names: Vec<String> = key.into_iter().map(|(_, name)| name).collect();
            schema.insert(format!("primary key {table}({})", names.join(",")));
        }
        let indexes = sqlx::query(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1) ORDER BY name",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("indexes");
        for row in &indexes {
            let name: String = row.get(0);
            let unique: i64 = row.get(1);
            let origin: String = row.get(2);
            let partial: i64 = row.get(3);
            if origin == "pk" {
                continue;
            }
            let columns: Vec<String> =
                sqlx::query("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(pool)
                    .await
                    .expect("index columns")
                    .iter()
                    .map(|row| row.get(0))
                    .collect();
            schema.insert(index_line(table, &columns, unique != 0, partial != 0));
        }
        let keys = sqlx::query(
            "SELECT id, \"table\", \"from\", \"to\", on_delete \
             FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("foreign keys");
        // One row per column of a key: grouped by the key's id, columns in order.
        let mut grouped: std::collections::BTreeMap<i64, ForeignKey> = Default::default();
        for row in &keys {
            let key = grouped.entry(row.get(0)).or_insert_with(|| ForeignKey {
                target: row.get(1),
                from: Vec::new(),
                to: Vec::new(),
                on_delete: row.get(4),
            });
            key.from.push(row.get(2));
            key.to.push(row.get(3));
        }
        for key in grouped.values() {
            schema.insert(foreign_key_line(
                table,
                &key.from,
                &key.target,
                &key.to,
                &key.on_delete,
            ));
        }
    }
    schema
}

fn index_line(table: &str, columns: &[String], unique: bool, partial: bool) -> String {
    format!(
        "{}index {table}({}){}",
        if unique { "unique " } else { "" },
        columns.join(","),
        if partial { " partial" } else { "" }
    )
}

async fn postgres_schema(db: &Db) -> Schema {
    let pool = db.pool();
    let mut schema = Schema::new();
    for row in sqlx::query(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("tables")
    {
        let table: String = row.get(0);
        schema.insert(format!("table {table}"));
    }
    for row in sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns c WHERE table_schema = current_schema() \
         AND table_name <> '_sqlx_migrations' AND EXISTS (SELECT 1 FROM information_schema.tables t \
         WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name \
         AND t.table_type = 'BASE TABLE')",
    )
    .fetch_all(pool)
    .await
    .expect("columns")
    {
        let table: String = row.get(0);
        let column: String = row.get(1);
        let declared: String = row.get(2);
        let nullable: String = row.get(3);
        schema.insert(column_line(&table, &column, &declared, nullable == "NO"));
    }
    // Primary keys, indexes and foreign keys from the catalogue, columns in key order.
    for row in sqlx::query(
        "SELECT t.relname::text, \
                ix.indisprimary::int::bigint, ix.indisunique::int::bigint, \
                (ix.indpred IS NOT NULL)::int::bigint, \
                array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n) \
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid \
         WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("indexes")
    {
        let table: String = row.get(0);
        let primary: i64 = row.get(1);
        let unique: i64 = row.get(2);
        let partial: i64 = row.get(3);
        let columns: String = row.get(4);
        if primary != 0 {
            schema.insert(format!("primary key {table}({columns})"));
        } else {
            let columns: Vec<String> = columns.split(',').map(str::to_owned).collect();
            schema.insert(index_line(&table, &columns, unique != 0, partial != 0));
        }
    }
    for row in sqlx::query(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, \
                array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) \
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n), ','), \
                array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) \
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n), ','), \
                CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' \
                  WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END \
         FROM pg_constraint c \
         WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
    )
    .fetch_all(pool)
    .await
    .expect("foreign keys")
    {
        let table: String = row.get(0);
        let target: String = row.get(1);
        let from: String = row.get(2);
        let to: String = row.get(3);
        let on_delete: String = row.get(4);
        let split = |list: &str| list.split(',').map(str::to_owned).collect::<Vec<_>>();
        schema.insert(foreign_key_line(
            &table,
            &split(&from),
            &target,
            &split(&to),
            &on_delete,
        ));
    }
    schema
}

async fn migrated_schema(engine: Engine) -> Schema {
    let database = TestDatabase::create(engine).await;
    let db = Db::connect(&database.url, 1).await.expect("connect");
    db.migrate().await.expect("migrate");
    let schema = match engine {
        Engine::Sqlite => sqlite_schema(&db).await,
        Engine::Postgres => postgres_schema(&db).await,
    };
    db.close().await;
    database.drop_database().await;
    schema
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_migration_folders_build_the_same_schema() {
    let Some(_) = postgres_url() else {
        eprintln!("NOTICE: the schemas are not compared: SILLAGE_TEST_POSTGRES_URL is not set");
        return;
    };
    let sqlite = migrated_schema(Engine::Sqlite).await;
    let postgres = migrated_schema(Engine::Postgres).await;
    // The comparison sees what matters: a cascade on the accounts, a partial unique index.
    assert!(
        sqlite.contains("foreign key own_skills(owner_id) -> accounts(id) on delete cascade"),
        "{sqlite:#?}"
    );
    assert!(
        sqlite.contains("unique index pix_results(student_id,campaign_id) partial"),
        "{sqlite:#?}"
    );
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the migration folders disagree.\nonly in migrations/sqlite: {only_sqlite:#?}\n\
         only in migrations/postgres: {only_postgres:#?}"
    );
}

#[test]
fn types_compare_by_family() {
    assert_eq!(type_family("INTEGER"), type_family("bigint"));
    assert_eq!(type_family("TEXT"), type_family("character varying"));
    assert_eq!(type_family("BLOB"), type_family("bytea"));
    assert_ne!(type_family("TEXT"), type_family("BIGINT"));
    assert_eq!(
        foreign_key_line("a", &["b".into()], "c", &["id".into()], "NO ACTION"),
        "foreign key a(b) -> c(id)"
    );
}
