//! Runtime configuration: `Leptos.toml`, overridden by `SILLAGE_<SECTION>__<KEY>` variables.
//!
//! Every setting is documented in `Leptos.toml` where it has its default. Secrets are
//! `SecretString`s: they print as `[REDACTED]` in logs and debug output.
//!
//! Typed when read, so a mistake stops the start with its key named, not a request later:
//! addresses are `Url`s, durations `Duration`s (the keys keep their unit: `…_seconds`,
//! `…_minutes`, `…_hours`), sizes and counts non-zero integers (a negative or zero size is
//! refused), and each provider's kind is a tagged variant holding what that kind needs.

use domain::db::Backend;
use domain::identity::ProviderKind;
use secrecy::SecretString;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::num::{NonZeroU32, NonZeroU64};
use std::path::Path;
use std::time::Duration;
use url::Url;

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
    /// Where the server appends a signed checkpoint of the journal's head every ten minutes
    /// when it moved (also written to the log): a file outside the database, ideally on
    /// another machine's storage. Empty: the log only.
    #[serde(default)]
    pub checkpoint_file: String,
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            key: empty_secret(),
            key_file: default_audit_key_file(),
            checkpoint_file: String::new(),
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
    /// The address users reach the portal at; empty: `http://localhost:<port>` on a loopback
    /// address (the embedded default), required otherwise.
    #[serde(default, deserialize_with = "optional_http_url")]
    pub public_url: Option<Url>,
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
    #[serde(rename = "shutdown_grace_seconds", deserialize_with = "seconds")]
    pub shutdown_grace: Duration,
}

/// A duration in whole seconds, as the domain and the database count them.
pub fn whole_seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// An http(s) address, or nothing (an empty string).
fn optional_http_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Url>, D::Error> {
    use serde::de::Error as _;
    let text = String::deserialize(d)?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(Some(url)),
        _ => Err(D::Error::custom(format!("{text:?} is not an http(s) URL"))),
    }
}

fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    Ok(Duration::from_secs(u64::deserialize(d)?))
}

/// A duration that cannot be zero (a session that ends at once, a render with no time at all).
fn positive<'de, D: serde::Deserializer<'de>>(d: D, unit_secs: u64) -> Result<Duration, D::Error> {
    let count = NonZeroU64::deserialize(d)?.get();
    Ok(Duration::from_secs(count.saturating_mul(unit_secs)))
}

fn positive_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    positive(d, 1)
}

fn positive_minutes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    positive(d, 60)
}

fn positive_hours<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    positive(d, 3600)
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
    pub max_connections: NonZeroU32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SessionSettings {
    /// A session unused this long is over.
    #[serde(rename = "idle_timeout_minutes", deserialize_with = "positive_minutes")]
    pub idle_timeout: Duration,
    /// A session this old since sign-in is over, however active.
    #[serde(rename = "absolute_timeout_hours", deserialize_with = "positive_hours")]
    pub absolute_timeout: Duration,
    pub cookie_secure: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PortfolioSettings {
    /// The folder evidence files are kept in (created on first upload).
    pub evidence_dir: String,
    /// The largest evidence file accepted, in bytes.
    pub max_evidence_bytes: NonZeroU64,
    /// How many files one entry may carry.
    pub max_evidence_per_entry: NonZeroU64,
    /// The largest portfolio archive accepted for import, in bytes.
    pub max_import_bytes: NonZeroU64,
    /// All of one pupil's evidence files together, in bytes (uploads and imports).
    pub max_bytes_per_account: NonZeroU64,
    /// A file left in flux this long by an action that never finished (the server was killed
    /// mid-upload) is deleted if no row names it. Long enough for an upload under way on
    /// another server to finish.
    #[serde(
        rename = "pending_grace_seconds",
        default = "default_pending_grace",
        deserialize_with = "seconds"
    )]
    pub pending_grace: Duration,
    /// Where uploaded archives and exports are written while they are read or sent: beside
    /// the evidence (`TMPDIR` may be memory). Empty: a `spool` folder next to `evidence_dir`.
    #[serde(default)]
    pub spool_dir: String,
    /// Portfolio exports this server writes at once, all accounts together (each account one
    /// at a time); beyond, « réessayez dans quelques minutes ».
    #[serde(default = "default_exports_at_once")]
    pub exports_at_once: NonZeroU32,
}

fn default_exports_at_once() -> NonZeroU32 {
    NonZeroU32::new(4).expect("not zero")
}

impl PortfolioSettings {
    /// The spool folder (`spool_dir`, else `spool` beside the evidence).
    pub fn spool_dir(&self) -> std::path::PathBuf {
        if !self.spool_dir.is_empty() {
            return self.spool_dir.clone().into();
        }
        let evidence = std::path::Path::new(&self.evidence_dir);
        evidence
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join("spool")
    }
}

fn default_pending_grace() -> Duration {
    Duration::from_secs(3600)
}

#[derive(Debug, Clone, Deserialize)]
pub struct PixSettings {
    /// The largest Pix Orga export accepted for import, in bytes.
    pub max_import_bytes: NonZeroU64,
}

impl Default for PixSettings {
    fn default() -> Self {
        // A « collecte de profils » line is about 300 bytes: 100,000 pupils fit in 30 MB.
        PixSettings {
            max_import_bytes: NonZeroU64::new(50_000_000).expect("not zero"),
        }
    }
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

/// What kind of identity provider, with what that kind needs (`kind = "…"` in the file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ProviderKindSetting {
    /// Pupils and guardians (ÉduConnect or an ENT speaking OpenID Connect like it).
    Educonnect,
    /// Staff: the claim that says who is a counsellor, and its values that do.
    Staff {
        role_claim: String,
        counsellor_values: Vec<String>,
    },
}

/// One identity provider, under any id (`[providers.<id>]`, `SILLAGE_PROVIDERS__<ID>__…`).
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderSettings {
    #[serde(flatten)]
    pub kind: ProviderKindSetting,
    pub label: String,
    /// Kept as written (accounts are keyed by it); checked to be an http(s) URL at load.
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<SecretString>,
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// The keys read as comma-separated lists from the environment, for every provider named there.
fn list_keys(env: &BTreeMap<String, String>) -> Vec<String> {
    let mut keys = vec!["site.trusted_proxies".to_owned()];
    for name in env.keys() {
        let Some(rest) = name.strip_prefix("SILLAGE_PROVIDERS__") else {
            continue;
        };
        for list in ["SCOPES", "COUNSELLOR_VALUES"] {
            if let Some(id) = rest.strip_suffix(&format!("__{list}")) {
                keys.push(format!(
                    "providers.{}.{}",
                    id.to_lowercase(),
                    list.to_lowercase()
                ));
            }
        }
    }
    keys
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
    #[error("provider {0}: issuer {1:?} is not an http(s) URL")]
    BadIssuer(String, String),
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
        let mut environment = config::Environment::with_prefix("SILLAGE")
            .prefix_separator("_")
            .separator("__")
            .list_separator(",");
        for key in list_keys(&env) {
            environment = environment.with_list_parse_key(&key);
        }
        let mut builder = config::Config::builder()
            .add_source(config::File::from(path).format(config::FileFormat::Toml))
            .add_source(
                environment
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
            if let ProviderKindSetting::Staff {
                role_claim,
                counsellor_values,
            } = &provider.kind
            {
                if role_claim.trim().is_empty()
                    || counsellor_values.iter().all(|v| v.trim().is_empty())
                {
                    return Err(SettingsError::StaffWithoutRole(id.clone()));
                }
            }
            let issuer_ok = Url::parse(&provider.issuer)
                .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.has_host());
            if !issuer_ok {
                return Err(SettingsError::BadIssuer(
                    id.clone(),
                    provider.issuer.clone(),
                ));
            }
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
        match &self.kind {
            ProviderKindSetting::Educonnect => ProviderKind::EduConnect,
            ProviderKindSetting::Staff {
                role_claim,
                counsellor_values,
            } => ProviderKind::Staff {
                role_claim: role_claim.clone(),
                counsellor_values: counsellor_values.clone(),
            },
        }
    }
}

mod limits;
pub use limits::LimitSettings;

#[cfg(test)]
mod tests;
