//! Runtime configuration: `Leptos.toml`, overridden by `SILLAGE_<SECTION>__<KEY>` variables.
//!
//! Every setting is documented in `Leptos.toml` where it has its default. Secrets are
//! `SecretString`s: they print as `[REDACTED]` in logs and debug output.

use domain::db::Backend;
use domain::identity::ProviderKind;
use secrecy::SecretString;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub site: SiteSettings,
    pub database: DatabaseSettings,
    pub session: SessionSettings,
    pub demo: DemoSettings,
    pub limits: LimitSettings,
    pub portfolio: PortfolioSettings,
    #[serde(default)]
    pub pix: PixSettings,
    #[serde(default)]
    pub providers: BTreeMap<String, ProviderSettings>,
    #[serde(default)]
    pub audit: AuditSettings,
}

/// The journal's key (HMAC of the hash chain), kept out of the database.
#[derive(Debug, Clone, Deserialize)]
pub struct AuditSettings {
    /// The key itself, 32 characters or more (`SILLAGE_AUDIT__KEY`): required on PostgreSQL,
    /// the same on every server of an instance.
    #[serde(default = "empty_secret")]
    pub key: SecretString,
    /// Without `key` on the embedded SQLite default: a key file, made on first start.
    #[serde(default = "default_audit_key_file")]
    pub key_file: String,
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            key: empty_secret(),
            key_file: default_audit_key_file(),
        }
    }
}

fn empty_secret() -> SecretString {
    SecretString::from(String::new())
}

fn default_audit_key_file() -> String {
    "data/audit.key".to_owned()
}

#[derive(Debug, Clone, Deserialize)]
pub struct SiteSettings {
    pub address: SocketAddr,
    #[serde(default)]
    pub public_url: String,
    pub site_root: String,
    pub site_pkg_dir: String,
    pub output_name: String,
    /// The reverse proxies (load balancers) in front of the portal, as addresses or networks
    /// (`10.0.0.0/8`). A request from one of them has its client address taken from
    /// `X-Forwarded-For`: the right-most hop that is not one of them (the left-most hops are
    /// whatever the client wrote). Empty: the connection's address, always.
    #[serde(default, deserialize_with = "networks")]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// After SIGTERM, how long requests under way may take before the process exits.
    pub shutdown_grace_seconds: u64,
}

/// Addresses (`10.0.0.1`, `::1`) or networks (`10.0.0.0/8`).
fn networks<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ipnet::IpNet>, D::Error> {
    use serde::de::Error as _;
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|text| {
            let text = text.trim();
            text.parse::<ipnet::IpNet>()
                .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| D::Error::custom(format!("{text:?} is not an address or a network")))
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionSettings {
    pub idle_timeout_minutes: i64,
    pub absolute_timeout_hours: i64,
    pub cookie_secure: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PortfolioSettings {
    /// The folder evidence files are kept in (created on first upload).
    pub evidence_dir: String,
    /// The largest evidence file accepted, in bytes.
    pub max_evidence_bytes: u64,
    /// How many files one entry may carry.
    pub max_evidence_per_entry: u64,
    /// The largest portfolio archive accepted for import, in bytes.
    pub max_import_bytes: u64,
    /// All of one pupil's evidence files together, in bytes (uploads and imports).
    pub max_bytes_per_account: u64,
    /// A file left in flux this long by an action that never finished (the server was killed
    /// mid-upload) is deleted if no row names it. Long enough for an upload under way on
    /// another server to finish.
    #[serde(default = "default_pending_grace_seconds")]
    pub pending_grace_seconds: i64,
}

fn default_pending_grace_seconds() -> i64 {
    3600
}

#[derive(Debug, Clone, Deserialize)]
pub struct PixSettings {
    /// The largest Pix Orga export accepted for import, in bytes.
    pub max_import_bytes: u64,
}

impl Default for PixSettings {
    fn default() -> Self {
        // A « collecte de profils » line is about 300 bytes: 100,000 pupils fit in 30 MB.
        PixSettings {
            max_import_bytes: 50_000_000,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct LimitSettings {
    pub sign_in_per_address_per_minute: u32,
    pub sign_in_per_account_per_minute: u32,
    /// Bytes of server-function bodies held in memory at once, all requests together; a body
    /// that does not fit within a few seconds is answered 503 with Retry-After.
    #[serde(default = "default_body_bytes_in_flight")]
    pub body_bytes_in_flight: u64,
    /// The longest a page may take to render (`http::deadline`); past it, 503 with Retry-After.
    #[serde(default = "default_render_deadline_seconds")]
    pub render_deadline_seconds: u64,
}

fn default_render_deadline_seconds() -> u64 {
    10
}

fn default_body_bytes_in_flight() -> u64 {
    64 * 1024 * 1024
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DemoMode {
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DemoSettings {
    pub mode: DemoMode,
    #[serde(default)]
    pub force: bool,
    /// Whether a demo instance tells its story (entries, Pix results, shared pages) to the demo
    /// accounts at its first start; off, they start empty (the test suites' own scenarios).
    #[serde(default = "told")]
    pub story: bool,
}

fn told() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKindSetting {
    Educonnect,
    Staff,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProviderSettings {
    pub kind: ProviderKindSetting,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub role_claim: Option<String>,
    #[serde(default)]
    pub counsellor_values: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not read the configuration: {0}")]
    Read(#[from] config::ConfigError),
    #[error("demo mode is refused on PostgreSQL: its accounts are fictitious and open to anyone. Set SILLAGE_DEMO__FORCE=true only on a throw-away database. (Mode démo refusé sur PostgreSQL.)")]
    DemoOnPostgres,
    #[error("provider {0}: a staff provider needs role_claim and counsellor_values")]
    StaffWithoutRole(String),
    #[error("provider {0}: the id may only hold a-z, 0-9, - and _")]
    BadProviderId(String),
    #[error("site.public_url {0:?} is not an http(s) URL")]
    BadPublicUrl(String),
    #[error(transparent)]
    Database(#[from] domain::db::DbError),
    #[error("audit.key must hold at least 32 characters (SILLAGE_AUDIT__KEY); on PostgreSQL it is required, the same on every server (clé du journal manquante ou trop courte)")]
    AuditKeyMissing,
    #[error("the journal key file {0} could not be read or made: {1}")]
    AuditKeyFile(String, std::io::Error),
}

impl Settings {
    /// Reads `Leptos.toml` (path from `SILLAGE_CONFIG`, default `./Leptos.toml`), then the
    /// environment.
    pub fn load() -> Result<Settings, SettingsError> {
        let path = std::env::var("SILLAGE_CONFIG").unwrap_or_else(|_| "Leptos.toml".to_owned());
        Settings::load_from(Path::new(&path), std::env::vars())
    }

    pub fn load_from(
        path: &Path,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        let env: BTreeMap<String, String> = env.into_iter().collect();
        let mut builder = config::Config::builder()
            .add_source(config::File::from(path).format(config::FileFormat::Toml))
            .add_source(
                config::Environment::with_prefix("SILLAGE")
                    .prefix_separator("_")
                    .separator("__")
                    .list_separator(",")
                    .with_list_parse_key("providers.educonnect.scopes")
                    .with_list_parse_key("providers.staff.scopes")
                    .with_list_parse_key("providers.staff.counsellor_values")
                    .with_list_parse_key("site.trusted_proxies")
                    .try_parsing(true)
                    .source(Some(env.clone().into_iter().collect())),
            );
        // The conventional variable, for platforms that set it.
        if let (Some(url), None) = (env.get("DATABASE_URL"), env.get("SILLAGE_DATABASE__URL")) {
            builder = builder.set_override("database.url", url.as_str())?;
        }
        let settings: Settings = builder.build()?.try_deserialize()?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<(), SettingsError> {
        for (id, provider) in &self.providers {
            let id_ok = !id.is_empty()
                && id.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !id_ok {
                return Err(SettingsError::BadProviderId(id.clone()));
            }
            if provider.kind == ProviderKindSetting::Staff
                && (provider.role_claim.is_none() || provider.counsellor_values.is_empty())
            {
                return Err(SettingsError::StaffWithoutRole(id.clone()));
            }
        }
        let public = self.site.public_url.trim();
        if !public.is_empty() && !public.starts_with("http://") && !public.starts_with("https://") {
            return Err(SettingsError::BadPublicUrl(public.to_owned()));
        }
        self.demo_enabled()?;
        Ok(())
    }

    /// The journal key: `audit.key`, or on SQLite the key file (made with 256 random bits on
    /// the first start, readable by this user only).
    pub fn audit_key(&self) -> Result<domain::audit::AuditKey, SettingsError> {
        use secrecy::ExposeSecret;
        let configured = self.audit.key.expose_secret();
        if !configured.is_empty() {
            return domain::audit::AuditKey::new(configured.as_bytes())
                .ok_or(SettingsError::AuditKeyMissing);
        }
        if self.backend()? != Backend::Sqlite {
            return Err(SettingsError::AuditKeyMissing);
        }
        let path = Path::new(&self.audit.key_file);
        let failed =
            |e: std::io::Error| SettingsError::AuditKeyFile(self.audit.key_file.clone(), e);
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(failed)?;
                }
                let mut bytes = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
                let text = hex::encode(bytes);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(failed)?;
                std::io::Write::write_all(&mut file, text.as_bytes()).map_err(failed)?;
                tracing::warn!(file = %path.display(), "journal key made: back it up with the database, outside it");
                text
            }
            Err(error) => return Err(failed(error)),
        };
        domain::audit::AuditKey::new(text.trim().as_bytes()).ok_or(SettingsError::AuditKeyMissing)
    }

    pub fn backend(&self) -> Result<Backend, SettingsError> {
        use secrecy::ExposeSecret;
        Ok(Backend::from_url(self.database.url.expose_secret())?)
    }

    /// Whether the demo accounts are seeded and offered, refusing them on PostgreSQL unless
    /// forced. `auto` turns them on only for the embedded default with no identity provider:
    /// a real deployment on SQLite (a small school's) never offers fictitious accounts.
    pub fn demo_enabled(&self) -> Result<bool, SettingsError> {
        let backend = self.backend()?;
        match (self.demo.mode, backend) {
            (DemoMode::Off, _) | (DemoMode::Auto, Backend::Postgres) => Ok(false),
            (DemoMode::Auto, Backend::Sqlite) => Ok(self.providers.is_empty()),
            (DemoMode::On, Backend::Sqlite) => Ok(true),
            (DemoMode::On, Backend::Postgres) if self.demo.force => Ok(true),
            (DemoMode::On, Backend::Postgres) => Err(SettingsError::DemoOnPostgres),
        }
    }
}

impl ProviderSettings {
    pub fn kind(&self) -> ProviderKind {
        match self.kind {
            ProviderKindSetting::Educonnect => ProviderKind::EduConnect,
            ProviderKindSetting::Staff => ProviderKind::Staff {
                role_claim: self.role_claim.clone().unwrap_or_default(),
                counsellor_values: self.counsellor_values.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(settings.session.idle_timeout_minutes, 5);
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

    #[test]
    fn a_staff_provider_needs_its_role_claim() {
        let result = Settings::load_from(
            &repo_config(),
            env(&[
                ("SILLAGE_PROVIDERS__STAFF__KIND", "staff"),
                ("SILLAGE_PROVIDERS__STAFF__LABEL", "Annuaire"),
                ("SILLAGE_PROVIDERS__STAFF__ISSUER", "https://idp.example"),
                ("SILLAGE_PROVIDERS__STAFF__CLIENT_ID", "sillage"),
            ]),
        );
        assert!(matches!(result, Err(SettingsError::StaffWithoutRole(_))));
    }
}
