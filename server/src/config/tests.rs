//! The configuration as read from the shipped file and the environment.

use super::*;

fn repo_config() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml")
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_shipped_file_is_the_embedded_demo_default() {
    let settings = Settings::load_from(&repo_config(), env(&[])).unwrap();
    assert_eq!(settings.backend().unwrap(), Backend::Sqlite);
    assert!(settings.demo_enabled().unwrap());
    assert!(settings.providers.is_empty());
    assert!(settings.session.cookie_secure);
}

#[test]
fn environment_overrides_the_file() {
    let settings = Settings::load_from(
        &repo_config(),
        env(&[
            ("SILLAGE_SITE__ADDRESS", "0.0.0.0:8080"),
            ("SILLAGE_SESSION__IDLE_TIMEOUT_MINUTES", "5"),
            ("SILLAGE_PROVIDERS__EDUCONNECT__KIND", "educonnect"),
            ("SILLAGE_PROVIDERS__EDUCONNECT__LABEL", "ÉduConnect"),
            (
                "SILLAGE_PROVIDERS__EDUCONNECT__ISSUER",
                "https://idp.example",
            ),
            ("SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_ID", "sillage"),
            ("SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_SECRET", "s3cret"),
            (
                "SILLAGE_PROVIDERS__EDUCONNECT__SCOPES",
                "profile,educonnect",
            ),
        ]),
    )
    .unwrap();
    assert_eq!(settings.site.address.port(), 8080);
    assert_eq!(settings.session.idle_timeout, Duration::from_secs(300));
    let provider = &settings.providers["educonnect"];
    assert_eq!(provider.scopes, vec!["profile", "educonnect"]);
    assert!(
        !format!("{provider:?}").contains("s3cret"),
        "secret leaked into Debug"
    );
}

#[test]
fn database_url_is_honoured_and_demo_is_refused_on_postgres() {
    let pg = env(&[("DATABASE_URL", "postgres://127.0.0.1/test")]);
    let settings = Settings::load_from(&repo_config(), pg.clone()).unwrap();
    assert_eq!(settings.backend().unwrap(), Backend::Postgres);
    assert!(
        !settings.demo_enabled().unwrap(),
        "auto must be off on PostgreSQL"
    );

    let mut on = pg.clone();
    on.push(("SILLAGE_DEMO__MODE".into(), "on".into()));
    assert!(matches!(
        Settings::load_from(&repo_config(), on.clone()),
        Err(SettingsError::DemoOnPostgres)
    ));
    on.push(("SILLAGE_DEMO__FORCE".into(), "true".into()));
    assert!(Settings::load_from(&repo_config(), on)
        .unwrap()
        .demo_enabled()
        .unwrap());
}

#[test]
fn auto_demo_is_off_as_soon_as_a_provider_is_configured() {
    let with_provider = env(&[
        ("SILLAGE_PROVIDERS__EDUCONNECT__KIND", "educonnect"),
        ("SILLAGE_PROVIDERS__EDUCONNECT__LABEL", "ÉduConnect"),
        (
            "SILLAGE_PROVIDERS__EDUCONNECT__ISSUER",
            "https://idp.example",
        ),
        ("SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_ID", "sillage"),
    ]);
    let settings = Settings::load_from(&repo_config(), with_provider.clone()).unwrap();
    assert_eq!(settings.backend().unwrap(), Backend::Sqlite);
    assert!(!settings.demo_enabled().unwrap(), "auto with a provider");
    let mut on = with_provider;
    on.push(("SILLAGE_DEMO__MODE".into(), "on".into()));
    let settings = Settings::load_from(&repo_config(), on).unwrap();
    assert!(settings.demo_enabled().unwrap(), "asked for explicitly");
}

#[test]
fn trusted_proxies_are_addresses_or_networks() {
    let settings = Settings::load_from(
        &repo_config(),
        env(&[("SILLAGE_SITE__TRUSTED_PROXIES", "10.0.0.0/8,127.0.0.1,::1")]),
    )
    .unwrap();
    let shown: Vec<String> = settings
        .site
        .trusted_proxies
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(shown, ["10.0.0.0/8", "127.0.0.1/32", "::1/128"]);
    let bad = Settings::load_from(
        &repo_config(),
        env(&[("SILLAGE_SITE__TRUSTED_PROXIES", "le proxy")]),
    );
    assert!(bad.is_err());
}

/// A staff provider's variables, with `extra` ones.
fn staff_provider(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs = env(&[
        ("SILLAGE_PROVIDERS__STAFF__KIND", "staff"),
        ("SILLAGE_PROVIDERS__STAFF__LABEL", "Annuaire"),
        ("SILLAGE_PROVIDERS__STAFF__ISSUER", "https://idp.example"),
        ("SILLAGE_PROVIDERS__STAFF__CLIENT_ID", "sillage"),
    ]);
    pairs.extend(env(extra));
    pairs
}

#[test]
fn a_staff_provider_needs_its_role_claim() {
    let error = Settings::load_from(&repo_config(), staff_provider(&[]))
        .expect_err("a staff provider without its role claim")
        .to_string();
    assert!(error.contains("role_claim"), "{error}");
    let result = Settings::load_from(
        &repo_config(),
        staff_provider(&[
            ("SILLAGE_PROVIDERS__STAFF__ROLE_CLAIM", "profil"),
            ("SILLAGE_PROVIDERS__STAFF__COUNSELLOR_VALUES", ""),
        ]),
    );
    assert!(matches!(result, Err(SettingsError::StaffWithoutRole(_))));
    let settings = Settings::load_from(
        &repo_config(),
        staff_provider(&[
            ("SILLAGE_PROVIDERS__STAFF__ROLE_CLAIM", "profil"),
            ("SILLAGE_PROVIDERS__STAFF__COUNSELLOR_VALUES", "PSYEN"),
        ]),
    )
    .unwrap();
    assert!(matches!(
        settings.providers["staff"].kind,
        ProviderKindSetting::Staff { .. }
    ));
}

/// A provider may have any id (an académie's ENT beside ÉduConnect), lists included.
#[test]
fn providers_of_any_id_and_kind() {
    let settings = Settings::load_from(
        &repo_config(),
        env(&[
            ("SILLAGE_PROVIDERS__ENT-IDF__KIND", "educonnect"),
            ("SILLAGE_PROVIDERS__ENT-IDF__LABEL", "monlycée.net"),
            ("SILLAGE_PROVIDERS__ENT-IDF__ISSUER", "https://ent.example"),
            ("SILLAGE_PROVIDERS__ENT-IDF__CLIENT_ID", "sillage"),
            ("SILLAGE_PROVIDERS__ENT-IDF__SCOPES", "openid,profile"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__KIND", "staff"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__LABEL", "Annuaire"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__ISSUER", "https://idp.example"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__CLIENT_ID", "sillage"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__ROLE_CLAIM", "fonction"),
            ("SILLAGE_PROVIDERS__ANNUAIRE__COUNSELLOR_VALUES", "PSYEN,PP"),
        ]),
    )
    .unwrap();
    let ent = &settings.providers["ent-idf"];
    assert_eq!(ent.kind, ProviderKindSetting::Educonnect);
    assert_eq!(ent.scopes, ["openid", "profile"]);
    assert_eq!(
        settings.providers["annuaire"].kind(),
        ProviderKind::Staff {
            role_claim: "fonction".into(),
            counsellor_values: vec!["PSYEN".into(), "PP".into()],
        }
    );
    let bad_issuer = Settings::load_from(
        &repo_config(),
        env(&[
            ("SILLAGE_PROVIDERS__ENT__KIND", "educonnect"),
            ("SILLAGE_PROVIDERS__ENT__LABEL", "ENT"),
            ("SILLAGE_PROVIDERS__ENT__ISSUER", "ent.example"),
            ("SILLAGE_PROVIDERS__ENT__CLIENT_ID", "sillage"),
        ]),
    );
    assert!(matches!(bad_issuer, Err(SettingsError::BadIssuer(..))));
}

/// A negative or zero size, count or duration stops the start, naming its key; so does an
/// address that is not one.
#[test]
fn wrong_values_are_refused_with_their_key() {
    for (key, value, named) in [
        (
            "SILLAGE_PORTFOLIO__MAX_EVIDENCE_BYTES",
            "-1",
            "max_evidence_bytes",
        ),
        (
            "SILLAGE_PORTFOLIO__MAX_EVIDENCE_PER_ENTRY",
            "0",
            "max_evidence_per_entry",
        ),
        (
            "SILLAGE_SESSION__IDLE_TIMEOUT_MINUTES",
            "0",
            "idle_timeout_minutes",
        ),
        (
            "SILLAGE_SESSION__ABSOLUTE_TIMEOUT_HOURS",
            "-12",
            "absolute_timeout_hours",
        ),
        (
            "SILLAGE_LIMITS__RENDER_DEADLINE_SECONDS",
            "0",
            "render_deadline_seconds",
        ),
        ("SILLAGE_DATABASE__MAX_CONNECTIONS", "0", "max_connections"),
        ("SILLAGE_SITE__PUBLIC_URL", "portail.example", "public_url"),
    ] {
        let error = Settings::load_from(&repo_config(), env(&[(key, value)]))
            .expect_err(key)
            .to_string();
        assert!(error.contains(named), "{key}={value}: {error}");
    }
    let settings = Settings::load_from(
        &repo_config(),
        env(&[("SILLAGE_SITE__PUBLIC_URL", "https://portail.example/")]),
    )
    .unwrap();
    assert_eq!(
        settings.site.public_url.map(String::from).as_deref(),
        Some("https://portail.example/")
    );
}
